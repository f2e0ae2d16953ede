"""Long documents in parts: split at paragraph breaks, extracted part by part, merged into
one extraction whose offsets point into the whole text.

spaCy refuses a text over ``nlp.max_length`` (1,000,000 characters), and its parser
needs memory in proportion to the text it is given (a 1.2 M-character report read in
parts of 200,000 characters peaked at 870 MiB RSS, in parts of 100,000 at 570 MiB, and
took a third less time); a document longer than :data:`PART_CHARS` is therefore cut, at
the last paragraph break (else line break, else sentence end, else space) before the
limit, into parts each pipeline reads as a document of its own. The parts' records are
then merged: every offset shifted by where its part starts, an actor or region named in
several parts one record, the plan the first part that names one. What spans parts is
lost (a deadline stated in one part does not scope the next), which is why short
documents are never cut.

>>> text = "First paragraph.\\n\\nSecond one.\\n\\nThird."
>>> [(start, part) for start, part in cut(text, 20)]
[(0, 'First paragraph.\\n\\n'), (18, 'Second one.\\n\\nThird.')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import fields, is_dataclass, replace
from typing import Any, TypeVar

from plangraph.model import Actor, Document, Extraction, Region, Span

PART_CHARS = 100_000
"""The longest text given to a pipeline at once."""

_BREAKS = (
    re.compile(r"\n\s*\n"),
    re.compile(r"\n"),
    re.compile(r"[.!?。！？]\s*"),
    re.compile(r"\s"),
)

T = TypeVar("T")


def cut(text: str, limit: int = PART_CHARS) -> Iterator[tuple[int, str]]:
    """``(start, part)`` pairs that join back into ``text``, each at most ``limit`` long."""
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        end = limit
        for pattern in _BREAKS:
            found = [m.end() for m in pattern.finditer(window) if m.end() < limit]
            if found and found[-1] > limit // 2:
                end = found[-1]
                break
        yield start, text[start : start + end]
        start += end
    yield start, text[start:]


def parts(document: Document, limit: int | None = None) -> list[tuple[int, Document]]:
    """The document as parts, each a document of its own; one part when it is short."""
    limit = limit or PART_CHARS
    if len(document.text) <= limit:
        return [(0, document)]
    return [(start, replace(document, text=part)) for start, part in cut(document.text, limit)]


def shifted(record: T, offset: int) -> T:
    """The record with every :class:`Span` in it moved ``offset`` characters on."""
    if offset == 0:
        return record
    return _shift(record, offset)  # type: ignore[no-any-return]


def _shift(value: Any, offset: int) -> Any:
    if isinstance(value, Span):
        return Span(value.start + offset, value.end + offset, value.text)
    if isinstance(value, tuple):
        return tuple(_shift(item, offset) for item in value)
    if is_dataclass(value) and not isinstance(value, type | Document):
        changes = {
            f.name: _shift(getattr(value, f.name), offset)
            for f in fields(value)
            if _holds_span(getattr(value, f.name))
        }
        return replace(value, **changes) if changes else value
    return value


def _holds_span(value: Any) -> bool:
    if isinstance(value, Span):
        return True
    if isinstance(value, tuple):
        return any(_holds_span(item) for item in value)
    return is_dataclass(value) and not isinstance(value, type | Document)


def merge(document: Document, pieces: list[tuple[int, Extraction]]) -> Extraction:
    """One extraction of the whole document from its parts' extractions."""
    if len(pieces) == 1 and pieces[0][0] == 0:
        return replace(pieces[0][1], document=document)
    actors: dict[str, Actor] = {}
    regions: dict[str, Region] = {}
    merged = Extraction(document=document)
    for offset, piece in pieces:
        piece = shifted(piece, offset)
        for actor in piece.actors:
            seen = actors.get(actor.name)
            actors[actor.name] = (
                actor
                if seen is None
                else replace(
                    seen,
                    surface_forms=tuple(dict.fromkeys(seen.surface_forms + actor.surface_forms)),
                    evidence=tuple(dict.fromkeys(seen.evidence + actor.evidence)),
                )
            )
        for region in piece.regions:
            old = regions.get(region.name)
            regions[region.name] = (
                region
                if old is None
                else replace(
                    old,
                    surface_forms=tuple(dict.fromkeys(old.surface_forms + region.surface_forms)),
                    mentioned=old.mentioned or region.mentioned,
                )
            )
        merged = replace(
            merged,
            plan=merged.plan or piece.plan,
            targets=merged.targets + piece.targets,
            statistics=merged.statistics + piece.statistics,
            measures=merged.measures + piece.measures,
            affiliations=merged.affiliations + piece.affiliations,
            warnings=merged.warnings + piece.warnings,
        )
    return replace(merged, actors=tuple(actors.values()), regions=tuple(regions.values()))
