"""A page ordered in Python and its details read for its rows alone: the same rows, in
the same order, as the engine answering the query as written."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from rdflib import XSD, Graph, Literal, URIRef

from plangraph.store import SelectResult, open_store, oxigraph
from plangraph.store.oxigraph import OxigraphStore
from plangraph.store.paging import ROW, Rows, UnorderedError, plan, values

EX = "urn:x:"
DOC = URIRef("https://w3id.org/plangraph/id/document/paging")
P = {name: URIRef(f"{EX}{name}") for name in ("n", "s", "y", "mixed", "label", "note")}


def _node(i: int) -> URIRef:
    return URIRef(f"{EX}node/{i:02d}")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphStore]:
    """Nodes with a number (integers, decimals and doubles mixed), a string, a year, a
    column of numbers beside strings, sometimes none; ties on purpose."""
    graph = Graph()
    numbers = [
        Literal(3),
        Literal("2.5", datatype=XSD.decimal),
        Literal(-1),
        Literal(3),
        Literal("1e1", datatype=XSD.double),
        Literal("0.25", datatype=XSD.decimal),
    ]
    strings = ["b", "a", "é", "B", "a", "ab", "", "z"]
    for i in range(14):
        node = _node(i)
        if i % 5 != 4:
            graph.add((node, P["n"], numbers[i % len(numbers)]))
        if i % 7 != 3:
            graph.add((node, P["s"], Literal(strings[i % len(strings)])))
        graph.add((node, P["y"], Literal(str(2020 + i % 4), datatype=XSD.gYear)))
        graph.add((node, P["mixed"], Literal(i) if i % 2 else Literal(f"v{i}")))
        graph.add((node, P["label"], Literal(f"node {i}")))
    graph.add((_node(1), P["note"], Literal("first note")))
    graph.add((_node(1), P["note"], Literal("second note")))  # two answers for one row
    opened = open_store(tmp_path_factory.mktemp("paging") / "store")
    assert isinstance(opened, OxigraphStore)
    opened.put_document(DOC, graph)
    yield opened
    opened.close()


ROWS = f"""
SELECT ?node ?n ?s ?y ?label WHERE {{
  ?node <{P["y"]}> ?y .
  OPTIONAL {{ ?node <{P["n"]}> ?n }}
  OPTIONAL {{ ?node <{P["s"]}> ?s }}
  # details: the label, one each
  LATERAL {{ OPTIONAL {{ ?node <{P["label"]}> ?label }} }}
}}
"""


def engine(store: OxigraphStore, sparql: str) -> list[tuple[str | None, ...]]:
    result = store.query(sparql)
    assert isinstance(result, SelectResult)
    return [tuple(None if v is None else v.n3() for v in row) for row in result.rows]


def paged(
    store: OxigraphStore, sparql: str, offset: int = 0, size: int | None = None
) -> tuple[list[tuple[str | None, ...]], int | None]:
    result = store.query_page(sparql, None, offset, size)
    assert isinstance(result, SelectResult)
    rows = [tuple(None if v is None else v.n3() for v in row) for row in result.rows]
    return rows, result.total


@pytest.mark.parametrize(
    "order",
    [
        "?n ?node",
        "DESC(?n) ?node",
        "?s ?node",
        "DESC(?s) DESC(?node)",
        "?y DESC(?n) ?s ?node",
        "ASC(?y) ?s DESC(?n) ?node",
        "?node",
    ],
)
@pytest.mark.parametrize(("offset", "size"), [(0, None), (0, 4), (5, 4), (12, 10), (20, 3)])
def test_a_page_is_the_engines_window(
    store: OxigraphStore, order: str, offset: int, size: int | None
) -> None:
    sparql = f"{ROWS}ORDER BY {order}"
    order_plan = plan(sparql)
    assert order_plan is not None and order_plan.details is not None
    whole = engine(store, sparql)
    end = None if size is None else offset + size
    assert paged(store, sparql, offset, size) == (whole[offset:end], len(whole))


def test_numbers_beside_strings_are_left_to_the_engine(store: OxigraphStore) -> None:
    sparql = f"SELECT ?node ?m WHERE {{ ?node <{P['mixed']}> ?m }} ORDER BY ?m ?node"
    assert plan(sparql) is not None
    whole = engine(store, sparql)
    assert paged(store, sparql, 3, 5) == (whole[3:8], len(whole))


def test_details_giving_a_row_two_answers_are_read_as_written(store: OxigraphStore) -> None:
    # the query breaks its promise: the page is then the engine's, rows and all
    sparql = ROWS.replace(f"?node <{P['label']}> ?label", f"?node <{P['note']}> ?label")
    sparql += "ORDER BY ?node"
    whole = engine(store, sparql)
    assert len(whole) == 15
    assert paged(store, sparql, 0, 4) == (whole[:4], 15)


@pytest.mark.parametrize(
    ("sparql", "keys"),
    [
        (
            "SELECT ?a WHERE { ?a ?p ?b } ORDER BY ?b DESC(?a) ASC(?p)",
            (("b", False), ("a", True), ("p", False)),
        ),
        ("SELECT ?a WHERE { ?a ?p ?b } order by desc( ?b )", (("b", True),)),
    ],
)
def test_plain_order_conditions_are_taken_over(
    sparql: str, keys: tuple[tuple[str, bool], ...]
) -> None:
    found = plan(sparql)
    assert found is not None
    assert found.keys == keys
    assert found.text == sparql[: sparql.upper().index("ORDER")]


@pytest.mark.parametrize(
    "sparql",
    [
        "SELECT ?a WHERE { ?a ?p ?b }",
        "SELECT ?a WHERE { ?a ?p ?b } ORDER BY STR(?b)",
        "SELECT ?a WHERE { ?a ?p ?b } ORDER BY ?b LIMIT 3",
        "SELECT ?a WHERE { ?a ?p ?b } ORDER BY ?b OFFSET 1",
    ],
)
def test_other_orders_are_the_engines(sparql: str) -> None:
    assert plan(sparql) is None


@pytest.mark.parametrize(
    "sparql",
    [
        # a key read only in the details
        "SELECT ?a ?n WHERE { ?a ?p ?b\n # details: x\n OPTIONAL { ?b <urn:x:n> ?n } } ORDER BY ?n",
        # rows made distinct: the details are not per row
        "SELECT DISTINCT ?a ?n WHERE { ?a ?p ?b\n # details: x\n OPTIONAL { ?b <urn:x:n> ?n } } "
        "ORDER BY ?a",
        # the marker inside a nested group
        "SELECT ?a ?n WHERE { ?a ?p ?b { # details: x\n OPTIONAL { ?b <urn:x:n> ?n } } } "
        "ORDER BY ?a",
        # groups of rows
        "SELECT ?a (COUNT(*) AS ?n) WHERE { ?a ?p ?b\n # details: x\n } GROUP BY ?a ORDER BY ?a",
    ],
)
def test_details_are_read_apart_only_when_the_query_allows(sparql: str) -> None:
    found = plan(sparql)
    assert found is not None
    assert found.details is None


def test_details_are_handed_the_variables_they_read() -> None:
    found = plan(ROWS + "ORDER BY ?n")
    assert found is not None and found.rows is not None
    assert found.carried == ("node", "n", "s", "y")
    assert "LATERAL" not in found.rows


def test_a_blank_node_cannot_be_handed_on() -> None:
    import pyoxigraph as ox

    with pytest.raises(UnorderedError):
        values(["a"], [[ox.BlankNode("b0")]])
    assert values(["a", "b"], [[ox.Literal("x"), None]]) == (
        'VALUES (?plangraphPageRow ?a ?b) { (0 "x" UNDEF) }'
    )


RANKED = f"""
SELECT ?node ?n ?s ?y ?label ?note WHERE {{
  ?node <{P["y"]}> ?y .
  OPTIONAL {{ ?node <{P["n"]}> ?n }}
  # later keys: the notes (counted: node 1 has two), then the string, one each
  LATERAL {{ OPTIONAL {{ ?node <{P["note"]}> ?note }} }}
  LATERAL {{ OPTIONAL {{ ?node <{P["s"]}> ?s }} }}
  # details: the label, one each
  LATERAL {{ OPTIONAL {{ ?node <{P["label"]}> ?label }} }}
}}
"""


@pytest.fixture
def later(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many answers each later keys' pass of the embedded store reads."""
    counts: list[int] = []
    solve = oxigraph.solve

    def recorded(engine: Any, sparql: str) -> tuple[tuple[str, ...], Rows] | None:
        found = solve(engine, sparql)
        if found is not None and found[0][0] == ROW and "later keys:" in sparql:
            counts.append(len(found[1]))
        return found

    monkeypatch.setattr(oxigraph, "solve", recorded)
    return counts


