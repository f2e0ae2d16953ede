"""The SPARQL 1.1 Protocol at /sparql: negotiation, writers, refusals and limits."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator

import httpx
import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.query import Result

from plangraph.errors import QueryError, StoreError
from plangraph.server.limits import Limits, RefusedError
from plangraph.server.sparql import (
    GRAPH_TYPES,
    SOLUTION_TYPES,
    WRITERS,
    error_headers,
    negotiate,
    status_of,
)
from plangraph.store.worker import (
    Boolean,
    BusyError,
    MalformedQueryError,
    NotAcceptableError,
    RowLimitError,
    Solutions,
    Term,
    TimeLimitError,
    WorkerError,
)

XSD = "http://www.w3.org/2001/XMLSchema#"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o }"


@pytest.mark.parametrize(
    ("accept", "solutions", "graph"),
    [
        (None, "json", "turtle"),
        ("", "json", "turtle"),
        ("*/*", "json", "turtle"),
        ("application/sparql-results+json", "json", None),
        ("application/sparql-results+xml, application/rdf+xml", "xml", "xml"),
        ("text/csv", "csv", None),
        ("text/tab-separated-values", "tsv", None),
        ("application/json", "json", "jsonld"),
        ("text/turtle", None, "turtle"),
        ("application/n-triples", None, "nt"),
        ("application/ld+json", None, "jsonld"),
        ("text/csv;q=0.5, application/sparql-results+xml", "xml", None),
        ("text/*;q=0.9, text/csv;q=0", "tsv", "turtle"),
        ("application/sparql-results+json,*/*;q=0.9", "json", "turtle"),
        ("application/n-triples,*/*;q=0.9", "json", "nt"),
        ("image/png", None, None),
        ("text/csv;q=not-a-number", None, None),
    ],
)
def test_negotiate(accept: str | None, solutions: str | None, graph: str | None) -> None:
    assert negotiate(accept, SOLUTION_TYPES) == solutions
    assert negotiate(accept, GRAPH_TYPES) == graph


ANSWER = Solutions(
    ("s", "label", "value", "blank"),
    (
        (
            Term("uri", "https://w3id.org/plangraph/id/actor/baidu"),
            Term("literal", 'Baidu, "the\tsearch"\ncompany', None, "en"),
            Term("literal", "5", XSD + "decimal"),
            Term("bnode", "b0"),
        ),
        (
            Term("uri", "https://w3id.org/plangraph/id/region/china"),
            Term("literal", "China"),
            None,
            None,
        ),
    ),
)
EXPECTED = [
    (
        URIRef("https://w3id.org/plangraph/id/actor/baidu"),
        Literal('Baidu, "the\tsearch"\ncompany', lang="en"),
        Literal("5", datatype=URIRef(XSD + "decimal")),
        BNode("b0"),
    ),
    (URIRef("https://w3id.org/plangraph/id/region/china"), Literal("China"), None, None),
]


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
def test_writers_round_trip_through_rdflib(fmt: str) -> None:
    """rdflib's own parsers, an independent reader, get every term back."""
    parsed = Result.parse(io.BytesIO(WRITERS[fmt](ANSWER)), format=fmt)
    rows = [tuple(row) for row in parsed]
    assert [str(v) for v in parsed.vars or []] == list(ANSWER.variables)
    assert [(r[0], r[1], r[2]) for r in rows] == [(e[0], e[1], e[2]) for e in EXPECTED]
    assert isinstance(rows[0][3], BNode)
    assert rows[1][3] is None


def test_csv_writes_lexical_forms() -> None:
    parsed = Result.parse(io.BytesIO(WRITERS["csv"](ANSWER)), format="csv")
    first = next(iter(parsed))
    assert str(first[1]) == 'Baidu, "the\tsearch"\ncompany'
    assert str(first[2]) == "5"
    assert WRITERS["csv"](ANSWER).count(b"\r\n") >= 3  # RFC 4180 line ends


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize("value", [True, False])
def test_ask_round_trips(fmt: str, value: bool) -> None:
    parsed = Result.parse(io.BytesIO(WRITERS[fmt](Boolean(value))), format=fmt)
    assert parsed.askAnswer is value


