"""Minting IRIs: the one place that decides what a node is called.

IRIs come from content (normalised names, the document's id, offsets), never from
random ids, so the same actor, region or plan is the same node in every document and two
runs over the same documents give the same graph.

>>> str(actor_iri("Beijing Municipal People's Government"))
'https://w3id.org/plangraph/id/actor/beijing-municipal-peoples-government'
>>> slug("  Zhōngguāncūn Science-City ") == "zhongguancun-science-city"
True
>>> str(actor_iri("北京市科学技术委员会"))
'https://w3id.org/plangraph/id/actor/北京市科学技术委员会'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

from rdflib import URIRef

from plangraph.graph.vocab import CATEGORY, RESOURCE
from plangraph.model import MeasureCategory

_NON_WORD = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens; apostrophes vanish ("People's" -> peoples)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = ascii_text.lower().replace("'", "")
    return _NON_WORD.sub("-", ascii_text).strip("-") or "unnamed"


_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def name_slug(text: str) -> str:
    """A name as an IRI segment: :func:`slug` for names in Latin letters; a name with
    Chinese characters keeps them (an IRI may hold any letter), with its Latin words
    slugged, so 北京市科委 and 上海市科委 never collapse into one "unnamed".

    >>> name_slug("Beijing Municipal People's Government"), name_slug("中关村 AI 管委会")
    ('beijing-municipal-peoples-government', '中关村-ai-管委会')
    """
    if not _CJK.search(text):
        return slug(text)
    parts = re.split(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)", text)
    words = [p if _CJK.match(p) else slug(p) for p in parts if p.strip()]
    return "-".join(w for w in words if w != "unnamed") or "unnamed"


def digest(parts: Iterable[object], length: int = 16) -> str:
    """A short stable hash of the parts, for nodes that have no name of their own."""
    joined = "\x1f".join("" if part is None else str(part) for part in parts)
    return hashlib.sha256(joined.encode()).hexdigest()[:length]


_LETTERS = re.compile(r"[^\w]+|_+")


def document_slug(doc_id: str) -> str:
    """A document's id as an IRI segment, unique for any file name.

    ASCII names keep their :func:`slug`, so stored IRIs do not move. A name with other
    letters keeps them (lower-cased, NFC; an IRI may hold any letter), so two Chinese
    names never meet in ``document/unnamed``. A name with no letter or digit at all is
    named by a short hash of itself.

    >>> document_slug("Shenzhen 2023 AI Plan"), document_slug("深圳人工智能规划")
    ('shenzhen-2023-ai-plan', '深圳人工智能规划')
    >>> document_slug("Zhōngguāncūn plan"), document_slug("!!!")
    ('zhōngguāncūn-plan', 'unnamed-e84c538e')
    """
    if doc_id.isascii():
        kept = slug(doc_id)
    else:
        text = unicodedata.normalize("NFC", doc_id).lower().replace("'", "").replace("’", "")
        kept = _LETTERS.sub("-", text).strip("-") or "unnamed"
    if kept == "unnamed":
        return "unnamed-" + digest([doc_id], 8)
    return kept


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


def category_iri(category: MeasureCategory) -> URIRef:
    return CATEGORY[category.value]
