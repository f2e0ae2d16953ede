"""RDF exports: the store's dataset or its union graph in a standard syntax."""

from __future__ import annotations

from plangraph.store.base import Store

FORMATS = {
    "nquads": "nquads",
    "trig": "trig",
    "turtle": "turtle",
    "ttl": "turtle",
    "jsonld": "jsonld",
    "json-ld": "jsonld",
    "nt": "nt",
    "ntriples": "nt",
    "xml": "xml",
}
SUFFIXES = {
    "nquads": ".nq",
    "trig": ".trig",
    "turtle": ".ttl",
    "jsonld": ".jsonld",
    "nt": ".nt",
    "xml": ".rdf",
}


def export_rdf(store: Store, fmt: str) -> bytes:
    return store.serialize(FORMATS[fmt])
