"""The errors plangraph raises: one root, a few kinds, each message a single line.

Every message says what was expected, what was found and what is valid, so the CLI can
print it as it is, on one line, and exit non-zero.
"""

from __future__ import annotations


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