@pytest.mark.parametrize(
    ("order", "leading"),
    [
        ("?y ?s ?node ?note", 1),
        ("?y DESC(?n) ?s ?node DESC(?note)", 2),
        ("DESC(?n) ?s DESC(?node) ?note", 1),
        ("?n ?y DESC(?s) ?note ?node", 2),
        ("?y ?note ?node", 1),
    ],
)
@pytest.mark.parametrize(("offset", "size"), [(0, 4), (5, 4), (3, 1), (4, 2), (12, 10), (20, 3)])
def test_later_keys_are_read_for_the_rows_tied_with_the_page(
    store: OxigraphStore, later: list[int], order: str, leading: int, offset: int, size: int
) -> None:
    sparql = f"{RANKED}ORDER BY {order}"
    order_plan = plan(sparql)
    assert order_plan is not None and order_plan.ranked is not None
    assert order_plan.leading == leading and order_plan.lookups == ("s", "note")
    whole = engine(store, sparql)
    assert len(whole) == 15
    assert paged(store, sparql, offset, size) == (whole[offset : offset + size], 15)
    if offset < len(whole):
        # the page's rows and those tied with them on the leading keys, not the answer
        assert len(later) == 1 and min(size, 15 - offset) <= later[0] < 15
    else:
        assert later == []


