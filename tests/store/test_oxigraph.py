"""The store keeps one named graph per document and writes each whole or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef

from plangraph.errors import QueryError, StoreError
from plangraph.graph.vocab import PG
from plangraph.store import SelectResult, open_store
from plangraph.store.oxigraph import OxigraphStore

DOC = URIRef("https://w3id.org/plangraph/id/document/a")
OTHER = URIRef("https://w3id.org/plangraph/id/document/b")
ACTOR = URIRef("https://w3id.org/plangraph/id/actor/miit")


def graph_of(doc: URIRef, label: str, sha: str = "1") -> Graph:
    graph = Graph()
    graph.add((doc, RDF.type, PG.Document))
    graph.add((doc, PG.sha256, Literal(sha)))
    graph.add((doc, URIRef("http://purl.org/dc/terms/source"), Literal(f"{doc}.txt")))
    graph.add((ACTOR, RDFS.label, Literal(label)))
    return graph


def labels(store: OxigraphStore) -> list[str]:
    result = store.query("SELECT DISTINCT ?l WHERE { ?a rdfs:label ?l } ORDER BY ?l")
    assert isinstance(result, SelectResult)
    return [str(row[0]) for row in result.rows]


def test_put_replace_and_remove(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s")
    store.put_document(DOC, graph_of(DOC, "MIIT"))
    store.put_document(OTHER, graph_of(OTHER, "Ministry of Industry"))
    assert labels(store) == ["MIIT", "Ministry of Industry"]
    store.put_document(DOC, graph_of(DOC, "Ministry of Industry and IT", sha="2"))
    assert labels(store) == ["Ministry of Industry", "Ministry of Industry and IT"]
    assert store.document_hash(DOC) == "2"
    assert store.remove_document(OTHER)
    assert not store.remove_document(OTHER)
    assert labels(store) == ["Ministry of Industry and IT"]
    assert [d.iri for d in store.documents()] == [DOC]


def test_failed_write_changes_nothing(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s")
    store.put_document(DOC, graph_of(DOC, "MIIT"))
    before = list(store.quads())
    broken = graph_of(DOC, "changed", sha="9")
    broken.add((DOC, PG.text, Literal("x", datatype=URIRef("not an iri"))))
    with pytest.raises(StoreError, match="nothing written"):
        store.put_document(DOC, broken)
    assert list(store.quads()) == before


def test_a_failed_first_write_leaves_no_trace(tmp_path: Path) -> None:
    # a new document's graph goes in by another road than a replacement: as whole
    store = open_store(tmp_path / "s")
    store.put_document(OTHER, graph_of(OTHER, "MIIT"))
    before = list(store.quads())
    broken = graph_of(DOC, "changed")
    broken.add((DOC, PG.text, Literal("x", datatype=URIRef("not an iri"))))
    with pytest.raises(StoreError, match="nothing written"):
        store.put_document(DOC, broken)
    assert list(store.quads()) == before


def test_a_new_document_keeps_every_character_of_its_text(tmp_path: Path) -> None:
    # form feeds, line and paragraph separators and next-line marks stay in the literal
    text = 'page one\x0cpage two\u2028line\u2029para\x85next\x1c\r\n"quoted" back\\slash'
    store = open_store(tmp_path / "s")
    graph = graph_of(DOC, "MIIT")
    graph.add((DOC, PG.content, Literal(text)))
    store.put_document(DOC, graph)
    result = store.query("SELECT ?t WHERE { GRAPH ?g { ?d pg:content ?t } }")
    assert isinstance(result, SelectResult)
    assert [str(row[0]) for row in result.rows] == [text]
    union = store.query("SELECT ?t WHERE { ?d pg:content ?t }")
    assert isinstance(union, SelectResult) and len(union.rows) == 1


def test_survives_reopen_and_reads_while_closed_writer(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s")
    store.put_document(DOC, graph_of(DOC, "MIIT"))
    store.close()
    reader = open_store(tmp_path / "s", read_only=True)
    assert labels(reader) == ["MIIT"]


def test_second_writer_gets_one_line(tmp_path: Path) -> None:
    first = open_store(tmp_path / "s")
    with pytest.raises(StoreError) as caught:
        open_store(tmp_path / "s")
    assert "\n" not in str(caught.value)
    first.close()


def test_read_only_store_must_exist(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store here"):
        open_store(tmp_path / "nothing", read_only=True)


def test_bound_variables_are_terms_not_text(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s")
    tricky = 'x" } ; DROP ALL ; { "'
    graph = graph_of(DOC, tricky)
    store.put_document(DOC, graph)
    # SEP-0007 substitution: a bound variable must be projected
    result = store.query("SELECT ?a ?l WHERE { ?a rdfs:label ?l }", {"l": Literal(tricky)})
    assert isinstance(result, SelectResult)
    assert result.rows == ((ACTOR, Literal(tricky)),)
    assert len([q for q in store.quads() if q[3] is not None]) == len(graph)


def test_malformed_query_is_one_line(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s")
    with pytest.raises(QueryError, match="malformed SPARQL") as caught:
        store.query("SELECT ?x WHERE { ?x ")
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("fmt", ["nquads", "trig", "turtle", "nt", "jsonld", "xml"])
def test_serialize_round_trips(tmp_path: Path, fmt: str) -> None:
    from rdflib import Dataset

    store = open_store(tmp_path / "s")
    store.put_document(DOC, graph_of(DOC, "MIIT"))
    data = store.serialize(fmt)
    if fmt in {"nquads", "trig"}:
        dataset = Dataset()
        dataset.parse(data=data, format=fmt)
        parsed = dataset.graph(DOC)
    else:
        parsed = Graph().parse(data=data, format={"jsonld": "json-ld"}.get(fmt, fmt))
    assert (ACTOR, RDFS.label, Literal("MIIT")) in parsed
    assert len(parsed) == len(graph_of(DOC, "MIIT"))


def test_a_triple_two_documents_state_is_seen_once_and_outlives_one(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s")
    store.put_document(DOC, graph_of(DOC, "MIIT"))
    store.put_document(OTHER, graph_of(OTHER, "MIIT"))
    assert labels(store) == ["MIIT"]
    rows = store.query("SELECT ?l WHERE { ?a rdfs:label ?l }")
    assert len(rows.rows) == 1  # type: ignore[union-attr]
    store.remove_document(DOC)
    assert labels(store) == ["MIIT"]
    store.remove_document(OTHER)
    assert labels(store) == []
    assert list(store.quads()) == []
