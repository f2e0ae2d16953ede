"""Tools analysts already have, talking to the endpoint: SPARQLWrapper, rdflib, pandas.

Each client has its own HTTP code and its own parsers, so these tests check the protocol
and the formats from outside, not plangraph against itself.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, POST, RDFXML, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

PG = "https://w3id.org/plangraph/ontology#"
TARGETS = f"""
PREFIX pg: <{PG}>
SELECT ?metric ?year WHERE {{ ?t a pg:Target ; pg:metric ?metric ; pg:targetYear ?year }}
ORDER BY ?metric
"""
EXPECTED_METRICS = [
    "AI core industry scale",
    "AI engineers trained",
    "AI enterprises",
    "computing capacity",
]
REGIONS = f"""
PREFIX pg: <{PG}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
CONSTRUCT {{ ?r rdfs:label ?label }} WHERE {{ ?r a pg:Region ; rdfs:label ?label }}
"""
ASK_PLAN = f"PREFIX pg: <{PG}> ASK {{ ?p a pg:Plan }}"


def wrapper(server: Any, fmt: str, method: str = "GET") -> SPARQLWrapper:
    client = SPARQLWrapper(server.endpoint)
    client.setReturnFormat(fmt)
    client.setMethod(method)
    return client


@pytest.mark.parametrize("method", ["GET", POST])
def test_sparqlwrapper_select_json(server: Any, method: str) -> None:
    client = wrapper(server, JSON, method)
    client.setQuery(TARGETS)
    bindings = client.queryAndConvert()["results"]["bindings"]  # type: ignore[index]
    assert [b["metric"]["value"] for b in bindings] == EXPECTED_METRICS
    assert bindings[0]["year"] == {
        "type": "literal",
        "value": "2025",
        "datatype": "http://www.w3.org/2001/XMLSchema#gYear",
    }


def test_sparqlwrapper_select_xml(server: Any) -> None:
    client = wrapper(server, XML)
    client.setQuery(TARGETS)
    document = client.queryAndConvert()  # an xml.dom.minidom document
    values = [n.firstChild.data for n in document.getElementsByTagName("literal")]  # type: ignore[union-attr]
    assert [v for v in values if not v.isdigit()] == EXPECTED_METRICS


@pytest.mark.parametrize(("fmt", "separator"), [(CSV, ","), (TSV, "\t")])
def test_sparqlwrapper_select_csv_and_tsv(server: Any, fmt: str, separator: str) -> None:
    import pandas

    client = wrapper(server, fmt)
    client.setQuery(TARGETS)
    data = client.queryAndConvert()
    assert isinstance(data, bytes)
    table = pandas.read_csv(io.BytesIO(data), sep=separator)
    metrics = [str(m).strip('"') for m in table[table.columns[0]]]
    assert metrics == EXPECTED_METRICS


@pytest.mark.parametrize("fmt", [JSON, XML])
def test_sparqlwrapper_ask(server: Any, fmt: str) -> None:
    client = wrapper(server, fmt)
    client.setQuery(ASK_PLAN)
    converted = client.queryAndConvert()
    if fmt == JSON:
        assert converted["boolean"] is True  # type: ignore[index]
    else:
        assert converted.getElementsByTagName("boolean")[0].firstChild.data == "true"  # type: ignore[union-attr]


@pytest.mark.parametrize("fmt", [TURTLE, JSONLD, RDFXML, XML])
def test_sparqlwrapper_construct(server: Any, fmt: str) -> None:
    client = wrapper(server, fmt)
    client.setQuery(REGIONS)
    result = client.query()
    graph = result.convert()
    if isinstance(graph, bytes):  # SPARQLWrapper leaves Turtle as bytes
        graph = Graph().parse(data=graph, format="turtle")
    assert isinstance(graph, Graph)
    assert {str(o) for o in graph.objects()} == {"Beijing", "China", "Shanghai"}


def test_sparqlwrapper_reports_a_malformed_query(server: Any) -> None:
    client = wrapper(server, JSON)
    client.setQuery("SELECT ?x WHERE { ?x ")
    with pytest.raises(QueryBadFormed, match="malformed SPARQL"):
        client.queryAndConvert()


@pytest.mark.parametrize("method", ["GET", "POST", "POST_FORM"])
@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_rdflib_sparqlstore_select(server: Any, fmt: str, method: str) -> None:
    graph = Graph(store=SPARQLStore(server.endpoint, returnFormat=fmt, method=method))
    rows = list(graph.query(TARGETS))
    assert [str(row[0]) for row in rows] == EXPECTED_METRICS  # type: ignore[index]
    if fmt != "csv":  # CSV carries lexical forms only
        assert rows[0][1] == Literal(  # type: ignore[index]
            "2025", datatype=URIRef("http://www.w3.org/2001/XMLSchema#gYear")
        )


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_rdflib_sparqlstore_ask(server: Any, fmt: str) -> None:
    graph = Graph(store=SPARQLStore(server.endpoint, returnFormat=fmt))
    assert graph.query(ASK_PLAN).askAnswer is True


@pytest.mark.parametrize("fmt", ["turtle", "nt", "json-ld", "xml"])
def test_rdflib_sparqlstore_construct(server: Any, fmt: str) -> None:
    graph = Graph(store=SPARQLStore(server.endpoint, returnFormat=fmt))
    result = graph.query(REGIONS).graph
    assert result is not None
    assert {str(o) for o in result.objects()} == {"Beijing", "China", "Shanghai"}


def test_rdflib_update_store_is_refused(server: Any) -> None:
    from urllib.error import HTTPError

    from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

    store = SPARQLUpdateStore(server.endpoint, server.endpoint)
    with pytest.raises(HTTPError) as refused:
        Graph(store=store, identifier=URIRef("urn:x-test:g")).update(
            "INSERT DATA { <a:b> <a:c> <a:d> }"
        )
    with refused.value as error:
        assert error.code == 403
        assert b"read-only" in error.read()


def test_pandas_reads_csv_straight_from_the_endpoint(server: Any) -> None:
    import urllib.parse

    import pandas

    url = server.endpoint + "?" + urllib.parse.urlencode({"query": TARGETS})
    table = pandas.read_csv(url, storage_options={"Accept": "text/csv"})
    assert list(table.columns) == ["metric", "year"]
    assert list(table["metric"]) == EXPECTED_METRICS
    assert list(table["year"]) == [2025, 2026, 2025, 2025]
