"""``plangraph serve``: the SPARQL endpoint, the explorer page and its API on one Starlette app.

Routes: ``/`` the page; ``/sparql`` the SPARQL 1.1 Protocol endpoint
(:mod:`plangraph.server.sparql`); ``/api/...`` the page's JSON
(:mod:`plangraph.server.api`); ``/static/`` the page's own files; ``/vendor/yasgui/`` and
``/vendor/cytoscape/`` the vendored libraries. Nothing is fetched from anywhere else, and
the page's Content-Security-Policy lets the browser fetch nothing from anywhere else.

The server is read-only and never opens the store for writing: queries run in worker
processes over read-only snapshots (:mod:`plangraph.store.worker`), so ``plangraph
ingest`` may write to the same store while it serves, and new documents show up without
a restart. It listens on 127.0.0.1 unless told otherwise, and answers only to the host
names it listens on (and those given with ``--allow-host``), which keeps web pages that
re-point their own host name at 127.0.0.1 (DNS rebinding) from reading the graph.

It sends no CORS headers unless told to: a page from another origin cannot read its
answers. Nor can such a page make the analyst's browser run queries blind (a form POST
or an image needs no CORS to be sent): ``/sparql`` and ``/api/`` refuse, with 403, any
request whose ``Origin`` is not the server's own, or that the browser marks as sent by
another site (``Sec-Fetch-Site``), unless that origin was allowed with ``--allow-origin``.
Clients that are not browsers send neither header and are not affected.
"""

from __future__ import annotations

import ipaddress
import logging
import signal
import socket
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from importlib import resources
from types import FrameType

import uvicorn
from starlette.applications import Starlette
from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from plangraph.errors import PlangraphError
from plangraph.server import api, sparql
from plangraph.server.connections import ConnectionLimits, guarded_protocol
from plangraph.server.limits import Limits
from plangraph.store.forward import ForwardingPool
from plangraph.store.remote import is_remote
from plangraph.store.worker import RECURSION_LIMIT, QueryPool, WorkerPool

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "[::1]"})
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",  # YASGUI and Cytoscape set inline styles
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    )
)
_METHODS = ("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS")


class ServeError(PlangraphError):
    """The server could not start: the address is taken, or not one of this machine's."""


@dataclass(frozen=True)
class Settings:
    """Where the store is, where to listen, and the limits every query and every
    connection runs under (a request head may be as long as ``limits.max_body`` and
    64 KiB of headers, whatever ``connections.max_head`` says)."""

    store: str
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    limits: Limits = field(default_factory=Limits)
    allowed_hosts: tuple[str, ...] = ()
    connections: ConnectionLimits = field(default_factory=ConnectionLimits)
    allowed_origins: tuple[str, ...] = ()


def is_loopback(host: str) -> bool:
    """True for names and addresses that only this machine can reach.

    >>> [is_loopback(h) for h in ("127.0.0.1", "localhost", "::1", "0.0.0.0", "example.org")]
    [True, True, True, False, False]
    """
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def trusted_hosts(settings: Settings) -> frozenset[str] | None:
    """Host names requests may be addressed to; None allows any.

    Any is allowed only when the server listens on every interface and no
    ``--allow-host`` narrows it: it is then reachable under names it cannot know.
    """
    wildcard = settings.host in ("0.0.0.0", "::", "")
    if wildcard and not settings.allowed_hosts:
        return None
    names = set(LOOPBACK_NAMES) | {h.lower() for h in settings.allowed_hosts}
    if not wildcard:
        names.add(_url_host(settings.host.lower()))
    return frozenset(names)


def host_name(header: str) -> str:
    """The host of a ``Host`` header, without its port.

    >>> [host_name(h) for h in ("127.0.0.1:8765", "[::1]:80", "Example.org")]
    ['127.0.0.1', '[::1]', 'example.org']
    """
    header = header.strip().lower()
    if header.startswith("["):
        return header[: header.find("]") + 1]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def origin_name(origin: str) -> str:
    """An origin as browsers send it, lower-cased and without a trailing slash.

    >>> origin_name("HTTPS://Graph.Example.org/")
    'https://graph.example.org'
    """
    return origin.strip().lower().rstrip("/")


