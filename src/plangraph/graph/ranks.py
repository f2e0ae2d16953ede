"""Library queries whose order is not a name: derived in that order, cut into groups.

companies-and-governments orders its pairs by the documents they share, and
actors-in-several-plans its actors by the plans naming them: no index gives that order,
so a page of either, with no parameter, once sorted the whole store's rows. Here the
units of each (a company-government pair, an actor) are put in the query's order once
per write and cut into groups of whole units of about :data:`GROUP_ROWS` rows; each unit
carries its group (``pg:pairGroup``, ``pg:actorGroup``) and each group's rows are counted
like a region's (:mod:`plangraph.graph.row_counts`). The whole-store form of the query
(``library/wide/``) is ordered by group first and bound to one group at a time, so a
page reads only the groups it falls in (:func:`plangraph.query.run_named`).

A unit's rows are counted as the query joins them: one per label of each actor, per
type, per plan and per region name of the plan.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from rdflib import Literal, URIRef

from plangraph.graph.iris import pair_iri
from plangraph.graph.vocab import PG
from plangraph.store.base import Store, Triple

GROUP_ROWS = 250
"""About how many rows a group holds: a page of 1,000 rows reads four to six groups."""

PAIRS = "companies-and-governments"
ACTORS = "actors-in-several-plans"
ACTOR_TYPES = ("GovernmentBody", "Company", "ResearchInstitution", "Person", "OtherActor")
"""The kinds of actor that actors-in-several-plans lists."""

_DOCUMENTS = "SELECT ?d ?id WHERE { ?d a pg:Document ; dcterms:identifier ?id }"
_LABELLED = "SELECT ?node ?label WHERE { ?node a pg:%s ; rdfs:label ?label }"
_REPORTS = """
SELECT DISTINCT ?plan ?d WHERE { ?plan a pg:Plan ; pg:reportedIn ?d . ?d dcterms:identifier ?id }
"""
_REGIONS = "SELECT ?plan ?region WHERE { ?plan pg:jurisdiction/rdfs:label ?region }"


@dataclass(frozen=True)
class Unit:
    """What one row group holds whole: its IRIs, rows and place in the query's order."""

    nodes: tuple[str, ...]
    rows: int
    key: tuple[int | str, ...]


def _labels(store: Store, kind: str) -> dict[str, list[str]]:
    labels: dict[str, list[str]] = defaultdict(list)
    for node, label in store.select_text(_LABELLED % kind):
        if node is not None and label is not None:
            labels[node].append(label)
    return labels


def pairs(store: Store, mentioned: Mapping[str, set[str]]) -> list[Unit]:
    """Every company and government body mentioned in one document, in the order of
    companies-and-governments: most shared documents first, then the least names, then
    the IRIs."""
    identifiers = {d: i for d, i in store.select_text(_DOCUMENTS) if d and i is not None}
    companies = _labels(store, "Company")
    governments = _labels(store, "GovernmentBody")
    shared: dict[tuple[str, str], set[str]] = defaultdict(set)
    for document, nodes in mentioned.items():
        identifier = identifiers.get(document)
        if identifier is None:
            continue
        for company in nodes & companies.keys():
            for government in nodes & governments.keys():
                shared[company, government].add(identifier)
    units = [
        Unit(
            (company, government),
            len(companies[company]) * len(governments[government]),
            (-len(documents), min(companies[company]), min(governments[government]), company,
             government),
        )
        for (company, government), documents in shared.items()
    ]  # fmt: skip
    return sorted(units, key=lambda unit: unit.key)


def actors(
    store: Store, mentioned: Mapping[str, set[str]], counts: Mapping[str, int], named: set[str]
) -> list[Unit]:
    """The actors named in two plans or more (``counts``: pg:planCount), in the order of
    actors-in-several-plans: most plans first, then the least name, then the IRI.
    ``named`` are the plans with a derived name (the query lists no other)."""
    labels: dict[str, list[str]] = defaultdict(list)
    types: Counter[str] = Counter()
    for kind in ACTOR_TYPES:
        for node, names in _labels(store, kind).items():
            types[node] += 1
            labels[node] = names
    regions: Counter[str] = Counter(plan for plan, _ in store.select_text(_REGIONS) if plan)
    plans: dict[str, set[str]] = defaultdict(set)
    for plan, document in store.select_text(_REPORTS):
        if plan in named and document is not None:
            for node in mentioned.get(document, ()):
                plans[node].add(plan)
    units = []
    for node, count in counts.items():
        if count < 2 or node not in types:
            continue
        per_label = sum(max(1, regions[plan]) for plan in plans[node])
        rows = len(labels[node]) * types[node] * per_label
        if rows:
            units.append(Unit((node,), rows, (-count, min(labels[node]), node)))
    return sorted(units, key=lambda unit: unit.key)


def group_name(index: int) -> str:
    """A group's name, ordered as its index when compared as text.

    >>> sorted([group_name(10), group_name(9)])
    ['000009', '000010']
    """
    return f"{index:06d}"


def grouped(units: Iterable[Unit]) -> list[tuple[str, Unit]]:
    """Each unit with its group: whole units, in order, about :data:`GROUP_ROWS` rows a
    group (a unit with more rows is a group of its own)."""
    placed = []
    index, rows = 0, 0
    for unit in units:
        if rows and rows + unit.rows > GROUP_ROWS:
            index, rows = index + 1, 0
        rows += unit.rows
        placed.append((group_name(index), unit))
    return placed


def add_pairs(triples: set[Triple], ordered: Iterable[Unit]) -> Counter[str]:
    """The pairs as nodes (company, government, group) added to ``triples``; the rows
    of each group."""
    counts: Counter[str] = Counter()
    # looked up once: a namespace attribute or a new literal costs microseconds each
    company, government, in_group = PG.company, PG.government, PG.pairGroup
    for group, unit in grouped(ordered):
        node = pair_iri(*unit.nodes)
        triples.add((node, company, URIRef(unit.nodes[0])))
        triples.add((node, government, URIRef(unit.nodes[1])))
        triples.add((node, in_group, _group_literal(group)))
        counts[group] += unit.rows
    return counts


def add_actors(triples: set[Triple], ordered: Iterable[Unit]) -> Counter[str]:
    """Each actor's group added to ``triples``; the rows of each group."""
    counts: Counter[str] = Counter()
    for group, unit in grouped(ordered):
        triples.add((URIRef(unit.nodes[0]), PG.actorGroup, _group_literal(group)))
        counts[group] += unit.rows
    return counts


@cache
def _group_literal(group: str) -> Literal:
    return Literal(group)
