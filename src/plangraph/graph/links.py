"""Links between targets that only the whole store can see: conflicts and revisions.

Two documents reporting one plan may give different figures for what is plainly the
same goal (same plan, metric, unit and deadline): both statements stay, linked by
``pg:conflictsWith``. A later plan of the same issuer or jurisdiction that restates a
metric with a new figure or deadline ``pg:revises`` the earlier target.

The links are a function of the store's content, recomputed after every write into one
named graph of their own (:data:`LINKS_GRAPH`), so they never depend on the order in
which documents arrived, and removing a document removes the links it caused.

The same graph holds the names the query library shows on every row, derived once per
write instead of joined by every query (:func:`derive_names`): each plan's region name
(``pg:regionName``, "" when it names no jurisdiction) and display name
(``pg:planName``), each target's wordings joined (``pg:wording``, and one a line in
``pg:metricKey``, each distinct key once in ``pg:searchKey``: what the queries asking
for a metric's words test, before they reach the figures of the matching keys in the
figure index, :mod:`plangraph.graph.figures`), the names of the organisations each
person holds a post at (``pg:organisationName``). A query for one
region's targets then starts from one index lookup. Each actor's count of the plans
naming it (``pg:planCount``, :func:`derive_counts`) spares a whole-store count per query;
the rows per region of the paged queries (:mod:`plangraph.graph.row_counts`), the
statistic-target pairs worth comparing (:mod:`plangraph.graph.progress`), the sentences
naming each actor and region (:mod:`plangraph.graph.naming`) and the groups of the
queries ordered by a count (:mod:`plangraph.graph.ranks`) are kept here too.
The graph says which version of this derived data it holds (``pg:derivedVersion``,
:data:`DERIVED_VERSION`): a store written by an older plangraph is told to rebuild it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import combinations

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.term import Node

from plangraph.graph.build import bind_prefixes
from plangraph.graph.figures import figures
from plangraph.graph.naming import mentions, naming_sentences, naming_triples, sentences
from plangraph.graph.parts import derive_parts, is_part
from plangraph.graph.progress import candidates, matches
from plangraph.graph.ranks import (
    ACTORS,
    PAIRS,
    VALUES,
    actors,
    add_actors,
    add_namings,
    add_pairs,
    add_values,
    by_value,
    pairs,
    plans_naming,
)
from plangraph.graph.row_counts import add_row_counts, count_rows, evidence_rows, sentence_counts
from plangraph.graph.timeline import tallies
from plangraph.graph.version import DERIVED_VERSION
from plangraph.graph.vocab import PG, RESOURCE
from plangraph.store.base import SelectResult, Store, Triple

_PLANS = """
SELECT ?plan ?label ?title ?region WHERE {
  ?plan a pg:Plan .
  OPTIONAL { ?plan rdfs:label ?label }
  OPTIONAL { ?plan dcterms:title ?title }
  OPTIONAL { ?plan pg:jurisdiction ?place . ?place rdfs:label ?region }
}
"""
_WORDINGS = "SELECT ?target ?metric WHERE { ?target a pg:Target ; pg:metric ?metric }"
_NAMED_IN = """
SELECT ?actor (COUNT(DISTINCT ?plan) AS ?plans) WHERE {
  ?plan a pg:Plan ; pg:reportedIn/pg:mentions ?actor .
  ?actor a pg:Actor .
} GROUP BY ?actor
"""
# the organisation names of each person's rows in the people query: the labels of the
# organisations of their posts, "" for a post with none or for no post
_ORGANISATION_NAMES = """
SELECT DISTINCT ?person ?name WHERE {
  ?person a pg:Person .
  OPTIONAL {
    ?person pg:hasAffiliation ?affiliation .
    OPTIONAL { ?affiliation pg:organisation ?org . ?org rdfs:label ?label }
  }
  BIND(COALESCE(?label, "") AS ?name)
}
"""

LINKS_GRAPH = RESOURCE["graph/links"]
LINKS_STALE = RESOURCE["graph/links-stale"]
"""A graph present only between a write of documents and the refresh of the links."""


def stale_marker() -> Graph:
    """The one triple of :data:`LINKS_STALE`: the links graph is out of date."""
    graph = Graph()
    graph.add((LINKS_GRAPH, RDFS.comment, Literal("out of date: documents changed since")))
    return graph


_TARGETS = """
SELECT ?plan ?target ?metric ?unit ?value ?max ?year ?growth ?issued ?place ?issuer WHERE {
  ?plan a pg:Plan ; pg:hasTarget ?target .
  ?target pg:metric ?metric ; pg:value ?value ; pg:unit ?unit .
  OPTIONAL { ?target pg:maxValue ?max }
  OPTIONAL { ?target pg:targetYear ?year }
  OPTIONAL { ?target pg:isGrowthRate ?growth }
  OPTIONAL { ?plan dcterms:issued ?issued }
  OPTIONAL { ?plan pg:jurisdiction ?place }
  OPTIONAL { ?plan pg:issuedBy ?issuer }
}
"""
# Words that say how a metric is measured rather than what: "scale of the core industry"
# and "core industry" name the same metric.
_GENERIC = frozenset(
    {
        "scale",
        "size",
        "total",
        "value",
        "number",
        "level",
        "overall",
        "annual",
        "the",
        "of",
        "and",
        "in",
        "for",
        "to",
        "a",
        "an",
        "by",
        "its",
        "with",
        "on",
        "at",
        "province",
        "city",
        "country",
        "s",
    }
)
_UNITS = frozenset(
    {
        "percent",
        "per",
        "cent",
        "yuan",
        "rmb",
        "billion",
        "million",
        "trillion",
        "thousand",
        "eflops",
        "pflops",
        "won",
        "euro",
        "euros",
        "dollars",
        "rupees",
        "crore",
        "growth",
        "target",
        "more",
        "than",
        "less",
        "over",
        "about",
        "least",
        "up",
    }
)
_TOLERANCE = Decimal("0.005")


@dataclass(frozen=True)
class TargetRow:
    plan: URIRef
    target: URIRef
    metrics: frozenset[frozenset[str]]
    unit: str
    value: Decimal
    maximum: Decimal | None
    year: str | None
    growth: bool
    issued: str | None
    owner: str | None


def stems(metric: str) -> frozenset[str]:
    """The content of a metric phrase: words cut to five letters, generic words dropped.

    >>> sorted(stems("scale of the core AI industry, 300 billion yuan"))
    ['ai', 'core', 'indus']
    """
    words = re.sub(r"[^\w]+", " ", metric.lower()).split()
    return frozenset(
        w[:5] for w in words if w not in _GENERIC and w not in _UNITS and not w[:1].isdigit()
    )


def same_metric(a: TargetRow, b: TargetRow) -> bool:
    """Same unit, both or neither growth rates, and metric words that mostly agree."""
    if a.unit != b.unit or a.growth != b.growth:
        return False
    for left in a.metrics:
        for right in b.metrics:
            shared = left & right
            # two content words in common, covering at least half of the shorter phrase
            if len(shared) >= 2 and len(shared) >= min(len(left), len(right)) / 2:
                return True
    return False


def _differ(a: TargetRow, b: TargetRow) -> bool:
    def far(x: Decimal, y: Decimal) -> bool:
        return abs(x - y) > abs(y) * _TOLERANCE

    if far(a.value, b.value):
        return True
    if (a.maximum is None) != (b.maximum is None):
        return True
    return a.maximum is not None and b.maximum is not None and far(a.maximum, b.maximum)


def _rows(store: Store) -> list[TargetRow]:
    result = store.query(_TARGETS)
    assert isinstance(result, SelectResult)
    rows: dict[URIRef, TargetRow] = {}
    for (
        plan,
        target,
        metric,
        unit,
        value,
        maximum,
        year,
        growth,
        issued,
        place,
        issuer,
    ) in result.rows:
        node = URIRef(str(target))
        row = rows.get(node)
        if row is None:
            # the same place's plans by the same issuer: a national ministry's plan does not
            # revise another body's national plan
            owner = "|".join(str(x) for x in (place, issuer) if x is not None) or None
            row = TargetRow(
                plan=URIRef(str(plan)),
                target=node,
                metrics=frozenset(),
                unit=str(unit),
                value=Decimal(str(value)),
                maximum=Decimal(str(maximum)) if maximum is not None else None,
                year=str(year) if year is not None else None,
                growth=str(growth).lower() == "true" if growth is not None else False,
                issued=str(issued) if issued is not None else None,
                owner=str(owner) if owner is not None else None,
            )
        # a target merged across reports carries each report's wording of its metric; a
        # plan reported on several days is dated by its earliest report
        earliest = min(
            (d for d in (row.issued, str(issued) if issued else None) if d), default=None
        )
        rows[node] = replace(row, metrics=row.metrics | {stems(str(metric))}, issued=earliest)
    return [rows[node] for node in sorted(rows)]


def conflicts(rows: Iterable[TargetRow]) -> Iterable[tuple[URIRef, URIRef]]:
    """Pairs of targets of one plan: same metric and deadline, different figures."""
    by_plan: dict[URIRef, list[TargetRow]] = defaultdict(list)
    for row in rows:
        by_plan[row.plan].append(row)
    for targets in by_plan.values():
        for a, b in combinations(targets, 2):
            if a.year is not None and a.year == b.year and same_metric(a, b) and _differ(a, b):
                yield a.target, b.target


def revisions(rows: Iterable[TargetRow]) -> Iterable[tuple[URIRef, URIRef]]:
    """(later, earlier): a later plan of the same owner restating a metric differently.
    Each later target revises the target of the most recent earlier plan only."""
    by_owner: dict[str, list[TargetRow]] = defaultdict(list)
    for row in rows:
        if row.owner is not None and row.issued is not None:
            by_owner[row.owner].append(row)
    for targets in by_owner.values():
        for later in targets:
            earlier = [
                r
                for r in targets
                if r.plan != later.plan
                and r.issued is not None
                and later.issued is not None
                and r.issued < later.issued
                and same_metric(r, later)
                and (_differ(r, later) or r.year != later.year)
            ]
            if not earlier:
                continue
            latest = max(r.issued or "" for r in earlier)
            for row in earlier:
                if row.issued == latest:
                    yield later.target, row.target


def derive_names(store: Store, graph: Graph) -> dict[URIRef, str]:
    """Add each plan's region and display name and each target's wording to ``graph``,
    as the library's queries name them: the least title (else label), every wording in
    code-point order joined with " | " (and with line feeds, as the key searched). Each
    target's key is returned."""
    plans = store.query(_PLANS)
    assert isinstance(plans, SelectResult)
    titles: dict[URIRef, set[str]] = defaultdict(set)
    labels: dict[URIRef, set[str]] = defaultdict(set)
    regions: dict[URIRef, set[str]] = defaultdict(set)
    for plan, label, title, region in plans.rows:
        node = URIRef(str(plan))
        regions[node].add("" if region is None else str(region))
        if label is not None:
            labels[node].add(str(label))
        if title is not None:
            titles[node].add(str(title))
    for node, names in regions.items():
        for name in names:
            graph.add((node, PG.regionName, Literal(name)))
        shown = titles.get(node) or labels.get(node)
        if shown:
            graph.add((node, PG.planName, Literal(min(shown))))
    wordings = store.query(_WORDINGS)
    assert isinstance(wordings, SelectResult)
    metrics: dict[URIRef, set[str]] = defaultdict(set)
    for target, metric in wordings.rows:
        metrics[URIRef(str(target))].add(str(metric))
    keys: dict[URIRef, str] = {}
    for node, words in metrics.items():
        ordered = sorted(words)
        graph.add((node, PG.wording, Literal(" | ".join(ordered))))
        # a line each: a pattern's ".*" stops at a line's end, so words asked for match
        # within one wording, as they would tested one by one
        key = "\n".join(ordered)
        graph.add((node, PG.metricKey, Literal(key)))
        keys[node] = key
    # each distinct key once, on the graph itself: the keys a metric's words are tested
    # on, without reading every target's
    for key in set(keys.values()):
        graph.add((LINKS_GRAPH, PG.searchKey, Literal(key)))
    return keys


