"""The explorer page's JSON API and files, against a running server."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from plangraph.store.base import SelectResult

ID = "https://w3id.org/plangraph/id/"
GOVERNMENT = ID + "actor/beijing-municipal-peoples-government"
BEIJING_DOC = ID + "document/beijing-ai-2024"


@pytest.fixture
def http(server: Any) -> Iterator[httpx.Client]:
    with server.client() as client:
        yield client


def get(http: httpx.Client, path: str, **params: str) -> Any:
    response = http.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_queries_come_from_the_library(http: httpx.Client) -> None:
    from plangraph.query import library

    answer = get(http, "api/queries")
    assert [q["name"] for q in answer["queries"]] == list(library())
    assert answer["prefixes"]["pg"] == "https://w3id.org/plangraph/ontology#"
    targets = next(q for q in answer["queries"] if q["name"] == "targets-by-region")
    assert targets["parameters"][0]["name"] == "region"


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("beijing", ("Beijing", "Region")),
        ("BEIJING MUNICIPAL PEOPLE", ("Beijing Municipal People's Government", "GovernmentBody")),
        ("beijing government", ("Beijing Municipal People's Government", "GovernmentBody")),
        ("baidu", ("Baidu", "Company")),
        ("tsinghua", ("Tsinghua University", "ResearchInstitution")),
        ("three-year", ("Shanghai Three-Year Plan for the AI Industry (2023-2025)", "Plan")),
    ],
)
def test_search_by_label_or_other_name(
    http: httpx.Client, text: str, first: tuple[str, str]
) -> None:
    found = get(http, "api/search", q=text)
    assert (found[0]["label"], found[0]["kind"]) == first


def test_search_finds_actors_plans_regions_and_target_metrics(http: httpx.Client) -> None:
    found = get(http, "api/search", q="a")
    kinds = {n["kind"] for n in found}
    assert kinds <= {"Region", "Plan", "GovernmentBody", "Company", "ResearchInstitution", "Metric"}
    assert "Target" not in kinds
    metric = next(n for n in get(http, "api/search", q="core industry") if n["kind"] == "Metric")
    assert (metric["label"], metric["targets"], metric["plans"]) == ("AI core industry scale", 1, 1)


@pytest.mark.parametrize(
    "text",
    ['") } SELECT * WHERE { ?s ?p ?o } #', "?q", "\\", "}}}}", "' ; DROP ALL ; '"],
)
def test_search_text_is_bound_never_pasted(http: httpx.Client, text: str) -> None:
    assert get(http, "api/search", q=text) == []


def test_search_limits(http: httpx.Client) -> None:
    assert get(http, "api/search", q="  ") == []
    response = http.get("api/search", params={"q": "x" * 201})
    assert response.status_code == 400
    assert "longer than 200" in response.json()["error"]


def test_node_of_a_target(http: httpx.Client) -> None:
    beijing = get(http, "api/node", iri=ID + "region/beijing")
    plan = next(n for n in beijing["neighbours"] if n["kind"] == "Plan")
    plan_node = get(http, "api/node", iri=plan["iri"])
    target = next(n for n in plan_node["neighbours"] if n["label"] == "AI core industry scale")
    node = get(http, "api/node", iri=target["iri"])
    assert (node["label"], node["kind"], node["types"]) == (
        "AI core industry scale",
        "Target",
        ["target"],
    )
    # every field in plain words: the ontology's labels, figures in words
    fields = {f["label"]: f for f in node["fields"]}
    assert fields["metric"]["value"] == "AI core industry scale"
    assert fields["value"]["value"] == "300000000000"
    assert fields["value"]["words"] == "300 billion yuan"
    assert fields["unit"]["value"] == "CNY"
    assert fields["comparator"]["value"] == "more than"
    assert fields["comparator"]["iri"] is None  # a vocabulary term, not a node to open
    assert fields["responsible actor"]["value"] == "Beijing Municipal People's Government"
    assert "read from" not in fields  # evidence comes with its sentence
    [evidence] = node["evidence"]
    assert evidence["document"] == BEIJING_DOC
    assert evidence["title"] == "Beijing AI Action Plan 2024-2025"
    document = get(http, "api/document", iri=BEIJING_DOC)
    assert document["text"][evidence["start"] : evidence["end"]] == evidence["text"]
    assert evidence["text"].startswith("By 2025, the scale of Beijing's AI core industry")
    # its neighbours: the plan and the responsible actor, no evidence, no pg: individuals
    assert {(n["label"], n["kind"]) for n in node["neighbours"]} == {
        ("Beijing Action Plan for Artificial Intelligence (2024-2025)", "Plan"),
        ("Beijing Municipal People's Government", "GovernmentBody"),
    }
    assert {e["property"] for e in node["edges"]} == {"pg:hasTarget", "pg:responsibleActor"}
    assert {e["label"] for e in node["edges"]} == {"has target", "responsible actor"}


def test_node_of_an_actor_links_what_it_is_responsible_for(http: httpx.Client) -> None:
    node = get(http, "api/node", iri=GOVERNMENT)
    assert node["kind"] == "GovernmentBody"
    kinds = {n["kind"] for n in node["neighbours"]}
    assert {"Plan", "Target", "Measure", "Document"} <= kinds
    # no node derived for the queries (a company-government pair, a plan naming it)
    derived = ("/pair/", "/naming/", "/progress/", "/tally/")
    assert not [n["iri"] for n in node["neighbours"] if any(d in n["iri"] for d in derived)]
    assert node["evidence"] == []
    documents = [n for n in node["neighbours"] if n["kind"] == "Document"]
    assert documents[0]["label"] == "Beijing AI Action Plan 2024-2025"  # its title


@pytest.mark.parametrize(
    ("path", "iri", "status", "message"),
    [
        ("api/node", "not an iri", 400, "iri must be an absolute IRI"),
        ("api/node", ID + "actor/nobody", 404, "no node"),
        ("api/document", "", 400, "iri must be an absolute IRI"),
        ("api/document", GOVERNMENT, 404, "no document"),
    ],
)
def test_node_and_document_errors(
    http: httpx.Client, path: str, iri: str, status: int, message: str
) -> None:
    response = http.get(path, params={"iri": iri})
    assert response.status_code == status
    assert message in response.json()["error"]


def test_document_lists_what_was_extracted(http: httpx.Client, records: Any) -> None:
    document = get(http, "api/document", iri=BEIJING_DOC)
    assert document["title"] == "Beijing AI Action Plan 2024-2025"
    assert document["issued"] == "2024-01-15"
    assert document["text"] == records[0].document.text
    kinds = [item["kind"] for item in document["items"]]
    assert kinds.count("Target") == 3
    assert kinds.count("Measure") == 2
    assert kinds.count("Statistic") == 1
    assert kinds.count("Plan") == 1
    starts = [item["start"] for item in document["items"]]
    assert starts == sorted(starts)
    for item in document["items"]:
        # offsets count code points: the title's U+1D538 comes before every sentence
        assert document["text"][item["start"] : item["end"]] == item["text"]
    mentions = {(m["label"], m["kind"]) for m in document["mentions"]}
    assert ("Baidu", "Company") in mentions
    assert ("China", "Region") in mentions


def test_documents(http: httpx.Client) -> None:
    documents = get(http, "api/documents")
    assert [d["identifier"] for d in documents] == ["beijing-ai-2024", "shanghai-ai-2023"]


def test_status(http: httpx.Client) -> None:
    status = get(http, "api/status")
    assert status["readOnly"] is True
    assert (status["timeout"], status["maxRows"], status["maxBody"], status["workers"]) == (
        2.0,
        100,
        20000,
        2,
    )
    assert (status["maxMemory"], status["maxDepth"]) == (2 << 30, 128)


def test_page_loads_only_from_this_server(http: httpx.Client) -> None:
    page = http.get("")
    assert page.status_code == 200
    policy = page.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "connect-src 'self'" in policy
    assert page.headers["X-Frame-Options"] == "DENY"
    references = re.findall(r'(?:src|href)="([^"]*)"', page.text)
    assert references
    for reference in references:
        assert not re.match(r"^[a-z]+:|^//|^/", reference) or reference == "data:,", reference
        if reference != "data:,":
            assert http.get(reference).status_code == 200, reference


@pytest.mark.parametrize(
    "path",
    [
        "static/%2e%2e/app.py",
        "vendor/yasgui/%2e%2e/README.md",
        "vendor/cytoscape/%2E%2E/refresh.sh",
    ],
)
def test_only_the_page_files_are_served(server: Any, path: str) -> None:
    """Paths are sent as they are (no client-side clean-up of the dots)."""
    import urllib.error
    import urllib.request

    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(server.url + path)
    with missing.value as error:
        assert error.code == 404


# ---- the page's views -------------------------------------------------------------------

PLAN = ID + "plan/beijing-2024"


def test_summary_counts_kinds_and_languages(http: httpx.Client) -> None:
    summary = get(http, "api/summary")
    assert summary["counts"] == {
        "documents": 2,
        "plans": 2,
        "targets": 4,
        "statistics": 1,
        "measures": 3,
        "actors": 5,
        "regions": 3,
    }
    languages = {entry["code"]: entry for entry in summary["languages"]}
    assert languages["zh"]["names"] == 3  # the Chinese names of Beijing and its government
    assert languages["zh"]["name"] == "Chinese"
    assert [y["year"] for y in summary["deadlines"]] == [2025, 2026]


def test_plans_table_pages_sorts_filters_and_downloads(http: httpx.Client) -> None:
    answer = get(http, "api/plans", sort="targets", order="desc", size="1")
    assert (answer["total"], len(answer["rows"]), answer["page"]) == (2, 1, 1)
    beijing = answer["rows"][0]
    assert beijing["iri"] == PLAN
    assert beijing["label"] == "Beijing Action Plan for Artificial Intelligence (2024-2025)"
    assert (beijing["targets"], beijing["measures"], beijing["documents"]) == (3, 2, 1)
    assert (beijing["periodStart"], beijing["periodEnd"], beijing["level"]) == (2024, 2025, "city")
    assert {(n["text"], n["lang"]) for n in beijing["region"]["names"]} == {
        ("Beijing", ""),
        ("北京", "zh"),
    }
    assert get(http, "api/plans", sort="targets", order="desc", size="1", page="2")["rows"][0][
        "label"
    ].startswith("Shanghai")
    facets = answer["facets"]
    assert [r["label"] for r in facets["regions"]] == ["Beijing", "Shanghai"]
    assert facets["years"] == [2023, 2024, 2025]
    only = get(http, "api/plans", region=ID + "region/shanghai")
    assert [r["region"]["label"] for r in only["rows"]] == ["Shanghai"]
    assert get(http, "api/plans", year="2023")["total"] == 1
    assert get(http, "api/plans", q="北京")["rows"][0]["iri"] == PLAN
    response = http.get("api/plans", params={"format": "csv", "sort": "plan"})
    assert response.headers["content-type"].startswith("text/csv")
    lines = response.text.splitlines()
    assert lines[0].startswith("plan,region,level,issuer,issued")
    assert len(lines) == 3


def test_plan_card_in_plain_words(http: httpx.Client) -> None:
    plan = get(http, "api/plan", iri=PLAN)
    assert [i["label"] for i in plan["issuers"]] == ["Beijing Municipal People's Government"]
    assert plan["regions"][0]["level"] == "city"
    target = next(t for t in plan["targets"] if t["metric"] == "AI core industry scale")
    assert (target["words"], target["comparator"], target["year"]) == (
        "300 billion yuan",
        "more than",
        2025,
    )
    [evidence] = target["evidence"]
    assert evidence["text"].startswith("By 2025, the scale of Beijing's AI core industry")
    assert [s["words"] for s in plan["statistics"]] == ["215 billion yuan"]
    assert {m["category"] for m in plan["measures"]} == {"financial support", "infrastructure"}
    government = next(a for a in plan["actors"] if a["issued"])
    assert government["label"] == "Beijing Municipal People's Government"
    assert {"text": "北京市人民政府", "lang": "zh"} in government["names"]
    assert [d["identifier"] for d in plan["documents"]] == ["beijing-ai-2024"]


def test_actor_card(http: httpx.Client) -> None:
    actor = get(http, "api/actor", iri=GOVERNMENT)
    assert actor["kind"] == "GovernmentBody"
    assert {"text": "Beijing government", "lang": ""} in actor["otherNames"]
    assert [p["iri"] for p in actor["plans"]] == [PLAN]
    assert actor["plans"][0]["issued"] is True
    assert {i["label"] for i in actor["responsibilities"]} == {
        "AI core industry scale",
        "set up an AI industry fund",
    }
    assert http.get("api/actor", params={"iri": ID + "actor/nobody"}).status_code == 404


def test_compare_chart_is_an_aggregate_and_rows_page(http: httpx.Client) -> None:
    answer = get(http, "api/compare", metric="Core  INDUSTRY")
    assert (answer["metric"], answer["unit"], answer["unitWords"]) == (
        "core industry",
        "CNY",
        "yuan",
    )
    [bar] = answer["bars"]
    assert (bar["region"]["label"], bar["year"], bar["words"], bar["targets"]) == (
        "Beijing",
        2025,
        "300 billion yuan",
        1,
    )
    assert get(http, "api/compare", metric="core industry", year="2024")["bars"] == []
    units = {u["unit"] for u in get(http, "api/compare", metric="")["units"]}
    assert units == {"CNY", "EFLOPS", "count"}
    rows = get(http, "api/compare/rows", metric="", unit="count", sort="value", order="desc")
    assert [(r["region"]["label"], r["words"]) for r in rows["rows"]] == [
        ("Beijing", "10,000"),
        ("Shanghai", "1,000"),
    ]
    assert rows["rows"][1]["comparator"] == "more than"
    response = http.get("api/compare/rows", params={"metric": "", "unit": "count", "format": "csv"})
    assert response.text.splitlines()[0].startswith("region,level,target,value (base units)")


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("北京", ("Beijing", "Region")),
        ("北京市人民政府", ("Beijing Municipal People's Government", "GovernmentBody")),
        ("人民政府", ("Beijing Municipal People's Government", "GovernmentBody")),
        ("gov", ("Beijing Municipal People's Government", "GovernmentBody")),
    ],
)
def test_search_finds_names_in_every_language(
    http: httpx.Client, text: str, first: tuple[str, str]
) -> None:
    found = get(http, "api/search", q=text)
    assert (found[0]["label"], found[0]["kind"]) == first


@pytest.mark.parametrize(
    ("path", "params", "message"),
    [
        ("api/compare", {"metric": "x", "year": "soon"}, "year"),
        ("api/compare", {"metric": "x", "min": "lots"}, "min"),
        ("api/compare/rows", {"metric": "x"}, "unit is required"),
        ("api/plans", {"page": "two"}, "whole numbers"),
        ("api/plan", {"iri": "nope"}, "absolute IRI"),
    ],
)
def test_page_endpoints_refuse_bad_values(
    http: httpx.Client, path: str, params: dict[str, str], message: str
) -> None:
    response = http.get(path, params=params)
    assert response.status_code == 400
    assert message in response.json()["error"]


@pytest.mark.parametrize("text", ['") } SELECT * WHERE { ?s ?p ?o } #', "\\", "' ; DROP ALL ; '"])
def test_compare_metric_is_bound_never_pasted(http: httpx.Client, text: str) -> None:
    assert get(http, "api/compare", metric=text, unit="CNY")["bars"] == []


def cells(rows: object) -> list[tuple[str, ...]]:
    return [tuple("" if v is None else str(v) for v in row) for row in rows]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("evidence", {}),
        ("targets-by-region", {}),
        ("targets-by-region", {"region": "Beijing"}),
        ("plans", {}),
        # read by the workers as the embedded store reads them: rows, then details
        ("measures-by-category", {"region": "Beijing"}),
        ("metric-across-regions", {"metric": "core"}),
        ("companies-and-governments", {}),
        ("actors-in-several-plans", {"type": "GovernmentBody"}),
        ("plan-documents", {}),
        ("progress", {}),
        ("people", {}),
    ],
)
@pytest.mark.parametrize(("offset", "limit"), [(0, 2), (1, 3), (100, 5)])
def test_a_library_query_by_name_gives_a_page_and_the_total(
    http: httpx.Client,
    served_store: Path,
    name: str,
    params: dict[str, str],
    offset: int,
    limit: int,
) -> None:
    from plangraph.query import run_named
    from plangraph.store import open_store

    store = open_store(served_store, read_only=True)
    try:
        whole = run_named(store, name, params, limit=0)
    finally:
        store.close()
    assert isinstance(whole, SelectResult)
    answer = get(http, f"api/library/{name}", **params, limit=str(limit), offset=str(offset))
    assert answer["variables"] == list(whole.variables)
    page = [[row[v] for v in answer["variables"]] for row in answer["rows"]]
    assert cells(page) == cells(whole.rows)[offset : offset + limit]
    assert answer["total"] == len(whole.rows)
    assert (answer["offset"], answer["limit"]) == (offset, limit)


@pytest.mark.parametrize(
    ("path", "params", "status", "words"),
    [
        ("api/library/nothing", {}, 404, "valid: "),
        ("api/library/plans", {"colour": "red"}, 400, "no parameter colour"),
        ("api/library/plans", {"limit": "many"}, 400, "whole numbers"),
        ("api/library/evidence", {"limit": "5000"}, 400, "limit must be 1 to 1000"),
        ("api/library/evidence", {"node": "not an iri"}, 400, "not a valid iri"),
    ],
)
def test_a_library_query_by_name_refuses_bad_requests(
    http: httpx.Client, path: str, params: dict[str, str], status: int, words: str
) -> None:
    response = http.get(path, params=params)
    assert response.status_code == status
    assert words in response.json()["error"]
