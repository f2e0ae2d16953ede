"""Ingesting folders: idempotent, replace on change, remove and re-ingest, SHACL-valid."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from plangraph.graph.dataset import validate_store
from plangraph.store import open_store
from plangraph.workflow import ingest, remove, stats

pytestmark = pytest.mark.slow

TEXT = (
    "Date: 2024-03-01\n\nWuhan aims to build an AI industry of 100 billion yuan by 2026, "
    "according to a plan issued by the Wuhan municipal government on Friday. The city will "
    "set up an AI computing centre."
)


@pytest.fixture(scope="module")
def corpus_copy(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for path in sorted(corpus_dir.glob("*")):
        if path.is_file() and path.suffix in {".txt", ".md", ".html"}:
            shutil.copy(path, folder / path.name)
    return folder


def test_ingesting_twice_changes_nothing(tmp_path: Path, corpus_copy: Path) -> None:
    store = open_store(tmp_path / "s")
    first = ingest([corpus_copy], store)
    assert first.ok and first.added
    quads = list(store.quads())
    second = ingest([corpus_copy], store)
    assert second.unchanged == first.added and not second.added and not second.replaced
    assert list(store.quads()) == quads


def test_remove_then_ingest_gives_the_same_graph(tmp_path: Path, corpus_copy: Path) -> None:
    store = open_store(tmp_path / "s")
    ingest([corpus_copy], store)
    quads = list(store.quads())
    victim = sorted(corpus_copy.glob("*.txt"))[0]
    assert remove([str(victim)], store) == []
    assert len(list(store.quads())) < len(quads)
    ingest([victim], store)
    assert list(store.quads()) == quads


def test_changed_document_replaces_its_graph(tmp_path: Path) -> None:
    path = tmp_path / "wuhan-plan.txt"
    path.write_text(TEXT, encoding="utf-8")
    store = open_store(tmp_path / "s")
    ingest([path], store)
    path.write_text(TEXT.replace("100 billion", "200 billion"), encoding="utf-8")
    report = ingest([path], store)
    assert report.replaced == [str(path)]
    values = store.query("SELECT ?v WHERE { ?t a pg:Target ; pg:value ?v }")
    assert [str(row[0]) for row in values.rows] == ["200000000000"]  # type: ignore[union-attr]


def test_every_graph_conforms_to_the_shapes(tmp_path: Path, corpus_copy: Path) -> None:
    store = open_store(tmp_path / "s")
    ingest([corpus_copy], store)
    failures = {
        name: report.results for name, report in validate_store(store) if not report.conforms
    }
    assert failures == {}


def test_evidence_offsets_match_the_stored_text(tmp_path: Path, corpus_copy: Path) -> None:
    store = open_store(tmp_path / "s")
    ingest([corpus_copy], store)
    result = store.query("""
        SELECT ?content ?start ?end ?text WHERE {
          ?e a pg:Evidence ; pg:inDocument ?d ; pg:start ?start ; pg:end ?end ; pg:text ?text .
          ?d pg:content ?content }""")
    rows = result.rows  # type: ignore[union-attr]
    assert rows
    for content, start, end, text in rows:
        assert str(content)[int(start) : int(end)] == str(text)


def test_stats_count_what_was_stored(tmp_path: Path) -> None:
    path = tmp_path / "wuhan-plan.txt"
    path.write_text(TEXT, encoding="utf-8")
    store = open_store(tmp_path / "s")
    ingest([path], store)
    counts = stats(store)
    assert counts["Document"] == 1
    assert counts["Plan"] == 1
    assert counts["Target"] == 1
    assert counts["GovernmentBody"] == 1
