"""The explorer page's JSON API and files, against a running server."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

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


def test_search_finds_only_actors_plans_and_regions(http: httpx.Client) -> None:
    kinds = {n["kind"] for n in get(http, "api/search", q="a")}
    assert kinds <= {"Region", "Plan", "GovernmentBody", "Company", "ResearchInstitution"}
    assert "Target" not in kinds


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
        ["pg:Target"],
    )
    fields = {f["property"]: f["value"] for f in node["fields"]}
    assert fields["pg:metric"] == "AI core industry scale"
    assert fields["pg:value"] == "300000000000"
    assert fields["pg:unit"] == "CNY"
    assert fields["pg:comparator"] == "MoreThan"
    assert fields["pg:responsibleActor"] == "Beijing Municipal People's Government"
    assert "prov:wasDerivedFrom" not in fields  # evidence comes with its sentence
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


def test_node_of_an_actor_links_what_it_is_responsible_for(http: httpx.Client) -> None:
    node = get(http, "api/node", iri=GOVERNMENT)
    assert node["kind"] == "GovernmentBody"
    kinds = {n["kind"] for n in node["neighbours"]}
    assert {"Plan", "Target", "Measure", "Document"} <= kinds
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
