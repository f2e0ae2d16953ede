"""The property-graph view: what nodes, fields and edges the store's RDF becomes, and the
parts a Selection picks."""

from __future__ import annotations

from collections import Counter, defaultdict

import networkx as nx
import pytest

from plangraph.errors import ExportError
from plangraph.export.view import Selection, build_view, cooccurrence, plain, plain_view
from plangraph.graph.iris import actor_iri, document_iri, plan_iri, region_iri
from plangraph.model import Extraction
from plangraph.store.oxigraph import OxigraphStore

BEIJING_PLAN = "Beijing Action Plan for Artificial Intelligence (2024-2026)"
SHANGHAI_PLAN = "Shanghai Three-Year Plan for AI Industry"


@pytest.fixture
def view(policy_store: OxigraphStore) -> nx.DiGraph:
    return build_view(policy_store)


def nodes_of(view: nx.Graph, kind: str) -> dict[str, dict[str, object]]:
    return {n: d for n, d in view.nodes(data=True) if d.get("type") == kind}


def by_label(view: nx.Graph, kind: str) -> dict[str, dict[str, object]]:
    return {str(d["label"]): d for d in nodes_of(view, kind).values()}


def test_every_node_type_is_counted(view: nx.DiGraph) -> None:
    counts = Counter(d["type"] for _, d in view.nodes(data=True))
    assert counts == {
        "actor": 7,
        "region": 4,
        "plan": 2,
        "target": 4,
        "measure": 3,
        "statistic": 1,
        "document": 3,
    }


def test_fields_are_typed(view: nx.DiGraph) -> None:
    targets = {
        (d["region"], d["metric"], d.get("year")): d for d in nodes_of(view, "target").values()
    }
    core = targets[("Beijing", "scale of the core AI industry", 2025)]
    assert core["value"] == 300_000_000_000.0 and isinstance(core["value"], float)
    assert isinstance(core["year"], int)
    assert core["unit"] == "CNY" and core["comparator"] == "MoreThan"
    assert core["plan"] == BEIJING_PLAN and core["region"] == "Beijing"
    assert core["responsible"] == "Beijing Municipal People's Government"
    platforms = targets[("Beijing", "national AI platforms", 2026)]
    assert (platforms["value"], platforms["max_value"]) == (5.0, 10.0)
    assert platforms["comparator"] == "Between"
    qualitative = targets[("Beijing", "trustworthy AI ecosystem", None)]
    assert "value" not in qualitative and "year" not in qualitative
    fund = by_label(view, "measure")["set up a 10 billion yuan AI fund"]
    assert fund["category"] == "financial-support" and fund["region"] == "Beijing"
    plan = view.nodes[str(plan_iri("Beijing-2024"))]
    assert plan["issuer"] == "Beijing Municipal People's Government"
    assert (plan["period_start"], plan["period_end"]) == (2024, 2026)
    assert (plan["targets"], plan["measures"]) == (3, 2)
    haidian = by_label(view, "region")["Haidian"]
    assert haidian["region_level"] == "District" and haidian["part_of"] == "Beijing"
    baidu = view.nodes[str(actor_iri("Baidu"))]
    assert baidu["actor_type"] == "Company" and baidu["alt_labels"] == "Baidu Inc."
    assert baidu["documents"] == 3
    assert view.nodes[str(actor_iri("Li Wei"))]["post"] == "director"


def test_no_field_is_none(view: nx.DiGraph) -> None:
    values = [v for _, d in view.nodes(data=True) for v in d.values()]
    values += [v for *_, d in view.edges(data=True) for v in d.values()]
    assert None not in values
    assert {type(v) for v in values} <= {str, int, float, bool}


def test_each_field_has_one_type(view: nx.DiGraph) -> None:
    # plain_view relies on it: the records of the whole store are not unified again
    types: dict[str, set[type]] = defaultdict(set)
    for _, fields in view.nodes(data=True):
        for name, value in fields.items():
            types[name].add(type(value))
    assert {name: found for name, found in types.items() if len(found) > 1} == {}


