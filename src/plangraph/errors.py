"""The errors plangraph raises: one root, a few kinds, each message a single line.

Every message says what was expected, what was found and what is valid, so the CLI can
print it as it is, on one line, and exit non-zero.
"""

from __future__ import annotations

import re

_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def one_line(message: str) -> str:
    """A message as one printable line: line breaks, terminal escapes and other control
    characters (a file name may hold any of them) are shown escaped, never acted on.

    >>> one_line("bad\\nname\\x1b[31m.txt: empty file")
    'bad\\\\nname\\\\x1b[31m.txt: empty file'
    """
    return _UNPRINTABLE.sub(lambda m: ascii(m[0])[1:-1], message)


class PlangraphError(Exception):
    """Root of every error plangraph raises on purpose."""


class ReadError(PlangraphError):
    """A source document could not be read (missing, empty, binary, corrupt, unsupported)."""


class StoreError(PlangraphError):
    """The store could not be opened, read or written."""


class QueryError(PlangraphError):
    """A SPARQL query is malformed, unknown, or was refused."""


class ExportError(PlangraphError):
    """An export format is unknown or its output could not be written."""


class ValidationError(PlangraphError):
    """A graph does not conform to the SHACL shapes."""
