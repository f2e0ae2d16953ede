// Small building blocks of the page: DOM from data, JSON from the API, names in every
// language, figures in words, and a paged, sortable table that downloads as CSV.
// Text always goes into the page as text, never as HTML.

export const BASE = new URL(".", document.baseURI);
export const ID = "https://w3id.org/plangraph/id/";

export const $ = (id) => document.getElementById(id);

export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "style") Object.assign(node.style, value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function say(text) {
  const box = $("message");
  box.textContent = text || "";
  box.hidden = !text;
}

export async function getJSON(path, params) {
  const url = new URL(path, BASE);
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && value !== "") url.searchParams.set(key, value);
  }
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({ error: response.statusText }));
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

export function apiURL(path, params) {
  const url = new URL(path, BASE);
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && value !== "") url.searchParams.set(key, value);
  }
  return url.href;
}

// ---- names, links and words ----------------------------------------------------------

const LANGUAGES = { en: "English", zh: "Chinese", ja: "Japanese", ko: "Korean" };
export const languageName = (code) => LANGUAGES[(code || "").split("-")[0]] || code || "";

// The names of a node other than its label, each with its language ("广东 (Chinese)").
export function otherNames(node, limit = 4) {
  const seen = new Set([node.label]);
  const out = [];
  for (const name of [...(node.names || []), ...(node.otherNames || [])]) {
    if (seen.has(name.text)) continue;
    seen.add(name.text);
    out.push(name);
  }
  return out.slice(0, limit);
}

export function namesLine(node) {
  const others = otherNames(node);
  if (!others.length) return null;
  return el(
    "span",
    { class: "other-names" },
    others.map((n, i) => [
      i ? " · " : "",
      el("span", { lang: n.lang || null }, n.text),
      n.lang && n.lang !== "en" ? el("span", { class: "lang" }, ` ${languageName(n.lang)}`) : "",
    ]),
  );
}

// A route to a node: its IRI without the plangraph prefix when it has it.
export function nodeId(iri) {
  return iri.startsWith(ID) ? iri.slice(ID.length).split("/").slice(1).join("/") : iri;
}
export function idToIri(kind, id) {
  if (/^[a-z][a-z0-9+.-]*:/i.test(id)) return id;
  return `${ID}${kind}/${id}`;
}
export function href(route, params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && value !== "") query.set(key, value);
  }
  const text = query.toString();
  return `#/${route}${text ? "?" + text : ""}`;
}

export function nodeRoute(node) {
  const iri = node.iri;
  if (!iri) return href("compare", { metric: node.label });
  const id = encodeURIComponent(nodeId(iri)).replace(/%2F/g, "/");
  if (node.kind === "Plan") return `#/plan/${id}`;
  if (node.kind === "Region") return href("", { region: iri });
  if (node.kind === "Document") return `#/document/${id}`;
  if (["Target", "Measure", "Statistic", "Category", "Other", "Affiliation"].includes(node.kind)) {
    return `#/graph/${encodeURIComponent(iri)}`;
  }
  return `#/actor/${id}`;
}

export function link(node, text) {
  return el("a", { href: nodeRoute(node), title: node.label, "data-iri": node.iri || null }, text || node.label);
}

export const KIND_WORDS = {
  GovernmentBody: "government body",
  ResearchInstitution: "research institution",
  OtherActor: "other actor",
  Metric: "target metric",
};
export const kindWords = (kind) => KIND_WORDS[kind] || (kind || "").toLowerCase();

const SCALES = [
  [1e12, "trillion"],
  [1e9, "billion"],
  [1e6, "million"],
];
const CURRENCIES = { CNY: "yuan", USD: "US dollars", EUR: "euros", GBP: "pounds", JPY: "yen", KRW: "won", INR: "rupees", SGD: "Singapore dollars", HKD: "Hong Kong dollars", AUD: "Australian dollars", CAD: "Canadian dollars", NZD: "New Zealand dollars", TWD: "New Taiwan dollars" };
export const unitWords = (unit) => CURRENCIES[unit] || (unit === "count" ? "" : unit || "");

export function number(value, digits = 2) {
  return Number(value).toLocaleString("en", { maximumFractionDigits: digits });
}

// A figure in base units as an analyst says it: 300000000000 CNY is "300 billion yuan".
export function inWords(value, unit) {
  if (value === null || value === undefined || value === "") return "";
  const n = Number(value);
  let text = number(n);
  if (unit !== "percent") {
    for (const [size, word] of SCALES) {
      if (Math.abs(n) >= size) {
        text = `${number(n / size)} ${word}`;
        break;
      }
    }
  }
  return `${text} ${unitWords(unit)}`.trim();
}

// The scale that suits a set of values, for an axis: [divisor, "billion yuan"].
export function axisScale(max, unit) {
  if (unit !== "percent") {
    for (const [size, word] of SCALES) {
      if (max >= size) return [size, `${word} ${unitWords(unit)}`.trim()];
    }
  }
  return [1, unitWords(unit) || "number"];
}

// ---- tables --------------------------------------------------------------------------

