"""A store in a SPARQL server: the SPARQL 1.1 Protocol for queries and updates, the Graph
Store Protocol to read the whole dataset at once.

``--store http://host:7878/`` (or ``PLANGRAPH_STORE``) points plangraph at a server; the
endpoints default to Oxigraph's (``query``, ``update`` and ``store`` under that URL), and
``PLANGRAPH_SERVER`` names another server's layout (``fuseki``, ``graphdb``,
``virtuoso``). Each ``PLANGRAPH_SPARQL_QUERY``, ``PLANGRAPH_SPARQL_UPDATE`` and
``PLANGRAPH_SPARQL_DATA`` overrides one endpoint (a path under the store's URL, or a URL
of its own), ``PLANGRAPH_UNION_GRAPH`` keeps the union of the documents in a named graph
instead of the default graph, and ``PLANGRAPH_STORE_TIMEOUT`` sets how many seconds a
request may take (60). A user and password in the URL are sent with every request.

The store behaves as the embedded one: one named graph per document, their union kept in
step by the same single update that replaces a document (:mod:`plangraph.store.updates`),
so a failed or refused write leaves the previous version in place. The protocol has no
parameters, so bound variables travel as ``VALUES`` blocks in the query's WHERE group,
each term written by rdflib; the shared prefixes travel as ``PREFIX`` lines; with a union
graph, the WHERE group is read inside ``GRAPH <union>``.
A connection refused, a timeout or an error status is one line naming the server.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx
import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Identifier

from plangraph.errors import QueryError, StoreError
from plangraph.store import is_remote as is_remote  # re-exported: the server imports it here
from plangraph.store import sources, updates
from plangraph.store.base import (
    DocumentInfo,
    NTriples,
    QueryResult,
    SelectResult,
    ntriples,
    text,
)
from plangraph.store.binding import bind, within
from plangraph.store.oxigraph import (
    _DATASET_FORMATS,
    _FORMATS,
    _PREFIXES,
    sorted_quads,
    to_oxigraph,
    to_rdflib,
)
from plangraph.store.sources import SourceState

DEFAULT_TIMEOUT = 60.0


class ServerTimeoutError(StoreError):
    """The server gave no answer within the time a request may take."""


class ServerRefusedError(StoreError):
    """The server answered with an error ``status``."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


UNION_GRAPH = URIRef("https://w3id.org/plangraph/id/graph/union")


@dataclass(frozen=True)
class Layout:
    """Where a server keeps its endpoints under the store's URL, and whether its default
    graph can hold the union (``union`` names a graph for it when it cannot)."""

    query: str
    update: str
    data: str
    union: URIRef | None = None
    digest: bool = False


# Oxigraph is tested in CI; the others follow their own documentation (docs/scaling-out.md).
LAYOUTS: Mapping[str, Layout] = {
    "oxigraph": Layout("query", "update", "store"),
    "fuseki": Layout("query", "update", "data"),
    "graphdb": Layout("", "statements", "rdf-graphs/service", UNION_GRAPH),
    "virtuoso": Layout("sparql-auth", "sparql-auth", "sparql-graph-crud-auth", UNION_GRAPH, True),
}

_RESULTS = "application/sparql-results+json"
_ACCEPT = f"{_RESULTS}, application/n-triples;q=0.9"
_PREFIX_LINES = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in _PREFIXES.items())
_DOCUMENTS = (
    "SELECT ?d ?source ?sha WHERE { GRAPH ?d { ?d a pg:Document ; "
    "dcterms:source ?source ; pg:sha256 ?sha } } ORDER BY ?d"
)


# the record of source files is the store's bookkeeping, not part of the dataset
_SOURCES = ox.NamedNode(str(sources.SOURCES_GRAPH))


def public(url: str) -> str:
    """The URL without its password, for messages.

    >>> public("http://admin:secret@db.example:7200/repositories/plans")
    'http://admin@db.example:7200/repositories/plans'
    """
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)[1]
    user = f"{parts.username}@" if parts.username else ""
    return urlunsplit(parts._replace(netloc=user + netloc))


