"""A kill at the worst moment of an ingest, then a rerun, gives the store a clean ingest
gives: the links refresh that the kill skipped is made up for by the rerun."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from plangraph.graph.links import LINKS_GRAPH, LINKS_STALE
from plangraph.graph.vocab import PG
from plangraph.store import open_store

pytestmark = pytest.mark.slow

PLAN = (
    "Date: 2024-04-02\n\nNanjing aims to grow its core AI industry to {value} billion yuan "
    "by 2026, according to a plan released by the Nanjing municipal government on "
    "Monday."
)

# Runs an ingest in a process of its own that dies, as a kill -9 would, at the moment
# named: after the last document is written and before the links are refreshed.
KILLED_INGEST = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    import plangraph.workflow as workflow
    from plangraph.store import open_store

    def die(store):
        os._exit(9)

    workflow.{hook} = die
    store = open_store(sys.argv[2])
    workflow.{call}
    """
)


def _run(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ},
    )


def _plangraph(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "plangraph", *args],
        capture_output=True,
        text=True,
        timeout=600,
    )


def _quads(location: Path) -> set[tuple[str, ...]]:
    store = open_store(location, read_only=True)
    try:
        return {tuple(str(term) for term in quad) for quad in store.quads()}
    finally:
        store.close()


def _graphs(quads: set[tuple[str, ...]]) -> set[str]:
    return {quad[3] for quad in quads}


def _conflicts(quads: set[tuple[str, ...]]) -> set[tuple[str, ...]]:
    """The links graph's conflict statements (it also holds names derived for queries)."""
    return {q for q in quads if q[3] == str(LINKS_GRAPH) and q[1] == str(PG.conflictsWith)}


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "nanjing-report-a.txt").write_text(PLAN.format(value=150), encoding="utf-8")
    (folder / "nanjing-report-b.txt").write_text(PLAN.format(value=180), encoding="utf-8")
    return folder


def test_a_kill_before_the_links_refresh_is_repaired_by_the_rerun(
    tmp_path: Path, reports: Path
) -> None:
    clean, killed = tmp_path / "clean", tmp_path / "killed"
    assert _plangraph("ingest", "-q", str(reports), "--store", str(clean)).returncode == 0
    reference = _quads(clean)
    assert _conflicts(reference), "the reports conflict: a conflict is linked"

    script = KILLED_INGEST.format(hook="refresh_links", call="ingest([Path(sys.argv[1])], store)")
    died = _run(script, str(reports), str(killed))
    assert died.returncode == 9, died.stderr
    after_kill = _quads(killed)
    assert str(LINKS_GRAPH) not in _graphs(after_kill), "the kill came before the links"
    assert str(LINKS_STALE) in _graphs(after_kill), "the store says its links are stale"

    rerun = _plangraph("ingest", "-q", str(reports), "--store", str(killed))
    assert rerun.returncode == 0, rerun.stderr
    assert "0 added, 0 replaced, 2 unchanged" in rerun.stderr
    assert _quads(killed) == reference


def test_a_kill_before_the_links_refresh_of_a_remove_is_repaired(
    tmp_path: Path, reports: Path
) -> None:
    clean, killed = tmp_path / "clean", tmp_path / "killed"
    for store in (clean, killed):
        assert _plangraph("ingest", "-q", str(reports), "--store", str(store)).returncode == 0
    assert _plangraph("remove", "nanjing-report-b", "--store", str(clean)).returncode == 0
    reference = _quads(clean)
    assert not _conflicts(reference), "one report left: no conflict"

    script = KILLED_INGEST.format(hook="refresh_links", call="remove(['nanjing-report-b'], store)")
    assert _run(script, "", str(killed)).returncode == 9
    assert _quads(killed) != reference, "the removed report's conflict is still linked"

    # any later write repairs it; an ingest of what is left changes no document
    rerun = _plangraph(
        "ingest", "-q", str(reports / "nanjing-report-a.txt"), "--store", str(killed)
    )
    assert rerun.returncode == 0, rerun.stderr
    assert _quads(killed) == reference
