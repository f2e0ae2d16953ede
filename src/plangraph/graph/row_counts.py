"""How many rows each region gives the paged library queries ordered by region first.

``targets-by-region``, ``measures-by-category`` and ``targets-rollup`` order their rows
by region before anything else, so their whole answer is each region's answer (the
query with that region bound) one after the other. Counted at every write of the
derived data, the rows per region turn a page of the whole answer into the one or two
regions it falls in, each a selective query (:func:`plangraph.query.run_named`), and
give the whole answer's total without evaluating it.

A count follows the query's joins: one row per target or measure and each sentence it
was read from (one row when it has none), times the labels, categories and levels the
query joins (a measure's responsible bodies share one cell). The counts are checked
against the queries themselves by the tests.

``evidence`` with no node is read document by document the same way (its rows are
ordered by document first): :func:`evidence_rows` counts each document's rows, given
the sentences naming each actor and region (:mod:`plangraph.graph.naming`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from rdflib import Graph, Literal, URIRef

from plangraph.graph.iris import rows_iri
from plangraph.graph.vocab import PG
from plangraph.store.base import Store

GROUPED = ("targets-by-region", "measures-by-category", "targets-rollup")
ROW_COUNTS = """
SELECT ?query ?group ?rows WHERE {
  ?counted pg:rowQuery ?query ; pg:groupName ?group ; pg:rowCount ?rows
}
"""
"""Every stored count: the query, its group (a region's name) and the rows. ?query is
projected: a server's worker binds it by substitution, which needs that."""
"""The library queries whose rows are counted per region."""

# every sentence node has its text and document, which has an identifier (the shapes of
# plangraph.graph.shapes hold every written graph to that): counting the links is enough
_SENTENCES = """
SELECT ?node (COUNT(?e) AS ?n) WHERE { ?node prov:wasDerivedFrom ?e } GROUP BY ?node
"""
_TARGETS = """
SELECT DISTINCT ?plan ?target WHERE {
  ?plan pg:hasTarget ?target . ?target a pg:Target ; pg:metric ?metric .
}
"""
_MEASURES = """
SELECT ?plan ?measure (COUNT(*) AS ?n) WHERE {
  ?plan pg:hasMeasure ?measure . ?measure pg:category ?concept ; rdfs:label ?label .
} GROUP BY ?plan ?measure
"""
# the places first, then each one's labels (LATERAL): joined after the UNION, the labels
# were every label of the store (1.4 s at a million quads, 0.1 s so)
_PLACES = """
SELECT DISTINCT ?place ?label WHERE {
  { SELECT DISTINCT ?place WHERE { { ?place a pg:Region } UNION { ?place pg:partOf ?whole } } }
  LATERAL { ?place rdfs:label ?label }
}
"""
_LEVELS = (
    "SELECT ?place (COUNT(?level) AS ?n) WHERE { ?place pg:regionLevel ?level } GROUP BY ?place"
)
# the evidence query's ways a sentence backs a node, as (node, sentence) pairs
_STATED = "SELECT ?node ?e WHERE { ?node prov:wasDerivedFrom ?e }"
_ALSO_STATED = "SELECT ?node ?e WHERE { ?x pg:alsoStatedAs ?node ; prov:wasDerivedFrom ?e }"
_POSTS = "SELECT ?node ?e WHERE { ?node pg:hasAffiliation/prov:wasDerivedFrom ?e }"
_IDENTIFIERS = "SELECT ?d ?id WHERE { ?d dcterms:identifier ?id }"
_DOCUMENTS = "SELECT ?d WHERE { ?d a pg:Document }"
_EVIDENCE = "SELECT ?e WHERE { ?e a pg:Evidence }"
_TOPS = "SELECT ?place ?label WHERE { ?place a pg:Region ; rdfs:label ?label }"
_PARTS = "SELECT ?part ?whole WHERE { ?part pg:partOf ?whole }"
_JURISDICTIONS = "SELECT ?plan ?place WHERE { ?plan pg:jurisdiction ?place }"


def _select(store: Store, sparql: str) -> tuple[tuple[str | None, ...], ...]:
    # plain text: hundreds of thousands of counts need no rdflib terms
    return store.select_text(sparql)


def _counts(store: Store, sparql: str) -> dict[URIRef, int]:
    return {URIRef(str(node)): int(str(n)) for node, n in _select(store, sparql)}


def _plans_named(names: Graph) -> tuple[dict[URIRef, list[str]], set[URIRef]]:
    regions: dict[URIRef, list[str]] = defaultdict(list)
    for plan, region in names.subject_objects(PG.regionName):
        regions[URIRef(str(plan))].append(str(region))
    named = {URIRef(str(plan)) for plan in names.subjects(PG.planName)}
    return regions, named


def _below(parts: Iterable[tuple[URIRef, URIRef]]) -> dict[URIRef, set[URIRef]]:
    """Each region with every place within it at any depth, itself included."""
    children: dict[URIRef, set[URIRef]] = defaultdict(set)
    for part, whole in parts:
        children[whole].add(part)

    def gather(top: URIRef) -> set[URIRef]:
        found, todo = {top}, [top]
        while todo:
            for child in children[todo.pop()] - found:
                found.add(child)
                todo.append(child)
        return found

    return defaultdict(set, {node: gather(node) for node in {*children, *(p for p, _ in parts)}})


def sentence_counts(store: Store) -> dict[URIRef, int]:
    """How many sentences each node was read from (nodes read from none left out)."""
    return _counts(store, _SENTENCES)


def count_rows(
    store: Store, names: Graph, sentences: Mapping[URIRef, int]
) -> dict[str, Counter[str]]:
    """Rows per region of each :data:`GROUPED` query, given the derived names of
    :func:`plangraph.graph.links.derive_names` (not yet stored) and each node's
    sentences (:func:`sentence_counts`)."""
    regions, named = _plans_named(names)
    per_target: dict[URIRef, int] = defaultdict(int)  # rows of a plan's targets
    for plan, target in _select(store, _TARGETS):
        per_target[URIRef(str(plan))] += max(1, sentences.get(URIRef(str(target)), 0))
    per_measure: dict[URIRef, int] = defaultdict(int)
    for plan, measure, n in _select(store, _MEASURES):
        rows = int(str(n)) * max(1, sentences.get(URIRef(str(measure)), 0))
        per_measure[URIRef(str(plan))] += rows
    counts: dict[str, Counter[str]] = {name: Counter() for name in GROUPED}
    for plan in named:
        for region in regions.get(plan, ()):
            counts["targets-by-region"][region] += per_target.get(plan, 0)
            counts["measures-by-category"][region] += per_measure.get(plan, 0)
    counts["targets-rollup"] = _rollup(store, per_target, named)
    return {name: Counter({k: v for k, v in c.items() if v}) for name, c in counts.items()}


def _rollup(store: Store, per_target: Mapping[URIRef, int], named: set[URIRef]) -> Counter[str]:
    """Rows per region label of targets-rollup: the targets of every place within it."""
    labels: Counter[URIRef] = Counter(URIRef(str(p)) for p, _ in _select(store, _PLACES))
    levels = _counts(store, _LEVELS)
    tops = [(URIRef(str(p)), str(label)) for p, label in _select(store, _TOPS)]
    at_place: dict[URIRef, int] = defaultdict(int)
    for plan, place in _select(store, _JURISDICTIONS):
        if URIRef(str(plan)) in named:
            at_place[URIRef(str(place))] += per_target.get(URIRef(str(plan)), 0)
    parts = [(URIRef(str(a)), URIRef(str(b))) for a, b in _select(store, _PARTS)]
    below = _below(parts)
    rows: Counter[str] = Counter()
    for top, name in tops:
        for place in below[top] or {top}:
            rows[name] += labels[place] * max(1, levels.get(place, 0)) * at_place.get(place, 0)
    return rows


def add_row_counts(graph: Graph, counts: Mapping[str, Counter[str]]) -> None:
    """The counts as triples: one node per query and region."""
    for query, regions in counts.items():
        for region, rows in regions.items():
            node = rows_iri(query, region)
            graph.add((node, PG.rowQuery, Literal(query)))
            graph.add((node, PG.groupName, Literal(region)))
            graph.add((node, PG.rowCount, Literal(rows)))


def evidence_rows(
    store: Store,
    naming: Iterable[tuple[str, str]],
    sentences: Mapping[str, Iterable[tuple[str, str]]],
) -> Counter[str]:
    """Rows per document identifier of the evidence query with no node: one per node and
    way each of the document's sentences backs it (stated, post, names it, in
    document, itself). ``naming`` is (sentence, node) as
    :func:`plangraph.graph.naming.naming_sentences` finds it; ``sentences`` each
    document's (sentence, text), as :func:`plangraph.graph.naming.sentences` reads them
    (each has its offsets: the shapes hold every written graph to that)."""
    backed: set[tuple[str | None, str, str | None]] = set()
    for via, sparql in (("stated", _STATED), ("stated", _ALSO_STATED), ("post", _POSTS)):
        backed.update((node, via, e) for node, e in _select(store, sparql))
    backed.update((node, "names it", e) for e, node in naming)
    per_sentence: Counter[str | None] = Counter(e for _, _, e in backed)
    identifiers = {d: i for d, i in _select(store, _IDENTIFIERS) if d is not None and i is not None}
    documents = {d for (d,) in _select(store, _DOCUMENTS)}
    itself = {e for (e,) in _select(store, _EVIDENCE)}
    rows: Counter[str] = Counter()
    for document, found in sentences.items():
        identifier = identifiers.get(document)
        if identifier is None:
            continue
        for e, _ in found:
            rows[identifier] += per_sentence[e] + (document in documents) + (e in itself)
    return +rows
