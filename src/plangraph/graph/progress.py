"""Which targets a statistic may measure progress towards, derived once per write.

The ``progress`` query sets a statistic beside the targets of its place in the same unit
whose wording shares content words with the statistic's metric, a test it makes with
regular expressions, pair by pair. Made for every statistic and every target of its place,
that test grew with the square of the store. :func:`candidates` keeps the pairs that share
at least one content word (``pg:progressTowards``), which every pair the query accepts
does, so the query tests only those.

With no words asked for, the query's test of a pair depends on nothing but the two
metrics, so :func:`matches` makes it here, as the query writes it, for every statistic
metric and candidate target (``pg:progressStatistic``, ``pg:progressMetric``,
``pg:progressTarget``): the query's whole-store form reads the pairs it accepts instead
of building a pattern for every pair, which pyoxigraph compiles per row.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from rdflib import Literal, URIRef

from plangraph.graph.iris import progress_iri
from plangraph.graph.vocab import PG
from plangraph.store.base import Store, Triple

# the words progress.rq drops from a wording before comparing: never fewer, so that no
# pair the query would accept is left out here
_DROPPED = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "and",
        "in",
        "for",
        "to",
        "by",
        "on",
        "at",
        "its",
        "with",
        "scale",
        "size",
        "total",
        "value",
        "number",
        "level",
        "overall",
        "annual",
        "target",
        "goal",
        "more",
        "than",
        "less",
        "over",
        "about",
        "least",
        "up",
        "per",
        "cent",
        "percent",
        "yuan",
        "rmb",
        "billion",
        "million",
        "trillion",
        "thousand",
        "province",
        "city",
        "country",
    ]
)
_WORD = re.compile(r"[a-z0-9]+")

_STATISTICS = """
SELECT DISTINCT ?statistic ?place ?unit ?metric WHERE {
  ?plan pg:jurisdiction ?place ; a pg:Plan ; pg:reportedIn ?doc .
  ?doc pg:hasStatistic ?statistic .
  ?statistic pg:metric ?metric ; pg:value ?achieved ; pg:unit ?unit .
}
"""
_TARGETS = """
SELECT DISTINCT ?target ?place ?unit ?metric WHERE {
  ?plan pg:jurisdiction ?place ; a pg:Plan ; pg:hasTarget ?target .
  ?target pg:metric ?metric ; pg:value ?value ; pg:unit ?unit .
}
"""


def content(metric: str) -> frozenset[str]:
    """The words of a metric that progress.rq compares.

    >>> sorted(content("Scale of the core AI industry, 2025"))
    ['ai', 'core', 'industry']
    """
    return frozenset(
        w for w in _WORD.findall(metric.lower()) if w not in _DROPPED and not w.isdigit()
    )


def _words(store: Store, sparql: str) -> dict[tuple[str, str], dict[URIRef, set[str]]]:
    """Each node's content words, by place and unit."""
    rows = store.select_text(sparql)
    found: dict[tuple[str, str], dict[URIRef, set[str]]] = defaultdict(lambda: defaultdict(set))
    for node, place, unit, metric in rows:
        found[(str(place), str(unit))][URIRef(str(node))].update(content(str(metric)))
    return found


def candidates(store: Store) -> Iterator[tuple[URIRef, URIRef]]:
    """(statistic, target) pairs of one place and unit sharing a content word."""
    targets = _words(store, _TARGETS)
    for key, statistics in _words(store, _STATISTICS).items():
        by_word: dict[str, set[URIRef]] = defaultdict(set)
        for target, words in targets.get(key, {}).items():
            for word in words:
                by_word[word].add(target)
        for statistic, words in statistics.items():
            matched = set().union(*(by_word.get(word, set()) for word in words))
            for target in sorted(matched):
                yield statistic, target


# progress.rq's test, written as the query writes it: LCASE, every run of characters
# other than a-z and 0-9 a space, the dropped words and numbers removed, the rest an
# alternation matched as whole words in the statistic's metric
_OTHER = re.compile(r"[^a-z0-9]+")
_DROPPED_WORDS = re.compile(r"\b(" + "|".join(sorted(_DROPPED)) + r"|[0-9]+)\b")
_SPACES = re.compile(r" +")


def alternation(wording: str) -> str:
    """A target wording's content words as the query's alternation.

    >>> alternation("Scale of the core AI industry, 2025")
    'core|ai|industry'
    """
    content = _DROPPED_WORDS.sub(" ", _OTHER.sub(" ", wording.lower()))
    return _SPACES.sub("|", content.strip(" "))


def accepted(wording: str, statistic: str) -> bool:
    """Whether progress.rq sets the statistic's metric beside a target of this wording:
    two of the wording's content words found in it, or every one of a one-word wording
    (each occurrence counts).

    >>> accepted("core AI industry", "core AI industry revenue")
    True
    >>> accepted("number of leading enterprises", "number of AI enterprises")
    False
    """
    words = alternation(wording)
    if not words:
        return False
    marked = re.sub(r"\b(" + words + r")\b", "#", _OTHER.sub(" ", statistic.lower()))
    shared = marked.count("#")
    return shared >= 2 or shared >= words.count("|") + 1


_METRICS = "SELECT ?node ?metric WHERE { ?node pg:metric ?metric }"


def matches(store: Store, pairs: list[tuple[URIRef, URIRef]]) -> set[Triple]:
    """For each candidate pair, each metric of the statistic that one of the target's
    wordings is accepted beside, as a node of the three."""
    metrics: dict[str, list[str]] = defaultdict(list)
    for node, metric in store.select_text(_METRICS):
        if node is not None and metric is not None:
            metrics[node].append(metric)
    triples: set[Triple] = set()
    for statistic, target in pairs:
        wordings = metrics.get(str(target), [])
        for metric in metrics.get(str(statistic), []):
            if any(accepted(wording, metric) for wording in wordings):
                node = progress_iri(str(statistic), metric, str(target))
                triples.add((node, PG.progressStatistic, statistic))
                triples.add((node, PG.progressMetric, Literal(metric)))
                triples.add((node, PG.progressTarget, target))
    return triples
