"""Integrity of the versioned gazetteer data: regions.json and actors.json."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).parents[2] / "src/plangraph/nlp/data"

LEVELS = ("Supranational", "Country", "Province", "City", "District")
KIND_LEVEL = {
    "supranational": "Supranational",
    "country": "Country",
    "province": "Province",
    "municipality": "Province",
    "autonomous-region": "Province",
    "special-administrative-region": "Province",
    "city": "City",
    "district": "District",
    "new-area": "District",
}
ACTOR_TYPES = {"GovernmentBody", "Company", "ResearchInstitution", "OtherActor"}

CHINA_PROVINCIAL = {
    "province": {
        "Anhui", "Fujian", "Gansu", "Guangdong", "Guizhou", "Hainan", "Hebei", "Heilongjiang",
        "Henan", "Hubei", "Hunan", "Jiangsu", "Jiangxi", "Jilin", "Liaoning", "Qinghai",
        "Shaanxi", "Shandong", "Shanxi", "Sichuan", "Taiwan", "Yunnan", "Zhejiang",
    },
    "autonomous-region": {"Guangxi", "Inner Mongolia", "Ningxia", "Tibet", "Xinjiang"},
    "municipality": {"Beijing", "Chongqing", "Shanghai", "Tianjin"},
    "special-administrative-region": {"Hong Kong", "Macao"},
}  # fmt: skip

STATE_COUNCIL_CONSTITUENTS = {
    "Ministry of Foreign Affairs", "Ministry of National Defense",
    "National Development and Reform Commission", "Ministry of Education",
    "Ministry of Science and Technology", "Ministry of Industry and Information Technology",
    "National Ethnic Affairs Commission", "Ministry of Public Security",
    "Ministry of State Security", "Ministry of Civil Affairs", "Ministry of Justice",
    "Ministry of Finance", "Ministry of Human Resources and Social Security",
    "Ministry of Natural Resources", "Ministry of Ecology and Environment",
    "Ministry of Housing and Urban-Rural Development", "Ministry of Transport",
    "Ministry of Water Resources", "Ministry of Agriculture and Rural Affairs",
    "Ministry of Commerce", "Ministry of Culture and Tourism", "National Health Commission",
    "Ministry of Veterans Affairs", "Ministry of Emergency Management",
    "People's Bank of China", "National Audit Office",
}  # fmt: skip


def _load(name: str) -> dict[str, Any]:
    with (DATA / name).open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


@pytest.fixture(scope="module")
def regions_doc() -> dict[str, Any]:
    return _load("regions.json")


@pytest.fixture(scope="module")
def actors_doc() -> dict[str, Any]:
    return _load("actors.json")


@pytest.fixture(scope="module")
def regions(regions_doc: dict[str, Any]) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = regions_doc["regions"]
    return entries


@pytest.fixture(scope="module")
def actors(actors_doc: dict[str, Any]) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = actors_doc["actors"]
    return entries


def test_files_are_versioned(regions_doc: dict[str, Any], actors_doc: dict[str, Any]) -> None:
    for doc in (regions_doc, actors_doc):
        assert isinstance(doc["version"], str)
        assert doc["version"]
        assert isinstance(doc["description"], str)
        assert doc["description"]
    assert regions_doc["version"] == actors_doc["version"]


@pytest.mark.parametrize(("section", "keys"), [
    ("regions", {"name", "level", "kind", "parent", "aliases"}),
    ("actors", {"name", "type", "country", "aliases"}),
])  # fmt: skip
def test_entries_have_the_expected_shape(
    regions_doc: dict[str, Any], actors_doc: dict[str, Any], section: str, keys: set[str]
) -> None:
    doc = regions_doc if section == "regions" else actors_doc
    assert doc[section]
    for entry in doc[section]:
        assert set(entry) == keys, entry
        assert isinstance(entry["name"], str)
        assert entry["name"] == entry["name"].strip() != ""
        assert isinstance(entry["aliases"], list)
        for alias in entry["aliases"]:
            assert isinstance(alias, str)
            assert alias == alias.strip() != "", entry["name"]


def test_no_duplicate_names(regions: list[dict[str, Any]], actors: list[dict[str, Any]]) -> None:
    for entries in (regions, actors):
        counts = Counter(e["name"].casefold() for e in entries)
        assert [n for n, c in counts.items() if c > 1] == []


def test_levels_and_kinds_are_allowed_and_agree(regions: list[dict[str, Any]]) -> None:
    for r in regions:
        assert r["level"] in LEVELS, r["name"]
        assert r["kind"] in KIND_LEVEL, r["name"]
        assert KIND_LEVEL[r["kind"]] == r["level"], r["name"]


def test_parents_exist_and_sit_higher(regions: list[dict[str, Any]]) -> None:
    by_name = {r["name"]: r for r in regions}
    for r in regions:
        if r["level"] in ("Supranational", "Country"):
            assert r["parent"] is None, r["name"]
            continue
        assert r["parent"] is not None, r["name"]
        assert r["parent"] in by_name, (r["name"], r["parent"])
        parent = by_name[r["parent"]]
        assert LEVELS.index(parent["level"]) < LEVELS.index(r["level"]), r["name"]


def test_china_has_all_34_provincial_level_divisions(regions: list[dict[str, Any]]) -> None:
    under_china = [r for r in regions if r["parent"] == "China" and r["level"] == "Province"]
    assert len(under_china) == 34
    by_kind: dict[str, set[str]] = {}
    for r in under_china:
        by_kind.setdefault(r["kind"], set()).add(r["name"])
    assert by_kind == CHINA_PROVINCIAL


def test_coverage(regions: list[dict[str, Any]], actors: list[dict[str, Any]]) -> None:
    by_name = {r["name"]: r for r in regions}
    chinese_cities = [
        r for r in regions
        if r["level"] == "City" and by_name[r["parent"]]["parent"] == "China"
    ]  # fmt: skip
    assert len(chinese_cities) >= 80
    types = Counter(a["type"] for a in actors)
    assert types["Company"] >= 80
    assert types["ResearchInstitution"] >= 50
    assert types["OtherActor"] >= 25
    names = {a["name"] for a in actors if a["type"] == "GovernmentBody"}
    assert names >= STATE_COUNCIL_CONSTITUENTS | {"State Council"}


def test_actor_types_and_countries(
    regions: list[dict[str, Any]], actors: list[dict[str, Any]]
) -> None:
    places = {r["name"] for r in regions if r["level"] in ("Supranational", "Country", "Province")}
    for a in actors:
        assert a["type"] in ACTOR_TYPES, a["name"]
        assert a["country"] is None or a["country"] in places, (a["name"], a["country"])


def test_no_surface_form_names_two_entries(
    regions: list[dict[str, Any]], actors: list[dict[str, Any]]
) -> None:
    owner: dict[str, str] = {}
    clashes: list[tuple[str, str, str]] = []
    entries = [("region", r) for r in regions] + [("actor", a) for a in actors]
    for kind, entry in entries:
        label = f"{kind}:{entry['name']}"
        for form in {entry["name"], *entry["aliases"]}:
            key = form.casefold()
            if owner.setdefault(key, label) != label:
                clashes.append((form, owner[key], label))
    assert clashes == []
