"""Charts for reports, drawn with matplotlib's Agg backend from the property-graph view.

Four kinds (:data:`CHARTS`): ``targets`` (targets by region and deadline year),
``metric`` (one metric compared across regions, in base units scaled for reading),
``cooccurrence`` (the actor co-occurrence network) and ``measures`` (measures by
category and region). :func:`chart` writes PNG or SVG, chosen by the file's suffix.

Only this module imports matplotlib, and only its object API (``Figure`` with an Agg
canvas), never ``pyplot``: no global figure state and no display is needed.

>>> scale(3e11, "CNY")
(1000000000.0, 'billion CNY')
>>> scale(42.0, "percent")
(1.0, 'percent')
"""

from __future__ import annotations

import re
import textwrap
import warnings
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

import matplotlib as mpl
import networkx as nx
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from plangraph.errors import ExportError
from plangraph.export.layout import packed_layout
from plangraph.export.view import COLOURS, cooccurrence, property_graph
from plangraph.store.base import Store

NO_REGION = "(no region)"
NO_YEAR = "no deadline"
_SYMBOLS = {
    "AtLeast": "\u2265 ",
    "MoreThan": "> ",
    "AtMost": "\u2264 ",
    "LessThan": "< ",
    "About": "\u2248 ",
}
_MEANINGS = {
    "AtLeast": "at least",
    "MoreThan": "more than",
    "AtMost": "at most",
    "LessThan": "less than",
    "About": "about",
}
_ACTOR_COLOURS = {
    "GovernmentBody": "#4e79a7",
    "Company": "#f28e2b",
    "ResearchInstitution": "#59a14f",
    "Person": "#e15759",
    "OtherActor": "#bab0ac",
}
# billions, not trillions, even past a trillion: policy texts and reports speak of
# "1,000 billion yuan", and one scale keeps charts of one metric comparable
_SCALES = ((1e9, "billion"), (1e6, "million"))


def scale(largest: float, unit: str) -> tuple[float, str]:
    """The divisor and axis unit for values up to ``largest``: money (an ISO 4217 code)
    and counts in millions or billions; other units as they are."""
    if unit in {"percent", ""} or not (unit == "count" or (len(unit) == 3 and unit.isupper())):
        return 1.0, unit or "value"
    for divisor, word in _SCALES:
        if abs(largest) >= divisor:
            return divisor, f"{word} {unit}" if unit != "count" else word
    return 1.0, unit


def _regions(data: dict[str, object]) -> list[str]:
    region = data.get("region")
    return str(region).split("; ") if region else [NO_REGION]


def _short(text: str, width: int = 28) -> str:
    return textwrap.shorten(text, width, placeholder="\u2026")


def _nodes(view: nx.Graph, kind: str) -> list[dict[str, object]]:
    return [data for _, data in view.nodes(data=True) if data.get("type") == kind]


def _empty(figure: Figure, message: str) -> Figure:
    axes = figure.add_subplot()
    axes.text(0.5, 0.5, message, ha="center", va="center", fontsize=12, color="#57606a")
    axes.set_axis_off()
    return figure