function csvCell(value) {
  const text = value === null || value === undefined ? "" : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvText(columns, rows) {
  const lines = [columns.map((c) => csvCell(c.label)).join(",")];
  for (const row of rows) {
    lines.push(columns.map((c) => csvCell(c.csv ? c.csv(row) : row[c.key])).join(","));
  }
  return lines.join("\n") + "\n";
}

function downloadText(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const a = el("a", { href: url, download: `${name}.csv` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// A paged, sortable table. `source(page, size, sort, order)` gives {rows, total}; a
// plain array works too (sorted and paged here). `csv` is a URL of the server's CSV of
// all rows, or absent for a table whose rows are all here (the CSV is made here).
export function table({ name, caption, columns, source, size = 25, csv, sort = "", order = "asc", empty = "Nothing here.", onchange }) {
  const state = { page: 1, sort, order };
  const local = Array.isArray(source) ? source : null;
  const box = el("div", { class: "table-box", "data-table": name });
  const head = el("div", { class: "table-head" });
  const wrap = el("div", { class: "table-wrap" });
  const foot = el("div", { class: "table-foot" });
  box.append(head, wrap, foot);

  const csvLink = local
    ? el("button", { type: "button", class: "csv", onclick: () => downloadText(name, csvText(columns, sorted(local))) }, "Download CSV")
    : el("a", { class: "csv", href: csv ? csv() : "#", download: `${name}.csv` }, "Download CSV");
  head.append(el("h3", {}, caption), el("span", { class: "count muted" }), csvLink);

  function sorted(rows) {
    const column = columns.find((c) => c.key === state.sort);
    if (!column) return rows;
    const key = column.sortKey || ((r) => r[column.key]);
    const out = [...rows].sort((a, b) => {
      const x = key(a);
      const y = key(b);
      if (x === y) return 0;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return (x < y ? -1 : 1) * (state.order === "desc" ? -1 : 1);
    });
    return out;
  }

  async function load() {
    let answer;
    if (local) {
      const all = sorted(local);
      answer = { rows: all.slice((state.page - 1) * size, state.page * size), total: all.length };
    } else {
      answer = await source(state.page, size, state.sort, state.order);
      if (csv) csvLink.href = csv(state.sort, state.order);
    }
    render(answer);
    if (onchange) onchange(state);
  }

  function render({ rows, total }) {
    head.querySelector(".count").textContent = total === 1 ? "1 row" : `${number(total)} rows`;
    const header = el(
      "tr",
      {},
      columns.map((c) => {
        const active = state.sort === c.key;
        const label = c.sortable === false ? c.label : el(
          "button",
          {
            type: "button",
            class: "sort",
            onclick: () => {
              state.order = active && state.order === "asc" ? "desc" : active ? "asc" : c.numeric ? "desc" : "asc";
              state.sort = c.key;
              state.page = 1;
              load().catch((e) => say(e.message));
            },
          },
          c.label,
          active ? (state.order === "asc" ? " ▲" : " ▼") : "",
        );
        return el("th", { scope: "col", class: c.numeric ? "num" : null, "aria-sort": active ? (state.order === "asc" ? "ascending" : "descending") : null }, label);
      }),
    );
    const body = rows.length
      ? rows.map((row) => el("tr", {}, columns.map((c) => el("td", { class: c.numeric ? "num" : c.wide ? "wide" : null }, c.render ? c.render(row) : row[c.key] ?? ""))))
      : [el("tr", {}, el("td", { colspan: columns.length, class: "muted" }, empty))];
    wrap.replaceChildren(el("table", {}, el("thead", {}, header), el("tbody", {}, body)));
    const pages = Math.max(1, Math.ceil(total / size));
    foot.replaceChildren();
    if (pages > 1) {
      const go = (page) => {
        state.page = page;
        load().catch((e) => say(e.message));
      };
      foot.append(
        el("button", { type: "button", disabled: state.page <= 1, onclick: () => go(state.page - 1) }, "‹ Previous"),
        el("span", { class: "muted" }, `Page ${state.page} of ${pages}`),
        el("button", { type: "button", disabled: state.page >= pages, onclick: () => go(state.page + 1) }, "Next ›"),
      );
    }
  }

  box.ready = load().catch((e) => say(e.message));
  box.reload = () => {
    state.page = 1;
    return load();
  };
  return box;
}

// Offsets in the store count Unicode code points (Python's str); JavaScript strings count
// UTF-16 units, so slice by code points. If the sentence is not where the offsets say,
// fall back to finding it, and say so.
export function highlight(container, text, start, end, sentence) {
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

// Load a vendored script or style once, when a view first needs it.
const loaded = new Map();
export function loadScript(path) {
  if (!loaded.has(path)) {
    loaded.set(path, new Promise((resolve, reject) => {
      const script = el("script", { src: new URL(path, BASE).href });
      script.addEventListener("load", resolve);
      script.addEventListener("error", () => reject(new Error(`could not load ${path}`)));
      document.head.append(script);
    }));
  }
  return loaded.get(path);
}
export function loadStyle(path) {
  if (!loaded.has(path)) {
    loaded.set(path, new Promise((resolve, reject) => {
      const style = el("link", { rel: "stylesheet", href: new URL(path, BASE).href });
      style.addEventListener("load", resolve);
      style.addEventListener("error", () => reject(new Error(`could not load ${path}`)));
      document.head.append(style);
    }));
  }
  return loaded.get(path);
}
