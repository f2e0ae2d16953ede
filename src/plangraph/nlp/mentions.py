"""Records the spaCy components attach to a ``Doc`` (``doc._.pg``): plain data, no spaCy."""

from __future__ import annotations

from dataclasses import dataclass, field

from plangraph.model import (
    ActorType,
    Affiliation,
    Measure,
    Plan,
    RegionLevel,
    Statistic,
    Target,
)
from plangraph.nlp.quantities import QuantityMention
from plangraph.nlp.scope import SentenceScope
from plangraph.nlp.sections import Scope


@dataclass(frozen=True)
class ActorMention:
    name: str
    type: ActorType
    surface: str
    start: int
    end: int


@dataclass(frozen=True)
class RegionMention:
    name: str
    surface: str
    level: RegionLevel | None
    parent: str | None
    start: int
    end: int


@dataclass
class DocFacts:
    """What the plangraph components found in one ``Doc``, filled component by component."""

    actors: list[ActorMention] = field(default_factory=list)
    regions: list[RegionMention] = field(default_factory=list)
    affiliations: list[Affiliation] = field(default_factory=list)
    plan: Plan | None = None
    targets: list[Target] = field(default_factory=list)
    statistics: list[Statistic] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    speakers: dict[int, str] = field(default_factory=dict)
    # "(Responsible: X Bureau, Y Commission)" at the end of a plan's item: the item's
    # character range and the lead unit named first
    leads: list[tuple[int, int, str]] = field(default_factory=list)

    def lead_at(self, position: int) -> str | None:
        """The lead unit named for the item that holds ``position``, if any."""
        return next((name for start, end, name in self.leads if start <= position < end), None)

    """Sentence start offset -> the actor whose words the sentence reports."""
    figures: list[tuple[int, int]] = field(default_factory=list)
    """Character spans of the figures stated as quantified targets."""
    quantities: list[QuantityMention] = field(default_factory=list)
    """Every quantity of the document (:mod:`plangraph.nlp.quantities`), read once."""
    sections: list[Scope] = field(default_factory=list)
    """The document's layout (:mod:`plangraph.nlp.sections`), in order."""
    goal_verbs: set[int] = field(default_factory=set)
    """Token indices of the verbs whose clauses state goals: not measures."""
    scopes: list[SentenceScope] = field(default_factory=list)
    """Each sentence's discourse scope (:mod:`plangraph.nlp.scope`), in order."""
