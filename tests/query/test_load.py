"""``plangraph load``: an export loaded into a store gives back the same quads and links.

Covers :mod:`plangraph.load` on the hand-made store of records.py, through the bulk path
(an empty embedded store) and the graph-by-graph path (a store that already holds data).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from plangraph.errors import StoreError
from plangraph.graph.links import LINKS_GRAPH
from plangraph.graph.vocab import PG
from plangraph.load import load
from plangraph.store import open_store
from plangraph.store.base import SelectResult, Store

from .records import build_store


def quad_set(store: Store) -> set[tuple[str, ...]]:
    return {tuple(str(x) for x in quad) for quad in store.quads()}


def links(store: Store) -> set[tuple[str, str, str]]:
    return {(str(s), str(p), str(o)) for s, p, o, g in store.quads() if str(g) == str(LINKS_GRAPH)}


def union(store: Store) -> set[tuple[str, ...]]:
    result = store.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    assert isinstance(result, SelectResult)
    return {tuple(str(x) for x in row) for row in result.rows}


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return build_store(tmp_path_factory.mktemp("original") / "store")


@pytest.mark.parametrize("fmt, suffix", [("nquads", ".nq"), ("trig", ".trig")])
def test_export_then_load_gives_the_same_quads_and_links(
    original: Store, tmp_path: Path, fmt: str, suffix: str
) -> None:
    path = tmp_path / f"backup{suffix}"
    path.write_bytes(original.serialize(fmt))
    copy = open_store(tmp_path / "copy")
    report = load(path, copy)
    assert quad_set(copy) == quad_set(original)
    assert union(copy) == union(original)
    assert links(copy) == links(original)
    assert any(p == str(PG.conflictsWith) for _, p, _ in links(copy))
    assert report.graphs == len(original.documents())


def test_loaded_links_are_recomputed_not_copied(original: Store, tmp_path: Path) -> None:
    forged = Graph()
    forged.add((URIRef("urn:x:a"), PG.revises, URIRef("urn:x:b")))
    path = tmp_path / "backup.nq"
    data = original.serialize("nquads") + b"<urn:x:a> <%s> <urn:x:b> <%s> .\n" % (
        str(PG.revises).encode(),
        str(LINKS_GRAPH).encode(),
    )
    path.write_bytes(data)
    copy = open_store(tmp_path / "copy")
    load(path, copy)
    assert ("urn:x:a", str(PG.revises), "urn:x:b") not in links(copy)
    assert links(copy) == links(original)


def test_load_into_a_store_with_data_replaces_graph_by_graph(
    original: Store, tmp_path: Path
) -> None:
    path = tmp_path / "backup.nq"
    path.write_bytes(original.serialize("nquads"))
    copy = open_store(tmp_path / "copy")
    extra = Graph()
    extra.add((URIRef("urn:x:s"), URIRef("urn:x:p"), URIRef("urn:x:o")))
    copy.put_document(URIRef("urn:x:other"), extra)
    load(path, copy)
    other = {("urn:x:s", "urn:x:p", "urn:x:o", g) for g in ("urn:x:other", "None")}
    assert quad_set(copy) == quad_set(original) | other
    assert links(copy) == links(original)


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("broken.nq", b"not a quad .\n", "not valid nquads"),
        ("broken.trig", b"<urn:x:a> <urn:x:b> {", "not valid trig"),
        ("graph.ttl", b"", "cannot tell the format"),
    ],
)
def test_a_bad_file_loads_nothing(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    copy = open_store(tmp_path / "copy")
    with pytest.raises(StoreError, match=message) as caught:
        load(path, copy)
    assert name in str(caught.value)
    assert len(quad_set(copy)) == 0


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such file"):
        load(tmp_path / "missing.nq", open_store(tmp_path / "copy"))


def test_names_are_derived_for_every_plan_and_target_and_leave_with_them(tmp_path: Path) -> None:
    store = build_store(tmp_path / "store")
    names = store.query(
        "SELECT ?plan ?region ?name WHERE { ?plan a pg:Plan ; pg:regionName ?region ; "
        "pg:planName ?name } ORDER BY ?plan"
    )
    assert isinstance(names, SelectResult)
    plans = store.query("SELECT DISTINCT ?plan WHERE { ?plan a pg:Plan } ORDER BY ?plan")
    assert isinstance(plans, SelectResult)
    assert [row[0] for row in names.rows] == [row[0] for row in plans.rows]
    assert "Zhejiang" in {str(row[1]) for row in names.rows}
    unworded = store.query("ASK { ?t a pg:Target . FILTER NOT EXISTS { ?t pg:wording ?w } }")
    assert unworded is False
    from plangraph.workflow import remove

    remove(["hangzhou-2023-ai-plan"], store)
    left = store.query('ASK { ?plan pg:regionName "Hangzhou" }')
    assert left is False


def test_each_metric_key_is_a_search_key_once_and_leaves_with_its_last_target(
    tmp_path: Path,
) -> None:
    store = build_store(tmp_path / "store")
    keys = "SELECT ?key WHERE { ?target pg:metricKey ?key }"
    searched = "SELECT ?key WHERE { ?links pg:searchKey ?key }"

    def texts(sparql: str) -> list[str]:
        result = store.query(sparql)
        assert isinstance(result, SelectResult)
        return [str(row[0]) for row in result.rows]

    assert sorted(texts(searched)) == sorted(set(texts(keys)))
    assert len(texts(keys)) > len(texts(searched))  # targets share keys: each is read once
    from plangraph.workflow import remove

    before = set(texts(searched))
    remove(["hangzhou-2023-ai-plan"], store)
    assert sorted(texts(searched)) == sorted(set(texts(keys)))
    assert set(texts(searched)) < before  # the keys only its targets had are gone


# every figure of a plan's target with a wording, read from the targets themselves
_FIGURES_READ = """
SELECT ?plan ?target ?key ?unit ?value ?stated ?year ?source WHERE {
  ?plan pg:hasTarget ?target . ?target pg:metricKey ?key .
  { ?target pg:unit ?unit ; pg:value ?value . BIND("as stated" AS ?stated) }
  UNION { ?target pg:alsoStatedAs ?a . ?a pg:unit ?unit ; pg:value ?value .
          BIND("also stated" AS ?stated) }
  OPTIONAL { ?target pg:targetYear ?year }
  OPTIONAL { ?target prov:wasDerivedFrom ?source }
}
"""
# the same, read from the figure index
_FIGURES_INDEXED = """
SELECT ?plan ?target ?key ?unit ?value ?stated ?year ?source WHERE {
  ?figure pg:figureIn ?under ; pg:figureOf ?target ; pg:figurePlan ?plan ;
          pg:figureValue ?value .
  ?under pg:figureKey ?key ; pg:figureUnit ?unit ; pg:figureStated ?stated .
  OPTIONAL { ?figure pg:figureYear ?year }
  OPTIONAL { ?figure pg:figureSource ?source }
}
"""


def test_the_figure_index_holds_every_figure_of_the_targets_and_leaves_with_them(
    tmp_path: Path,
) -> None:
    store = build_store(tmp_path / "store")

    def rows(sparql: str) -> set[tuple[str | None, ...]]:
        result = store.query(sparql)
        assert isinstance(result, SelectResult)
        return {tuple(None if term is None else term.n3() for term in row) for row in result.rows}

    read = rows(_FIGURES_READ)
    assert rows(_FIGURES_INDEXED) == read
    assert {row[5] for row in read} == {'"as stated"', '"also stated"'}  # both kinds held
    from plangraph.workflow import remove

    remove(["hangzhou-2023-ai-plan"], store)
    assert rows(_FIGURES_INDEXED) == rows(_FIGURES_READ) < read


def test_a_store_without_the_derived_names_says_how_to_get_them(tmp_path: Path) -> None:
    from plangraph.errors import QueryError
    from plangraph.query import run_named
    from plangraph.workflow import refresh_links

    store = build_store(tmp_path / "store")
    store.remove_document(LINKS_GRAPH)  # as a store written before the names existed
    with pytest.raises(QueryError, match="run plangraph ingest"):
        run_named(store, "targets-by-region", {})
    refresh_links(store)
    assert isinstance(run_named(store, "targets-by-region", {}), SelectResult)


_NAMED_IN = """
SELECT ?actor (COUNT(DISTINCT ?plan) AS ?n) WHERE {
  ?plan a pg:Plan ; pg:reportedIn/pg:mentions ?actor . ?actor a pg:Actor
} GROUP BY ?actor
"""


def plan_counts(store: Store, sparql: str) -> dict[str, int]:
    result = store.query(sparql)
    assert isinstance(result, SelectResult)
    return {str(actor): int(str(n)) for actor, n in result.rows}


def assert_derived_in_step(store: Store) -> None:
    """The stored derived graph is what the store's documents give now."""
    from plangraph.graph.links import derive_links

    fresh = {(str(s), str(p), str(o)) for s, p, o in derive_links(store)}
    assert links(store) == fresh
    derived = "SELECT ?actor ?n WHERE { ?actor pg:planCount ?n }"
    assert plan_counts(store, derived) == plan_counts(store, _NAMED_IN)


