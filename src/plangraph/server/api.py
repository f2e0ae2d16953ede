"""The JSON API behind the page: overview, plan and actor cards, comparison, search, graph.

Every endpoint runs shipped queries (``query/library/page/*.rq``, named and commented)
with the request's values bound as variables, never pasted into query text, under the
same worker pool and limits as ``/sparql``. Answers are plain JSON in plain words: a
node comes with its IRI, a ``kind`` (its most specific plangraph class), a ``label``
(its English or untagged name) and ``names`` (every name with its language tag), a
figure with its value in base units and in words (``"300 billion yuan"``), a vocabulary
term by its label in the ontology (``"more than"``, ``"financial support"``).

Three answers cover the whole store: the table of plans, the metrics that can be
compared, and the names search looks in. Each is read once per version of the store
(the store's files change on every write, see
:func:`plangraph.store.worker.store_signature`) and kept in memory, so the overview's
filters, sorting and pages, the comparison's suggestions and search-as-you-type answer
without a query. Tables are paged (``page``, ``size``); ``format=csv`` gives all rows
of a table as CSV. docs/serving.md documents every endpoint.
"""

from __future__ import annotations

import csv
import io
import re
import threading
import time
import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from rdflib import Literal, URIRef
from rdflib.term import Identifier
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from plangraph import query as library
from plangraph.errors import PlangraphError, QueryError
from plangraph.graph.vocab import CATEGORY, ONTOLOGY
from plangraph.server.limits import Limits, RefusedError
from plangraph.server.sparql import error_headers, status_of
from plangraph.server.words import (
    Name,
    comparator_words,
    in_words,
    language_name,
    name_of,
    names,
    preferred,
    term_label,
    unit_words,
)
from plangraph.store.base import QueryResult, SelectResult
from plangraph.store.binding import bind
from plangraph.store.remote import is_remote
from plangraph.store.worker import PREFIXES, QueryPool, query_job, result_of, store_signature

# The most specific class wins: an actor is also a pg:Actor, a target never a plan.
KINDS = (
    "Target",
    "Measure",
    "Statistic",
    "Plan",
    "Document",
    "Region",
    "GovernmentBody",
    "Company",
    "ResearchInstitution",
    "Person",
    "OtherActor",
    "Actor",
    "Affiliation",
    "Quantity",
    "Evidence",
)
KIND_WORDS = {
    "GovernmentBody": "government body",
    "ResearchInstitution": "research institution",
    "OtherActor": "other actor",
    "Category": "measure category",
}
SEARCH_LIMIT = 30
NEIGHBOUR_LIMIT = 300
MAX_SEARCH = 200
MAX_PAGE = 500
MAX_LIBRARY_ROWS = 1000
_ROWS = 50_000  # the page's queries answer at most this many rows
_CACHED_ANSWERS = 16  # comparisons kept in memory, per version of the store
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_WORD = re.compile(r"[\w\u3400-\u9fff]+")


def curie(iri: str) -> str:
    """An IRI in the store's prefixes where one fits.

    >>> curie("https://w3id.org/plangraph/ontology#hasTarget")
    'pg:hasTarget'
    """
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def local_name(iri: str) -> str:
    """The last segment of an IRI, for nodes without a label.

    >>> local_name("https://w3id.org/plangraph/category/financial-support")
    'financial-support'
    """
    return iri.rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def kind_of(iri: str, types: Iterable[str]) -> str:
    """The most specific plangraph class of a node, ``Category`` or ``Other``.

    Types may be IRIs or local names.

    >>> kind_of("x:a", [ONTOLOGY + "Actor", ONTOLOGY + "Company"])
    'Company'
    >>> kind_of("x:a", ["Actor", "Person"])
    'Person'
    """
    found = {t[len(ONTOLOGY) :] if t.startswith(ONTOLOGY) else t for t in types}
    for kind in KINDS:
        if kind in found:
            return kind
    if iri.startswith(str(CATEGORY)):
        return "Category"
    return "Other"


def kind_words(kind: str) -> str:
    """A kind in plain words.

    >>> kind_words("GovernmentBody"), kind_words("Plan")
    ('government body', 'plan')
    """
    return KIND_WORDS.get(kind, kind.lower())


def fold(text: str) -> str:
    """Text for matching: case and width folded, accents kept.

    >>> fold("ＧＵＡＮＧ Dong")
    'guang dong'
    """
    return unicodedata.normalize("NFKC", text).casefold()


def matches(query: str, text: str) -> int | None:
    """How well ``text`` matches what was searched, lower is better; None when it does not.

    Each word searched must start a word of the text, in order; Chinese, Japanese and
    Korean characters match anywhere (their words are not separated by spaces).

    >>> [matches(q, "Beijing Municipal People's Government") for q in
    ...  ("beijing", "gov", "beijing government", "jing", "government beijing")]
    [0, 2, 1, None, None]
    >>> matches("广东", "广东省人民政府"), matches("人民", "广东省人民政府")
    (0, 2)
    """
    words = fold(query).split()
    haystack = fold(text)
    if not words:
        return None
    at = 0
    first = None
    for word in words:
        if _CJK.search(word):
            found = haystack.find(word, at)
        else:
            pattern = re.compile(r"(?<![\w])" + re.escape(word))
            hit = pattern.search(haystack, at)
            found = hit.start() if hit else -1
        if found < 0:
            return None
        first = found if first is None else first
        at = found + len(word)
    exact = haystack == fold(query).strip()
    return 0 if exact or (first == 0 and len(words) == 1) else 1 if first == 0 else 2


def _text(value: Identifier | None) -> str | None:
    return None if value is None else str(value)


def _given(value: Identifier | None, absent: str = "~") -> str | None:
    """A cell of a page query, None for a stand-in of an absent value ("~" or "")."""
    text = _text(value)
    return None if text is None or text in (absent, "") else text


def _decimal(value: str | None) -> Decimal | None:
    try:
        return None if value is None else Decimal(value)
    except InvalidOperation:
        return None


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _int(value: Identifier | None) -> int:
    try:
        return int(str(value)) if value is not None else 0
    except ValueError:
        return 0


def _json_value(value: Identifier) -> Any:
    if isinstance(value, Literal):
        python = value.toPython()
        if isinstance(python, bool | int) or (isinstance(python, float) and python.is_integer()):
            return python
        return str(value)
    return str(value)


def figure(value: str | None, unit: str | None, top: str | None = None) -> dict[str, Any]:
    """A figure in base units, as JSON: the numbers, the unit and the words for them.

    >>> figure("300000000000", "CNY")["words"]
    '300 billion yuan'
    >>> figure("5", "EFLOPS", "10")["words"]
    '5 to 10 EFLOPS'
    """
    number, high = _decimal(value), _decimal(top)
    if number is None:
        return {
            "value": None,
            "maxValue": None,
            "unit": unit,
            "unitWords": unit_words(unit),
            "words": "",
        }
    words = in_words(number, unit)
    if high is not None and high != number:
        low_words = in_words(number, unit).removesuffix(unit_words(unit)).strip()
        words = f"{low_words} to {in_words(high, unit)}"
    return {
        "value": _number(number),
        "maxValue": _number(high),
        "unit": unit,
        "unitWords": unit_words(unit),
        "words": words,
    }


