"""SHACL validation: does a graph hold only what ``ontology/shapes.ttl`` allows?

The shapes are compiled into SPARQL (:mod:`plangraph.graph.shape_queries`) and run by a
store: :func:`validate` loads one graph into an in-memory store (an rdflib ``Dataset``
is validated as its union), :func:`validate_store` runs them over a whole store: every
constraint within each document graph, and only those that span documents over their
union. :func:`validate_with_pyshacl` runs the same
shapes through pySHACL, the reference the compiled queries are tested against.

>>> from rdflib import RDF, Graph, URIRef
>>> from plangraph.graph.vocab import PG
>>> doc = URIRef("https://w3id.org/plangraph/id/document/report")
>>> report = validate(Graph().add((doc, RDF.type, PG.Document)))
>>> report.conforms
False
>>> report.results[0].partition(", ")[2]
'dcterms:source, a document has exactly one dcterms:source string'
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING

from rdflib import RDF, SH, BNode, ConjunctiveGraph, Graph, Literal, URIRef
from rdflib.namespace import NamespaceManager
from rdflib.term import Identifier, Node

from plangraph.errors import PlangraphError
from plangraph.graph.links import LINKS_GRAPH
from plangraph.graph.shape_queries import Constraint, constraints

if TYPE_CHECKING:
    from plangraph.store.base import Store

UNION = "union of all graphs"
_VALIDATED = URIRef("https://w3id.org/plangraph/id/graph/validated")

_VALUE_CHARS = 60


@dataclass(frozen=True)
class Report:
    """The outcome of validating one graph.

    ``results`` holds one line per violation, ``"focus node, path, message"``, sorted;
    it is empty when ``conforms`` is true.
    """

    conforms: bool
    results: tuple[str, ...]


@cache
def _shapes() -> Graph:
    return _load("shapes.ttl")


@cache
def _ontology() -> Graph:
    return _load("plangraph.ttl")


def _load(name: str) -> Graph:
    text = (files("plangraph") / "ontology" / name).read_text(encoding="utf-8")
    return Graph().parse(data=text, format="turtle")


def validate(graph: Graph) -> Report:
    """Validate ``graph`` against the plangraph shapes, without inference; it is not changed."""
    from plangraph.store import open_store

    store = open_store(memory=True)
    store.put_document(_VALIDATED, _union(graph))
    names = _names(graph)
    lines = []
    for check in constraints():
        lines += [_line(check, this, value, names) for this, value in _rows(store, check)]
    return _report(lines)


def validate_store(store: Store, documents: Iterable[URIRef] = ()) -> Iterator[tuple[str, Report]]:
    """A report for each named graph of the store (every document in ``documents`` has
    one, conforming or not, and so has any other graph with a violation), then one for
    the union from the constraints that span documents (the others cannot fail there
    unless they fail in a document's graph). Each constraint is one query over the whole
    store for all its graphs, and one more over the union when it spans documents."""
    names = _shape_names()
    found: dict[str, list[str]] = {str(d): [] for d in documents}
    union: list[str] = []
    # given the documents, only their graphs and the links graph are read one by one: a
    # server may keep the union in a named graph of its own, checked below as the union
    known = {*found, str(LINKS_GRAPH)} if found else None
    for check in constraints():
        for graph, this, value in _graph_rows(store, check):
            if known is None or str(graph) in known:
                found.setdefault(str(graph), []).append(_line(check, this, value, names))
        if check.scope == "span":
            union += [_line(check, this, value, names) for this, value in _rows(store, check)]
    for name in sorted(found):
        yield name, _report(found[name])
    yield UNION, _report(union)


def validate_graphs(store: Store, graphs: Iterable[URIRef]) -> dict[str, Report]:
    """The reports of the store's named graphs ``graphs`` (each on its own, every
    constraint), only those with a violation: how an ingest checks the graphs it wrote."""
    from plangraph.store.base import SelectResult

    chosen = sorted(set(graphs))
    if not chosen:
        return {}
    names = _shape_names()
    found: dict[str, list[str]] = {}
    for check in constraints():
        result = store.query(check.query(graphs=chosen))
        assert isinstance(result, SelectResult)
        for graph, this, value in result.rows:
            if graph is not None and this is not None:
                found.setdefault(str(graph), []).append(_line(check, this, value, names))
    return {name: _report(lines) for name, lines in sorted(found.items())}


def _rows(store: Store, check: Constraint) -> list[tuple[Identifier, Identifier | None]]:
    from plangraph.store.base import SelectResult

    result = store.query(check.query())
    assert isinstance(result, SelectResult)
    return [(this, value) for this, value in result.rows if this is not None]


def _graph_rows(
    store: Store, check: Constraint
) -> list[tuple[Identifier, Identifier, Identifier | None]]:
    from plangraph.store.base import SelectResult

    result = store.query(check.query(per_graph=True))
    assert isinstance(result, SelectResult)
    return [(g, t, v) for g, t, v in result.rows if g is not None and t is not None]


def _report(lines: list[str]) -> Report:
    unique = tuple(sorted(set(lines)))
    return Report(conforms=not unique, results=unique)


def _line(
    check: Constraint, this: Identifier, value: Identifier | None, names: NamespaceManager
) -> str:
    message = check.message
    if value is not None and value != this and not isinstance(value, BNode):
        message += f" (found {_term(value, Graph(), names)})"
    return " ".join(f"{_term(this, Graph(), names)}, {check.path}, {message}".split())


def validate_with_pyshacl(graph: Graph) -> Report:
    """The same validation by pySHACL (slow: the reference for the compiled queries)."""
    from pyshacl import validate as shacl_validate

    conforms, results, text = shacl_validate(
        _union(graph),
        shacl_graph=_shapes(),
        ont_graph=_ontology(),
        inference="none",
        advanced=True,
        allow_warnings=False,
        inplace=False,
    )
    if not isinstance(results, Graph):
        # pyshacl reports a shapes graph it cannot run instead of raising.
        first_line = str(text).strip().splitlines()[0] if str(text).strip() else "no reason given"
        raise PlangraphError(f"the SHACL shapes could not be run: {first_line}")
    lines = tuple(sorted(set(_lines(results, _names(graph)))))
    return Report(conforms=bool(conforms), results=lines)


def _union(graph: Graph) -> Graph:
    """A plain graph of all the triples of a Dataset's graphs; any other graph as it is.

    Done here rather than by pyshacl, whose Dataset handling calls deprecated rdflib API.
    """
    if not isinstance(graph, ConjunctiveGraph):
        return graph
    union = Graph()
    for subject, predicate, obj, _ in graph.quads((None, None, None, None)):
        union.add((subject, predicate, obj))
    return union


@cache
def _shape_names() -> NamespaceManager:
    """The shapes' prefixes alone, made once: an ingest checks a batch of graphs at a time
    and reads them only to word a violation."""
    return _names(Graph())


def _names(graph: Graph) -> NamespaceManager:
    """The prefixes of the shapes, overridden by the graph's own, to print terms short."""
    names = NamespaceManager(Graph(), bind_namespaces="none")
    for source in (_shapes(), graph):
        for prefix, namespace in source.namespaces():
            names.bind(prefix, namespace, override=True, replace=True)
    return names


def _lines(results: Graph, names: NamespaceManager) -> list[str]:
    lines = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        message = "; ".join(messages) or "violates a plangraph shape"
        if value is not None and value != focus and not isinstance(value, BNode):
            message += f" (found {_term(value, results, names)})"
        focus_text = "-" if focus is None else _term(focus, results, names)
        path_text = "-" if path is None else _term(path, results, names)
        lines.append(" ".join(f"{focus_text}, {path_text}, {message}".split()))
    return lines


def _term(node: Node, results: Graph, names: NamespaceManager) -> str:
    if isinstance(node, BNode):
        inverse = results.value(node, SH.inversePath)
        return "^" + _term(inverse, results, names) if inverse is not None else "[complex path]"
    if isinstance(node, Literal):
        # Spelt out rather than Literal.n3, which warns on ill-typed numbers: the very
        # values a report has to show.
        text = str(node) if len(node) <= _VALUE_CHARS else node[:_VALUE_CHARS] + "…"
        if node.language:
            suffix = "@" + node.language
        elif node.datatype is not None:
            suffix = "^^" + names.normalizeUri(node.datatype)
        else:
            suffix = ""
        return json.dumps(text, ensure_ascii=False) + suffix
    return str(node.n3(names))
