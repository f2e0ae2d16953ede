// The graph view (Cytoscape.js, vendored): a node's neighbourhood laid out in columns by
// kind around it, readable labels, details in plain words; double-click to grow it.

import { $, el, getJSON, inWords, kindWords, link, loadScript, nodeRoute, say } from "./ui.js";

export const KIND_COLOURS = {
  Plan: "#c0392b",
  Target: "#0e7c86",
  Measure: "#c78c06",
  Statistic: "#8c564b",
  Document: "#34495e",
  Region: "#2e8b57",
  GovernmentBody: "#1f5fa8",
  Company: "#e67e22",
  ResearchInstitution: "#7d3c98",
  Person: "#d35490",
  OtherActor: "#7f8c8d",
  Actor: "#5d6d7e",
  Category: "#9ab8d8",
  Affiliation: "#aab7b8",
  Quantity: "#aab7b8",
  Other: "#bdc3c7",
};
const colour = (kind) => KIND_COLOURS[kind] || KIND_COLOURS.Other;
// where each kind sits around the node in the middle: columns left and right of it
const SIDES = {
  Region: [-1, 0],
  GovernmentBody: [-1, 1],
  Company: [-1, 2],
  ResearchInstitution: [-1, 3],
  Person: [-1, 4],
  OtherActor: [-1, 5],
  Actor: [-1, 6],
  Document: [-1, 7],
  Plan: [-1, 8],
  Target: [1, 0],
  Statistic: [1, 1],
  Measure: [2, 0],
  Category: [2, 1],
  Affiliation: [-1, 9],
  Other: [-1, 10],
};

const cache = new Map();
export function fetchNode(iri) {
  if (!cache.has(iri)) {
    const pending = getJSON("api/node", { iri });
    pending.catch(() => cache.delete(iri));
    cache.set(iri, pending);
  }
  return cache.get(iri);
}

let graph = null;
let openDocument = null;

export async function startGraph(documentOpener) {
  openDocument = documentOpener;
  if (graph) return graph;
  await loadScript("vendor/cytoscape/cytoscape.min.js");
  graph = window.cytoscape({
    container: $("cy"),
    minZoom: 0.15,
    maxZoom: 3,
    wheelSensitivity: 0.3,
    style: [
      {
        selector: "node",
        style: {
          "background-color": (node) => colour(node.data("kind")),
          label: "data(label)",
          "font-size": 12,
          color: "#1d2733",
          "text-wrap": "ellipsis",
          "text-max-width": "210px",
          "text-valign": "center",
          "text-halign": "right",
          "text-margin-x": 6,
          "text-background-color": "#ffffff",
          "text-background-opacity": 0.85,
          "text-background-padding": 2,
          width: 16,
          height: 16,
        },
      },
      {
        selector: "node[?centre]",
        style: { width: 30, height: 30, "font-size": 15, "font-weight": "bold", "text-max-width": "260px", "text-halign": "center", "text-valign": "bottom", "text-margin-x": 0, "text-margin-y": 6 },
      },
      { selector: "node[?expanded]", style: { "border-width": 2, "border-color": "#1d2733" } },
      { selector: "node:selected", style: { "border-width": 4, "border-color": "#ffb000", "font-weight": "bold" } },
      { selector: "node.heading", style: { "background-opacity": 0, label: "data(label)", "font-size": 13, "font-weight": "bold", color: "#5f6b7a", "text-halign": "right", "text-margin-x": -8, width: 1, height: 1, events: "no" } },
      {
        selector: "edge",
        style: {
          width: 1,
          "line-color": "#c6ced8",
          "target-arrow-color": "#c6ced8",
          "target-arrow-shape": "triangle",
          "arrow-scale": 0.7,
          "curve-style": "bezier",
        },
      },
      { selector: "edge:selected, edge.near", style: { label: "data(label)", "font-size": 10, color: "#5f6b7a", "text-background-color": "#fff", "text-background-opacity": 0.9, "line-color": "#8795a5" } },
    ],
  });
  graph.on("tap", "node", (event) => {
    if (!event.target.hasClass("heading")) showNode(event.target.id());
  });
  graph.on("dbltap", "node", (event) => {
    if (!event.target.hasClass("heading")) expand(event.target.id(), false);
  });
  $("graph-fit").addEventListener("click", () => graph.fit(undefined, 30));
  $("graph-clear").addEventListener("click", () => {
    graph.elements().remove();
    $("details").replaceChildren(el("p", { class: "muted" }, "Cleared."));
  });
  $("legend").replaceChildren(
    ...Object.keys(KIND_COLOURS)
      .filter((k) => !["Actor", "Affiliation", "Quantity", "Other"].includes(k))
      .map((k) => el("li", {}, el("span", { class: "dot", style: { background: colour(k) } }), kindWords(k))),
  );
  window.plangraph.graph = graph;
  return graph;
}

function addNode(node) {
  const existing = graph.getElementById(node.iri);
  if (existing.length) return existing;
  return graph.add({ group: "nodes", data: { id: node.iri, label: node.label, kind: node.kind } });
}

// Open a node alone in the middle, its neighbours grouped by kind around it.
export async function focus(iri) {
  graph.elements().remove();
  await expand(iri, true);
}

export async function expand(iri, fresh) {
  try {
    const node = await fetchNode(iri);
    const before = new Set(graph.nodes().map((n) => n.id()));
    addNode(node).data("expanded", true);
    for (const neighbour of node.neighbours) addNode(neighbour);
    for (const edge of node.edges) {
      const id = `${edge.source} ${edge.property} ${edge.target}`;
      if (graph.getElementById(id).length) continue;
      graph.add({ group: "edges", data: { id, source: edge.source, target: edge.target, label: edge.label } });
    }
    if (fresh) groupedLayout(iri, node);
    else if (graph.nodes().length !== before.size) growLayout(iri, before);
    await showNode(iri);
    if (node.truncated) say(`Showing the first ${node.neighbours.length} neighbours only.`);
  } catch (error) {
    say(error.message);
  }
}

