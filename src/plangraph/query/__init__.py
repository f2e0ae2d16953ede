"""Named SPARQL queries shipped with plangraph, run with bound variables.

Each ``library/NAME.rq`` starts with comment lines::

    # description: every target by region and deadline
    # param: region string  the region's label, e.g. Beijing
    # page: 100

A query that can return a store's worth of rows declares a page size: :func:`run_named`
then returns its first page unless asked for another, and says how many rows there are.
Such a query may mark where its rows end and their details begin (``# details:`` in its
WHERE group): the embedded store then orders every row's keys in Python and reads the
details of the page's rows alone (:mod:`plangraph.store.paging`).
A paged query ordered by region first may say so (``# groups: region``, the parameter
holding the ordering column): a page of its whole answer is then read region by region,
from the rows counted per region at ingest (:mod:`plangraph.graph.row_counts`). A
whole-store form (``library/wide/``) may declare groups of its own, a variable it is
ordered by first: ``evidence`` by document, ``companies-and-governments`` and
``actors-in-several-plans`` by groups derived at ingest (:mod:`plangraph.graph.ranks`).
A query asked for one value of the parameter it is most often asked for (a region, a
kind of actor, a company) may have a parted form (``library/parts/``): when the store
holds that answer's parts, runs of whole units in the query's order derived at ingest
(:mod:`plangraph.graph.parts`), a page is read from the parts it falls in.
A parameter is a variable of the query; :func:`run_named` binds it to a typed RDF term
through the engine's substitution (SEP-0007), never by editing the query text.

A ``words`` parameter (``# param: metric words  ...``) is words to find in a text in
this order, in any case: it is bound as a string when given, and the regular expression
finding them (:func:`words_pattern`, empty when none are given) is always bound beside
it as ``?NAMEPattern`` (``?metricPattern``). A pattern the query builds from the words
with ``REPLACE`` costs pyoxigraph 0.5 four compilations per row tested (about 0.1 ms
each); one it is given, one. One of the words, in lower case, is bound too
(``?NAMEWord``, :func:`sure_word`): a text that does not contain it cannot match, so a
query tests ``CONTAINS(LCASE(...))`` first, at about a microsecond a text, and compiles
the pattern only for the texts that pass.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from typing import Protocol

from rdflib import XSD, Literal, URIRef
from rdflib.term import Identifier

from plangraph.errors import QueryError
from plangraph.graph.links import LINKS_STALE
from plangraph.graph.row_counts import ROW_COUNTS
from plangraph.graph.version import CURRENT
from plangraph.store.base import QueryResult, SelectResult

_HEADER = re.compile(r"^#\s*(description|param|page|groups)\s*:\s*(.+?)\s*$")
_TYPES = {"string", "words", "iri", "integer", "decimal", "year", "date"}


class Reader(Protocol):
    """What running a library query needs of a store: :meth:`Store.query` (a
    :class:`plangraph.store.base.Store`, or the server's pool of query workers)."""

    def query(
        self, sparql: str, bindings: Mapping[str, Identifier] | None = None
    ) -> QueryResult: ...


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    help: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    text: str
    parameters: tuple[Parameter, ...]
    page: int | None = None
    groups: str | None = None


def _parse(name: str, text: str) -> NamedQuery:
    description = ""
    parameters = []
    page = None
    groups = None
    for line in text.splitlines():
        match = _HEADER.match(line)
        if match is None:
            continue
        if match[1] == "description":
            description = match[2]
        elif match[1] == "page":
            page = int(match[2])
        elif match[1] == "groups":
            groups = match[2]
        else:
            parts = match[2].split(None, 2)
            kind = parts[1] if len(parts) > 1 else "string"
            if kind not in _TYPES:
                raise QueryError(
                    f"{name}.rq: parameter type {kind!r} unknown; "
                    f"valid: {', '.join(sorted(_TYPES))}"
                )
            parameters.append(
                Parameter(parts[0].lstrip("?$"), kind, parts[2] if len(parts) > 2 else "")
            )
    return NamedQuery(name, description, text, tuple(parameters), page, groups)


def _load(*folder: str) -> dict[str, NamedQuery]:
    directory = resources.files("plangraph.query").joinpath(*folder)
    found = {}
    for entry in sorted(directory.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            found[name] = _parse(name, entry.read_text("utf-8"))
    return found


@cache
def library() -> dict[str, NamedQuery]:
    """Every shipped query by name."""
    return _load("library")


@cache
def page_library() -> dict[str, NamedQuery]:
    """The queries behind the server's page (``library/page/``), by name.

    They answer the page's views (overview, plan and actor cards, comparison, search)
    and are run by :mod:`plangraph.server.api` with bound variables, like the library.
    """
    return _load("library", "page")


@cache
def wide_library() -> dict[str, NamedQuery]:
    """The whole-store forms of some queries (``library/wide/``), run when no parameter
    is given: the library's own form reads row by row (``LATERAL``) from what a parameter
    selects, which pyoxigraph pays per row when nothing is selected."""
    return _load("library", "wide")


@cache
def parts_library() -> dict[str, NamedQuery]:
    """The parted forms of some queries (``library/parts/``), run when their group
    parameter alone is given and the store holds that group's parts: one part of its
    answer each (:mod:`plangraph.graph.parts`)."""
    return _load("library", "parts")


def get(name: str) -> NamedQuery:
    queries = library()
    if name not in queries:
        raise QueryError(f"no query named {name!r}; valid: {', '.join(queries)}")
    return queries[name]


_INTEGER = re.compile(r"[+-]?[0-9]{1,18}")
# digits with an optional fraction and a small exponent (3e11): never NaN, never 1e400000000
_DECIMAL = re.compile(
    r"[+-]?(?:[0-9]{1,30}(?:\.[0-9]{0,20})?|\.[0-9]{1,20})(?:[eE][+-]?[0-9]{1,2})?"
)


def term(value: str, kind: str) -> Identifier:
    """A parameter value as the RDF term its declared type asks for; ASCII digits only.

    >>> term("300000000000", "decimal").n3()
    '"300000000000"^^<http://www.w3.org/2001/XMLSchema#decimal>'
    """
    try:
        if kind == "iri":
            if not re.fullmatch(r"[a-z][a-z0-9+.-]*:[^\s<>\"{}|\\^`]+", value, re.IGNORECASE):
                raise ValueError("not an absolute IRI")
            return URIRef(value)
        if kind == "integer":
            if not _INTEGER.fullmatch(value):
                raise ValueError("expected a whole number such as 2 or 30")
            return Literal(int(value), datatype=XSD.integer)
        if kind == "decimal":
            if not _DECIMAL.fullmatch(value):
                raise ValueError("expected a number such as 300000000000, 3e11 or 2.5")
            return Literal(f"{Decimal(value):f}", datatype=XSD.decimal)
        if kind == "year":
            if not re.fullmatch(r"[0-9]{4}", value):
                raise ValueError("expected four digits such as 2025")
            return Literal(value, datatype=XSD.gYear)
        if kind == "date":
            if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
                raise ValueError("expected YYYY-MM-DD")
            date.fromisoformat(value)
            return Literal(value, datatype=XSD.date)
    except (ValueError, InvalidOperation) as error:
        raise QueryError(f"parameter value {value!r} is not a valid {kind}: {error}") from None
    return Literal(value)


_REGEX_CHARACTERS = re.compile(r"[.*+?^${}()|\[\]\\]")


def words_pattern(words: str) -> str:
    r"""The regular expression finding ``words`` in a text in this order (a query matches
    it in any case): its regex characters escaped, every run of spaces ``.*``, none at
    either end. No words give the empty pattern, which every text matches.

    >>> words_pattern("  core   industry ")
    'core.*industry'
    >>> words_pattern("R&D (share)")
    'R&D.*\\(share\\)'
    """
    return ".*".join(_REGEX_CHARACTERS.sub(r"\\\g<0>", word) for word in words.split())


def _uncased(character: str) -> bool:
    """Whether every character a case-insensitive match takes for this one has its lower
    case: an ASCII character but s (the long s, ſ, matches s and is its own lower case),
    or a character with no case (digits, CJK, punctuation)."""
    if character.isascii():
        return character.lower() != "s"
    return character.lower() == character == character.upper()


def sure_word(words: str) -> str:
    """The longest of ``words``, in lower case, that every text :func:`words_pattern`
    finds must contain in lower case (``CONTAINS(LCASE(?text), ?word)``); the empty
    string, which every text contains, when no word is sure to be (one with a letter
    whose case-insensitive matches lower-case differently, such as ſ for s).

    >>> sure_word("Core AI industry")
    'core'
    >>> sure_word("算力 规模")
    '算力'
    >>> sure_word("skills")
    ''
    """
    sure = [word.lower() for word in words.split() if all(map(_uncased, word))]
    return max(sure, key=len, default="")


def _bindings(query: NamedQuery, params: Mapping[str, str]) -> dict[str, Identifier]:
    """Each parameter given as its term, and the pattern and sure word of every
    ``words`` parameter: of the words given, else the empty pattern and word (a query
    builds a pattern itself only when it is run with the words alone, as a SPARQL editor
    would)."""
    declared = {p.name: p for p in query.parameters}
    bindings = {key: term(value, declared[key].type) for key, value in params.items()}
    for parameter in query.parameters:
        if parameter.type == "words":
            words = params.get(parameter.name, "")
            bindings[f"{parameter.name}Pattern"] = Literal(words_pattern(words))
            bindings[f"{parameter.name}Word"] = Literal(sure_word(words))
    return bindings


_DERIVED = re.compile(
    r"pg:(?:regionName|planName|wording|metricKey|searchKey|figure\w+|organisationName|planCount|progressTowards"
    r"|names|pairGroup|actorGroup|sharedDocuments|documentList|togetherIn|namedActor"
    r"|namingPlan|valueGroup|tally\w+|progress(?:Statistic|Metric|Target))\b"
)


def derived_current(store: Reader) -> bool:
    """Whether the store holds the data :mod:`plangraph.graph.links` derives, in its
    current version (or has no plan to derive it from)."""
    return store.query(f"ASK {{ FILTER ({CURRENT}) }}") is not False


def _checked(name: str, text: str, store: Reader, result: QueryResult) -> QueryResult:
    """An empty answer from a query reading derived data is checked: a store written by
    an older plangraph answers nothing, and is told how to rebuild it."""
    empty = isinstance(result, SelectResult) and not result.rows
    if empty and _DERIVED.search(text) and not derived_current(store):
        raise _stale(name)
    return result


def _stale(name: str) -> QueryError:
    return QueryError(
        f"query {name!r} reads data derived at ingest, which this store lacks or holds "
        "in an older version: run plangraph ingest on its folder again"
    )


def run_named(
    store: Reader,
    name: str,
    params: Mapping[str, str],
    *,
    limit: int | None = None,
    offset: int = 0,
) -> QueryResult:
    """Run a library query with its parameters bound; unknown parameters are refused.

    ``limit`` rows from ``offset`` are returned, with the answer's ``total``; ``limit``
    None is the query's own page size (``# page: N``; every row when it has none), 0 is
    every row.
    """
    query = get(name)
    declared = {p.name: p for p in query.parameters}
    unknown = set(params) - set(declared)
    if unknown:
        valid = ", ".join(declared) or "none"
        raise QueryError(
            f"query {name!r} has no parameter {', '.join(sorted(unknown))}; valid: {valid}"
        )
    bindings = _bindings(query, params)
    if (limit is not None and limit < 0) or offset < 0:
        raise QueryError(f"limit and offset must be 0 or more, got {limit} and {offset}")
    size = query.page if limit is None else limit or None
    whole = wide_library().get(name, query) if not params else query
    parted = parts_library().get(name)
    if parted is not None and size is not None and set(params) == {parted.groups}:
        read = _parted_page(store, parted, bindings, offset, size)
        if read is not None:
            return read
    # a whole-store form grouped by derived data of its own is read by those groups
    grouping = whole if whole.groups is not None else query
    if not params and size is not None and grouping.groups is not None:
        grouped = _grouped_page(store, grouping, offset, size)
        if grouped is not None:
            return grouped
        if grouping is not query and not derived_current(store):
            # its groups are derived data: without them its answer would be partial
            raise _stale(name)
    return _page(store, name, whole.text, bindings, offset, size)


def _page(
    store: Reader,
    name: str,
    text: str,
    bindings: Mapping[str, Identifier],
    offset: int,
    size: int | None,
) -> QueryResult:
    """``size`` rows from ``offset`` (every row when None) of the query's answer."""
    if size is None and not offset:
        return _checked(name, text, store, store.query(text, bindings))
    window = getattr(store, "query_page", None)
    if window is not None:
        # the engine's rows are counted, and only the page's are turned into terms
        page: QueryResult = window(text, bindings, offset, size)
        return _checked(name, text, store, page)
    result = _checked(name, text, store, store.query(text, bindings))
    if not isinstance(result, SelectResult):
        return result
    end = None if size is None else offset + size
    return SelectResult(result.variables, result.rows[offset:end], len(result.rows), offset)


def _grouped_page(store: Reader, query: NamedQuery, offset: int, size: int) -> SelectResult | None:
    """A page of the whole answer of a query ordered by a group first (``# groups:
    region``), read group by group: the rows counted per group at ingest
    (:mod:`plangraph.graph.row_counts`) say which groups the page falls in, and only
    those are asked for, each with its parameter bound. None when the store holds no
    counts for the query (a store derived before them, or nothing to count)."""
    counted = store.query(ROW_COUNTS, {"query": Literal(query.name)})
    assert isinstance(counted, SelectResult)
    if not counted.rows:
        return None
    # the query orders plain strings by code point, as Python does
    groups = sorted((str(group), int(str(rows))) for _, group, rows in counted.rows)
    parameter = query.groups
    assert parameter is not None
    return _read_groups(
        store, query, [({parameter: Literal(group)}, rows) for group, rows in groups], offset, size
    )


# ?query and ?group are projected for a server's worker, as in ROW_COUNTS; parts are
# read while they are complete and no write is under way (plangraph.graph.parts)
_PARTS = f"""
SELECT ?query ?group ?part ?index ?rows WHERE {{
  ?links pg:partsComplete true .
  FILTER NOT EXISTS {{ GRAPH {LINKS_STALE.n3()} {{ ?s ?p ?o }} }}
  ?part pg:partQuery ?query ; pg:groupName ?group ; pg:partIndex ?index ; pg:rowCount ?rows
}}
"""


def _parted_page(
    store: Reader, parted: NamedQuery, bindings: Mapping[str, Identifier], offset: int, size: int
) -> SelectResult | None:
    """A page of the answer for one group (a region), read from the parts it falls in
    (:mod:`plangraph.graph.parts`), each with its parted form; None when the store holds
    no parts for the group (a small region, a store without them, or parts being
    derived again)."""
    assert parted.groups is not None
    asked = {"query": Literal(parted.name), "group": bindings[parted.groups]}
    counted = store.query(_PARTS, asked)
    assert isinstance(counted, SelectResult)
    if not counted.rows:
        return None
    groups: list[tuple[Mapping[str, Identifier], int]] = [
        ({**bindings, "part": part}, int(str(rows)))
        for *_, part, _, rows in sorted(counted.rows, key=lambda row: int(str(row[3])))
        if part is not None
    ]
    return _read_groups(store, parted, groups, offset, size)


def _read_groups(
    store: Reader,
    query: NamedQuery,
    groups: list[tuple[Mapping[str, Identifier], int]],
    offset: int,
    size: int,
) -> SelectResult:
    """A page of an answer that is its groups' answers one after the other (each the
    query with the group's bindings, counted beforehand): only the groups the page
    falls in are asked for."""
    total = sum(rows for _, rows in groups)
    variables: tuple[str, ...] = ()
    found: list[tuple[Identifier | None, ...]] = []
    start = 0
    for bound, rows in groups:
        end = start + rows
        if end > offset and len(found) < size:
            page = _page(
                store, query.name, query.text, bound, max(0, offset - start), size - len(found)
            )
            assert isinstance(page, SelectResult)
            variables = page.variables
            found.extend(page.rows)
        start = end
    if not variables:  # the page starts after the last row
        empty = _page(store, query.name, query.text, groups[-1][0], 0, 0)
        assert isinstance(empty, SelectResult)
        variables = empty.variables
    return SelectResult(variables, tuple(found), total, offset)