def foreign_origin(headers: Headers, allowed: frozenset[str]) -> str | None:
    """The other origin a browser says this request comes from; None when it comes from
    the server's own pages, from an allowed origin, or from a client that is no browser.
    """
    origin = headers.get("origin")
    if origin is not None:
        name = origin_name(origin)
        own = origin_name("http://" + headers.get("host", ""))
        return None if name in (own, own.replace("http:", "https:", 1)) or name in allowed else name
    if headers.get("sec-fetch-site", "").lower() in ("cross-site", "same-site"):
        return "another site"
    return None


class Guard:
    """Refuse requests for other host names and queries from other origins; add safety
    headers to every answer, and CORS headers for allowed origins."""

    def __init__(
        self, app: ASGIApp, hosts: frozenset[str] | None, origins: frozenset[str] = frozenset()
    ) -> None:
        self.app = app
        self.hosts = hosts
        self.origins = origins

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        header = Headers(scope=scope).get("host")
        if self.hosts is not None and header and host_name(header) not in self.hosts:
            name = host_name(header)
            refusal = PlainTextResponse(
                f"this server does not answer to the host name {name!r}; "
                f"start it with --allow-host {name} to allow it\n",
                400,
            )
            await refusal(scope, receive, send)
            return
        request_headers = Headers(scope=scope)
        allowed_origin = None
        if scope["path"] == "/sparql" or scope["path"].startswith("/api/"):
            foreign = foreign_origin(request_headers, self.origins)
            if foreign is not None:
                refusal = PlainTextResponse(
                    f"a request from {foreign} is refused: this server runs queries only for "
                    "its own pages and for clients that are not browsers; start it with "
                    "--allow-origin ORIGIN to let a page from that origin query it\n",
                    403,
                )
                await refusal(scope, receive, send)
                return
            origin = request_headers.get("origin")
            if origin is not None and origin_name(origin) in self.origins:
                allowed_origin = origin.strip()
                if scope["method"] == "OPTIONS":  # a preflight: say what may be sent
                    await Response(status_code=204, headers=_preflight(allowed_origin))(
                        scope, receive, send
                    )
                    return

        async def send_guarded(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if allowed_origin is not None:
                    headers["Access-Control-Allow-Origin"] = allowed_origin
                    headers.append("Vary", "Origin")
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "no-referrer")
                if headers.get("content-type", "").startswith("text/html"):
                    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                    headers.setdefault("X-Frame-Options", "DENY")
            await send(message)

        await self.app(scope, receive, send_guarded)


def _preflight(origin: str) -> dict[str, str]:
    return {
        "Access-Control-Allow-Origin": origin,
        "Access-Control-Allow-Methods": "GET, POST",
        "Access-Control-Allow-Headers": "Accept, Content-Type",
        "Access-Control-Max-Age": "600",
        "Vary": "Origin",
    }


def _page() -> str:
    return resources.files("plangraph.server").joinpath("static", "index.html").read_text("utf-8")


def create_app(pool: QueryPool, settings: Settings) -> Starlette:
    """The ASGI app over a started worker pool."""
    page = _page()

    async def index(request: Request) -> Response:
        return HTMLResponse(page, headers={"Cache-Control": "no-cache"})

    routes = [
        Route("/", index),
        Route("/sparql", sparql.endpoint, methods=_METHODS),
        Route("/api/queries", api.queries_endpoint),
        Route("/api/library/{name}", api.library_endpoint),
        Route("/api/summary", api.summary_endpoint),
        Route("/api/plans", api.plans_endpoint),
        Route("/api/plan", api.plan_endpoint),
        Route("/api/actor", api.actor_endpoint),
        Route("/api/metrics", api.metrics_endpoint),
        Route("/api/compare", api.compare_endpoint),
        Route("/api/compare/rows", api.compare_rows_endpoint),
        Route("/api/search", api.search_endpoint),
        Route("/api/node", api.node_endpoint),
        Route("/api/document", api.document_endpoint),
        Route("/api/documents", api.documents_endpoint),
        Route("/api/status", api.status_endpoint),
        Mount("/static", StaticFiles(packages=[("plangraph.server", "static")])),
        Mount("/vendor/yasgui", StaticFiles(packages=[("plangraph.vendor", "yasgui")])),
        Mount("/vendor/cytoscape", StaticFiles(packages=[("plangraph.vendor", "cytoscape")])),
    ]
    app = Starlette(routes=routes)
    app.state.pool = pool
    app.state.limits = settings.limits
    app.state.explorer = api.Explorer(pool, settings.store)
    origins = frozenset(origin_name(o) for o in settings.allowed_origins)
    app.add_middleware(Guard, hosts=trusted_hosts(settings), origins=origins)
    return app