def node_json(
    iri: str, found: list[Name], types: Iterable[str] = (), lang: str = "en"
) -> dict[str, Any]:
    """A node as the page shows it: IRI, kind, label and every name."""
    kind = kind_of(iri, types)
    if kind == "Plan":  # a plan's title says more than its short label ("Guangdong plan")
        found = sorted(found, key=lambda n: -len(n["text"]))
    return {
        "iri": iri,
        "kind": kind,
        "kindLabel": kind_words(kind),
        "label": preferred(found, lang) or local_name(iri),
        "names": found,
    }


def _rows(result: object) -> list[dict[str, Identifier]]:
    assert isinstance(result, SelectResult)
    return [
        {var: cell for var, cell in zip(result.variables, row, strict=True) if cell is not None}
        for row in result.rows
    ]


@dataclass
class _Node:
    iri: str
    found: list[Name] = field(default_factory=list)
    titles: list[Name] = field(default_factory=list)
    types: set[str] = field(default_factory=set)

    def json(self) -> dict[str, Any]:
        # rdfs:label names a node; a document has only a title
        return node_json(self.iri, self.found or self.titles, self.types)


def csv_text(columns: list[tuple[str, str]], rows: Iterable[Mapping[str, Any]]) -> str:
    """Rows as CSV with a header line of plain words; ``columns`` are (key, header).

    >>> print(csv_text([("a", "Region"), ("b", "Value")], [{"a": "Guangdong", "b": 3}]), end="")
    Region,Value
    Guangdong,3
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([header for _, header in columns])
    for row in rows:
        writer.writerow(["" if row.get(key) is None else row.get(key) for key, _ in columns])
    return buffer.getvalue()


@dataclass(frozen=True)
class Paging:
    """Which rows of a table a request asks for: sorted by ``sort``, page ``page``."""

    page: int = 1
    size: int = 25
    sort: str = ""
    descending: bool = False

    def apply(
        self, rows: list[dict[str, Any]], keys: Mapping[str, Callable[[dict[str, Any]], Any]]
    ) -> dict[str, Any]:
        """One page of ``rows``, sorted by the key named ``sort`` (one of ``keys``)."""
        if self.sort in keys:
            key = keys[self.sort]
            present = [r for r in rows if key(r) is not None]
            absent = [r for r in rows if key(r) is None]
            present.sort(key=key, reverse=self.descending)
            rows = present + absent  # rows without the value go last either way
        start = (self.page - 1) * self.size
        return {
            "rows": rows[start : start + self.size],
            "total": len(rows),
            "page": self.page,
            "size": self.size,
            "sort": self.sort,
            "order": "desc" if self.descending else "asc",
        }


_SERVER_FRESHNESS = 5.0  # seconds an answer from a SPARQL server's store is kept


def _version(location: str | Path | None) -> object:
    """What tells one version of the store from the next: its files' signature; for a
    store in a SPARQL server, whose writes leave no trace here, the current few seconds."""
    if not location:
        return None
    if is_remote(str(location)):
        return int(time.monotonic() // _SERVER_FRESHNESS)
    return store_signature(location)


class Explorer:
    """The page's questions to the store: shipped queries with bound variables."""

    def __init__(self, pool: QueryPool, location: str | Path | None = None) -> None:
        self.pool = pool
        self.location = location if location is not None else getattr(pool, "location", None)
        self._lock = threading.Lock()
        self._signature: object = None
        self._cache: OrderedDict[tuple[Any, ...], Any] = OrderedDict()

    # ---- running the shipped queries --------------------------------------------------

    def _run(self, name: str, **params: str | Identifier | None) -> list[dict[str, Identifier]]:
        """Rows of the page query ``name`` with its declared parameters bound."""
        query = library.page_library()[name]
        declared = {p.name: p.type for p in query.parameters}
        bindings: dict[str, Identifier] = {}
        for key, value in params.items():
            if value is None or value == "":
                continue
            if key not in declared:
                raise QueryError(f"{name}.rq has no parameter {key}; valid: {', '.join(declared)}")
            bindings[key] = (
                value if isinstance(value, Identifier) else library.term(value, declared[key])
            )
        return _rows(self.pool.query(query.text, bindings, max_rows=_ROWS))

    def _remember(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        """``compute()``, kept until the store changes (a few answers at most)."""
        signature = _version(self.location)
        with self._lock:
            if signature != self._signature:
                self._cache.clear()
                self._signature = signature
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        answer = compute()
        with self._lock:
            if self._signature == signature:
                self._cache[key] = answer
                while len(self._cache) > _CACHED_ANSWERS + 3:
                    self._cache.popitem(last=False)
        return answer

    # ---- overview --------------------------------------------------------------------

    def summary(self) -> dict[str, Any]:
        """What the store holds: counts by kind, languages, targets by deadline year."""
        counts = {local_name(str(r["kind"])): _int(r.get("count")) for r in self._run("summary")}
        languages: dict[str, dict[str, Any]] = {}
        for row in self._run("languages"):
            code = str(row["language"])
            entry = languages.setdefault(
                code, {"code": code, "name": language_name(code), "documents": 0, "names": 0}
            )
            entry["documents"] += _int(row.get("documents"))
            entry["names"] += _int(row.get("names"))
        years = [
            {
                "year": int(str(r["year"])[:4]),
                "targets": _int(r.get("targets")),
                "quantified": _int(r.get("quantified")),
                "plans": _int(r.get("plans")),
            }
            for r in self._run("deadline-years")
            if str(r.get("year", ""))[:4].isdigit()
        ]
        return {
            "counts": {
                "documents": counts.get("Document", 0),
                "plans": counts.get("Plan", 0),
                "targets": counts.get("Target", 0),
                "statistics": counts.get("Statistic", 0),
                "measures": counts.get("Measure", 0),
                "actors": counts.get("Actor", 0),
                "regions": counts.get("Region", 0),
            },
            "languages": sorted(languages.values(), key=lambda e: (-e["documents"], e["code"])),
            "deadlines": sorted(years, key=lambda y: y["year"]),
        }

    def _plans(self) -> list[dict[str, Any]]:
        def compute() -> list[dict[str, Any]]:
            out = []
            for row in self._run("plans"):
                iri = str(row["plan"])
                found = names(row.get("names"))
                place = _given(row.get("place"))
                level = _given(row.get("placeLevel"))
                issuer = _given(row.get("issuerIri"))
                start, end = _given(row.get("periodStart")), _given(row.get("periodEnd"))
                issued = _given(row.get("issued"))
                out.append(
                    {
                        **node_json(iri, found, ["Plan"]),
                        "region": node_json(place, names(row.get("placeNames")), ["Region"])
                        if place
                        else None,
                        "level": term_label(level) if level else None,
                        "levelIri": level,
                        "issuer": node_json(issuer, names(row.get("issuerNames")), ["Actor"])
                        if issuer
                        else None,
                        "issued": issued,
                        "periodStart": int(start[:4]) if start and start[:4].isdigit() else None,
                        "periodEnd": int(end[:4]) if end and end[:4].isdigit() else None,
                        "languages": sorted(set(str(row.get("languages", "")).split())),
                        "documents": _int(row.get("documents")),
                        "targets": _int(row.get("targets")),
                        "measures": _int(row.get("measures")),
                        "statistics": _int(row.get("statistics")),
                    }
                )
            return out

        found: list[dict[str, Any]] = self._remember(("plans",), compute)
        return found

    def plans(self, filters: Mapping[str, str], paging: Paging) -> dict[str, Any]:
        """The table of plans, filtered (region, level, issuer, year, language, words)."""
        everything = self._plans()
        rows = [p for p in everything if _plan_passes(p, filters)]
        keys: dict[str, Callable[[dict[str, Any]], Any]] = {
            "plan": lambda r: fold(r["label"]),
            "region": lambda r: fold(r["region"]["label"]) if r["region"] else None,
            "level": lambda r: r["level"],
            "issuer": lambda r: fold(r["issuer"]["label"]) if r["issuer"] else None,
            "issued": lambda r: r["issued"],
            "period": lambda r: (
                (r["periodStart"] or 0, r["periodEnd"] or 0)
                if r["periodStart"] or r["periodEnd"]
                else None
            ),
            "targets": lambda r: r["targets"],
            "measures": lambda r: r["measures"],
            "statistics": lambda r: r["statistics"],
            "documents": lambda r: r["documents"],
        }
        answer = paging.apply(rows, keys)
        answer["facets"] = _plan_facets(everything)
        return answer

    # ---- plan card -------------------------------------------------------------------

    def plan(self, iri: URIRef) -> dict[str, Any] | None:
        """Everything the plan card shows."""
        facts = self._run("plan", plan=iri)
        if not facts:
            return None
        titles: list[Name] = []
        issuers: dict[str, list[Name]] = {}
        regions: dict[str, tuple[list[Name], str | None]] = {}
        dates: dict[str, list[str]] = {"issued": [], "periodStart": [], "periodEnd": []}
        for row in facts:
            what = str(row["field"])
            value = row.get("value")
            if what == "name" and value is not None:
                titles.append(name_of(value))
            elif what in ("issuer", "issuerName"):
                found = issuers.setdefault(str(row["node"]), [])
                if value is not None:
                    found.append(name_of(value))
            elif what in ("region", "regionName"):
                found_names, _ = regions.setdefault(str(row["node"]), ([], None))
                if value is not None:
                    found_names.append(name_of(value))
                if "level" in row:
                    regions[str(row["node"])] = (found_names, str(row["level"]))
            elif what in dates and value is not None:
                dates[what].append(str(value))
        titles = _unique(titles)
        actors = {
            str(r["actor"]): {
                **node_json(
                    str(r["actor"]), names(r.get("names")), str(r.get("types", "")).split()
                ),
                "issued": _int(r.get("issued")) > 0,
                "responsible": _int(r.get("responsible")),
                "documents": _int(r.get("documents")),
            }
            for r in self._run("plan-actors", plan=iri)
        }
        evidence: dict[str, list[dict[str, Any]]] = {}
        for row in self._run("plan-evidence", plan=iri):
            evidence.setdefault(str(row["item"]), []).append(_evidence(row))
        targets: list[dict[str, Any]] = []
        statistics: list[dict[str, Any]] = []
        measures: list[dict[str, Any]] = []
        for row in self._run("plan-items", plan=iri):
            item = _item(row, evidence, actors)
            {"Target": targets, "Statistic": statistics, "Measure": measures}[item["kind"]].append(
                item
            )
        targets.sort(key=lambda t: (t["year"] or 9999, t["metric"].lower()))
        statistics.sort(key=lambda t: (t["year"] or 0, t["metric"].lower()))
        measures.sort(key=lambda m: (m["category"] or "~", m["label"].lower()))
        documents = _plan_documents(self._run("plan-documents", plan=iri))
        links = _links(self._run("plan-links", plan=iri))
        return {
            **node_json(str(iri), titles, ["Plan"]),
            "issuers": [node_json(i, _unique(n), ["Actor"]) for i, n in issuers.items()],
            "regions": [
                {**node_json(r, _unique(n), ["Region"]), "level": term_label(lv) if lv else None}
                for r, (n, lv) in regions.items()
            ],
            "issued": sorted(set(dates["issued"])),
            "periodStart": min((int(d[:4]) for d in dates["periodStart"]), default=None),
            "periodEnd": max((int(d[:4]) for d in dates["periodEnd"]), default=None),
            "documents": documents,
            "targets": targets,
            "statistics": statistics,
            "measures": measures,
            "actors": sorted(
                actors.values(),
                key=lambda a: (not a["issued"], -a["responsible"], -a["documents"], a["label"]),
            ),
            "links": links,
        }

    # ---- actor card ------------------------------------------------------------------

    def actor(self, iri: URIRef) -> dict[str, Any] | None:
        """Everything the actor card shows: names, plans naming it, its responsibilities."""
        facts = self._run("actor", actor=iri)
        if not facts:
            return None
        found: list[Name] = []
        others: list[Name] = []
        types: set[str] = set()
        posts: list[str] = []
        affiliations: dict[str, list[Name]] = {}
        members: dict[str, list[Name]] = {}
        for row in facts:
            what, value = str(row["field"]), row.get("value")
            if what == "name" and value is not None:
                found.append(name_of(value))
            elif what == "altName" and value is not None:
                others.append(name_of(value))
            elif what == "type" and value is not None:
                types.add(str(value))
            elif what == "post" and value is not None:
                posts.append(str(value))
            elif what in ("affiliatedWith", "member"):
                target = affiliations if what == "affiliatedWith" else members
                bucket = target.setdefault(str(row["node"]), [])
                if value is not None:
                    bucket.append(name_of(value))
        plans = []
        for row in self._run("actor-plans", actor=iri):
            region = _given(row.get("region"))
            plans.append(
                {
                    **node_json(str(row["plan"]), names(row.get("names")), ["Plan"]),
                    "region": node_json(region, names(row.get("regionNames")), ["Region"])
                    if region
                    else None,
                    "issued": _int(row.get("issued")) > 0,
                    "responsible": _int(row.get("responsible")),
                    "documents": _int(row.get("documents")),
                }
            )
        plans.sort(key=lambda p: (not p["issued"], -p["responsible"], -p["documents"], p["label"]))
        plan_labels = {p["iri"]: p["label"] for p in plans}
        items = []
        for row in self._run("actor-items", actor=iri):
            item = _item(row, {}, {})
            item["plan"] = {
                "iri": str(row["plan"]),
                "label": plan_labels.get(str(row["plan"]), local_name(str(row["plan"]))),
            }
            items.append(item)
        items.sort(key=lambda i: (i["kind"] != "Target", i["plan"]["label"], i["label"].lower()))
        return {
            **node_json(str(iri), _unique(found), types),
            "otherNames": [n for n in _unique(others) if n not in found],
            "types": sorted(kind_words(t) for t in types if t not in ("Actor",)),
            "posts": sorted(set(posts)),
            "affiliations": [node_json(a, _unique(n), ["Actor"]) for a, n in affiliations.items()],
            "members": [node_json(m, _unique(n), ["Person"]) for m, n in members.items()],
            "plans": plans,
            "responsibilities": items,
        }

    # ---- comparison ------------------------------------------------------------------

    def _metrics(self) -> list[dict[str, Any]]:
        def compute() -> list[dict[str, Any]]:
            return [
                {
                    "wording": str(r["wording"]),
                    "unit": str(r["unit"]),
                    "unitWords": unit_words(str(r["unit"])),
                    "targets": _int(r.get("targets")),
                    "plans": _int(r.get("plans")),
                }
                for r in self._run("metrics")
            ]

        found: list[dict[str, Any]] = self._remember(("metrics",), compute)
        return found

    def metrics(self, words: str, limit: int = 30) -> dict[str, Any]:
        """Wordings that hold ``words`` in order (all when empty), and their units."""
        wanted = normalise_metric(words)
        hits = [m for m in self._metrics() if not wanted or matches_metric(wanted, m["wording"])]
        units: dict[str, dict[str, Any]] = {}
        for m in hits:
            entry = units.setdefault(
                m["unit"], {"unit": m["unit"], "unitWords": m["unitWords"], "targets": 0}
            )
            entry["targets"] += m["targets"]
        return {
            "metric": wanted,
            "wordings": hits[:limit],
            "matched": len(hits),
            "units": sorted(units.values(), key=lambda u: (-u["targets"], u["unit"])),
        }

    def compare(
        self, metric: str, unit: str | None, year: str | None, minimum: str | None
    ) -> dict[str, Any]:
        """The comparison chart: one bar per region and deadline year, and the units."""
        wanted = normalise_metric(metric)
        units = self.metrics(wanted)["units"]
        chosen = unit or (units[0]["unit"] if units else "CNY")

        def compute() -> list[dict[str, Any]]:
            bars = []
            for row in self._run(
                "compare-chart", unit=chosen, metric=wanted, year=year, min=minimum
            ):
                place = _text(row.get("place"))
                level = _given(row.get("level"))
                due = _text(row.get("due"))
                bars.append(
                    {
                        "region": node_json(place, names(row.get("names")), ["Region"])
                        if place
                        else None,
                        "level": term_label(level) if level else None,
                        "year": int(due[:4]) if due and due[:4].isdigit() else None,
                        **figure(_text(row.get("value")), chosen),
                        "low": _number(_decimal(_text(row.get("low")))),
                        "high": _number(_decimal(_text(row.get("high")))),
                        "targets": _int(row.get("targets")),
                        "plans": _int(row.get("plans")),
                    }
                )
            return bars

        bars = self._remember(("chart", chosen, wanted, year, minimum), compute)
        return {
            "metric": wanted,
            "unit": chosen,
            "unitWords": unit_words(chosen),
            "year": int(year) if year else None,
            "min": minimum,
            "units": units,
            "bars": bars,
        }

    def compare_rows(
        self, metric: str, unit: str, year: str | None, minimum: str | None, paging: Paging
    ) -> dict[str, Any]:
        """The comparison's rows: one per target, sorted and paged."""
        wanted = normalise_metric(metric)

        def compute() -> list[dict[str, Any]]:
            rows = []
            for row in self._run("compare-rows", unit=unit, metric=wanted, year=year, min=minimum):
                place = _given(row.get("placeIri"))
                level = _given(row.get("level"))
                due = _given(row.get("deadline"))
                source = _given(row.get("source"))
                sentence = None
                if source:
                    identifier, start, end, document, text = (source.split("\u001f", 4) + [""] * 5)[
                        :5
                    ]
                    sentence = {
                        "identifier": identifier,
                        "document": document,
                        "start": _int(Literal(start)),
                        "end": _int(Literal(end)),
                        "text": text,
                    }
                wordings = sorted({w for w in str(row.get("wordings", "")).split("\u001f") if w})
                rows.append(
                    {
                        "iri": str(row["target"]),
                        "metric": " | ".join(wordings),
                        "plan": {
                            "iri": str(row["planIri"]),
                            "label": _given(row.get("planTitle"))
                            or local_name(str(row["planIri"])),
                        },
                        "region": node_json(place, names(row.get("placeNames")), ["Region"])
                        if place
                        else None,
                        "level": term_label(level) if level else None,
                        "comparator": comparator_words(str(row.get("comparators", "")).split()),
                        **figure(_text(row.get("value")), unit, _given(row.get("maxValue"), "")),
                        "year": int(due[:4]) if due and due[:4].isdigit() else None,
                        "sentences": _int(row.get("sentences")),
                        "evidence": sentence,
                    }
                )
            return rows

        rows: list[dict[str, Any]] = self._remember(("rows", unit, wanted, year, minimum), compute)
        keys: dict[str, Callable[[dict[str, Any]], Any]] = {
            "region": lambda r: fold(r["region"]["label"]) if r["region"] else None,
            "value": lambda r: r["value"],
            "year": lambda r: r["year"],
            "plan": lambda r: fold(r["plan"]["label"]),
            "metric": lambda r: fold(r["metric"]),
        }
        if not paging.sort:
            paging = Paging(paging.page, paging.size, "value", True)
        return paging.apply(rows, keys)

    # ---- search ----------------------------------------------------------------------

    def _names(self) -> list[dict[str, Any]]:
        def compute() -> list[dict[str, Any]]:
            nodes: dict[str, dict[str, Any]] = {}
            for row in self._run("names"):
                entry = nodes.setdefault(
                    str(row["node"]),
                    {"iri": str(row["node"]), "names": [], "other": [], "types": set()},
                )
                what, value = str(row["field"]), row.get("value")
                if value is None:
                    continue
                if what == "type":
                    entry["types"].add(str(value))
                elif what == "altName":
                    entry["other"].append(name_of(value))
                else:
                    entry["names"].append(name_of(value))
            return list(nodes.values())

        found: list[dict[str, Any]] = self._remember(("names",), compute)
        return found

    def search(self, text: str) -> list[dict[str, Any]]:
        """Plans, actors and regions with a name (any language) matching ``text``, best
        first, then the target wordings matching it (kind ``Metric``)."""
        hits = []
        for entry in self._names():
            scores = [
                (score, n["text"])
                for n in entry["names"] + entry["other"]
                if (score := matches(text, n["text"])) is not None
            ]
            if not scores:
                continue
            score, matched = min(scores, key=lambda s: (s[0], len(s[1])))
            node = node_json(entry["iri"], _unique(entry["names"]), entry["types"])
            node["matched"] = matched
            node["otherNames"] = _unique(entry["other"])
            hits.append((score, len(node["label"]), fold(node["label"]), node))
        hits.sort(key=lambda h: h[:3])
        found = [h[3] for h in hits[:SEARCH_LIMIT]]
        wanted = normalise_metric(text)
        metrics: dict[str, dict[str, Any]] = {}
        for m in self._metrics():
            if wanted and matches_metric(wanted, m["wording"]):
                entry = metrics.setdefault(
                    m["wording"],
                    {
                        "iri": None,
                        "kind": "Metric",
                        "kindLabel": "target metric",
                        "label": m["wording"],
                        "names": [],
                        "targets": 0,
                        "plans": 0,
                        "unit": m["unit"],
                    },
                )
                entry["targets"] += m["targets"]
                entry["plans"] = max(entry["plans"], m["plans"])
        found.extend(sorted(metrics.values(), key=lambda m: (-m["plans"], m["label"]))[:8])
        return found

    # ---- graph and documents ---------------------------------------------------------

    def node(self, iri: URIRef) -> dict[str, Any] | None:
        """A node with its fields, its neighbours (evidence aside) and its evidence."""
        me = _Node(str(iri))
        fields = []
        value_names: dict[tuple[str, str], list[Name]] = {}
        rows = self._run("node", iri=iri)
        for row in rows:
            if "label" in row:
                value_names.setdefault((str(row["p"]), str(row["o"])), []).append(
                    name_of(row["label"])
                )
        seen: set[tuple[str, str]] = set()
        for row in rows:
            prop, value = str(row["p"]), row["o"]
            if (prop, str(value)) in seen:
                continue
            seen.add((prop, str(value)))
            shown_name = preferred(value_names.get((prop, str(value)), []))
            if prop == PREFIXES["rdf"] + "type":
                me.types.add(str(value))
                continue
            if prop == PREFIXES["rdfs"] + "label":
                me.found.append(name_of(value))
            elif prop == PREFIXES["dcterms"] + "title":
                me.titles.append(name_of(value))
            if prop in (PREFIXES["prov"] + "wasDerivedFrom", ONTOLOGY + "surfaceText"):
                continue  # evidence comes with its sentence, below
            shown = shown_name if shown_name is not None else _json_value(value)
            if isinstance(value, URIRef) and shown_name is None:
                shown = (
                    term_label(str(value)) if _is_vocabulary(str(value)) else local_name(str(value))
                )
            fields.append(
                {
                    "property": curie(prop),
                    "label": term_label(prop),
                    "value": shown,
                    "iri": str(value)
                    if isinstance(value, URIRef) and not _is_vocabulary(str(value))
                    else None,
                    "language": value.language if isinstance(value, Literal) else None,
                }
            )
        if not fields and not me.types:
            return None
        units = [f["value"] for f in fields if f["property"] == "pg:unit"]
        for f in fields:
            if f["property"] in ("pg:value", "pg:maxValue"):
                f["words"] = in_words(f["value"], units[0] if units else None)
        neighbours: dict[str, _Node] = {}
        edges: dict[tuple[str, str, str], dict[str, str]] = {}
        for row in self._run("node-neighbours", iri=iri):
            other = str(row["n"])
            if other not in neighbours and len(neighbours) >= NEIGHBOUR_LIMIT:
                continue
            node = neighbours.setdefault(other, _Node(other))
            if "label" in row:
                node.found.append(name_of(row["label"]))
            if "type" in row:
                node.types.add(str(row["type"]))
            outgoing = str(row["direction"]) == "out"
            source, target = (str(iri), other) if outgoing else (other, str(iri))
            prop = str(row["p"])
            edges[(source, prop, target)] = {
                "source": source,
                "target": target,
                "property": curie(prop),
                "label": term_label(prop),
            }
        evidence = [
            {
                "iri": str(row["evidence"]),
                "document": str(row["document"]),
                "title": _text(row.get("title")) or local_name(str(row["document"])),
                "start": int(row["start"].toPython()),
                "end": int(row["end"].toPython()),
                "text": str(row["text"]),
            }
            for row in self._run("node-evidence", iri=iri)
            if isinstance(row["start"], Literal) and isinstance(row["end"], Literal)
        ]
        for n in neighbours.values():
            n.found = _unique(n.found)
        return {
            **me.json(),
            "types": sorted(kind_words(local_name(t)) for t in me.types),
            "fields": sorted(fields, key=lambda f: (f["label"], str(f["value"]))),
            "neighbours": [n.json() for n in neighbours.values()],
            "edges": list(edges.values()),
            "truncated": len(neighbours) >= NEIGHBOUR_LIMIT,
            "evidence": evidence,
        }

    def document(self, iri: URIRef) -> dict[str, Any] | None:
        """A document's text and metadata, what was extracted from it, and what it mentions."""
        meta: dict[str, str] = {}
        types = set()
        for row in self._run("document", iri=iri):
            if str(row["p"]) == PREFIXES["rdf"] + "type":
                types.add(str(row["o"]))
            else:
                meta.setdefault(local_name(str(row["p"])), str(row["o"]))
        if ONTOLOGY + "Document" not in types:
            return None
        items: dict[tuple[str, int], dict[str, Any]] = {}
        item_types: dict[tuple[str, int], set[str]] = {}
        for item in self._run("document-items", iri=iri):
            start, end = item["start"], item["end"]
            if not (isinstance(start, Literal) and isinstance(end, Literal)):
                continue
            key = (str(item["item"]), int(start.toPython()))
            item_types.setdefault(key, set()).add(str(item["type"]))
            kind = kind_of(key[0], item_types[key])
            items[key] = {
                "iri": key[0],
                "kind": kind,
                "kindLabel": kind_words(kind),
                "label": _text(item.get("label")) or local_name(key[0]),
                "start": key[1],
                "end": int(end.toPython()),
                "text": str(item["text"]),
            }
        mentions: dict[str, _Node] = {}
        for mention in self._run("document-mentions", iri=iri):
            node = mentions.setdefault(str(mention["node"]), _Node(str(mention["node"])))
            if "type" in mention:
                node.types.add(str(mention["type"]))
            if "label" in mention:
                node.found.append(name_of(mention["label"]))
        for n in mentions.values():
            n.found = _unique(n.found)
        return {
            "iri": str(iri),
            "title": meta.get("title"),
            "identifier": meta.get("identifier"),
            "source": meta.get("source"),
            "issued": meta.get("issued"),
            "language": meta.get("language"),
            "text": meta.get("content", ""),
            "items": sorted(items.values(), key=lambda i: (i["start"], i["kind"], i["label"])),
            "mentions": sorted(
                (n.json() for n in mentions.values()), key=lambda n: (n["kind"], n["label"])
            ),
        }

    def documents(self) -> list[dict[str, str | None]]:
        """Every document, by identifier."""
        return [
            {
                "iri": str(row["document"]),
                "title": _text(row.get("title")),
                "identifier": _text(row.get("identifier")),
                "issued": _text(row.get("issued")),
                "language": _text(row.get("language")),
            }
            for row in self._run("documents")
        ]


# ---- helpers of the cards and tables ---------------------------------------------------


def _is_vocabulary(iri: str) -> bool:
    return iri.startswith((ONTOLOGY, str(CATEGORY)))


def _unique(found: Iterable[Name]) -> list[Name]:
    out: list[Name] = []
    for name in found:
        if name not in out:
            out.append(name)
    return out


def normalise_metric(words: str) -> str:
    """The words of a metric as the comparison's queries take them: lower case, single spaces.

    >>> normalise_metric("  Core   INDUSTRY ")
    'core industry'
    """
    return " ".join(fold(words).split())


def matches_metric(words: str, wording: str) -> bool:
    """True when ``wording`` holds ``words`` in this order, any case (as the queries match).

    >>> matches_metric("core industry", "scale of the core AI industry")
    True
    >>> matches_metric("industry core", "scale of the core AI industry")
    False
    """
    text, at = fold(wording), 0
    for word in words.split():
        found = text.find(word, at)
        if found < 0:
            return False
        at = found + len(word)
    return True


def _plan_passes(plan: Mapping[str, Any], filters: Mapping[str, str]) -> bool:
    region = filters.get("region")
    if region and (not plan["region"] or plan["region"]["iri"] != region):
        return False
    level = filters.get("level")
    if level and plan["level"] != level and plan["levelIri"] != level:
        return False
    issuer = filters.get("issuer")
    if issuer and (not plan["issuer"] or plan["issuer"]["iri"] != issuer):
        return False
    language = filters.get("language")
    if language and language.lower() not in plan["languages"]:
        return False
    year = filters.get("year")
    if year and year.isdigit():
        wanted = int(year)
        start, end = plan["periodStart"], plan["periodEnd"]
        if start:
            if not start <= wanted <= (end or start):
                return False
        elif not (plan["issued"] or "").startswith(year):
            return False
    words = filters.get("q")
    if words:
        texts = [n["text"] for n in plan["names"]]
        for part in ("region", "issuer"):
            if plan[part]:
                texts.extend(n["text"] for n in plan[part]["names"])
        if not any(matches(words, t) is not None for t in texts):
            return False
    return True


def _plan_facets(plans: list[dict[str, Any]]) -> dict[str, Any]:
    regions: dict[str, dict[str, Any]] = {}
    levels: dict[str, int] = {}
    languages: dict[str, int] = {}
    years: set[int] = set()
    for plan in plans:
        if plan["region"]:
            entry = regions.setdefault(
                plan["region"]["iri"], {**plan["region"], "plans": 0, "level": plan["level"]}
            )
            entry["plans"] += 1
        if plan["level"]:
            levels[plan["level"]] = levels.get(plan["level"], 0) + 1
        for code in plan["languages"]:
            languages[code] = languages.get(code, 0) + 1
        start, end = plan["periodStart"], plan["periodEnd"]
        if start:
            years.update(range(start, (end or start) + 1))
        elif plan["issued"] and plan["issued"][:4].isdigit():
            years.add(int(plan["issued"][:4]))
    return {
        "regions": sorted(regions.values(), key=lambda r: fold(r["label"])),
        "levels": [{"label": k, "plans": v} for k, v in sorted(levels.items())],
        "languages": [
            {"code": k, "name": language_name(k), "plans": v} for k, v in sorted(languages.items())
        ],
        "years": sorted(years),
    }


def _evidence(row: Mapping[str, Identifier]) -> dict[str, Any]:
    return {
        "iri": str(row["evidence"]),
        "document": str(row["document"]),
        "identifier": _text(row.get("identifier")) or local_name(str(row["document"])),
        "title": _text(row.get("title")),
        "start": _int(row.get("start")),
        "end": _int(row.get("end")),
        "text": str(row["text"]),
    }


def _item(
    row: Mapping[str, Identifier],
    evidence: Mapping[str, list[dict[str, Any]]],
    actors: Mapping[str, dict[str, Any]],
) -> dict[str, Any]:
    iri = str(row["item"])
    kind = str(row["kind"])
    labels = names(row.get("labels"))
    metrics = names(row.get("metrics"))
    metric = " | ".join(sorted({m["text"] for m in metrics})) or (preferred(labels) or "")
    category = _given(row.get("category"))
    year = _given(row.get("year"))
    responsible = []
    for actor in str(row.get("responsible", "")).split():
        known = actors.get(actor)
        responsible.append(
            {
                "iri": actor,
                "label": known["label"] if known else local_name(actor),
                "kind": known["kind"] if known else "Actor",
            }
        )
    return {
        "iri": iri,
        "kind": kind,
        "label": preferred(labels) or metric or local_name(iri),
        "names": labels,
        "metric": metric,
        **figure(
            _given(row.get("value")), _given(row.get("unit")), _given(row.get("maxValue"), "")
        ),
        "comparator": comparator_words(str(row.get("comparators", "")).split()),
        "year": int(year[:4]) if year and year[:4].isdigit() else None,
        "category": term_label(category) if category else None,
        "responsible": responsible,
        "evidence": evidence.get(iri, []),
    }


def _plan_documents(rows: list[dict[str, Identifier]]) -> list[dict[str, Any]]:
    documents: dict[str, dict[str, Any]] = {}
    for row in rows:
        iri = str(row["document"])
        entry = documents.setdefault(
            iri,
            {
                "iri": iri,
                "identifier": _text(row.get("identifier")) or local_name(iri),
                "title": _text(row.get("title")),
                "issued": _text(row.get("issued")),
                "language": _text(row.get("language")),
                "languageName": language_name(_text(row.get("language")) or ""),
                "source": _text(row.get("source")),
                "sentence": None,
            },
        )
        if entry["sentence"] is None and "text" in row:
            entry["sentence"] = {
                "document": iri,
                "start": _int(row.get("start")),
                "end": _int(row.get("end")),
                "text": str(row["text"]),
            }
    return list(documents.values())


def _links(rows: list[dict[str, Identifier]]) -> list[dict[str, Any]]:
    links: dict[tuple[str, str, str], dict[str, Any]] = {}
    for row in rows:
        key = (str(row["relation"]), str(row["target"]), str(row["other"]))
        if key in links:
            continue
        other_plan = _text(row.get("otherPlan"))
        links[key] = {
            "relation": key[0],
            "target": {
                "iri": key[1],
                "metric": _text(row.get("metric")) or "",
                **figure(_text(row.get("value")), _text(row.get("unit"))),
                "year": _int(row.get("year")) or None,
            },
            "other": {
                "iri": key[2],
                "metric": _text(row.get("otherMetric")) or "",
                **figure(_text(row.get("otherValue")), _text(row.get("otherUnit"))),
                "year": _int(row.get("otherYear")) or None,
            },
            "plan": {
                "iri": other_plan,
                "label": _text(row.get("otherPlanName")) or local_name(other_plan),
            }
            if other_plan
            else None,
        }
    return list(links.values())


def queries() -> dict[str, Any]:
    """The shipped query library, and the prefixes its queries use without declaring."""
    return {
        "prefixes": dict(PREFIXES),
        "queries": [
            {
                "name": q.name,
                "description": q.description,
                "text": q.text,
                "parameters": [
                    {"name": p.name, "type": p.type, "help": p.help} for p in q.parameters
                ],
            }
            for q in library.library().values()
        ],
    }


@dataclass(frozen=True)
class PooledReader:
    """The worker pool as :func:`plangraph.query.run_named` reads a store. Workers over
    the embedded store read a page as the store itself does (one job: the rows ordered
    in Python, the page's details alone; :mod:`plangraph.store.paging`); over a SPARQL
    server the page is the query with an ``OFFSET``/``LIMIT`` (whole numbers checked by
    run_named), its total a count of the same query, so neither answer carries more
    rows than the page."""

    pool: QueryPool

    def query(self, sparql: str, bindings: Mapping[str, Identifier] | None = None) -> QueryResult:
        return self.pool.query(sparql, bindings)

    def query_page(
        self,
        sparql: str,
        bindings: Mapping[str, Identifier] | None,
        offset: int,
        size: int | None,
    ) -> QueryResult:
        if self.pool.pages:  # workers over the embedded store
            job = query_job(sparql, bindings, self.pool.max_rows, page=(offset, size))
            paged = result_of(self.pool.run(job))
            assert isinstance(paged, SelectResult)
            return SelectResult(paged.variables, paged.rows, paged.total, offset)
        text = bind(sparql, bindings)
        counted = self.pool.query(f"SELECT (COUNT(*) AS ?total) WHERE {{ {text}\n}}")
        assert isinstance(counted, SelectResult)
        window = f"{text}\nOFFSET {int(offset)}" + ("" if size is None else f" LIMIT {int(size)}")
        page = self.pool.query(window, max_rows=size)
        assert isinstance(page, SelectResult)
        return SelectResult(page.variables, page.rows, _int(counted.rows[0][0]), offset)


def library_answer(reader: PooledReader, name: str, params: Mapping[str, str]) -> dict[str, Any]:
    """A library query's page as JSON: ``limit`` and ``offset`` pick the rows (``limit``
    defaults to the query's page size, at most :data:`MAX_LIBRARY_ROWS`), the others
    are the query's parameters."""
    given = dict(params)
    try:
        limit = int(given.pop("limit", "") or library.get(name).page or MAX_LIBRARY_ROWS)
        offset = int(given.pop("offset", "0") or 0)
    except ValueError:
        raise RefusedError(400, "limit and offset must be whole numbers") from None
    if not 0 < limit <= MAX_LIBRARY_ROWS:
        raise RefusedError(400, f"limit must be 1 to {MAX_LIBRARY_ROWS}, got {limit}")
    result = library.run_named(reader, name, given, limit=limit, offset=offset)
    assert isinstance(result, SelectResult)
    return {
        "name": name,
        "variables": list(result.variables),
        "rows": [
            {
                v: None if cell is None else _json_value(cell)
                for v, cell in zip(result.variables, row, strict=True)
            }
            for row in result.rows
        ],
        "total": result.total,
        "offset": result.offset,
        "limit": limit,
    }


# ---- endpoints ---------------------------------------------------------------------------


def _iri(request: Request, name: str = "iri") -> URIRef:
    value = request.query_params.get(name, "")
    try:
        term = library.term(value, "iri")
    except QueryError:
        raise RefusedError(400, f"{name} must be an absolute IRI, got {value!r}") from None
    assert isinstance(term, URIRef)
    return term


def _paging(request: Request) -> Paging:
    params = request.query_params
    try:
        page = max(1, int(params.get("page", "1")))
        size = min(MAX_PAGE, max(1, int(params.get("size", "25"))))
    except ValueError:
        raise RefusedError(400, "page and size must be whole numbers") from None
    return Paging(page, size, params.get("sort", ""), params.get("order", "asc") == "desc")


def _checked(request: Request, name: str, kind: str) -> str | None:
    """A query parameter checked against its type (year, decimal), None when absent."""
    value = request.query_params.get(name, "").strip()
    if not value:
        return None
    try:
        library.term(value, kind)
    except QueryError as error:
        raise RefusedError(400, f"{name}: {error}") from None
    return value


async def _answer(
    request: Request, work: Callable[[Explorer], object], missing: str | None = None
) -> Response:
    explorer: Explorer = request.app.state.explorer
    limits: Limits = request.app.state.limits
    try:
        found = await run_in_threadpool(work, explorer)
    except PlangraphError as error:
        status = status_of(error)
        return JSONResponse({"error": str(error)}, status, headers=error_headers(status, limits))
    if found is None:
        return JSONResponse({"error": missing or "not found"}, 404)
    if isinstance(found, Response):
        return found
    return JSONResponse(found, headers={"Cache-Control": "no-store"})


def _refused(error: RefusedError) -> Response:
    return JSONResponse({"error": str(error)}, error.status)


def _csv(name: str, text: str) -> Response:
    return Response(
        text.encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{name}.csv"',
            "Cache-Control": "no-store",
        },
    )