def targets_figure(view: nx.Graph, top: int = 25) -> Figure:
    """Horizontal bars, one per region, stacked by deadline year; totals at the ends."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for data in _nodes(view, "target"):
        year = str(data["year"]) if "year" in data else NO_YEAR
        for region in _regions(data):
            counts[region][year] += 1
    regions = sorted(counts, key=lambda r: (-sum(counts[r].values()), r))
    shown = regions[:top]
    figure = Figure(figsize=(10, max(3.5, 0.38 * len(shown) + 1.8)), layout="constrained")
    if not shown:
        return _empty(figure, "No targets in this view")
    years = sorted({y for c in counts.values() for y in c if y != NO_YEAR})
    if any(NO_YEAR in counts[r] for r in shown):
        years.append(NO_YEAR)
    palette = mpl.colormaps["viridis"]
    axes = figure.add_subplot()
    rows = list(reversed(shown))  # the region with most targets on top
    left = [0] * len(rows)
    for index, year in enumerate(years):
        widths = [counts[r].get(year, 0) for r in rows]
        if year == NO_YEAR:
            colour: object = "#c4c9cf"
        else:
            colour = palette(index / max(1, len(years) - (2 if NO_YEAR in years else 1)))
        axes.barh(rows, widths, left=left, color=colour, label=year, edgecolor="white")
        left = [a + b for a, b in zip(left, widths, strict=True)]
    for y, total in enumerate(left):
        axes.text(total + 0.1, y, str(total), va="center", fontsize=9)
    axes.set_xlabel("number of targets")
    title = "Targets by region and deadline year"
    if len(regions) > len(shown):
        title += f" (top {len(shown)} of {len(regions)} regions)"
    axes.set_title(title, fontsize=13, loc="left")
    axes.legend(title="deadline", loc="lower right", fontsize=8, title_fontsize=9)
    axes.spines[["top", "right"]].set_visible(False)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xlim(0, max(left) * 1.1 + 0.5)
    return figure


def _value_text(value: float, top: float | None, comparator: str) -> str:
    def fmt(x: float) -> str:
        digits = 2 if abs(x) < 10 else 1 if abs(x) < 1000 else 0
        text = f"{x:,.{digits}f}"
        return text.rstrip("0").rstrip(".") if digits else text

    if top is not None:
        return f"{fmt(value)}\u2013{fmt(top)}"
    return _SYMBOLS.get(comparator, "") + fmt(value)


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def metric_targets(view: nx.Graph, metric: str) -> list[dict[str, object]]:
    """Quantified targets whose metric has every word of ``metric`` (any case, any order):
    "core industry" finds "scale of the core artificial intelligence industry"."""
    wanted = _words(metric)
    return [
        d
        for d in _nodes(view, "target")
        if "value" in d and wanted and wanted <= _words(str(d.get("metric", "")))
    ]


def metric_figure(view: nx.Graph, metric: str) -> Figure:
    """One bar per region and target for the targets :func:`metric_targets` finds, in the
    unit most of them use, scaled for reading (300000000000 CNY -> 300 billion CNY)."""
    found = metric_targets(view, metric)
    if not found:
        metrics = Counter(str(d["metric"]) for d in _nodes(view, "target") if "value" in d)
        known = ", ".join(repr(m) for m, _ in metrics.most_common(5))
        raise ExportError(
            f"no quantified target's metric has the words of {metric!r}"
            + (f"; e.g. {known}" if known else "; the view has no quantified targets")
        )
    units = Counter(str(d.get("unit", "")) for d in found)
    unit = units.most_common(1)[0][0]
    others = {u: n for u, n in units.items() if u != unit}
    # (value, upper end, comparator, region, year, metric); one bar each, duplicates merged
    bars = set()
    for data in found:
        if str(data.get("unit", "")) != unit:
            continue
        year = str(data["year"]) if "year" in data else NO_YEAR
        top = float(str(data["max_value"])) if "max_value" in data else None
        for region in _regions(data):
            bars.add(
                (
                    float(str(data["value"])),
                    top,
                    str(data.get("comparator", "")),
                    region,
                    year,
                    str(data.get("metric", "")),
                )
            )
    ordered = sorted(bars, key=lambda b: (b[0], b[3], b[4], b[5]))  # largest on top
    divisor, axis_unit = scale(max(abs(b[1] or b[0]) for b in ordered), unit)
    figure = Figure(figsize=(10, max(3.2, 0.55 * len(ordered) + 2)), layout="constrained")
    axes = figure.add_subplot()
    rows = range(len(ordered))
    axes.barh(rows, [b[0] / divisor for b in ordered], color=COLOURS["target"])
    for y, (value, top, comparator, *_) in enumerate(ordered):
        if top is not None:
            axes.barh(
                y,
                (top - value) / divisor,
                left=value / divisor,
                color="white",
                edgecolor=COLOURS["target"],
                hatch="///",
            )
        end = (top if top is not None else value) / divisor
        text = _value_text(value / divisor, None if top is None else top / divisor, comparator)
        axes.text(end, y, "  " + text, va="center", fontsize=9)
    axes.set_yticks(rows, [f"{b[3]} ({b[4]})\n{_short(b[5], 36)}" for b in ordered], fontsize=8.5)
    axes.set_xlabel(axis_unit)
    axes.set_title(f"Targets for \u201c{metric}\u201d by region", fontsize=13, loc="left", pad=22)
    used = {b[2] for b in ordered}
    note = [f"{_SYMBOLS[c].strip()} {_MEANINGS[c]}" for c in _SYMBOLS if c in used]
    if any(b[1] is not None for b in ordered):
        note.append("hatched: up to the upper end of a range")
    if others:
        note.append(
            "not shown: " + ", ".join(f"{n} in {u or 'no unit'}" for u, n in sorted(others.items()))
        )
    if note:
        axes.text(
            0,
            1.01,
            "; ".join(note),
            transform=axes.transAxes,
            fontsize=8,
            color="#57606a",
            va="bottom",
        )
    axes.spines[["top", "right"]].set_visible(False)
    axes.set_xlim(0, max((b[1] or b[0]) / divisor for b in ordered) * 1.3)
    return figure


def cooccurrence_figure(view: nx.Graph, top: int = 30) -> Figure:
    """The ``top`` actors by shared documents, linked by how many documents name both."""
    network = cooccurrence(view) if view.is_directed() else view
    strength = dict(network.degree(weight="weight"))
    ranked = sorted((n for n in network if strength[n] > 0), key=lambda n: (-strength[n], n))
    figure = Figure(figsize=(12, 9), layout="constrained")
    if not ranked:
        return _empty(figure, "No two actors are named in the same document")
    part = network.subgraph(ranked[:top])
    positions = packed_layout(part)
    axes = figure.add_subplot()
    weights = [float(w) for *_, w in part.edges(data="weight", default=1)]
    most = max(weights, default=1.0)
    for (a, b), w in zip(part.edges(), weights, strict=True):
        (x1, y1), (x2, y2) = positions[a], positions[b]
        axes.plot(
            [x1, x2],
            [y1, y2],
            color="#8c959f",
            alpha=0.25 + 0.6 * w / most,
            linewidth=0.6 + 3.4 * w / most,
            zorder=1,
        )
    nodes = list(part)
    axes.scatter(
        [positions[n][0] for n in nodes],
        [positions[n][1] for n in nodes],
        s=[60 + 60 * float(part.nodes[n].get("documents", 1)) for n in nodes],
        c=[_ACTOR_COLOURS.get(str(part.nodes[n].get("actor_type")), "#bab0ac") for n in nodes],
        edgecolors="white",
        linewidths=1,
        zorder=2,
    )
    for n in nodes:
        x, y = positions[n]
        label = "\n".join(textwrap.wrap(str(part.nodes[n].get("label", n)), 22)[:2])
        axes.annotate(
            label,
            (x, y),
            xytext=(0, -9),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=7.5,
            zorder=3,
            bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.6},
        )
    types = sorted({str(part.nodes[n].get("actor_type", "OtherActor")) for n in nodes})
    axes.legend(
        handles=[Patch(color=_ACTOR_COLOURS.get(t, "#bab0ac"), label=t) for t in types],
        loc="upper left",
        fontsize=8,
        title="actor type",
        title_fontsize=9,
        frameon=False,
    )
    axes.set_title(
        f"Actors named in the same documents: the {len(nodes)} most connected of "
        f"{network.number_of_nodes()}\nline width: shared documents (at most {most:g}); "
        "dot size: documents naming the actor",
        fontsize=12,
        loc="left",
    )
    axes.invert_yaxis()  # the layout's rows run downwards
    axes.set_axis_off()
    axes.margins(0.08)
    return figure


def measures_figure(view: nx.Graph, top: int = 15) -> Figure:
    """A table of counts: measure categories down, regions across."""
    counts: Counter[tuple[str, str]] = Counter()
    for data in _nodes(view, "measure"):
        category = str(data.get("category", "other")).replace("-", " ")
        for region in _regions(data):
            counts[(category, region)] += 1
    figure = Figure(figsize=(11, 6.5), layout="constrained")
    if not counts:
        return _empty(figure, "No measures in this view")
    by_region: Counter[str] = Counter()
    by_category: Counter[str] = Counter()
    for (category, region), n in counts.items():
        by_region[region] += n
        by_category[category] += n
    regions = sorted(by_region, key=lambda r: (-by_region[r], r))[:top]
    categories = sorted(by_category, key=lambda c: (-by_category[c], c))
    grid = [[counts.get((c, r), 0) for r in regions] for c in categories]
    axes = figure.add_subplot()
    image = axes.imshow(grid, cmap="Blues", aspect="auto", vmin=0)
    most = max(max(row) for row in grid)
    for i, row in enumerate(grid):
        for j, n in enumerate(row):
            if n:
                colour = "white" if n > most * 0.6 else "#1f2328"
                axes.text(j, i, str(n), ha="center", va="center", fontsize=9, color=colour)
    axes.set_xticks(
        range(len(regions)), [_short(r, 22) for r in regions], rotation=40, ha="right", fontsize=9
    )
    axes.set_yticks(range(len(categories)), categories, fontsize=9)
    title = "Measures by category and region"
    if len(by_region) > len(regions):
        title += f" (top {len(regions)} of {len(by_region)} regions)"
    axes.set_title(title, fontsize=13, loc="left")
    bar = figure.colorbar(image, ax=axes, label="number of measures", shrink=0.8)
    bar.ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    return figure


CHARTS: dict[str, str] = {
    "targets": "targets by region and deadline year",
    "metric": "one metric compared across regions (--metric TEXT)",
    "cooccurrence": "the actor co-occurrence network",
    "measures": "measures by category and region",
}


def figure_for(
    view: nx.Graph, kind: str, *, metric: str | None = None, top: int | None = None
) -> Figure:
    """The figure of chart ``kind`` for a property-graph view."""
    makers: dict[str, Callable[[], Figure]] = {
        "targets": lambda: targets_figure(view, **({"top": top} if top else {})),
        "metric": lambda: metric_figure(view, metric or ""),
        "cooccurrence": lambda: cooccurrence_figure(view, **({"top": top} if top else {})),
        "measures": lambda: measures_figure(view, **({"top": top} if top else {})),
    }
    if kind not in makers:
        valid = "; ".join(f"{k}: {v}" for k, v in CHARTS.items())
        raise ExportError(f"unknown chart {kind!r}; valid: {valid}")
    if kind == "metric" and not (metric and metric.strip()):
        raise ExportError("the metric chart needs --metric TEXT, e.g. --metric 'core industry'")
    return makers[kind]()


def save(figure: Figure, output: Path) -> None:
    """Write ``figure`` as PNG or SVG, by ``output``'s suffix; the same figure gives the
    same bytes (no dates, fixed SVG ids)."""
    fmt = output.suffix.lower().lstrip(".")
    if fmt not in {"png", "svg"}:
        raise ExportError(f"{output}: charts are written as .png or .svg, not {output.suffix!r}")
    FigureCanvasAgg(figure)
    metadata: dict[str, str | None] = {"Date": None} if fmt == "svg" else {"Software": None}
    try:
        with (
            mpl.rc_context({"svg.hashsalt": "plangraph", "svg.fonttype": "path"}),
            warnings.catch_warnings(),
        ):
            # labels in scripts the bundled font lacks draw as boxes, not as an error
            warnings.filterwarnings("ignore", message="Glyph .* missing from font")
            figure.savefig(output, format=fmt, dpi=150, metadata=metadata)
    except OSError as error:
        raise ExportError(f"{output}: cannot write ({error.strerror})") from None


def chart(
    store: Store, kind: str, output: Path, *, metric: str | None = None, top: int | None = None
) -> None:
    """Draw chart ``kind`` for the whole store into ``output`` (.png or .svg)."""
    if output.suffix.lower() not in {".png", ".svg"}:
        raise ExportError(f"{output}: charts are written as .png or .svg, not {output.suffix!r}")
    save(figure_for(property_graph(store), kind, metric=metric, top=top), output)
