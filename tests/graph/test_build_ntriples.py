"""The N-Triples an ingest stores say what the rdflib graph of the same extraction says."""

from __future__ import annotations

import dataclasses

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal

from plangraph.graph.build import extraction_graph, extraction_ntriples
from plangraph.model import Extraction

from .test_shapes import FULL, MINIMAL, document

AWKWARD = 'A line\nbreak, a "quote", a back\\slash, a return\r and 中文 and an emoji \U0001f4c8'


@pytest.mark.parametrize(
    "extraction",
    [
        FULL,
        MINIMAL,
        dataclasses.replace(FULL, document=document("awkward", AWKWARD)),
    ],
    ids=["full", "minimal", "awkward-text"],
)
def test_the_ntriples_are_the_graph(extraction: Extraction) -> None:
    text = extraction_ntriples(extraction).text
    parsed = Graph().parse(data=text, format="nt")
    assert set(parsed) == set(extraction_graph(extraction))
    # and Oxigraph, which the store parses them with, reads them as they are
    assert len(list(ox.parse(text, format=ox.RdfFormat.N_TRIPLES))) == len(parsed)


def test_each_triple_is_written_once() -> None:
    lines = extraction_ntriples(FULL).text.splitlines()
    assert len(lines) == len(set(lines)) == len(extraction_graph(FULL))


def test_the_document_text_survives_the_escapes() -> None:
    text = extraction_ntriples(dataclasses.replace(FULL, document=document("awkward", AWKWARD)))
    parsed = Graph().parse(data=text.text, format="nt")
    assert Literal(AWKWARD) in set(parsed.objects())
