"""The layout of a Chinese text: lines, headings, sentences and clauses, by offsets.

Chinese plans are built of numbered headings (一、 / （一） / 1. / 第一条), sentences ended
by 。！？ (or a line break), and clauses parted by ，；： (the full-width marks, or
their ASCII forms between Chinese characters, as pages often write them). A heading's
title may run on into its body on the same line: "（一）发展目标。到2027年，..." has the
title 发展目标 and a body.

>>> text = "一、主要目标\\n（一）发展目标。到2027年，建成高地。"
>>> [(u.kind, u.level, u.text) for u in units(text)]
[('heading', 1, '主要目标'), ('heading', 2, '发展目标'), ('body', 2, '到2027年，建成高地。')]
>>> [c.text for c in clauses("加快实验室建设，瞄准前沿；支持开展研究。", 0)]
['加快实验室建设', '瞄准前沿', '支持开展研究']
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# heading numbers, outermost first: 一、 （一） 1. （1） ① 第一条
_HEADINGS = (
    (1, re.compile(r"[一二三四五六七八九十]+[、.．]\s*")),
    (1, re.compile(r"第[一二三四五六七八九十百]+[章条部分]\s*")),
    (2, re.compile(r"[（(][一二三四五六七八九十]+[)）]\s*")),
    (3, re.compile(r"\d{1,2}[.．、](?!\d)\s*")),
    (4, re.compile(r"[（(]\d{1,2}[)）]\s*|[①-⑳]\s*")),
    (5, re.compile(r"——\s*|[•·]\s*")),
)
_SENTENCE_END = re.compile(r"[。！？!?]+[”」』\"]?")
_CJK = "\u3400-\u9fff"
# clause marks: full-width, or ASCII between Chinese characters (not 3,000 or 1.5)
_CLAUSE = re.compile(rf"[，；：]|(?<=[{_CJK}）)”])[,;:](?![\d])|(?<![\d])[,;:](?=[{_CJK}（“])")


@dataclass(frozen=True)
class Unit:
    """A heading's title or a stretch of body text, with its heading level."""

    kind: str
    level: int
    start: int
    end: int
    text: str
    number: str = ""


@dataclass(frozen=True)
class Piece:
    start: int
    end: int
    text: str


def heading_number(line: str) -> tuple[int, int] | None:
    """The level and length of the number opening a heading or list item, if any."""
    for level, pattern in _HEADINGS:
        m = pattern.match(line)
        if m is not None:
            return level, m.end()
    return None


def units(text: str) -> Iterator[Unit]:
    """Headings and body text, line by line, each body at the level of the heading it is
    under. A numbered line whose first sentence is short is a heading with a title;
    a numbered line that is one long sentence is a list item (a body)."""
    level = 0
    offset = 0
    for line in text.split("\n"):
        start, stripped = offset, line.strip()
        offset += len(line) + 1
        if not stripped:
            continue
        lead = start + line.index(stripped)
        numbered = heading_number(stripped)
        if numbered is None:
            yield Unit("body", level, lead, lead + len(stripped), stripped)
            continue
        level, skip = numbered
        rest = stripped[skip:]
        number = stripped[:skip].strip()
        first = _SENTENCE_END.search(rest)
        title_end = first.start() if first else len(rest)
        title = rest[:title_end]
        whole_heading = first is None and len(rest) <= 40
        if title and (whole_heading or (len(title) <= 30 and not _CLAUSE.search(title))):
            yield Unit("heading", level, lead + skip, lead + skip + title_end, title, number)
            body_start = first.end() if first else len(rest)
            body = rest[body_start:]
            if body.strip():
                b = lead + skip + body_start + (len(body) - len(body.lstrip()))
                yield Unit("body", level, b, lead + len(stripped), body.strip(), number)
        else:
            yield Unit("body", level, lead + skip, lead + len(stripped), rest, number)


def sentences(unit: Unit) -> Iterator[Piece]:
    """The sentences of a unit of body text, each with its closing mark."""
    start = 0
    for m in _SENTENCE_END.finditer(unit.text):
        yield Piece(unit.start + start, unit.start + m.end(), unit.text[start : m.end()])
        start = m.end()
    if unit.text[start:].strip():
        yield Piece(unit.start + start, unit.end, unit.text[start:])


def clauses(sentence: str, offset: int) -> list[Piece]:
    """A sentence's clauses, without their marks (and without the closing mark)."""
    out = []
    start = 0
    body = _SENTENCE_END.sub(lambda m: " " * len(m.group()), sentence)
    for m in _CLAUSE.finditer(body):
        out.append(Piece(offset + start, offset + m.start(), body[start : m.start()]))
        start = m.end()
    out.append(Piece(offset + start, offset + len(body.rstrip()), body[start:].rstrip()))
    return [p for p in out if p.text.strip()]
