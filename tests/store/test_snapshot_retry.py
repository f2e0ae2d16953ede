"""A reader opening the store while a writer compacts it retries; it reports only what
stays broken, in one line. A writer flushes every few seconds, so that what a reader's
open replays stays short."""

from __future__ import annotations

from pathlib import Path

import pytest

import plangraph.store.oxigraph as oxigraph
from plangraph.errors import StoreError
from plangraph.store import open_store
from plangraph.store.oxigraph import OxigraphStore

PASSING = (
    "Corruption: IO error: No such file or directory: While open a file for random read: "
    "000123.sst: No such file or directory"
)


@pytest.fixture
def written(tmp_path: Path) -> Path:
    store = open_store(tmp_path / "s")
    store.close()
    return tmp_path / "s"


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    waited: list[float] = []
    monkeypatch.setattr(oxigraph.time, "sleep", waited.append)
    return waited


def _failing(times: int, message: str, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    real = oxigraph._snapshot
    calls: list[Path] = []

    def flaky(path: Path):  # type: ignore[no-untyped-def]
        calls.append(path)
        if len(calls) <= times:
            raise OSError(message)
        return real(path)

    monkeypatch.setattr(oxigraph, "_snapshot", flaky)
    return calls


def test_an_open_that_fails_in_passing_is_retried(
    written: Path, sleeps: list[float], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _failing(3, PASSING, monkeypatch)
    store = open_store(written, read_only=True)
    assert store.documents() == []
    assert len(calls) == 4
    assert sleeps == list(oxigraph.RETRY_DELAYS[:3]), "backing off"


def test_an_open_that_keeps_failing_is_one_line(
    written: Path, sleeps: list[float], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _failing(100, PASSING, monkeypatch)
    with pytest.raises(StoreError) as raised:
        open_store(written, read_only=True)
    assert len(calls) == len(oxigraph.RETRY_DELAYS) + 1
    assert str(raised.value).startswith(f"{written}: cannot open the store: Corruption")
    assert "\n" not in str(raised.value)


def test_other_failures_are_not_retried(
    written: Path, sleeps: list[float], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _failing(100, "Invalid argument: unknown option", monkeypatch)
    with pytest.raises(StoreError):
        open_store(written, read_only=True)
    assert len(calls) == 1 and sleeps == []


def test_a_folder_without_a_store_is_not_retried(tmp_path: Path, sleeps: list[float]) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(StoreError, match="cannot open the store"):
        open_store(tmp_path / "empty", read_only=True)
    assert sleeps == []


@pytest.mark.parametrize(("seconds", "flushed"), [(0.0, True), (3600.0, False)])
def test_a_writer_flushes_its_log_every_few_seconds(
    seconds: float, flushed: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rdflib import Graph, Literal, URIRef

    monkeypatch.setattr(OxigraphStore, "FLUSH_SECONDS", seconds)
    store = open_store(tmp_path / "s")
    logs = {p.name for p in (tmp_path / "s").glob("*.log")}
    for doc in range(3):
        graph = Graph()
        graph.add((URIRef(f"urn:x:d{doc}"), URIRef("urn:x:p"), Literal(doc)))
        store.put_document(URIRef(f"urn:x:d{doc}"), graph)
    # a flush writes the memory tables to table files and starts a new write-ahead log:
    # the logs a reader's open replays are no longer those that held every write
    assert logs.isdisjoint(p.name for p in (tmp_path / "s").glob("*.log")) is flushed
    reader = open_store(tmp_path / "s", read_only=True)
    assert len(reader) == 6, "three document graphs and their union"
    store.close()
