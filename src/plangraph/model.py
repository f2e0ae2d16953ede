"""The records that flow from reading to the graph: the one contract between nlp/ and graph/.

Nothing after :mod:`plangraph.nlp` sees a spaCy ``Doc``; it sees these frozen records.
Offsets are character offsets into :attr:`Document.text`, the normalised text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class ActorType(StrEnum):
    """The kinds of actor the contract knows; the value is the ontology class's local name."""

    GOVERNMENT = "GovernmentBody"
    COMPANY = "Company"
    RESEARCH = "ResearchInstitution"
    PERSON = "Person"
    OTHER = "OtherActor"


class Comparator(StrEnum):
    """How a target's value bounds the goal; the value is the ontology individual's name."""

    EXACTLY = "Exactly"
    AT_LEAST = "AtLeast"
    MORE_THAN = "MoreThan"
    AT_MOST = "AtMost"
    LESS_THAN = "LessThan"
    ABOUT = "About"
    BETWEEN = "Between"


class MeasureCategory(StrEnum):
    """The SKOS concepts of the measure-category scheme (``ontology/plangraph.ttl``)."""

    FINANCIAL_SUPPORT = "financial-support"
    POLICY_INNOVATION = "policy-innovation"
    MECHANISM_INNOVATION = "mechanism-innovation"
    INFRASTRUCTURE = "infrastructure"
    TALENT = "talent"
    PLATFORM = "platform"
    PROCUREMENT_GUIDANCE = "procurement-guidance"
    REGULATION = "regulation"
    INTERNATIONAL_COOPERATION = "international-cooperation"
    APPLICATION_DEMONSTRATION = "application-demonstration"
    OTHER = "other"


class RegionLevel(StrEnum):
    """Administrative level of a region; the value is the ontology individual's name."""

    SUPRANATIONAL = "Supranational"
    COUNTRY = "Country"
    PROVINCE = "Province"
    CITY = "City"
    DISTRICT = "District"


@dataclass(frozen=True)
class Span:
    """Where a fact was read: a sentence of the document, by character offsets."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Document:
    """A source text after reading and normalisation.

    ``doc_id`` names the document in the store (from its file name); ``sha256`` is the
    hash of the normalised text, so re-reading an unchanged file gives the same hash.
    """

    doc_id: str
    text: str
    source: str
    sha256: str
    title: str | None = None
    date: str | None = None
    language: str = "en"
    media_type: str = "text/plain"


@dataclass(frozen=True)
class Actor:
    """An actor named in a document, resolved to one canonical name."""

    name: str
    type: ActorType
    surface_forms: tuple[str, ...] = ()
    evidence: tuple[Span, ...] = ()
    labels: tuple[tuple[str, str], ...] = ()
    """Its name in each language a gazetteer knows, as (language tag, name): ("zh", "华为")."""
    aliases: tuple[str, ...] = ()
    """Other forms a gazetteer knows for it, in any language, seen here or not."""


@dataclass(frozen=True)
class Region:
    """A jurisdiction or place named in a document."""

    name: str
    surface_forms: tuple[str, ...] = ()
    level: RegionLevel | None = None
    parent: str | None = None
    mentioned: bool = True
    """False for a region added only as the ancestor of one the document names."""
    labels: tuple[tuple[str, str], ...] = ()
    """Its name in each language a gazetteer knows, as (language tag, name): ("zh", "广东")."""
    aliases: tuple[str, ...] = ()
    """Other forms a gazetteer knows for it, in any language, seen here or not."""


@dataclass(frozen=True)
class Affiliation:
    """A person's post at an organisation, as stated in a document."""

    person: str
    organisation: str | None
    post: str | None
    evidence: Span


@dataclass(frozen=True)
class Quantity:
    """A number read from text, in base units (``300 billion yuan`` -> 3e11 CNY)."""

    value: Decimal
    unit: str
    max_value: Decimal | None = None
    comparator: Comparator = Comparator.EXACTLY
    surface: str = ""
    alt_values: tuple[tuple[Decimal, str], ...] = ()


@dataclass(frozen=True)
class Target:
    """A goal a plan sets: quantified when ``quantity`` is set, qualitative otherwise."""

    metric: str
    evidence: Span
    quantity: Quantity | None = None
    year: int | None = None
    responsible: str | None = None
    is_growth_rate: bool = False
    counted: str | None = None
    """For a count, what is counted, in words of no language ("company" for 企业 and for
    enterprises), so that the same goal stated in two languages is one target."""


@dataclass(frozen=True)
class Statistic:
    """A reported figure already achieved: never a goal."""

    metric: str
    quantity: Quantity
    evidence: Span
    year: int | None = None


@dataclass(frozen=True)
class Measure:
    """A policy instrument a plan commits to."""

    label: str
    category: MeasureCategory
    evidence: Span
    responsible: str | None = None


@dataclass(frozen=True)
class Plan:
    """The plan a document reports."""

    title: str | None
    issuer: str | None
    jurisdiction: str | None
    date: str | None
    evidence: Span | None = None
    period: tuple[int, int] | None = None


@dataclass(frozen=True)
class Extraction:
    """Everything read from one document."""

    document: Document
    actors: tuple[Actor, ...] = ()
    regions: tuple[Region, ...] = ()
    plan: Plan | None = None
    targets: tuple[Target, ...] = ()
    statistics: tuple[Statistic, ...] = ()
    measures: tuple[Measure, ...] = ()
    affiliations: tuple[Affiliation, ...] = ()
    warnings: tuple[str, ...] = field(default=())
