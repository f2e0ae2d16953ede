"""Variables of a query bound by a ``VALUES`` block, as a SPARQL server gets them and as
the embedded engine plans best (its substitutions hide the values from its planner)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from rdflib import URIRef
from rdflib.term import Identifier, Variable

from plangraph.errors import QueryError

# SPARQL read left to right, so that braces and words inside strings, IRIs and comments
# do not count: enough to find the query's WHERE group and the variables BIND assigns.
_TOKENS = re.compile(
    r"""
      (?P<skip>\#[^\r\n]*
             | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\" | '''(?:[^'\\]|\\.|'(?!''))*'''
             | "(?:[^"\\\r\n]|\\.)*" | '(?:[^'\\\r\n]|\\.)*'
             | <[^<>"{}|^`\\\x00-\x20]*>
             | (?:[^\W\d_][\w.-]*)?:(?:[\w.:%-]|\\.)*)
    | (?P<var>[?$]\w+) | (?P<open>\{) | (?P<close>\}) | (?P<word>[^\W\d_]\w*) | (?P<other>\S)
    """,
    re.VERBOSE | re.DOTALL,
)
_NAME = re.compile(r"\w+")


def bind(sparql: str, bindings: Mapping[str, Identifier] | None) -> str:
    """The query with each variable bound by a ``VALUES`` block in its WHERE group.

    At the head of the group the block joins every pattern and filter of it, as the
    embedded engine's substitution does. SPARQL forbids a ``BIND`` to a variable already
    in scope, so a variable the group's own ``BIND`` assigns is bound by a block at the
    end of the group instead: the join then keeps the rows where the value matches.
    A WHERE group that is a sub-select is wrapped in a group of its own.

    >>> from rdflib import Literal
    >>> bind('SELECT ?x WHERE { ?x rdfs:label ?name FILTER(?name != "}") }',
    ...      {"name": Literal("Wuhan")})
    'SELECT ?x WHERE { VALUES (?name) { ("Wuhan") } ?x rdfs:label ?name FILTER(?name != "}") }'
    >>> bind("CONSTRUCT { ?s a ?t } WHERE { ?s a ?t }", {"t": URIRef("urn:x:T")})
    'CONSTRUCT { ?s a ?t } WHERE { VALUES (?t) { (<urn:x:T>) } ?s a ?t }'
    >>> bind("SELECT * { ?s ?p ?o BIND(STR(?o) AS ?t) }", {"t": Literal("x")})
    'SELECT * { ?s ?p ?o BIND(STR(?o) AS ?t)  VALUES (?t) { ("x") } }'
    """
    if not bindings:
        return sparql
    for name in bindings:
        if not _NAME.fullmatch(name):
            raise QueryError(f"cannot bind {name!r}: expected a variable name (letters, digits, _)")
    tokens = [t for t in _TOKENS.finditer(sparql) if t.lastgroup != "skip"]
    opening = _where_group(tokens)
    closing, assigned = _group_end(tokens, opening)
    first = _values({k: v for k, v in bindings.items() if k not in assigned})
    last = _values({k: v for k, v in bindings.items() if k in assigned})
    start, end = tokens[opening].end(), tokens[closing].start()
    body = sparql[start:end]
    following = tokens[opening + 1] if opening + 1 < closing else None
    if first and following is not None and following[0].upper() == "SELECT":
        body = f" {{{body}}} "  # a sub-select cannot follow VALUES in one group: wrap it
    if last:
        body = f"{body} {last} "
    return f"{sparql[:start]}{' ' + first if first else ''}{body}{sparql[end:]}"


def within(sparql: str, graph: URIRef) -> str:
    """The query with its WHERE group read from ``graph`` instead of the default graph.

    A server whose default graph cannot hold the union keeps it in a named graph; reading
    the WHERE group inside ``GRAPH <union>`` works on every server, where a protocol
    ``default-graph-uri`` would also hide the documents' own graphs from ``GRAPH ?d``.

    >>> within("SELECT ?s WHERE { ?s a pg:Plan } ORDER BY ?s", URIRef("urn:x:u"))
    'SELECT ?s WHERE { GRAPH <urn:x:u> { ?s a pg:Plan } } ORDER BY ?s'
    """
    tokens = [t for t in _TOKENS.finditer(sparql) if t.lastgroup != "skip"]
    opening = _where_group(tokens)
    closing, _ = _group_end(tokens, opening)
    start, end = tokens[opening].end(), tokens[closing].start()
    return f"{sparql[:start]} GRAPH <{graph}> {{{sparql[start:end]}}} {sparql[end:]}"


def _values(bindings: Mapping[str, Identifier]) -> str:
    if not bindings:
        return ""
    names = " ".join(Variable(name).n3() for name in bindings)
    values = " ".join(term.n3() for term in bindings.values())
    return f"VALUES ({names}) {{ ({values}) }}"


def _where_group(tokens: list[re.Match[str]]) -> int:
    """The index of the brace that opens the query's WHERE group."""
    depth, form, groups, after_where = 0, "", 0, False
    for index, token in enumerate(tokens):
        kind = token.lastgroup
        if kind == "word" and depth == 0:
            word = token[0].upper()
            if not form and word in ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE"):
                form = word
            after_where = after_where or word == "WHERE"
        elif kind == "open":
            if depth == 0:
                groups += 1
                if after_where or form != "CONSTRUCT" or groups == 2:
                    return index
            depth += 1
        elif kind == "close":
            depth -= 1
    raise QueryError("cannot bind variables: the query has no WHERE group")


def _group_end(tokens: list[re.Match[str]], opening: int) -> tuple[int, set[str]]:
    """The index of the group's closing brace, and the variables its own BINDs assign."""
    depth, in_bind = 0, False
    assigned: set[str] = set()
    for index in range(opening, len(tokens)):
        token, kind = tokens[index], tokens[index].lastgroup
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth -= 1
            if depth == 0:
                return index, assigned
        elif depth == 1 and kind == "word" and token[0].upper() == "BIND":
            in_bind = True
        elif in_bind and kind == "var" and tokens[index - 1][0].upper() == "AS":
            assigned.add(token[0][1:])
            in_bind = False
    raise QueryError("cannot bind variables: the query's braces do not balance")
