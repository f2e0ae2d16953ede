"""Metadata found in a document's first lines: date, title, source.

Plain-text exports of news pages and plans carry a header such as ``date 2023-05-30``,
``Date: 2024-03-12`` or ``Published: 12 March 2024``. Those lines are metadata, not prose:
:func:`split_header` returns them parsed and the text without them.

>>> header, body = split_header(" date 2023-05-30 AI\\n\\nBeijing aims high.")
>>> header.date, body
('2023-05-30', 'Beijing aims high.')
>>> parse_date("Published: March 12, 2024")
'2024-03-12'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_DAY_MONTH = re.compile(r"\b(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
_MONTH_DAY = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\b")
_KEYED = re.compile(
    r"^\s*(date|published|issued|updated|posted|release date|source|title|author|byline)"
    r"\s*[:：]?\s+(.+?)\s*$",
    re.IGNORECASE,
)
_HEADER_LINES = 6


@dataclass(frozen=True)
class Header:
    title: str | None = None
    date: str | None = None
    source: str | None = None


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_date(text: str) -> str | None:
    """The first calendar date in ``text`` as ISO ``YYYY-MM-DD``, or None."""
    if m := _ISO.search(text):
        return _valid(int(m[1]), int(m[2]), int(m[3]))
    if (m := _DAY_MONTH.search(text)) and m[2].lower() in _MONTHS:
        return _valid(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
    if (m := _MONTH_DAY.search(text)) and m[1].lower() in _MONTHS:
        return _valid(int(m[3]), _MONTHS[m[1].lower()], int(m[2]))
    return None


def split_header(text: str) -> tuple[Header, str]:
    """Parse keyed metadata lines at the top of ``text``; return them and the remaining text."""
    lines = text.split("\n")
    found: dict[str, str] = {}
    kept: list[str] = []
    for index, line in enumerate(lines):
        keyed = _KEYED.match(line) if index < _HEADER_LINES else None
        if keyed is None:
            kept.append(line)
            continue
        if not re.match(r"^\s*[\w ]+?\s*[:：]", line) and len(keyed[2].split()) > 5:
            # "Issued by the State Council on 8 July 2017 and made public ...": a sentence
            # of the text that dates it, not a header field to take out
            kept.append(line)
            if keyed[1].lower() in {"issued", "published", "released"} and (
                parsed := parse_date(keyed[2])
            ):
                found.setdefault("date", parsed)
            continue
        key, value = keyed[1].lower(), keyed[2]
        if key in {"date", "published", "issued", "updated", "posted", "release date"}:
            parsed = parse_date(value)
            if parsed is None:
                kept.append(line)
                continue
            found.setdefault("date", parsed)
        elif key == "title":
            found.setdefault("title", value)
        elif key == "source":
            found.setdefault("source", value)
        else:
            kept.append(line)
    body = "\n".join(kept).strip()
    if "date" not in found:
        # a dateline: "Seoul, 26 September 2024", "2024-06-12 09:30", or a "|" field
        for line in body.split("\n")[:_HEADER_LINES]:
            # "2024-06-12 | Central China Economic Observer | By Liu Xin": a field of its own
            fields = [line, *line.split("|")] if "|" in line else [line]
            parsed = next(
                (p for f in fields if len(f.split()) <= 8 and (p := parse_date(f)) is not None),
                None,
            )
            if parsed is not None:
                found["date"] = parsed
                break
    title = found.get("title") or _title_line(body)
    return Header(title=title, date=found.get("date"), source=found.get("source")), body


def _title_line(body: str) -> str | None:
    """A first line that reads as a headline: short, no closing full stop."""
    first = body.split("\n", 1)[0].strip()
    if first and "\n" in body and len(first.split()) <= 25 and not first.endswith((".", ":")):
        return first.lstrip("# ").strip() or None
    return None
