"""Names as IRI segments: the slugs :mod:`plangraph.graph.iris` mints IRIs from.

Plain functions of text with nothing but the standard library behind them, so that a
re-ingest can name a file's document (:mod:`plangraph.unchanged`) before rdflib loads.

>>> slug("  Zhōngguāncūn Science-City ") == "zhongguancun-science-city"
True
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

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