@dataclass(frozen=True)
class Endpoints:
    """The three endpoints, the union graph, the credentials and the time a request may take."""

    base: str
    query: str
    update: str
    data: str
    union: URIRef | None = None
    timeout: float = DEFAULT_TIMEOUT
    auth: httpx.Auth | None = None

    @classmethod
    def from_url(cls, url: str, environ: Mapping[str, str] | None = None) -> Endpoints:
        """The endpoints of the server at ``url``, with the ``PLANGRAPH_*`` settings."""
        env = os.environ if environ is None else environ
        kind = env.get("PLANGRAPH_SERVER", "oxigraph").strip().lower() or "oxigraph"
        if kind not in LAYOUTS:
            raise StoreError(
                f"PLANGRAPH_SERVER={kind!r} is not a server plangraph knows; valid: "
                f"{', '.join(LAYOUTS)} (or set PLANGRAPH_SPARQL_QUERY, _UPDATE and _DATA)"
            )
        layout = LAYOUTS[kind]
        parts = urlsplit(url)
        if not parts.hostname:
            raise StoreError(f"{public(url)}: expected a server URL such as http://host:7878/")
        auth: httpx.Auth | None = None
        if parts.username is not None:
            user, password = parts.username, parts.password or ""
            auth = (
                httpx.DigestAuth(user, password)
                if layout.digest
                else httpx.BasicAuth(user, password)
            )
        netloc = parts.netloc.rsplit("@", 1)[-1]
        base = urlunsplit(parts._replace(netloc=netloc, query="", fragment=""))
        if not base.endswith("/"):
            base += "/"
        raw_timeout = env.get("PLANGRAPH_STORE_TIMEOUT", "")
        try:
            timeout = float(raw_timeout) if raw_timeout else DEFAULT_TIMEOUT
            if not timeout > 0:
                raise ValueError
        except ValueError:
            raise StoreError(
                f"PLANGRAPH_STORE_TIMEOUT={raw_timeout!r}: expected seconds, a number above 0"
            ) from None
        union = env.get("PLANGRAPH_UNION_GRAPH")

        def endpoint(name: str, default: str) -> str:
            path = env.get(f"PLANGRAPH_SPARQL_{name}", default)
            return urljoin(base, path) if path else base.rstrip("/")

        return cls(
            base=public(url),
            query=endpoint("QUERY", layout.query),
            update=endpoint("UPDATE", layout.update),
            data=endpoint("DATA", layout.data),
            union=URIRef(union) if union else layout.union,
            timeout=timeout,
            auth=auth,
        )


def _first_line(text: str) -> str:
    text = text.strip()
    return text.splitlines()[0][:300] if text else ""


