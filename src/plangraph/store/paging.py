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
the details of the page's rows alone, joined to them by a ``VALUES`` block that hands on
only what the details read. The query's text stays one SPARQL query that any engine
answers alike; the marker is a comment.

A key read by a lookup of its own (a plan's name) can wait too: a second comment line,
``# later keys: ...``, before the details, opens a part of the rows of ``LATERAL {
OPTIONAL { ... } }`` lookups alone; the first may give a row several answers (a row per
sentence), each other promises one. When the keys bound before it lead the order, a
page reads every row with those keys and the number of the first lookup's answers,
sorts them, and reads the later keys only for the rows tied with the page on the
leading ones. A row whose later keys give other than the answers counted breaks the
promise: that page is read as written.

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
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from itertools import accumulate
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
COUNTED = "plangraphRows"
"""The variable counting the answer's rows of each row of the ranked pass."""

_DETAILS = re.compile(r"^[ \t]*#[ \t]*details:", re.MULTILINE)
_LATER = re.compile(r"^[ \t]*#[ \t]*later keys:", re.MULTILINE)


@dataclass(frozen=True)
class Order:
    """A query without its final ``ORDER BY``, that clause's conditions, and, when the
    query marks its details, the two passes that read a page of it."""

    text: str
    keys: tuple[tuple[str, bool], ...]  # (variable, descending)
    rows: str | None = None  # SELECT of every row's keys: the WHERE group up to the marker
    details: tuple[str, str] | None = None  # SELECT of the page's details: VALUES goes between
    carried: tuple[str, ...] = ()  # the variables the rows pass reads for each row
    shown: tuple[str, ...] = ()  # the answer's variables, when the details pass reads only
    handed: tuple[str, ...] | None = None  # those of ``carried`` it reads (None: all)
    ranked: str | None = None  # SELECT of every row's leading keys: the rows up to ``later keys``
    later: tuple[str, str] | None = None  # SELECT of the later keys: VALUES goes between
    leading: int = 0  # how many of ``keys`` the ranked pass binds
    lookups: tuple[str, ...] = ()  # the variables the later keys' pass reads
    looked_up_from: tuple[str, ...] = ()  # the variables the ranked pass hands it


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
    >>> paged.details[0], paged.handed
    ('SELECT ?plangraphPageRow ?n WHERE { ', ('b',))
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
    markers = [m.start() for m in _DETAILS.finditer(sparql, group_start, group_end)]
    if len(markers) != 1 or not _at_top(tokens, opening, closing, markers[0]):
        return None
    marker = markers[0]
    select = next(i for i, t in enumerate(tokens) if t[0].upper() == "SELECT")
    head = tokens[select + 1 : opening]
    if any(t[0].upper() in ("DISTINCT", "REDUCED", "*") for t in head):
        return None
    if head and head[-1][0].upper() == "WHERE":
        head = head[:-1]
    projection = sparql[tokens[select].end() : head[-1].end()] if head else ""
    before = _variables(tokens, opening, closing, group_start, marker)
    after = _variables(tokens, opening, closing, marker, group_end)
    shown = [t[0][1:] for t in head if t.lastgroup == "var"]
    if not projection or any(name not in before for name, _ in order.keys) or ROW in shown:
        return None
    wanted = [*dict.fromkeys([*shown, *sorted(after), *(name for name, _ in order.keys)])]
    carried = tuple(name for name in wanted if name in before)
    prologue = sparql[: tokens[select].start()]
    columns = " ".join(f"?{name}" for name in carried)
    rows = f"{prologue}SELECT {columns} WHERE {{{sparql[group_start:marker]}}}"
    tail = f"{sparql[marker:group_end]}}}"
    if all(t.lastgroup == "var" for t in head):
        # the details pass is handed only what it reads, and reads only what it binds: the
        # rest of a row is the rows pass's
        fetched = " ".join(f"?{name}" for name in shown if name not in before)
        details = (f"{prologue}SELECT ?{ROW} {fetched} WHERE {{ ", tail)
        handed = tuple(name for name in carried if name in after)
        passes = Order(order.text, order.keys, rows, details, carried, tuple(shown), handed)
    else:
        details = (f"{prologue}SELECT ?{ROW}{projection} WHERE {{ ", tail)
        passes = Order(order.text, order.keys, rows, details, carried)
    return _ranked(sparql, tokens, (opening, closing, marker), prologue, passes) or passes


