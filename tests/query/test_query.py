"""Running named queries: parameters are bound as typed terms, never pasted into the text.

Covers :func:`plangraph.query.run_named` and ``plangraph query --list / --name`` on the
hand-made store of records.py.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest
from rdflib import XSD, Literal, URIRef
from rdflib.term import Identifier

from plangraph.errors import QueryError
from plangraph.query import library, run_named, sure_word, words_pattern
from plangraph.store.base import SelectResult

from .records import Library, build_store

INJECTIONS = [
    'x" } ; DROP ALL ; { "',
    "x' } ; DROP ALL ; { '",
    '"} } INSERT DATA { <urn:a> <urn:b> <urn:c> } #',
    "} UNION { ?s ?p ?o }",
    '\\" . ?s ?p ?o . FILTER("',
    "line\nbreak } ; CLEAR DEFAULT",
]
SAMPLES = {
    "string": "Zhejiang",
    "words": "core industry",
    "iri": "https://w3id.org/plangraph/id/region/zhejiang",
    "integer": "2",
    "decimal": "1.5",
    "year": "2025",
    "date": "2024-01-23",
}


def every_parameter(*kinds: str) -> list[tuple[str, str]]:
    return [
        (q.name, p.name)
        for q in library().values()
        for p in q.parameters
        if not kinds or p.type in kinds
    ]


def snapshot(library_store: Library) -> list[tuple[Identifier, ...]]:
    return list(library_store.store.quads())


@pytest.mark.parametrize(("name", "parameter"), every_parameter())
def test_every_parameter_binds(library_store: Library, name: str, parameter: str) -> None:
    """Each declared parameter is a projected variable: the engine accepts its value."""
    kind = next(p.type for p in library()[name].parameters if p.name == parameter)
    result = run_named(library_store.store, name, {parameter: SAMPLES[kind]})
    assert isinstance(result, SelectResult)
    assert parameter in result.variables


@pytest.mark.parametrize("value", INJECTIONS)
@pytest.mark.parametrize(("name", "parameter"), every_parameter("string", "words"))
def test_a_sparql_fragment_in_a_string_is_only_a_string(
    library_store: Library, name: str, parameter: str, value: str
) -> None:
    before = snapshot(library_store)
    assert library_store.rows(name, **{parameter: value}) == []
    assert snapshot(library_store) == before


@pytest.mark.parametrize("value", [*INJECTIONS, "<https://w3id.org/plangraph/id/region/x>"])
def test_a_sparql_fragment_is_not_an_iri(library_store: Library, value: str) -> None:
    before = snapshot(library_store)
    with pytest.raises(QueryError, match=r"is not a valid iri") as raised:
        run_named(library_store.store, "evidence", {"node": value})
    assert "\n" not in str(raised.value).replace(value, "")
    assert snapshot(library_store) == before


def test_an_iri_with_a_fragment_in_it_finds_nothing(library_store: Library) -> None:
    node = "https://w3id.org/plangraph/id/x?q=%7D%20DROP%20ALL#DROP"
    assert library_store.rows("evidence", node=node) == []


class Recorder:
    """A store that records what it is asked."""

    location = ":recorder:"

    def __init__(self) -> None:
        self.asked: list[tuple[str, Mapping[str, Identifier] | None]] = []

    def query(self, sparql: str, bindings: Mapping[str, Identifier] | None = None) -> SelectResult:
        self.asked.append((sparql, bindings))
        return SelectResult((), ())


def test_values_are_bound_as_typed_terms_and_the_text_is_untouched() -> None:
    recorder = Recorder()
    run_named(recorder, "targets-above", {"metric": 'core" }', "min": "3e11", "year": "2025"})  # type: ignore[arg-type]
    run_named(recorder, "evidence", {"node": "https://w3id.org/plangraph/id/plan/x"})  # type: ignore[arg-type]
    run_named(recorder, "actors-in-several-plans", {"min": "3"})  # type: ignore[arg-type]
    # the library's own queries (an empty answer is followed by ASKs for derived names)
    asked = [(text, b) for text, b in recorder.asked if not text.startswith("ASK")]
    (above, above_bindings), (evidence, evidence_bindings), (_, actors_bindings) = asked
    assert above == library()["targets-above"].text
    assert evidence == library()["evidence"].text
    assert above_bindings == {
        "metric": Literal('core" }'),
        # a words parameter's pattern: its regex characters escaped
        "metricPattern": Literal('core".*\\}'),
        # and the longest word every match contains, in lower case
        "metricWord": Literal('core"'),
        "min": Literal("300000000000", datatype=XSD.decimal),
        "year": Literal("2025", datatype=XSD.gYear),
    }
    assert evidence_bindings == {"node": URIRef("https://w3id.org/plangraph/id/plan/x")}
    assert actors_bindings == {"min": Literal("3", datatype=XSD.integer)}


# texts whose letters a case-insensitive match takes for others: the Kelvin sign (k), the
# long s, the final sigma, the dotted capital I, the sharp s, a title-case digraph
TRICKY = ["\u212aelvin scale", "\u017fcore", "ΣΟΦΊΑ ς", "İstanbul", "Straße", "ǅemal", "Core 算力"]
WORDS = ["kelvin", "score", "core", "σοφία", "istanbul", "strasse", "džemal", "算力", "CORE 算力"]
_MATCHED = """
SELECT ?text ?found ?contains ?pattern ?word WHERE {
  VALUES ?text { TEXTS }
  BIND(REGEX(?text, ?pattern, "i") AS ?found)
  BIND(CONTAINS(LCASE(?text), ?word) AS ?contains)
}
"""


@pytest.mark.parametrize("words", [*WORDS, "ſ"])
def test_a_text_the_engine_matches_contains_the_sure_word(words: str) -> None:
    """The queries test CONTAINS(LCASE(text), ?metricWord) before the pattern: no text
    the engine's case-insensitive pattern finds may lack the word."""
    from plangraph.store.oxigraph import OxigraphStore

    texts = " ".join(Literal(text).n3() for text in TRICKY)
    answer = OxigraphStore.open(None).query(
        _MATCHED.replace("TEXTS", texts),
        {"pattern": Literal(words_pattern(words)), "word": Literal(sure_word(words))},
    )
    assert isinstance(answer, SelectResult) and len(answer.rows) == len(TRICKY)
    for text, found, contains, _, _ in answer.rows:
        if found == Literal(True):
            assert contains == Literal(True), (text, words)


