"""Load an export (N-Quads or TriG) into a store: restore a backup, move a graph between
an embedded and a remote store, or build a large store quickly for a benchmark.

Each named graph of the file becomes a document graph, written as ingest writes one.
Derived data (the links graph of :mod:`plangraph.graph.links`) is not trusted from the
file: it is recomputed from what was loaded, as after every ingest.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from plangraph.errors import StoreError
from plangraph.graph.links import LINKS_GRAPH
from plangraph.store.base import Store
from plangraph.store.oxigraph import OxigraphStore, load_dataset
from plangraph.workflow import mark_links_stale, refresh_links

FORMATS = {".nq": "nquads", ".nquads": "nquads", ".trig": "trig"}


@dataclass(frozen=True)
class LoadReport:
    graphs: int
    quads: int


def dataset_format(path: Path) -> str:
    """The syntax of an export, from its file name.

    >>> dataset_format(Path("backup.nq"))
    'nquads'
    """
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise StoreError(
            f"{path}: cannot tell the format from the name; valid: {', '.join(FORMATS)}"
        )
    return fmt


def load(path: Path, store: Store) -> LoadReport:
    """Write every named graph of ``path`` into ``store``, rebuild the derived data, and
    compact an embedded store.

    An empty embedded store is bulk-loaded (seconds for a million quads); otherwise each
    graph replaces the stored graph of the same name, one atomic write per graph.
    """
    fmt = dataset_format(path)
    if not path.is_file():
        raise StoreError(f"{path}: no such file")
    skip = frozenset({str(LINKS_GRAPH)})
    if isinstance(store, OxigraphStore) and _empty(store):
        graphs, quads = load_dataset(store, path, fmt, skip)
    else:
        # as an ingest does: the mark says the derived data may not match the documents
        # (the parts of the paged queries are not read while it is there), and stays if
        # the load is killed, so that the next write derives them again
        mark_links_stale(store)
        graphs, quads = _load_by_graph(path, fmt, store, skip)
    refresh_links(store)
    if isinstance(store, OxigraphStore):
        store.optimize()
    return LoadReport(graphs, quads)


def _empty(store: Store) -> bool:
    result = store.query("ASK { GRAPH ?g { ?s ?p ?o } }")
    return result is False


def _load_by_graph(path: Path, fmt: str, store: Store, skip: frozenset[str]) -> tuple[int, int]:
    dataset = Dataset()
    try:
        dataset.parse(path, format=fmt)
    except (SyntaxError, ValueError, OSError) as error:
        raise StoreError(f"{path}: not valid {fmt}: {str(error).splitlines()[0]}") from None
    graphs: dict[URIRef, Graph] = defaultdict(Graph)
    for s, p, o, g in dataset.quads((None, None, None, None)):
        if g is None or not isinstance(g, URIRef) or str(g) in skip:
            continue
        if str(g) == "urn:x-rdflib:default":
            continue
        graphs[g].add((s, p, o))
    for name in sorted(graphs):
        store.put_document(name, graphs[name])
    return len(graphs), sum(len(g) for g in graphs.values())
