"""Every export read back by an independent reader and compared with the view: GraphML
and GEXF with networkx, the tables with pandas, Cytoscape JSON with json, RDF with rdflib,
DOT with a small tokenizer of our own (and Graphviz when it is installed)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from rdflib import RDF, Dataset, Graph

from plangraph.errors import ExportError
from plangraph.export import export, formats, view_bytes
from plangraph.export.view import Selection, build_view, plain
from plangraph.graph.iris import document_iri
from plangraph.graph.vocab import PG
from plangraph.model import Extraction
from plangraph.store.oxigraph import OxigraphStore

TYPED = {"value": float, "max_value": float, "year": int, "sentence_start": int, "label": str}


@pytest.fixture
def view(policy_store: OxigraphStore) -> nx.DiGraph:
    return build_view(policy_store)


def data(store: OxigraphStore, fmt: str, selection: Selection | None = None) -> bytes:
    out = export(store, fmt, selection=selection)
    assert isinstance(out, bytes) and out
    return out


def assert_same_graph(read: nx.Graph, view: nx.Graph) -> None:
    assert read.number_of_nodes() == view.number_of_nodes()
    assert read.number_of_edges() == view.number_of_edges()
    assert set(map(str, read.nodes)) == set(map(str, view.nodes))
    for node, fields in view.nodes(data=True):
        got = read.nodes[node]
        for name, kind in TYPED.items():
            if name in fields:
                assert isinstance(got[name], kind), (node, name, got[name])
                assert got[name] == fields[name]


def test_formats_are_listed() -> None:
    assert {"graphml", "gexf", "cytoscape", "csv", "dot", "html", "turtle", "nquads"} <= set(
        formats()
    )


def test_graphml_round_trip(policy_store: OxigraphStore, view: nx.DiGraph, tmp_path: Path) -> None:
    path = tmp_path / "view.graphml"
    assert export(policy_store, "graphml", path) is None
    read = nx.read_graphml(path)
    assert_same_graph(read, view)
    relations = {(s, t): r for s, t, r in read.edges(data="relation")}
    assert relations == {(s, t): r for s, t, r in view.edges(data="relation")}
    text = path.read_text("utf-8")
    assert 'attr.name="value" attr.type="double"' in text
    assert 'attr.name="year" attr.type="long"' in text


def test_gexf_round_trip(policy_store: OxigraphStore, view: nx.DiGraph) -> None:
    read = nx.read_gexf(_bytes_file(data(policy_store, "gexf")), node_type=str)
    assert read.number_of_nodes() == view.number_of_nodes()
    assert read.number_of_edges() == view.number_of_edges()
    for node, fields in view.nodes(data=True):
        got = read.nodes[node]
        assert got["label"] == fields["label"]
        if "value" in fields:
            assert isinstance(got["value"], float) and got["value"] == fields["value"]
        if "year" in fields:
            assert isinstance(got["year"], int) and got["year"] == fields["year"]
    assert {d["label"] for *_, d in read.edges(data=True)} == {
        r for *_, r in view.edges(data="relation")
    }


def _bytes_file(content: bytes) -> object:
    import io

    return io.BytesIO(content)


def test_cytoscape_elements(policy_store: OxigraphStore, view: nx.DiGraph) -> None:
    document = json.loads(data(policy_store, "cytoscape"))
    nodes, edges = document["elements"]["nodes"], document["elements"]["edges"]
    assert len(nodes) == view.number_of_nodes() and len(edges) == view.number_of_edges()
    ids = {n["data"]["id"] for n in nodes}
    assert ids == set(view.nodes)
    assert len({e["data"]["id"] for e in edges}) == len(edges)
    assert all(e["data"]["source"] in ids and e["data"]["target"] in ids for e in edges)
    for node in nodes:
        fields = node["data"]
        assert fields["name"] == fields["label"] == view.nodes[fields["id"]]["label"]
        assert None not in fields.values()
        if "value" in fields:
            assert isinstance(fields["value"], float)
        if "year" in fields:
            assert isinstance(fields["year"], int)
    assert {e["data"]["interaction"] for e in edges} == {r for *_, r in view.edges(data="relation")}


def test_csv_tables_for_pandas(
    policy_store: OxigraphStore,
    view: nx.DiGraph,
    extractions: dict[str, Extraction],
    tmp_path: Path,
) -> None:
    folder = tmp_path / "tables"
    assert export(policy_store, "csv", folder) is None
    counts = {t: sum(1 for _, d in view.nodes(data=True) if d["type"] == t) for t in ("plan",)}
    targets = pd.read_csv(folder / "targets.csv")
    assert len(targets) == 4
    assert targets["value"].dtype == float and targets["year"].dtype == float  # NaN: no year
    core = targets[(targets["region"] == "Beijing") & (targets["year"] == 2025)].iloc[0]
    assert core["value"] == 300_000_000_000 and core["unit"] == "CNY"
    assert core["comparator"] == "MoreThan"
    texts = {e.document.doc_id: e.document.text for e in extractions.values()}
    for table in ("targets", "measures", "plans", "statistics"):
        frame = pd.read_csv(folder / f"{table}.csv")
        assert {"sentence", "document", "start", "end"} <= set(frame.columns)
        for row in frame.itertuples():
            assert texts[row.document][row.start : row.end] == row.sentence
    plans = pd.read_csv(folder / "plans.csv")
    assert len(plans) == counts["plan"]
    assert set(plans["targets"]) == {3, 1}
    actors = pd.read_csv(folder / "actors.csv")
    assert len(actors) == 7 and actors["documents"].dtype == int
    measures = pd.read_csv(folder / "measures.csv")
    assert set(measures["category"]) == {"financial-support", "talent", "infrastructure"}
    for name in ("regions", "documents"):
        assert len(pd.read_csv(folder / f"{name}.csv")) == (4 if name == "regions" else 3)
    relations = pd.read_csv(folder / "relations.csv")
    assert len(relations) == view.number_of_edges()


def test_csv_needs_a_folder(policy_store: OxigraphStore, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="give it with -o FOLDER"):
        export(policy_store, "csv")
    (tmp_path / "file").write_text("x")
    with pytest.raises(ExportError, match="is a file"):
        export(policy_store, "csv", tmp_path / "file")


_DOT_STRING = r'"((?:[^"\\]|\\.)*)"'
_DOT_NODE = re.compile(rf"^  {_DOT_STRING} \[(.*)\];$")
_DOT_EDGE = re.compile(rf"^  {_DOT_STRING} (->|--) {_DOT_STRING}(?: \[(.*)\])?;$")


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": "\n"}.get(m[1], m[1]), text)


def parse_dot(text: str) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """Node id -> label, and edges, from plangraph's DOT; any other line fails."""
    lines = text.splitlines()
    assert lines[0] in {"digraph plangraph {", "graph plangraph {"} and lines[-1] == "}"
    nodes, edges = {}, []
    for line in lines[1:-1]:
        if line.startswith(("  graph [", "  node [", "  edge [")):
            continue
        if edge := _DOT_EDGE.match(line):
            fields = dict(re.findall(rf"(\w+)={_DOT_STRING}", edge[4] or ""))
            edges.append((_unquote(edge[1]), _unquote(edge[3]), _unquote(fields.get("label", ""))))
        elif node := _DOT_NODE.match(line):
            fields = dict(re.findall(rf"(\w+)={_DOT_STRING}", node[2]))
            nodes[_unquote(node[1])] = _unquote(fields["tooltip"])
        else:
            raise AssertionError(f"not a DOT statement of ours: {line!r}")
    return nodes, edges