def _ranked(
    sparql: str,
    tokens: list[re.Match[str]],
    where: tuple[int, int, int],
    prologue: str,
    order: Order,
) -> Order | None:
    """The rows pass split at its ``# later keys:`` marker, when the keys before it lead
    the order and each item after it is a ``LATERAL { OPTIONAL { ... } }`` lookup. The
    ranked pass groups the rows before the marker and counts the first lookup's answers
    for each (at least one: it is optional); every other lookup promises one answer, so
    the counts add up to the answer's rows. ``where``: the WHERE group's braces (token
    indexes) and the details marker (an offset)."""
    opening, closing, marker = where
    group_start = tokens[opening].end()
    found = [m.start() for m in _LATER.finditer(sparql, group_start, marker)]
    if len(found) != 1 or not _at_top(tokens, opening, closing, found[0]):
        return None
    later = found[0]
    span = [i for i in range(opening + 1, closing) if later <= tokens[i].start() < marker]
    ends = _optional_lookups(tokens, span[0], span[-1] + 1) if span else None
    if ends is None:
        return None
    early = _variables(tokens, opening, closing, group_start, later)
    inside = _variables(tokens, opening, closing, later, marker)
    lookups = tuple(name for name in order.carried if name not in early)
    leading = 0
    while leading < len(order.keys) and order.keys[leading][0] in early:
        leading += 1
    if not lookups or not leading:
        return None
    looked_up_from = tuple(sorted(inside & early))
    projected = [name for name in order.carried if name in early]
    projected += [name for name in looked_up_from if name not in projected]
    columns = " ".join(f"?{name}" for name in projected)
    counted = sparql[group_start : tokens[ends[0]].end()]
    ranked = (
        f"{prologue}SELECT {columns} (COUNT(*) AS ?{COUNTED}) WHERE {{{counted}\n}}"
        f" GROUP BY {columns}"
    )
    needed = " ".join(f"?{name}" for name in lookups)
    split = (f"{prologue}SELECT ?{ROW} {needed} WHERE {{ ", f"{sparql[later:marker]}}}")
    return replace(
        order,
        ranked=ranked,
        later=split,
        leading=leading,
        lookups=lookups,
        looked_up_from=looked_up_from,
    )


def _at_top(tokens: list[re.Match[str]], opening: int, closing: int, position: int) -> bool:
    """Whether ``position`` is in the WHERE group itself, not in a group nested in it."""
    depth = 0
    for token in tokens[opening + 1 : closing]:
        if token.start() >= position:
            break
        depth += {"open": 1, "close": -1}.get(token.lastgroup or "", 0)
    return depth == 0


def _variables(
    tokens: list[re.Match[str]], opening: int, closing: int, start: int, end: int
) -> set[str]:
    """The variables named in the WHERE group between two offsets of the query."""
    return {
        t[0][1:]
        for t in tokens[opening:closing]
        if t.lastgroup == "var" and start <= t.start() < end
    }


def _optional_lookups(tokens: list[re.Match[str]], first: int, last: int) -> list[int] | None:
    """The closing brace of each ``LATERAL { OPTIONAL { ... } }`` group that
    ``tokens[first:last]`` holds; None when they hold anything else."""
    ends = []
    index = first
    while index < last:
        shape = [(t.lastgroup, t[0].upper()) for t in tokens[index : index + 4]]
        if shape != [("word", "LATERAL"), ("open", "{"), ("word", "OPTIONAL"), ("open", "{")]:
            return None
        inner, _ = _group_end(tokens, index + 3)
        outer, _ = _group_end(tokens, index + 1)
        if outer != inner + 1:
            return None
        ends.append(outer)
        index = outer + 1
    return ends if ends and index == last else None


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
    if order is None:
        return None
    if order.ranked is not None and size is not None:
        ranked = _ranked_window(solve, order, bindings, offset, size)
        if ranked is not None:
            return _details(solve, order, *ranked)
    found = ordered(solve, order, bindings)
    if found is None:
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


