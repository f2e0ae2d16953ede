"""A page of a SELECT's answer, ordered in Python and with each row's details read for
the page's rows only.

Two costs of pyoxigraph 0.5 grow with every row of an answer, not with the page shown:

- **Its sort** compares terms pair by pair, and every string longer than a few bytes is
  read back from the store's dictionary on every comparison: ordering 1,300 rows of a
  region's targets by plan name and wording costs it about as much as finding them.
  Read once per row and sorted by Python, the same keys cost a few milliseconds.
- **Details read per row** (a sentence, its document, a target's hedges and unit) are
  read for every row before a page is cut from the answer.

So a query may mark where its rows end and their details begin, with a comment line
``# details: ...`` in its WHERE group, every condition of its ``ORDER BY`` bound before
it, and after it only patterns that give each row at most one answer (``LATERAL { OPTIONAL
{ ... } }``). A page is then read in two passes (:func:`read_page`, as :func:`plan`
splits the query): the rows and their keys (every row, counted and sorted here), then
the details of the page's rows alone, joined to them by a ``VALUES`` block. The query's
text stays one SPARQL query that any engine answers alike; the marker is a comment.

Only an order the engine and Python agree on is taken over: every condition a variable,
ascending or ``DESC``, and each column's values of one comparable kind (numbers, plain
strings, or years and dates without a time zone; unbound first, then IRIs, then
literals, as SPARQL orders them). Anything else (an expression, a language tag, numbers
beside strings) is left to the engine (:class:`UnorderedError`). One difference is
meant: a decimal beyond the engine's 128-bit range (about 1.7e20) is ordered here by its
value, where the engine cannot compare it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from rdflib.term import Identifier

from plangraph.store.binding import _TOKENS, _group_end, _where_group, bind

_XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMBERS = frozenset(
    _XSD + name
    for name in (
        "integer",
        "decimal",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedInt",
        "unsignedLong",
        "unsignedShort",
        "unsignedByte",
    )
)
_FLOATS = frozenset({_XSD + "double", _XSD + "float"})
_STRING = _XSD + "string"
# compared by their text: a four-digit year, an ISO date, never with a time zone
_CALENDAR = {
    _XSD + "gYear": re.compile(r"[0-9]{4}"),
    _XSD + "date": re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"),
}
_TEXT = "text"
_UNBOUND: tuple[int, Any] = (0, "")


class UnorderedError(Exception):
    """The rows hold values this module does not order as the engine does."""


ROW = "plangraphPageRow"
"""The variable numbering a page's rows in the details pass."""

_DETAILS = re.compile(r"^[ \t]*#[ \t]*details:", re.MULTILINE)


@dataclass(frozen=True)
class Order:
    """A query without its final ``ORDER BY``, that clause's conditions, and, when the
    query marks its details, the two passes that read a page of it."""

    text: str
    keys: tuple[tuple[str, bool], ...]  # (variable, descending)
    rows: str | None = None  # SELECT of every row's keys: the WHERE group up to the marker
    details: tuple[str, str] | None = None  # SELECT of the page's details: VALUES goes between
    carried: tuple[str, ...] = ()  # the variables the rows pass hands to the details pass


@lru_cache(maxsize=256)
def plan(sparql: str) -> Order | None:
    r"""How to read a page of the query: None when its order is the engine's to do (no
    final ``ORDER BY`` of plain variables, or a clause after it).

    >>> plan("SELECT ?a ?b WHERE { ?a ?p ?b } ORDER BY DESC(?b) ?a").keys
    (('b', True), ('a', False))
    >>> plan("SELECT ?a WHERE { ?a ?p ?b } ORDER BY STR(?a)") is None
    True
    >>> paged = plan("SELECT ?a ?n WHERE { ?a ?p ?b\n # details: the labels\n"
    ...              " LATERAL { OPTIONAL { ?b rdfs:label ?n } } } ORDER BY ?b")
    >>> paged.rows
    'SELECT ?a ?b WHERE { ?a ?p ?b\n}'
    >>> paged.details[0]
    'SELECT ?plangraphPageRow ?a ?n WHERE { '
    """
    tokens = [t for t in _TOKENS.finditer(sparql) if t.lastgroup != "skip"]
    opening = _where_group(tokens)
    closing, _ = _group_end(tokens, opening)
    tail = tokens[closing + 1 :]
    words = [t[0].upper() for t in tail]
    if "ORDER" not in words:
        return None
    start = words.index("ORDER")
    keys = _conditions(tail[start + 1 :])
    if keys is None:
        return None
    order = Order(sparql[: tail[start].start()], keys)
    if start > 0:  # GROUP BY or HAVING: the rows are groups, their details not per row
        return order
    return _passes(sparql, tokens, opening, closing, order) or order


