"""A small store built by hand, without spaCy, for the query library's tests.

Four documents, three plans, regions three levels deep:

- ``hangzhou-2023-ai-plan``: the Hangzhou city plan (Hangzhou is part of Zhejiang, part
  of China), with no period: a target in yuan also given in dollars, a range of counts, a
  qualitative target, two statistics, two measures;
- ``zhejiang-2023-ai-plan`` and ``zhejiang-2023-ai-plan-news``: two reports of one
  Zhejiang plan; the news gives 450 billion where the plan says 500 billion for the same
  metric and year (``pg:conflictsWith``) and words the computing target differently
  (one target, two wordings); people and their posts;
- ``zhejiang-2024-ai-plan``: a later Zhejiang plan restating both metrics with new
  figures and a later deadline (``pg:revises``).

Every span's text is the document's text at its offsets, as the extractor writes it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from rdflib import URIRef

from plangraph.graph import iris
from plangraph.graph.build import extraction_graph, metric_key, plan_key, target_identity
from plangraph.model import (
    Actor,
    ActorType,
    Affiliation,
    Comparator,
    Document,
    Extraction,
    Measure,
    MeasureCategory,
    Plan,
    Quantity,
    Region,
    RegionLevel,
    Span,
    Statistic,
    Target,
)
from plangraph.store import open_store
from plangraph.store.base import SelectResult, Store
from plangraph.workflow import refresh_links

HANGZHOU_GOV = "Hangzhou Municipal People's Government"
HANGZHOU_BUREAU = "Hangzhou Municipal Bureau of Economy and Information Technology"
ZHEJIANG_GOV = "Zhejiang Provincial People's Government"
ZHEJIANG_DEPT = "Zhejiang Provincial Department of Economy and Information Technology"

REGIONS = (
    Region("Hangzhou", ("Hangzhou City",), RegionLevel.CITY, "Zhejiang"),
    Region("Zhejiang", ("Zhejiang Province",), RegionLevel.PROVINCE, "China"),
    Region("China", (), RegionLevel.COUNTRY, None, mentioned=False),
)


class Text:
    """A document's text made of sentences; ``text[n]`` is the n-th sentence's span."""

    def __init__(self, *sentences: str) -> None:
        self.sentences = sentences
        self.text = " ".join(sentences)

    def __getitem__(self, n: int) -> Span:
        start = sum(len(s) + 1 for s in self.sentences[:n])
        return Span(start, start + len(self.sentences[n]), self.sentences[n])


def document(doc_id: str, text: Text, title: str | None, date: str) -> Document:
    return Document(
        doc_id=doc_id,
        text=text.text,
        source=f"{doc_id}.txt",
        sha256=hashlib.sha256(text.text.encode()).hexdigest(),
        title=title,
        date=date,
    )


def cny(billions: int, comparator: Comparator = Comparator.EXACTLY) -> Quantity:
    return Quantity(Decimal(billions) * 1_000_000_000, "CNY", comparator=comparator)


def hangzhou() -> Extraction:
    t = Text(
        "The Hangzhou municipal government issued the Hangzhou Action Plan for the AI "
        "Industry (2023-2025) on 11 July 2023.",
        "By 2025, the core AI industry will exceed 300 billion yuan ($42 billion).",
        "Hangzhou will become a national AI innovation hub by 2025.",
        "The city will build 100 to 150 application scenarios by 2025, led by the Hangzhou "
        "Municipal Bureau of Economy and Information Technology.",
        "In 2022 the core AI industry reached 229 billion yuan.",
        "A special fund for computing power will subsidise Alibaba Group, Hikvision and other "
        "companies.",
        "Zhejiang University will train AI talent for the city.",
        "The city already had 40 application platforms in 2022.",
    )
    title = "Hangzhou Action Plan for the AI Industry (2023-2025)"
    return Extraction(
        document=document("hangzhou-2023-ai-plan", t, title, "2023-07-11"),
        actors=(
            Actor(HANGZHOU_GOV, ActorType.GOVERNMENT, ("Hangzhou municipal government",)),
            Actor(HANGZHOU_BUREAU, ActorType.GOVERNMENT),
            Actor("Alibaba", ActorType.COMPANY, ("Alibaba Group",)),
            Actor("Hikvision", ActorType.COMPANY),
            Actor("Zhejiang University", ActorType.RESEARCH),
        ),
        regions=REGIONS,
        # no period: the plans query then places it in time by its issue date
        plan=Plan(title, HANGZHOU_GOV, "Hangzhou", "2023-07-11", t[0]),
        targets=(
            Target(
                "core AI industry",
                t[1],
                Quantity(
                    Decimal(300_000_000_000),
                    "CNY",
                    comparator=Comparator.MORE_THAN,
                    alt_values=((Decimal(42_000_000_000), "USD"),),
                ),
                2025,
            ),
            Target("Hangzhou: national AI innovation hub", t[2], None, 2025),
            Target(
                "number of application scenarios",
                t[3],
                Quantity(Decimal(100), "count", Decimal(150), Comparator.BETWEEN),
                2025,
                responsible=HANGZHOU_BUREAU,
            ),
        ),
        statistics=(
            Statistic("core AI industry", cny(229), t[4], 2022),
            # one content word in common with "number of application scenarios": not
            # progress towards it
            Statistic(
                "number of application platforms", Quantity(Decimal(40), "count"), t[7], 2022
            ),
        ),
        measures=(
            Measure(
                "special fund for computing power",
                MeasureCategory.FINANCIAL_SUPPORT,
                t[5],
                HANGZHOU_BUREAU,
            ),
            Measure("train AI talent", MeasureCategory.TALENT, t[6], "Zhejiang University"),
        ),
    )


def zhejiang_2023() -> Extraction:
    t = Text(
        "The Zhejiang Provincial People's Government issued the Zhejiang Province AI "
        "Development Plan (2023-2025) on 1 March 2023.",
        "The scale of the core AI industry will exceed 500 billion yuan by 2025.",
        "Intelligent computing power will reach 10 EFLOPS by 2025.",
        "In 2022 the province's core AI industry revenue was 400 billion yuan.",
        "The Zhejiang Provincial Department of Economy and Information Technology will issue "
        "computing vouchers to small firms.",
        "A regulatory sandbox for AI will be set up with Alibaba and Zhejiang University.",
    )
    title = "Zhejiang Province AI Development Plan (2023-2025)"
    return Extraction(
        document=document("zhejiang-2023-ai-plan", t, title, "2023-03-01"),
        actors=(
            Actor(ZHEJIANG_GOV, ActorType.GOVERNMENT),
            Actor(ZHEJIANG_DEPT, ActorType.GOVERNMENT),
            Actor("Alibaba", ActorType.COMPANY),
            Actor("Zhejiang University", ActorType.RESEARCH),
        ),
        regions=REGIONS[1:],
        plan=Plan(title, ZHEJIANG_GOV, "Zhejiang", "2023-03-01", t[0], (2023, 2025)),
        targets=(
            Target("core AI industry", t[1], cny(500, Comparator.MORE_THAN), 2025),
            Target("intelligent computing power", t[2], Quantity(Decimal(10), "EFLOPS"), 2025),
        ),
        statistics=(Statistic("core AI industry revenue", cny(400), t[3], 2022),),
        measures=(
            Measure("computing vouchers", MeasureCategory.FINANCIAL_SUPPORT, t[4], ZHEJIANG_DEPT),
            Measure("regulatory sandbox for AI", MeasureCategory.REGULATION, t[5]),
        ),
    )


def zhejiang_2023_news() -> Extraction:
    """A second report of the 2023 plan: no title, a different figure, other wording."""
    t = Text(
        "Zhejiang has released a plan to grow its AI industry, Xinhua reported.",
        "The plan targets a core AI industry of 450 billion yuan by 2025.",
        "Computing power is set to reach 10 EFLOPS by 2025.",
        "Wang Fang, director of the Zhejiang Provincial Department of Economy and Information "
        "Technology, said the province had 4 EFLOPS of intelligent computing power in 2022.",
        "Chen Jie, chief executive of Hikvision, welcomed the plan.",
    )
    return Extraction(
        document=document(
            "zhejiang-2023-ai-plan-news", t, "Zhejiang plans AI growth", "2023-03-02"
        ),
        actors=(
            Actor(ZHEJIANG_GOV, ActorType.GOVERNMENT),
            Actor(ZHEJIANG_DEPT, ActorType.GOVERNMENT),
            Actor("Wang Fang", ActorType.PERSON),
            Actor("Chen Jie", ActorType.PERSON),
            Actor("Hikvision", ActorType.COMPANY),
            Actor("Xinhua News Agency", ActorType.OTHER, ("Xinhua",)),
        ),
        regions=REGIONS[1:],
        plan=Plan(None, ZHEJIANG_GOV, "Zhejiang", "2023-03-01", t[0]),
        targets=(
            Target("scale of the core AI industry", t[1], cny(450), 2025),
            Target("computing power", t[2], Quantity(Decimal(10), "EFLOPS"), 2025),
        ),
        statistics=(
            Statistic("intelligent computing power", Quantity(Decimal(4), "EFLOPS"), t[3], 2022),
        ),
        affiliations=(
            Affiliation("Wang Fang", ZHEJIANG_DEPT, "director", t[3]),
            Affiliation("Chen Jie", "Hikvision", "chief executive", t[4]),
        ),
    )


def zhejiang_2024() -> Extraction:
    t = Text(
        "The Zhejiang Provincial People's Government issued the Guiding Opinions on the AI "
        "Industry (2024-2027) on 23 January 2024.",
        "By 2027, the core AI industry will exceed 1 trillion yuan.",
        "Intelligent computing power will reach 20 EFLOPS by 2027.",
        "Alibaba will open its large models to small firms, the provincial government said.",
    )
    title = "Guiding Opinions on the AI Industry (2024-2027)"
    return Extraction(
        document=document("zhejiang-2024-ai-plan", t, title, "2024-01-23"),
        actors=(
            Actor(ZHEJIANG_GOV, ActorType.GOVERNMENT, ("provincial government",)),
            Actor("Alibaba", ActorType.COMPANY),
        ),
        regions=REGIONS[1:],
        plan=Plan(title, ZHEJIANG_GOV, "Zhejiang", "2024-01-23", t[0], (2024, 2027)),
        targets=(
            Target("core AI industry", t[1], cny(1000, Comparator.MORE_THAN), 2027),
            Target("intelligent computing power", t[2], Quantity(Decimal(20), "EFLOPS"), 2027),
        ),
        measures=(
            Measure("open large models to small firms", MeasureCategory.PLATFORM, t[3], "Alibaba"),
        ),
    )


EXTRACTIONS = (hangzhou, zhejiang_2023, zhejiang_2023_news, zhejiang_2024)


def plan_node(extraction: Extraction) -> URIRef:
    assert extraction.plan is not None
    return iris.plan_iri(plan_key(extraction.plan, extraction.document))


def target_node(extraction: Extraction, metric: str) -> URIRef:
    """The IRI the graph gives the extraction's target worded ``metric``."""
    target = next(t for t in extraction.targets if t.metric == metric)
    return iris.fact_iri("target", plan_node(extraction), *target_identity(target))