def test_every_row_is_read_in_one_pass_when_no_page_is_asked_for(
    store: OxigraphStore, later: list[int]
) -> None:
    sparql = f"{RANKED}ORDER BY ?y ?s ?node ?note"
    assert paged(store, sparql) == (engine(store, sparql), 15)
    assert later == []


def test_a_later_key_giving_a_row_two_answers_is_read_as_written(
    store: OxigraphStore, later: list[int]
) -> None:
    # the query breaks its promise (the second lookup gives node 1 two answers too): a
    # page whose rows or ties hold that row sees it and is the engine's, rows and total
    sparql = RANKED.replace(f"?node <{P['s']}> ?s", f"?node <{P['note']}> ?s")
    sparql += "ORDER BY ?y ?s ?note ?node"
    whole = engine(store, sparql)
    assert len(whole) == 17
    first = next(i for i, row in enumerate(whole) if row[0] == _node(1).n3())
    assert paged(store, sparql, first, 1) == (whole[first : first + 1], 17)
    assert later == [7]  # its year's four rows, counted five answers: seven came


@pytest.mark.parametrize(
    "lookup",
    [
        # a pattern that can drop a row: the rows counted would not be the answer's
        f"?node <{P['s']}> ?s .",
        f"LATERAL {{ ?node <{P['s']}> ?s }}",
        f"OPTIONAL {{ ?node <{P['s']}> ?s }}",
        f"LATERAL {{ OPTIONAL {{ ?node <{P['s']}> ?s }} ?node <{P['y']}> ?y }}",
    ],
)
def test_later_keys_are_split_off_only_when_each_keeps_every_row(lookup: str) -> None:
    sparql = RANKED.replace(f"LATERAL {{ OPTIONAL {{ ?node <{P['s']}> ?s }} }}", lookup)
    found = plan(f"{sparql}ORDER BY ?y ?s ?node ?note")
    assert found is not None and found.details is not None
    assert found.ranked is None


def test_later_keys_need_a_key_before_them_to_lead() -> None:
    found = plan(f"{RANKED}ORDER BY ?s ?y ?node ?note")
    assert found is not None and found.details is not None
    assert found.ranked is None


def test_the_ranked_pass_counts_the_first_lookups_answers() -> None:
    found = plan(f"{RANKED}ORDER BY ?y ?s ?node ?note")
    assert found is not None and found.ranked is not None
    assert "(COUNT(*) AS ?plangraphRows)" in found.ranked
    assert f"<{P['note']}>" in found.ranked and f"<{P['s']}>" not in found.ranked
