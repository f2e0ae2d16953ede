"""The small JSON API behind the explorer page.

Every endpoint runs fixed SPARQL with the request's values bound as variables
(``store.query(sparql, bindings)``), never pasted into query text, under the same worker
pool and limits as ``/sparql``. Answers are plain JSON: IRIs and lexical forms as
strings, each node with a ``kind`` (its most specific plangraph class) for colouring.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
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
from plangraph.store.base import SelectResult
from plangraph.store.worker import PREFIXES, QueryPool

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
SEARCH_LIMIT = 30
NEIGHBOUR_LIMIT = 300
MAX_SEARCH = 200
_ROWS = 5000  # the API's own queries end in LIMITs below this

SEARCH = """
SELECT ?node ?name ?alt ?type ?q WHERE {
  VALUES ?class { pg:Actor pg:Plan pg:Region }
  ?node a ?class ; rdfs:label ?name ; a ?type .
  OPTIONAL { ?node skos:altLabel ?alt }
  FILTER(CONTAINS(LCASE(STR(?name)), LCASE(STR(?q)))
         || CONTAINS(LCASE(STR(COALESCE(?alt, ""))), LCASE(STR(?q))))
}
LIMIT 1000
"""
NODE_PROPERTIES = """
SELECT ?iri ?p ?o ?label WHERE {
  ?iri ?p ?o .
  FILTER(?p != pg:content)
  OPTIONAL { ?o rdfs:label ?label }
}
LIMIT 1000
"""
NODE_NEIGHBOURS = """
SELECT ?iri ?direction ?p ?n ?label ?type WHERE {
  { ?iri ?p ?n . BIND("out" AS ?direction) }
  UNION
  { ?n ?p ?iri . BIND("in" AS ?direction) }
  FILTER(isIRI(?n) && ?p != rdf:type)
  FILTER(!STRSTARTS(STR(?n), STR(pg:)))
  FILTER NOT EXISTS { ?n a pg:Evidence }
  OPTIONAL { ?n rdfs:label ?name }
  OPTIONAL { ?n dcterms:title ?title }
  BIND(COALESCE(?name, ?title) AS ?label)
  OPTIONAL { ?n a ?type }
}
LIMIT 3000
"""
NODE_EVIDENCE = """
SELECT ?iri ?evidence ?document ?title ?start ?end ?text WHERE {
  ?iri prov:wasDerivedFrom ?evidence .
  ?evidence pg:inDocument ?document ; pg:start ?start ; pg:end ?end ; pg:text ?text .
  OPTIONAL { ?document dcterms:title ?title }
}
ORDER BY ?document ?start
LIMIT 200
"""
DOCUMENT = """
SELECT ?iri ?title ?identifier ?source ?issued ?content WHERE {
  ?iri a pg:Document .
  OPTIONAL { ?iri dcterms:title ?title }
  OPTIONAL { ?iri dcterms:identifier ?identifier }
  OPTIONAL { ?iri dcterms:source ?source }
  OPTIONAL { ?iri dcterms:issued ?issued }
  OPTIONAL { ?iri pg:content ?content }
}
LIMIT 1
"""
DOCUMENT_ITEMS = """
SELECT ?iri ?item ?type ?label ?start ?end ?text WHERE {
  ?evidence pg:inDocument ?iri ; pg:start ?start ; pg:end ?end ; pg:text ?text .
  ?item prov:wasDerivedFrom ?evidence ; a ?type .
  FILTER(?type IN (pg:Plan, pg:Target, pg:Measure, pg:Statistic, pg:Affiliation))
  OPTIONAL { ?item rdfs:label ?label }
}
ORDER BY ?start ?type ?label
LIMIT 3000
"""
DOCUMENT_MENTIONS = """
SELECT ?iri ?node ?label ?type WHERE {
  ?iri pg:mentions ?node .
  ?node a ?type .
  OPTIONAL { ?node rdfs:label ?name }
  OPTIONAL { ?node dcterms:title ?title }
  BIND(COALESCE(?name, ?title) AS ?label)
}
LIMIT 3000
"""
DOCUMENTS = """
SELECT ?document ?title ?identifier ?issued WHERE {
  ?document a pg:Document .
  OPTIONAL { ?document dcterms:title ?title }
  OPTIONAL { ?document dcterms:identifier ?identifier }
  OPTIONAL { ?document dcterms:issued ?issued }
}
ORDER BY ?identifier ?document
LIMIT 3000
"""


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

    >>> kind_of("x:a", [ONTOLOGY + "Actor", ONTOLOGY + "Company"])
    'Company'
    """
    names = {t[len(ONTOLOGY) :] for t in types if t.startswith(ONTOLOGY)}
    for kind in KINDS:
        if kind in names:
            return kind
    if iri.startswith(str(CATEGORY)):
        return "Category"
    return "Other"


