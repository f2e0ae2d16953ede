"""Which targets a statistic may measure progress towards, derived once per write.

The ``progress`` query sets a statistic beside the targets of its place in the same unit
whose wording shares content words with the statistic's metric, a test it makes with
regular expressions, pair by pair. Made for every statistic and every target of its place,
that test grew with the square of the store. :func:`candidates` keeps the pairs that share
at least one content word (``pg:progressTowards``), which every pair the query accepts
does, so the query tests only those.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from rdflib import URIRef

from plangraph.store.base import Store

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
