/* plangraph's graph page: draws the embedded elements with Cytoscape.js, offline.
   Every text from the graph is set with textContent, never parsed as HTML. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("plangraph-data").textContent);
  var colours = data.colours;
  var byId = function (id) { return document.getElementById(id); };
  var number = function (n) { return n.toLocaleString("en"); };

  byId("summary").textContent =
    number(data.total_nodes) + " nodes, " + number(data.total_edges) + " edges" +
    (data.selection ? " \u00b7 " + data.selection : "");
  if (data.sampled) {
    var notice = byId("sampled");
    notice.hidden = false;
    notice.textContent =
      "Showing " + number(data.shown_nodes) + " of " + number(data.total_nodes) +
      " nodes, grown from the best-connected ones, and the " + number(data.shown_edges) +
      " edges between them. Export graphml or gexf for the whole graph.";
  }

  var big = data.shown_nodes > 600;
  var cy = cytoscape({
    container: byId("cy"),
    elements: data.elements,
    minZoom: 0.05,
    maxZoom: 4,
    textureOnViewport: big,
    hideEdgesOnViewport: big,
    style: [
      {
        selector: "node",
        style: {
          "background-color": function (n) { return colours[n.data("type")] || "#999999"; },
          "label": "data(label)",
          "font-size": 9,
          "min-zoomed-font-size": 7,
          "text-wrap": "ellipsis",
          "text-max-width": "110px",
          "text-valign": "bottom",
          "text-margin-y": 2,
          "color": "#1f2328",
          "text-outline-color": "#ffffff",
          "text-outline-width": 1.5,
          "width": function (n) { return 12 + Math.min(30, 4 * Math.sqrt(n.degree(false))); },
          "height": function (n) { return 12 + Math.min(30, 4 * Math.sqrt(n.degree(false))); },
          "border-width": 0
        }
      },
      { selector: "node[type = 'plan']", style: { "shape": "round-rectangle" } },
      { selector: "node[type = 'region']", style: { "shape": "hexagon" } },
      { selector: "node[type = 'target']", style: { "shape": "diamond" } },
      { selector: "node[type = 'statistic']", style: { "shape": "octagon" } },
      { selector: "node[type = 'measure']", style: { "shape": "triangle" } },
      { selector: "node[type = 'document']", style: { "shape": "rectangle" } },
      {
        selector: "edge",
        style: {
          "width": function (e) { return Math.min(8, 0.8 + 0.7 * (e.data("weight") || 1)); },
          "line-color": "#c4c9cf",
          "target-arrow-color": "#c4c9cf",
          "target-arrow-shape": data.directed ? "triangle" : "none",
          "arrow-scale": 0.6,
          "curve-style": big ? "haystack" : "bezier",
          "font-size": 8,
          "color": "#57606a",
          "text-rotation": "autorotate"
        }
      },
      { selector: ".hidden", style: { "display": "none" } },
      { selector: ".faded", style: { "opacity": 0.15 } },
      {
        selector: "node:selected",
        style: { "border-width": 3, "border-color": "#0969da", "font-size": 11, "z-index": 10 }
      },
      {
        selector: "edge.near",
        style: {
          "line-color": "#0969da", "target-arrow-color": "#0969da",
          "label": "data(relation)", "curve-style": "bezier", "z-index": 9
        }
      }
    ],
    layout: { name: "preset", fit: true, padding: 20 }
  });
  window.cy = cy;

  /* The export placed every node (a force layout per component, see layout.py).
     Cytoscape's own force layout reads well for a few hundred nodes but costs O(n^2) a
     step, so the page offers it only for a filtered part that small. */
  var FORCE_MAX = 300;
  var placed = {};
  cy.nodes().forEach(function (n) { placed[n.id()] = Object.assign({}, n.position()); });
  function visibleNodes() { return cy.nodes().not(".hidden"); }
  function fit() {
    var visible = cy.elements().not(".hidden");
    cy.fit(visible, 20);
    if (cy.zoom() > 1.4) {  /* a small graph would be blown up past readable */
      cy.zoom(1.4);
      cy.center(visible);
    }
  }
  function relayout() {
    var visible = cy.elements().not(".hidden");
    if (visible.nodes().length > FORCE_MAX) { fit(); return; }
    visible.layout({ name: "cose", animate: false, randomize: false, numIter: 1000,
      nodeRepulsion: 9000, idealEdgeLength: 70, gravity: 0.4,
      nodeDimensionsIncludeLabels: true, padding: 20 }).run();
    fit();
  }
  function restore() {
    cy.batch(function () {
      cy.nodes().forEach(function (n) { n.position(placed[n.id()]); });
    });
    fit();
  }
  function updateButtons() {
    var many = visibleNodes().length > FORCE_MAX;
    byId("relayout").disabled = many;
    byId("relayout").title = many
      ? "Filter to " + FORCE_MAX + " nodes or fewer to lay them out again"
      : "Force-directed layout of the visible nodes";
  }

  /* filters: node types and region */
  var typeCounts = {};
  cy.nodes().forEach(function (n) {
    var t = n.data("type") || "other";
    typeCounts[t] = (typeCounts[t] || 0) + 1;
  });
  var hiddenTypes = {};
  Object.keys(typeCounts).sort().forEach(function (t) {
    var label = document.createElement("label");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = t;
    box.addEventListener("change", function () {
      hiddenTypes[t] = !box.checked;
      applyFilters();
    });
    var swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.style.background = colours[t] || "#999999";
    var name = document.createElement("span");
    name.textContent = t;
    var count = document.createElement("span");
    count.className = "count";
    count.textContent = number(typeCounts[t]);
    label.append(box, swatch, name, count);
    byId("types").appendChild(label);
  });

  function regionsOf(n) {
    var r = n.data("region");
    return r ? String(r).split("; ") : [];
  }
  var regionCounts = {};
  cy.nodes().forEach(function (n) {
    var names = n.data("type") === "region" ? [n.data("label")] : regionsOf(n);
    names.forEach(function (r) { regionCounts[r] = (regionCounts[r] || 0) + 1; });
  });
  Object.keys(regionCounts).sort().forEach(function (r) {
    var option = document.createElement("option");
    option.value = r;
    option.textContent = r + " (" + regionCounts[r] + ")";
    byId("region").appendChild(option);
  });
  byId("region").addEventListener("change", function () {
    applyFilters();
    if (byId("region").value) { relayout(); } else { restore(); }
  });

  function applyFilters() {
    var region = byId("region").value;
    var inRegion = cy.collection();
    if (region) {
      var core = cy.nodes().filter(function (n) {
        return regionsOf(n).indexOf(region) >= 0 ||
          (n.data("type") === "region" && n.data("label") === region);
      });
      inRegion = core.union(core.neighborhood().nodes());
    }
    cy.batch(function () {
      cy.nodes().forEach(function (n) {
        var hide = hiddenTypes[n.data("type") || "other"] || (region && !inRegion.has(n));
        n.toggleClass("hidden", Boolean(hide));
      });
    });
    updateButtons();
  }

  /* search: fade what does not match */
  byId("search").addEventListener("input", function () {
    var text = this.value.trim().toLowerCase();
    cy.elements().removeClass("faded");
    if (!text) { byId("found").textContent = ""; return; }
    var hits = cy.nodes().not(".hidden").filter(function (n) {
      return String(n.data("label") || "").toLowerCase().indexOf(text) >= 0;
    });
    byId("found").textContent = number(hits.length) + " found";
    if (hits.length) {
      cy.elements().not(hits).not(hits.connectedEdges()).addClass("faded");
      cy.animate({ fit: { eles: hits, padding: 60 } }, { duration: 300 });
    }
  });
  byId("fit").addEventListener("click", fit);
  byId("relayout").addEventListener("click", relayout);
  byId("restore").addEventListener("click", restore);

  /* details of a node */
  var grouped = { value: 1, max_value: 1, weight: 1 };  /* years and offsets stay as they are */
  var skip = { id: 1, name: 1, label: 1, type: 1, sentence: 1, document: 1,
    sentence_start: 1, sentence_end: 1 };
  function element(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function show(n) {
    var d = n.data();
    var panel = byId("details");
    panel.replaceChildren();
    panel.appendChild(element("h2", d.label));
    var badge = element("span", d.type + (d.actor_type ? " \u00b7 " + d.actor_type : ""), "badge");
    badge.style.background = colours[d.type] || "#999999";
    panel.appendChild(badge);
    var table = element("table", undefined, "fields");
    Object.keys(d).sort().forEach(function (k) {
      if (skip[k] || d[k] === "" || d[k] === null) return;
      var row = document.createElement("tr");
      row.append(element("th", k.replace(/_/g, " ")),
        element("td", grouped[k] ? Number(d[k]).toLocaleString("en") : String(d[k])));
      table.appendChild(row);
    });
    panel.appendChild(table);
    if (d.sentence) {
      panel.appendChild(element("h2", "Evidence"));
      panel.appendChild(element("blockquote", d.sentence));
      panel.appendChild(element("p", d.document + ", characters " + d.sentence_start +
        "\u2013" + d.sentence_end + (d.evidence_count > 1 ? " (" + d.evidence_count +
        " sentences in all)" : ""), "source"));
    }
    var links = n.connectedEdges().not(".hidden");
    if (links.length) {
      panel.appendChild(element("h2", "Links (" + links.length + ")"));
      var list = element("ul", undefined, "links");
      links.slice(0, 60).forEach(function (e) {
        var out = e.source().id() === n.id();
        var other = out ? e.target() : e.source();
        var item = element("li", (out ? "" : "\u2190 ") + (e.data("relation") || "link") +
          (out ? " \u2192 " : " "));
        var a = element("a", other.data("label"));
        a.addEventListener("click", function () { cy.$(":selected").unselect(); other.select(); });
        item.appendChild(a);
        list.appendChild(item);
      });
      panel.appendChild(list);
    }
    panel.appendChild(element("p", d.id, "iri"));
  }
  cy.on("select", "node", function (evt) {
    cy.edges().removeClass("near");
    evt.target.connectedEdges().addClass("near");
    show(evt.target);
  });
  cy.on("tap", function (evt) {
    if (evt.target === cy) {
      cy.edges().removeClass("near");
      var panel = byId("details");
      panel.replaceChildren(element("p", "No node selected.", "muted"));
    }
  });

  if (cy.nodes().length === 0) {
    byId("details").replaceChildren(element("p", "The view is empty.", "muted"));
  }
  updateButtons();
  if (cy.nodes().length <= 150) {
    relayout();  /* cheap at this size, and it keeps labels apart */
    cy.nodes().forEach(function (n) { placed[n.id()] = Object.assign({}, n.position()); });
  } else {
    fit();
  }
  document.body.dataset.ready = "true";
})();
