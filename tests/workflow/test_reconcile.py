"""Several reports of one plan are one plan; the same figure is one target; different
figures for one goal are linked as conflicts; a later plan revises an earlier one."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef

from plangraph.store import SelectResult, open_store
from plangraph.workflow import ingest, remove

pytestmark = pytest.mark.slow

GUANGDONG = [
    "guangdong-2023-general-ai-opinions.txt",
    "guangdong-2023-general-ai-news.txt",
    "guangdong-2023-general-ai-web.html",
]


def rows(store, sparql: str) -> list[tuple[str, ...]]:  # type: ignore[no-untyped-def]
    result = store.query(sparql)
    assert isinstance(result, SelectResult)
    return [tuple("" if v is None else str(v) for v in row) for row in result.rows]


def test_three_reports_of_one_plan(tmp_path: Path, corpus_dir: Path) -> None:
    store = open_store(tmp_path / "s")
    report = ingest([corpus_dir / name for name in GUANGDONG], store)
    assert report.ok and len(report.added) == 3
    plans = rows(store, "SELECT DISTINCT ?p WHERE { ?p a pg:Plan }")
    assert len(plans) == 1
    plan = URIRef(plans[0][0])
    documents = rows(store, f"SELECT ?d WHERE {{ <{plan}> pg:reportedIn ?d }}")
    assert len(documents) == 3
    figures = rows(
        store,
        f"""
        SELECT ?t ?v ?unit ?y (COUNT(DISTINCT ?d) AS ?n) WHERE {{
          <{plan}> pg:hasTarget ?t . ?t pg:value ?v ; pg:unit ?unit ; pg:targetYear ?y ;
             prov:wasDerivedFrom/pg:inDocument ?d }} GROUP BY ?t ?v ?unit ?y""",
    )
    evidence = {(v, unit, y): int(n) for _, v, unit, y, n in figures}
    assert evidence[("300000000000", "CNY", "2025")] == 3
    assert evidence[("440000000000", "CNY", "2027")] == 3
    # the same figure for the same year is never two targets of the plan
    assert len(evidence) == len(figures)
    dollars = rows(
        store,
        f"""
        SELECT ?v WHERE {{ <{plan}> pg:hasTarget ?t . ?t pg:alsoStatedAs ?q .
          ?q pg:unit "USD" ; pg:value ?v }}""",
    )
    assert dollars, "the report with dollar amounts keeps them on the same target"


PLAN = (
    "Date: 2024-04-02\n\nNanjing aims to grow its core AI industry to {value} billion yuan "
    "by 2026, according to a plan released by the Nanjing municipal government on "
    "Monday."
)


def test_a_conflict_is_listed_with_both_sources(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "nanjing-report-a.txt").write_text(PLAN.format(value=150), encoding="utf-8")
    (folder / "nanjing-report-b.txt").write_text(PLAN.format(value=180), encoding="utf-8")
    store = open_store(tmp_path / "s")
    ingest([folder], store)
    found = rows(
        store,
        """
        SELECT ?va ?da ?vb ?db WHERE {
          ?a pg:conflictsWith ?b ; pg:value ?va ; prov:wasDerivedFrom/pg:inDocument ?da .
          ?b pg:value ?vb ; prov:wasDerivedFrom/pg:inDocument ?db .
          FILTER(?va < ?vb) }""",
    )
    assert [(va, da.rsplit("/", 1)[1], vb, db.rsplit("/", 1)[1]) for va, da, vb, db in found] == [
        ("150000000000", "nanjing-report-a", "180000000000", "nanjing-report-b")
    ]
    # removing one report removes the conflict it caused
    remove(["nanjing-report-b"], store)
    assert rows(store, "SELECT ?a WHERE { ?a pg:conflictsWith ?b }") == []


def test_a_later_plan_revises_the_earlier_target(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "jiangsu-2021.txt").write_text(
        "Date: 2021-03-01\n\nJiangsu aims to build a core AI industry of 100 billion yuan by "
        "2025, according to a plan issued by the Jiangsu provincial government.",
        encoding="utf-8",
    )
    (folder / "jiangsu-2024.txt").write_text(
        "Date: 2024-03-01\n\nJiangsu aims to build a core AI industry of 200 billion yuan by "
        "2027, according to a plan issued by the Jiangsu provincial government.",
        encoding="utf-8",
    )
    store = open_store(tmp_path / "s")
    ingest([folder], store)
    found = rows(
        store,
        """
        SELECT ?later ?earlier WHERE { ?l pg:revises ?e . ?l pg:value ?later .
          ?e pg:value ?earlier }""",
    )
    assert found == [("200000000000", "100000000000")]


BEIJING_REPORTS = ["beijing-2023-etown-report.txt", "beijing-2023-plan-govcn.txt"]


def test_the_three_reports_of_beijings_2023_plan(tmp_path: Path, seed_file: Path) -> None:
    """The seed and two real reports of Beijing's 2023 plan (one without a title or an
    issuer, one without a date) give one plan, and the 300-billion-yuan goal is one
    target with evidence from each report that states it."""
    real = seed_file.parents[1] / "eval" / "realworld"
    if not all((real / name).exists() for name in BEIJING_REPORTS):
        pytest.skip("../shared/eval/realworld is not here")
    folder = tmp_path / "reports"
    folder.mkdir()
    for source in [seed_file, *(real / name for name in BEIJING_REPORTS)]:
        (folder / source.name).write_bytes(source.read_bytes())
    store = open_store(tmp_path / "s")
    assert ingest([folder], store).ok
    plans = rows(store, "SELECT DISTINCT ?p WHERE { ?p a pg:Plan }")
    assert plans == [("https://w3id.org/plangraph/id/plan/beijing-2023",)]
    documents = rows(store, "SELECT ?d WHERE { ?p a pg:Plan ; pg:reportedIn ?d }")
    assert len(documents) == 3
    evidence = rows(
        store,
        """SELECT ?t (COUNT(DISTINCT ?doc) AS ?n) WHERE {
             ?t a pg:Target ; pg:value ?v ; pg:targetYear ?y ;
                prov:wasDerivedFrom/pg:inDocument ?doc .
             FILTER(?v = 300000000000)
           } GROUP BY ?t""",
    )
    assert len(evidence) == 1 and evidence[0][1] == "2"


def test_an_undated_report_joins_the_plan_of_its_place_that_shares_a_deadline(
    tmp_path: Path,
) -> None:
    dated = (
        "Date: 2024-03-01\n\nThe Hainan provincial government issued an action plan on Friday. "
        "By 2026, the province aims to build 12 smart ports and reach a digital economy of "
        "200 billion yuan.\n"
    )
    undated = (
        "II. Objectives\n\nAccording to the plan, Hainan will have built 12 smart ports by "
        "2026 and its digital economy will reach 200 billion yuan by 2026.\n"
    )
    (tmp_path / "a-undated.txt").write_text(undated, encoding="utf-8")
    (tmp_path / "b-dated.txt").write_text(dated, encoding="utf-8")
    store = open_store(tmp_path / "s")
    assert ingest([tmp_path / "a-undated.txt", tmp_path / "b-dated.txt"], store).ok
    plans = rows(store, "SELECT DISTINCT ?p WHERE { ?p a pg:Plan }")
    assert plans == [("https://w3id.org/plangraph/id/plan/hainan-2024",)]
