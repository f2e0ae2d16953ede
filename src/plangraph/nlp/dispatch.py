"""Each document to the pipeline of its language, and what both pipelines' records share.

English documents go to the English pipeline (:mod:`plangraph.nlp.pipeline`), Chinese
ones to the Chinese (:mod:`plangraph.nlp.zh.pipeline`); each pipeline is loaded on first
use. Runs of documents in one language are extracted together, so the order of the
extractions is the order of the documents. Every extraction then gets what makes one
graph across languages: each known actor's and region's names in both languages (an
English report's Guangdong is also 广东), for each count, what it counts in words of no
language (:mod:`plangraph.nlp.counted`), and physical figures in SI base units
(:mod:`plangraph.nlp.base_units`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from itertools import groupby

from plangraph.model import Actor, Document, Extraction, Region
from plangraph.nlp.base_units import with_base_units
from plangraph.nlp.counted import with_counted
from plangraph.nlp.parts import merge, parts


def _english(documents: list[Document], n_process: int) -> Iterator[Extraction]:
    from plangraph.nlp.extract import extract
    from plangraph.nlp.pipeline import load

    return extract(load(), documents, n_process=n_process)


def _chinese(documents: list[Document], n_process: int) -> Iterator[Extraction]:
    from plangraph.nlp.zh.extract import extract
    from plangraph.nlp.zh.pipeline import load

    return extract(load(), documents, n_process=n_process)


def bilingual(extraction: Extraction) -> Extraction:
    """Names in both languages for the actors and regions the bilingual gazetteer knows."""
    from plangraph.nlp.zh.names import gazetteer

    g = gazetteer()

    def actor(a: Actor) -> Actor:
        body = g.bodies.get(a.name)
        if body is None or a.labels:
            return a
        labels = (("en", body.en), ("zh", body.zh)) if body.en else (("zh", body.zh),)
        return replace(a, labels=labels, aliases=body.forms)

    def region(r: Region) -> Region:
        place = g.places.get(r.name)
        if place is None or r.labels:
            return r
        labels = (("en", place.en), ("zh", place.zh)) if place.en else (("zh", place.zh),)
        return replace(r, labels=labels, aliases=place.forms)

    return replace(
        extraction,
        actors=tuple(actor(a) for a in extraction.actors),
        regions=tuple(region(r) for r in extraction.regions),
    )


def extract_documents(documents: Sequence[Document], *, n_process: int = 1) -> Iterator[Extraction]:
    """One extraction per document, in order, each by the pipeline of its language."""
    runs: Iterable[tuple[bool, Iterator[Document]]] = groupby(
        documents, key=lambda d: d.language == "zh"
    )
    for chinese, run in runs:
        batch = list(run)
        pipeline = _chinese if chinese else _english
        for extraction in _whole(batch, pipeline, n_process):
            yield bilingual(with_counted(with_base_units(extraction)))


def _whole(
    documents: list[Document],
    pipeline: Callable[[list[Document], int], Iterator[Extraction]],
    n_process: int,
) -> Iterator[Extraction]:
    """The pipeline over the documents, one extraction per document in order; a long one
    is read in parts (:mod:`plangraph.nlp.parts`), one part at a time in this process so
    that only one part's ``Doc`` is held, and its parts' extractions merged."""
    pieces = [parts(document) for document in documents]
    if all(len(p) == 1 for p in pieces):
        yield from pipeline(documents, n_process)
        return
    short: list[Document] = []
    for document, cut in zip(documents, pieces, strict=True):
        if len(cut) == 1:
            short.append(document)
            continue
        if short:
            yield from pipeline(short, n_process)
            short = []
        found = [(start, next(pipeline([part], 1))) for start, part in cut]
        yield merge(document, found)
    if short:
        yield from pipeline(short, n_process)
