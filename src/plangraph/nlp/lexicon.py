"""The linguistic data the extractors read, loaded once from ``data/`` and never mutated.

Word lists are frozensets and tables are read-only mappings, so a component cannot change
what another one sees.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from plangraph.model import ActorType, MeasureCategory, RegionLevel


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        resources.files("plangraph.nlp").joinpath("data", name).read_text("utf-8")
    )
    return data


@dataclass(frozen=True)
class GazetteerActor:
    name: str
    type: ActorType
    aliases: tuple[str, ...]
    country: str | None = None


@dataclass(frozen=True)
class GazetteerRegion:
    name: str
    level: RegionLevel | None
    kind: str
    parent: str | None
    aliases: tuple[str, ...]

    @property
    def government(self) -> str:
        """The official English name of this region's people's government."""
        if self.kind in {"municipality", "city", "new-area", "district"}:
            return f"{self.name} Municipal People's Government"
        if self.kind == "province":
            return f"{self.name} Provincial People's Government"
        if self.kind == "autonomous-region":
            return f"People's Government of {self.name} Autonomous Region"
        if self.kind == "special-administrative-region":
            return f"Government of the {self.name} Special Administrative Region"
        return f"Government of {self.name}"


@dataclass(frozen=True)
class Lexicon:
    actors: tuple[GazetteerActor, ...]
    regions: tuple[GazetteerRegion, ...]
    words: MappingProxyType[str, frozenset[str]]
    ministry_of_posts: MappingProxyType[str, str]
    categories: tuple[tuple[MeasureCategory, tuple[str, ...]], ...]
    action_verbs: frozenset[str]
    list_heads: frozenset[str]
    instrument_heads: frozenset[str]
    beneficiaries: frozenset[str]

    def __getitem__(self, key: str) -> frozenset[str]:
        return self.words[key]


@cache
def lexicon() -> Lexicon:
    """All of ``data/``: gazetteer, word lists and measure categories."""
    actors = _load("actors.json")["actors"]
    regions = _load("regions.json")["regions"]
    words = _load("lexicon.json")
    measures = _load("measures.json")
    return Lexicon(
        actors=tuple(
            GazetteerActor(
                a["name"], ActorType(a["type"]), tuple(a.get("aliases", ())), a.get("country")
            )
            for a in actors
        ),
        regions=tuple(
            GazetteerRegion(
                r["name"],
                RegionLevel(r["level"]) if r.get("level") else None,
                r.get("kind", ""),
                r.get("parent"),
                tuple(r.get("aliases", ())),
            )
            for r in regions
        ),
        words=MappingProxyType({k: frozenset(v) for k, v in words.items() if isinstance(v, list)}),
        ministry_of_posts=MappingProxyType(dict(words["ministry_of_posts"])),
        categories=tuple(
            (MeasureCategory(name), tuple(cues)) for name, cues in measures["categories"]
        ),
        action_verbs=frozenset(measures["action_verbs"]),
        list_heads=frozenset(measures["list_heads"]),
        instrument_heads=frozenset(measures["instrument_heads"]),
        beneficiaries=frozenset(measures["beneficiaries"]),
    )