@pytest.mark.parametrize("name", ["targets-above", "metric-across-regions", "progress"])
def test_each_metric_query_tests_the_sure_word_where_it_matches(
    library_store: Library, name: str
) -> None:
    """A text without the bound word is never tested against the pattern: a word no
    text holds leaves no row (in progress too, where the match is a sub-select)."""
    query = library()[name]
    words = "AI industry"
    bindings = {
        "metric": Literal(words),
        "metricPattern": Literal(words_pattern(words)),
        "metricWord": Literal(sure_word(words)),
    }
    found = library_store.store.query(query.text, bindings)
    assert isinstance(found, SelectResult) and found.rows
    absent = library_store.store.query(query.text, {**bindings, "metricWord": Literal("zqx")})
    assert isinstance(absent, SelectResult) and not absent.rows


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("targets-by-region", {"province": "Zhejiang"}, "has no parameter province; valid: region"),
        ("plans", {"from": "2020"}, "has no parameter from; valid: issuer, region, year"),
        ("targets-above", {"year": "20x5"}, "'20x5' is not a valid year"),
        ("targets-above", {"year": "2025-01-01"}, "is not a valid year"),
        ("targets-above", {"min": "abc"}, "'abc' is not a valid decimal"),
        ("targets-above", {"min": ""}, "is not a valid decimal"),
        ("actors-in-several-plans", {"min": "two"}, "'two' is not a valid integer"),
        ("evidence", {"node": "not an iri"}, "'not an iri' is not a valid iri"),
        ("evidence", {"node": "plan/zhejiang-2023"}, "is not a valid iri"),
        ("no-such-query", {}, "no query named 'no-such-query'; valid: actors-in-several-plans"),
    ],
)  # fmt: skip
def test_bad_parameters_are_one_line_errors(
    library_store: Library, name: str, params: dict[str, str], message: str
) -> None:
    with pytest.raises(QueryError) as raised:
        run_named(library_store.store, name, params)
    text = str(raised.value)
    assert message in text
    assert "\n" not in text


