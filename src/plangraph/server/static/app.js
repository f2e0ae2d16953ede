// plangraph's page: an overview of the plans, a card per plan and per actor, a comparison
// of one metric across regions, search from every view, a graph and a SPARQL editor.
// Every view has its own URL (#/plan/guangdong-2023, #/compare?metric=...), so a view can
// be shared and reopened. Nothing here talks to any other host, and the page's
// Content-Security-Policy would stop it if it tried.

import { barChart, timeline, yearHistogram } from "./charts.js";
import { expand, focus, startGraph } from "./graph.js";
import {
  $,
  apiURL,
  BASE,
  el,
  getJSON,
  highlight,
  href,
  idToIri,
  inWords,
  kindWords,
  link,
  loadScript,
  loadStyle,
  namesLine,
  nodeId,
  nodeRoute,
  number,
  otherNames,
  say,
  table,
  unitWords,
} from "./ui.js";

const ENDPOINT = new URL("sparql", BASE).href;
const VIEWS = ["overview", "plan", "actor", "compare", "graph", "documents", "query"];

// ---- routing ---------------------------------------------------------------------------

function parseRoute() {
  const hash = location.hash.replace(/^#\/?/, "");
  const [path, query] = hash.split("?");
  const params = Object.fromEntries(new URLSearchParams(query || ""));
  const [view, ...rest] = path.split("/");
  return { view: view || "overview", id: decodeURIComponent(rest.join("/")), params };
}

function show(view) {
  for (const name of VIEWS) $(`view-${name}`).hidden = name !== view;
  const tab = { plan: "overview", actor: "overview", document: "documents" }[view] || view;
  for (const a of document.querySelectorAll("nav a")) {
    if (a.dataset.view === tab) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
}

let routing = Promise.resolve();
async function route() {
  const { view, id, params } = parseRoute();
  say("");
  closeSearch();
  try {
    if (view === "overview" || view === "") await overview(params);
    else if (view === "plan") await planCard(idToIri("plan", id));
    else if (view === "actor") await actorCard(idToIri("actor", id));
    else if (view === "compare") await compare(params);
    else if (view === "graph") await graphView(id);
    else if (view === "document" || view === "documents") await documentsView(id ? idToIri("document", id) : null, params);
    else if (view === "query") await queryView(params);
    else await overview({});
  } catch (error) {
    say(error.message);
  }
  window.plangraph.ready = true;
}
// YASGUI writes its own state into the hash, or empties it: that is not a view, so the
// page's URL is put back as it was.
let lastHash = location.hash;
window.addEventListener("hashchange", () => {
  if (!location.hash.startsWith("#/")) {
    history.replaceState(null, "", lastHash || "#/");
    return;
  }
  lastHash = location.hash;
  window.plangraph.ready = false;
  routing = routing.then(route);
});

function setTitle(text) {
  document.title = text ? `${text} · plangraph` : "plangraph";
}

// ---- overview ------------------------------------------------------------------------------

let summary = null;
async function overview(params) {
  show("overview");
  setTitle("");
  const view = $("view-overview");
  summary = summary || (await getJSON("api/summary"));
  const { counts } = summary;
  const tiles = [
    ["documents", "documents"],
    ["plans", "plans"],
    ["targets", "targets"],
    ["measures", "measures"],
    ["statistics", "statistics"],
    ["actors", "actors"],
    ["regions", "regions"],
  ].map(([key, word]) => el("div", { class: "tile", "data-count": key }, el("strong", {}, number(counts[key])), el("span", {}, word)));
  const languages = summary.languages.map((l) => `${l.name}${l.documents ? ` (${number(l.documents)} documents)` : ""}${l.names ? ` (${number(l.names)} names)` : ""}`);
  tiles.push(el("div", { class: "tile languages", "data-count": "languages" }, el("strong", {}, number(summary.languages.length)), el("span", {}, summary.languages.length === 1 ? "language" : "languages"), el("small", {}, languages.join(", "))));

  const filters = { region: params.region || "", level: params.level || "", year: params.year || "", language: params.language || "", q: params.q || "" };
  const first = await getJSON("api/plans", { ...filters, size: 1 });
  const facets = first.facets;
  const select = (name, label, options) =>
    el(
      "label",
      { class: "filter" },
      label,
      el(
        "select",
        {
          id: `filter-${name}`,
          onchange: (e) => {
            location.hash = href("", { ...filters, [name]: e.target.value });
          },
        },
        el("option", { value: "" }, "all"),
        options.map(([value, text]) => el("option", { value, selected: String(value) === String(filters[name]) || null }, text)),
      ),
    );
  const region = facets.regions.find((r) => r.iri === filters.region);
  const heading = region
    ? el("h2", {}, "Plans for ", region.label, " ", namesLine(region), " ", el("a", { href: "#/", class: "small" }, "show all plans"))
    : el("h2", {}, "Plans");
  const plans = table({
    name: "plans",
    caption: "",
    size: 20,
    sort: params.sort || "region",
    order: params.order || "asc",
    columns: [
      { key: "plan", label: "Plan", wide: true, render: (r) => [link(r), namesLine(r)] },
      { key: "region", label: "Region", render: (r) => (r.region ? [el("a", { href: href("", { ...filters, region: r.region.iri }) }, r.region.label), namesLine(r.region)] : "") },
      { key: "level", label: "Level", render: (r) => r.level || "" },
      { key: "issuer", label: "Issued by", render: (r) => (r.issuer ? link({ ...r.issuer, kind: "Actor" }) : el("span", { class: "muted" }, "not stated")) },
      { key: "period", label: "Period", render: (r) => period(r) },
      { key: "targets", label: "Targets", numeric: true },
      { key: "measures", label: "Measures", numeric: true },
      { key: "documents", label: "Reports", numeric: true },
    ],
    source: async (page, size, sort, order) => getJSON("api/plans", { ...filters, page, size, sort, order }),
    csv: (sort, order) => apiURL("api/plans", { ...filters, sort, order, format: "csv" }),
    empty: "No plan matches these filters.",
  });
  view.replaceChildren(
    el("div", { class: "intro" },
      el("div", {},
        el("h1", {}, "What the store holds"),
        el("div", { class: "tiles" }, tiles),
        el("p", { class: "lead" }, "Open a plan to read its targets and the sentences they came from, or ",
          el("a", { href: "#/compare" }, "compare one metric across regions"), "."),
      ),
      el("div", { class: "histogram-box" }, el("h3", {}, "Targets by deadline year"), yearHistogram({ years: summary.deadlines }))),
    heading,
    el("div", { class: "filters" },
      select("region", "Region", facets.regions.map((r) => [r.iri, `${r.label} (${r.plans})`])),
      select("level", "Level", facets.levels.map((l) => [l.label, `${l.label} (${l.plans})`])),
      select("year", "In force in", facets.years.map((y) => [y, y])),
      select("language", "Language", facets.languages.map((l) => [l.code, `${l.name} (${l.plans})`])),
      el("label", { class: "filter" }, "Words", el("input", { id: "filter-q", type: "search", value: filters.q, placeholder: "title, region or issuer", onchange: (e) => { location.hash = href("", { ...filters, q: e.target.value }); } })),
    ),
    plans,
  );
  await plans.ready;
}

function period(plan) {
  if (plan.periodStart || plan.periodEnd) return `${plan.periodStart || "?"}–${plan.periodEnd || "?"}`;
  return plan.issued ? `issued ${plan.issued}` : "";
}

// ---- plan card ------------------------------------------------------------------------------

function sentenceLink(evidence, text) {
  if (!evidence) return "";
  const id = nodeId(evidence.document);
  return el(
    "a",
    { class: "sentence-link", href: `#/document/${encodeURIComponent(id).replace(/%2F/g, "/")}?start=${evidence.start}&end=${evidence.end}`, title: "Show the sentence highlighted in its document" },
    text || evidence.text.trim(),
  );
}

function targetWords(t) {
  if (t.value === null || t.value === undefined) return el("span", { class: "muted" }, "not quantified");
  const hedge = t.comparator && t.comparator !== "exactly" ? `${t.comparator} ` : "";
  return `${hedge}${t.words}`;
}

function actorsList(list) {
  return list.map((a, i) => [i ? ", " : "", link({ ...a, kind: a.kind === "Actor" ? "Actor" : a.kind })]);
}

async function planCard(iri) {
  show("plan");
  const view = $("view-plan");
  view.replaceChildren(el("p", { class: "muted" }, "Loading the plan…"));
  const plan = await getJSON("api/plan", { iri });
  setTitle(plan.label);
  const facts = [
    ["Issued by", plan.issuers.length ? actorsList(plan.issuers) : el("span", { class: "muted" }, "not stated")],
    ["For", plan.regions.length ? plan.regions.map((r, i) => [i ? ", " : "", el("a", { href: href("", { region: r.iri }) }, r.label), r.level ? ` (${r.level})` : "", " ", namesLine(r)]) : el("span", { class: "muted" }, "not stated")],
    ["Issued", plan.issued.join(", ") || el("span", { class: "muted" }, "not stated")],
    ["Period", plan.periodStart || plan.periodEnd ? `${plan.periodStart || "?"}–${plan.periodEnd || "?"}` : el("span", { class: "muted" }, "not stated")],
    ["Reported by", `${plan.documents.length} document${plan.documents.length === 1 ? "" : "s"}`],
  ];
  const titles = otherNames(plan, 8);
  const quantified = plan.targets.filter((t) => t.value !== null);
  const targets = table({
    name: "targets",
    caption: `Targets (${plan.targets.length}, ${quantified.length} with a figure)`,
    source: plan.targets,
    sort: "year",
    columns: [
      { key: "metric", label: "What", wide: true, render: (t) => t.metric || t.label },
      { key: "value", label: "Target", numeric: true, render: targetWords, csv: (t) => (t.value === null ? "" : `${t.comparator && t.comparator !== "exactly" ? t.comparator + " " : ""}${t.words}`) },
      { key: "year", label: "By", numeric: true, render: (t) => t.year || "" },
      { key: "responsible", label: "Responsible", sortable: false, render: (t) => actorsList(t.responsible), csv: (t) => t.responsible.map((a) => a.label).join("; ") },
      { key: "sentence", label: "Sentence it came from", wide: true, sortable: false, render: (t) => evidenceCell(t.evidence), csv: (t) => (t.evidence[0] ? t.evidence[0].text.trim() : "") },
      { key: "base", label: "Value (base units)", hidden: true, render: (t) => (t.value === null ? "" : `${number(t.value)} ${t.unit || ""}`), csv: (t) => t.value ?? "" },
    ].filter((c) => !c.hidden),
  });
  const statistics = table({
    name: "statistics",
    caption: `Statistics reported (${plan.statistics.length}): figures already reached, not goals`,
    source: plan.statistics,
    sort: "year",
    columns: [
      { key: "metric", label: "What", wide: true },
      { key: "value", label: "Figure", numeric: true, render: (t) => t.words, csv: (t) => t.words },
      { key: "year", label: "Year", numeric: true, render: (t) => t.year || "" },
      { key: "sentence", label: "Sentence it came from", wide: true, sortable: false, render: (t) => evidenceCell(t.evidence), csv: (t) => (t.evidence[0] ? t.evidence[0].text.trim() : "") },
    ],
    empty: "This plan reports no statistics.",
  });
  const measures = measuresSection(plan.measures);
  const actors = table({
    name: "actors",
    caption: `Actors the plan names (${plan.actors.length})`,
    source: plan.actors,
    size: 15,
    sort: "role",
    columns: [
      { key: "label", label: "Actor", wide: true, render: (a) => [link(a), namesLine(a)] },
      { key: "kind", label: "Kind", render: (a) => kindWords(a.kind) },
      { key: "role", label: "Role", sortKey: (a) => (a.issued ? 0 : 1) * 1000 - a.responsible, render: role, csv: (a) => role(a) },
      { key: "documents", label: "Named in reports", numeric: true },
    ],
  });
  const documents = table({
    name: "documents",
    caption: `Documents reporting the plan (${plan.documents.length})`,
    source: plan.documents,
    sort: "issued",
    columns: [
      { key: "title", label: "Document", wide: true, render: (d) => el("a", { href: `#/document/${encodeURIComponent(nodeId(d.iri))}` }, d.title || d.identifier) },
      { key: "issued", label: "Date" },
      { key: "languageName", label: "Language" },
      { key: "sentence", label: "Where it names the plan", wide: true, sortable: false, render: (d) => sentenceLink(d.sentence), csv: (d) => (d.sentence ? d.sentence.text.trim() : "") },
      { key: "source", label: "Source file" },
    ],
  });
  const links = plan.links.length
    ? table({
        name: "conflicts-and-revisions",
        caption: `Conflicts and revisions (${plan.links.length})`,
        source: plan.links,
        columns: [
          { key: "target", label: "This plan's target", render: (l) => `${l.target.metric}: ${l.target.words}${l.target.year ? ` by ${l.target.year}` : ""}`, csv: (l) => `${l.target.metric}: ${l.target.words}` },
          { key: "relation", label: "" },
          { key: "other", label: "Other target", render: (l) => `${l.other.metric}: ${l.other.words}${l.other.year ? ` by ${l.other.year}` : ""}`, csv: (l) => `${l.other.metric}: ${l.other.words}` },
          { key: "plan", label: "In plan", render: (l) => (l.plan ? link({ ...l.plan, kind: "Plan" }) : ""), csv: (l) => (l.plan ? l.plan.label : "") },
        ],
      })
    : el("p", { class: "muted" }, "No conflicting reports or revisions of this plan's targets.");
  view.replaceChildren(
    el("p", { class: "crumbs" }, el("a", { href: "#/" }, "Overview"), " › plan"),
    el("h1", { class: "plan-title" }, plan.label),
    titles.length ? el("p", { class: "other-titles" }, "Also: ", titles.map((n, i) => [i ? " · " : "", el("span", { lang: n.lang || null }, n.text)])) : null,
    el("div", { class: "card-head" },
      el("dl", { class: "facts" }, facts.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)])),
      el("div", { class: "card-actions" },
        el("a", { class: "button", href: `#/graph/${encodeURIComponent(iri)}` }, "Show in graph"),
        quantified.length ? el("a", { class: "button", href: href("compare", { metric: quantified[0].metric.split(" | ")[0], unit: quantified[0].unit }) }, "Compare its main figure") : null)),
    targets,
    measures,
    statistics,
    actors,
    documents,
    el("h3", { class: "section" }, "Conflicts and revisions"),
    links,
  );
  await Promise.all([targets.ready, statistics.ready, actors.ready, documents.ready]);
}