PLAN_COLUMNS = [
    ("plan", "plan"),
    ("region", "region"),
    ("level", "level"),
    ("issuer", "issuer"),
    ("issued", "issued"),
    ("periodStart", "period start"),
    ("periodEnd", "period end"),
    ("targets", "targets"),
    ("measures", "measures"),
    ("statistics", "statistics"),
    ("documents", "documents"),
    ("languages", "languages"),
    ("iri", "plan IRI"),
]
COMPARE_COLUMNS = [
    ("region", "region"),
    ("level", "level"),
    ("words", "target"),
    ("value", "value (base units)"),
    ("maxValue", "up to (base units)"),
    ("unit", "unit"),
    ("comparator", "comparator"),
    ("year", "deadline"),
    ("metric", "wording"),
    ("plan", "plan"),
    ("sentence", "sentence"),
    ("document", "document"),
    ("iri", "target IRI"),
]


def _flat_plan(row: Mapping[str, Any]) -> dict[str, Any]:
    return {
        **row,
        "plan": row["label"],
        "region": row["region"]["label"] if row["region"] else "",
        "issuer": row["issuer"]["label"] if row["issuer"] else "",
        "languages": " ".join(row["languages"]),
    }


def _flat_compare(row: Mapping[str, Any]) -> dict[str, Any]:
    evidence = row["evidence"] or {}
    return {
        **row,
        "region": row["region"]["label"] if row["region"] else "",
        "plan": row["plan"]["label"],
        "sentence": " ".join(str(evidence.get("text", "")).split()),
        "document": evidence.get("identifier", ""),
    }