def test_xml_writer_keeps_the_document_well_formed() -> None:
    answer = Solutions(("x",), ((Term("literal", "bell\x07 & <tag>"),),))
    [[term]] = list(Result.parse(io.BytesIO(WRITERS["xml"](answer)), format="xml"))
    assert str(term) == "bell\ufffd & <tag>"


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (RefusedError(415, "x"), 415),
        (MalformedQueryError("x"), 400),
        (QueryError("x"), 400),
        (NotAcceptableError("x"), 406),
        (RowLimitError("x"), 422),
        (TimeLimitError("x"), 504),
        (BusyError("x"), 503),
        (WorkerError("x"), 500),
        (StoreError("x"), 500),
    ],
)
def test_status_of(error: Exception, status: int) -> None:
    assert status_of(error) == status  # type: ignore[arg-type]


def test_error_headers() -> None:
    limits = Limits(timeout=2.5)
    assert error_headers(405, limits) == {"Allow": "GET, POST"}
    assert error_headers(503, limits) == {"Retry-After": "3"}
    assert error_headers(400, limits) == {}


# ---- the protocol, against a running server -------------------------------------------


@pytest.fixture
def http(server: object) -> Iterator[httpx.Client]:
    with server.client() as client:  # type: ignore[attr-defined]
        yield client


FORM = {"Content-Type": "application/x-www-form-urlencoded"}
SPARQL_QUERY = {"Content-Type": "application/sparql-query"}


@pytest.mark.parametrize(
    ("method", "kwargs", "status", "message"),
    [
        ("GET", {}, 400, "missing the query parameter"),
        ("GET", {"params": {"query": "SELEC ?x"}}, 400, "malformed SPARQL"),
        ("GET", {"params": [("query", "ASK {}"), ("query", "ASK {}")]}, 400, "expected one query"),
        (
            "GET",
            {"params": {"query": "ASK {}", "default-graph-uri": "not an iri"}},
            400,
            "default-graph-uri must be an absolute IRI",
        ),
        ("POST", {"data": {"update": "INSERT DATA { <a:b> <a:c> <a:d> }"}}, 403, "read-only"),
        (
            "POST",
            {"content": "CLEAR ALL", "headers": {"Content-Type": "application/sparql-update"}},
            403,
            "read-only",
        ),
        ("POST", {"data": {"query": "INSERT DATA { <a:b> <a:c> <a:d> }"}}, 403, "read-only"),
        (
            "POST",
            {"content": "LOAD <http://example.org/x.ttl>", "headers": SPARQL_QUERY},
            403,
            "SPARQL Update (LOAD) is refused",
        ),
        (
            "GET",
            {"params": {"query": "SELECT * { SERVICE <http://example.org/s> { ?s ?p ?o } }"}},
            403,
            "SERVICE is refused",
        ),
        ("PUT", {"content": "ASK {}"}, 405, "method PUT is not allowed"),
        ("DELETE", {}, 405, "method DELETE is not allowed"),
        (
            "GET",
            {"params": {"query": "ASK {}"}, "headers": {"Accept": "image/png"}},
            406,
            "cannot answer as 'image/png'",
        ),
        (
            "GET",
            {"params": {"query": "ASK {}"}, "headers": {"Accept": "text/turtle"}},
            406,
            "cannot write an ASK answer as 'text/turtle'",
        ),
        (
            "GET",
            {
                "params": {"query": "CONSTRUCT WHERE { ?s a pg:Plan }"},
                "headers": {"Accept": "text/csv"},
            },
            406,
            "cannot write a graph",
        ),
        (
            "POST",
            {"content": "ASK {}", "headers": {"Content-Type": "text/plain"}},
            415,
            "Content-Type text/plain is not supported",
        ),
        ("POST", {"content": b"ASK {}"}, 415, "Content-Type (none) is not supported"),
        (
            "POST",
            {
                "content": "ASK {}",
                "headers": {"Content-Type": "application/sparql-query; charset=klingon"},
            },
            415,
            "charset 'klingon' is unknown",
        ),
        (
            "POST",
            {"content": "x" * 30_000, "headers": SPARQL_QUERY},
            413,
            "larger than the limit of 20000 bytes",
        ),
        (
            "POST",
            {"content": iter([b"x" * 15_000, b"x" * 15_000]), "headers": SPARQL_QUERY},
            413,
            "larger than the limit of 20000 bytes",
        ),
        ("GET", {"params": {"query": "ASK {} #" + "x" * 25_000}}, 414, "POST it"),
        ("GET", {"params": {"query": "SELECT * WHERE { ?s ?p ?o }"}}, 422, "more than 100 rows"),
        (
            "GET",
            {"params": {"query": "ASK {}"}, "headers": {"Host": "evil.example"}},
            400,
            "does not answer to the host name 'evil.example'",
        ),
    ],
)
def test_refusals(
    http: httpx.Client, method: str, kwargs: dict[str, object], status: int, message: str
) -> None:
    response = http.request(method, "sparql", **kwargs)  # type: ignore[arg-type]
    assert response.status_code == status, response.text
    assert message in response.text
    assert response.text.count("\n") == 1  # one short line
    if status == 405:
        assert response.headers["Allow"] == "GET, POST"


