"""What a count counts, in words of no language, so that a goal stated in Chinese and in
English is one target: "2,000 AI enterprises" and "2000家人工智能企业" both count
companies. Concepts and their words are ``data/counted.json``; a count whose noun no
concept knows keeps its own noun (English) or its last two characters (Chinese), so
different things counted in one plan stay apart.

>>> counted("number of artificial intelligence enterprises"), counted("人工智能企业数量")
('company', 'company')
>>> counted("行业级大模型"), counted("industry large models"), counted("特色产业园区")
('model', 'model', 'park')
>>> counted("apps"), counted("应用标杆")
('app', 'benchmark')
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from functools import cache
from importlib import resources
from typing import Any

from plangraph.model import Extraction

_CJK = re.compile(r"[\u3400-\u9fff]")


@cache
def _concepts() -> tuple[dict[str, str], list[tuple[str, str]]]:
    raw: dict[str, Any] = json.loads(
        resources.files("plangraph.nlp").joinpath("data/counted.json").read_text("utf-8")
    )
    english = {w: k for k, v in raw["concepts"].items() for w in v["en"]}
    chinese = sorted(
        ((w, k) for k, v in raw["concepts"].items() for w in v["zh"]), key=lambda p: -len(p[0])
    )
    return english, chinese


def counted(metric: str) -> str:
    """The concept a count's metric counts (see the module's examples)."""
    english, chinese = _concepts()
    if _CJK.search(metric):
        from plangraph.nlp.zh.script import simplified

        text = re.sub(r"(数量|数目|个数|家数|总数|规模)$", "", simplified(metric.strip()))
        best, at = None, -1
        for word, concept in chinese:
            found = text.rfind(word)
            if found > at:
                best, at = concept, found
        return best or text[-2:]
    words = re.sub(r"[^a-z0-9 -]+", " ", metric.lower()).split()
    for size in (2, 1):
        if len(words) >= size and (phrase := " ".join(words[-size:])) in english:
            return english[phrase]
    noun = words[-1] if words else ""
    return english.get(noun, noun.removesuffix("s"))


def with_counted(extraction: Extraction) -> Extraction:
    """The extraction with each count target's concept filled in."""
    targets = tuple(
        replace(t, counted=counted(t.metric))
        if t.quantity is not None and t.quantity.unit == "count" and t.counted is None
        else t
        for t in extraction.targets
    )
    return replace(extraction, targets=targets)