async def summary_endpoint(request: Request) -> Response:
    """``/api/summary``: counts by kind, languages, targets by deadline year."""
    return await _answer(request, lambda e: e.summary())


async def plans_endpoint(request: Request) -> Response:
    """``/api/plans``: the table of plans, filtered, sorted and paged, or all as CSV."""
    try:
        paging = _paging(request)
        filters = {
            key: request.query_params.get(key, "").strip()
            for key in ("region", "level", "issuer", "language", "q")
        }
        filters["year"] = _checked(request, "year", "year") or ""
    except RefusedError as error:
        return _refused(error)
    if request.query_params.get("format") == "csv":
        everything = Paging(1, 10**9, paging.sort, paging.descending)

        def table(e: Explorer) -> Response:
            rows = e.plans(filters, everything)["rows"]
            return _csv("plans", csv_text(PLAN_COLUMNS, (_flat_plan(r) for r in rows)))

        return await _answer(request, table)
    return await _answer(request, lambda e: e.plans(filters, paging))


async def plan_endpoint(request: Request) -> Response:
    """``/api/plan?iri=IRI``: the plan card."""
    try:
        iri = _iri(request)
    except RefusedError as error:
        return _refused(error)
    return await _answer(request, lambda e: e.plan(iri), f"no plan {iri} in the store")


