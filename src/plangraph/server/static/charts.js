// Charts drawn as SVG by hand: a comparison of one metric across regions (bars coloured
// by deadline), a timeline of deadlines, and a small histogram. SVG keeps the text
// selectable and readable at any zoom, and each mark carries its data for tests.

import { axisScale, el, number, unitWords } from "./ui.js";

const SVG = "http://www.w3.org/2000/svg";
// ordered, so that later deadlines read as "further": dark blue to dark red
const YEAR_COLOURS = ["#1d4e89", "#2f7fc1", "#3aa39a", "#9bbf3b", "#e0a526", "#d9662b", "#a23a2c", "#6e2a5c"];
const NO_YEAR = "#9aa5b1";

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value !== null && value !== undefined) node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// Colours for the deadline years present, spread over the palette in order.
export function yearColours(years) {
  const distinct = [...new Set(years.filter((y) => y !== null))].sort();
  const colours = new Map();
  distinct.forEach((year, i) => {
    const at = distinct.length === 1 ? 0 : Math.round((i * (YEAR_COLOURS.length - 1)) / (distinct.length - 1));
    colours.set(year, YEAR_COLOURS[Math.min(at, YEAR_COLOURS.length - 1)]);
  });
  return (year) => (year === null || year === undefined ? NO_YEAR : colours.get(year));
}

function niceStep(max, ticks = 5) {
  const raw = max / ticks;
  const power = 10 ** Math.floor(Math.log10(raw || 1));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

function legend(years, colour) {
  return el(
    "ul",
    { class: "chart-legend", "aria-label": "Deadline colours" },
    el("li", { class: "legend-title" }, "Deadline"),
    years.map((y) => el("li", {}, el("span", { class: "swatch", style: { background: colour(y) } }), y === null ? "none given" : String(y))),
  );
}

// Bars of one metric by region: one row per region (largest first), one bar per deadline
// year in it, each labelled with its value in words. `onpick(bar)` runs on a click.
export function barChart({ bars, unit, width = 960, onpick }) {
  if (!bars.length) return el("p", { class: "muted empty-chart" }, "No quantified target matches.");
  const rows = new Map();
  for (const bar of bars) {
    const key = bar.region ? bar.region.iri : "";
    if (!rows.has(key)) rows.set(key, { region: bar.region, bars: [] });
    rows.get(key).bars.push(bar);
  }
  const ordered = [...rows.values()]
    .map((r) => ({ ...r, top: Math.max(...r.bars.map((b) => b.value)) }))
    .sort((a, b) => b.top - a.top || (a.region?.label || "").localeCompare(b.region?.label || ""));
  for (const row of ordered) row.bars.sort((a, b) => (a.year ?? 9999) - (b.year ?? 9999));
  const colour = yearColours(bars.map((b) => b.year));
  const max = Math.max(...bars.map((b) => Math.max(b.value, b.high || 0)));
  const [divisor, axisWords] = axisScale(max, unit);
  const step = niceStep(max / divisor);
  const top = Math.ceil(max / divisor / step) * step || step;

  const left = 170;
  const right = 190;
  const barHeight = 18;
  const gap = 4;
  const rowGap = 12;
  const axisTop = 28;
  const plot = width - left - right;
  const x = (v) => left + (v / divisor / top) * plot;
  let y = axisTop + 8;
  const marks = [];
  for (const row of ordered) {
    const height = row.bars.length * (barHeight + gap) - gap;
    const name = row.region ? row.region.label : "no region";
    marks.push(
      svg("text", { x: left - 10, y: y + height / 2, class: "region-label", "text-anchor": "end", "dominant-baseline": "middle" }, name),
    );
    row.bars.forEach((bar, i) => {
      const by = y + i * (barHeight + gap);
      const words = `${bar.words}${bar.year ? ` by ${bar.year}` : ""}`;
      const title = `${name}: ${words}${bar.targets > 1 ? ` (largest of ${bar.targets} targets)` : ""}`;
      const group = svg(
        "g",
        {
          class: "bar",
          "data-region": name,
          "data-year": bar.year ?? "",
          "data-value": bar.value,
          tabindex: 0,
          role: "button",
          "aria-label": title,
        },
        svg("title", {}, title),
        bar.high && bar.high > bar.value
          ? svg("rect", { x: x(bar.value), y: by, width: Math.max(1, x(bar.high) - x(bar.value)), height: barHeight, fill: colour(bar.year), opacity: 0.35 })
          : null,
        svg("rect", { x: left, y: by, width: Math.max(2, x(bar.value) - left), height: barHeight, fill: colour(bar.year), rx: 2 }),
        svg("text", { x: x(Math.max(bar.value, bar.high || 0)) + 6, y: by + barHeight / 2, class: "bar-label", "dominant-baseline": "middle" }, words),
      );
      if (onpick) {
        group.addEventListener("click", () => onpick(bar));
        group.addEventListener("keydown", (e) => e.key === "Enter" && onpick(bar));
      }
      marks.push(group);
    });
    y += height + rowGap;
  }
  const height = y + 4;
  const grid = [];
  for (let v = 0; v <= top + 1e-9; v += step) {
    grid.push(
      svg("line", { x1: x(v * divisor), x2: x(v * divisor), y1: axisTop, y2: height - 4, class: "grid" }),
      svg("text", { x: x(v * divisor), y: axisTop - 8, class: "tick", "text-anchor": "middle" }, number(v)),
    );
  }
  const chart = svg(
    "svg",
    { viewBox: `0 0 ${width} ${height}`, width: "100%", class: "chart bars", role: "img", "aria-label": `Values by region in ${axisWords}` },
    grid,
    svg("text", { x: left - 10, y: axisTop - 8, class: "axis-title", "text-anchor": "end" }, axisWords),
    marks,
  );
  return el("figure", { class: "chart-figure" }, chart, legend([...new Set(bars.map((b) => b.year))].sort(), colour));
}

// Deadlines across regions: one row per region, a dot per deadline year sized by how many
// targets fall due then.
export function timeline({ bars, width = 960, limit = 40 }) {
  if (!bars.length) return el("p", { class: "muted empty-chart" }, "No deadlines to show.");
  const rows = new Map();
  for (const bar of bars) {
    if (bar.year === null || bar.year === undefined) continue;
    const key = bar.region ? bar.region.iri : "";
    if (!rows.has(key)) rows.set(key, { region: bar.region, years: new Map() });
    const years = rows.get(key).years;
    years.set(bar.year, (years.get(bar.year) || 0) + bar.targets);
  }
  const ordered = [...rows.values()]
    .sort((a, b) => Math.min(...a.years.keys()) - Math.min(...b.years.keys()) || (a.region?.label || "").localeCompare(b.region?.label || ""))
    .slice(0, limit);
  const all = ordered.flatMap((r) => [...r.years.keys()]);
  if (!all.length) return el("p", { class: "muted empty-chart" }, "No deadlines to show.");
  const first = Math.min(...all);
  const last = Math.max(...all);
  const colour = yearColours(all);
  const left = 170;
  const right = 40;
  const rowHeight = 26;
  const top = 30;
  const span = Math.max(1, last - first);
  const x = (year) => left + 24 + ((year - first) / span) * (width - left - right - 24);
  const maxCount = Math.max(...ordered.flatMap((r) => [...r.years.values()]));
  const radius = (n) => 4 + 7 * Math.sqrt(n / maxCount);
  const marks = [];
  for (let year = first; year <= last; year++) {
    marks.push(
      svg("line", { x1: x(year), x2: x(year), y1: top - 6, y2: top + ordered.length * rowHeight, class: "grid" }),
      svg("text", { x: x(year), y: top - 12, class: "tick", "text-anchor": "middle" }, year),
    );
  }
  ordered.forEach((row, i) => {
    const cy = top + i * rowHeight + rowHeight / 2;
    const years = [...row.years.keys()].sort();
    const name = row.region ? row.region.label : "no region";
    marks.push(svg("text", { x: left - 10, y: cy, class: "region-label", "text-anchor": "end", "dominant-baseline": "middle" }, name));
    if (years.length > 1) marks.push(svg("line", { x1: x(years[0]), x2: x(years[years.length - 1]), y1: cy, y2: cy, class: "span" }));
    for (const year of years) {
      const count = row.years.get(year);
      marks.push(
        svg(
          "circle",
          { cx: x(year), cy, r: radius(count), fill: colour(year), class: "deadline", "data-region": name, "data-year": year },
          svg("title", {}, `${name}: ${count} target${count === 1 ? "" : "s"} due by ${year}`),
        ),
      );
    }
  });
  const height = top + ordered.length * rowHeight + 8;
  return el(
    "figure",
    { class: "chart-figure" },
    svg("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", class: "chart timeline", role: "img", "aria-label": "Deadlines by region" }, marks),
  );
}

