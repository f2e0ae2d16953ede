"""Each graph an ingest writes is checked against the shapes; a broken one is not kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from plangraph import workflow
from plangraph.graph.iris import document_iri
from plangraph.graph.vocab import PG
from plangraph.model import Extraction
from plangraph.store import open_store
from plangraph.store.base import NTriples, ntriples
from plangraph.store.sources import stored_sources

pytestmark = pytest.mark.slow

TEXT = (
    "Date: 2024-03-01\n\nWuhan aims to build an AI industry of 100 billion yuan by 2026, "
    "according to a plan issued by the Wuhan municipal government on Friday."
)


def _without_hash(extraction: Extraction) -> NTriples:
    """The document's graph with a hash that is not one: it breaks a shape."""
    graph = workflow.extraction_graph(extraction)
    graph.set((document_iri(extraction.document.doc_id), PG.sha256, Literal("not a hash")))
    return NTriples(ntriples(graph))


def test_a_graph_that_breaks_the_shapes_is_not_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    good, bad = folder / "good-plan.txt", folder / "bad-plan.txt"
    good.write_text(TEXT, encoding="utf-8")
    bad.write_text(TEXT.replace("Wuhan", "Hefei"), encoding="utf-8")
    build = workflow.extraction_ntriples

    def broken_for_bad(extraction):  # type: ignore[no-untyped-def]
        if extraction.document.doc_id == "bad-plan":
            return _without_hash(extraction)
        return build(extraction)

    monkeypatch.setattr(workflow, "extraction_ntriples", broken_for_bad)
    store = open_store(tmp_path / "s")
    report = workflow.ingest([folder], store)

    assert report.added == [str(good)]
    [(source, message)] = report.failed
    assert source == str(bad)
    assert "not kept" in message and "pg:sha256" in message and "\n" not in message
    assert [d.iri for d in store.documents()] == [document_iri("good-plan")]
    assert set(stored_sources(store)) == {str(good)}
    # fixed, it is read again and kept
    monkeypatch.setattr(workflow, "extraction_ntriples", build)
    assert workflow.ingest([folder], store).added == [str(bad)]
    store.close()


def test_a_broken_new_version_leaves_the_stored_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the graph is checked before it is written: the version it would replace stays whole
    folder = tmp_path / "docs"
    folder.mkdir()
    plan = folder / "plan.txt"
    plan.write_text(TEXT, encoding="utf-8")
    store = open_store(tmp_path / "s")
    assert workflow.ingest([folder], store).added == [str(plan)]
    before = store.document_hash(document_iri("plan"))
    monkeypatch.setattr(workflow, "extraction_ntriples", _without_hash)
    plan.write_text(TEXT.replace("100 billion", "120 billion"), encoding="utf-8")
    report = workflow.ingest([folder], store)

    assert report.replaced == [] and [s for s, _ in report.failed] == [str(plan)]
    assert store.document_hash(document_iri("plan")) == before
    store.close()


def test_a_graph_that_does_not_parse_costs_only_itself() -> None:
    good = "<urn:x:s> <urn:x:p> <urn:x:o> .\n"
    found = workflow._violations(
        {URIRef("urn:x:good"): good, URIRef("urn:x:bad"): "<urn:x:s> <urn:x:p> ."}
    )
    assert list(found) == [URIRef("urn:x:bad")]
    assert "urn:x:bad" in found[URIRef("urn:x:bad")] and "not kept" in found[URIRef("urn:x:bad")]