async def actor_endpoint(request: Request) -> Response:
    """``/api/actor?iri=IRI``: the actor card."""
    try:
        iri = _iri(request)
    except RefusedError as error:
        return _refused(error)
    return await _answer(request, lambda e: e.actor(iri), f"no actor {iri} in the store")


async def metrics_endpoint(request: Request) -> Response:
    """``/api/metrics?q=WORDS``: target wordings holding the words, and their units."""
    text = request.query_params.get("q", "")
    if len(text) > MAX_SEARCH:
        return JSONResponse({"error": f"q is longer than {MAX_SEARCH} characters"}, 400)
    return await _answer(request, lambda e: e.metrics(text))


def _comparison(request: Request) -> tuple[str, str | None, str | None, str | None]:
    metric = request.query_params.get("metric", "")
    if len(metric) > MAX_SEARCH:
        raise RefusedError(400, f"metric is longer than {MAX_SEARCH} characters")
    unit = request.query_params.get("unit", "").strip() or None
    return metric, unit, _checked(request, "year", "year"), _checked(request, "min", "decimal")


async def compare_endpoint(request: Request) -> Response:
    """``/api/compare?metric=&unit=&year=&min=``: the chart, one bar per region and year."""
    try:
        metric, unit, year, minimum = _comparison(request)
    except RefusedError as error:
        return _refused(error)
    return await _answer(request, lambda e: e.compare(metric, unit, year, minimum))


