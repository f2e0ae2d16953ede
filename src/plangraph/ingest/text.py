"""Plain text and Markdown: bytes to text, refusing binary files and unknown encodings."""

from __future__ import annotations

import re

from plangraph.errors import ReadError

# UTF-32 first: its little-endian mark begins with UTF-16's
_BOMS = (
    ("utf-8-sig", b"\xef\xbb\xbf"),
    ("utf-32", b"\xff\xfe\x00\x00"),
    ("utf-32", b"\x00\x00\xfe\xff"),
    ("utf-16", b"\xff\xfe"),
    ("utf-16", b"\xfe\xff"),
)
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKS = re.compile(
    r"(?m)^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+(?=\S))|(\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`)"
)


def decode(data: bytes, name: str) -> str:
    """UTF-8 (or UTF-16 or UTF-32 with a byte-order mark); anything else is refused, never
    guessed, and so is text that holds NUL characters (binary data).

    >>> decode("规划".encode("utf-32"), "a.txt")
    '规划'
    >>> decode(b"plan\\x00\\x00", "b.txt")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    plangraph.errors.ReadError: b.txt: binary data (NUL at character 4), expected a text ...
    """
    encoding = next((enc for enc, bom in _BOMS if data.startswith(bom)), "utf-8")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        if encoding == "utf-8" and b"\x00" in data:
            raise ReadError(f"{name}: binary data, expected a text file (UTF-8)") from None
        label = {"utf-8": "UTF-8 text", "utf-8-sig": "UTF-8 text after its byte-order mark"}.get(
            encoding, f"{encoding.upper()} text though its byte-order mark says so"
        )
        raise ReadError(
            f"{name}: not {label} ({error.reason} at byte {error.start}); convert it to UTF-8 first"
        ) from None
    if (nul := text.find("\x00")) >= 0:
        raise ReadError(
            f"{name}: binary data (NUL at character {nul}), expected a text file (UTF-8)"
        )
    return text


def read_text(data: bytes, name: str) -> str:
    return decode(data, name)


_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)
_FRONT_KEYS = {"title": "Title", "date": "Date", "source": "Source"}


def _front_matter(text: str) -> str:
    """YAML front matter becomes header lines ("Title: ...", "Date: ...") the metadata
    reader understands; its other keys are dropped."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return text
    header = []
    for line in match[1].splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() in _FRONT_KEYS:
            header.append(f"{_FRONT_KEYS[key.strip().lower()]}: {value.strip().strip(chr(34))}")
    return "\n".join(header) + "\n\n" + text[match.end() :]


def read_markdown(data: bytes, name: str) -> str:
    """Markdown to prose: front matter read, link targets, heading marks, emphasis and
    code ticks dropped.

    >>> read_markdown(b"# Plan\\n\\n**By 2025**, see [the plan](http://x).", "a.md")
    'Plan\\n\\nBy 2025, see the plan.'
    >>> read_markdown(b'---\\ntitle: "AI plan"\\nid: 7\\n---\\nBody', "b.md")
    'Title: AI plan\\n\\nBody'
    """
    text = _front_matter(decode(data, name))
    text = _MD_LINK.sub(r"\1", text)
    return _MD_MARKS.sub("", text)