def derive_organisation_names(store: Store, graph: Graph) -> None:
    """Add to ``graph`` the name of each organisation a person holds a post at, as the
    people query names it ("" for a post at none, or for no post), so that the query
    finds an organisation's people by one lookup."""
    names = store.query(_ORGANISATION_NAMES)
    assert isinstance(names, SelectResult)
    for person, name in names.rows:
        if name is not None:  # bound on every row: COALESCE gives ""
            graph.add((URIRef(str(person)), PG.organisationName, name))


def derive_counts(store: Store, graph: Graph) -> None:
    """Add to ``graph`` how many plans name each actor (a document reporting the plan
    mentions it), as actors-in-several-plans counts them."""
    counts = store.query(_NAMED_IN)
    assert isinstance(counts, SelectResult)
    for actor, plans in counts.rows:
        graph.add((URIRef(str(actor)), PG.planCount, Literal(int(str(plans)))))


def derive_links(store: Store) -> set[Triple]:
    """The links graph for the store as it is now: links, the names of
    :func:`derive_names`, the counts of :func:`derive_counts`, the naming sentences of
    :mod:`plangraph.graph.naming`, the groups, pairs and namings of
    :mod:`plangraph.graph.ranks`, the deadline counts of :mod:`plangraph.graph.timeline`,
    the row counts and the version marker. The largest parts are gathered as a set of triples:
    an rdflib graph costs some 20 µs a triple to build."""
    rows = _rows(store)
    graph = bind_prefixes(Graph())
    graph.add((LINKS_GRAPH, PG.derivedVersion, Literal(DERIVED_VERSION)))
    keys = derive_names(store, graph)
    derive_organisation_names(store, graph)
    derive_counts(store, graph)
    mentioned, read = mentions(store), sentences(store)
    naming = naming_sentences(store, mentioned, read)
    sources = sentence_counts(store)
    counts = count_rows(store, graph, sources)
    counts["evidence"] = evidence_rows(store, naming, read)
    triples: set[Triple] = set(naming_triples(naming))
    counts[PAIRS] = add_pairs(triples, pairs(store, mentioned, naming, read))
    plan_counts = {str(a): int(str(n)) for a, n in graph.subject_objects(PG.planCount)}
    named = {str(plan) for plan in graph.subjects(PG.planName)}
    naming_plans = plans_naming(store, mentioned, named)
    counts[ACTORS] = add_actors(triples, actors(store, naming_plans, plan_counts))
    add_namings(triples, naming_plans, plan_counts)
    regions: dict[URIRef, list[str]] = defaultdict(list)
    for plan, region in graph.subject_objects(PG.regionName):
        regions[URIRef(str(plan))].append(str(region))
    counts[VALUES] = add_values(triples, by_value(store, sources))
    triples |= tallies(store, regions)
    triples |= figures(store, keys)
    add_row_counts(graph, counts)
    likely = list(candidates(store))
    for statistic, target in likely:
        graph.add((statistic, PG.progressTowards, target))
    triples |= matches(store, likely)
    for a, b in conflicts(rows):
        graph.add((a, PG.conflictsWith, b))
        graph.add((b, PG.conflictsWith, a))
    for later, earlier in revisions(rows):
        graph.add((later, PG.revises, earlier))
    return triples.union(graph)


