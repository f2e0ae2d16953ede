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

What those queries would otherwise gather on every row is derived here too: each pair's
documents, their count and the least sentence naming both (``pg:sharedDocuments``,
``pg:documentList``, ``pg:togetherIn``); each actor and plan whose reports name it, with
those reports (``pg:namedActor``, ``pg:namingPlan``, ``pg:documentList``). A page of
either query then reads its rows by lookups and groups nothing.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from rdflib import Literal, URIRef

from plangraph.graph.iris import naming_iri, pair_iri
from plangraph.graph.vocab import PG
from plangraph.store.base import Store, Triple

GROUP_ROWS = 250
"""About how many rows a group holds: a page of 1,000 rows reads four to six groups."""

PAIRS = "companies-and-governments"
ACTORS = "actors-in-several-plans"
VALUES = "targets-above"
ACTOR_TYPES = ("GovernmentBody", "Company", "ResearchInstitution", "Person", "OtherActor")
"""The kinds of actor that actors-in-several-plans lists."""

_DOCUMENTS = "SELECT ?d ?id WHERE { ?d a pg:Document ; dcterms:identifier ?id }"
_LABELLED = "SELECT ?node ?label WHERE { ?node a pg:%s ; rdfs:label ?label }"
_REPORTS = """
SELECT DISTINCT ?plan ?d WHERE { ?plan a pg:Plan ; pg:reportedIn ?d . ?d dcterms:identifier ?id }
"""
_REGIONS = "SELECT ?plan ?region WHERE { ?plan pg:jurisdiction/rdfs:label ?region }"
_IDENTIFIED = "SELECT ?d ?id WHERE { ?d dcterms:identifier ?id }"
# the targets targets-above lists with no parameter: a metric, a value and a unit
_VALUED = """
SELECT DISTINCT ?plan ?target ?value WHERE {
  ?plan pg:hasTarget ?target . ?target pg:metric ?metric ; pg:value ?value ; pg:unit ?unit .
}
"""


@dataclass(frozen=True)
class Unit:
    """What one row group holds whole: its IRIs, rows and place in the query's order;
    for a pair, the identifiers of the documents naming both, in order, and the least
    sentence naming both (None when none does)."""

    nodes: tuple[str, ...]
    rows: int
    key: tuple[int | str | Decimal, ...]
    documents: tuple[str, ...] = ()
    together: str | None = None


_SPACES = re.compile(r"[ \t\n\r]+")


def one_line(text: str) -> str:
    r"""A sentence as the queries show it: every run of XML spaces one space, none at
    either end (``REPLACE(REPLACE(?text, "\s+", " "), "^ | $", "")``).

    >>> one_line(" Compute\n  power ")
    'Compute power'
    """
    return _SPACES.sub(" ", text).strip(" ")


def _labels(store: Store, kind: str) -> dict[str, list[str]]:
    labels: dict[str, list[str]] = defaultdict(list)
    for node, label in store.select_text(_LABELLED % kind):
        if node is not None and label is not None:
            labels[node].append(label)
    return labels


def pairs(
    store: Store,
    mentioned: Mapping[str, set[str]],
    naming: Iterable[tuple[str, str]],
    read: Mapping[str, Iterable[tuple[str, str]]],
) -> list[Unit]:
    """Every company and government body mentioned in one document, in the order of
    companies-and-governments: most shared documents first, then the least names, then
    the IRIs. ``naming`` is (sentence, node) as :mod:`plangraph.graph.naming` finds it,
    ``read`` each document's (sentence, text): the least sentence naming both."""
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
    together = _together(naming, read, companies.keys(), governments.keys())
    units = [
        Unit(
            (company, government),
            len(companies[company]) * len(governments[government]),
            (-len(documents), min(companies[company]), min(governments[government]), company,
             government),
            tuple(sorted(documents)),
            together.get((company, government)),
        )
        for (company, government), documents in shared.items()
    ]  # fmt: skip
    return sorted(units, key=lambda unit: unit.key)


def _together(
    naming: Iterable[tuple[str, str]],
    read: Mapping[str, Iterable[tuple[str, str]]],
    companies: Iterable[str],
    governments: Iterable[str],
) -> dict[tuple[str, str], str]:
    """For each company and government body named in one sentence, the sentence whose
    one-line text is least (the query's ``MIN``), ties by the sentence's IRI."""
    texts = {sentence: one_line(text) for found in read.values() for sentence, text in found}
    named: dict[str, set[str]] = defaultdict(set)
    for sentence, node in naming:
        named[sentence].add(node)
    companies, governments = set(companies), set(governments)
    least: dict[tuple[str, str], tuple[str, str]] = {}
    for sentence, nodes in named.items():
        text = texts.get(sentence)
        if text is None:
            continue
        for company in nodes & companies:
            for government in nodes & governments:
                held = least.get((company, government))
                if held is None or (text, sentence) < held:
                    least[company, government] = (text, sentence)
    return {pair: sentence for pair, (_, sentence) in least.items()}


