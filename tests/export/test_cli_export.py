"""``plangraph export`` with view options and ``plangraph chart``, run as a user would."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest


def test_export_graphml_of_one_plan(cli, store_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "plan.graphml"
    run = cli(
        "export",
        "-f",
        "graphml",
        "--plan",
        "shanghai three-year plan for ai industry",
        "-o",
        str(out),
    )
    assert run.returncode == 0, run.stderr
    labels = {d["label"] for _, d in nx.read_graphml(out).nodes(data=True)}
    assert "Shanghai Three-Year Plan for AI Industry" in labels
    assert "Beijing Action Plan for Artificial Intelligence (2024-2026)" not in labels


def test_export_cooccurrence_to_stdout(cli, store_path: Path) -> None:  # type: ignore[no-untyped-def]
    run = cli("export", "--format", "cytoscape", "--cooccurrence", "--actor", "Baidu")
    assert run.returncode == 0, run.stderr
    elements = json.loads(run.stdout)["elements"]
    assert {n["data"]["type"] for n in elements["nodes"]} == {"actor"}
    assert {e["data"]["relation"] for e in elements["edges"]} == {"co_occurs"}


def test_export_csv_and_construct(cli, store_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run = cli("export", "-f", "csv", "--region", "Beijing", "-o", str(tmp_path / "t"))
    assert run.returncode == 0, run.stderr
    assert set(pd.read_csv(tmp_path / "t" / "targets.csv")["region"]) == {"Beijing"}
    query = tmp_path / "q.rq"
    query.write_text("CONSTRUCT { ?a pg:affiliatedWith ?o } WHERE { ?a pg:affiliatedWith ?o }")
    run = cli("export", "-f", "dot", "--construct", str(query))
    assert run.returncode == 0, run.stderr
    assert "affiliated_with" in run.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "-f", "csv"], "csv writes a folder of tables; give it with -o FOLDER"),
        (["export", "-f", "graphml", "--plan", "nothing like it"], "no plan named"),
        (["export", "-f", "turtle", "--region", "Beijing"], "turtle exports the whole store"),
        (["export", "-f", "dot", "--construct", "missing.rq"], "missing.rq: cannot read"),
        (["chart", "pie", "-o", "x.png"], "unknown chart 'pie'"),
        (["chart", "metric", "-o", "x.png"], "needs --metric TEXT"),
    ],
)
def test_errors_are_one_line(cli, store_path: Path, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    run = cli(*args)
    assert run.returncode == 1
    assert run.stderr.count("\n") == 1 and message in run.stderr, run.stderr
    assert "Traceback" not in run.stderr


def test_chart_command(cli, store_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "metric.svg"
    run = cli("chart", "metric", "--metric", "core industry", "-o", str(out))
    assert run.returncode == 0, run.stderr
    assert "<!-- billion CNY -->" in out.read_text("utf-8")  # the axis label, as SVG notes it