class RemoteStore:
    """A :class:`plangraph.store.base.Store` in a SPARQL 1.1 server, over HTTP."""

    def __init__(self, endpoints: Endpoints, *, read_only: bool = False) -> None:
        self.endpoints = endpoints
        self.location = endpoints.base
        self.read_only = read_only
        self._client = httpx.Client(
            auth=endpoints.auth,
            timeout=httpx.Timeout(endpoints.timeout, connect=min(10.0, endpoints.timeout)),
            headers={"User-Agent": "plangraph"},
        )

    @classmethod
    def open(cls, url: str, *, read_only: bool = False) -> RemoteStore:
        """The store at ``url``; the first request finds out whether the server is there."""
        return cls(Endpoints.from_url(url), read_only=read_only)

    # -- HTTP ----------------------------------------------------------------------------

    def send(
        self, method: str, url: str, *, timeout: float | None = None, **options: Any
    ) -> httpx.Response:
        """One request; a network failure or a timeout is a one-line :class:`StoreError`."""
        if timeout is not None:
            options["timeout"] = httpx.Timeout(timeout, connect=min(10.0, timeout))
        try:
            return self._client.request(method, url, **options)
        except httpx.TimeoutException:
            seconds = timeout or self.endpoints.timeout
            raise ServerTimeoutError(
                f"{self.location}: no answer within {seconds:g} s "
                "(a busy or stuck server; raise PLANGRAPH_STORE_TIMEOUT to wait longer)"
            ) from None
        except httpx.HTTPError as error:
            reason = _first_line(str(error)) or type(error).__name__
            raise StoreError(
                f"{self.location}: cannot reach the store ({reason}); is the server running "
                "at that address?"
            ) from None

    def _refused(self, response: httpx.Response, what: str) -> ServerRefusedError:
        status = response.status_code
        hint = ""
        if status in (401, 403):
            hint = "; give a user and password in the URL (http://user:password@host/...)"
        elif status == 404:
            hint = "; check the URL and PLANGRAPH_SERVER (see docs/scaling-out.md)"
        detail = _first_line(response.text)
        return ServerRefusedError(
            f"{self.location}: {what}: the server answered {status}"
            + (f" ({detail})" if detail else "")
            + hint,
            status,
        )

    def post_query(
        self,
        sparql: str,
        bindings: Mapping[str, Identifier] | None = None,
        *,
        accept: str = _ACCEPT,
        default_graphs: tuple[str, ...] = (),
        named_graphs: tuple[str, ...] = (),
        timeout: float | None = None,
    ) -> httpx.Response:
        """POST a query (with the shared prefixes and its bindings); 400 is a QueryError."""
        params = [("default-graph-uri", g) for g in default_graphs]
        params += [("named-graph-uri", g) for g in named_graphs]
        text = bind(sparql, bindings)
        if self.endpoints.union is not None and not default_graphs:
            text = within(text, self.endpoints.union)
        response = self.send(
            "POST",
            self.endpoints.query,
            params=params,
            content=(_PREFIX_LINES + text).encode("utf-8"),
            headers={"Content-Type": "application/sparql-query", "Accept": accept},
            timeout=timeout,
        )
        if response.status_code == 400:
            raise QueryError(f"query failed: {_first_line(response.text) or 'bad request'}")
        if not response.is_success:
            raise self._refused(response, "the query was refused")
        return response

    def _update(self, update: str, failure: str) -> None:
        if self.read_only:
            raise StoreError(f"{self.location}: opened read-only; {failure}")
        response = self.send(
            "POST",
            self.endpoints.update,
            content=update.encode("utf-8"),
            headers={"Content-Type": "application/sparql-update"},
        )
        if not response.is_success:
            raise self._refused(response, failure)

    # -- the Store protocol ----------------------------------------------------------------

    def document_hash(self, document: URIRef) -> str | None:
        result = self.query(
            "SELECT ?sha WHERE { GRAPH ?d { ?d pg:sha256 ?sha } } LIMIT 1", {"d": document}
        )
        assert isinstance(result, SelectResult)
        return str(result.rows[0][0]) if result.rows else None

    def put_document(self, document: URIRef, graph: Graph | NTriples) -> None:
        self._update(
            updates.replace_document(document, ntriples(graph), self.endpoints.union),
            f"writing {document} failed, its previous version stays",
        )

    def patch_derived(self, graph: URIRef, removed: Graph, added: Graph) -> None:
        update = updates.patch_derived(
            graph,
            ntriples(removed) if len(removed) else "",
            ntriples(added) if len(added) else "",
            self.endpoints.union,
        )
        if update:
            self._update(update, f"writing {graph} failed, its previous version stays")

    def record_sources(self, states: Sequence[SourceState]) -> None:
        if states:
            self._update(sources.record_update(states), "recording the source files failed")

    def remove_document(self, document: URIRef) -> bool:
        if not self.query("ASK { GRAPH ?d { ?s ?p ?o } }", {"d": document}):
            return False
        self._update(
            updates.remove_document(document, self.endpoints.union),
            f"removing {document} failed, nothing removed",
        )
        return True

    def documents(self) -> list[DocumentInfo]:
        result = self.query(_DOCUMENTS)
        assert isinstance(result, SelectResult)
        return [DocumentInfo(URIRef(str(d)), str(s), str(h)) for d, s, h in result.rows]

    def query(self, sparql: str, bindings: Mapping[str, Identifier] | None = None) -> QueryResult:
        response = self.post_query(sparql, bindings)
        media = response.headers.get("content-type", "").split(";")[0].strip().lower()
        try:
            if media in (_RESULTS, "application/json"):
                answer = ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
                if isinstance(answer, ox.QueryBoolean):
                    return bool(answer)
                variables = tuple(v.value for v in answer.variables)
                rows = tuple(
                    tuple(to_rdflib(row[i]) for i in range(len(variables))) for row in answer
                )
                return SelectResult(variables, rows)
            graph = Graph()
            for triple in ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES):
                graph.add(
                    (
                        to_rdflib(triple.subject),
                        to_rdflib(triple.predicate),  # type: ignore[arg-type]
                        to_rdflib(triple.object),
                    )
                )
            return graph
        except (SyntaxError, ValueError) as error:
            raise StoreError(
                f"{self.location}: the server's answer ({media or 'no type'}) could not be read: "
                f"{_first_line(str(error))}"
            ) from None

    def dataset(self) -> list[Any]:
        """Every quad, document graphs named and the union in the default graph (pyoxigraph
        quads): one Graph Store Protocol GET of the dataset, or, from a server that does
        not offer that, one SELECT per part."""
        union = self.endpoints.union
        response = self.send("GET", self.endpoints.data, headers={"Accept": "application/n-quads"})
        media = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if response.is_success and media == "application/n-quads":
            try:
                parsed = list(ox.parse(response.content, format=ox.RdfFormat.N_QUADS))
            except (SyntaxError, ValueError) as error:
                raise StoreError(
                    f"{self.location}: the dataset could not be read: {_first_line(str(error))}"
                ) from None
            if union is None:
                return [q for q in parsed if q.graph_name != _SOURCES]
            name = ox.NamedNode(str(union))
            return [
                ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                if q.graph_name == name
                else q
                for q in parsed
                if not isinstance(q.graph_name, ox.DefaultGraph) and q.graph_name != _SOURCES
            ]
        return self._dataset_by_query()

    def _dataset_by_query(self) -> list[Any]:
        union = self.endpoints.union
        named = self.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
        default = self.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
        assert isinstance(named, SelectResult) and isinstance(default, SelectResult)

        def term(value: Identifier | None) -> Any:
            if value is None:
                raise StoreError(f"{self.location}: the server left a quad's term unbound")
            return to_oxigraph(value)

        quads = [
            ox.Quad(term(s), term(p), term(o), term(g))
            for g, s, p, o in named.rows
            if (union is None or g != union) and g != sources.SOURCES_GRAPH
        ]
        quads += [ox.Quad(term(s), term(p), term(o), ox.DefaultGraph()) for s, p, o in default.rows]
        return quads

    def serialize(self, fmt: str) -> bytes:
        if fmt not in _FORMATS:
            raise StoreError(f"unknown RDF format {fmt!r}; valid: {', '.join(sorted(_FORMATS))}")
        quads = self.dataset()
        if fmt in _DATASET_FORMATS:
            named = (q for q in quads if not isinstance(q.graph_name, ox.DefaultGraph))
            data = ox.serialize(named, format=_FORMATS[fmt], prefixes=_PREFIXES)
        else:
            union = (
                ox.Triple(q.subject, q.predicate, q.object)
                for q in quads
                if isinstance(q.graph_name, ox.DefaultGraph)
            )
            data = ox.serialize(
                union, format=_FORMATS[fmt], prefixes=_PREFIXES if fmt != "nt" else None
            )
        assert data is not None
        return bytes(data)

    def select_text(
        self, sparql: str, bindings: Mapping[str, Identifier] | None = None
    ) -> tuple[tuple[str | None, ...], ...]:
        result = self.query(sparql, bindings)
        if not isinstance(result, SelectResult):
            raise QueryError("select_text runs a SELECT query")
        return tuple(tuple(text(term) for term in row) for row in result.rows)

    def write(self, fmt: str, output: BinaryIO) -> None:
        output.write(self.serialize(fmt))

    def quads(self) -> Iterator[tuple[Identifier, Identifier, Identifier, Identifier]]:
        return sorted_quads(self.dataset())

    def close(self) -> None:
        self._client.close()
