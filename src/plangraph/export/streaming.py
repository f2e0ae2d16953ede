"""Writing a view's file as it is produced: text in, UTF-8 out in large chunks, and the
XML escaping the GraphML and GEXF writers share.

A view of a million quads has a few hundred thousand elements; building one XML tree
or one JSON document of them before writing holds the whole file in memory several
times over, so the writers yield lines and :func:`flushed` writes them.

>>> escape("a < b & c\\x0b")
'a &lt; b &amp; c'
>>> attribute('say "hi"')
'"say &quot;hi&quot;"'
>>> field_types([{"a": 1, "b": "x"}, {"a": 2, "c": True}])
{'a': <class 'int'>, 'b': <class 'str'>, 'c': <class 'bool'>}
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import BinaryIO

from plangraph.export.view import FieldValue

CHUNK = 1 << 20
"""Characters gathered before each write."""

# characters XML 1.0 forbids anywhere in a document; they are dropped, not escaped
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTRIBUTE_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
    | {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}  # an attribute's own line breaks
)


# most values need nothing done; one search finds those that do
_SPECIAL = re.compile("[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ATTRIBUTE_SPECIAL = re.compile('[&<>"\n\r\t\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]')


def escape(text: str) -> str:
    """``text`` as XML character data."""
    if _SPECIAL.search(text) is None:
        return text
    return _FORBIDDEN.sub("", text).translate(_ESCAPES)


def attribute(text: str) -> str:
    """``text`` as a double-quoted XML attribute value, line breaks kept."""
    if _ATTRIBUTE_SPECIAL.search(text) is None:
        return f'"{text}"'
    return '"' + _FORBIDDEN.sub("", text).translate(_ATTRIBUTE_ESCAPES) + '"'


def field_types(records: Iterable[Mapping[str, FieldValue]]) -> dict[str, type]:
    """Each field's type, in the order fields first appear (a plain view has one type
    per field)."""
    types: dict[str, type] = {}
    for fields in records:
        for name, value in fields.items():
            if name not in types:
                types[name] = type(value)
    return types


def flushed(lines: Iterable[str], output: BinaryIO) -> None:
    """Write ``lines`` to ``output`` as UTF-8, about :data:`CHUNK` characters at a time."""
    chunk: list[str] = []
    size = 0
    for line in lines:
        chunk.append(line)
        size += len(line)
        if size >= CHUNK:
            output.write("".join(chunk).encode("utf-8"))
            chunk, size = [], 0
    output.write("".join(chunk).encode("utf-8"))
