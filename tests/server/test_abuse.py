"""The server under abuse: each class of hostile request an audit sent, generated here.

Every probe must get a 4xx/5xx answer of one line, leave no traceback in the server's
log, and leave the server answering cheap queries.
"""

from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx
import pytest

from plangraph.server.limits import check_query
from plangraph.server.screen import screen
from plangraph.store.worker import ForbiddenQueryError, MalformedQueryError

from .conftest import start_server, stop_server

CHEAP = "ASK { ?s ?p ?o }"


@pytest.fixture(scope="module")
def server(served_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A server whose body limit lets 20,000 levels of nesting in."""
    log = tmp_path_factory.mktemp("abuse") / "serve.log"
    running = start_server(served_store, log, "--timeout", "10", "--max-body", "200000")
    yield running
    stop_server(running)


def answers_cheap_queries(server: Any) -> bool:
    with server.client() as client:
        response = client.get("sparql", params={"query": CHEAP})
    return response.status_code == 200 and response.json()["boolean"] is True


def one_line(response: httpx.Response) -> str:
    lines = response.text.strip().splitlines()
    assert len(lines) == 1, response.text[:500]
    return lines[0]


def assert_no_traceback(server: Any) -> None:
    assert "Traceback" not in server.output()
    assert "Exception in ASGI application" not in server.output()


# --- SERVICE, LOAD and updates: decided by parsing -------------------------------------


def service_disguises() -> Iterator[str]:
    """Queries whose SERVICE call a scan of the text can miss: a less-than sign the scan
    reads as the start of an IRI, hiding what follows up to a later '>'."""
    endpoint = "<http://192.0.2.1/sparql>"
    for opening in ("BIND((1<'>') AS ?z)", 'BIND((1<">") AS ?z)', "FILTER(1<2)"):
        for gap in (" ", "\n", "#>\n", " #'\n"):
            yield f"SELECT * WHERE {{ {opening}{gap}SERVICE {endpoint} {{?s ?p ?o}} }} #'"
    yield "SELECT * WHERE { FILTER(1<2)SERVICE#>\n" + endpoint + " { ?s ?p ?o } }"
    yield "SELECT * WHERE { { SELECT * WHERE { SERVICE SILENT " + endpoint + " { ?s ?p ?o } } } }"
    yield "ASK { OPTIONAL { SERVICE ?where { ?s ?p ?o } } VALUES ?where { " + endpoint + " } }"


@pytest.mark.parametrize("sparql", list(service_disguises()))
def test_the_parse_finds_every_service_call(sparql: str) -> None:
    with pytest.raises(ForbiddenQueryError, match="SERVICE is refused"):
        screen(sparql)


def test_the_audit_bypass_fools_the_token_scan_but_not_the_parse() -> None:
    bypass = "SELECT * WHERE { BIND((1<'>') AS ?z) SERVICE <http://x/> {?s ?p ?o} } #'"
    assert check_query(bypass, isolated=True) == "SELECT"  # the scan alone lets it by
    with pytest.raises(ForbiddenQueryError):
        screen(bypass)


@pytest.mark.parametrize(
    "sparql",
    [
        "LOAD <http://192.0.2.1/data.ttl>",
        "# SELECT\nLOAD <file:///etc/passwd> INTO GRAPH <a:g>",
        "PREFIX ex: <http://example.org/> INSERT DATA { ex:a ex:b ex:c }",
        "DELETE WHERE { ?s ?p ?o }",
        "CLEAR ALL ; LOAD <http://192.0.2.1/x>",
    ],
)
def test_updates_are_refused_by_the_parse_too(sparql: str) -> None:
    with pytest.raises(ForbiddenQueryError, match="read-only"):
        screen(sparql)


@pytest.mark.parametrize(
    "sparql",
    [
        'SELECT * WHERE { ?s ?p "a SERVICE <http://x/> { }" }',
        "SELECT ?service WHERE { ?service a <http://example.org/service> } # SERVICE",
        "SELECT * WHERE { FILTER(1 < 2 && 3 > 2) ?s ?p ?o }",
        "PREFIX pg: <https://w3id.org/plangraph/ontology#> SELECT ?p WHERE { ?p a pg:Plan }",
        "SELECT * WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 1",
    ],
)
def test_queries_without_service_pass_the_parse(sparql: str) -> None:
    screen(sparql)


LIBRARY = Path(__file__).resolve().parents[2] / "src" / "plangraph" / "query" / "library"


@pytest.mark.parametrize("path", sorted(LIBRARY.rglob("*.rq")), ids=lambda p: p.stem)
def test_every_shipped_query_passes_the_parse(path: Path) -> None:
    screen(path.read_text(encoding="utf-8"))  # the page's LATERAL queries included


def test_a_service_call_inside_lateral_is_found() -> None:
    with pytest.raises(ForbiddenQueryError):
        screen("SELECT * WHERE { ?s ?p ?o LATERAL { SERVICE <http://x/> { ?s ?q ?r } } }")


def test_text_that_is_not_sparql_is_refused_as_malformed() -> None:
    with pytest.raises(MalformedQueryError, match="malformed SPARQL"):
        screen("SELECT * WHERE { ?s ?p }")


@pytest.mark.parametrize("sparql", list(service_disguises())[:6])
def test_the_server_refuses_disguised_service_calls(server: Any, sparql: str) -> None:
    with server.client() as client:
        got = client.get("sparql", params={"query": sparql})
        posted = client.post(
            "sparql", content=sparql, headers={"Content-Type": "application/sparql-query"}
        )
    for response in (got, posted):
        assert response.status_code == 403, response.text
        assert "SERVICE is refused" in one_line(response)
    assert_no_traceback(server)


# --- text that is slow to read ------------------------------------------------------------


def slow_to_scan() -> Iterator[str]:
    """Texts on which a scanner that tries a long token, fails and tries again one
    character later takes quadratic time (minutes for these 190 KB)."""
    size = 190_000
    yield "ASK { ?s ?p 'a\\'" + "a\\'" * (size // 3)  # a string escaped open to the end
    yield 'ASK { ?s ?p "a\\"' + 'a\\"' * (size // 3)
    yield "ASK { ?s ?p " + "a." * (size // 2) + " }"  # names that never reach their colon
    yield "ASK { ?s ?p '''" + "\\'''" * (size // 4)


@pytest.mark.parametrize("sparql", list(slow_to_scan()), ids=["single", "double", "dots", "long"])
def test_text_that_is_slow_to_scan_is_refused_within_the_time_limit(
    server: Any, sparql: str
) -> None:
    with server.client() as client:
        response = client.post(
            "sparql", content=sparql, headers={"Content-Type": "application/sparql-query"}
        )
    assert response.status_code == 400, response.text[:300]  # a quadratic read gives 504
    one_line(response)
    assert answers_cheap_queries(server)


# --- deep nesting ------------------------------------------------------------------------


def nested(kind: str, depth: int) -> str:
    if kind == "braces":
        return "SELECT * WHERE " + "{" * depth + " ?s ?p ?o " + "}" * depth
    if kind == "parentheses":
        return "SELECT * WHERE { FILTER(" + "(" * depth + "1" + ")" * depth + ") }"
    return "SELECT * WHERE { ?s ?p " + "[ ?p " * depth + "?o" + " ]" * depth + " }"


@pytest.mark.parametrize("kind", ["braces", "parentheses", "brackets"])
def test_deep_nesting_is_refused_before_parsing(server: Any, kind: str) -> None:
    workers = server.workers()
    with server.client() as client:
        response = client.post(
            "sparql",
            content=nested(kind, 20_000),
            headers={"Content-Type": "application/sparql-query"},
        )
    assert response.status_code == 400
    assert "levels deep; the limit is 128" in one_line(response)
    assert server.workers() == workers  # no worker crashed or was replaced
    assert answers_cheap_queries(server)


@pytest.mark.parametrize("kind", ["braces", "parentheses", "brackets"])
def test_nesting_under_the_limit_is_answered(server: Any, kind: str) -> None:
    with server.client() as client:
        response = client.get("sparql", params={"query": nested(kind, 100)})
    assert response.status_code == 200, response.text


def test_nesting_hidden_from_the_scan_is_stopped_by_the_parse(server: Any) -> None:
    # '<(((...2)))>' reads as one IRI to the token scan, so it sees no nesting at all
    hidden = "SELECT * WHERE { FILTER(1<" + "(" * 20_000 + "2" + ")" * 20_000 + ">0) }"
    workers = server.workers()
    with server.client() as client:
        response = client.post(
            "sparql", content=hidden, headers={"Content-Type": "application/sparql-query"}
        )
    assert response.status_code == 400, response.text
    one_line(response)
    assert server.workers() == workers
    assert answers_cheap_queries(server)
    assert_no_traceback(server)


# --- memory per query ---------------------------------------------------------------------

CROSS_PRODUCT = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"


def address_space_limit(pid: int) -> int:
    for line in Path(f"/proc/{pid}/limits").read_text().splitlines():
        if line.startswith("Max address space"):
            return int(line.split()[3])
    raise AssertionError("no address-space line")


def wait_for(condition: Callable[[], bool], ceiling: float = 60.0) -> bool:
    deadline = time.monotonic() + ceiling
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def test_a_query_past_the_memory_limit_stops_alone(
    served_store: Path, start: Callable[..., Any]
) -> None:
    capped = start(served_store, "--max-memory", "1024", "--timeout", "60", "--workers", "2")
    assert {address_space_limit(pid) for pid in capped.workers()} == {1 << 30}
    # 188 triples cubed and sorted: gigabytes, within a second, unless stopped
    cheap: list[int] = []
    stop = threading.Event()

    def ask_cheap_queries() -> None:
        with capped.client() as client:
            while not stop.is_set():
                cheap.append(client.get("sparql", params={"query": CHEAP}).status_code)

    asker = threading.Thread(target=ask_cheap_queries)
    asker.start()
    try:
        with capped.client() as client:
            for _ in range(2):
                response = client.get("sparql", params={"query": CROSS_PRODUCT})
                assert response.status_code == 507, response.text
                assert "memory limit of 1024 MiB" in one_line(response)
    finally:
        stop.set()
        asker.join(60)
    assert cheap and set(cheap) == {200}  # the other worker answered all along
    assert wait_for(lambda: len(capped.workers()) == 2)  # the stopped one was replaced
    assert answers_cheap_queries(capped)
    assert_no_traceback(capped)
    assert "memory allocation" not in capped.output()  # the engine's line stayed with its worker


def test_a_memory_limit_too_small_to_start_fails_in_one_line(served_store: Path) -> None:
    done = subprocess.run(
        [
            *(sys.executable, "-m", "plangraph", "serve", "--store", str(served_store)),
            *("--port", "0", "--max-memory", "256"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    [line] = done.stderr.strip().splitlines()
    assert line.startswith(f"plangraph: {served_store}: a query worker ended while starting")
    assert line.endswith(
        "a memory limit of 256 MiB may be too small for the store and its "
        "threads (about 600 MiB): raise --max-memory"
    )


def test_workers_get_a_memory_limit_by_default(server: Any) -> None:
    assert {address_space_limit(pid) for pid in server.workers()} == {2 << 30}


# --- slowloris and oversized requests ------------------------------------------------------


def host_and_port(server: Any) -> tuple[str, int]:
    host, port = server.url.removeprefix("http://").strip("/").rsplit(":", 1)
    return host, int(port)


def test_held_half_sent_headers_do_not_stop_real_requests(server: Any) -> None:
    address = host_and_port(server)
    with ExitStack() as held:
        for _ in range(40):
            sock = held.enter_context(socket.create_connection(address, timeout=60))
            sock.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        for _ in range(5):
            assert answers_cheap_queries(server)
    assert_no_traceback(server)


def test_a_ten_megabyte_query_string_gets_414(server: Any) -> None:
    host, port = host_and_port(server)
    client = http.client.HTTPConnection(host, port, timeout=60)
    try:
        client.request("GET", "/sparql?query=" + "ASK%7B%7D%23" + "x" * 10_000_000)
        response = client.getresponse()
        assert response.status == 414
        assert len(response.read().decode().strip().splitlines()) == 1
    finally:
        client.close()
    assert answers_cheap_queries(server)


# --- broken charsets and other malformed requests ---------------------------------------


@pytest.mark.parametrize(
    ("charset", "body", "status"),
    [
        ("rot13", b"NFX {}", 415),
        ("base64", b"QVNLIHt9", 415),
        ("zlib", b"x\x9cs\x0c\xf6V\xa8\xae\x05\x00\x07\x8a\x01\xf0", 415),
        ("bz2", b"BZh91AY&SY", 415),
        ("hex", b"41534b207b7d", 415),
        ("uu", b"begin 666 x\n", 415),
        ("quopri", b"ASK {}", 415),
        ("undefined", b"ASK {}", 400),
        ("utf-16", b"A\x00S\x00K", 400),
        ("utf-8", b"ASK { ?s ?p '\xff\xfe' }", 400),
        ("punycode", b"ASK {}\xff", 400),
        ("idna", b"\xff" * 10, 400),
        ("x" * 5000, b"ASK {}", 415),
        ("", b"ASK {}", 415),
    ],
)
def test_a_body_in_a_broken_charset_is_refused_in_one_line(
    server: Any, charset: str, body: bytes, status: int
) -> None:
    with server.client() as client:
        for content_type in ("application/sparql-query", "application/x-www-form-urlencoded"):
            sent = body if content_type.endswith("query") else b"query=" + body
            response = client.post(
                "sparql",
                content=sent,
                headers={"Content-Type": f"{content_type}; charset={charset}"},
            )
            assert response.status_code == status, response.text
            assert len(one_line(response)) < 200
    assert_no_traceback(server)


def malformed_requests() -> Iterator[dict[str, Any]]:
    """Requests a fuzzer sends: every one must get a 4xx, never a 500."""
    yield {"method": "GET", "url": "sparql?query=%ff%fe%00"}
    yield {"method": "GET", "url": "sparql?query=ASK%7B%7D&query=ASK%7B%7D"}
    yield {"method": "GET", "url": "sparql?query=%"}
    yield {"method": "GET", "url": "sparql?" + "&".join(f"k{i}=v" for i in range(3000))}
    yield {
        "method": "POST",
        "url": "sparql",
        "content": "&".join(f"k{i}=v" for i in range(3000)).encode(),
        "headers": {"Content-Type": "application/x-www-form-urlencoded"},
    }
    yield {
        "method": "POST",
        "url": "sparql",
        "content": bytes(range(256)) * 4,
        "headers": {"Content-Type": "application/sparql-query"},
    }
    yield {
        "method": "POST",
        "url": "sparql",
        "content": b"ASK {}",
        "headers": {"Content-Type": "application/sparql-query", "Content-Length": "x"},
    }
    yield {"method": "GET", "url": "sparql?query=ASK%7B%7D&default-graph-uri=%00"}
    yield {"method": "GET", "url": "api/node?iri=%ff"}
    yield {"method": "GET", "url": "api/plan?iri=" + "x" * 5000}


@pytest.mark.parametrize("request_options", list(malformed_requests()))
def test_malformed_requests_get_a_client_error(
    server: Any, request_options: dict[str, Any]
) -> None:
    with server.client() as client:
        try:
            response = client.request(**request_options)
        except httpx.LocalProtocolError:
            return  # the client would not even send it
    assert 400 <= response.status_code < 500, response.text
    assert_no_traceback(server)


# --- other origins ----------------------------------------------------------------------

FOREIGN = "http://attacker.example"


@pytest.mark.parametrize(
    ("content_type", "content"),
    [
        ("text/plain", b"ASK { ?s ?p ?o }"),
        ("application/x-www-form-urlencoded", b"query=ASK+%7B+%3Fs+%3Fp+%3Fo+%7D"),
        ("multipart/form-data; boundary=b", b'--b\r\nContent-Disposition: form-data; name="query"'),
    ],
)
def test_a_simple_post_from_another_origin_is_refused(
    server: Any, content_type: str, content: bytes
) -> None:
    with server.client() as client:
        response = client.post(
            "sparql", content=content, headers={"Content-Type": content_type, "Origin": FOREIGN}
        )
    assert response.status_code == 403
    assert f"a request from {FOREIGN} is refused" in one_line(response)
    assert "access-control-allow-origin" not in response.headers


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors"},  # an <img> or a form
        {"Origin": "null"},  # a sandboxed frame or a file
        {"Origin": "http://127.0.0.1.attacker.example"},
    ],
)
def test_browser_requests_from_elsewhere_are_refused(server: Any, headers: dict[str, str]) -> None:
    with server.client() as client:
        for path in ("sparql", "api/summary"):
            response = client.get(path, params={"query": CHEAP}, headers=headers)
            assert response.status_code == 403, (path, response.text)


def test_the_servers_own_pages_and_other_clients_may_query(server: Any) -> None:
    form = {"query": CHEAP}
    with server.client() as client:
        own = server.url.rstrip("/")
        for headers in (
            {"Origin": own, "Sec-Fetch-Site": "same-origin"},
            {"Sec-Fetch-Site": "none"},  # typed into the address bar
            {},  # curl, SPARQLWrapper, rdflib
        ):
            response = client.post("sparql", data=form, headers=headers)
            assert response.status_code == 200, response.text
            assert "access-control-allow-origin" not in response.headers  # no CORS by default
        page = client.get("/", headers={"Sec-Fetch-Site": "cross-site"})
        assert page.status_code == 200  # a link to the page from elsewhere still opens it


def test_an_allowed_origin_may_query_and_read(
    served_store: Path, start: Callable[..., Any]
) -> None:
    allowed = start(served_store, "--allow-origin", "https://Notebook.Example.org/")
    origin = "https://notebook.example.org"
    with allowed.client() as client:
        preflight = client.options(
            "sparql",
            headers={
                "Origin": origin,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type",
            },
        )
        assert preflight.status_code == 204
        assert preflight.headers["access-control-allow-origin"] == origin
        assert "Content-Type" in preflight.headers["access-control-allow-headers"]
        response = client.post(
            "sparql",
            content=CHEAP,
            headers={"Content-Type": "application/sparql-query", "Origin": origin},
        )
        assert response.status_code == 200
        assert response.headers["access-control-allow-origin"] == origin
        other = client.post("sparql", data={"query": CHEAP}, headers={"Origin": FOREIGN})
        assert other.status_code == 403


# --- all at once ----------------------------------------------------------------------------


def test_the_server_holds_under_every_probe_while_answering_cheap_queries(
    served_store: Path, start: Callable[..., Any]
) -> None:
    """The issue's acceptance: each probe gets its 4xx/5xx line, under a memory cap, no
    traceback, and a client asking cheap queries all the while is always answered."""
    target = start(served_store, "--max-memory", "1024", "--timeout", "60", "--max-body", "200000")
    cheap: list[int] = []
    stop = threading.Event()

    def ask_cheap_queries() -> None:
        with target.client() as client:
            while not stop.is_set():
                cheap.append(client.get("sparql", params={"query": CHEAP}).status_code)

    sparql_query = {"Content-Type": "application/sparql-query"}
    probes: list[tuple[dict[str, Any], int]] = [
        ({"params": {"query": next(service_disguises())}}, 403),
        ({"params": {"query": "LOAD <http://192.0.2.1/x.ttl>"}}, 403),
        ({"method": "POST", "content": nested("braces", 20_000), "headers": sparql_query}, 400),
        ({"params": {"query": CROSS_PRODUCT}}, 507),
        (
            {
                "method": "POST",
                "content": b"NFX {}",
                "headers": {"Content-Type": "application/sparql-query; charset=rot13"},
            },
            415,
        ),
        ({"method": "POST", "data": {"query": CHEAP}, "headers": {"Origin": FOREIGN}}, 403),
    ]
    asker = threading.Thread(target=ask_cheap_queries)
    asker.start()
    try:
        with ExitStack() as held, target.client() as client:
            address = host_and_port(target)
            for _ in range(40):
                sock = held.enter_context(socket.create_connection(address, timeout=60))
                sock.sendall(b"GET /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            for options, status in probes:
                options = {"method": "GET", **options}
                response = client.request(url="sparql", **options)
                assert response.status_code == status, (options, response.text[:300])
                one_line(response)
    finally:
        stop.set()
        asker.join(60)
    assert cheap and set(cheap) == {200}
    assert_no_traceback(target)