// The node in the middle; each kind of neighbour in a column (actors, regions and
// documents to the left, targets and statistics to the right, measures further right),
// sorted by name, with the kind's name above its column. Long columns wrap.
function groupedLayout(iri, node) {
  graph.nodes(".heading").remove();
  const centre = graph.getElementById(iri);
  centre.data("centre", true);
  centre.position({ x: 0, y: 0 });
  const groups = new Map();
  for (const n of node.neighbours) {
    if (!groups.has(n.kind)) groups.set(n.kind, []);
    groups.get(n.kind).push(n);
  }
  const columnWidth = 300;
  const rowHeight = 24;
  const perColumn = 22;
  const sides = { "-1": [], 1: [], 2: [] };
  const ordered = [...groups.entries()].sort((a, b) => (SIDES[a[0]] || SIDES.Other)[1] - (SIDES[b[0]] || SIDES.Other)[1]);
  for (const [kind, members] of ordered) {
    const side = String((SIDES[kind] || SIDES.Other)[0]);
    sides[side].push([kind, members.sort((a, b) => a.label.localeCompare(b.label))]);
  }
  for (const [side, blocks] of Object.entries(sides)) {
    const direction = Number(side) < 0 ? -1 : 1;
    let column = Number(side) < 0 ? 1 : Number(side);
    let y = 0;
    const height = blocks.reduce((sum, [, m]) => sum + Math.min(m.length, perColumn) + 2, 0) * rowHeight;
    const startY = -Math.min(height, perColumn * rowHeight) / 2;
    y = startY;
    for (const [kind, members] of blocks) {
      if (y > startY && y + (Math.min(members.length, perColumn) + 2) * rowHeight > startY + (perColumn + 4) * rowHeight) {
        column += 1;
        y = startY;
      }
      const xBase = direction * column * columnWidth - (direction < 0 ? 210 : 0);
      graph.add({ group: "nodes", classes: "heading", data: { id: `heading ${kind} ${side}`, label: `${kindWords(kind)} (${members.length})` }, position: { x: xBase, y } });
      y += rowHeight * 1.2;
      members.forEach((member, i) => {
        if (i > 0 && i % perColumn === 0) {
          column += 1;
          y = startY + rowHeight * 1.2;
        }
        const x = direction * column * columnWidth - (direction < 0 ? 210 : 0);
        graph.getElementById(member.iri).position({ x, y }).data("placed", true);
        y += rowHeight;
      });
      y += rowHeight;
    }
  }
  centre.data("placed", true);
  graph.fit(undefined, 30);
}

// Later expansions seed newcomers around the node they came from and let a force layout
// settle them, so the picture grows where one looks instead of reshuffling.
function growLayout(iri, before) {
  graph.nodes(".heading").remove();
  const centre = graph.getElementById(iri);
  const placed = centre.position();
  const newcomers = graph.nodes().filter((n) => !before.has(n.id()));
  newcomers.forEach((node, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, newcomers.length);
    node.position({ x: placed.x + 180 * Math.cos(angle), y: placed.y + 180 * Math.sin(angle) });
  });
  graph.layout({ name: "cose", animate: false, randomize: false, fit: true, padding: 40, nodeRepulsion: () => 600000, idealEdgeLength: () => 140, nodeOverlap: 40, numIter: 1500 }).run();
}

function fieldValue(field) {
  if (field.words) return `${field.words} (${Number(field.value).toLocaleString("en")})`;
  if (field.iri) {
    return el("button", { type: "button", class: "link", onclick: () => expand(field.iri, false) }, String(field.value));
  }
  return String(field.value);
}

export async function showNode(iri) {
  const panel = $("details");
  let node;
  try {
    node = await fetchNode(iri);
  } catch (error) {
    say(error.message);
    return;
  }
  graph.elements().unselect().removeClass("near");
  const me = graph.getElementById(iri);
  me.select();
  me.connectedEdges().addClass("near");
  const rows = node.fields
    .filter((f) => !["pg:content"].includes(f.property) && !(f.property === "rdfs:label" && f.value === node.label))
    .map((f) => el("tr", {}, el("th", { scope: "row" }, f.label), el("td", { lang: f.language || null }, fieldValue(f))));
  const parts = [
    el("h2", {}, el("span", { class: "dot", style: { background: colour(node.kind) } }), " ", node.label),
    el("p", { class: "muted" }, kindWords(node.kind), " · ", link(node, node.kind === "Plan" ? "open the plan's card" : ["Target", "Measure", "Statistic"].includes(node.kind) ? "its place in the graph" : "open its card")),
    el("button", { type: "button", onclick: () => expand(iri, false) }, "Add its neighbours"),
    " ",
    el("button", { type: "button", onclick: () => focus(iri) }, "Centre on it"),
  ];
  if (rows.length) parts.push(el("h3", {}, "Details"), el("table", { class: "fields" }, el("tbody", {}, rows)));
  if (node.evidence.length) parts.push(el("h3", {}, "Read from"));
  for (const evidence of node.evidence) {
    parts.push(
      el("blockquote", { class: "sentence", "data-evidence": evidence.iri }, evidence.text.trim()),
      el("p", { class: "muted source" }, "in ", el("button", { type: "button", class: "link", onclick: () => openDocument(evidence) }, evidence.title), " — show it highlighted in the document"),
    );
  }
  panel.replaceChildren(...parts);
  panel.scrollTop = 0;
}

export { nodeRoute };