async def compare_rows_endpoint(request: Request) -> Response:
    """``/api/compare/rows?metric=&unit=&year=&min=``: one row per target, paged or CSV."""
    try:
        metric, unit, year, minimum = _comparison(request)
        paging = _paging(request)
    except RefusedError as error:
        return _refused(error)
    if unit is None:
        return JSONResponse({"error": "unit is required: one of the units /api/compare lists"}, 400)
    if request.query_params.get("format") == "csv":
        everything = Paging(1, 10**9, paging.sort, paging.descending)

        def table(e: Explorer) -> Response:
            rows = e.compare_rows(metric, unit, year, minimum, everything)["rows"]
            return _csv("comparison", csv_text(COMPARE_COLUMNS, (_flat_compare(r) for r in rows)))

        return await _answer(request, table)
    return await _answer(request, lambda e: e.compare_rows(metric, unit, year, minimum, paging))


async def search_endpoint(request: Request) -> Response:
    """``/api/search?q=TEXT``: plans, actors, regions and target wordings by name."""
    text = request.query_params.get("q", "").strip()
    if not text:
        return JSONResponse([])
    if len(text) > MAX_SEARCH:
        return JSONResponse({"error": f"q is longer than {MAX_SEARCH} characters"}, 400)
    return await _answer(request, lambda e: e.search(text))