def _conditions(tokens: Sequence[re.Match[str]]) -> tuple[tuple[str, bool], ...] | None:
    """``BY`` and the order conditions, when each is a variable, ``ASC(?v)`` or
    ``DESC(?v)`` and nothing follows them."""
    if not tokens or tokens[0][0].upper() != "BY":
        return None
    keys: list[tuple[str, bool]] = []
    rest = list(tokens[1:])
    while rest:
        if rest[0].lastgroup == "var":
            keys.append((rest[0][0][1:], False))
            rest = rest[1:]
            continue
        shape = [(t.lastgroup, t[0].upper()) for t in rest[:4]]
        if len(shape) < 4 or shape[0][1] not in ("ASC", "DESC"):
            return None
        if (shape[1][1], shape[2][0], shape[3][1]) != ("(", "var", ")"):
            return None
        keys.append((rest[2][0][1:], shape[0][1] == "DESC"))
        rest = rest[4:]
    return tuple(keys) or None


def _passes(
    sparql: str, tokens: list[re.Match[str]], opening: int, closing: int, order: Order
) -> Order | None:
    """The rows and details passes of a query whose WHERE group marks its details."""
    group_start, group_end = tokens[opening].end(), tokens[closing].start()
    markers = [m for m in _DETAILS.finditer(sparql, group_start, group_end)]
    if len(markers) != 1:
        return None
    marker = markers[0].start()
    depth = 0
    for token in tokens[opening + 1 : closing]:
        if token.start() >= marker:
            break
        depth += {"open": 1, "close": -1}.get(token.lastgroup or "", 0)
    if depth != 0:  # inside a nested group: not where the group's rows end
        return None
    select = next(i for i, t in enumerate(tokens) if t[0].upper() == "SELECT")
    head = tokens[select + 1 : opening]
    if any(t[0].upper() in ("DISTINCT", "REDUCED", "*") for t in head):
        return None
    if head and head[-1][0].upper() == "WHERE":
        head = head[:-1]
    projection = sparql[tokens[select].end() : head[-1].end()] if head else ""
    before = {
        t[0][1:] for t in tokens[opening:closing] if t.lastgroup == "var" and t.start() < marker
    }
    after = {
        t[0][1:] for t in tokens[opening:closing] if t.lastgroup == "var" and t.start() > marker
    }
    shown = [t[0][1:] for t in head if t.lastgroup == "var"]
    if not projection or any(name not in before for name, _ in order.keys) or ROW in shown:
        return None
    wanted = [*dict.fromkeys([*shown, *sorted(after), *(name for name, _ in order.keys)])]
    carried = tuple(name for name in wanted if name in before)
    prologue = sparql[: tokens[select].start()]
    columns = " ".join(f"?{name}" for name in carried)
    rows = f"{prologue}SELECT {columns} WHERE {{{sparql[group_start:marker]}}}"
    details = (f"{prologue}SELECT ?{ROW}{projection} WHERE {{ ", f"{sparql[marker:group_end]}}}")
    return Order(order.text, order.keys, rows, details, carried)


Rows = list[tuple[Any, ...]]
Solve = Callable[[str], tuple[tuple[str, ...], Rows] | None]
"""Runs a SELECT (its variables bound in its text) and gives its variables and rows of
pyoxigraph terms; None when it is no SELECT or does not parse."""


@dataclass(frozen=True)
class Page:
    """A window of a SELECT's answer, as pyoxigraph terms, and how many rows it has."""

    variables: tuple[str, ...]
    rows: Rows
    total: int


def read_page(
    solve: Solve,
    sparql: str,
    bindings: Mapping[str, Identifier] | None,
    offset: int,
    size: int | None,
) -> Page | None:
    """``size`` rows from ``offset`` (every row when None) of the query's answer, ordered
    here and, when the query marks its details, with them read for the window's rows
    only; None when the engine must answer the query as written (:func:`plan`)."""
    order = plan(sparql)
    found = None if order is None else ordered(solve, order, bindings)
    if order is None or found is None:
        return None
    variables, rows = found
    window = rows[offset : None if size is None else offset + size]
    if order.details is None:
        return Page(variables, window, len(rows))
    return _details(solve, order, window, len(rows))


