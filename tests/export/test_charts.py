"""Charts for the fixture store: every kind as PNG and SVG, readable files, one-line
errors for what cannot be drawn."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from plangraph.errors import ExportError
from plangraph.export.charts import CHARTS, chart, metric_targets, scale
from plangraph.export.view import build_view
from plangraph.store.oxigraph import OxigraphStore


@pytest.mark.parametrize("suffix", [".png", ".svg"])
@pytest.mark.parametrize("kind", sorted(CHARTS))
def test_every_chart_is_drawn(
    policy_store: OxigraphStore, tmp_path: Path, kind: str, suffix: str
) -> None:
    output = tmp_path / f"{kind}{suffix}"
    chart(policy_store, kind, output, metric="core industry")
    assert output.stat().st_size > 1000
    if suffix == ".png":
        with Image.open(output) as image:
            image.verify()
        with Image.open(output) as image:
            assert image.format == "PNG" and min(image.size) >= 400
    else:
        text = output.read_text("utf-8")
        assert text.lstrip().startswith("<?xml") and "<svg" in text


def test_the_same_store_draws_the_same_svg(policy_store: OxigraphStore, tmp_path: Path) -> None:
    chart(policy_store, "targets", tmp_path / "a.svg")
    chart(policy_store, "targets", tmp_path / "b.svg")
    assert (tmp_path / "a.svg").read_bytes() == (tmp_path / "b.svg").read_bytes()


@pytest.mark.parametrize(
    ("metric", "found"),
    [
        ("core industry", 2),  # every word, in any order: "scale of the core AI industry"
        ("CORE ai", 2),
        ("platforms", 1),
        ("industry growth", 0),
    ],
)
def test_metric_words_select_targets(policy_store: OxigraphStore, metric: str, found: int) -> None:
    assert len(metric_targets(build_view(policy_store), metric)) == found


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (3e11, "CNY", (1e9, "billion CNY")),
        (4.5e12, "USD", (1e9, "billion USD")),
        (2e7, "count", (1e6, "million")),
        (450.0, "CNY", (1.0, "CNY")),
        (80.0, "percent", (1.0, "percent")),
        (30.0, "EFLOPS", (1.0, "EFLOPS")),
    ],
)
def test_scale(value: float, unit: str, expected: tuple[float, str]) -> None:
    assert scale(value, unit) == expected


@pytest.mark.parametrize(
    ("kind", "output", "metric", "message"),
    [
        ("pie", "x.png", None, "unknown chart 'pie'; valid: targets"),
        ("targets", "x.pdf", None, "charts are written as .png or .svg"),
        ("metric", "x.png", None, "needs --metric TEXT"),
        ("metric", "x.png", "moon landings", "no quantified target's metric has the words"),
    ],
)
def test_chart_errors_are_one_line(
    policy_store: OxigraphStore,
    tmp_path: Path,
    kind: str,
    output: str,
    metric: str | None,
    message: str,
) -> None:
    with pytest.raises(ExportError, match=message) as caught:
        chart(policy_store, kind, tmp_path / output, metric=metric)
    assert "\n" not in str(caught.value)
    assert not (tmp_path / output).exists()


def test_an_empty_store_draws_a_note(tmp_path: Path) -> None:
    from plangraph.store import open_store

    for kind in ("targets", "cooccurrence", "measures"):
        chart(open_store(memory=True), kind, tmp_path / f"{kind}.png")
        assert (tmp_path / f"{kind}.png").stat().st_size > 1000
