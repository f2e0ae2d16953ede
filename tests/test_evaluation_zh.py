"""plangraph eval scores Chinese gold exactly as the user's score.py does."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import URIRef

from plangraph.evaluation import Prediction, evaluate_graph, fold, phrase_matches

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
GOLD = ROOT / "corpus" / "zh" / "gold"


@pytest.mark.parametrize(
    ("key", "label", "matches"),
    [
        ("智能算力中心", "建设城市级智能算力中心", True),
        ("算力 中心", "建设城市级智能算力中心", True),  # spaces are ignored
        ("算力平台", "建设城市级智能算力中心", False),
        ("算力規模", "全省算力規模達到14EFlops", True),  # as written, traditional
        ("算力规模", "全省算力規模達到14EFlops", False),  # no conversion in matching
    ],
)
def test_chinese_keys_match_contiguous_characters(key: str, label: str, matches: bool) -> None:
    p = Prediction(URIRef("https://example.org/x"), texts={fold(label)})
    assert phrase_matches(p, {"key": key}) is matches


@pytest.mark.slow
@pytest.mark.parametrize(
    "doc_id",
    [
        "guangdong-2023-general-ai-opinions-zh",
        "zhejiang-2024-ai-industry-opinions-zh",
        "shanghai-2023-large-model-measures-hk-zh",
    ],
)
def test_the_same_scores_as_score_py(doc_id: str, tmp_path: Path) -> None:
    if not SCORER.exists():
        pytest.skip("../shared/eval/score.py is not here")
    from plangraph.workflow import extract_file

    gold_file = GOLD / f"{doc_id}.json"
    gold = json.loads(gold_file.read_text("utf-8"))
    _, graph = extract_file(ROOT / gold["source"]["path"])
    exported = tmp_path / f"{doc_id}.nt"
    graph.serialize(exported, format="nt", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, str(SCORER), str(exported), str(gold_file), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    theirs = json.loads(run.stdout)
    ours = evaluate_graph(gold, graph)
    for part in ("actors", "targets", "measures"):
        mine = getattr(ours, part)
        assert (mine.tp, mine.fp, mine.missed) == (
            theirs[part]["true_positives"],
            theirs[part]["false_positives"],
            theirs[part]["missed"],
        ), part
        assert round(mine.f1, 3) == theirs[part]["f1"], part