def actors(
    store: Store, plans: Mapping[str, Mapping[str, set[str]]], counts: Mapping[str, int]
) -> list[Unit]:
    """The actors named in two plans or more (``counts``: pg:planCount), in the order of
    actors-in-several-plans: most plans first, then the least name, then the IRI.
    ``plans``: the plans naming each actor, as :func:`plans_naming` finds them."""
    labels: dict[str, list[str]] = defaultdict(list)
    types: Counter[str] = Counter()
    for kind in ACTOR_TYPES:
        for node, names in _labels(store, kind).items():
            types[node] += 1
            labels[node] = names
    regions: Counter[str] = Counter(plan for plan, _ in store.select_text(_REGIONS) if plan)
    units = []
    for node, count in counts.items():
        if count < 2 or node not in types:
            continue
        per_label = sum(max(1, regions[plan]) for plan in plans.get(node, {}))
        rows = len(labels[node]) * types[node] * per_label
        if rows:
            units.append(Unit((node,), rows, (-count, min(labels[node]), node)))
    return sorted(units, key=lambda unit: unit.key)


def plans_naming(
    store: Store, mentioned: Mapping[str, set[str]], named: set[str]
) -> dict[str, dict[str, set[str]]]:
    """Each actor, the plans whose reports mention it, and those reports (their
    identifiers); ``named`` are the plans with a derived name (the queries list no
    other). Read once for :func:`actors` and :func:`add_namings`."""
    identifiers = {d: i for d, i in store.select_text(_IDENTIFIED) if d and i is not None}
    plans: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for plan, document in store.select_text(_REPORTS):
        if plan in named and document is not None:
            identifier = identifiers.get(document)
            for node in mentioned.get(document, ()):
                if identifier is not None:
                    plans[node][plan].add(identifier)
    return plans


def add_namings(
    triples: set[Triple], plans: Mapping[str, Mapping[str, set[str]]], actors: Iterable[str]
) -> None:
    """Each actor and plan whose reports name it (``plans``, as :func:`plans_naming`
    finds them), as a node with those reports in order (``pg:namedActor``,
    ``pg:namingPlan``, ``pg:documentList``), for ``actors``."""
    for actor in actors:
        for plan, documents in plans.get(actor, {}).items():
            node = naming_iri(actor, plan)
            triples.add((node, PG.namedActor, URIRef(actor)))
            triples.add((node, PG.namingPlan, URIRef(plan)))
            triples.add((node, PG.documentList, Literal(" | ".join(sorted(documents)))))


def by_value(store: Store, sources: Mapping[URIRef, int]) -> list[Unit]:
    """The targets targets-above lists with no parameter, largest value first, all the
    targets of one value a unit (the query orders them by region, deadline and plan
    within it). A target's rows: one per sentence it was read from (``sources``,
    :func:`plangraph.graph.row_counts.sentence_counts`); its plan's regions share one."""
    rows: dict[Decimal, int] = defaultdict(int)
    targets: dict[Decimal, set[str]] = defaultdict(set)
    for plan, target, value in store.select_text(_VALUED):
        if plan is None or target is None or value is None:
            continue
        try:
            number = Decimal(value)
        except InvalidOperation:
            continue  # not a number: the query's order leaves it to the engine
        targets[number].add(target)
        rows[number] += max(1, sources.get(URIRef(target), 0))
    units = [Unit(tuple(sorted(targets[number])), rows[number], (-number,)) for number in targets]
    return sorted(units, key=lambda unit: unit.key)


def add_values(triples: set[Triple], ordered: Iterable[Unit]) -> Counter[str]:
    """Each target's value group added to ``triples``; the rows of each group."""
    counts: Counter[str] = Counter()
    for group, unit in grouped(ordered):
        for target in unit.nodes:
            triples.add((URIRef(target), PG.valueGroup, _group_literal(group)))
        counts[group] += unit.rows
    return counts


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
        triples.add((node, PG.sharedDocuments, Literal(len(unit.documents))))
        triples.add((node, PG.documentList, Literal(" | ".join(unit.documents))))
        if unit.together is not None:
            triples.add((node, PG.togetherIn, URIRef(unit.together)))
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
