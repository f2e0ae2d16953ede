"""The command line as a user meets it: one-line errors, non-zero exits, a store that
loses nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

GOOD = (
    "Date: 2024-05-01\n\nChengdu aims to build 30 AI application scenarios by 2025, "
    "according to a plan released by the Chengdu municipal government."
)


def bad_files(folder: Path) -> dict[str, str]:
    """File name -> the reason the error line must give."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\xff\x10" * 100)
    (folder / "latin1.txt").write_bytes("Z\u00fcrich plan".encode("latin-1"))
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.4 garbage that is not a pdf")
    (folder / "corrupt.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (folder / "slides.pptx").write_bytes(b"PK\x03\x04")
    return {
        "empty.txt": "empty file",
        "binary.txt": "binary data",
        "latin1.txt": "not UTF-8",
        "corrupt.pdf": "corrupt PDF",
        "corrupt.docx": "corrupt DOCX",
        "slides.pptx": "unsupported format",
    }


def test_bad_inputs_are_reported_and_the_rest_ingested(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    reasons = bad_files(tmp_path / "in")
    good = tmp_path / "in" / "chengdu.txt"
    good.write_text(GOOD, encoding="utf-8")
    named = [str(tmp_path / "in" / name) for name in reasons]
    run = cli("ingest", str(good), *named, str(tmp_path / "in" / "missing.txt"), "-q")
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    lines = [line for line in run.stderr.splitlines() if line.startswith("plangraph: ")]
    for name, reason in {**reasons, "missing.txt": "no such file"}.items():
        matching = [line for line in lines if name in line]
        assert len(matching) == 1, (name, run.stderr)
        assert reason in matching[0]
    assert "1 added" in run.stderr
    assert "7 failed" in run.stderr
    listed = cli(
        "query", "SELECT ?s WHERE { ?d a pg:Document ; dcterms:source ?s }", "--format", "json"
    )
    sources = [b["s"]["value"] for b in json.loads(listed.stdout)["results"]["bindings"]]
    assert sources == [str(good)]


def test_bad_input_leaves_the_store_unchanged(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "chengdu.txt"
    good.write_text(GOOD, encoding="utf-8")
    assert cli("ingest", str(good), "-q").returncode == 0
    before = cli("export", "--format", "nquads").stdout
    reasons = bad_files(tmp_path / "bad")
    for name, reason in reasons.items():
        run = cli("ingest", str(tmp_path / "bad" / name), "-q")
        assert run.returncode == 1
        assert reason in run.stderr and "Traceback" not in run.stderr
    # a good file turned bad in place keeps its last good graph
    good.write_bytes(b"\x00\x00binary now")
    assert cli("ingest", str(good), "-q").returncode == 1
    assert cli("export", "--format", "nquads").stdout == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("query", "SELECT ?x WHERE {"), "malformed SPARQL"),
        (("query", "--name", "no-such-query"), "no query named 'no-such-query'"),
        (("export", "--format", "pdf"), "unknown export format 'pdf'"),
        (("extract", "nothing-here.txt"), "no such file"),
        (("remove", "nothing-here"), "not in the store: nothing-here"),
    ],
)
def test_failures_are_one_line(cli, tmp_path: Path, args: tuple[str, ...], message: str) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "chengdu.txt"
    good.write_text(GOOD, encoding="utf-8")
    cli("ingest", str(good), "-q")
    run = cli(*args)
    assert run.returncode == 1
    assert run.stderr.count("\n") == 1, run.stderr
    assert message in run.stderr


def test_query_formats_and_named_query(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "chengdu.txt"
    good.write_text(GOOD, encoding="utf-8")
    cli("ingest", str(good), "-q")
    ask = cli("query", "ASK { ?t a pg:Target }", "--format", "json")
    assert json.loads(ask.stdout) == {"head": {}, "boolean": True}
    csv_rows = cli("query", "SELECT ?v WHERE { ?t pg:value ?v }", "--format", "csv").stdout
    assert csv_rows.splitlines() == ["v", "30"]
    named = cli(
        "query", "--name", "targets-by-region", "--param", "region=Chengdu", "--format", "json"
    )
    assert named.returncode == 0, named.stderr
    rows = json.loads(named.stdout)["results"]["bindings"]
    assert [r["value"]["value"] for r in rows] == ["30"]
    # a decimal parameter through the command line (the CLI imports the format module,
    # whose name once shadowed the builtin format() in the query package)
    above = cli("query", "--name", "targets-above", "--param", "min=20", "--format", "json")
    assert above.returncode == 0, above.stderr
    assert [r["value"]["value"] for r in json.loads(above.stdout)["results"]["bindings"]] == ["30"]


@pytest.mark.parametrize("fmt", ["nquads", "trig", "turtle", "jsonld", "nt"])
def test_extract_formats_parse(cli, tmp_path: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    from rdflib import Dataset, Graph

    good = tmp_path / "chengdu.txt"
    good.write_text(GOOD, encoding="utf-8")
    run = cli("extract", str(good), "--format", fmt)
    assert run.returncode == 0, run.stderr
    syntax = {"jsonld": "json-ld"}.get(fmt, fmt)
    if fmt in {"nquads", "trig", "jsonld"}:
        dataset = Dataset()
        dataset.parse(data=run.stdout, format=syntax)
        assert len(list(dataset.quads((None, None, None, None)))) > 20
    else:
        assert len(Graph().parse(data=run.stdout, format=syntax)) > 20


def test_load_writes_an_export_into_the_store_and_reports_bad_files(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = "https://w3id.org/plangraph/id/document/d1"
    pg = "https://w3id.org/plangraph/ontology#"
    export = tmp_path / "backup.nq"
    export.write_text(
        f"<{doc}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{pg}Document> <{doc}> .\n"
        f'<{doc}> <http://purl.org/dc/terms/identifier> "d1" <{doc}> .\n',
        encoding="utf-8",
    )
    run = cli("load", str(export))
    assert run.returncode == 0, run.stderr
    assert "1 graphs, 2 quads loaded" in run.stderr
    listed = cli("query", "SELECT ?id WHERE { ?d a pg:Document ; dcterms:identifier ?id }")
    assert "d1" in listed.stdout
    broken = tmp_path / "broken.trig"
    broken.write_text("<urn:x:a> <urn:x:b> {", encoding="utf-8")
    failed = cli("load", str(broken), "--store", str(tmp_path / "other"))
    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr
    assert failed.stderr.startswith("plangraph: ") and "broken.trig" in failed.stderr
