"""The deadline-timeline's whole answer, counted at every write of the derived data.

With no region given, deadline-timeline counts every target of the store by region and
deadline year (how many, how many with a value, how many plans set them): a grouping
of the whole store on every question. The counts change only when documents do, so
they are derived with the rest of the links graph, one node per region and year
(``pg:tallyRegion``, ``pg:tallyYear``, ``pg:tallyTargets``, ``pg:tallyQuantified``,
``pg:tallyPlans``), and the query's whole-store form reads them. A region given still
runs the query itself, from that region's plans.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from rdflib import XSD, Literal, URIRef

from plangraph.graph.iris import tally_iri
from plangraph.graph.vocab import PG
from plangraph.store.base import Store, Triple

# the query's own joins: a plan's targets with a deadline, and whether each has a value
_DUE = """
SELECT ?plan ?target ?year ?valued WHERE {
  ?plan a pg:Plan ; pg:hasTarget ?target .
  ?target pg:targetYear ?year .
  BIND(EXISTS { ?target pg:value ?value } AS ?valued)
}
"""


def tallies(store: Store, regions: Mapping[URIRef, Iterable[str]]) -> set[Triple]:
    """One node per region name and deadline year, with its counts; ``regions`` is each
    plan's region names as :func:`plangraph.graph.links.derive_names` gives them ("" for
    a plan naming no jurisdiction)."""
    targets: dict[tuple[str, str], set[str]] = defaultdict(set)
    valued: dict[tuple[str, str], set[str]] = defaultdict(set)
    plans: dict[tuple[str, str], set[str]] = defaultdict(set)
    for plan, target, year, has_value in store.select_text(_DUE):
        if plan is None or target is None or year is None:
            continue
        for region in regions.get(URIRef(plan), ()):
            key = (region, year)
            targets[key].add(target)
            plans[key].add(plan)
            if has_value == "true":
                valued[key].add(target)
    triples: set[Triple] = set()
    for (region, year), found in targets.items():
        node = tally_iri(region, year)
        triples.add((node, PG.tallyRegion, Literal(region)))
        triples.add((node, PG.tallyYear, Literal(year, datatype=XSD.gYear)))
        triples.add((node, PG.tallyTargets, Literal(len(found))))
        triples.add((node, PG.tallyQuantified, Literal(len(valued[region, year]))))
        triples.add((node, PG.tallyPlans, Literal(len(plans[region, year]))))
    return triples