def test_evidence_is_the_documents_text(
    view: nx.DiGraph, extractions: dict[str, Extraction]
) -> None:
    texts = {e.document.doc_id: e.document.text for e in extractions.values()}
    facts = [d for _, d in view.nodes(data=True) if d["type"] in {"target", "measure", "plan"}]
    assert facts
    for fields in facts:
        text = texts[str(fields["document"])]
        start, end = fields["sentence_start"], fields["sentence_end"]
        assert isinstance(start, int) and isinstance(end, int)
        assert text[start:end] == fields["sentence"]


@pytest.mark.parametrize(
    ("source", "relation", "target"),
    [
        (plan_iri("Beijing-2024"), "issued_by", actor_iri("Beijing Municipal People's Government")),
        (plan_iri("Beijing-2024"), "jurisdiction", region_iri("Beijing")),
        (plan_iri("Beijing-2024"), "reported_in", document_iri("beijing-2024-plan")),
        (region_iri("Haidian"), "part_of", region_iri("Beijing")),
        (actor_iri("Li Wei"), "affiliated_with", actor_iri("Beijing Municipal Bureau of Economy")),
        (document_iri("news-2024-alliance"), "mentions", actor_iri("SenseTime")),
    ],
)
def test_relations_become_edges(view: nx.DiGraph, source: str, relation: str, target: str) -> None:
    assert view.edges[str(source), str(target)]["relation"] == relation


def test_facts_link_to_plans_actors_and_documents(view: nx.DiGraph) -> None:
    relations = Counter(r for *_, r in view.edges(data="relation"))
    assert relations["has_target"] == 4 and relations["has_measure"] == 3
    assert relations["has_statistic"] == 1
    # the actor is responsible: the edge runs from the actor to the target or measure
    responsible = [(s, t) for s, t, r in view.edges(data="relation") if r == "responsible_for"]
    assert len(responsible) == 3
    assert all(view.nodes[s]["type"] == "actor" for s, _ in responsible)
    reported = [t for s, t, r in view.edges(data="relation") if r == "reported_in"]
    assert {view.nodes[t]["type"] for t in reported} == {"document"}


def test_the_same_store_gives_the_same_view(policy_store: OxigraphStore) -> None:
    first, second = build_view(policy_store), build_view(policy_store)
    assert list(first.nodes(data=True)) == list(second.nodes(data=True))
    assert list(first.edges(data=True)) == list(second.edges(data=True))


def test_cooccurrence_weights_count_shared_documents(view: nx.DiGraph) -> None:
    network = cooccurrence(view)
    baidu, sensetime = str(actor_iri("Baidu")), str(actor_iri("SenseTime"))
    tsinghua, li_wei = str(actor_iri("Tsinghua University")), str(actor_iri("Li Wei"))
    assert network.edges[baidu, sensetime]["weight"] == 2  # Shanghai plan and the news
    assert network.edges[baidu, tsinghua]["weight"] == 2  # Beijing plan and the news
    assert network.edges[baidu, li_wei]["weight"] == 1
    assert not network.has_edge(li_wei, sensetime)
    assert {d["type"] for _, d in network.nodes(data=True)} == {"actor"}
    assert network.number_of_nodes() == 7


