"""The answers the paged queries give most often, cut into parts in the query's order,
so that a page of one of them reads only the parts it falls in.

``targets-by-region``, ``measures-by-category`` and ``targets-rollup`` are asked for
one region more than anything else, ``actors-in-several-plans`` for one kind of actor,
``companies-and-governments`` for one company. A page of that answer still reads every
row of it: the rows are counted and sorted before the page is cut
(:mod:`plangraph.store.paging`), and each row costs four to six index lookups of about
8 µs. A region of 2,500 measures costs 100 ms before the page's first detail is read.

So after every write of the links graph, each such answer with more than
:data:`PART_ROWS` rows (a region's, a kind's, a company's) is read once in the query's
own order (the rows pass and sort a page uses), and cut into parts: runs of whole units
(a target, a measure, an actor, a company-government pair, with all of its rows) of
about :data:`PART_ROWS` rows, cut only where no unit has rows on both sides. Each unit
carries its part (``pg:inPart``), and each part its query, the parameter's value, its
index and rows (``pg:partQuery``, ``pg:groupName``, ``pg:partIndex``,
``pg:rowCount``). The query's parted form (``library/parts/``) starts from one part's
units, and :func:`plangraph.query.run_named` reads a page of that answer part by part.

Parts are read from the stored links graph, so they are derived after it is written
(:func:`plangraph.graph.links.store_links`): that write first takes away the links
graph's ``pg:partsComplete``, which returns only when every part is written again, and
parts are read only while it is there and no write is under way (the mark an ingest,
remove or load puts before its first write and takes away after the derived data is
written, :data:`plangraph.graph.links.LINKS_STALE`). A store that cannot order rows in
Python (a SPARQL server) keeps no parts; its pages read the whole answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rdflib import Literal, URIRef

from plangraph.graph.iris import part_iri
from plangraph.graph.ranks import ACTOR_TYPES
from plangraph.graph.row_counts import ROW_COUNTS
from plangraph.graph.vocab import PG, RESOURCE
from plangraph.store.base import Store, Triple

PART_ROWS = 250
"""About how many rows a part holds; an answer with no more rows has no parts."""


@dataclass(frozen=True)
class Parted:
    """A query read part by part: the variable naming its units, and the parameter whose
    values' answers are cut into parts."""

    unit: str
    parameter: str


PARTED = {
    "targets-by-region": Parted("targetIri", "region"),
    "measures-by-category": Parted("measureIri", "region"),
    "targets-rollup": Parted("targetIri", "region"),
    "actors-in-several-plans": Parted("actorIri", "type"),
    "companies-and-governments": Parted("pair", "company"),
}
"""The queries read part by part."""

REGIONAL = frozenset(query for query, parted in PARTED.items() if parted.parameter == "region")
"""The queries whose rows are counted per region (:mod:`plangraph.graph.row_counts`)."""

PART_PREFIX = str(RESOURCE["part/"])
# as text: each triple of the links graph is asked about at every refresh
_PART_PREDICATES = frozenset({str(PG.inPart), str(PG.partsComplete)})

# how many rows each value of a parameter gives: the regions' rows are counted
# (ROW_COUNTS); a company's are at least its pairs (more when a government body has
# several labels, which the parts then count); there are five kinds of actor
_COMPANIES = """
SELECT ?group (COUNT(?pair) AS ?rows) WHERE {
  ?company a pg:Company ; rdfs:label ?group . ?pair pg:company ?company
} GROUP BY ?group
"""


def cut(units: Sequence[str], size: int) -> list[tuple[list[str], int]]:
    """The parts of rows in order, given each row's unit: each part's units, in order of
    their first row, and its rows. A part ends once it holds ``size`` rows or more and no
    unit has rows after its end; a unit's rows are always in one part.

    >>> cut(["a", "a", "b", "c", "b", "d"], 2)
    [(['a'], 2), (['b', 'c'], 3), (['d'], 1)]
    """
    last = {unit: index for index, unit in enumerate(units)}
    parts: list[tuple[list[str], int]] = []
    members: dict[str, None] = {}
    start, reach = 0, -1
    for index, unit in enumerate(units):
        members[unit] = None
        reach = max(reach, last[unit])
        if reach == index and index + 1 - start >= size:
            parts.append((list(members), index + 1 - start))
            members, start = {}, index + 1
    if members:
        parts.append((list(members), len(units) - start))
    return parts


def _asked(store: Store) -> list[tuple[str, str]]:
    """Each query and value of its parameter whose answer may have more than
    :data:`PART_ROWS` rows."""
    asked = [
        (query, group)
        for query, group, rows in store.select_text(ROW_COUNTS)
        if query in REGIONAL and group is not None and int(rows or 0) > PART_ROWS
    ]
    asked += [
        ("companies-and-governments", group)
        for group, rows in store.select_text(_COMPANIES)
        if group is not None and int(rows or 0) > PART_ROWS
    ]
    return asked + [("actors-in-several-plans", kind) for kind in ACTOR_TYPES]


def derive_parts(store: Store) -> set[Triple]:
    """Every part of the answer to every :data:`PARTED` query and value of its
    parameter that has more than :data:`PART_ROWS` rows, as triples, read from the
    stored links graph; none when the store cannot order rows (and none for an answer
    with values of kinds it does not order, which is then read whole)."""
    # here: plangraph.query imports the graph's modules
    from plangraph.query import library

    ordered_units = getattr(store, "ordered_units", None)
    if ordered_units is None:
        return set()
    triples: set[Triple] = set()
    in_part = PG.inPart  # a namespace's attribute costs microseconds: once, not per unit
    for query, group in _asked(store):
        parted = PARTED[query]
        bindings = {parted.parameter: Literal(group)}
        units = ordered_units(library()[query].text, bindings, parted.unit)
        if units is None or len(units) <= PART_ROWS:
            continue
        for index, (members, count) in enumerate(cut(units, PART_ROWS)):
            node = part_iri(query, group, index)
            triples.add((node, PG.partQuery, Literal(query)))
            triples.add((node, PG.groupName, Literal(group)))
            triples.add((node, PG.partIndex, Literal(index)))
            triples.add((node, PG.rowCount, Literal(count)))
            triples.update((URIRef(unit), in_part, node) for unit in members)
    return triples


def is_part(subject: str, predicate: str) -> bool:
    """Whether a triple of the links graph is a part's (or the mark that parts are
    complete), which :func:`derive_parts` writes rather than the links' derivation."""
    return subject.startswith(PART_PREFIX) or predicate in _PART_PREDICATES