def ordered(
    solve: Solve, order: Order, bindings: Mapping[str, Identifier] | None
) -> tuple[tuple[str, ...], Rows] | None:
    """Every row of the query :func:`plan` split (its rows pass when it marks its
    details: each row's keys and what the details join on), in its order; None when the
    engine must order them."""
    found = solve(bind(order.rows if order.rows is not None else order.text, bindings))
    if found is None:
        return None
    variables, rows = found
    if any(name not in variables for name, _ in order.keys):
        return None  # ordered by a variable it does not show
    try:
        sort_rows(
            rows,
            [variables.index(name) for name, _ in order.keys],
            [descending for _, descending in order.keys],
        )
    except UnorderedError:
        return None
    return variables, rows


def _details(solve: Solve, order: Order, window: Rows, total: int) -> Page | None:
    """The window's rows with their details, in the window's order; None when the details
    do not give each row one answer, as the query promised."""
    assert order.details is not None
    head, tail = order.details
    try:
        found = solve(head + values(order.carried, window) + tail)
    except UnorderedError:
        return None
    if found is None or len(found[1]) != len(window):
        return None
    variables, rows = found
    rows.sort(key=lambda row: int(row[0].value))
    return Page(variables[1:], [row[1:] for row in rows], total)


def values(carried: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A ``VALUES`` block of the rows (pyoxigraph terms, None unbound), each numbered.

    >>> values(["a"], [[ox.NamedNode("urn:x:a")], [None]])
    'VALUES (?plangraphPageRow ?a) { (0 <urn:x:a>) (1 UNDEF) }'
    """
    names = " ".join(f"?{name}" for name in (ROW, *carried))
    lines = []
    for number, row in enumerate(rows):
        terms = " ".join("UNDEF" if term is None else _sparql(term) for term in row)
        lines.append(f"({number} {terms})")
    return f"VALUES ({names}) {{ {' '.join(lines)} }}"


def _sparql(term: Any) -> str:
    if isinstance(term, ox.BlankNode):
        raise UnorderedError("a blank node cannot be handed on in VALUES")
    return str(term)


def sort_rows(
    rows: list[tuple[Any, ...]], columns: Sequence[int], descending: Sequence[bool]
) -> None:
    """Sort rows of pyoxigraph terms in place by ``columns`` (each ascending unless its
    ``descending`` says so), as SPARQL orders them; :class:`UnorderedError` when a column
    holds values of kinds the engine compares otherwise."""
    # stable sorts, the last condition first: each earlier one then decides among ties
    for column, reverse in reversed(list(zip(columns, descending, strict=True))):
        keys = _column_keys(rows, column)
        order = sorted(range(len(rows)), key=keys.__getitem__, reverse=reverse)
        rows[:] = [rows[i] for i in order]


def _column_keys(rows: Sequence[Sequence[Any]], column: int) -> list[tuple[int, Any]]:
    """Each row's key for one column: unbound, then IRIs, then literals of one kind. A
    term's key is made once: a region's or a plan's name recurs on many rows."""
    kinds: set[str] = set()
    made: dict[Any, tuple[int, Any]] = {None: _UNBOUND}
    keys: list[tuple[int, Any]] = []
    append = keys.append
    for row in rows:
        term = row[column]
        key = made.get(term)
        if key is None:
            key = made[term] = _key(term, kinds)
        append(key)
    if len(kinds) > 1 and not kinds <= _NUMBERS | _FLOATS:
        raise UnorderedError(f"column {column} mixes {' and '.join(sorted(kinds))}")
    return keys


def _key(term: Any, kinds: set[str]) -> tuple[int, Any]:
    """A bound term's key (IRIs, then literals), its kind added to ``kinds``."""
    if type(term) is ox.NamedNode:
        return (1, term.value)
    if type(term) is ox.Literal and not term.language:
        datatype = term.datatype.value
        if datatype == _STRING:
            kinds.add(_TEXT)
            return (2, term.value)
        kinds.add(datatype)
        return (2, _typed(term.value, datatype))
    raise UnorderedError(f"no order taken over for {term!r}")


def _typed(value: str, datatype: str) -> Any:
    """A typed literal's value as Python compares it as the engine does."""
    try:
        if datatype in _NUMBERS:
            return Decimal(value)
        if datatype in _FLOATS:
            number = float(value)
            if number != number:  # NaN: the engine's place for it is its own
                raise UnorderedError("NaN")
            return number
    except InvalidOperation:
        raise UnorderedError(f"not a number: {value!r}") from None
    pattern = _CALENDAR.get(datatype)
    if pattern is not None and pattern.fullmatch(value):
        return value
    raise UnorderedError(f"no order taken over for {datatype}")