# the stored graph as text, each object with what tells its kind: 180,000 derived
# triples read as rdflib terms took 6.7 s at a million quads, as text 2.4 s
_HELD = """
SELECT ?s ?p ?o ?datatype ?language WHERE {
  GRAPH %s { ?s ?p ?o }
  BIND(IF(isLITERAL(?o), DATATYPE(?o), "") AS ?datatype)
  BIND(LANG(?o) AS ?language)
}
"""
Key = tuple[str, str, str, str, str]


def _key(triple: Triple) -> Key:
    """A triple as :data:`_HELD` reads it: subject, predicate, object, the object's
    datatype ("" for an IRI) and language."""
    subject, predicate, value = triple
    if isinstance(value, Literal):
        datatype = value.datatype or (RDF.langString if value.language else XSD.string)
        return str(subject), str(predicate), str(value), str(datatype), value.language or ""
    return str(subject), str(predicate), str(value), "", ""


def _term(key: Key) -> Triple:
    """The triple a key of :data:`_HELD` was read from (IRIs only as subjects and
    predicates: derived data has no blank nodes)."""
    subject, predicate, value, datatype, language = key
    if not datatype:
        node: Node = URIRef(value)
    elif language:
        node = Literal(value, lang=language)
    elif datatype == str(XSD.string):
        node = Literal(value)
    else:
        node = Literal(value, datatype=URIRef(datatype))
    return URIRef(subject), URIRef(predicate), node


