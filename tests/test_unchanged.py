"""An unchanged re-ingest is answered before the command line loads, and only then."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from plangraph import workflow
from plangraph.graph.iris import document_iri
from plangraph.graph.slugs import document_slug
from plangraph.store import open_store
from plangraph.unchanged import DOCUMENTS, answer, ingest_arguments, unchanged_count

TEXT = (
    "Date: 2024-03-01\n\nWuhan aims to build an AI industry of 100 billion yuan by 2026, "
    "according to a plan issued by the Wuhan municipal government on Friday."
)
pytestmark = pytest.mark.slow  # the store is written by a real ingest (spaCy)

SUMMARY = "0 added, 0 replaced, 1 unchanged, 0 failed; 0 words in"


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "wuhan-plan.txt").write_text(TEXT, encoding="utf-8")
    return folder


@pytest.fixture
def store(tmp_path: Path, docs: Path) -> Iterator[Path]:
    location = tmp_path / "s"
    opened = open_store(location)
    assert workflow.ingest([docs], opened).added
    opened.close()
    yield location


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["ingest", "a", "b"], ([Path("a"), Path("b")], None)),
        (["ingest", "-q", "--store", "st", "a"], ([Path("a")], "st")),
        (["ingest", "a", "--store=st", "-j", "2", "--quiet"], ([Path("a")], "st")),
        (["ingest", "a", "--processes=1"], ([Path("a")], None)),
        (["ingest"], None),
        (["ingest", "a", "-j", "0"], None),
        (["ingest", "a", "-j"], None),
        (["ingest", "a", "--workers", "2"], None),
        (["ingest", "a", "--dask", "tcp://h:8786"], None),
        (["ingest", "--help"], None),
        (["export", "-f", "nquads"], None),
        ([], None),
    ],
)
def test_only_a_plain_ingest_command_is_answered(
    argv: list[str], expected: tuple[list[Path], str | None] | None
) -> None:
    assert ingest_arguments(argv) == expected


@pytest.mark.parametrize(
    "doc_id", ["wuhan-plan", "Shenzhen 2023 AI Plan", "深圳人工智能规划", "!!!"]
)
def test_document_names_match_the_minted_iris(doc_id: str) -> None:
    assert DOCUMENTS + document_slug(doc_id) == str(document_iri(doc_id))


def _later(path: Path) -> None:
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 3600 * 10**9))


def test_an_unchanged_folder_is_answered(
    store: Path, docs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert answer(["ingest", str(docs), "-s", str(store), "-q"])
    assert capsys.readouterr().err.startswith(SUMMARY)


def test_anything_that_would_write_goes_to_the_full_command(store: Path, docs: Path) -> None:
    source = docs / "wuhan-plan.txt"
    _later(source)  # touched: the full run hashes it and records the new time
    assert unchanged_count([docs], store) is None
    opened = open_store(store)
    report = workflow.ingest([docs], opened)
    assert report.unchanged == [str(source)]
    workflow.mark_links_stale(opened)  # a killed write: the full run refreshes the links
    opened.close()
    _settled_by_a_full_run(docs, store)
    (docs / "new-plan.txt").write_text(TEXT.replace("Wuhan", "Hefei"), encoding="utf-8")
    assert unchanged_count([docs], store) is None
    assert unchanged_count([docs / "wuhan-plan.txt"], store) == 1
    assert unchanged_count([docs / "no-such-file.txt"], store) is None


def test_a_store_derived_by_another_version_goes_to_the_full_command(
    store: Path, docs: Path
) -> None:
    from rdflib import Graph, Literal

    from plangraph.graph.links import LINKS_GRAPH
    from plangraph.graph.version import DERIVED_VERSION
    from plangraph.graph.vocab import PG

    opened = open_store(store)
    held, older = Graph(), Graph()
    held.add((LINKS_GRAPH, PG.derivedVersion, Literal(DERIVED_VERSION)))
    older.add((LINKS_GRAPH, PG.derivedVersion, Literal(DERIVED_VERSION - 1)))
    opened.patch_derived(LINKS_GRAPH, held, older)  # as an older plangraph left it
    opened.close()
    # the queries reading derived data say "run plangraph ingest on its folder again":
    # that run must derive it, not answer that nothing changed
    _settled_by_a_full_run(docs, store)


def _settled_by_a_full_run(docs: Path, store: Path) -> None:
    """The fast path leaves the store to the full command, after which it answers."""
    assert unchanged_count([docs], store) is None
    opened = open_store(store)
    workflow.ingest([docs], opened)
    opened.close()
    assert unchanged_count([docs], store) == 1


def test_other_stores_go_to_the_full_command(tmp_path: Path, docs: Path) -> None:
    assert not answer(["ingest", str(docs), "-s", str(tmp_path / "none")])
    assert not answer(["ingest", str(docs), "-s", "http://127.0.0.1:9/"])


def _imports(command: list[str]) -> tuple[str, set[str]]:
    """What the command printed on stderr, and the top-level modules it imported."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *command], capture_output=True, text=True, check=True
    )
    imported = set()
    lines = []
    for line in done.stderr.splitlines():
        if line.startswith("import time:"):
            imported.add(line.rsplit("|", 1)[-1].strip().split(".")[0])
        else:
            lines.append(line)
    return "\n".join(lines), imported


@pytest.mark.parametrize("entry", ["module", "script"])
def test_both_entry_points_answer_without_heavy_imports(
    store: Path, docs: Path, entry: str
) -> None:
    script = Path(sys.executable).parent / "plangraph"
    start = ["-m", "plangraph"] if entry == "module" else [str(script)]
    said, imported = _imports([*start, "ingest", "-q", "-s", str(store), str(docs)])
    assert said.startswith(SUMMARY)
    assert imported.isdisjoint({"rdflib", "typer", "click", "rich", "spacy", "networkx"})
