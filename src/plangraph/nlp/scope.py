"""The discourse scope: which deadline governs a sentence, and whether it states goals.

Plans and reports of them state a deadline once and let it govern what follows: a
headline ("City to build AI hub by 2025"), a heading ("By 2025:"), a list intro ("By
2027, the province reaches the following goals:"), a lead sentence ("By 2025, the goal
is to ..." and paragraphs of goals after it). This module reads those scopes from the
text and its sentence boundaries, with no spaCy, and gives each sentence:

- ``kind``: the part of the document it stands in (goals, tasks, background), from the
  headings (:mod:`plangraph.nlp.sections`);
- ``year``: the deadline that governs it, the nearest one stated before it: its own
  opening deadline, else its list's or heading's, else the one a goal sentence stated
  last, else the headline's. A heading starts afresh;
- ``mood``: "goal" when the sentence is read as stating goals whatever its tense
  (under a goals heading, in a list after a deadline, or opening with a deadline).

A clause's own deadline ("300 billion yuan by 2027") is nearer still and overrides the
scope; that is for the readers of targets to apply.

>>> text = ("City to build AI hub by 2025\\n"
...         "The plan was issued on Monday. By 2027, the core industry tops 100 billion yuan. "
...         "Firms will number 500.\\n\\n"
...         "II. Main Tasks\\nBuild data centres.")
>>> sentences = [(m.start(), m.end()) for m in re.finditer("[^.\\n]+[.]?", text)]
>>> [(s.year, s.mood) for s in discourse(text, sentences, doc_year=2024)]
[(2025, None), (2025, None), (2027, 'goal'), (2027, None), (None, None), (None, None), (None, None)]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from plangraph.nlp.sections import Scope, scope_at, sections

# "By 2027, ...", "3. By the end of 2026, ...": a deadline that opens a sentence
_OPENING = re.compile(
    r"^\W*(?:\d+[.)]\s*)?(?:by|before|until|no later than)\s+(?:the\s+end\s+of\s+)?(20\d\d)\b",
    re.IGNORECASE,
)
# a deadline anywhere: "... by 2025", "by the end of 2027", "before 2030"
_DEADLINE = re.compile(
    r"\b(?:by|before|until|till|no later than)\s+(?:the\s+end\s+of\s+|end-)?(20\d\d)\b",
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(r"\s*(?:\(?\d+[.)]|[-*•]|\([a-z]\)|\(?[ivx]+\))\s")


@dataclass(frozen=True)
class SentenceScope:
    """What governs one sentence: its part of the document, its deadline and mood."""

    start: int
    kind: str | None = None
    year: int | None = None
    mood: str | None = None


def opening_deadline(text: str) -> int | None:
    """The year of a deadline that opens ``text``, or None.

    >>> opening_deadline("By 2027, the province ..."), opening_deadline("It will, by 2027")
    (2027, None)
    """
    match = _OPENING.match(text)
    return int(match[1]) if match else None


def headline_deadline(text: str) -> int | None:
    """The deadline a headline gives the report under it: the first line, when it is a
    title and not a sentence ("Beijing to establish AI innovation hub by 2025").

    >>> headline_deadline("Beijing to establish AI innovation hub by 2025\\n\\nBody ...")
    2025
    >>> headline_deadline("The city grows, and by 2025 it will be larger.") is None
    True
    """
    first = next((line.strip() for line in text.split("\n", 5) if line.strip()), "")
    if not first or len(first.split()) > 20 or first.endswith((".", ";", ":")):
        return None
    match = _DEADLINE.search(first)
    return int(match[1]) if match else None


def discourse(
    text: str,
    sentences: Sequence[tuple[int, int]],
    *,
    doc_year: int | None = None,
    headline: str | None = None,
) -> list[SentenceScope]:
    """The scope of each sentence, in order; ``sentences`` are (start, end) offsets."""
    layout = sections(text)
    first_line = len(text) - len(text.lstrip())
    # a heading starts afresh; the headline over the whole text does not
    heading_starts = {s.start for s in layout if s.heading and s.start > first_line}
    governing = _not_past(headline_deadline(headline or text), doc_year)
    frame: int | None = None  # an opening deadline that lasts its paragraph or list item
    frame_paragraph = -1
    current_layout: Scope | None = None
    out: list[SentenceScope] = []
    for start, end in sentences:
        part = scope_at(layout, start)
        if part is not current_layout:
            current_layout = part
            if part.start in heading_starts:
                governing = part.year  # a heading starts afresh
            elif part.year is not None:
                governing = part.year
        sentence = text[start:end]
        paragraph = text.rfind("\n", 0, start)
        if paragraph != frame_paragraph or not (
            _LIST_ITEM.match(text, paragraph + 1) or part.kind == "goals"
        ):
            # a frame lasts past its sentence only in a numbered item or under a goals
            # heading; in running prose it covers its own sentence
            frame, frame_paragraph = None, paragraph
        opening = _not_past(opening_deadline(sentence), doc_year)
        if opening is not None:
            frame, frame_paragraph = opening, paragraph
        mood = "goal" if part.kind == "goals" or frame is not None else None
        kind = part.kind
        if frame is not None and kind not in {"background"}:
            kind = "goals"
        year = frame or part.year or governing
        out.append(SentenceScope(start, kind, year, mood))
        stated = _DEADLINE.findall(sentence)
        if stated:
            # the deadline a sentence states last governs the goals after it
            latest = _not_past(int(stated[-1]), doc_year)
            if latest is not None:
                governing = latest
    return out


def scope_of(scopes: Sequence[SentenceScope], offset: int) -> SentenceScope:
    """The scope of the sentence that holds a character offset."""
    index = bisect_right([s.start for s in scopes], offset) - 1
    return scopes[index] if index >= 0 else SentenceScope(offset)


def _not_past(year: int | None, doc_year: int | None) -> int | None:
    """A deadline already behind the document ("By 2023, the city had built ...", written
    in 2024) governs nothing."""
    if year is None or (doc_year is not None and year < doc_year):
        return None
    return year