def test_derived_data_follows_ingest_reingest_and_remove(tmp_path: Path) -> None:
    from dataclasses import replace

    from plangraph.graph import iris
    from plangraph.graph.build import extraction_graph
    from plangraph.workflow import refresh_links, remove

    from .records import zhejiang_2024

    store = build_store(tmp_path / "store")
    assert_derived_in_step(store)
    before = plan_counts(store, _NAMED_IN)
    # the later plan re-ingested without the actors it named: their counts drop
    changed = replace(zhejiang_2024(), actors=())
    store.put_document(iris.document_iri(changed.document.doc_id), extraction_graph(changed))
    refresh_links(store)
    assert_derived_in_step(store)
    assert plan_counts(store, _NAMED_IN) != before
    remove(["zhejiang-2023-ai-plan-news"], store)
    assert_derived_in_step(store)
    remove(["hangzhou-2023-ai-plan"], store)
    assert_derived_in_step(store)


def test_a_store_with_older_derived_data_is_told_to_rebuild_it(tmp_path: Path) -> None:
    from plangraph.errors import QueryError
    from plangraph.query import derived_current, run_named
    from plangraph.workflow import refresh_links

    store = build_store(tmp_path / "store")
    assert derived_current(store)
    older = Graph()  # the links graph as a plangraph without counts or version wrote it
    for s, p, o, g in store.quads():
        if g == LINKS_GRAPH and p not in (PG.derivedVersion, PG.planCount):
            older.add((s, p, o))
    store.put_document(LINKS_GRAPH, older)
    assert not derived_current(store)
    with pytest.raises(QueryError, match="older version: run plangraph ingest"):
        run_named(store, "actors-in-several-plans", {})
    refresh_links(store)
    assert derived_current(store)