def test_dot_round_trip(policy_store: OxigraphStore, view: nx.DiGraph) -> None:
    nodes, edges = parse_dot(data(policy_store, "dot").decode("utf-8"))
    assert nodes == {n: d["label"] for n, d in view.nodes(data=True)}
    assert sorted(edges) == sorted(view.edges(data="relation"))


def test_dot_quotes_hostile_labels() -> None:
    graph = nx.DiGraph()
    hostile = 'a "quoted" \\ back\nslash"]; evil -> x [label="'
    graph.add_node(hostile, label=hostile, type="actor")
    graph.add_edge(hostile, "b", relation='r"];')
    text = view_bytes(plain(graph), "dot").decode()
    nodes, edges = parse_dot(text)
    assert nodes[hostile] == hostile
    assert edges == [(hostile, "b", 'r"];')]


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_dot_renders_with_graphviz(policy_store: OxigraphStore) -> None:
    done = subprocess.run(
        ["dot", "-Tsvg"], input=data(policy_store, "dot"), capture_output=True, check=False
    )
    assert done.returncode == 0 and b"<svg" in done.stdout, done.stderr


def test_html_is_self_contained(policy_store: OxigraphStore, view: nx.DiGraph) -> None:
    page = data(policy_store, "html").decode("utf-8")
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=\"(https?:)?//", page)
    assert "cytoscape" in page and "window.cy" in page
    payload = re.search(
        r'<script id="plangraph-data" type="application/json">(.*?)</script>', page, re.S
    )
    assert payload is not None
    content = json.loads(payload[1])
    assert content["total_nodes"] == content["shown_nodes"] == view.number_of_nodes()
    assert len(content["elements"]["nodes"]) == view.number_of_nodes()
    assert all("position" in n for n in content["elements"]["nodes"])
    assert not content["sampled"]


