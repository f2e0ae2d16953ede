"""What the server refuses, and how much it gives any one request.

The endpoint is read-only and stays off the network: SPARQL Update (``LOAD`` included) and
``SERVICE`` are refused before a query reaches the engine, with a one-line reason. Two
checks decide, both in the query worker (:func:`plangraph.server.screen.screen`), whose
time limit bounds them. First :func:`check_query`, a quick read of the query's tokens,
refuses what is plainly an update, a ``SERVICE`` or nested past the depth limit, so a
word inside a string, an IRI or a comment does not count. Then the query is parsed with
a SPARQL grammar and refused if the parse tree holds a ``SERVICE`` pattern: a token scan
can be fooled (a ``<`` read as the start of an IRI when it is a less-than sign), a parse
cannot. Query workers also run without a network (see
:mod:`plangraph.store.worker`), and where the kernel does not allow that the token check
turns strict and refuses any query in which the word SERVICE appears at all.

Every query also runs under :class:`Limits`: a time limit, a row limit, a body size limit,
a memory limit per worker, a nesting limit and a number of workers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from starlette.requests import ClientDisconnect, Request

from plangraph.errors import QueryError

UPDATE_OPERATIONS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
)
QUERY_FORMS = frozenset({"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"})


@dataclass(frozen=True)
class Limits:
    """How much one request may take; the defaults suit an analyst's laptop.

    ``timeout``: seconds a query may run before its worker is stopped; ``max_rows``: rows
    of a SELECT answer or triples of a CONSTRUCT/DESCRIBE answer; ``max_body``: bytes of
    a request body (or of a GET query string); ``workers``: queries that run at once;
    ``max_memory``: bytes of address space each query worker may use (the store and the
    libraries take about 500 MB of it before any query); ``max_depth``: how deeply
    brackets may nest in a query.
    """

    timeout: float = 30.0
    max_rows: int = 100_000
    max_body: int = 1 << 20
    workers: int = 2
    max_memory: int = 2 << 30
    max_depth: int = 128


class RefusedError(QueryError):
    """A request the server will not carry out; ``status`` is the HTTP status to answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


# SPARQL's terminals, read left to right, so that a '#' inside a string or an IRI is not a
# comment, nor a quote inside a comment a string. A '<' is read as an IRI whenever it can
# be one, which a less-than sign can be mistaken for: that is why this check is the first
# wall only, and turns strict when the workers keep their network.
# The reading takes linear time whatever the text: a string left open runs to the end of
# its line (a long string, to the end of the text) and a name is read in one piece, with
# or without a prefix, so no attempt scans far and then fails to be tried again one
# character later (a 1 MiB body of 'a\'a\'a\'... took minutes to read before).
_TOKENS = re.compile(
    r"""
      (?P<space>\s+)
    | (?P<comment>\#[^\r\n]*)
    | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!"")|\\\Z)*(?:\"\"\"|\Z)
               | '''(?:[^'\\]|\\.|'(?!'')|\\\Z)*(?:'''|\Z)
               | "(?:[^"\\\r\n]|\\.|\\\Z)*(?:"|(?=[\r\n])|\Z)
               | '(?:[^'\\\r\n]|\\.|\\\Z)*(?:'|(?=[\r\n])|\Z))
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$]\w+)
    | (?P<name>[^\W\d_][\w.-]*(?::(?:[\w.:%-]|\\.)*)?|:(?:[\w.:%-]|\\.)*)
    | (?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_WORD = re.compile(r"[^\W\d_]\w*")
_NAME_PARTS = re.compile(r"[.-]")
_SERVICE_ANYWHERE = re.compile(r"(?<![^\W\d_])service(?![^\W\d_])", re.IGNORECASE)


def keywords(sparql: str) -> Iterator[str]:
    """The bare words of a query, upper-cased, outside strings, IRIs, comments and names.

    >>> list(keywords('SELECT ?service WHERE { ?s ex:service "SERVICE" } # SERVICE'))
    ['SELECT', 'WHERE']
    """
    for match in _TOKENS.finditer(sparql):
        name = match.group()
        if match.lastgroup == "name" and ":" not in name:  # a prefixed name is no keyword
            for part in _NAME_PARTS.split(name):  # "?o a.SERVICE": "a", ".", "SERVICE"
                if _WORD.fullmatch(part):
                    yield part.upper()


def nesting(sparql: str) -> int:
    """How deeply brackets (``{ ( [``) nest in a query, outside strings, IRIs and comments.

    >>> nesting("SELECT * { ?s ?p ?o FILTER((?o > 1)) } # {{{{")
    3
    """
    depth = deepest = 0
    for match in _TOKENS.finditer(sparql):
        if match.lastgroup != "other":
            continue
        char = match.group()
        if char in "{([":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "})]":
            depth = max(0, depth - 1)
    return deepest


def query_form(sparql: str) -> str | None:
    """The query's first keyword after its prologue: SELECT, ASK, CONSTRUCT, DESCRIBE, an
    update operation, or None.

    >>> query_form("PREFIX pg: <https://w3id.org/plangraph/ontology#> ASK { ?s a pg:Plan }")
    'ASK'
    """
    return next((word for word in keywords(sparql) if word not in ("PREFIX", "BASE")), None)


def check_query(sparql: str, *, isolated: bool, max_depth: int = 128) -> str | None:
    """Refuse updates, ``SERVICE`` and deep nesting, or return the query's form;
    ``isolated``: the workers have no network.

    Raises :class:`RefusedError` with status 403 (update, SERVICE) or 400 (too deep) and a
    reason the client can act on. Linear in the query's length, before any parsing.
    """
    depth = nesting(sparql)
    if depth > max_depth:
        raise RefusedError(
            400,
            f"the query nests brackets {depth} levels deep; the limit is {max_depth}: flatten it",
        )
    form = query_form(sparql)
    if form in UPDATE_OPERATIONS:
        raise RefusedError(
            403,
            f"SPARQL Update ({form}) is refused: this endpoint is read-only; "
            "use plangraph ingest or plangraph remove to change the store",
        )
    if "SERVICE" in keywords(sparql):
        raise RefusedError(
            403,
            "SERVICE is refused: this endpoint only queries its own store and never "
            "reaches the network",
        )
    if not isolated and _SERVICE_ANYWHERE.search(sparql):
        raise RefusedError(
            403,
            "SERVICE is refused, and this server cannot cut its query workers off the "
            "network, so no query may contain the word 'service'; in a string or an "
            r"IRI write it as \u0073ervice",
        )
    return form


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, or :class:`RefusedError` (413) once it passes ``limit`` bytes.

    A declared ``Content-Length`` over the limit is refused before any of it is read.
    """
    declared = request.headers.get("content-length")
    too_large = RefusedError(413, f"the request body is larger than the limit of {limit} bytes")
    if declared is not None:
        try:
            if int(declared) > limit:
                raise too_large
        except ValueError:
            raise RefusedError(400, f"Content-Length {declared!r} is not a number") from None
    chunks = []
    size = 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise too_large
            chunks.append(chunk)
    except ClientDisconnect:  # gone, or cut off by the body deadline: no one reads this
        raise RefusedError(408, "the request body did not arrive whole") from None
    return b"".join(chunks)