def _ranked_window(
    solve: Solve,
    order: Order,
    bindings: Mapping[str, Identifier] | None,
    offset: int,
    size: int,
) -> tuple[Rows, int] | None:
    """The window's rows (with the variables the details are handed) and the answer's
    total, when the query splits its rows pass (:func:`_ranked`): every row of the
    ranked pass is read, counted and sorted by the keys that lead the order, and the
    later keys are read only for the rows that hold the window or tie with them on
    those; None when the engine must order the rows."""
    assert order.ranked is not None and order.later is not None
    found = solve(bind(order.ranked, bindings))
    if found is None:
        return None
    variables, rows = found
    leading = order.keys[: order.leading]
    try:
        columns = [variables.index(name) for name, _ in leading]
        sort_rows(rows, columns, [descending for _, descending in leading])
    except (ValueError, UnorderedError):
        return None
    counted = variables.index(COUNTED)
    starts = list(accumulate((int(row[counted].value) for row in rows), initial=0))
    total = starts[-1]
    start, end = min(offset, total), min(offset + size, total)
    if start == end:
        return [], total
    # the ranked rows whose answer's rows the window holds, then their ties
    first, last = _tied(rows, columns, bisect_right(starts, start) - 1, bisect_left(starts, end))
    handed = [variables.index(name) for name in order.looked_up_from]
    head, tail = order.later
    try:
        keys = [[row[index] for index in handed] for row in rows[first:last]]
        read = solve(head + values(order.looked_up_from, keys) + tail)
    except UnorderedError:
        return None
    if read is None:
        return None
    named, extra = read
    answers: list[list[tuple[Any, ...]]] = [[] for _ in range(last - first)]
    for more in extra:
        answers[int(more[0].value)].append(more)
    if any(len(a) != starts[first + i + 1] - starts[first + i] for i, a in enumerate(answers)):
        return None  # a later key gave a row other than the answers counted
    where = {name: (0, index) for index, name in enumerate(variables)}
    where.update({name: (1, named.index(name)) for name in order.lookups})
    picks = [where[name] for name in order.carried]
    whole = [
        tuple((row, more)[part][index] for part, index in picks)
        for row, given in zip(rows[first:last], answers, strict=True)
        for more in given
    ]
    try:
        sort_rows(
            whole,
            [order.carried.index(name) for name, _ in order.keys],
            [descending for _, descending in order.keys],
        )
    except UnorderedError:
        return None
    return whole[start - starts[first] : end - starts[first]], total


def _tied(rows: Rows, columns: Sequence[int], start: int, end: int) -> tuple[int, int]:
    """The rows from ``start`` to ``end`` (sorted by ``columns``) widened to every row
    equal on those to the first before it and to the last after it: the later keys
    decide the order within those bounds."""

    def key(row: tuple[Any, ...]) -> list[tuple[int, Any]]:
        return [_UNBOUND if row[c] is None else _key(row[c], set()) for c in columns]

    first, last = start, end
    edge = key(rows[start])
    while first > 0 and key(rows[first - 1]) == edge:
        first -= 1
    edge = key(rows[end - 1])
    while last < len(rows) and key(rows[last]) == edge:
        last += 1
    return first, last


def _details(solve: Solve, order: Order, window: Rows, total: int) -> Page | None:
    """The window's rows with their details, in the window's order; None when the details
    do not give each row one answer, as the query promised."""
    assert order.details is not None
    head, tail = order.details
    handed = order.carried if order.handed is None else order.handed
    columns = [order.carried.index(name) for name in handed]
    try:
        found = solve(head + values(handed, [[row[i] for i in columns] for row in window]) + tail)
    except UnorderedError:
        return None
    if found is None or len(found[1]) != len(window):
        return None
    variables, rows = found
    rows.sort(key=lambda row: int(row[0].value))
    if order.handed is None:
        return Page(variables[1:], [row[1:] for row in rows], total)
    read = {name: index for index, name in enumerate(variables) if index}
    picks = [(1, read[n]) if n in read else (0, order.carried.index(n)) for n in order.shown]
    return Page(
        order.shown,
        [
            tuple((kept, more)[part][i] for part, i in picks)
            for kept, more in zip(window, rows, strict=True)
        ],
        total,
    )


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
