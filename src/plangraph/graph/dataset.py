"""Whole datasets: a document's graph serialised with its name, and validation of a store.

A store holds one named graph per document; these helpers turn it into rdflib graphs for
serialisation and SHACL validation.
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Dataset, Graph, URIRef

from plangraph.errors import ExportError
from plangraph.graph import shapes
from plangraph.graph.build import bind_prefixes
from plangraph.graph.shapes import Report
from plangraph.store.base import Store

RDFLIB_FORMATS = {
    "nquads": "nquads",
    "trig": "trig",
    "turtle": "turtle",
    "ttl": "turtle",
    "jsonld": "json-ld",
    "json-ld": "json-ld",
    "nt": "nt",
    "xml": "xml",
}
_DATASET_FORMATS = frozenset({"nquads", "trig", "json-ld"})


def document_dataset(document: URIRef, graph: Graph, fmt: str) -> str:
    """One document's graph in ``fmt``; dataset syntaxes keep the graph's name."""
    syntax = RDFLIB_FORMATS.get(fmt)
    if syntax is None:
        raise ExportError(f"unknown RDF format {fmt!r}; valid: {', '.join(RDFLIB_FORMATS)}")
    if syntax not in _DATASET_FORMATS:
        return graph.serialize(format=syntax)
    dataset = Dataset()
    bind_prefixes(dataset)
    named = dataset.graph(document)
    for triple in graph:
        named.add(triple)
    return dataset.serialize(format=syntax)


def document_graphs(store: Store) -> Iterator[tuple[URIRef, Graph]]:
    """Each stored document's named graph as an rdflib graph."""
    graphs: dict[URIRef, Graph] = {}
    for s, p, o, g in store.quads():
        if g is None:
            continue
        graphs.setdefault(URIRef(str(g)), Graph()).add((s, p, o))
    yield from sorted(graphs.items())


def validate_store(store: Store) -> Iterator[tuple[str, Report]]:
    """SHACL reports for every document graph, then for the union of all of them, each
    constraint run by the store over all graphs at once (:func:`shapes.validate_store`)."""
    yield from shapes.validate_store(store, [info.iri for info in store.documents()])
