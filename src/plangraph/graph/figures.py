"""The figure index the metric searches read (derived, in the links graph).

A search for a metric's words tests each distinct metric key once, then needs, for every
target of a matching key, its figure in the unit asked for, its deadline and the
sentences it was read from: read from the targets themselves, that is six lookups a
target (its plan, its unit, its value, a figure it was also stated as, its deadline,
its sentences), and the searches ranked every matching target that way before showing
a page. Here each figure a plan's target gives (as stated, or also stated in another
unit) is a node of its own, under the node of its metric key, unit and statement, with
its value, deadline and sentences on it: a search reaches a figure from its key, ranks
it by its value and deadline and counts its sentences (three lookups), and reads the
target and plan only for a page's rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from rdflib import XSD, Literal, URIRef

from plangraph.graph.iris import figure_iri, figure_key_iri
from plangraph.graph.vocab import PG
from plangraph.store.base import Store, Triple

# every figure of a plan's target: in its own unit, then in each unit it was also stated
# in, with the datatypes of its value and deadline (the rows are read as text)
_FIGURES = """
SELECT ?plan ?target ?unit ?value ?valueType ?stated ?year ?yearType WHERE {
  ?plan pg:hasTarget ?target .
  {
    ?target pg:unit ?unit ; pg:value ?value .
    BIND("as stated" AS ?stated)
  } UNION {
    ?target pg:alsoStatedAs ?alt .
    ?alt pg:unit ?unit ; pg:value ?value .
    BIND("also stated" AS ?stated)
  }
  OPTIONAL { ?target pg:targetYear ?year }
  BIND(DATATYPE(?value) AS ?valueType)
  BIND(DATATYPE(?year) AS ?yearType)
}
"""
_SOURCES = "SELECT ?target ?source WHERE { ?target a pg:Target ; prov:wasDerivedFrom ?source }"


def figures(store: Store, keys: Mapping[URIRef, str]) -> set[Triple]:
    """The figure index of the targets with a metric key (``keys``, as
    :func:`plangraph.graph.links.derive_names` makes them)."""
    sources: dict[str, list[str]] = defaultdict(list)
    for target, source in store.select_text(_SOURCES):
        if target is not None and source is not None:
            sources[target].append(source)
    triples: set[Triple] = set()
    for plan, target, unit, value, value_type, stated, year, year_type in store.select_text(
        _FIGURES
    ):
        if plan is None or target is None or unit is None or value is None or stated is None:
            continue
        key = keys.get(URIRef(target))
        if key is None:
            continue  # a target with no wording is not searched for by its words
        under = figure_key_iri(key, unit, stated)
        triples.add((under, PG.figureKey, Literal(key)))
        triples.add((under, PG.figureUnit, Literal(unit)))
        triples.add((under, PG.figureStated, Literal(stated)))
        node = figure_iri(plan, target, unit, stated, value)
        triples.add((node, PG.figureIn, under))
        triples.add((node, PG.figureValue, Literal(value, datatype=_datatype(value_type))))
        triples.add((node, PG.figureOf, URIRef(target)))
        triples.add((node, PG.figurePlan, URIRef(plan)))
        if year is not None:
            triples.add((node, PG.figureYear, Literal(year, datatype=_datatype(year_type))))
        for source in sources.get(target, ()):
            triples.add((node, PG.figureSource, URIRef(source)))
    return triples


def _datatype(name: str | None) -> URIRef:
    return URIRef(name) if name else XSD.string