def listen(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port`` (port 0: any free port), or :class:`ServeError`."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        sock = socket.socket(family, kind, proto)
    except (OSError, UnicodeError) as error:
        raise ServeError(f"cannot listen on {host}:{port}: {error}") from None
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as error:
        sock.close()
        reason = error.strerror or str(error)
        raise ServeError(f"cannot listen on {host}:{port}: {reason.lower()}") from None
    return sock


class _Server(uvicorn.Server):
    """uvicorn's server, saying it serves only once it does (its Ctrl-C handler then in
    place: an interrupt any earlier could be lost to its start-up) and remembering
    whether Ctrl-C stopped it."""

    def __init__(self, config: uvicorn.Config, ready: Callable[[], None]) -> None:
        super().__init__(config)
        self.ready = ready
        self.interrupted = False

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if not self.should_exit:
            self.ready()

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        if sig == signal.SIGINT:
            self.interrupted = True
        super().handle_exit(sig, frame)


def serve(settings: Settings, announce: Callable[[str], None] = print) -> None:
    """Serve until interrupted; ``announce`` receives the lines a user should read."""
    limits = settings.limits
    sock = listen(settings.host, settings.port)
    # over a SPARQL server, queries are parsed (screen.py) in this process: let the
    # parser recurse as deeply as it does in a worker, rather than refuse long queries
    sys.setrecursionlimit(max(sys.getrecursionlimit(), RECURSION_LIMIT))
    # a SPARQL server's store is served by forwarding each query to it, under the same limits
    pool: QueryPool
    if is_remote(settings.store):
        pool = ForwardingPool(
            settings.store, workers=limits.workers, timeout=limits.timeout, max_rows=limits.max_rows
        )
    else:
        pool = WorkerPool(
            settings.store,
            workers=limits.workers,
            timeout=limits.timeout,
            max_rows=limits.max_rows,
            memory=limits.max_memory,
        )
    try:
        pool.start()
        host, port = sock.getsockname()[:2]
        if host in ("0.0.0.0", "::"):  # every interface: show the one that works from here
            host = "127.0.0.1" if host == "0.0.0.0" else "::1"
        url = f"http://{_url_host(host)}:{port}/"

        def ready() -> None:
            announce(f"serving {pool.location} read-only at {url} (SPARQL endpoint: {url}sparql)")
            if not is_loopback(settings.host):
                announce(
                    f"warning: listening on {settings.host}: anyone who can reach this port "
                    "can read the whole graph; put a reverse proxy with authentication in front"
                )
            if not pool.isolated and not is_remote(settings.store):
                announce(
                    "note: the kernel does not let query workers leave the network here; "
                    "queries with the word SERVICE anywhere are refused instead"
                )

        # a GET request's query string may be as long as a POST body; longer heads get a
        # 414 from the protocol, which h11 must not reach first with a bare 400
        connections = replace(settings.connections, max_head=limits.max_body + 65536)
        config = uvicorn.Config(
            create_app(pool, settings),
            http=guarded_protocol(connections),
            lifespan="off",
            log_level="info",
            server_header=False,
            timeout_keep_alive=5,
            timeout_graceful_shutdown=5,
            # connections are capped by the protocol, which closes held ones to make room;
            # uvicorn's own cap would count held connections and answer real requests 503
            limit_concurrency=None,
            h11_max_incomplete_event_size=connections.max_head + 65536,
        )
        # the server's own start and stop are plangraph's lines to say; its errors and
        # the access log stay
        logging.getLogger("uvicorn.error").setLevel(logging.WARNING)
        server = _Server(config, ready)
        server.run(sockets=[sock])
        if server.interrupted:
            # uvicorn re-raises a captured Ctrl-C once it has shut down, but asyncio's own
            # handler can then lose the race to a loop that is already finishing: the
            # interrupt is then reported here, so that it always ends as one (exit 130)
            raise KeyboardInterrupt
    finally:
        pool.close()
        sock.close()