def test_a_decimal_that_is_not_a_number_is_refused(library_store: Library) -> None:
    # today "NaN"^^xsd:decimal is bound, every comparison with it is an error, and the
    # filter that should hold targets back lets all of them through
    with pytest.raises(QueryError, match="is not a valid decimal"):
        run_named(library_store.store, "targets-above", {"min": "NaN"})


def test_a_bad_decimal_says_what_a_decimal_looks_like(library_store: Library) -> None:
    with pytest.raises(QueryError) as raised:
        run_named(library_store.store, "targets-above", {"min": "abc"})
    assert "<class" not in str(raised.value)


def test_a_year_is_four_ascii_digits(library_store: Library) -> None:
    with pytest.raises(QueryError, match="is not a valid year"):
        run_named(library_store.store, "targets-above", {"year": "２０２５"})


# ------------------------------------------------------------------------------ the CLI


def plangraph(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # a wide terminal, so the table does not wrap its cells
    env = {**os.environ, "COLUMNS": "1000", "PLANGRAPH_STORE": str(cwd / "no-store")}
    return subprocess.run(
        [sys.executable, "-m", "plangraph", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


def test_cli_lists_every_query_with_its_description(tmp_path: Path) -> None:
    run = plangraph("query", "--list", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    for query in library().values():
        line = next((x for x in lines if x.split() and x.split()[0] == query.name), None)
        assert line is not None, f"{query.name} is not listed"
        assert query.description in line
        for parameter in query.parameters:
            assert f"{parameter.name}:{parameter.type}" in line


@pytest.fixture(scope="module")
def store_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-made store on disk, closed, for the CLI to open read-only."""
    folder = tmp_path_factory.mktemp("cli") / "store"
    build_store(folder).close()
    return folder


def test_cli_runs_a_named_query_with_parameters(store_folder: Path, tmp_path: Path) -> None:
    run = plangraph(
        "query", "--store", str(store_folder), "--name", "conflicts",
        "--param", "region=Zhejiang", "--format", "csv", cwd=tmp_path,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert [(r["region"], r["valueA"], r["valueB"], r["documentB"]) for r in rows] == [
        ("Zhejiang", "500000000000", "450000000000", "zhejiang-2023-ai-plan-news")
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--param", "year=20x5"], "'20x5' is not a valid year"),
        (["--param", "century=21"], "has no parameter century; valid: metric, min, year, unit"),
        (["--param", "year"], "expected key=value"),
    ],
)
def test_cli_bad_parameters_are_one_line_on_stderr(
    store_folder: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    store = str(store_folder)
    run = plangraph("query", "--store", store, "--name", "targets-above", *args, cwd=tmp_path)
    assert run.returncode == 1
    assert run.stderr.count("\n") == 1, run.stderr
    assert message in run.stderr
    assert run.stdout == ""


def test_cli_pages_a_named_query_and_says_how_many_rows(store_folder: Path, tmp_path: Path) -> None:
    store = str(store_folder)
    whole = plangraph(
        "query", "--store", store, "--name", "evidence", "--limit", "0", "--format", "csv",
        cwd=tmp_path,
    )  # fmt: skip
    everything = list(csv.reader(io.StringIO(whole.stdout)))[1:]
    run = plangraph(
        "query", "--store", store, "--name", "evidence", "--limit", "2", "--offset", "1",
        "--format", "csv", cwd=tmp_path,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert list(csv.reader(io.StringIO(run.stdout)))[1:] == everything[1:3]
    assert f"rows 2-3 of {len(everything)}; --offset 3 for more" in run.stderr


def test_cli_table_has_a_line_per_row_under_its_header(store_folder: Path, tmp_path: Path) -> None:
    run = plangraph("query", "--store", str(store_folder), "--name", "plans", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    header, rule, *lines = run.stdout.splitlines()
    assert header.split()[:3] == ["plan", "region", "level"]
    assert set(rule.replace(" ", "")) == {"-"}
    result = run_named(build_store(tmp_path / "again"), "plans", {})
    assert isinstance(result, SelectResult)
    assert len(lines) == len(result.rows)
    # plans is paged: stderr says which rows of how many
    assert f"rows 1-{len(result.rows)} of {len(result.rows)}" in run.stderr
