"""What the server refuses before a query reaches the engine, read from the query's tokens."""

from __future__ import annotations

import pytest

from plangraph.server.limits import Limits, RefusedError, check_query, query_form


@pytest.mark.parametrize(
    ("sparql", "form"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "SELECT"),
        ("select * { ?s ?p ?o }", "SELECT"),
        ("PREFIX pg: <https://w3id.org/plangraph/ontology#>\nASK { ?p a pg:Plan }", "ASK"),
        ("BASE <http://example.org/> CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("# a comment with SELECT\nDESCRIBE <http://example.org/a>", "DESCRIBE"),
        ('SELECT * FROM <http://example.org/g> WHERE { ?s ?p "INSERT" }', "SELECT"),
        ("INSERT DATA { <a:b> <a:c> <a:d> }", "INSERT"),
        ("WITH <a:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH"),
        ("PREFIX ex: <http://example.org/> LOAD <http://example.org/data.ttl>", "LOAD"),
        ("", None),
    ],
)
def test_query_form(sparql: str, form: str | None) -> None:
    assert query_form(sparql) == form


@pytest.mark.parametrize(
    "sparql",
    [
        "INSERT DATA { <a:b> <a:c> <a:d> }",
        "delete where { ?s ?p ?o }",
        "LOAD <http://example.org/data.ttl>",
        "LOAD <file:///etc/passwd> INTO GRAPH <a:g>",
        "CLEAR ALL",
        "DROP GRAPH <a:g>",
        "CREATE GRAPH <a:g>",
        "COPY <a:g> TO <a:h>",
        "MOVE DEFAULT TO <a:h>",
        "ADD <a:g> TO <a:h>",
        "PREFIX ex: <http://example.org/>\nINSERT { ?s ex:p 1 } WHERE { ?s ?p ?o }",
    ],
)
def test_updates_are_refused(sparql: str) -> None:
    with pytest.raises(RefusedError, match="read-only") as refused:
        check_query(sparql, isolated=True)
    assert refused.value.status == 403


@pytest.mark.parametrize(
    "sparql",
    [
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { service silent <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { BIND(<http://example.org/sparql> AS ?e) SERVICE ?e { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o .SERVICE<http://example.org/sparql>{?a ?b ?c} }",
        "SELECT * WHERE { 1SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    ],
)
def test_service_is_refused(sparql: str) -> None:
    with pytest.raises(RefusedError, match="SERVICE is refused") as refused:
        check_query(sparql, isolated=True)
    assert refused.value.status == 403


@pytest.mark.parametrize(
    "sparql",
    [
        'SELECT * WHERE { ?s ?p "public service" }',
        "SELECT ?service WHERE { ?service a <http://example.org/service> }",
        "PREFIX service: <http://example.org/> SELECT * WHERE { ?s service:x ex:service }",
        "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://example.org/sparql> { }",
        "SELECT * WHERE { ?s ?p '''a SERVICE\nspanning lines''' }",
    ],
)
def test_the_word_service_elsewhere_is_allowed_when_workers_are_isolated(sparql: str) -> None:
    assert check_query(sparql, isolated=True) == "SELECT"


def test_a_less_than_sign_can_fool_the_token_reader() -> None:
    """Why the workers also leave the network: `<2)SERVICE#>` reads as one IRI here, but
    the engine reads a less-than, SERVICE and a comment. Without isolation, the strict
    check still catches it."""
    sneaky = "SELECT * WHERE { FILTER(1<2)SERVICE#>\n<http://example.org/sparql> { ?s ?p ?o } }"
    assert check_query(sneaky, isolated=True) == "SELECT"
    with pytest.raises(RefusedError, match="no query may contain the word"):
        check_query(sneaky, isolated=False)


def test_without_isolation_a_string_must_escape_the_word() -> None:
    with pytest.raises(RefusedError, match=r"\\u0073ervice"):
        check_query('SELECT * WHERE { ?s ?p "public service" }', isolated=False)
    assert check_query(r'SELECT * WHERE { ?s ?p "public \u0073ervice" }', isolated=False)


def test_default_limits_suit_a_laptop() -> None:
    limits = Limits()
    assert (limits.timeout, limits.max_rows, limits.max_body, limits.workers) == (
        30.0,
        100_000,
        1 << 20,
        2,
    )
