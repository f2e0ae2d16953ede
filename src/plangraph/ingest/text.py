"""Plain text and Markdown: bytes to text, refusing binary files and unknown encodings."""

from __future__ import annotations

import re

from plangraph.errors import ReadError

_BOMS = (("utf-8-sig", b"\xef\xbb\xbf"), ("utf-16", b"\xff\xfe"), ("utf-16", b"\xfe\xff"))
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKS = re.compile(
    r"(?m)^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+(?=\S))|(\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`)"
)


def decode(data: bytes, name: str) -> str:
    """UTF-8 (or UTF-16 with a byte-order mark); anything else is refused, never guessed."""
    for encoding, bom in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding)
    if b"\x00" in data[:4096]:
        raise ReadError(f"{name}: binary data, expected a text file (UTF-8)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ReadError(
            f"{name}: not UTF-8 text (invalid byte at offset {error.start}); "
            "convert it to UTF-8 first"
        ) from None


def read_text(data: bytes, name: str) -> str:
    return decode(data, name)


def read_markdown(data: bytes, name: str) -> str:
    """Markdown to prose: link targets, heading marks, emphasis and code ticks dropped.

    >>> read_markdown(b"# Plan\\n\\n**By 2025**, see [the plan](http://x).", "a.md")
    'Plan\\n\\nBy 2025, see the plan.'
    """
    text = decode(data, name)
    text = _MD_LINK.sub(r"\1", text)
    return _MD_MARKS.sub("", text)
