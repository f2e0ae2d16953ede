"""Re-ingest decides "unchanged" from the file's bytes, before any parsing."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from plangraph import workflow
from plangraph.graph.iris import document_iri
from plangraph.store import open_store
from plangraph.store.base import SelectResult, Store
from plangraph.store.sources import SOURCES_GRAPH, stored_sources

pytestmark = pytest.mark.slow

TEXT = (
    "Date: 2024-03-01\n\nWuhan aims to build an AI industry of 100 billion yuan by 2026, "
    "according to a plan issued by the Wuhan municipal government on Friday."
)


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "docs" / "wuhan-plan.txt"
    path.parent.mkdir()
    path.write_text(TEXT, encoding="utf-8")
    return path


@pytest.fixture
def ingested(tmp_path: Path, source: Path) -> Iterator[Store]:
    store = open_store(tmp_path / "s")
    report = workflow.ingest([source.parent], store)
    assert report.added == [str(source)]
    yield store
    store.close()


def _never(*args: object) -> object:
    raise AssertionError("called on an unchanged file")


def _extract_nothing(documents: list[object], **options: object) -> Iterator[object]:
    assert not documents, "a document was extracted again"
    return iter(())


def _later(path: Path, seconds: int = 3600) -> None:
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + seconds * 10**9))


def test_the_store_records_the_file(ingested: Store, source: Path) -> None:
    import hashlib

    state = stored_sources(ingested)[str(source)]
    info = source.stat()
    assert state.document == document_iri("wuhan-plan")
    assert (state.size, state.modified_ns) == (info.st_size, info.st_mtime_ns)
    assert state.bytes_sha256 == hashlib.sha256(source.read_bytes()).hexdigest()


def test_unchanged_file_is_neither_read_nor_hashed(
    ingested: Store, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workflow, "read_document", _never)
    monkeypatch.setattr(workflow, "file_sha256", _never)
    report = workflow.ingest([source.parent], ingested)
    assert report.unchanged == [str(source)] and not report.added and not report.replaced


def test_touched_but_identical_file_is_hashed_not_read(
    ingested: Store, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _later(source)
    monkeypatch.setattr(workflow, "read_document", _never)
    report = workflow.ingest([source.parent], ingested)
    assert report.unchanged == [str(source)] and not report.replaced
    # the new time is recorded: the next run does not even hash it
    assert stored_sources(ingested)[str(source)].modified_ns == source.stat().st_mtime_ns
    monkeypatch.setattr(workflow, "file_sha256", _never)
    assert workflow.ingest([source.parent], ingested).unchanged == [str(source)]


@pytest.mark.parametrize(
    "new_text",
    [TEXT.replace("100 billion", "200 billion"), TEXT + " It will open a computing centre."],
    ids=["same-size", "longer"],
)
def test_changed_file_is_extracted_again(ingested: Store, source: Path, new_text: str) -> None:
    source.write_text(new_text, encoding="utf-8")
    _later(source)
    report = workflow.ingest([source.parent], ingested)
    assert report.replaced == [str(source)]
    assert stored_sources(ingested)[str(source)].size == len(new_text.encode())


def test_bytes_that_give_the_same_text_are_not_extracted(
    ingested: Store, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Other bytes (here a trailing newline the reader normalises away) reach the text
    hash, which finds nothing to extract, and the new bytes are recorded."""
    source.write_text(TEXT + "\n", encoding="utf-8")
    monkeypatch.setattr(workflow, "extract_documents", _extract_nothing)
    report = workflow.ingest([source.parent], ingested)
    assert report.unchanged == [str(source)]
    assert stored_sources(ingested)[str(source)].size == len(TEXT) + 1


def test_a_store_without_records_falls_back_to_the_text(
    ingested: Store, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingested._update(f"DROP GRAPH <{SOURCES_GRAPH}>", "dropping")  # type: ignore[attr-defined]
    assert stored_sources(ingested) == {}
    monkeypatch.setattr(workflow, "extract_documents", _extract_nothing)
    assert workflow.ingest([source.parent], ingested).unchanged == [str(source)]
    assert str(source) in stored_sources(ingested)


def test_a_record_counts_only_while_its_document_is_stored(ingested: Store, source: Path) -> None:
    assert workflow.remove(["wuhan-plan"], ingested) == []
    assert stored_sources(ingested) == {}
    assert workflow.ingest([source.parent], ingested).added == [str(source)]


def test_records_stay_out_of_the_dataset(ingested: Store) -> None:
    graphs = {g for *_, g in ingested.quads()}
    assert SOURCES_GRAPH not in graphs
    for fmt in ("nquads", "trig"):
        assert str(SOURCES_GRAPH).encode() not in ingested.serialize(fmt)
    union = ingested.query("ASK { ?s <https://w3id.org/plangraph/source#path> ?o }")
    assert union is False
    count = ingested.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert isinstance(count, SelectResult)
    assert workflow.stats(ingested)["quads"] < int(str(count.rows[0][0]))


_HEAVY = ("spacy", "thinc", "trafilatura", "pypdf", "docx", "httpx", "plangraph.nlp")
_COMMAND = """
import sys
sys.argv = ["plangraph", "ingest", "-q", "-s", sys.argv[1], sys.argv[2]]
from plangraph.cli import main
try:
    main()
except SystemExit as end:
    assert not end.code, end.code
heavy = sorted({m.split(".")[0] if not m.startswith("plangraph.") else m
                for m in sys.modules if m.startswith(HEAVY)})
print(" ".join(heavy))
"""


def test_an_unchanged_re_ingest_imports_nothing_heavy(tmp_path: Path, source: Path) -> None:
    import subprocess
    import sys

    store = open_store(tmp_path / "s")
    workflow.ingest([source.parent], store)
    store.close()
    code = _COMMAND.replace("HEAVY", repr(_HEAVY))
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "s"), str(source.parent)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "1 unchanged" in done.stderr
    assert done.stdout.split() == []


def test_a_file_changed_while_it_is_read_is_not_recorded(
    tmp_path: Path, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The record must describe the bytes the graph was built from: a file written again
    between its reading and its hashing gets no record, and is read again next time."""
    read = workflow.read_document

    def read_then_change(path: Path) -> object:
        document = read(path)
        path.write_text(TEXT.replace("100 billion", "900 billion"), encoding="utf-8")
        _later(path)
        return document

    store = open_store(tmp_path / "s")
    monkeypatch.setattr(workflow, "read_document", read_then_change)
    assert workflow.ingest([source.parent], store).added == [str(source)]
    assert stored_sources(store) == {}
    monkeypatch.setattr(workflow, "read_document", read)
    assert workflow.ingest([source.parent], store).replaced == [str(source)]
    store.close()