def store_links(store: Store) -> None:
    """Write :func:`derive_links` into :data:`LINKS_GRAPH` as a difference from what it
    holds: a small ingest changes a few derived triples, and only those are written.

    The parts of the paged queries (:mod:`plangraph.graph.parts`) are read from the
    links just written, so they are written second: the first write takes away the mark
    that they are complete, and the second puts it back with them."""
    fresh = {_key(triple): triple for triple in derive_links(store)}
    held = {
        (s, p, o, d or "", lang or "")
        for s, p, o, d, lang in store.select_text(_HELD % LINKS_GRAPH.n3())
        if s is not None and p is not None and o is not None
    }
    held_parts = {key for key in held if is_part(key[0], key[1])}
    complete = {key for key in held_parts if key[1] == str(PG.partsComplete)}
    _patch(store, held - held_parts | complete, fresh)
    parts = {_key(triple): triple for triple in derive_parts(store)}
    if parts:
        mark = (LINKS_GRAPH, PG.partsComplete, Literal(True))
        parts[_key(mark)] = mark
    _patch(store, held_parts - complete, parts)


def _patch(store: Store, held: set[Key], fresh: Mapping[Key, Triple]) -> None:
    """Write the links graph's ``fresh`` triples where it holds ``held``."""
    removed, added = Graph(), Graph()
    for key in held.difference(fresh):
        removed.add(_term(key))
    for key in fresh.keys() - held:
        added.add(fresh[key])
    store.patch_derived(LINKS_GRAPH, removed, added)