@pytest.mark.parametrize(
    ("accept", "content_type"),
    [
        (None, "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv; charset=utf-8"),
        ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8"),
    ],
)
@pytest.mark.parametrize("how", ["get", "form", "body"])
def test_select_in_every_format_and_every_way(
    http: httpx.Client, accept: str | None, content_type: str, how: str
) -> None:
    query = "SELECT ?label WHERE { ?r a pg:Region ; rdfs:label ?label } ORDER BY ?label"
    headers = {"Accept": accept} if accept else {}
    if how == "get":
        response = http.get("sparql", params={"query": query}, headers=headers)
    elif how == "form":
        response = http.post("sparql", data={"query": query}, headers=headers)
    else:
        response = http.post("sparql", content=query, headers={**headers, **SPARQL_QUERY})
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"] == content_type
    assert response.headers["Vary"] == "Accept"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    for name in ("Beijing", "China", "Shanghai"):
        assert name in response.text


@pytest.mark.parametrize(
    ("accept", "content_type", "rdflib_format"),
    [
        (None, "text/turtle; charset=utf-8", "turtle"),
        ("text/turtle", "text/turtle; charset=utf-8", "turtle"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
    ],
)
def test_construct_in_every_format(
    http: httpx.Client, accept: str | None, content_type: str, rdflib_format: str
) -> None:
    from rdflib import Graph

    headers = {"Accept": accept} if accept else {}
    query = "CONSTRUCT WHERE { ?r a pg:Region ; rdfs:label ?label }"
    response = http.get("sparql", params={"query": query}, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"] == content_type
    graph = Graph().parse(data=response.content, format=rdflib_format)
    assert {str(o) for o in graph.objects() if isinstance(o, Literal)} == {
        "Beijing",
        "China",
        "Shanghai",
    }


def test_default_graph_uri_narrows_to_one_document(http: httpx.Client) -> None:
    params = {
        "query": "SELECT ?label WHERE { ?r a pg:Region ; rdfs:label ?label }",
        "default-graph-uri": "https://w3id.org/plangraph/id/document/shanghai-ai-2023",
    }
    bindings = http.get("sparql", params=params).json()["results"]["bindings"]
    assert sorted(b["label"]["value"] for b in bindings) == ["China", "Shanghai"]


def test_a_latin1_body_is_read_in_its_charset(http: httpx.Client) -> None:
    query = 'ASK { ?s ?p "Zürich" }'.encode("latin-1")
    response = http.post(
        "sparql",
        content=query,
        headers={"Content-Type": "application/sparql-query; charset=ISO-8859-1"},
    )
    assert response.status_code == 200
    assert response.json() == {"head": {}, "boolean": False}


def test_a_query_over_the_time_limit_is_stopped_and_the_next_one_answers(
    server: object, http: httpx.Client
) -> None:
    workers = server.workers()  # type: ignore[attr-defined]
    began = time.monotonic()
    response = http.post("sparql", data={"query": SLOW})
    took = time.monotonic() - began
    assert response.status_code == 504
    assert "time limit of 2 s" in response.text
    assert 1.9 < took < 60  # stopped at the limit, not run to its end (hours)
    # the next query answers at once, from the other worker
    response = http.get("sparql", params={"query": "ASK { ?p a pg:Plan }"})
    assert response.json()["boolean"] is True
    # the stopped worker's process is gone, and a new one took its place
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        now = server.workers()  # type: ignore[attr-defined]
        if len(now) == 2 and now != workers:
            break
        time.sleep(0.2)
    assert len(now) == 2
    assert len(workers - now) == 1
