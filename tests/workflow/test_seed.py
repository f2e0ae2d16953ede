"""The user's reference document scored with the user's own scorer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
SCORER = Path(__file__).resolve().parents[3] / "shared" / "eval" / "score.py"


def test_seed_scores_above_the_bar(cli, seed_file: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    gold = sorted((SCORER.parent / "gold").glob("seed-*.json"))
    if not SCORER.exists() or not gold:
        pytest.skip("../shared/eval is not here")
    run = cli("extract", str(seed_file), "--format", "nquads")
    assert run.returncode == 0, run.stderr
    graph = tmp_path / "seed.nq"
    graph.write_text(run.stdout, encoding="utf-8")
    scored = subprocess.run(
        [sys.executable, str(SCORER), str(graph), str(gold[0]), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(scored.stdout)
    assert result["actors"]["f1"] >= 0.95
    assert result["targets"]["f1"] >= 0.95
    assert result["measures"]["f1"] >= 0.95
    assert result["targets"]["statistics_reported_as_targets"] == 0