def statistic_node(extraction: Extraction, metric: str) -> URIRef:
    """The IRI the graph gives the extraction's statistic worded ``metric``."""
    statistic = next(s for s in extraction.statistics if s.metric == metric)
    q = statistic.quantity
    return iris.fact_iri(
        "statistic",
        iris.document_iri(extraction.document.doc_id),
        metric_key(metric),
        q.unit,
        q.value.normalize(),
        None if q.max_value is None else q.max_value.normalize(),
        statistic.year,
    )


@dataclass(frozen=True)
class Library:
    """The hand-made store, and a way to ask it a library query as rows of strings."""

    store: Store

    def rows(self, name: str, **params: str) -> list[tuple[str, ...]]:
        from plangraph.query import run_named

        result = run_named(self.store, name, params)
        assert isinstance(result, SelectResult)
        return [tuple("" if v is None else str(v) for v in row) for row in result.rows]

    def columns(self, name: str) -> tuple[str, ...]:
        from plangraph.query import run_named

        result = run_named(self.store, name, {})
        assert isinstance(result, SelectResult)
        return result.variables


def build_store(location: Path | str) -> Store:
    store = open_store(location)
    for make in EXTRACTIONS:
        extraction = make()
        store.put_document(
            iris.document_iri(extraction.document.doc_id), extraction_graph(extraction)
        )
    refresh_links(store)
    return store
