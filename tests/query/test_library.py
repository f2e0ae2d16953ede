# ruff: noqa: E501
"""Every query of the library, with its parameters, on the hand-made store (records.py).

Rows are compared whole, as strings ("" for an unbound cell), in the order the query
gives them: the order is part of what a query promises.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal

from plangraph.graph import iris
from plangraph.graph.build import metric_key
from plangraph.graph.parts import PARTED
from plangraph.graph.vocab import PG
from plangraph.model import Extraction
from plangraph.query import library, parts_library, run_named, wide_library
from plangraph.store.base import SelectResult
from plangraph.store.paging import plan
from plangraph.workflow import refresh_links

from .records import (
    HANGZHOU_BUREAU,
    HANGZHOU_GOV,
    ZHEJIANG_DEPT,
    ZHEJIANG_GOV,
    Library,
    build_store,
    hangzhou,
    plan_node,
    statistic_node,
    target_node,
    zhejiang_2023,
    zhejiang_2023_news,
    zhejiang_2024,
)

HZ, ZJ, NEWS, ZJ24 = hangzhou(), zhejiang_2023(), zhejiang_2023_news(), zhejiang_2024()

PLAN_HZ = "Hangzhou Action Plan for the AI Industry (2023-2025)"
PLAN_ZJ = "Zhejiang Province AI Development Plan (2023-2025)"
PLAN_ZJ24 = "Guiding Opinions on the AI Industry (2024-2027)"
DOC_HZ, DOC_ZJ = "hangzhou-2023-ai-plan", "zhejiang-2023-ai-plan"
DOC_NEWS, DOC_ZJ24 = "zhejiang-2023-ai-plan-news", "zhejiang-2024-ai-plan"

# the targets' IRIs, as graph/build.py mints them
HZ_CORE = str(target_node(HZ, "core AI industry"))  # > 300 billion CNY by 2025
HZ_HUB = str(target_node(HZ, "Hangzhou: national AI innovation hub"))  # qualitative
HZ_SCENES = str(target_node(HZ, "number of application scenarios"))  # 100 to 150
ZJ_CORE = str(target_node(ZJ, "core AI industry"))  # > 500 billion by 2025
ZJ_COMPUTE = str(target_node(ZJ, "intelligent computing power"))  # 10 EFLOPS, two reports
NEWS_CORE = str(target_node(NEWS, "scale of the core AI industry"))  # 450 billion: conflict
ZJ24_CORE = str(target_node(ZJ24, "core AI industry"))  # > 1 trillion by 2027: revises
ZJ24_COMPUTE = str(target_node(ZJ24, "intelligent computing power"))  # 20 EFLOPS by 2027

# the sentences, as the documents state them
S_PLAN_HZ = HZ.plan.evidence.text  # type: ignore[union-attr]
S_HZ_CORE, S_HZ_HUB, S_HZ_SCENES = (t.evidence.text for t in HZ.targets)
S_HZ_STAT = HZ.statistics[0].evidence.text
S_HZ_FUND, S_HZ_TALENT = (m.evidence.text for m in HZ.measures)
S_PLAN_ZJ = ZJ.plan.evidence.text  # type: ignore[union-attr]
S_ZJ_CORE, S_ZJ_COMPUTE = (t.evidence.text for t in ZJ.targets)
S_ZJ_STAT = ZJ.statistics[0].evidence.text
S_ZJ_VOUCHERS, S_ZJ_SANDBOX = (m.evidence.text for m in ZJ.measures)
S_PLAN_NEWS = NEWS.plan.evidence.text  # type: ignore[union-attr]
S_NEWS_CORE, S_NEWS_COMPUTE = (t.evidence.text for t in NEWS.targets)
S_WANG, S_CHEN = (a.evidence.text for a in NEWS.affiliations)
S_PLAN_ZJ24 = ZJ24.plan.evidence.text  # type: ignore[union-attr]
S_ZJ24_CORE, S_ZJ24_COMPUTE = (t.evidence.text for t in ZJ24.targets)
S_ZJ24_MODELS = ZJ24.measures[0].evidence.text

COMPUTING = "computing power | intelligent computing power"  # two reports, two wordings
BN = "000000000"  # a billion's zeros, so 300 billion reads 300 + BN


def actor(name: str) -> str:
    return str(iris.actor_iri(name))


def measure(extraction: Extraction, label: str) -> str:
    return str(iris.fact_iri("measure", plan_node(extraction), metric_key(label)))


# ---------------------------------------------------------------------------- library


def test_the_library_has_the_questions_analysts_ask() -> None:
    assert set(library()) >= {
        "targets-by-region",
        "metric-across-regions",
        "targets-above",
        "actors-in-several-plans",
        "companies-and-governments",
        "measures-by-category",
        "plans",
        "deadline-timeline",
        "progress",
        "plan-documents",
        "evidence",
        "conflicts",
        "revisions",
        "targets-rollup",
        "people",
    }


@pytest.mark.parametrize("name", sorted(library()))
def test_every_query_says_what_it_does(name: str) -> None:
    query = library()[name]
    assert query.description, f"{name}.rq has no '# description:' line"
    assert query.text.startswith("# description: ")
    # comments beyond the header: what the query does and why
    comments = [line for line in query.text.splitlines() if line.startswith("#")]
    assert len(comments) > 2 + len(query.parameters)
    assert "ORDER BY" in query.text, "rows must come in a stable order"


@pytest.mark.parametrize("name", sorted(library()))
def test_every_query_runs_without_parameters(library_store: Library, name: str) -> None:
    assert library_store.rows(name)


@pytest.mark.parametrize("name", sorted(wide_library()))
def test_the_whole_store_form_answers_as_the_query(library_store: Library, name: str) -> None:
    # with no parameter, run_named runs the whole-store form (library/wide/)
    wide = run_named(library_store.store, name, {}, limit=0)
    own = library_store.store.query(library()[name].text)
    assert isinstance(wide, SelectResult) and isinstance(own, SelectResult)
    assert wide.rows and wide.rows == own.rows


@pytest.mark.parametrize("name", sorted(parts_library()))
def test_a_parted_form_shows_the_query_s_columns_in_its_order(name: str) -> None:
    # a page read part by part (library/parts/) is a window of the query's own answer:
    # the same columns, the same order, the query's parameter and the part
    parted, own = parts_library()[name], library()[name]
    assert plan(parted.text) is not None and plan(own.text) is not None
    assert plan(parted.text).keys == plan(own.text).keys  # type: ignore[union-attr]
    assert _projection(parted.text) == _projection(own.text)
    assert parted.groups == PARTED[name].parameter
    assert {p.name for p in parted.parameters} == {parted.groups, "part"}
    assert parted.groups in {p.name for p in own.parameters}


def _projection(text: str) -> list[str]:
    head = text[text.index("SELECT") : text.index("WHERE")]
    return re.findall(r"\?(\w+)", head)


# ------------------------------------------------------------------- targets-by-region

TARGETS_HANGZHOU = [
    ("Hangzhou", PLAN_HZ, "Hangzhou: national AI innovation hub", "", "", "", "", "2025", S_HZ_HUB, DOC_HZ, HZ_HUB),
    ("Hangzhou", PLAN_HZ, "core AI industry", "MoreThan", "300" + BN, "", "CNY", "2025", S_HZ_CORE, DOC_HZ, HZ_CORE),
    ("Hangzhou", PLAN_HZ, "number of application scenarios", "Between", "100", "150", "count", "2025", S_HZ_SCENES, DOC_HZ, HZ_SCENES),
]  # fmt: skip
TARGETS_ZHEJIANG = [
    # one target's two sentences, by their nodes' IRIs: "...-news/..." sorts before ".../"
    ("Zhejiang", PLAN_ZJ, COMPUTING, "Exactly", "10", "", "EFLOPS", "2025", S_NEWS_COMPUTE, DOC_NEWS, ZJ_COMPUTE),
    ("Zhejiang", PLAN_ZJ, COMPUTING, "Exactly", "10", "", "EFLOPS", "2025", S_ZJ_COMPUTE, DOC_ZJ, ZJ_COMPUTE),
    ("Zhejiang", PLAN_ZJ, "core AI industry", "MoreThan", "500" + BN, "", "CNY", "2025", S_ZJ_CORE, DOC_ZJ, ZJ_CORE),
    ("Zhejiang", PLAN_ZJ, "scale of the core AI industry", "Exactly", "450" + BN, "", "CNY", "2025", S_NEWS_CORE, DOC_NEWS, NEWS_CORE),
    ("Zhejiang", PLAN_ZJ24, "core AI industry", "MoreThan", "1000" + BN, "", "CNY", "2027", S_ZJ24_CORE, DOC_ZJ24, ZJ24_CORE),
    ("Zhejiang", PLAN_ZJ24, "intelligent computing power", "Exactly", "20", "", "EFLOPS", "2027", S_ZJ24_COMPUTE, DOC_ZJ24, ZJ24_COMPUTE),
]  # fmt: skip


def test_targets_by_region(library_store: Library) -> None:
    assert library_store.columns("targets-by-region") == (
        "region", "plan", "metric", "comparator", "value", "maxValue", "unit", "year",
        "evidence", "document", "targetIri",
    )  # fmt: skip
    assert library_store.rows("targets-by-region") == TARGETS_HANGZHOU + TARGETS_ZHEJIANG
    assert library_store.rows("targets-by-region", region="Hangzhou") == TARGETS_HANGZHOU
    assert library_store.rows("targets-by-region", region="Zhejiang") == TARGETS_ZHEJIANG
    # a label, not a substring or another name
    assert library_store.rows("targets-by-region", region="Hangzhou City") == []
    assert library_store.rows("targets-by-region", region="hang") == []


# --------------------------------------------------------------- metric-across-regions


def test_metric_across_regions_in_yuan_by_default(library_store: Library) -> None:
    # the words in order, any case: "Core Industry" finds "scale of the core AI industry"
    assert library_store.rows("metric-across-regions", metric="Core Industry") == [
        ("Core Industry", "Zhejiang", "Province", PLAN_ZJ, "core AI industry", "MoreThan", "500" + BN, "", "CNY", "as stated", "2025", S_ZJ_CORE, DOC_ZJ, ZJ_CORE),
        ("Core Industry", "Zhejiang", "Province", PLAN_ZJ, "scale of the core AI industry", "Exactly", "450" + BN, "", "CNY", "as stated", "2025", S_NEWS_CORE, DOC_NEWS, NEWS_CORE),
        ("Core Industry", "Hangzhou", "City", PLAN_HZ, "core AI industry", "MoreThan", "300" + BN, "", "CNY", "as stated", "2025", S_HZ_CORE, DOC_HZ, HZ_CORE),
        ("Core Industry", "Zhejiang", "Province", PLAN_ZJ24, "core AI industry", "MoreThan", "1000" + BN, "", "CNY", "as stated", "2027", S_ZJ24_CORE, DOC_ZJ24, ZJ24_CORE),
    ]  # fmt: skip
    assert library_store.rows("metric-across-regions", metric="industry core") == []
    assert [r[6] for r in library_store.rows("metric-across-regions", metric="scale")] == [
        "450" + BN
    ]
    assert [r[6] for r in library_store.rows("metric-across-regions")] == [
        "500" + BN, "450" + BN, "300" + BN, "1000" + BN
    ]  # fmt: skip


def test_metric_across_regions_escapes_regex_characters(library_store: Library) -> None:
    for words in ("core (AI", "core.*", "[", "\\"):
        assert library_store.rows("metric-across-regions", metric=words) == []


@pytest.mark.parametrize("name", ["metric-across-regions", "targets-above"])
def test_a_metric_matches_within_one_wording(library_store: Library, name: str) -> None:
    # ZJ_COMPUTE is worded "computing power" and "intelligent computing power": the words
    # asked for are found in one wording, never across the two
    asked = {"metric": "intelligent power", "unit": "EFLOPS"}
    found = run_named(library_store.store, name, asked)
    assert isinstance(found, SelectResult)
    assert ZJ_COMPUTE in {str(row[found.variables.index("targetIri")]) for row in found.rows}
    assert library_store.rows(name, metric="power intelligent", unit="EFLOPS") == []


@pytest.mark.parametrize("name", ["metric-across-regions", "targets-above", "progress"])
def test_a_query_given_the_words_alone_builds_their_pattern(
    library_store: Library, name: str
) -> None:
    # as a SPARQL editor runs the library's text, with ?metric bound and no pattern
    given = library_store.store.query(library()[name].text, {"metric": Literal("CORE")})
    assert isinstance(given, SelectResult)
    assert given.rows == run_named(library_store.store, name, {"metric": "CORE"}, limit=0).rows
    assert given.rows


def test_metric_across_regions_in_another_unit(library_store: Library) -> None:
    # the figure the document also gave in dollars ("300 billion yuan ($42 billion)")
    assert library_store.rows("metric-across-regions", metric="core", unit="USD") == [
        ("core", "Hangzhou", "City", PLAN_HZ, "core AI industry", "MoreThan", "42" + BN, "", "USD", "also stated", "2025", S_HZ_CORE, DOC_HZ, HZ_CORE),
    ]  # fmt: skip
    assert library_store.rows("metric-across-regions", unit="count") == [
        ("", "Hangzhou", "City", PLAN_HZ, "number of application scenarios", "Between", "100", "150", "count", "as stated", "2025", S_HZ_SCENES, DOC_HZ, HZ_SCENES),
    ]  # fmt: skip
    assert library_store.rows("metric-across-regions", metric="computing", unit="EFLOPS") == [
        ("computing", "Zhejiang", "Province", PLAN_ZJ, COMPUTING, "Exactly", "10", "", "EFLOPS", "as stated", "2025", S_NEWS_COMPUTE, DOC_NEWS, ZJ_COMPUTE),
        ("computing", "Zhejiang", "Province", PLAN_ZJ, COMPUTING, "Exactly", "10", "", "EFLOPS", "as stated", "2025", S_ZJ_COMPUTE, DOC_ZJ, ZJ_COMPUTE),
        ("computing", "Zhejiang", "Province", PLAN_ZJ24, "intelligent computing power", "Exactly", "20", "", "EFLOPS", "as stated", "2027", S_ZJ24_COMPUTE, DOC_ZJ24, ZJ24_COMPUTE),
    ]  # fmt: skip
    assert library_store.rows("metric-across-regions", metric="core", unit="EFLOPS") == []


@pytest.mark.parametrize(
    ("forms", "name", "leading", "lookups"),
    [
        # deadline and figure lead: sentences (counted for every row), region, plan name,
        # and in the library's forms, which rank figures of the figure index, the target
        # and its plan
        (
            "library",
            "metric-across-regions",
            2,
            ("region", "plan", "targetIri", "planNode", "source"),
        ),
        ("wide", "metric-across-regions", 2, ("region", "plan", "source")),
        ("library", "targets-above", 1, ("region", "plan", "targetIri", "source")),
        ("wide", "targets-above", 2, ("region", "plan", "source")),
        # the name leads: posts, organisations and sentences, counted for every person
        ("wide", "people", 1, ("post", "organisation", "affiliation", "org", "source")),
    ],
)
def test_lookups_after_the_leading_keys_are_read_for_a_page_only(
    forms: str, name: str, leading: int, lookups: tuple[str, ...]
) -> None:
    chosen = {"both": (library(), wide_library()), "library": (library(),)}
    for form in chosen.get(forms, (wide_library(),)):
        found = plan(form[name].text)
        assert found is not None and found.ranked is not None
        assert (found.leading, found.lookups) == (leading, lookups)


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("metric-across-regions", {"metric": "core"}),
        ("targets-above", {"metric": "core"}),
        ("targets-above", {}),  # the whole-store form, read by value groups
    ],
)
def test_a_plan_of_two_regions_gives_each_target_one_row(
    tmp_path: Path, name: str, params: dict[str, str]
) -> None:
    # Hangzhou's plan also stated for Zhejiang: one row a sentence, as for any plan, the
    # regions' names joined; every page of the answer is a window of the whole
    store = build_store(tmp_path / "store")
    joint = Graph()
    joint.add((plan_node(HZ), PG.jurisdiction, iris.region_iri("Zhejiang")))
    store.put_document(iris.document_iri("joint-statement"), joint)
    refresh_links(store)
    whole = run_named(store, name, params, limit=0)
    assert isinstance(whole, SelectResult)
    region, target = whole.variables.index("region"), whole.variables.index("targetIri")
    assert [str(row[region]) for row in whole.rows if str(row[target]) == HZ_CORE] == [
        "Hangzhou | Zhejiang"
    ]
    for offset in range(len(whole.rows)):
        page = run_named(store, name, params, limit=1, offset=offset)
        assert isinstance(page, SelectResult)
        assert (page.rows, page.total) == (whole.rows[offset : offset + 1], len(whole.rows))
    store.close()


# ----------------------------------------------------------------------- targets-above


def test_targets_above_a_value_by_a_year(library_store: Library) -> None:
    asked = ("core", "400" + BN, "2025")
    assert library_store.rows("targets-above", metric="core", min="400" + BN, year="2025") == [
        ("Zhejiang", "500" + BN, "CNY", "2025", "core AI industry", "MoreThan", PLAN_ZJ, S_ZJ_CORE, DOC_ZJ, ZJ_CORE, *asked),
        ("Zhejiang", "450" + BN, "CNY", "2025", "scale of the core AI industry", "Exactly", PLAN_ZJ, S_NEWS_CORE, DOC_NEWS, NEWS_CORE, *asked),
    ]  # fmt: skip
    # the deadline bounds it: by 2027 the trillion-yuan target counts too
    by_2027 = library_store.rows("targets-above", metric="core", min="400" + BN, year="2027")
    assert [(r[0], r[1], r[3]) for r in by_2027] == [
        ("Zhejiang", "1000" + BN, "2027"),
        ("Zhejiang", "500" + BN, "2025"),
        ("Zhejiang", "450" + BN, "2025"),
    ]


@pytest.mark.parametrize(
    ("params", "values"),
    [
        ({"min": "450000000000"}, ["1000" + BN, "500" + BN, "450" + BN]),  # at least, not above
        ({"min": "3e11", "unit": "CNY"}, ["1000" + BN, "500" + BN, "450" + BN, "300" + BN]),
        ({"year": "2024"}, []),
        ({"unit": "EFLOPS"}, ["20", "10", "10"]),
        ({"unit": "EFLOPS", "year": "2025"}, ["10", "10"]),
        ({"min": "100", "unit": "count"}, ["100"]),  # a range qualifies on its lower bound
        ({"min": "101", "unit": "count"}, []),
        ({"metric": "hub"}, []),  # qualitative targets have no value to compare
    ],
)
def test_targets_above_each_parameter_alone(
    library_store: Library, params: dict[str, str], values: list[str]
) -> None:
    assert [row[1] for row in library_store.rows("targets-above", **params)] == values


# ------------------------------------------------------------- actors-in-several-plans


def test_actors_in_several_plans(library_store: Library) -> None:
    alibaba, hikvision = actor("Alibaba"), actor("Hikvision")
    government, university = actor(ZHEJIANG_GOV), actor("Zhejiang University")
    assert library_store.rows("actors-in-several-plans") == [
        ("Alibaba", "Company", "3", PLAN_HZ, "Hangzhou", DOC_HZ, alibaba, "2"),
        ("Alibaba", "Company", "3", PLAN_ZJ24, "Zhejiang", DOC_ZJ24, alibaba, "2"),
        ("Alibaba", "Company", "3", PLAN_ZJ, "Zhejiang", DOC_ZJ, alibaba, "2"),
        ("Hikvision", "Company", "2", PLAN_HZ, "Hangzhou", DOC_HZ, hikvision, "2"),
        ("Hikvision", "Company", "2", PLAN_ZJ, "Zhejiang", DOC_NEWS, hikvision, "2"),
        (ZHEJIANG_GOV, "GovernmentBody", "2", PLAN_ZJ24, "Zhejiang", DOC_ZJ24, government, "2"),
        (ZHEJIANG_GOV, "GovernmentBody", "2", PLAN_ZJ, "Zhejiang", f"{DOC_ZJ} | {DOC_NEWS}", government, "2"),
        ("Zhejiang University", "ResearchInstitution", "2", PLAN_HZ, "Hangzhou", DOC_HZ, university, "2"),
        ("Zhejiang University", "ResearchInstitution", "2", PLAN_ZJ, "Zhejiang", DOC_ZJ, university, "2"),
    ]  # fmt: skip


def test_actors_in_several_plans_by_type_and_count(library_store: Library) -> None:
    companies = library_store.rows("actors-in-several-plans", type="Company", min="3")
    assert {(r[0], r[2], r[-1]) for r in companies} == {("Alibaba", "3", "3")}
    assert len(companies) == 3
    research = library_store.rows("actors-in-several-plans", type="ResearchInstitution")
    assert {r[0] for r in research} == {"Zhejiang University"}
    everyone = library_store.rows("actors-in-several-plans", min="1")
    assert {r[0] for r in everyone if r[2] == "1"} == {
        "Chen Jie",
        HANGZHOU_BUREAU,
        HANGZHOU_GOV,
        "Wang Fang",
        "Xinhua News Agency",
        ZHEJIANG_DEPT,
    }
    assert library_store.rows("actors-in-several-plans", type="Person") == []


# ----------------------------------------------------------- companies-and-governments


def test_companies_and_governments(library_store: Library) -> None:
    alibaba, hikvision = actor("Alibaba"), actor("Hikvision")
    rows = library_store.rows("companies-and-governments")
    assert rows == [
        ("Alibaba", ZHEJIANG_GOV, "2", f"{DOC_ZJ} | {DOC_ZJ24}", S_ZJ24_MODELS, alibaba, actor(ZHEJIANG_GOV)),
        ("Alibaba", HANGZHOU_BUREAU, "1", DOC_HZ, "", alibaba, actor(HANGZHOU_BUREAU)),
        ("Alibaba", HANGZHOU_GOV, "1", DOC_HZ, "", alibaba, actor(HANGZHOU_GOV)),
        ("Alibaba", ZHEJIANG_DEPT, "1", DOC_ZJ, "", alibaba, actor(ZHEJIANG_DEPT)),
        ("Hikvision", HANGZHOU_BUREAU, "1", DOC_HZ, "", hikvision, actor(HANGZHOU_BUREAU)),
        ("Hikvision", HANGZHOU_GOV, "1", DOC_HZ, "", hikvision, actor(HANGZHOU_GOV)),
        ("Hikvision", ZHEJIANG_DEPT, "1", DOC_NEWS, "", hikvision, actor(ZHEJIANG_DEPT)),
        ("Hikvision", ZHEJIANG_GOV, "1", DOC_NEWS, "", hikvision, actor(ZHEJIANG_GOV)),
    ]  # fmt: skip
    assert library_store.rows("companies-and-governments", company="Hikvision") == rows[4:]
    assert (
        library_store.rows("companies-and-governments", company="Alibaba", government=ZHEJIANG_GOV)
        == rows[:1]
    )
    assert library_store.rows("companies-and-governments", government="Alibaba") == []


# ---------------------------------------------------------------- measures-by-category

MEASURES = [
    ("Hangzhou", "financial-support", "special fund for computing power", HANGZHOU_BUREAU, PLAN_HZ, S_HZ_FUND, DOC_HZ, measure(HZ, "special fund for computing power")),
    ("Hangzhou", "talent", "train AI talent", "Zhejiang University", PLAN_HZ, S_HZ_TALENT, DOC_HZ, measure(HZ, "train AI talent")),
    ("Zhejiang", "financial-support", "computing vouchers", ZHEJIANG_DEPT, PLAN_ZJ, S_ZJ_VOUCHERS, DOC_ZJ, measure(ZJ, "computing vouchers")),
    ("Zhejiang", "platform", "open large models to small firms", "Alibaba", PLAN_ZJ24, S_ZJ24_MODELS, DOC_ZJ24, measure(ZJ24, "open large models to small firms")),
    ("Zhejiang", "regulation", "regulatory sandbox for AI", "", PLAN_ZJ, S_ZJ_SANDBOX, DOC_ZJ, measure(ZJ, "regulatory sandbox for AI")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, MEASURES),
        ({"region": "Zhejiang"}, MEASURES[2:]),
        ({"category": "financial-support"}, [MEASURES[0], MEASURES[2]]),
        ({"region": "Hangzhou", "category": "talent"}, MEASURES[1:2]),
        ({"category": "Talent"}, []),  # the concept's name, as the scheme spells it
    ],
)
def test_measures_by_category(
    library_store: Library, params: dict[str, str], expected: list[tuple[str, ...]]
) -> None:
    assert library_store.rows("measures-by-category", **params) == expected


# ------------------------------------------------------------------------------- plans

PLAN_ROWS = [
    (PLAN_HZ, "Hangzhou", "City", HANGZHOU_GOV, "2023-07-11", "", "", "1", "3", "2", S_PLAN_HZ, str(plan_node(HZ))),
    (PLAN_ZJ, "Zhejiang", "Province", ZHEJIANG_GOV, "2023-03-01", "2023", "2025", "2", "3", "2", S_PLAN_ZJ, str(plan_node(ZJ))),
    (PLAN_ZJ24, "Zhejiang", "Province", ZHEJIANG_GOV, "2024-01-23", "2024", "2027", "1", "2", "1", S_PLAN_ZJ24, str(plan_node(ZJ24))),
]  # fmt: skip


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, PLAN_ROWS),
        ({"issuer": ZHEJIANG_GOV}, PLAN_ROWS[1:]),  # an apostrophe in a bound value
        ({"region": "Hangzhou"}, PLAN_ROWS[:1]),
        # in force: the period includes the year; without one, issued in it
        ({"year": "2023"}, PLAN_ROWS[:2]),
        ({"year": "2024"}, PLAN_ROWS[1:]),
        ({"year": "2027"}, PLAN_ROWS[2:]),
        ({"year": "2022"}, []),
        ({"issuer": ZHEJIANG_GOV, "year": "2025", "region": "Zhejiang"}, PLAN_ROWS[1:]),
    ],
)
def test_plans(
    library_store: Library, params: dict[str, str], expected: list[tuple[str, ...]]
) -> None:
    year = params.get("year", "")
    assert library_store.rows("plans", **params) == [(*row, year) for row in expected]


# ------------------------------------------------------------------- deadline-timeline


def test_deadline_timeline(library_store: Library) -> None:
    # the 10 EFLOPS goal is stated twice but is one target
    assert library_store.rows("deadline-timeline") == [
        ("Hangzhou", "2025", "3", "2", "1", "1"),
        ("Zhejiang", "2025", "3", "3", "0", "1"),
        ("Zhejiang", "2027", "2", "2", "0", "1"),
    ]
    assert library_store.rows("deadline-timeline", region="Hangzhou") == [
        ("Hangzhou", "2025", "3", "2", "1", "1"),
    ]


# ---------------------------------------------------------------------------- progress


def test_progress(library_store: Library) -> None:
    hz_stat = str(statistic_node(HZ, "core AI industry"))
    zj_revenue = str(statistic_node(ZJ, "core AI industry revenue"))
    compute_stat = str(statistic_node(NEWS, "intelligent computing power"))
    assert library_store.rows("progress") == [
        ("Hangzhou", "core AI industry", "300" + BN, "CNY", "2025", "core AI industry", "229" + BN, "2022", "76.3", S_HZ_CORE, DOC_HZ, S_HZ_STAT, DOC_HZ, HZ_CORE, hz_stat, ""),
        # one target's two sentences, by their nodes' IRIs (as in targets-by-region)
        ("Zhejiang", COMPUTING, "10", "EFLOPS", "2025", "intelligent computing power", "4", "2022", "40", S_NEWS_COMPUTE, DOC_NEWS, S_WANG, DOC_NEWS, ZJ_COMPUTE, compute_stat, ""),
        ("Zhejiang", COMPUTING, "10", "EFLOPS", "2025", "intelligent computing power", "4", "2022", "40", S_ZJ_COMPUTE, DOC_ZJ, S_WANG, DOC_NEWS, ZJ_COMPUTE, compute_stat, ""),
        ("Zhejiang", "core AI industry", "500" + BN, "CNY", "2025", "core AI industry revenue", "400" + BN, "2022", "80", S_ZJ_CORE, DOC_ZJ, S_ZJ_STAT, DOC_ZJ, ZJ_CORE, zj_revenue, ""),
        ("Zhejiang", "core AI industry", "1000" + BN, "CNY", "2027", "core AI industry revenue", "400" + BN, "2022", "40", S_ZJ24_CORE, DOC_ZJ24, S_ZJ_STAT, DOC_ZJ, ZJ24_CORE, zj_revenue, ""),
        ("Zhejiang", "intelligent computing power", "20", "EFLOPS", "2027", "intelligent computing power", "4", "2022", "20", S_ZJ24_COMPUTE, DOC_ZJ24, S_WANG, DOC_NEWS, ZJ24_COMPUTE, compute_stat, ""),
        ("Zhejiang", "scale of the core AI industry", "450" + BN, "CNY", "2025", "core AI industry revenue", "400" + BN, "2022", "88.9", S_NEWS_CORE, DOC_NEWS, S_ZJ_STAT, DOC_ZJ, NEWS_CORE, zj_revenue, ""),
    ]  # fmt: skip
    assert [r[:3] for r in library_store.rows("progress", region="Hangzhou")] == [
        ("Hangzhou", "core AI industry", "300" + BN)
    ]
    core = library_store.rows("progress", region="Zhejiang", metric="CORE")
    assert [(r[1], r[2], r[-1]) for r in core] == [
        ("core AI industry", "500" + BN, "CORE"),
        ("core AI industry", "1000" + BN, "CORE"),
        ("scale of the core AI industry", "450" + BN, "CORE"),
    ]
    # a statistic is never set beside a target for another place
    assert all(r[0] == "Zhejiang" for r in core)


# ---------------------------------------------------------------------- plan-documents

ZJ_DOCUMENTS = [
    (PLAN_ZJ, DOC_ZJ, PLAN_ZJ, "2023-03-01", f"{DOC_ZJ}.txt", S_PLAN_ZJ, str(plan_node(ZJ))),
    (PLAN_ZJ, DOC_NEWS, "Zhejiang plans AI growth", "2023-03-02", f"{DOC_NEWS}.txt", S_PLAN_NEWS, str(plan_node(ZJ))),
]  # fmt: skip


@pytest.mark.parametrize(
    "plan",
    [
        str(plan_node(ZJ)),  # the IRI
        "zhejiang-2023",  # the end of it
        PLAN_ZJ,  # its title
        "Zhejiang plan",  # the label the news report, which gives no title, made for it
    ],
)
def test_plan_documents_by_iri_or_label(library_store: Library, plan: str) -> None:
    assert library_store.rows("plan-documents", plan=plan) == [(*row, plan) for row in ZJ_DOCUMENTS]


def test_plan_documents_of_every_plan(library_store: Library) -> None:
    assert [r[:2] for r in library_store.rows("plan-documents")] == [
        (PLAN_ZJ24, DOC_ZJ24),
        (PLAN_HZ, DOC_HZ),
        (PLAN_ZJ, DOC_ZJ),
        (PLAN_ZJ, DOC_NEWS),
    ]
    assert library_store.rows("plan-documents", plan="Zhejiang") == []
    assert library_store.rows("plan-documents", plan="2023") == []  # not any IRI's tail


# ---------------------------------------------------------------------------- evidence


def evidence_node(extraction: Extraction, sentence: str) -> str:
    start = extraction.document.text.index(sentence)
    return str(iris.evidence_iri(extraction.document.doc_id, start, start + len(sentence)))


def evidence_row(
    node: str, kind: str, via: str, extraction: Extraction, sentence: str
) -> tuple[str, ...]:
    """A row of the evidence query: the sentence with its document and offsets."""
    start = extraction.document.text.index(sentence)
    end = start + len(sentence)
    document = extraction.document.doc_id
    return (
        node,
        kind,
        via,
        document,
        str(start),
        str(end),
        sentence,
        evidence_node(extraction, sentence),
    )


EVIDENCE = [
    (ZJ_COMPUTE, [
        evidence_row(ZJ_COMPUTE, "Target", "stated", ZJ, S_ZJ_COMPUTE),
        evidence_row(ZJ_COMPUTE, "Target", "stated", NEWS, S_NEWS_COMPUTE),
    ]),
    (HZ_CORE + "/usd", [
        evidence_row(HZ_CORE + "/usd", "Quantity", "stated", HZ, S_HZ_CORE),
    ]),
    (str(plan_node(ZJ)), [
        evidence_row(str(plan_node(ZJ)), "Plan", "stated", ZJ, S_PLAN_ZJ),
        evidence_row(str(plan_node(ZJ)), "Plan", "stated", NEWS, S_PLAN_NEWS),
    ]),
    (actor("Wang Fang"), [
        evidence_row(actor("Wang Fang"), "Person", "names it", NEWS, S_WANG),
        evidence_row(actor("Wang Fang"), "Person", "post", NEWS, S_WANG),
    ]),
    (actor("Alibaba"), [  # by its label and by "Alibaba Group"
        evidence_row(actor("Alibaba"), "Company", "names it", HZ, S_HZ_FUND),
        evidence_row(actor("Alibaba"), "Company", "names it", ZJ, S_ZJ_SANDBOX),
        evidence_row(actor("Alibaba"), "Company", "names it", ZJ24, S_ZJ24_MODELS),
    ]),
    (str(iris.region_iri("Hangzhou")), [
        evidence_row(str(iris.region_iri("Hangzhou")), "Region", "names it", HZ, s)
        for s in (S_PLAN_HZ, S_HZ_HUB, S_HZ_SCENES)
    ]),
    (str(iris.document_iri(DOC_ZJ24)), [
        evidence_row(str(iris.document_iri(DOC_ZJ24)), "Document", "in document", ZJ24, s)
        for s in (S_PLAN_ZJ24, S_ZJ24_CORE, S_ZJ24_COMPUTE, S_ZJ24_MODELS)
    ]),
    (evidence_node(NEWS, S_NEWS_CORE), [
        evidence_row(evidence_node(NEWS, S_NEWS_CORE), "Evidence", "itself", NEWS, S_NEWS_CORE),
    ]),
    ("https://w3id.org/plangraph/id/target/none", []),
]  # fmt: skip


@pytest.mark.parametrize(("node", "expected"), EVIDENCE)
def test_evidence_behind_a_node(
    library_store: Library, node: str, expected: list[tuple[str, ...]]
) -> None:
    assert library_store.rows("evidence", node=node) == expected


def test_evidence_offsets_point_into_the_document_text(library_store: Library) -> None:
    texts = {e.document.doc_id: e.document.text for e in (HZ, ZJ, NEWS, ZJ24)}
    rows = library_store.rows("evidence")
    assert len({r[-1] for r in rows}) == 8 + 6 + 5 + 4  # every sentence of the documents
    for _node, _kind, _via, document, start, end, text, _iri in rows:
        assert texts[document][int(start) : int(end)] == text


# --------------------------------------------------------------------------- conflicts


def test_conflicts(library_store: Library) -> None:
    a, b = sorted([ZJ_CORE, NEWS_CORE])
    assert (a, b) == (ZJ_CORE, NEWS_CORE), "the fixture's IRIs order the pair"
    pair = ("Zhejiang", PLAN_ZJ, "CNY", "2025", "500" + BN, "450" + BN, "core AI industry", "scale of the core AI industry", S_ZJ_CORE, DOC_ZJ, S_NEWS_CORE, DOC_NEWS, ZJ_CORE, NEWS_CORE)  # fmt: skip
    assert library_store.rows("conflicts") == [pair]
    assert library_store.rows("conflicts", region="Zhejiang") == [pair]
    assert library_store.rows("conflicts", region="Hangzhou") == []


# --------------------------------------------------------------------------- revisions


def test_revisions(library_store: Library) -> None:
    earlier = ("Zhejiang", PLAN_ZJ, "2023-03-01")
    later = (PLAN_ZJ24, "2024-01-23")
    rows = [
        (earlier[0], "CNY", *earlier[1:], "450" + BN, "2025", *later, "1000" + BN, "2027", "2.22", "scale of the core AI industry", "core AI industry", S_NEWS_CORE, DOC_NEWS, S_ZJ24_CORE, DOC_ZJ24, NEWS_CORE, ZJ24_CORE),
        (earlier[0], "CNY", *earlier[1:], "500" + BN, "2025", *later, "1000" + BN, "2027", "2", "core AI industry", "core AI industry", S_ZJ_CORE, DOC_ZJ, S_ZJ24_CORE, DOC_ZJ24, ZJ_CORE, ZJ24_CORE),
        (earlier[0], "EFLOPS", *earlier[1:], "10", "2025", *later, "20", "2027", "2", COMPUTING, "intelligent computing power", S_ZJ_COMPUTE, DOC_ZJ, S_ZJ24_COMPUTE, DOC_ZJ24, ZJ_COMPUTE, ZJ24_COMPUTE),
        (earlier[0], "EFLOPS", *earlier[1:], "10", "2025", *later, "20", "2027", "2", COMPUTING, "intelligent computing power", S_NEWS_COMPUTE, DOC_NEWS, S_ZJ24_COMPUTE, DOC_ZJ24, ZJ_COMPUTE, ZJ24_COMPUTE),
    ]  # fmt: skip
    assert library_store.rows("revisions") == rows
    assert library_store.rows("revisions", region="Zhejiang") == rows
    assert library_store.rows("revisions", region="Hangzhou") == []


# --------------------------------------------------------------------- targets-rollup


def rolled(region: str, rows: list[tuple[str, ...]], level: str) -> list[tuple[str, ...]]:
    """targets-by-region rows as targets-rollup gives them for ``region``."""
    return [
        (region, r[0], level, r[1], r[2], r[3], r[4], r[6], r[7], r[8], r[9], r[10]) for r in rows
    ]


def test_targets_rollup_includes_the_cities_of_a_province(library_store: Library) -> None:
    city = rolled("Zhejiang", TARGETS_HANGZHOU, "City")
    province = rolled("Zhejiang", TARGETS_ZHEJIANG, "Province")
    hub, core, scenes = city
    compute_news, compute, zj_core, news_core, zj24_core, zj24_compute = province
    # ordered by deadline, then metric, so like goals sit together
    zhejiang = [
        hub,
        compute_news,
        compute,
        core,
        zj_core,
        scenes,
        news_core,
        zj24_core,
        zj24_compute,
    ]
    assert library_store.rows("targets-rollup", region="Zhejiang") == zhejiang
    assert library_store.rows("targets-rollup", region="Hangzhou") == rolled(
        "Hangzhou", TARGETS_HANGZHOU, "City"
    )
    # a country holds its provinces and, through them, their cities
    china = library_store.rows("targets-rollup", region="China")
    assert [r[1:] for r in china] == [r[1:] for r in zhejiang]
    assert {r[0] for r in library_store.rows("targets-rollup")} == {"China", "Zhejiang", "Hangzhou"}
    assert len(library_store.rows("targets-rollup")) == 9 + 9 + 3


# ------------------------------------------------------------------------------ people

WANG = ("Wang Fang", "director", ZHEJIANG_DEPT, "GovernmentBody", S_WANG, DOC_NEWS, actor("Wang Fang"))  # fmt: skip
CHEN = ("Chen Jie", "chief executive", "Hikvision", "Company", S_CHEN, DOC_NEWS, actor("Chen Jie"))


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, [CHEN, WANG]),
        ({"organisation": "Hikvision"}, [CHEN]),
        ({"organisation": ZHEJIANG_DEPT}, [WANG]),
        ({"person": "Wang Fang"}, [WANG]),
        ({"person": "Wang Fang", "organisation": "Hikvision"}, []),
        ({"organisation": ""}, []),  # everyone named here holds a post at a named body
        ({"organisation": "Hikvision Hikvision"}, []),
    ],
)
def test_people(
    library_store: Library, params: dict[str, str], expected: list[tuple[str, ...]]
) -> None:
    assert library_store.rows("people", **params) == expected
