"""Fixtures for the export tests: a small store built from records (no spaCy), and
synthetic property-graph views of any size for the writers."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import networkx as nx
import pytest

from plangraph.graph.build import extraction_graph
from plangraph.graph.iris import document_iri
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
from plangraph.store.oxigraph import OxigraphStore

BEIJING_TEXT = (
    "Beijing Action Plan for Artificial Intelligence (2024-2026)\n"
    "Issued by the Beijing Municipal People's Government.\n"
    'By 2025, the scale of the core AI industry will exceed 300 billion yuan, "a new high".\n'
    "Haidian District will host at least 5 to 10 national AI platforms by 2026.\n"
    "The city will build a trustworthy AI ecosystem.\n"
    "In 2023 the core AI industry reached 215 billion yuan.\n"
    "The municipal government will set up a 10 billion yuan AI fund.\n"
    "Baidu and Tsinghua University will train 10,000 AI engineers.\n"
    "Li Wei, director of the Beijing Municipal Bureau of Economy, leads the work.\n"
)
SHANGHAI_TEXT = (
    "Shanghai Three-Year Plan for AI Industry\n"
    "Issued by the Shanghai Municipal People's Government.\n"
    "By 2025, the scale of the core AI industry will reach 450 billion yuan.\n"
    "Shanghai will open public computing power to SenseTime and Baidu.\n"
)
NEWS_TEXT = (
    "Baidu and SenseTime signed a cooperation agreement in Shanghai.\n"
    "Tsinghua University joined the alliance.\n"
)


def span(text: str, sentence: str) -> Span:
    """The Span of ``sentence`` in ``text``: its text equals ``text[start:end]``."""
    start = text.index(sentence)
    return Span(start, start + len(sentence), sentence)


def document(doc_id: str, text: str, title: str, date: str) -> Document:
    return Document(
        doc_id=doc_id,
        text=text,
        source=f"{doc_id}.txt",
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        title=title,
        date=date,
    )


def beijing() -> Extraction:
    text = BEIJING_TEXT
    line = text.splitlines()
    return Extraction(
        document=document("beijing-2024-plan", text, "Beijing AI Action Plan", "2024-01-10"),
        actors=(
            Actor(
                "Beijing Municipal People's Government",
                ActorType.GOVERNMENT,
                ("Beijing Municipal People's Government", "municipal government"),
            ),
            Actor("Baidu", ActorType.COMPANY, ("Baidu", "Baidu Inc.")),
            Actor("Tsinghua University", ActorType.RESEARCH),
            Actor("Li Wei", ActorType.PERSON),
            Actor("Beijing Municipal Bureau of Economy", ActorType.GOVERNMENT),
        ),
        regions=(
            Region("China", level=RegionLevel.COUNTRY),
            Region("Beijing", ("Beijing", "Beijing Municipality"), RegionLevel.CITY, "China"),
            Region("Haidian", ("Haidian District",), RegionLevel.DISTRICT, "Beijing"),
        ),
        plan=Plan(
            title="Beijing Action Plan for Artificial Intelligence (2024-2026)",
            issuer="Beijing Municipal People's Government",
            jurisdiction="Beijing",
            date="2024-01-10",
            evidence=span(text, line[0]),
            period=(2024, 2026),
        ),
        targets=(
            Target(
                "scale of the core AI industry",
                span(text, line[2]),
                Quantity(
                    Decimal("300000000000"),
                    "CNY",
                    comparator=Comparator.MORE_THAN,
                    surface="300 billion yuan",
                ),
                year=2025,
                responsible="Beijing Municipal People's Government",
            ),
            Target(
                "national AI platforms",
                span(text, line[3]),
                Quantity(
                    Decimal("5"), "count", Decimal("10"), Comparator.BETWEEN, surface="5 to 10"
                ),
                year=2026,
            ),
            Target("trustworthy AI ecosystem", span(text, line[4])),
        ),
        statistics=(
            Statistic(
                "core AI industry",
                Quantity(Decimal("215000000000"), "CNY"),
                span(text, line[5]),
                year=2023,
            ),
        ),
        measures=(
            Measure(
                "set up a 10 billion yuan AI fund",
                MeasureCategory.FINANCIAL_SUPPORT,
                span(text, line[6]),
                responsible="Beijing Municipal People's Government",
            ),
            Measure("train 10,000 AI engineers", MeasureCategory.TALENT, span(text, line[7])),
        ),
        affiliations=(
            Affiliation(
                "Li Wei", "Beijing Municipal Bureau of Economy", "director", span(text, line[8])
            ),
        ),
    )


def shanghai() -> Extraction:
    text = SHANGHAI_TEXT
    line = text.splitlines()
    return Extraction(
        document=document("shanghai-2023-plan", text, "Shanghai AI Plan", "2023-05-01"),
        actors=(
            Actor("Shanghai Municipal People's Government", ActorType.GOVERNMENT),
            Actor("SenseTime", ActorType.COMPANY),
            Actor("Baidu", ActorType.COMPANY),
        ),
        regions=(
            Region("China", level=RegionLevel.COUNTRY),
            Region("Shanghai", level=RegionLevel.CITY, parent="China"),
        ),
        plan=Plan(
            title="Shanghai Three-Year Plan for AI Industry",
            issuer="Shanghai Municipal People's Government",
            jurisdiction="Shanghai",
            date="2023-05-01",
            evidence=span(text, line[0]),
        ),
        targets=(
            Target(
                "scale of the core AI industry",
                span(text, line[2]),
                Quantity(Decimal("450000000000"), "CNY", surface="450 billion yuan"),
                year=2025,
            ),
        ),
        measures=(
            Measure(
                "open public computing power",
                MeasureCategory.INFRASTRUCTURE,
                span(text, line[3]),
                responsible="Shanghai Municipal People's Government",
            ),
        ),
    )


def news() -> Extraction:
    text = NEWS_TEXT
    return Extraction(
        document=document("news-2024-alliance", text, "Baidu and SenseTime sign", "2024-03-03"),
        actors=(
            Actor("Baidu", ActorType.COMPANY),
            Actor("SenseTime", ActorType.COMPANY),
            Actor("Tsinghua University", ActorType.RESEARCH),
        ),
        regions=(Region("Shanghai", level=RegionLevel.CITY, parent="China"),),
    )


EXTRACTIONS = {"beijing": beijing, "shanghai": shanghai, "news": news}


def fill(store: OxigraphStore) -> dict[str, Extraction]:
    made = {name: make() for name, make in EXTRACTIONS.items()}
    for extraction in made.values():
        store.put_document(document_iri(extraction.document.doc_id), extraction_graph(extraction))
    return made


@pytest.fixture
def extractions() -> dict[str, Extraction]:
    return {name: make() for name, make in EXTRACTIONS.items()}


@pytest.fixture
def policy_store(tmp_path: Path) -> Iterator[OxigraphStore]:
    """An on-disk store with three documents: two plans and a news item."""
    store = open_store(tmp_path / "store")
    fill(store)
    yield store
    store.close()


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """The folder of a filled store, closed again so that a CLI process can open it."""
    store = open_store(tmp_path / "cli-store")
    fill(store)
    store.close()
    return tmp_path / "cli-store"


_SYNTHETIC_SHARES = {
    "document": 0.02,
    "plan": 0.02,
    "region": 0.01,
    "actor": 0.30,
    "target": 0.35,
    "statistic": 0.05,
    "measure": 0.25,
}


def synthetic_view(n: int, seed: int = 7) -> nx.DiGraph:
    """A property-graph view of about ``n`` nodes shaped like the real one: the same
    types, fields and relations, random but reproducible."""
    rng = random.Random(seed)
    view = nx.DiGraph(name="synthetic")
    ids: dict[str, list[str]] = {}
    for kind, share in _SYNTHETIC_SHARES.items():
        ids[kind] = [
            f"https://w3id.org/plangraph/id/{kind}/{i}" for i in range(max(1, int(n * share)))
        ]
    for i, node in enumerate(ids["region"]):
        view.add_node(node, type="region", label=f"Region {i}", region_level="City", documents=3)
    for i, node in enumerate(ids["document"]):
        view.add_node(node, type="document", label=f"Document {i}", doc_id=f"doc-{i}")
    for i, node in enumerate(ids["actor"]):
        view.add_node(node, type="actor", label=f"Actor {i}", actor_type="Company", documents=1)
        view.add_edge(rng.choice(ids["document"]), node, relation="mentions")
    for i, node in enumerate(ids["plan"]):
        region = rng.choice(ids["region"])
        view.add_node(node, type="plan", label=f"Plan {i}", region=view.nodes[region]["label"])
        view.add_edge(node, region, relation="jurisdiction")
        view.add_edge(node, rng.choice(ids["actor"]), relation="issued_by")
        view.add_edge(node, rng.choice(ids["document"]), relation="reported_in")
    for kind in ("target", "measure"):
        for i, node in enumerate(ids[kind]):
            plan = rng.choice(ids["plan"])
            fields = {
                "type": kind,
                "label": f'{kind} {i} <&> "quoted"',
                "plan": view.nodes[plan]["label"],
                "region": view.nodes[plan]["region"],
                "sentence": f"Sentence {i} of the plan.",
                "document": "doc-1",
                "sentence_start": i,
                "sentence_end": i + 25,
            }
            if kind == "target":
                fields |= {"value": rng.random() * 1e11, "unit": "CNY", "year": 2025 + i % 6}
            else:
                fields["category"] = "talent"
            view.add_node(node, **fields)
            view.add_edge(plan, node, relation=f"has_{kind}")
            if i % 5 == 0:
                view.add_edge(rng.choice(ids["actor"]), node, relation="responsible_for")
    for i, node in enumerate(ids["statistic"]):
        view.add_node(node, type="statistic", label=f"statistic {i}", value=float(i), unit="count")
        view.add_edge(rng.choice(ids["document"]), node, relation="has_statistic")
    return view


@pytest.fixture(scope="session")
def big_view() -> nx.DiGraph:
    return synthetic_view(100_000)
