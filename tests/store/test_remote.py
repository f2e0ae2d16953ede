"""A store in a real Oxigraph server behaves as the embedded one, and fails in one line."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef

from plangraph.errors import QueryError, StoreError
from plangraph.graph.vocab import PG
from plangraph.store import NTriples, SelectResult, Store, open_store
from plangraph.store.binding import bind
from plangraph.store.remote import UNION_GRAPH, Endpoints, RemoteStore

DOC = URIRef("https://w3id.org/plangraph/id/document/a")
OTHER = URIRef("https://w3id.org/plangraph/id/document/b")
ACTOR = URIRef("https://w3id.org/plangraph/id/actor/miit")


def graph_of(doc: URIRef, label: str, sha: str = "1") -> Graph:
    graph = Graph()
    graph.add((doc, RDF.type, PG.Document))
    graph.add((doc, PG.sha256, Literal(sha)))
    graph.add((doc, URIRef("http://purl.org/dc/terms/source"), Literal(f"{doc}.txt")))
    graph.add((ACTOR, RDFS.label, Literal(label)))
    graph.add((ACTOR, RDFS.comment, Literal("shared by every document")))
    return graph


def labels(store: Store) -> list[str]:
    result = store.query("SELECT DISTINCT ?l WHERE { ?a rdfs:label ?l } ORDER BY ?l")
    assert isinstance(result, SelectResult)
    return [str(row[0]) for row in result.rows]


def operate(store: Store) -> None:
    """The same writes on any store: two documents sharing a triple, a replace, a removal."""
    store.put_document(DOC, graph_of(DOC, "MIIT"))
    store.put_document(OTHER, graph_of(OTHER, "Ministry of Industry"))
    store.put_document(DOC, graph_of(DOC, "Ministry of Industry and IT", sha="2"))
    assert store.remove_document(OTHER)
    assert not store.remove_document(OTHER)


@pytest.fixture
def opened() -> Iterator[Callable[..., Store]]:
    """``open_store`` whose stores are closed (their connections too) after the test."""
    stores: list[Store] = []

    def open_(location: str, **options: bool) -> Store:
        stores.append(open_store(location, **options))
        return stores[-1]

    yield open_
    for store in stores:
        store.close()


@pytest.fixture(params=["default graph", "union graph"])
def server_store(request: pytest.FixtureRequest, oxigraph) -> Iterator[RemoteStore]:  # type: ignore[no-untyped-def]
    """A store in a fresh server, its union in the default graph or in a named graph."""
    environ = {"PLANGRAPH_UNION_GRAPH": str(UNION_GRAPH)} if request.param == "union graph" else {}
    store = RemoteStore(Endpoints.from_url(oxigraph.url, environ))
    yield store
    store.close()


def test_the_server_store_holds_what_the_embedded_one_holds(
    server_store: RemoteStore, tmp_path: Path
) -> None:
    embedded = open_store(tmp_path / "embedded")
    for store in (embedded, server_store):
        operate(store)
    assert labels(server_store) == ["Ministry of Industry and IT"]
    assert server_store.document_hash(DOC) == "2"
    assert server_store.document_hash(OTHER) is None
    assert server_store.documents() == embedded.documents()
    assert list(server_store.quads()) == list(embedded.quads())
    for fmt in ("nquads", "nt"):
        assert sorted(server_store.serialize(fmt).splitlines()) == sorted(
            embedded.serialize(fmt).splitlines()
        )


def test_a_triple_two_documents_state_stays_until_both_are_gone(
    server_store: RemoteStore,
) -> None:
    server_store.put_document(DOC, graph_of(DOC, "MIIT"))
    server_store.put_document(OTHER, graph_of(OTHER, "MIIT"))
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?a rdfs:comment ?c }"
    assert server_store.query(count) == SelectResult(("n",), ((Literal(1),),))
    server_store.remove_document(DOC)
    assert labels(server_store) == ["MIIT"]
    server_store.remove_document(OTHER)
    assert labels(server_store) == []


def test_a_graph_written_by_a_worker_is_stored_as_it_is(server_store: RemoteStore) -> None:
    text = graph_of(DOC, "MIIT").serialize(format="nt")
    server_store.put_document(DOC, NTriples(text))
    assert labels(server_store) == ["MIIT"]


def test_a_refused_write_leaves_the_previous_version(server_store: RemoteStore) -> None:
    server_store.put_document(DOC, graph_of(DOC, "MIIT"))
    before = list(server_store.quads())
    broken = NTriples(graph_of(DOC, "new").serialize(format="nt") + "<no closing bracket .\n")
    with pytest.raises(StoreError, match="previous version stays"):
        server_store.put_document(DOC, broken)
    assert list(server_store.quads()) == before


class CutProxy:
    """Forwards requests to the server, but cuts each one off after ``limit`` bytes: a
    network failure in the middle of a write."""

    def __init__(self, target: str, limit: int) -> None:
        host, port = target.removeprefix("http://").strip("/").split(":")
        self.target = (host, int(port))
        self.limit = limit
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}/"
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            with client, socket.create_connection(self.target) as upstream:
                sent = 0
                while sent < self.limit:
                    data = client.recv(min(65536, self.limit - sent))
                    if not data:
                        break
                    upstream.sendall(data)
                    sent += len(data)

    def close(self) -> None:
        self.listener.close()


def test_a_write_cut_off_on_the_way_leaves_the_previous_version(oxigraph, opened) -> None:  # type: ignore[no-untyped-def]
    direct = opened(oxigraph.url)
    direct.put_document(DOC, graph_of(DOC, "MIIT"))
    before = list(direct.quads())
    proxy = CutProxy(oxigraph.url, limit=600)
    cut = opened(proxy.url)
    big = graph_of(DOC, "Ministry of Industry and IT", sha="2")
    for i in range(200):
        big.add((ACTOR, RDFS.seeAlso, URIRef(f"https://example.org/{i}")))
    with pytest.raises(StoreError) as raised:
        cut.put_document(DOC, big)
    assert "\n" not in str(raised.value)
    proxy.close()
    assert list(direct.quads()) == before
    assert direct.document_hash(DOC) == "1"


def test_a_read_only_store_refuses_writes(oxigraph, opened) -> None:  # type: ignore[no-untyped-def]
    store = opened(oxigraph.url, read_only=True)
    with pytest.raises(StoreError, match="read-only"):
        store.put_document(DOC, graph_of(DOC, "MIIT"))


def test_a_malformed_query_is_a_query_error(oxigraph, opened) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(QueryError, match="query failed"):
        opened(oxigraph.url).query("SELECT WHERE {")


def test_the_whole_dataset_by_query_when_the_server_has_no_graph_store(  # type: ignore[no-untyped-def]
    oxigraph, opened, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_store = opened(oxigraph.url)
    operate(with_store)
    monkeypatch.setenv("PLANGRAPH_SPARQL_DATA", "no-such-endpoint")
    without = opened(oxigraph.url)
    assert list(without.quads()) == list(with_store.quads())


def _silent_port() -> Iterator[int]:
    """A port that accepts connections and never answers."""
    with socket.create_server(("127.0.0.1", 0)) as listener:
        yield listener.getsockname()[1]


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_server_that_is_not_there_is_one_line(opened: Callable[..., Store]) -> None:
    store = opened(f"http://127.0.0.1:{_closed_port()}/")
    with pytest.raises(StoreError, match="cannot reach the store") as raised:
        store.document_hash(DOC)
    assert "\n" not in str(raised.value)


def test_a_server_that_does_not_answer_times_out_in_one_line(
    monkeypatch: pytest.MonkeyPatch, opened: Callable[..., Store]
) -> None:
    monkeypatch.setenv("PLANGRAPH_STORE_TIMEOUT", "0.5")
    for port in _silent_port():
        store = opened(f"http://127.0.0.1:{port}/")
        with pytest.raises(StoreError, match=r"no answer within 0\.5 s"):
            store.query("ASK {}")


@pytest.mark.parametrize(
    "args",
    [
        ("query", "ASK {}"),
        ("stats",),
        ("export", "--format", "nquads"),
        ("remove", "a"),
        ("validate",),
    ],
)
def test_the_cli_reports_an_unreachable_server_in_one_line(args: tuple[str, ...]) -> None:
    url = f"http://127.0.0.1:{_closed_port()}/"
    done = subprocess.run(
        [sys.executable, "-m", "plangraph", *args, "--store", url],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1 and "cannot reach the store" in done.stderr


def test_a_password_never_shows_in_messages(opened: Callable[..., Store]) -> None:
    store = opened(f"http://admin:secret@127.0.0.1:{_closed_port()}/")
    with pytest.raises(StoreError) as raised:
        store.documents()
    assert "secret" not in str(raised.value) and "admin@" in str(raised.value)


@pytest.mark.parametrize(
    ("environ", "query", "update", "data", "union"),
    [
        ({}, "http://h:7878/query", "http://h:7878/update", "http://h:7878/store", None),
        (
            {"PLANGRAPH_SERVER": "fuseki"},
            "http://h:7878/query",
            "http://h:7878/update",
            "http://h:7878/data",
            None,
        ),
        (
            {"PLANGRAPH_SPARQL_QUERY": "sparql", "PLANGRAPH_UNION_GRAPH": "urn:x:u"},
            "http://h:7878/sparql",
            "http://h:7878/update",
            "http://h:7878/store",
            URIRef("urn:x:u"),
        ),
    ],
)
def test_endpoints_follow_the_settings(
    environ: dict[str, str], query: str, update: str, data: str, union: URIRef | None
) -> None:
    endpoints = Endpoints.from_url("http://h:7878", environ)
    assert (endpoints.query, endpoints.update, endpoints.data, endpoints.union) == (
        query,
        update,
        data,
        union,
    )


def test_graphdb_keeps_the_union_in_a_named_graph() -> None:
    endpoints = Endpoints.from_url(
        "http://h:7200/repositories/plans", {"PLANGRAPH_SERVER": "graphdb"}
    )
    assert endpoints.query == "http://h:7200/repositories/plans"
    assert endpoints.update == "http://h:7200/repositories/plans/statements"
    assert endpoints.union == UNION_GRAPH


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"PLANGRAPH_SERVER": "stardog"}, "valid: oxigraph, fuseki, graphdb, virtuoso"),
        ({"PLANGRAPH_STORE_TIMEOUT": "soon"}, "expected seconds"),
        ({"PLANGRAPH_STORE_TIMEOUT": "0"}, "expected seconds"),
    ],
)
def test_bad_settings_are_one_line(environ: dict[str, str], message: str) -> None:
    with pytest.raises(StoreError, match=message):
        Endpoints.from_url("http://h:7878/", environ)


@pytest.mark.parametrize(
    ("query", "bindings", "expected"),
    [
        # a brace in a string or a comment is not the WHERE group's
        (
            'SELECT * WHERE { ?a ?b "{" } # }',
            {"b": URIRef("urn:x:b")},
            'SELECT * WHERE { VALUES (?b) { (<urn:x:b>) } ?a ?b "{" } # }',
        ),
        # ASK without WHERE
        (
            "ASK { ?a ?b ?c }",
            {"c": Literal(2)},
            'ASK { VALUES (?c) { ("2"^^<http://www.w3.org/2001/XMLSchema#integer>) } ?a ?b ?c }',
        ),
        # a sub-select as the WHERE group is wrapped
        (
            "SELECT ?x { SELECT ?x WHERE { ?x ?p ?o } }",
            {"o": Literal("o")},
            'SELECT ?x { VALUES (?o) { ("o") } { SELECT ?x WHERE { ?x ?p ?o } } }',
        ),
        # a quote inside a value stays a character of the value
        (
            "SELECT ?x WHERE { ?x rdfs:label ?l }",
            {"l": Literal('a "b" } c')},
            'SELECT ?x WHERE { VALUES (?l) { ("a \\"b\\" } c") } ?x rdfs:label ?l }',
        ),
    ],
)
def test_bind(query: str, bindings: dict[str, URIRef | Literal], expected: str) -> None:
    assert bind(query, bindings) == expected


def test_bind_refuses_what_is_not_a_variable_name() -> None:
    with pytest.raises(QueryError, match="variable name"):
        bind("SELECT * { ?a ?b ?c }", {"a } DROP ALL": Literal(1)})
