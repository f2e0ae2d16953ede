"""Minting IRIs: the one place that decides what a node is called.

IRIs come from content (normalised names, the document's id, offsets), never from
random ids, so the same actor, region or plan is the same node in every document and two
runs over the same documents give the same graph.

>>> str(actor_iri("Beijing Municipal People's Government"))
'https://w3id.org/plangraph/id/actor/beijing-municipal-peoples-government'
>>> str(actor_iri("北京市科学技术委员会"))
'https://w3id.org/plangraph/id/actor/北京市科学技术委员会'
"""

from __future__ import annotations

from rdflib import URIRef

from plangraph.graph.slugs import digest, document_slug, name_slug
from plangraph.graph.vocab import CATEGORY, RESOURCE
from plangraph.model import MeasureCategory


def document_iri(doc_id: str) -> URIRef:
    return RESOURCE["document/" + document_slug(doc_id)]


def actor_iri(name: str) -> URIRef:
    return RESOURCE["actor/" + name_slug(name)]


def region_iri(name: str) -> URIRef:
    return RESOURCE["region/" + name_slug(name)]


def plan_iri(key: str) -> URIRef:
    return RESOURCE["plan/" + name_slug(key)]


def evidence_iri(doc_id: str, start: int, end: int) -> URIRef:
    return RESOURCE[f"evidence/{document_slug(doc_id)}/{start}-{end}"]


def fact_iri(kind: str, scope: URIRef, *parts: object) -> URIRef:
    """A target, statistic or measure: named by its scope (plan or document) and content."""
    return RESOURCE[f"{kind}/{digest((scope, *parts))}"]


def rows_iri(query: str, group: str) -> URIRef:
    """The derived count of a library query's rows for one group (a region's name)."""
    return RESOURCE[f"rows/{query}/{digest([group], 12)}"]


def part_iri(query: str, group: str, index: int) -> URIRef:
    """One part of a library query's rows for one group (a region's name): a run of
    whole units in the query's order (derived, :mod:`plangraph.graph.parts`)."""
    return RESOURCE[f"part/{query}/{digest([group], 12)}/{index}"]


def pair_iri(company: str, government: str) -> URIRef:
    """A company and a government body named in the same documents (derived)."""
    return RESOURCE[f"pair/{digest((company, government))}"]


def naming_iri(actor: str, plan: str) -> URIRef:
    """An actor and a plan whose reports name it (derived)."""
    return RESOURCE[f"naming/{digest((actor, plan))}"]


def progress_iri(statistic: str, metric: str, target: str) -> URIRef:
    """A statistic's metric set beside a target by the progress query (derived)."""
    return RESOURCE[f"progress/{digest((statistic, metric, target))}"]


def tally_iri(region: str, year: str) -> URIRef:
    """The count of a region's targets due in one year (derived)."""
    return RESOURCE[f"tally/{digest((region, year))}"]


def category_iri(category: MeasureCategory) -> URIRef:
    return CATEGORY[category.value]


def figure_iri(plan: str, target: str, unit: str, stated: str, value: str) -> URIRef:
    """A figure of a plan's target in one unit, as stated or also stated (derived)."""
    return RESOURCE[f"figure/{digest((plan, target, unit, stated, value))}"]


def figure_key_iri(key: str, unit: str, stated: str) -> URIRef:
    """The figures of the targets of one metric key in one unit, stated or also stated
    (derived)."""
    return RESOURCE[f"figure-key/{digest((key, unit, stated))}"]