def test_rdf_exports_parse(policy_store: OxigraphStore) -> None:
    turtle = Graph().parse(data=data(policy_store, "turtle"), format="turtle")
    assert len(set(turtle.subjects(RDF.type, PG.Target))) == 4
    dataset = Dataset()
    dataset.parse(data=data(policy_store, "nquads"), format="nquads")
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert str(document_iri("beijing-2024-plan")) in names


def test_view_options_do_not_apply_to_rdf(policy_store: OxigraphStore) -> None:
    with pytest.raises(ExportError, match="turtle exports the whole store"):
        export(policy_store, "turtle", selection=Selection(region="Beijing"))


def test_unknown_format_lists_the_valid_ones(policy_store: OxigraphStore) -> None:
    with pytest.raises(ExportError, match=r"unknown export format 'png'; valid: .*graphml"):
        export(policy_store, "png")


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "cytoscape", "dot", "html"])
def test_selection_reaches_every_writer(policy_store: OxigraphStore, fmt: str) -> None:
    whole = data(policy_store, fmt)
    part = data(policy_store, fmt, Selection(plan="Shanghai Three-Year Plan for AI Industry"))
    assert b"Shanghai Three-Year Plan" in part and b"Beijing Action Plan" not in part
    assert b"Beijing Action Plan" in whole


def test_removed_documents_leave_every_export(policy_store: OxigraphStore, tmp_path: Path) -> None:
    gone = "scale of the core AI industry will exceed 300 billion yuan"
    before = {fmt: data(policy_store, fmt) for fmt in ("graphml", "gexf", "cytoscape", "dot")}
    assert all(b"Beijing Action Plan" in d for d in before.values())
    assert policy_store.remove_document(document_iri("beijing-2024-plan"))
    view = build_view(policy_store)
    labels = {d["label"] for _, d in view.nodes(data=True)}
    assert "Beijing Action Plan for Artificial Intelligence (2024-2026)" not in labels
    assert {"Baidu", "Shanghai Three-Year Plan for AI Industry"} <= labels  # still named
    assert "Li Wei" not in labels and "Haidian" not in labels
    for fmt in ("graphml", "gexf", "cytoscape", "dot", "html"):
        after = data(policy_store, fmt)
        assert b"Beijing Action Plan" not in after and gone.encode() not in after, fmt
    export(policy_store, "csv", tmp_path / "tables")
    targets = pd.read_csv(tmp_path / "tables" / "targets.csv")
    assert list(targets["region"]) == ["Shanghai"]
    read = nx.read_graphml(_bytes_file(data(policy_store, "graphml")))
    assert read.number_of_nodes() == view.number_of_nodes()