async def node_endpoint(request: Request) -> Response:
    """``/api/node?iri=IRI``: a node's fields, neighbours and evidence."""
    try:
        iri = _iri(request)
    except RefusedError as error:
        return _refused(error)
    return await _answer(request, lambda e: e.node(iri), f"no node {iri} in the store")


async def document_endpoint(request: Request) -> Response:
    """``/api/document?iri=IRI``: a document's text and what was extracted from it."""
    try:
        iri = _iri(request)
    except RefusedError as error:
        return _refused(error)
    return await _answer(request, lambda e: e.document(iri), f"no document {iri} in the store")


async def documents_endpoint(request: Request) -> Response:
    """``/api/documents``: every document in the store."""
    return await _answer(request, lambda e: e.documents())


async def library_endpoint(request: Request) -> Response:
    """``/api/library/NAME?PARAM=VALUE&limit=N&offset=M``: a page of a library query's
    rows and how many the whole answer has."""
    name = request.path_params["name"]
    if name not in library.library():
        valid = ", ".join(library.library())
        return JSONResponse({"error": f"no query named {name!r}; valid: {valid}"}, 404)
    reader = PooledReader(request.app.state.pool)
    params = dict(request.query_params)
    return await _answer(request, lambda _: library_answer(reader, name, params))


async def queries_endpoint(request: Request) -> Response:
    """``/api/queries``: the shipped query library."""
    return JSONResponse(queries())


async def status_endpoint(request: Request) -> Response:
    """``/api/status``: the server's limits and safety settings, for the page's footer."""
    limits: Limits = request.app.state.limits
    pool: QueryPool = request.app.state.pool
    settings: Mapping[str, Any] = {
        "readOnly": True,
        "networkIsolated": pool.isolated,
        "timeout": limits.timeout,
        "maxRows": limits.max_rows,
        "maxBody": limits.max_body,
        "workers": limits.workers,
        "maxMemory": limits.max_memory,
        "maxDepth": limits.max_depth,
    }
    return JSONResponse(settings)
