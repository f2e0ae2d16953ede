"""A Chinese original and English reports of one plan make one plan and one node per
shared goal, with evidence from both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from plangraph.store import open_store
from plangraph.store.base import SelectResult
from plangraph.workflow import ingest

ROOT = Path(__file__).resolve().parents[2]
GUANGDONG = [
    ROOT / "corpus" / "guangdong-2023-general-ai-opinions.txt",
    ROOT / "corpus" / "guangdong-2023-general-ai-news.txt",
    ROOT / "corpus" / "zh" / "guangdong-2023-general-ai-opinions-zh.txt",
]

PLANS = """
SELECT ?plan (COUNT(DISTINCT ?doc) AS ?docs) WHERE { ?plan a pg:Plan ; pg:reportedIn ?doc }
GROUP BY ?plan
"""
TARGET_LANGUAGES = """
SELECT ?value ?year (GROUP_CONCAT(DISTINCT ?language; separator=" ") AS ?languages) WHERE {
  ?plan a pg:Plan ; pg:hasTarget ?t .
  ?t pg:value ?value ; pg:targetYear ?year ; prov:wasDerivedFrom/pg:inDocument ?d .
  ?d dcterms:language ?language .
} GROUP BY ?t ?value ?year
"""
NAMES = """
SELECT ?label WHERE { ?r a pg:Region ; skos:altLabel "广东" ; rdfs:label ?label }
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    opened = open_store(tmp_path_factory.mktemp("guangdong") / "store")
    report = ingest(GUANGDONG, opened)
    assert report.ok, report.failed
    return opened


def rows(store, query: str) -> list:  # type: ignore[no-untyped-def]
    result = store.query(query)
    assert isinstance(result, SelectResult)
    return list(result.rows)


@pytest.mark.slow
def test_one_plan_across_languages(store) -> None:  # type: ignore[no-untyped-def]
    plans = rows(store, PLANS)
    assert len(plans) == 1
    assert str(plans[0][0]).endswith("/plan/guangdong-2023")
    assert int(str(plans[0][1])) == 3


@pytest.mark.slow
def test_shared_goals_are_one_target_with_evidence_in_both_languages(store) -> None:  # type: ignore[no-untyped-def]
    found = {
        (float(str(value)), str(year)[:4]): set(str(languages).split())
        for value, year, languages in rows(store, TARGET_LANGUAGES)
    }
    for goal in ((3e11, "2025"), (2000.0, "2025"), (4.4e11, "2027")):
        assert found.get(goal) == {"en", "zh"}, goal


@pytest.mark.slow
def test_a_region_is_found_by_its_chinese_name(store) -> None:  # type: ignore[no-untyped-def]
    assert [str(row[0]) for row in rows(store, NAMES)] == ["Guangdong"]


@pytest.mark.slow
def test_the_cli_takes_chinese_parameters(store, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    location = store.location
    title = "广东省人民政府关于加快建设通用人工智能产业创新引领地的实施意见"
    documents = cli(
        "query",
        "--store",
        location,
        "--name",
        "plan-documents",
        "--param",
        f"plan={title}",
        "--format",
        "csv",
    )
    assert documents.returncode == 0, documents.stderr
    assert "guangdong-2023-general-ai-opinions-zh" in documents.stdout
    assert "guangdong-2023-general-ai-news" in documents.stdout
    by_chinese, by_english = tmp_path / "zh.graphml", tmp_path / "en.graphml"
    for name, path in (("广东", by_chinese), ("Guangdong", by_english)):
        exported = cli(
            "export", "--store", location, "--format", "graphml", "--region", name, "-o", str(path)
        )
        assert exported.returncode == 0, exported.stderr
    assert by_chinese.read_bytes() == by_english.read_bytes()
    assert "广东省" in by_chinese.read_text("utf-8")
