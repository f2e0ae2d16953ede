"""RDF exports: the store's dataset or its union graph in a standard syntax."""

from __future__ import annotations

from typing import BinaryIO

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


def write_rdf(store: Store, fmt: str, output: BinaryIO) -> None:
    """The export streamed to ``output``: the store writes it as it reads it, and the
    whole text is never held in memory."""
    store.write(FORMATS[fmt], output)
