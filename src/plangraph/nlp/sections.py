"""A plan's layout: which part of the text sets goals, which lists tasks, which looks back.

Plan translations state their goals in the present tense under a heading ("I. Main
Targets", "By 2025:") and their instruments as bare imperatives under another ("II. Key
Tasks", "Safeguard Measures"). A sentence's meaning depends on that heading, so this
module reads the headings (a pure function of the text, no spaCy) and gives every
stretch of text its scope: its kind and the deadline a "By 2025:" line sets.

>>> text = ("I. Main Targets\\nBy 2025:\\n(1) Capacity exceeds 300 EFLOPS.\\n\\n"
...         "II. Key Tasks\\n(2) Build computing hubs in every city.")
>>> [(s.kind, s.year) for s in sections(text)][1:]
[('goals', None), ('goals', 2025), ('tasks', None)]
>>> scope_at(sections(text), text.index("Capacity")).year
2025
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

_NUMBERED = re.compile(
    r"^\s*(?:#{1,6}\s*)?(?:(?:[IVX]+|\d+|[A-Z])[.)]|\(\s*(?:\d+|[ivx]+|[a-z])\s*\)|"
    r"Chapter\s+\w+|Part\s+\w+|Section\s+\w+)\s*(.*)$"
)
_MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s+(.*)$")
_DEADLINE_LINE = re.compile(
    r"\b(?:by|before|until|in)\s+(?:the\s+end\s+of\s+)?(20\d\d)\s*[:：]\s*$", re.IGNORECASE
)
# "By 2027, the province strives to achieve the following:"
_OPENING_DEADLINE_LINE = re.compile(r"^\W*by\s+(?:the\s+end\s+of\s+)?(20\d\d)\b", re.IGNORECASE)
# "Development goals. By 2027, the province reaches the following goals:"
_INNER_DEADLINE = re.compile(r"\bby\s+(?:the\s+end\s+of\s+)?(20\d\d)\b", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^\s*(?:\(?\s*(?:\d+|[a-z]|[ivx]+)\s*[.)]|[-*•])\s+")
_KINDS = (
    (
        "goals",
        (
            "target",
            "targets",
            "goal",
            "goals",
            "objective",
            "objectives",
            "vision",
            "aims",
            "expected outcomes",
            "milestones",
            "indicators",
        ),
    ),
    (
        "background",
        (
            "situation",
            "foundation",
            "background",
            "basis",
            "progress so far",
            "current status",
            "achievements",
            "annex",
            "review",
        ),
    ),
    (
        "tasks",
        (
            "task",
            "tasks",
            "measure",
            "measures",
            "safeguard",
            "safeguards",
            "support",
            "policy",
            "policies",
            "action",
            "actions",
            "initiatives",
            "implementation",
            "organisation",
            "organization",
            "resource allocation",
            "projects",
            "priorities",
            "key areas",
            "guarantee",
            "guarantees",
        ),
    ),
)
_HEADING_WORDS = 12
# "The ministry announced several initiatives, including:": a list intro that announces
# instruments makes its items tasks, each read on its own
_LIST_OF_TASKS = re.compile(
    r"\b(?:initiatives|measures|steps|actions|policies|programmes|programs|projects|"
    r"incentives|instruments|schemes|tasks)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Scope:
    start: int
    kind: str | None
    year: int | None
    heading: bool = False
    """Whether a heading opens this stretch (rather than a list intro or a paragraph)."""


_TITLE_WORDS = re.compile(
    r"\b(?:plan|opinions|notice|guidelines?|regulations|strategy|"
    r"programme|program)\b",
    re.IGNORECASE,
)


def _heading_kind(line: str) -> str | None:
    """What a heading announces; a document's own title ("... Action Plan") announces
    nothing about the part under it."""
    if _TITLE_WORDS.search(line):
        return None
    words = f" {re.sub(r'[^a-z ]+', ' ', line.lower())} "
    for kind, cues in _KINDS:
        if any(f" {cue} " in words for cue in cues):
            return kind
    return None


def is_heading(line: str) -> bool:
    """A short line that names a part: "II. Key Tasks", "## Safeguard Measures",
    "Main targets. By 2025:". List items that are sentences are not headings."""
    stripped = line.strip().strip("*_ ")
    if not stripped or len(stripped.split()) > _HEADING_WORDS:
        return False
    if _MARKDOWN_HEADING.match(line):
        return True
    body = _NUMBERED.match(stripped)
    text = body[1] if body else stripped
    if (
        text.endswith((".", ";", ","))
        and not _DEADLINE_LINE.search(text)
        and not (
            body and len(text.split()) <= 5 and text.endswith(".") and not re.search(r"\d", text)
        )
    ):
        return False  # a sentence, unless a short numbered title: "(1) Development goals."
    if text.endswith(":") and not _DEADLINE_LINE.search(text) and len(text.split()) > 4:
        return False
    return bool(body) or (text[:1].isupper() and not text.endswith("?"))


def sections(text: str) -> list[Scope]:
    """The scopes of ``text`` in order; each lasts until the next one starts."""
    scopes: list[Scope] = [Scope(0, None, None)]
    kind: str | None = None
    year: int | None = None
    listing: str | None = None  # the kind before a list of tasks, while in the list
    offset = 0
    for line in text.split("\n"):
        start, offset = offset, offset + len(line) + 1
        stripped = line.strip()
        deadline = _DEADLINE_LINE.search(stripped)
        if listing is not None and stripped and not _LIST_ITEM.match(line):
            kind, listing = (None if listing == "" else listing), None
            scopes.append(Scope(start, kind, year))  # the list of tasks has ended
        if stripped and is_heading(line):
            # a part's title names its kind; a headline ("City sets 2026 goals for ...")
            # is a sentence about the document, not a part of it
            titled = (
                bool(_NUMBERED.match(stripped) or _MARKDOWN_HEADING.match(line))
                or len(stripped.split()) <= 5
            )
            heading_kind = _heading_kind(stripped) if titled else None
            kind = heading_kind or (kind if deadline else None)
            year = int(deadline[1]) if deadline else None
            if deadline and kind is None:
                kind = "goals"
            scopes.append(Scope(start, kind, year, heading=True))
        elif (
            deadline
            or (deadline := _OPENING_DEADLINE_LINE.match(stripped))
            or (deadline := _INNER_DEADLINE.search(stripped))
        ) and stripped.endswith((":", "：")):
            year = int(deadline[1])
            scopes.append(Scope(start, kind or "goals", year))
        elif (
            stripped.endswith((":", "："))
            and kind != "tasks"
            and _LIST_OF_TASKS.search(stripped)
            and not is_heading(line)
        ):
            listing = kind or ""
            kind = "tasks"
            scopes.append(Scope(start + len(line), kind, year))
        elif year is not None and not stripped:
            continue
        elif (
            year is not None
            and not _LIST_ITEM.match(line)
            and scopes[-1].year is not None
            and text[scopes[-1].start : start].count("\n\n") >= 1
        ):
            # a paragraph after a "By 2025:" list ends the list's deadline
            year = None
            scopes.append(Scope(start, kind, None))
    return scopes


def scope_at(scopes: Sequence[Scope], offset: int) -> Scope:
    """The scope a character offset falls in."""
    index = bisect_right([s.start for s in scopes], offset) - 1
    return scopes[max(index, 0)]
