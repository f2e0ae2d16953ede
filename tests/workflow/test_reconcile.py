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
