"""Queries of ``plangraph serve`` forwarded to a real Oxigraph server, under the same limits."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import replace

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef

from plangraph.errors import StoreError
from plangraph.graph.vocab import PG
from plangraph.store import open_store
from plangraph.store.base import SelectResult
from plangraph.store.forward import ForwardingPool
from plangraph.store.worker import (
    Boolean,
    Job,
    MalformedQueryError,
    NotAcceptableError,
    RowLimitError,
    Solutions,
    Term,
    TimeLimitError,
    Triples,
)

DOCS = [URIRef(f"https://w3id.org/plangraph/id/document/{n}") for n in ("a", "b")]


@pytest.fixture
def pool(oxigraph) -> Iterator[ForwardingPool]:  # type: ignore[no-untyped-def]
    store = open_store(oxigraph.url)
    for i, doc in enumerate(DOCS):
        graph = Graph()
        graph.add((doc, RDF.type, PG.Document))
        graph.add((doc, RDFS.label, Literal(f"document {i}")))
        graph.add((doc, PG.value, Literal(i)))
        store.put_document(doc, graph)
    store.close()
    started = ForwardingPool(oxigraph.url, workers=2, timeout=20.0, max_rows=3).start()
    yield started
    started.close()


def test_select_with_a_bound_variable(pool: ForwardingPool) -> None:
    result = pool.query("SELECT ?l WHERE { ?d rdfs:label ?l }", {"d": DOCS[1]})
    assert result == SelectResult(("l",), ((Literal("document 1"),),))


def test_ask_and_construct(pool: ForwardingPool) -> None:
    assert pool.run(Job("ASK { ?d a pg:Document }")) == Boolean(True)
    answer = pool.run(Job("CONSTRUCT WHERE { ?d a pg:Document }", graph_format="turtle"))
    assert isinstance(answer, Triples) and answer.count == 2 and answer.format == "turtle"
    assert b"pg:Document" in answer.data  # written with the shared prefixes


def test_answers_travel_as_plain_terms(pool: ForwardingPool) -> None:
    answer = pool.run(Job("SELECT ?v WHERE { ?d pg:value ?v } ORDER BY ?v"))
    integer = "http://www.w3.org/2001/XMLSchema#integer"
    assert answer == Solutions(
        ("v",), ((Term("literal", "0", integer),), (Term("literal", "1", integer),))
    )


def test_row_limit(pool: ForwardingPool) -> None:
    with pytest.raises(RowLimitError, match="more than 3 rows"):
        pool.query("SELECT * WHERE { ?s ?p ?o }")


def test_a_dataset_narrowed_to_one_document(pool: ForwardingPool) -> None:
    job = Job("SELECT ?l WHERE { ?d rdfs:label ?l }", default_graphs=(str(DOCS[0]),))
    answer = pool.run(job)
    assert isinstance(answer, Solutions) and [r[0].value for r in answer.rows] == ["document 0"]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("job", "kind"),
    [
        (Job("SELECT * WHERE { ?s ?p ?o } LIMIT 1", solutions=False), "a SELECT answer"),
        (Job("CONSTRUCT WHERE { ?s a ?t }", graph_format=None), "a graph"),
    ],
)
def test_not_acceptable(pool: ForwardingPool, job: Job, kind: str) -> None:
    with pytest.raises(NotAcceptableError) as raised:
        pool.run(job)
    assert str(raised.value) == kind


def test_malformed_query(pool: ForwardingPool) -> None:
    with pytest.raises(MalformedQueryError):
        pool.query("SELEC ?x")


def test_a_server_that_does_not_answer_passes_the_time_limit() -> None:
    with socket.create_server(("127.0.0.1", 0)) as silent:
        port = silent.getsockname()[1]
        pool = ForwardingPool(f"http://127.0.0.1:{port}/", timeout=0.5)
        with pytest.raises(StoreError, match=r"no answer within 0\.5 s"):
            pool.start()
        pool.close()


def test_a_query_past_the_time_limit(pool: ForwardingPool) -> None:
    with socket.create_server(("127.0.0.1", 0)) as silent:
        port = silent.getsockname()[1]
        assert pool._store is not None
        # the same pool, its queries now sent to a server that never answers
        pool._store.endpoints = replace(
            pool._store.endpoints, query=f"http://127.0.0.1:{port}/query"
        )
        pool.timeout = 0.5
        with pytest.raises(TimeLimitError, match=r"time limit of 0\.5 s"):
            pool.query("ASK {}")


def test_an_absent_server_is_one_line() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    pool = ForwardingPool(f"http://127.0.0.1:{port}/")
    with pytest.raises(StoreError, match="cannot reach the store") as raised:
        pool.start()
    assert "\n" not in str(raised.value)
