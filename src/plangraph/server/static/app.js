// plangraph explorer: a SPARQL editor (YASGUI), a graph view (Cytoscape.js) and a document
// view, all over this server's /sparql and /api/ endpoints. Nothing here talks to any other
// host, and the page's Content-Security-Policy would stop it if it tried.
"use strict";

(() => {
  const BASE = new URL(".", document.baseURI);
  const ENDPOINT = new URL("sparql", BASE).href;
  const KIND_COLOURS = {
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
  const KIND_NAMES = {
    GovernmentBody: "Government body",
    ResearchInstitution: "Research institution",
    OtherActor: "Other actor",
  };
  const ITEM_HEADINGS = [
    ["Plan", "Plan"],
    ["Target", "Targets"],
    ["Measure", "Measures"],
    ["Statistic", "Statistics"],
    ["Affiliation", "Affiliations"],
  ];

  const $ = (id) => document.getElementById(id);
  const colour = (kind) => KIND_COLOURS[kind] || KIND_COLOURS.Other;
  const kindName = (kind) => KIND_NAMES[kind] || kind;

  // Build DOM nodes from data: text always goes in as text, never as HTML.
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else if (key === "style") Object.assign(node.style, value);
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function say(text) {
    $("message").textContent = text || "";
  }

  async function getJSON(path, params) {
    const url = new URL(path, BASE);
    for (const [key, value] of Object.entries(params || {})) url.searchParams.set(key, value);
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await response.json().catch(() => ({ error: response.statusText }));
    if (!response.ok) throw new Error(body.error || response.statusText);
    return body;
  }

  const cache = { nodes: new Map(), documents: new Map() };
  function fetchNode(iri) {
    if (!cache.nodes.has(iri)) {
      const pending = getJSON("api/node", { iri });
      pending.catch(() => cache.nodes.delete(iri));
      cache.nodes.set(iri, pending);
    }
    return cache.nodes.get(iri);
  }
  function fetchDocument(iri) {
    if (!cache.documents.has(iri)) {
      const pending = getJSON("api/document", { iri });
      pending.catch(() => cache.documents.delete(iri));
      cache.documents.set(iri, pending);
    }
    return cache.documents.get(iri);
  }

  // Offsets in the store count Unicode code points (Python's str); JavaScript strings count
  // UTF-16 units, so slice by code points. If the sentence is not where the offsets say,
  // fall back to finding it, and say so.
  function highlight(container, text, start, end, sentence) {
    const points = Array.from(text);
    let before = points.slice(0, start).join("");
    let middle = points.slice(start, end).join("");
    let after = points.slice(end).join("");
    let note = null;
    if (sentence && middle !== sentence) {
      const at = text.indexOf(sentence);
      if (at >= 0) {
        before = text.slice(0, at);
        middle = sentence;
        after = text.slice(at + sentence.length);
        note = "The stored offsets do not match the text; the sentence was found by search.";
      } else {
        note = "The evidence sentence is not in the stored text.";
      }
    }
    const mark = el("mark", { class: "evidence" }, middle);
    container.replaceChildren(before, mark, after);
    container.scrollTop = Math.max(0, mark.offsetTop - container.clientHeight / 3);
    return note;
  }

  // ---- views ------------------------------------------------------------------------

  const started = {};
  function showView(name) {
    for (const tab of document.querySelectorAll("nav [role=tab]")) {
      const selected = tab.dataset.view === name;
      tab.setAttribute("aria-selected", String(selected));
      $("view-" + tab.dataset.view).hidden = !selected;
    }
    const start = { query: startQuery, graph: startGraph, documents: startDocuments }[name];
    if (!started[name]) started[name] = start().catch((error) => say(error.message));
    if (name === "graph" && graph) graph.resize();
    return started[name];
  }
  for (const tab of document.querySelectorAll("nav [role=tab]")) {
    tab.addEventListener("click", () => showView(tab.dataset.view));
  }

  // ---- query view: YASGUI over /sparql, preloaded with the shipped queries ----------

  let yasgui = null;
  let library = [];
  let prefixes = {};

  async function startQuery() {
    ({ queries: library, prefixes } = await getJSON("api/queries"));
    const select = $("library");
    select.replaceChildren(
      ...library.map((q) => el("option", { value: q.name }, q.name)),
    );
    select.addEventListener("change", () => loadQuery(select.value));
    // The property and class completers ask lov.linkeddata.es; prefixes come bundled.
    const Yasqe = Yasgui.Yasqe;
    Yasqe.defaults.autocompleters = Yasqe.defaults.autocompleters.filter(
      (name) => name !== "property" && name !== "class",
    );
    yasgui = new Yasgui($("yasgui"), {
      requestConfig: { endpoint: ENDPOINT, method: "POST" },
      persistenceId: null,
      copyEndpointOnNewTab: true,
      endpointCatalogueOptions: { getData: () => [{ endpoint: ENDPOINT }] },
      yasqe: { prefixCcApi: null, createShareableLink: null },
    });
    if (library.length) loadQuery(library[0].name);
  }

  function loadQuery(name) {
    const query = library.find((q) => q.name === name);
    if (!query || !yasgui) return;
    $("library").value = name;
    const params = query.parameters.map((p) => `?${p.name} (${p.type}): ${p.help}`).join("; ");
    $("library-description").textContent =
      query.description + (params ? ` — leave ${params} unbound for all, or bind it in the query` : "");
    // The server knows plangraph's prefixes; declare the ones the query uses, so that the
    // editor knows them too and the query runs anywhere it is pasted.
    const used = Object.fromEntries(
      Object.entries(prefixes).filter(([prefix]) => new RegExp(`(^|[\\s(/^|])${prefix}:`, "m").test(query.text)),
    );
    const tab = yasgui.getTab();
    tab.setQuery(query.text);
    tab.getYasqe().addPrefixes(used);
  }

  // ---- graph view: search, expand, inspect ------------------------------------------

  let graph = null;

  async function startGraph() {
    graph = cytoscape({
      container: $("cy"),
      minZoom: 0.2,
      maxZoom: 3,
      style: [
        {
          selector: "node",
          style: {
            "background-color": (node) => colour(node.data("kind")),
            label: "data(label)",
            "font-size": 10,
            color: "#1d2733",
            "text-wrap": "ellipsis",
            "text-max-width": "140px",
            "text-valign": "bottom",
            "text-margin-y": 4,
            width: 22,
            height: 22,
          },
        },
        { selector: "node[?expanded]", style: { "border-width": 2, "border-color": "#1d2733" } },
        {
          selector: "node:selected",
          style: { "border-width": 4, "border-color": "#ffb000", "font-weight": "bold" },
        },
        {
          selector: "edge",
          style: {
            width: 1.2,
            "line-color": "#b8c2cc",
            "target-arrow-color": "#b8c2cc",
            "target-arrow-shape": "triangle",
            "curve-style": "bezier",
            label: "data(label)",
            "font-size": 8,
            color: "#6b7785",
            "text-rotation": "autorotate",
            "text-background-color": "#fff",
            "text-background-opacity": 0.8,
          },
        },
      ],
    });
    graph.on("tap", "node", (event) => showNode(event.target.id()));
    graph.on("dbltap", "node", (event) => expand(event.target.id()));
    $("graph-fit").addEventListener("click", () => graph.fit(undefined, 30));
    $("graph-clear").addEventListener("click", () => {
      graph.elements().remove();
      $("details").replaceChildren(el("p", { class: "muted" }, "Cleared."));
    });
    $("legend").replaceChildren(
      ...Object.keys(KIND_COLOURS)
        .filter((k) => !["Actor", "Affiliation", "Quantity", "Other"].includes(k))
        .map((k) => el("li", {}, el("span", { class: "dot", style: { background: colour(k) } }), kindName(k))),
    );
    let timer = null;
    $("search").addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(search, 200);
    });
    window.plangraph.graph = graph;
  }

  async function search() {
    const text = $("search").value.trim();
    const list = $("search-results");
    if (!text) {
      list.replaceChildren();
      return;
    }
    try {
      const found = await getJSON("api/search", { q: text });
      if (text !== $("search").value.trim()) return; // a newer search is on its way
      list.replaceChildren(
        ...(found.length ? found : [null]).map((n) =>
          n
            ? el("li", {}, nodeButton(n, () => openNode(n.iri)))
            : el("li", { class: "muted" }, "Nothing found."),
        ),
      );
      say("");
    } catch (error) {
      say(error.message);
    }
  }

  function nodeButton(node, onclick) {
    return el(
      "button",
      { type: "button", class: "item", onclick, title: node.iri, "data-iri": node.iri },
      el("span", { class: "dot", style: { background: colour(node.kind) } }),
      el("span", {}, node.label),
      el("span", { class: "kind" }, kindName(node.kind)),
    );
  }

  function addNode(node) {
    const existing = graph.getElementById(node.iri);
    if (existing.length) return existing;
    return graph.add({ group: "nodes", data: { id: node.iri, label: node.label, kind: node.kind } });
  }

  async function openNode(iri) {
    await showView("graph");
    await expand(iri);
  }

  async function expand(iri) {
    try {
      const node = await fetchNode(iri);
      const before = graph.nodes().length;
      addNode(node).data("expanded", true);
      for (const neighbour of node.neighbours) addNode(neighbour);
      for (const edge of node.edges) {
        const id = `${edge.source} ${edge.property} ${edge.target}`;
        if (graph.getElementById(id).length) continue;
        graph.add({
          group: "edges",
          data: { id, source: edge.source, target: edge.target, label: edge.property.replace(/^[^:]*:/, "") },
        });
      }
      if (graph.nodes().length !== before) layout(iri, before <= 1);
      await showNode(iri);
      if (node.truncated) say(`Showing the first ${node.neighbours.length} neighbours only.`);
    } catch (error) {
      say(error.message);
    }
  }

  // A first node sits in the middle with its neighbours on a circle around it (off the
  // horizontal, where labels would collide). Later expansions seed newcomers on a circle
  // around the node they came from and let the force layout settle the rest, so that the
  // picture grows where one looks instead of reshuffling.
  function layout(iri, fresh) {
    const centre = graph.getElementById(iri);
    if (fresh) {
      const others = graph.nodes().not(centre);
      const radius = Math.max(200, 30 * others.length);
      centre.position({ x: 0, y: 0 });
      others.forEach((node, i) => {
        const angle = -Math.PI / 2 + Math.PI / others.length + (2 * Math.PI * i) / others.length;
        node.position({ x: radius * Math.cos(angle), y: 0.75 * radius * Math.sin(angle) });
      });
      graph.nodes().data("placed", true);
      graph.fit(undefined, 60);
      return;
    }
    const placed = centre.position();
    const newcomers = graph.nodes().filter((n) => !n.data("placed"));
    newcomers.forEach((node, i) => {
      const angle = (2 * Math.PI * i) / Math.max(1, newcomers.length);
      node.position({ x: placed.x + 160 * Math.cos(angle), y: placed.y + 160 * Math.sin(angle) });
    });
    newcomers.data("placed", true);
    graph.layout({
      name: "cose",
      animate: false,
      randomize: false,
      fit: true,
      padding: 40,
      nodeRepulsion: () => 400000,
      gravity: 0.25,
      numIter: 2500,
      idealEdgeLength: () => 120,
      nodeOverlap: 40,
    }).run();
  }

  function display(field) {
    const number = Number(field.value);
    if (/^pg:(value|maxValue)$/.test(field.property) && Number.isFinite(number)) {
      return `${number.toLocaleString("en")} (${field.value})`;
    }
    return String(field.value);
  }

  async function showNode(iri) {
    const panel = $("details");
    let node;
    try {
      node = await fetchNode(iri);
    } catch (error) {
      say(error.message);
      return;
    }
    graph.elements().unselect();
    graph.getElementById(iri).select();
    const rows = node.fields
      .filter((f) => f.property !== "rdfs:label")
      .map((f) =>
        el(
          "tr",
          {},
          el("th", { scope: "row" }, f.property),
          el("td", {}, f.iri ? el("button", { type: "button", class: "link", onclick: () => expand(f.iri) }, String(f.value)) : display(f)),
        ),
      );
    const parts = [
      el("h2", {}, el("span", { class: "dot", style: { background: colour(node.kind) } }), " ", node.label),
      el("p", { class: "muted" }, kindName(node.kind), " · ", el("code", {}, node.iri)),
      el("button", { type: "button", onclick: () => expand(iri) }, "Expand neighbourhood"),
    ];
    if (rows.length) parts.push(el("h3", {}, "Fields"), el("table", { class: "fields" }, el("tbody", {}, rows)));
    if (node.evidence.length) parts.push(el("h3", {}, "Evidence"));
    const boxes = [];
    for (const evidence of node.evidence) {
      const box = el("div", { class: "evidence-box", "data-evidence": evidence.iri }, evidence.text);
      const note = el("p", { class: "note" });
      boxes.push([evidence, box, note]);
      parts.push(
        el("p", { class: "muted" }, "From ",
          el("button", { type: "button", class: "link", onclick: () => openDocument(evidence.document, evidence) }, evidence.title),
          ` (characters ${evidence.start}–${evidence.end})`),
        box,
        note,
      );
    }
    if (node.neighbours.length) {
      parts.push(el("h3", {}, `Connections (${node.neighbours.length})`));
      parts.push(el("ul", { class: "list" }, node.neighbours.map((n) => el("li", {}, nodeButton(n, () => expand(n.iri))))));
    }
    panel.replaceChildren(...parts);
    panel.scrollTop = 0;
    for (const [evidence, box, note] of boxes) {
      try {
        const doc = await fetchDocument(evidence.document);
        note.textContent = highlight(box, doc.text, evidence.start, evidence.end, evidence.text) || "";
      } catch (error) {
        note.textContent = error.message;
      }
    }
  }

  // ---- document view: the text, and what was read from it ---------------------------

  async function startDocuments() {
    const documents = await getJSON("api/documents");
    const select = $("document-select");
    select.replaceChildren(
      ...documents.map((d) => el("option", { value: d.iri }, d.title || d.identifier || d.iri)),
    );
    select.addEventListener("change", () => showDocument(select.value));
    if (documents.length && !select.dataset.shown) await showDocument(documents[0].iri);
  }

  async function openDocument(iri, evidence) {
    await showView("documents");
    await showDocument(iri, evidence);
  }

  async function showDocument(iri, evidence) {
    let doc;
    try {
      doc = await fetchDocument(iri);
    } catch (error) {
      say(error.message);
      return;
    }
    const select = $("document-select");
    select.value = iri;
    select.dataset.shown = iri;
    const meta = [["Title", doc.title], ["Identifier", doc.identifier], ["Source", doc.source], ["Issued", doc.issued]];
    $("document-meta").replaceChildren(
      ...meta.filter(([, v]) => v).flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]),
    );
    const textEl = $("document-text");
    textEl.replaceChildren(doc.text);
    const buttons = [];
    const select_item = (item, button) => {
      for (const b of buttons) b.classList.toggle("active", b === button);
      const note = highlight(textEl, doc.text, item.start, item.end, item.text);
      say(note || "");
    };
    const sections = [];
    for (const [kind, heading] of ITEM_HEADINGS) {
      const items = doc.items.filter((i) => i.kind === kind);
      if (!items.length) continue;
      sections.push(el("h3", {}, `${heading} (${items.length})`));
      sections.push(
        el("ul", { class: "list" }, items.map((item) => {
          const button = nodeButton(item, () => select_item(item, button));
          button.dataset.start = item.start;
          buttons.push(button);
          return el("li", {}, button);
        })),
      );
    }
    if (doc.mentions.length) {
      sections.push(el("h3", {}, `Mentions (${doc.mentions.length})`));
      sections.push(el("ul", { class: "list" }, doc.mentions.map((n) => el("li", {}, nodeButton(n, () => openNode(n.iri))))));
    }
    if (!sections.length) sections.push(el("p", { class: "muted" }, "Nothing was extracted from this document."));
    $("document-items").replaceChildren(...sections);
    if (evidence) {
      const item = doc.items.find((i) => i.start === evidence.start && i.end === evidence.end);
      const button = buttons.find((b) => item && b.dataset.iri === item.iri && Number(b.dataset.start) === item.start);
      select_item(item || evidence, button);
    }
  }

  // ---- start ---------------------------------------------------------------------------

  async function footer() {
    const status = await getJSON("api/status");
    $("footer").textContent = [
      "read-only",
      `query time limit ${status.timeout} s`,
      `row limit ${status.maxRows.toLocaleString("en")}`,
      status.networkIsolated ? "queries run without network" : "SERVICE refused",
      `SPARQL endpoint: ${ENDPOINT}`,
    ].join(" · ");
  }

  window.plangraph = { showView, openNode, openDocument, graph: null };
  footer().catch((error) => say(error.message));
  showView("query");
})();