@pytest.mark.parametrize(
    ("selection", "present", "absent"),
    [
        (
            Selection(plan=BEIJING_PLAN.lower()),
            ["scale of the core AI industry", "Beijing", "Beijing AI Action Plan"],
            ["Shanghai Three-Year Plan for AI Industry", "open public computing power"],
        ),
        (
            Selection(plan=str(plan_iri("Shanghai-2023"))),
            [SHANGHAI_PLAN, "open public computing power", "Shanghai"],
            [BEIJING_PLAN],
        ),
        (
            Selection(region="Beijing Municipality"),  # an alias
            [BEIJING_PLAN, "Haidian", "set up a 10 billion yuan AI fund"],
            [SHANGHAI_PLAN],
        ),
        (
            Selection(region="China"),  # its places' plans too
            [BEIJING_PLAN, SHANGHAI_PLAN, "Haidian"],
            ["Baidu and SenseTime sign"],
        ),
        (
            Selection(actor="Li Wei", radius=1),
            ["Li Wei", "Beijing Municipal Bureau of Economy", "Beijing AI Action Plan"],
            ["Baidu", SHANGHAI_PLAN],
        ),
        (
            Selection(actor="li wei", radius=2),
            ["Baidu", "scale of the core AI industry"],
            ["SenseTime"],
        ),
        (
            Selection(actor="SenseTime", cooccurrence=True),
            ["SenseTime", "Baidu", "Tsinghua University"],
            ["Li Wei"],
        ),
    ],
)
def test_selections(
    policy_store: OxigraphStore, selection: Selection, present: list[str], absent: list[str]
) -> None:
    part = build_view(policy_store, selection)
    labels = {str(d["label"]) for _, d in part.nodes(data=True)}
    assert set(present) <= labels
    assert not set(absent) & labels
    assert part.graph["selection"]


def test_construct_view(policy_store: OxigraphStore) -> None:
    query = """
        CONSTRUCT { ?plan pg:hasTarget ?t . ?t a pg:Target ; rdfs:label ?l ; pg:value ?v ;
                    pg:targetYear ?y . ?plan rdfs:label ?pl }
        WHERE { ?plan pg:hasTarget ?t ; rdfs:label ?pl . ?t rdfs:label ?l ; pg:value ?v ;
                pg:targetYear ?y }
    """
    part = build_view(policy_store, Selection(construct=query))
    targets = nodes_of(part, "target")
    assert len(targets) == 3
    assert {type(d["value"]) for d in targets.values()} == {float}
    assert {type(d["year"]) for d in targets.values()} == {int}
    assert Counter(r for *_, r in part.edges(data="relation")) == {"has_target": 3}


@pytest.mark.parametrize(
    ("selection", "message"),
    [
        (Selection(plan="Atlantis plan"), "no plan named 'Atlantis plan'; e.g. "),
        (Selection(plan="plan"), "names 2 plans"),
        (Selection(actor="Nobody"), "no actor named 'Nobody'"),
        (Selection(plan="x", region="y"), "at most one of --plan, --region, --actor"),
        (Selection(region="China", cooccurrence=True), "--region selects from the property"),
        (Selection(cooccurrence=True, construct="CONSTRUCT {} WHERE {}"), "not both"),
        (Selection(construct="SELECT * WHERE { ?s ?p ?o }"), "expects a CONSTRUCT"),
        (Selection(construct="CONSTRUCT {"), "malformed SPARQL"),
        (Selection(actor="Baidu", radius=-1), "--radius must be 0 or more"),
    ],
)
def test_selection_errors_are_one_line(
    policy_store: OxigraphStore, selection: Selection, message: str
) -> None:
    with pytest.raises(Exception) as caught:
        build_view(policy_store, selection)
    assert caught.type.__name__ in {"ExportError", "QueryError"}
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_plain_drops_none_and_unifies_types() -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("a", value=3, year=2025, note=None, mixed=1)
    graph.add_node("b", value=2.5, mixed="two", tags=["x", "y"])
    graph.add_edge("a", "b", key="k", relation="r", weight=None)
    graph.add_edge("a", "b", key="l", relation="r")
    out = plain(graph)
    assert dict(out.nodes) == {
        "a": {"value": 3.0, "year": 2025, "mixed": "1"},
        "b": {"value": 2.5, "mixed": "two", "tags": "x; y"},
    }
    assert out.edges == [("a", "b", {"relation": "r"})] * 2


def test_plain_view_of_the_store_is_the_view(policy_store: OxigraphStore, view: nx.DiGraph) -> None:
    assert plain_view(policy_store) == plain(view)


def test_empty_store_gives_an_empty_view() -> None:
    from plangraph.store import open_store

    assert build_view(open_store(memory=True)).number_of_nodes() == 0
    with pytest.raises(ExportError, match="the view has no plan"):
        build_view(open_store(memory=True), Selection(plan="anything"))