// A small histogram of targets by deadline year (the overview).
export function yearHistogram({ years, width = 460, height = 150 }) {
  if (!years.length) return el("p", { class: "muted" }, "No deadlines yet.");
  const max = Math.max(...years.map((y) => y.targets));
  const colour = yearColours(years.map((y) => y.year));
  const left = 8;
  const bottom = 22;
  const slot = (width - left * 2) / years.length;
  const barWidth = Math.min(42, slot * 0.7);
  const marks = years.map((y, i) => {
    const h = ((height - bottom - 20) * y.targets) / max;
    const cx = left + slot * i + slot / 2;
    return svg(
      "g",
      { class: "year-bar", "data-year": y.year },
      svg("title", {}, `${y.targets} targets due ${y.year}, set by ${y.plans} plan${y.plans === 1 ? "" : "s"}`),
      svg("rect", { x: cx - barWidth / 2, y: height - bottom - h, width: barWidth, height: h, fill: colour(y.year), rx: 2 }),
      svg("text", { x: cx, y: height - bottom - h - 5, class: "bar-count", "text-anchor": "middle" }, y.targets),
      svg("text", { x: cx, y: height - 6, class: "tick", "text-anchor": "middle" }, y.year),
    );
  });
  return svg("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", class: "chart histogram", role: "img", "aria-label": "Targets by deadline year" }, marks);
}

export { unitWords };
