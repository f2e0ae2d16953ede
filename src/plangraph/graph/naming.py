"""Which sentences name which actors and regions: derived once per write, so that no
query searches text.

An actor or region carries no sentence of its own; the sentences that back it are the
facts' sentences, in documents that mention it, containing one of its names
(``rdfs:label`` or ``skos:altLabel``). :func:`naming_sentences` finds them with a plain
substring test, as SPARQL's ``CONTAINS`` does, and the links graph keeps them as
``?sentence pg:names ?node``: the evidence query ("names it") and the sentence naming
both of a company-government pair read them instead of testing every sentence of a
document against every name at query time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping

from rdflib import URIRef

from plangraph.graph.vocab import PG
from plangraph.store.base import Store, Triple

_MENTIONS = "SELECT ?d ?node WHERE { ?d pg:mentions ?node }"
_PLANS = "SELECT ?plan WHERE { ?plan a pg:Plan }"
_NAMES = "SELECT ?node ?name WHERE { ?node rdfs:label|skos:altLabel ?name }"
_SENTENCES = "SELECT ?e ?d ?text WHERE { ?e pg:inDocument ?d ; pg:text ?text }"


def mentions(store: Store) -> dict[str, set[str]]:
    """Each document with the nodes it mentions (read once for every derivation)."""
    mentioned: dict[str, set[str]] = defaultdict(set)
    for document, node in store.select_text(_MENTIONS):
        if document is not None and node is not None:
            mentioned[document].add(node)
    return mentioned


def sentences(store: Store) -> dict[str, list[tuple[str, str]]]:
    """Each document with its facts' sentences: (sentence, text)."""
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for sentence, document, text in store.select_text(_SENTENCES):
        if sentence is not None and document is not None and text is not None:
            found[document].append((sentence, text))
    return found


def naming_sentences(
    store: Store, mentioned: Mapping[str, set[str]], sentences: Mapping[str, list[tuple[str, str]]]
) -> set[tuple[str, str]]:
    """(sentence, node): the sentence is in a document mentioning the node, which is no
    plan, and contains one of its names."""
    plans = {plan for (plan,) in store.select_text(_PLANS)}
    names: dict[str, set[str]] = defaultdict(set)
    for node, name in store.select_text(_NAMES):
        if node is not None and name is not None and node not in plans:
            names[node].add(name)
    found = set()
    for document, nodes in mentioned.items():
        read = sentences.get(document, ())
        for node in nodes & names.keys():
            forms = names[node]
            for sentence, text in read:
                for name in forms:
                    if name in text:
                        found.add((sentence, node))
                        break
    return found


def naming_triples(found: Iterable[tuple[str, str]]) -> Iterator[Triple]:
    names = PG.names  # looked up once: a namespace attribute costs microseconds
    for sentence, node in found:
        yield URIRef(sentence), names, URIRef(node)
