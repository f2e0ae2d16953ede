"""Which queries the endpoint runs, decided by parsing them with a SPARQL grammar.

First the quick checks of :func:`plangraph.server.limits.check_query` run (nesting
depth, plain updates and ``SERVICE``, and the word ``service`` anywhere when the workers
keep their network). Then the query is parsed with rdflib's SPARQL 1.1 parser before the engine
sees it, and the parse tree decides: an update (``LOAD`` included) is refused, a query
with a ``SERVICE`` pattern anywhere is refused, and text that is not a query is refused
as malformed. Reading the tree rather than the text means a ``<`` that is a less-than
sign, a ``#`` inside a string or a quote inside an IRI cannot hide a ``SERVICE`` call
from the check, as they can from a scan of the text.

The grammar is SPARQL 1.1's. Oxigraph also reads ``LATERAL { ... }`` (the page's own
queries use it); it has the shape of ``OPTIONAL { ... }``, so the check parses the query
with each word ``LATERAL`` read as ``OPTIONAL``: one word for another changes no
token's bounds, whether the word is a keyword or sits in a string, a name or a comment.

:func:`screen` runs inside a query worker (:mod:`plangraph.store.worker`), under the
worker's time and memory limits, on a thread with a deep stack: the parser recurses
about 35 frames per level of brackets and 11 per triple pattern. A query too deep or
too long for that is refused too, never passed on unchecked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pyparsing import ParseBaseException, ParseResults
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from plangraph.server.limits import RefusedError, check_query
from plangraph.store.worker import ForbiddenQueryError, MalformedQueryError

READ_ONLY = (
    "SPARQL Update is refused: this endpoint is read-only; "
    "use plangraph ingest or plangraph remove to change the store"
)
NO_SERVICE = (
    "SERVICE is refused: this endpoint only queries its own store and never reaches the network"
)
_MESSAGE_LIMIT = 300
_LATERAL = re.compile(r"\bLATERAL\b", re.IGNORECASE)


def _names(tree: Any) -> Iterator[str]:
    """The names of every grammar rule in a parse tree, walked without recursion."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            yield node.name
            stack.extend(node.values())
        elif isinstance(node, ParseResults | list | tuple):
            stack.extend(node)
        elif isinstance(node, dict):
            stack.extend(node.values())


def _is_update(sparql: str) -> bool:
    try:
        parseUpdate(sparql)
    except (ParseBaseException, RecursionError):
        return False
    return True


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text if len(text) <= _MESSAGE_LIMIT else text[:_MESSAGE_LIMIT] + "..."


def screen(sparql: str, *, isolated: bool = True, max_depth: int = 128) -> None:
    """Return if ``sparql`` is a query this endpoint runs; raise otherwise.

    ``isolated``: the query workers have no network; ``max_depth``: how deeply brackets
    may nest. Raises :class:`ForbiddenQueryError` (an update or ``SERVICE``) or
    :class:`MalformedQueryError` (not SPARQL, nested too deeply, or too deep to check).

    >>> screen("SELECT * WHERE { FILTER(1 < 2) ?s ?p 'SERVICE <x:y> {}' }")
    >>> screen("SELECT * WHERE { ?s ?p ?o LATERAL { SELECT ?o WHERE { ?o ?q ?r } LIMIT 1 } }")
    >>> screen("SELECT * WHERE { BIND((1<'>') AS ?z) SERVICE <http://x/> {?s ?p ?o} } #'")
    Traceback (most recent call last):
    ...
    plangraph.store.worker.ForbiddenQueryError: SERVICE is refused: this endpoint only
    queries its own store and never reaches the network
    """
    try:
        check_query(sparql, isolated=isolated, max_depth=max_depth)
    except RefusedError as refused:
        kind = ForbiddenQueryError if refused.status == 403 else MalformedQueryError
        raise kind(str(refused)) from None
    try:
        tree = parseQuery(_LATERAL.sub("OPTIONAL", sparql))
    except ParseBaseException as error:
        if _is_update(sparql):
            raise ForbiddenQueryError(READ_ONLY) from None
        raise MalformedQueryError(f"malformed SPARQL: {_first_line(error)}") from None
    except RecursionError:
        raise MalformedQueryError(
            "the query is nested too deeply or has too many patterns to be checked; "
            "split it into smaller queries"
        ) from None
    if any(name == "ServiceGraphPattern" for name in _names(tree)):
        raise ForbiddenQueryError(NO_SERVICE)
