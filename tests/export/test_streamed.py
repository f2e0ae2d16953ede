"""RDF exports are streamed from the store to the file: the same dataset as before."""

from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph as ox
import pytest

from plangraph.export import export, streaming
from plangraph.store.oxigraph import _FORMATS, _PREFIXES, OxigraphStore
from plangraph.store.sources import SOURCES_GRAPH, SourceState


def _held_in_memory(store: OxigraphStore, fmt: str) -> bytes:
    """The export as it was made before it streamed: every quad of the store scanned,
    the default graph's left out, the whole text returned at once."""
    raw = store._store
    named = (q for q in raw if not isinstance(q.graph_name, ox.DefaultGraph))
    data = ox.serialize(named, format=_FORMATS[fmt], prefixes=_PREFIXES)
    assert data is not None
    return data


def _dataset(data: bytes, fmt: str) -> set[ox.Quad]:
    return set(ox.parse(data, format=_FORMATS[fmt]))


@pytest.mark.parametrize("fmt", ["nquads", "trig"])
def test_streamed_dataset_is_the_one_held_in_memory(
    policy_store: OxigraphStore, fmt: str, tmp_path: Path
) -> None:
    output = tmp_path / f"out.{fmt}"
    assert export(policy_store, fmt, output) is None
    streamed = output.read_bytes()
    before = _held_in_memory(policy_store, fmt)
    assert _dataset(streamed, fmt) == _dataset(before, fmt)
    if fmt == "nquads":  # one quad a line: the same lines, grouped by graph now
        assert sorted(streamed.splitlines()) == sorted(before.splitlines())


def test_graphs_are_written_one_after_the_other(policy_store: OxigraphStore) -> None:
    """Read by graph from the index: each graph's quads together, graphs in name order."""
    stream = io.BytesIO()
    export(policy_store, "nquads", stream=stream)
    graphs = [line.rsplit(b" ", 2)[-2] for line in stream.getvalue().splitlines()]
    runs = [g for i, g in enumerate(graphs) if i == 0 or graphs[i - 1] != g]
    assert runs == sorted(set(graphs))
    assert len(runs) > 1


@pytest.mark.parametrize("fmt", ["turtle", "nt", "jsonld", "xml"])
def test_streamed_union_is_the_one_returned(
    policy_store: OxigraphStore, fmt: str, tmp_path: Path
) -> None:
    output = tmp_path / "out"
    export(policy_store, fmt, output)
    assert output.read_bytes() == export(policy_store, fmt)


def test_the_record_of_source_files_is_not_exported(
    policy_store: OxigraphStore, tmp_path: Path
) -> None:
    document = next(iter(policy_store.documents())).iri
    policy_store.record_sources([SourceState(document, "a.txt", 1, 2, "ab", "cd")])
    for fmt in ("nquads", "trig"):
        output = tmp_path / f"out.{fmt}"
        export(policy_store, fmt, output)
        assert str(SOURCES_GRAPH).encode() not in output.read_bytes()


def test_an_unwritable_output_is_one_error(policy_store: OxigraphStore, tmp_path: Path) -> None:
    from plangraph.errors import ExportError

    with pytest.raises(ExportError, match="cannot write"):
        export(policy_store, "nquads", tmp_path / "missing" / "out.nq")


class _Writes(io.BytesIO):
    """A file that remembers the size of each write."""

    def __init__(self) -> None:
        super().__init__()
        self.sizes: list[int] = []

    def write(self, data: bytes, /) -> int:  # type: ignore[override]
        self.sizes.append(len(data))
        return super().write(data)


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "cytoscape", "dot"])
def test_view_files_are_written_as_they_are_made(
    policy_store: OxigraphStore, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = export(policy_store, fmt)
    assert whole is not None
    monkeypatch.setattr(streaming, "CHUNK", 200)  # a page of text, where a file has 1 MB
    stream = _Writes()
    export(policy_store, fmt, stream=stream)
    assert stream.getvalue() == whole
    assert len(stream.sizes) > 5 and max(stream.sizes) < len(whole) / 4
