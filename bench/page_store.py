"""A large store for the page's benchmark: an ingested store's documents, copied many times.

    python bench/page_store.py SOURCE_STORE TARGET_STORE --copies 75

Each copy renames what belongs to one document (the document, its plan, targets,
statistics, measures, evidence and the nodes under them: ``.../guangdong-2023`` becomes
``.../guangdong-2023-c7``) and keeps what is shared across documents (actors, regions,
categories), as a store grows when many reports of many plans name the same bodies.
Values are scaled a little per copy so that charts have something to rank. The copies
are written as one document graph each plus the union default graph, as
``plangraph ingest`` writes them (no spaCy: 40 documents copied 75 times is 3,000
documents and about 1.6 million quads, written in under a minute).
"""

from __future__ import annotations

import argparse
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox

ID = "https://w3id.org/plangraph/id/"
PG = "https://w3id.org/plangraph/ontology#"
# nodes that belong to one document: copied with it
OWN = ("document/", "plan/", "target/", "statistic/", "measure/", "evidence/", "quantity/",
       "affiliation/")  # fmt: skip
SCALED = {PG + "value", PG + "maxValue"}
IDENTIFIER = "http://purl.org/dc/terms/identifier"
# the store's record of source files (plangraph.store.sources) is not copied
SOURCES = ox.NamedNode(ID + "graph/sources")


def _rename(term: ox.NamedNode | ox.BlankNode | ox.Literal, copy: int):  # type: ignore[no-untyped-def]
    if isinstance(term, ox.NamedNode) and term.value.startswith(tuple(ID + o for o in OWN)):
        return ox.NamedNode(f"{term.value}-c{copy}")
    return term


def copies(source: ox.Store, count: int) -> list[ox.Quad]:
    """Every named-graph quad of ``source``, ``count`` times renamed, and their union."""
    quads = [
        q
        for q in source.quads_for_pattern(None, None, None)
        if q.graph_name != ox.DefaultGraph() and q.graph_name != SOURCES
    ]
    out: list[ox.Quad] = []
    union: set[ox.Triple] = set()
    for copy in range(count):
        factor = Decimal(1) + Decimal(copy % 10) / 20
        for quad in quads:
            subject = _rename(quad.subject, copy)
            obj = _rename(quad.object, copy)
            if quad.predicate.value in SCALED and isinstance(obj, ox.Literal):
                obj = ox.Literal(str(Decimal(obj.value) * factor), datatype=obj.datatype)
            elif quad.predicate.value == IDENTIFIER and isinstance(obj, ox.Literal):
                obj = ox.Literal(f"{obj.value}-c{copy}")
            graph = _rename(quad.graph_name, copy)
            out.append(ox.Quad(subject, quad.predicate, obj, graph))
            union.add(ox.Triple(subject, quad.predicate, obj))
    out.extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in union)
    return out


def build(source: Path, target: Path, count: int) -> int:
    """Write ``count`` renamed copies of the store at ``source`` into a new store."""
    original = ox.Store.read_only(str(source))
    quads = copies(original, count)
    store = ox.Store(str(target))
    store.bulk_extend(quads)
    store.flush()
    del store
    return len(quads)


def replicate(source: Path, target: Path, documents: int) -> int:
    """A store of about ``documents`` documents: the store at ``source`` copied as often as
    that takes (see :func:`copies`); returns the number of documents written."""
    original = ox.Store.read_only(str(source))
    typed = original.quads_for_pattern(
        None,
        ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
        ox.NamedNode(PG + "Document"),
        ox.DefaultGraph(),
    )
    per_copy = sum(1 for _ in typed)
    count = max(1, round(documents / per_copy))
    quads = copies(original, count)
    store = ox.Store(str(target))
    store.bulk_extend(quads)
    store.flush()
    del store, original
    return per_copy * count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--copies", type=int, default=75)
    options = parser.parse_args()
    written = build(options.source, options.target, options.copies)
    print(f"{written:,} quads in {options.target}")


if __name__ == "__main__":
    main()