function role(actor) {
  const parts = [];
  if (actor.issued) parts.push("issued it");
  if (actor.responsible) parts.push(`responsible for ${actor.responsible}`);
  if (!parts.length) parts.push("named");
  return parts.join(", ");
}

function evidenceCell(evidence) {
  if (!evidence.length) return el("span", { class: "muted" }, "no sentence");
  const first = evidence[0];
  return [sentenceLink(first), evidence.length > 1 ? el("span", { class: "muted more" }, ` (+${evidence.length - 1} more report${evidence.length > 2 ? "s" : ""})`) : ""];
}

function measuresSection(measures) {
  const groups = new Map();
  for (const m of measures) {
    const key = m.category || "other";
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(m);
  }
  const ordered = [...groups.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  const all = table({
    name: "measures",
    caption: `Measures (${measures.length}), by kind`,
    source: measures,
    size: 10,
    sort: "category",
    columns: [
      { key: "category", label: "Kind" },
      { key: "label", label: "Measure", wide: true },
      { key: "responsible", label: "Responsible", sortable: false, render: (m) => actorsList(m.responsible), csv: (m) => m.responsible.map((a) => a.label).join("; ") },
      { key: "sentence", label: "Sentence", wide: true, sortable: false, render: (m) => evidenceCell(m.evidence), csv: (m) => (m.evidence[0] ? m.evidence[0].text.trim() : "") },
    ],
    empty: "This plan names no measures.",
  });
  const chips = el("div", { class: "chips", "aria-label": "Measures by kind" },
    ordered.map(([category, list]) => el("span", { class: "chip" }, `${category} `, el("strong", {}, list.length))));
  const box = el("div", { class: "measures" }, chips, all);
  box.ready = all.ready;
  return box;
}

// ---- actor card ------------------------------------------------------------------------------

async function actorCard(iri) {
  show("actor");
  const view = $("view-actor");
  view.replaceChildren(el("p", { class: "muted" }, "Loading…"));
  const actor = await getJSON("api/actor", { iri });
  setTitle(actor.label);
  const names = [...actor.names, ...actor.otherNames];
  const plans = table({
    name: "plans-naming-it",
    caption: `Plans naming it (${actor.plans.length})`,
    source: actor.plans,
    sort: "role",
    columns: [
      { key: "label", label: "Plan", wide: true, render: (p) => link(p) },
      { key: "region", label: "Region", render: (p) => (p.region ? el("a", { href: href("", { region: p.region.iri }) }, p.region.label) : ""), csv: (p) => (p.region ? p.region.label : ""), sortKey: (p) => (p.region ? p.region.label : null) },
      { key: "role", label: "Role", sortKey: (a) => (a.issued ? 0 : 1) * 1000 - a.responsible, render: role, csv: role },
      { key: "documents", label: "Reports naming it", numeric: true },
    ],
    empty: "No plan names it.",
  });
  const duties = table({
    name: "responsibilities",
    caption: `What it is responsible for (${actor.responsibilities.length})`,
    source: actor.responsibilities,
    sort: "plan",
    columns: [
      { key: "kind", label: "", render: (i) => kindWords(i.kind) },
      { key: "label", label: "Target or measure", wide: true, render: (i) => (i.kind === "Target" ? `${i.metric || i.label}${i.value !== null ? `: ${i.words}` : ""}${i.year ? ` by ${i.year}` : ""}` : i.label) },
      { key: "category", label: "Kind of measure", render: (i) => i.category || "" },
      { key: "plan", label: "Plan", sortKey: (i) => i.plan.label, render: (i) => link({ ...i.plan, kind: "Plan" }), csv: (i) => i.plan.label },
    ],
    empty: "No target or measure names it as responsible.",
  });
  view.replaceChildren(
    el("p", { class: "crumbs" }, el("a", { href: "#/" }, "Overview"), " › ", kindWords(actor.kind)),
    el("h1", {}, actor.label),
    el("dl", { class: "facts" },
      el("dt", {}, "Kind"), el("dd", {}, actor.types.join(", ") || kindWords(actor.kind)),
      el("dt", {}, "Names"), el("dd", { class: "names" }, names.map((n, i) => [i ? " · " : "", el("span", { lang: n.lang || null }, n.text), n.lang && n.lang !== "en" ? el("span", { class: "lang" }, ` (${n.lang})`) : ""])),
      actor.posts.length ? [el("dt", {}, "Posts"), el("dd", {}, actor.posts.join("; "))] : null,
      actor.affiliations.length ? [el("dt", {}, "With"), el("dd", {}, actorsList(actor.affiliations))] : null,
      actor.members.length ? [el("dt", {}, "People"), el("dd", {}, actorsList(actor.members))] : null),
    el("div", { class: "card-actions" }, el("a", { class: "button", href: `#/graph/${encodeURIComponent(iri)}` }, "Show in graph")),
    plans,
    duties,
  );
  await Promise.all([plans.ready, duties.ready]);
}

// ---- compare ---------------------------------------------------------------------------------

const QUESTIONS = [
  { text: "Which regions target the largest core AI industry by 2025?", params: { metric: "core industry", unit: "CNY", year: "2025" } },
  { text: "Core AI industry targets, every deadline", params: { metric: "core industry", unit: "CNY" } },
  { text: "Who aims for at least 300 billion yuan?", params: { metric: "core industry", unit: "CNY", min: "300000000000" } },
  { text: "Computing power goals", params: { metric: "computing", unit: "EFLOPS" } },
  { text: "How many AI companies?", params: { metric: "enterprises", unit: "count" } },
];

async function compare(params) {
  show("compare");
  setTitle(params.metric ? `Compare ${params.metric}` : "Compare");
  const view = $("view-compare");
  const suggestions = await getJSON("api/metrics", { q: "" });
  const metricInput = el("input", { id: "compare-metric", type: "search", list: "metric-list", value: params.metric || "", placeholder: "e.g. core industry", autocomplete: "off" });
  const unitSelect = el("select", { id: "compare-unit" });
  const yearInput = el("input", { id: "compare-year", type: "number", min: 1990, max: 2100, step: 1, value: params.year || "", placeholder: "any" });
  const minInput = el("input", { id: "compare-min", type: "number", min: 0, value: params.min || "", placeholder: "any" });
  const minWords = el("span", { class: "muted min-words" });
  const updateMinWords = () => {
    minWords.textContent = minInput.value ? `= ${inWords(minInput.value, unitSelect.value)}` : "in base units";
  };
  minInput.addEventListener("input", updateMinWords);
  const submit = (e) => {
    e?.preventDefault();
    location.hash = href("compare", { metric: metricInput.value.trim(), unit: unitSelect.value, year: yearInput.value, min: minInput.value });
  };
  const form = el("form", { class: "compare-form", onsubmit: submit },
    el("label", {}, "Metric", metricInput),
    el("datalist", { id: "metric-list" }, suggestions.wordings.map((w) => el("option", { value: w.wording }, `${w.plans} plans, ${w.unitWords || w.unit}`))),
    el("label", {}, "Unit", unitSelect),
    el("label", {}, "Due by", yearInput),
    el("label", {}, "At least", minInput, minWords),
    el("button", { type: "submit", class: "primary" }, "Compare"));
  const questions = el("div", { class: "questions" }, el("span", { class: "muted" }, "Start from a question: "),
    QUESTIONS.map((q) => el("a", { class: "chip", href: href("compare", q.params) }, q.text)),
    el("a", { class: "chip library", href: href("query", { name: "metric-across-regions" }) }, "…or the library's queries in the Query tab"));
  const body = el("div", { class: "compare-body" });
  view.replaceChildren(el("h1", {}, "Compare one metric across regions"), questions, form, body);
  if (!params.metric) {
    unitSelect.replaceChildren(el("option", { value: "" }, "choose a metric first"));
    body.replaceChildren(
      el("h3", {}, "Metrics most plans set a figure for"),
      el("ul", { class: "metric-list" }, suggestions.wordings.slice(0, 16).map((w) =>
        el("li", {}, el("a", { href: href("compare", { metric: w.wording, unit: w.unit }) }, w.wording), el("span", { class: "muted" }, ` ${w.plans} plan${w.plans === 1 ? "" : "s"}, ${w.unitWords || w.unit}`)))),
    );
    return;
  }
  body.replaceChildren(el("p", { class: "muted" }, "Comparing…"));
  const answer = await getJSON("api/compare", { metric: params.metric, unit: params.unit, year: params.year, min: params.min });
  unitSelect.replaceChildren(...answer.units.map((u) => el("option", { value: u.unit, selected: u.unit === answer.unit || null }, `${u.unitWords || u.unit} (${u.targets} targets)`)));
  if (!answer.units.length) unitSelect.append(el("option", { value: answer.unit }, answer.unitWords || answer.unit));
  updateMinWords();
  const what = `“${answer.metric}” in ${answer.unitWords || answer.unit}${answer.year ? `, due by ${answer.year}` : ""}${answer.min ? `, at least ${inWords(answer.min, answer.unit)}` : ""}`;
  const regions = new Set(answer.bars.map((b) => (b.region ? b.region.iri : "")));
  const top = [...answer.bars].sort((a, b) => b.value - a.value)[0];
  const leaders = [...new Set(answer.bars.filter((b) => top && b.value === top.value).map((b) => (b.region ? b.region.label : "a plan with no region")))].sort();
  const rows = table({
    name: "comparison",
    caption: "Every target behind the chart",
    sort: "value",
    order: "desc",
    columns: [
      { key: "region", label: "Region", render: (r) => (r.region ? [el("a", { href: href("", { region: r.region.iri }) }, r.region.label), namesLine(r.region)] : el("span", { class: "muted" }, "none")) },
      { key: "value", label: "Target", numeric: true, render: (r) => targetWords(r) },
      { key: "year", label: "By", numeric: true, render: (r) => r.year || "" },
      { key: "metric", label: "Wording", render: (r) => r.metric },
      { key: "plan", label: "Plan", wide: true, render: (r) => link({ ...r.plan, kind: "Plan" }) },
      { key: "sentence", label: "Sentence", wide: true, sortable: false, render: (r) => [sentenceLink(r.evidence), r.sentences > 1 ? el("span", { class: "muted more" }, ` (+${r.sentences - 1} more)`) : ""] },
    ],
    source: async (page, size, sort, order) => getJSON("api/compare/rows", { metric: answer.metric, unit: answer.unit, year: params.year, min: params.min, page, size, sort, order }),
    csv: (sort, order) => apiURL("api/compare/rows", { metric: answer.metric, unit: answer.unit, year: params.year, min: params.min, sort, order, format: "csv" }),
    empty: "No target matches.",
  });
  body.replaceChildren(
    el("h2", { class: "chart-title" }, what),
    el("p", { class: "chart-summary" }, answer.bars.length
      ? `${regions.size} region${regions.size === 1 ? "" : "s"}; the largest is ${leaders.join(" and ")}, with ${top.words}${top.year ? ` by ${top.year}` : ""}. Each bar is a region's largest target due that year; colour shows the deadline.`
      : "No quantified target matches: try fewer words, another unit or no deadline."),
    barChart({ bars: answer.bars, unit: answer.unit, onpick: (bar) => { if (bar.region) location.hash = href("", { region: bar.region.iri }); } }),
    el("h3", { class: "section" }, "When the targets fall due"),
    timeline({ bars: answer.bars }),
    rows,
  );
  await rows.ready;
}

// ---- graph, documents, query -------------------------------------------------------------------

async function graphView(id) {
  show("graph");
  setTitle("Graph");
  await startGraph(openEvidence);
  window.plangraph.graph.resize();
  if (id) {
    const iri = /^[a-z][a-z0-9+.-]*:/i.test(id) ? id : idToIri("plan", id);
    await focus(iri);
  } else if (!window.plangraph.graph.nodes().length) {
    $("details").replaceChildren(el("p", { class: "muted" }, "Search a name above and pick it, or open a plan's graph from its card."));
  }
}

function openEvidence(evidence) {
  location.hash = `#/document/${encodeURIComponent(nodeId(evidence.document))}?start=${evidence.start}&end=${evidence.end}`;
}

const documentCache = new Map();
function fetchDocument(iri) {
  if (!documentCache.has(iri)) {
    const pending = getJSON("api/document", { iri });
    pending.catch(() => documentCache.delete(iri));
    documentCache.set(iri, pending);
  }
  return documentCache.get(iri);
}

let documentList = null;
async function documentsView(iri, params) {
  show("documents");
  setTitle("Documents");
  const select = $("document-select");
  if (!documentList) {
    documentList = await getJSON("api/documents");
    select.replaceChildren(...documentList.map((d) => el("option", { value: d.iri }, d.title || d.identifier || d.iri)));
    select.addEventListener("change", () => {
      location.hash = `#/document/${encodeURIComponent(nodeId(select.value))}`;
    });
  }
  const chosen = iri || (documentList[0] && documentList[0].iri);
  if (!chosen) return;
  const doc = await fetchDocument(chosen);
  setTitle(doc.title || doc.identifier);
  select.value = chosen;
  const meta = [["Title", doc.title], ["Identifier", doc.identifier], ["Source", doc.source], ["Issued", doc.issued], ["Language", doc.language]];
  $("document-meta").replaceChildren(...meta.filter(([, v]) => v).flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
  const textEl = $("document-text");
  textEl.replaceChildren(doc.text);
  const buttons = [];
  const pick = (item, button) => {
    for (const b of buttons) b.classList.toggle("active", b === button);
    say(highlight(textEl, doc.text, item.start, item.end, item.text) || "");
  };
  const sections = [];
  for (const [kind, heading] of [["Plan", "Plan"], ["Target", "Targets"], ["Measure", "Measures"], ["Statistic", "Statistics"], ["Affiliation", "Affiliations"]]) {
    const items = doc.items.filter((i) => i.kind === kind);
    if (!items.length) continue;
    sections.push(el("h3", {}, `${heading} (${items.length})`));
    sections.push(el("ul", { class: "list" }, items.map((item) => {
      const button = el("button", { type: "button", class: "item", "data-iri": item.iri, "data-start": item.start, onclick: () => pick(item, button) }, item.label);
      buttons.push(button);
      return el("li", {}, button);
    })));
  }
  if (doc.mentions.length) {
    sections.push(el("h3", {}, `Mentions (${doc.mentions.length})`));
    sections.push(el("ul", { class: "list mentions" }, doc.mentions.map((n) => el("li", {}, link(n), el("span", { class: "kind" }, kindWords(n.kind))))));
  }
  if (!sections.length) sections.push(el("p", { class: "muted" }, "Nothing was extracted from this document."));
  $("document-items").replaceChildren(...sections);
  if (params.start !== undefined && params.end !== undefined) {
    const start = Number(params.start);
    const end = Number(params.end);
    const item = doc.items.find((i) => i.start === start && i.end === end);
    const button = buttons.find((b) => item && b.dataset.iri === item.iri && Number(b.dataset.start) === start);
    pick(item || { start, end, text: null }, button);
  }
}

let yasgui = null;
let library = [];
let prefixes = {};
async function queryView(params) {
  show("query");
  setTitle("Query");
  if (!yasgui) {
    await loadStyle("vendor/yasgui/yasgui.min.css");
    await loadScript("vendor/yasgui/yasgui.min.js");
    ({ queries: library, prefixes } = await getJSON("api/queries"));
    const select = $("library");
    select.replaceChildren(...library.map((q) => el("option", { value: q.name }, q.name)));
    select.addEventListener("change", () => {
      location.hash = href("query", { name: select.value });
    });
    // The property and class completers ask lov.linkeddata.es; prefixes come bundled.
    const Yasqe = window.Yasgui.Yasqe;
    Yasqe.defaults.autocompleters = Yasqe.defaults.autocompleters.filter((name) => name !== "property" && name !== "class");
    yasgui = new window.Yasgui($("yasgui"), {
      requestConfig: { endpoint: ENDPOINT, method: "POST" },
      persistenceId: null,
      copyEndpointOnNewTab: true,
      endpointCatalogueOptions: { getData: () => [{ endpoint: ENDPOINT }] },
      yasqe: { prefixCcApi: null, createShareableLink: null },
    });
  }
  loadQuery(params.name || (library[0] && library[0].name));
}

function loadQuery(name) {
  const query = library.find((q) => q.name === name);
  if (!query || !yasgui) return;
  $("library").value = name;
  const params = query.parameters.map((p) => `?${p.name} (${p.type}): ${p.help}`).join("; ");
  $("library-description").textContent = query.description + (params ? ` — leave ${params} unbound for all, or bind it in the query` : "");
  // The server knows plangraph's prefixes; declare the ones the query uses, so that the
  // editor knows them too and the query runs anywhere it is pasted.
  const used = Object.fromEntries(Object.entries(prefixes).filter(([prefix]) => new RegExp(`(^|[\\s(/^|])${prefix}:`, "m").test(query.text)));
  const tab = yasgui.getTab();
  tab.setQuery(query.text);
  tab.getYasqe().addPrefixes(used);
}

// ---- search, from every view ---------------------------------------------------------------------

let searchTimer = null;
let searchResults = [];
function closeSearch() {
  $("search-results").hidden = true;
  $("search").setAttribute("aria-expanded", "false");
}

async function runSearch() {
  const text = $("search").value.trim();
  const list = $("search-results");
  if (!text) {
    closeSearch();
    return;
  }
  try {
    const found = await getJSON("api/search", { q: text });
    if (text !== $("search").value.trim()) return; // a newer search is on its way
    searchResults = found;
    list.replaceChildren(...(found.length
      ? found.map((n, i) => el("li", { role: "option", id: `search-${i}` },
          el("a", { href: nodeRoute(n), class: "result", "data-kind": n.kind, "data-iri": n.iri || null },
            el("span", { class: `badge kind-${n.kind}` }, kindWords(n.kind)),
            el("span", { class: "result-label" }, n.label),
            n.matched && n.matched !== n.label ? el("span", { class: "matched", lang: /[\u3400-\u9fff]/.test(n.matched) ? "zh" : null }, n.matched) : namesLine(n),
            n.kind === "Metric" ? el("span", { class: "muted" }, `${n.targets} targets in ${n.plans} plans — compare`) : null)))
      : [el("li", { class: "muted empty" }, "Nothing found.")]));
    list.hidden = false;
    $("search").setAttribute("aria-expanded", "true");
  } catch (error) {
    say(error.message);
  }
}

$("search").addEventListener("input", () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(runSearch, 150);
});
$("search").addEventListener("keydown", (event) => {
  if (event.key === "Enter" && searchResults.length) {
    location.hash = nodeRoute(searchResults[0]);
    $("search").blur();
  } else if (event.key === "Escape") closeSearch();
});
$("search").addEventListener("focus", () => {
  if ($("search").value.trim() && searchResults.length) $("search-results").hidden = false;
});
document.addEventListener("click", (event) => {
  if (!event.target.closest(".search")) closeSearch();
});

$("share").addEventListener("click", async () => {
  const url = location.href;
  try {
    await navigator.clipboard.writeText(url);
    $("share").textContent = "Link copied";
  } catch {
    window.prompt("Copy this link", url);
  }
  setTimeout(() => ($("share").textContent = "Copy link"), 1500);
});

async function footer() {
  const status = await getJSON("api/status");
  $("footer").textContent = [
    "read-only",
    `query time limit ${status.timeout} s`,
    `row limit ${status.maxRows.toLocaleString("en")}`,
    `memory limit ${Math.round(status.maxMemory / 2 ** 20)} MiB per query`,
    status.networkIsolated ? "SERVICE refused, queries run without network" : "SERVICE refused",
    `SPARQL endpoint: ${ENDPOINT}`,
  ].join(" · ");
}

window.plangraph = { graph: null, ready: false, expand, unitWords };
footer().catch((error) => say(error.message));
routing = routing.then(route);
