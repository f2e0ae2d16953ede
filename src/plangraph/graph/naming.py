"""Which sentences name which actors and regions, and which companies and governments are
named together: derived once per write so that no query searches text.

An actor or region carries no sentence of its own; the sentences that back it are the
facts' sentences, in documents that mention it, containing one of its names
(``rdfs:label`` or ``skos:altLabel``). :func:`naming_sentences` finds them, a plain
substring test as SPARQL's ``CONTAINS`` does, and the links graph keeps them as
``?sentence pg:names ?node``: the evidence query reads them instead of testing every
sentence of every document against every name at query time.

A company and a government body mentioned in the same documents form a pair
(:func:`pairs`), ordered as companies-and-governments orders its rows: the pairs sharing
most documents first, then by names. The pairs are cut into groups of about
:data:`GROUP_ROWS` rows in that order (``pg:pairGroup``), each counted like the region
groups of :mod:`plangraph.graph.row_counts`, so that a page of the whole answer reads
only the groups it falls in.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef

from plangraph.graph.iris import pair_iri
from plangraph.graph.vocab import PG
from plangraph.store.base import Store

GROUP_ROWS = 250
"""About how many rows a group of pairs holds: a page of 1,000 reads four or five."""

_MENTIONS = "SELECT ?d ?node WHERE { ?d pg:mentions ?node }"
_PLANS = "SELECT ?plan WHERE { ?plan a pg:Plan }"
_NAMES = "SELECT ?node ?name WHERE { ?node rdfs:label|skos:altLabel ?name }"
_SENTENCES = "SELECT ?e ?d ?text WHERE { ?e pg:inDocument ?d ; pg:text ?text }"
_DOCUMENTS = "SELECT ?d ?id WHERE { ?d a pg:Document ; dcterms:identifier ?id }"
_LABELLED = "SELECT ?node ?label WHERE { ?node a ?class ; rdfs:label ?label }"


@dataclass(frozen=True)
class Pair:
    company: str
    government: str
    shared: int
    rows: int
    key: tuple[int, str, str, str, str]


def _select(store: Store, sparql: str) -> tuple[tuple[str | None, ...], ...]:
    return store.select_text(sparql)


def mentions(store: Store) -> dict[str, set[str]]:
    """Each document with the nodes it mentions (read once, for both derivations)."""
    mentioned: dict[str, set[str]] = defaultdict(set)
    for document, node in _select(store, _MENTIONS):
        if document is not None and node is not None:
            mentioned[document].add(node)
    return mentioned


def naming_sentences(store: Store, mentioned: Mapping[str, set[str]]) -> set[tuple[str, str]]:
    """(sentence, node): the sentence is in a document mentioning the node, which is no
    plan, and contains one of its names."""
    plans = {plan for (plan,) in _select(store, _PLANS)}
    names: dict[str, set[str]] = defaultdict(set)
    for node, name in _select(store, _NAMES):
        if node is not None and name is not None and node not in plans:
            names[node].add(name)
    sentences: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for sentence, document, text in _select(store, _SENTENCES):
        if sentence is not None and document is not None and text is not None:
            sentences[document].append((sentence, text))
    found = set()
    for document, nodes in mentioned.items():
        for node in nodes & names.keys():
            for sentence, text in sentences.get(document, ()):
                if any(name in text for name in names[node]):
                    found.add((sentence, node))
    return found


def _labels(store: Store, kind: str) -> dict[str, list[str]]:
    labels: dict[str, list[str]] = defaultdict(list)
    for node, label in _select(store, _LABELLED.replace("?class", kind)):
        if node is not None and label is not None:
            labels[node].append(label)
    return labels


def pairs(store: Store, mentioned: Mapping[str, set[str]]) -> list[Pair]:
    """Every company and government body named in one document, in the order of
    companies-and-governments: most shared documents first, then the least names and
    the IRIs. ``rows`` is the rows the pair gives (one per name of each)."""
    identifiers = {d: i for d, i in _select(store, _DOCUMENTS) if d is not None and i is not None}
    companies, governments = _labels(store, "pg:Company"), _labels(store, "pg:GovernmentBody")
    shared: dict[tuple[str, str], set[str]] = defaultdict(set)
    for document, nodes in mentioned.items():
        identifier = identifiers.get(document)
        if identifier is None:
            continue
        for company in nodes & companies.keys():
            for government in nodes & governments.keys():
                shared[company, government].add(identifier)
    found = []
    for (company, government), documents in shared.items():
        first, second = min(companies[company]), min(governments[government])
        key = (-len(documents), first, second, company, government)
        rows = len(companies[company]) * len(governments[government])
        found.append(Pair(company, government, len(documents), rows, key))
    return sorted(found, key=lambda pair: pair.key)


def group_name(index: int) -> str:
    """A group's name, ordered as its index when compared as text.

    >>> sorted([group_name(10), group_name(9)])
    ['000009', '000010']
    """
    return f"{index:06d}"


def add_pairs(graph: Graph, ordered: Iterable[Pair]) -> Counter[str]:
    """The pairs as nodes of ``graph`` (company, government, group), in groups of whole
    pairs of about :data:`GROUP_ROWS` rows; returns the rows of each group."""
    counts: Counter[str] = Counter()
    index = 0
    for pair in ordered:
        if counts[group_name(index)] and counts[group_name(index)] + pair.rows > GROUP_ROWS:
            index += 1
        group = group_name(index)
        counts[group] += pair.rows
        node = pair_iri(pair.company, pair.government)
        graph.add((node, PG.company, URIRef(pair.company)))
        graph.add((node, PG.government, URIRef(pair.government)))
        graph.add((node, PG.pairGroup, Literal(group)))
    return counts


def add_naming(graph: Graph, found: Iterable[tuple[str, str]]) -> None:
    for sentence, node in found:
        graph.add((URIRef(sentence), PG.names, URIRef(node)))