def _text(value: Identifier | None) -> str | None:
    return None if value is None else str(value)


def _json_value(value: Identifier) -> Any:
    if isinstance(value, Literal):
        python = value.toPython()
        if isinstance(python, bool | int) or (isinstance(python, float) and python.is_integer()):
            return python
        return str(value)
    return str(value)


@dataclass
class _Node:
    iri: str
    labels: list[str] = field(default_factory=list)
    types: set[str] = field(default_factory=set)

    def json(self) -> dict[str, str]:
        # rdfs:label comes first when a node has one (a document has only a title)
        label = self.labels[0] if self.labels else None
        return {
            "iri": self.iri,
            "label": label or local_name(self.iri),
            "kind": kind_of(self.iri, self.types),
        }


def _rows(result: object) -> list[dict[str, Identifier]]:
    assert isinstance(result, SelectResult)
    return [
        {var: cell for var, cell in zip(result.variables, row, strict=True) if cell is not None}
        for row in result.rows
    ]


class Explorer:
    """The page's questions to the store, each a fixed query with bound variables."""

    def __init__(self, pool: QueryPool) -> None:
        self.pool = pool

    def _select(self, sparql: str, **bindings: Identifier) -> list[dict[str, Identifier]]:
        return _rows(self.pool.query(sparql, bindings, max_rows=_ROWS))

    def search(self, text: str) -> list[dict[str, str]]:
        """Actors, plans and regions whose label or other name contains ``text``."""
        nodes: dict[str, _Node] = {}
        for row in self._select(SEARCH, q=Literal(text)):
            node = nodes.setdefault(str(row["node"]), _Node(str(row["node"])))
            node.labels.append(str(row["name"]))
            node.types.add(str(row["type"]))
        found = [n.json() for n in nodes.values()]
        found.sort(
            key=lambda n: (
                not n["label"].lower().startswith(text.lower()),
                len(n["label"]),
                n["label"],
            )
        )
        return found[:SEARCH_LIMIT]

    def node(self, iri: URIRef) -> dict[str, Any] | None:
        """A node with its fields, its neighbours (evidence aside) and its evidence."""
        me = _Node(str(iri))
        fields = []
        for row in self._select(NODE_PROPERTIES, iri=iri):
            prop, value = str(row["p"]), row["o"]
            if prop == PREFIXES["rdf"] + "type":
                me.types.add(str(value))
                continue
            if prop == PREFIXES["rdfs"] + "label":
                me.labels.insert(0, str(value))
            elif prop == PREFIXES["dcterms"] + "title":
                me.labels.append(str(value))
            if prop == PREFIXES["prov"] + "wasDerivedFrom":
                continue  # evidence comes with its sentence, below
            shown = str(row["label"]) if "label" in row else _json_value(value)
            if isinstance(value, URIRef) and "label" not in row:
                shown = local_name(str(value))
            fields.append(
                {
                    "property": curie(prop),
                    "value": shown,
                    "iri": str(value) if isinstance(value, URIRef) else None,
                }
            )
        if not fields and not me.types:
            return None
        neighbours: dict[str, _Node] = {}
        edges: dict[tuple[str, str, str], dict[str, str]] = {}
        for row in self._select(NODE_NEIGHBOURS, iri=iri):
            other = str(row["n"])
            if other not in neighbours and len(neighbours) >= NEIGHBOUR_LIMIT:
                continue
            node = neighbours.setdefault(other, _Node(other))
            if "label" in row:
                node.labels.append(str(row["label"]))
            if "type" in row:
                node.types.add(str(row["type"]))
            outgoing = str(row["direction"]) == "out"
            source, target = (str(iri), other) if outgoing else (other, str(iri))
            prop = curie(str(row["p"]))
            edges[(source, prop, target)] = {"source": source, "target": target, "property": prop}
        evidence = [
            {
                "iri": str(row["evidence"]),
                "document": str(row["document"]),
                "title": _text(row.get("title")) or local_name(str(row["document"])),
                "start": int(row["start"].toPython()),
                "end": int(row["end"].toPython()),
                "text": str(row["text"]),
            }
            for row in self._select(NODE_EVIDENCE, iri=iri)
            if isinstance(row["start"], Literal) and isinstance(row["end"], Literal)
        ]
        return {
            **me.json(),
            "types": sorted(curie(t) for t in me.types),
            "fields": sorted(fields, key=lambda f: (f["property"], str(f["value"]))),
            "neighbours": [n.json() for n in neighbours.values()],
            "edges": list(edges.values()),
            "truncated": len(neighbours) >= NEIGHBOUR_LIMIT,
            "evidence": evidence,
        }

    def document(self, iri: URIRef) -> dict[str, Any] | None:
        """A document's text and metadata, what was extracted from it, and what it mentions."""
        found = self._select(DOCUMENT, iri=iri)
        if not found:
            return None
        row = found[0]
        items: dict[tuple[str, int], dict[str, Any]] = {}
        types: dict[tuple[str, int], set[str]] = {}
        for item in self._select(DOCUMENT_ITEMS, iri=iri):
            start, end = item["start"], item["end"]
            if not (isinstance(start, Literal) and isinstance(end, Literal)):
                continue
            key = (str(item["item"]), int(start.toPython()))
            types.setdefault(key, set()).add(str(item["type"]))
            items[key] = {
                "iri": key[0],
                "kind": kind_of(key[0], types[key]),
                "label": _text(item.get("label")) or local_name(key[0]),
                "start": key[1],
                "end": int(end.toPython()),
                "text": str(item["text"]),
            }
        mentions: dict[str, _Node] = {}
        for mention in self._select(DOCUMENT_MENTIONS, iri=iri):
            node = mentions.setdefault(str(mention["node"]), _Node(str(mention["node"])))
            node.types.add(str(mention["type"]))
            if "label" in mention:
                node.labels.append(str(mention["label"]))
        return {
            "iri": str(iri),
            "title": _text(row.get("title")),
            "identifier": _text(row.get("identifier")),
            "source": _text(row.get("source")),
            "issued": _text(row.get("issued")),
            "text": _text(row.get("content")) or "",
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
            }
            for row in self._select(DOCUMENTS)
        ]


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


def _iri(request: Request) -> URIRef:
    value = request.query_params.get("iri", "")
    try:
        term = library.term(value, "iri")
    except QueryError:
        raise RefusedError(400, f"iri must be an absolute IRI, got {value!r}") from None
    assert isinstance(term, URIRef)
    return term


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
    return JSONResponse(found, headers={"Cache-Control": "no-store"})


async def search_endpoint(request: Request) -> Response:
    """``/api/search?q=TEXT``: actors, plans and regions by label."""
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
        return JSONResponse({"error": str(error)}, error.status)
    return await _answer(request, lambda e: e.node(iri), f"no node {iri} in the store")


async def document_endpoint(request: Request) -> Response:
    """``/api/document?iri=IRI``: a document's text and what was extracted from it."""
    try:
        iri = _iri(request)
    except RefusedError as error:
        return JSONResponse({"error": str(error)}, error.status)
    return await _answer(request, lambda e: e.document(iri), f"no document {iri} in the store")


async def documents_endpoint(request: Request) -> Response:
    """``/api/documents``: every document in the store."""
    return await _answer(request, lambda e: e.documents())


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
    }
    return JSONResponse(settings)
