"""The property-graph view: the store's RDF as a networkx graph that graph tools understand.

Nodes are the store's plans, actors, regions, targets, statistics, measures and documents,
keyed by IRI, with flat typed fields: ``label``, ``type``, ``value`` and ``max_value`` as
floats in base units, ``year`` as an int, ``category``, ``region``, ``plan``, and the
sentence each fact was read from (``sentence``, ``document``, ``sentence_start``,
``sentence_end``). Edges carry a ``relation``: ``issued_by``, ``jurisdiction``,
``has_target``, ``has_measure``, ``has_statistic``, ``responsible_for`` (actor to fact),
``mentions``, ``part_of``, ``affiliated_with``, ``reported_in`` (to a document), and
between targets ``conflicts_with`` and ``revises``.

The view is built from four SPARQL SELECTs (``export/queries/view-*.rq``), not by walking
triples in Python, so it stays fast on large stores; every visual export is drawn from it,
so all of them agree after documents are added or removed.

A :class:`Selection` picks a part: one plan, one region, one actor's neighbourhood, the
actor co-occurrence network, or the triples of any SPARQL CONSTRUCT.

>>> from plangraph.store import open_store
>>> build_view(open_store(memory=True)).number_of_nodes()
0
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from itertools import chain, combinations
from typing import Any

import networkx as nx
from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import BNode, Node

from plangraph.errors import ExportError, QueryError
from plangraph.graph.vocab import PG
from plangraph.store.base import Store

FieldValue = str | int | float | bool

NODE_TYPES = ("plan", "actor", "region", "target", "statistic", "measure", "document")
"""The view's node types, in the order exports list them."""

COLOURS = {
    "plan": "#4e79a7",
    "actor": "#f28e2b",
    "region": "#59a14f",
    "target": "#e15759",
    "statistic": "#b07aa1",
    "measure": "#76b7b2",
    "document": "#bab0ac",
}
"""One fill colour per node type, shared by the DOT, HTML and chart exports."""

# the first class a node carries in this order names its type
_CLASSES: tuple[tuple[URIRef, str], ...] = (
    (PG.Document, "document"),
    (PG.Plan, "plan"),
    (PG.Target, "target"),
    (PG.Statistic, "statistic"),
    (PG.Measure, "measure"),
    (PG.Region, "region"),
    (PG.Actor, "actor"),
    (PG.GovernmentBody, "actor"),
    (PG.Company, "actor"),
    (PG.ResearchInstitution, "actor"),
    (PG.Person, "actor"),
    (PG.OtherActor, "actor"),
)
_CLASS_TYPES = dict(_CLASSES)
_ACTOR_TYPES = (PG.GovernmentBody, PG.Company, PG.ResearchInstitution, PG.Person, PG.OtherActor)

# predicate -> (relation, drawn backwards). pg:responsibleActor points from a fact to its
# actor; the view draws the edge from the actor, who is responsible for the fact.
_RELATIONS: dict[URIRef, tuple[str, bool]] = {
    PG.issuedBy: ("issued_by", False),
    PG.jurisdiction: ("jurisdiction", False),
    PG.hasTarget: ("has_target", False),
    PG.hasMeasure: ("has_measure", False),
    PG.hasStatistic: ("has_statistic", False),
    PG.responsibleActor: ("responsible_for", True),
    PG.mentions: ("mentions", False),
    PG.partOf: ("part_of", False),
    PG.affiliatedWith: ("affiliated_with", False),
    PG.reportedIn: ("reported_in", False),
    PG.conflictsWith: ("conflicts_with", False),
    PG.revises: ("revises", False),
}
# What an object must be when no sentence typed it (a plan's issuer never named as an
# actor in its own right): the edge is kept and the node gets the type of the range.
_RANGES = {
    PG.issuedBy: "actor",
    PG.jurisdiction: "region",
    PG.responsibleActor: "actor",
    PG.affiliatedWith: "actor",
    PG.partOf: "region",
}


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri.rstrip("/#"))[-1]


def _text(value: str) -> str | None:
    return value


def _number(value: str) -> float | None:
    try:
        number = float(Decimal(value))
    except (InvalidOperation, ValueError):
        return None
    return number if math.isfinite(number) else None


def _year(value: str) -> int | None:
    match = re.match(r"\d{4}", value.strip())
    return int(match[0]) if match else None


def _flag(value: str) -> bool | None:
    return value.strip().lower() in {"true", "1"}


def _name(iri: str) -> str | None:
    return _local(iri)


# predicate -> (field, reader); a reader returns None for a value it cannot read
_FIELDS: dict[URIRef, tuple[str, Callable[[str], FieldValue | None]]] = {
    RDFS.label: ("label", _text),
    SKOS.altLabel: ("alt_labels", _text),
    PG.metric: ("metric", _text),
    PG.value: ("value", _number),
    PG.maxValue: ("max_value", _number),
    PG.unit: ("unit", _text),
    PG.comparator: ("comparator", _name),
    PG.targetYear: ("year", _year),
    PG.referenceYear: ("year", _year),
    PG.category: ("category", _name),
    PG.regionLevel: ("region_level", _name),
    PG.isGrowthRate: ("growth_rate", _flag),
    PG.surfaceText: ("surface", _text),
    PG.holdsPost: ("post", _text),
    PG.periodStart: ("period_start", _year),
    PG.periodEnd: ("period_end", _year),
    DCTERMS.title: ("title", _text),
    DCTERMS.source: ("source", _text),
    DCTERMS.issued: ("issued", _text),
    DCTERMS.identifier: ("doc_id", _text),
}
_NAMED = frozenset({PG.comparator, PG.category, PG.regionLevel})
"""Fields whose value is an IRI (read by its local name); the others take literals. The
view of the store reads each value's text as the shapes say it is (the queries do not
check term kinds: ``isIRI`` filters cost a third of their time); a CONSTRUCT's terms
are checked."""
_MANY = frozenset({"alt_labels", "post"})
"""Fields that keep every value, joined by ``"; "``; the others keep one."""


@dataclass(frozen=True)
class Selection:
    """Which part of the store a view shows; the default is all of it.

    ``plan``, ``region`` and ``actor`` name a node by IRI or label (case-insensitive);
    ``radius`` is the number of links around ``actor``; ``cooccurrence`` links actors
    named in the same document; ``construct`` is a SPARQL CONSTRUCT whose triples are
    the view.

    >>> Selection().whole
    True
    >>> Selection(actor="Baidu", radius=2).whole
    False
    """

    plan: str | None = None
    region: str | None = None
    actor: str | None = None
    radius: int = 1
    cooccurrence: bool = False
    construct: str | None = None

    @property
    def whole(self) -> bool:
        return not (self.plan or self.region or self.actor or self.cooccurrence or self.construct)

    def check(self) -> None:
        """Raise :class:`ExportError` for options that cannot go together."""
        focus = [n for n, v in (("plan", self.plan), ("region", self.region)) if v]
        if self.actor:
            focus.append("actor")
        if len(focus) > 1:
            raise ExportError(
                f"give at most one of --plan, --region, --actor; got --{' and --'.join(focus)}"
            )
        if self.cooccurrence and self.construct:
            raise ExportError("give --cooccurrence or --construct, not both")
        if (self.plan or self.region) and (self.cooccurrence or self.construct):
            kind = "--plan" if self.plan else "--region"
            raise ExportError(
                f"{kind} selects from the property graph; with --cooccurrence or "
                "--construct use --actor NAME --radius N"
            )
        if self.radius < 0:
            raise ExportError(f"--radius must be 0 or more, got {self.radius}")


@cache
def _query(name: str) -> str:
    return resources.files("plangraph.export").joinpath(f"queries/{name}.rq").read_text("utf-8")


_BLANK = "_:"
"""How :meth:`Store.select_text` spells a blank node: never a node of the view."""


def _select(
    store: Store, name: str, bindings: Mapping[str, URIRef] | None = None
) -> tuple[tuple[str | None, ...], ...]:
    """The rows of a view query as plain text: the readers below need no rdflib terms,
    and a million of them take most of a large view's time."""
    try:
        return store.select_text(_query(name), bindings)
    except QueryError as error:
        raise ExportError(f"queries/{name}.rq: {error}") from None


Fields = dict[str, FieldValue]
Edge = tuple[str, str, str]
"""An edge of the property graph: ``(source, target, relation)``."""

_CLASS_NAMES = {str(cls): kind for cls, kind in _CLASSES}
_CLASS_ORDER = {str(cls): rank for rank, (cls, _) in enumerate(_CLASSES)}
_ACTOR_NAMES = {str(cls): _local(str(cls)) for cls in _ACTOR_TYPES}


def _node_types(store: Store) -> dict[str, Fields]:
    classes: dict[str, list[str]] = defaultdict(list)
    for subject, cls in _select(store, "view-nodes"):
        if subject is not None and cls is not None and not subject.startswith(_BLANK):
            classes[subject].append(cls)
    nodes: dict[str, Fields] = {}
    for node, found in classes.items():
        kind = _CLASS_NAMES[min(found, key=_CLASS_ORDER.__getitem__)]
        fields: Fields = {"type": kind}
        if kind == "actor":
            sub = next((c for c in _ACTOR_NAMES if c in found), str(PG.OtherActor))
            fields["actor_type"] = _ACTOR_NAMES[sub]
        nodes[node] = fields
    return nodes


def _fill_fields(store: Store, nodes: Mapping[str, Fields]) -> None:
    # (node, field) -> [(graphs, value)]; the value most graphs state wins, then the
    # shortest, then the first in order, so the choice never depends on row order
    found: dict[tuple[str, str], list[tuple[int, FieldValue]]] = defaultdict(list)
    for predicate, (field, read) in _FIELDS.items():
        for subject, value, graphs in _select(store, "view-fields", {"property": predicate}):
            if subject is None or subject not in nodes or value is None:
                continue
            parsed = read(value)
            if parsed is not None:
                found[(subject, field)].append((int(graphs or 0), parsed))
    for (node, field), values in found.items():
        if field in _MANY:
            nodes[node][field] = "; ".join(sorted({str(v) for _, v in values}))
        elif len(values) == 1:
            nodes[node][field] = values[0][1]
        else:
            values.sort(key=lambda gv: (-gv[0], len(str(gv[1])), str(gv[1])))
            nodes[node][field] = values[0][1]


def _relations(store: Store, nodes: dict[str, Fields]) -> list[Edge]:
    edges = set()
    for predicate, (relation, backwards) in _RELATIONS.items():
        kind = _RANGES.get(predicate)
        for source, target in _select(store, "view-relations", {"property": predicate}):
            if source is None or source not in nodes or target is None:
                continue
            if target.startswith(_BLANK):
                continue
            if target not in nodes:
                if kind is None:
                    continue
                nodes[target] = {"type": kind}
                if kind == "actor":
                    nodes[target]["actor_type"] = "OtherActor"
            edges.add((target, source, relation) if backwards else (source, target, relation))
    return sorted(edges)


def _evidence(store: Store, nodes: Mapping[str, Fields]) -> set[tuple[str, str]]:
    sentences: dict[str, set[tuple[str, int, int, str]]] = defaultdict(set)
    for subject, doc, sentence, first, last in _select(store, "view-evidence"):
        if subject is None or subject not in nodes or doc is None:
            continue
        sentences[subject].add((doc, int(first or 0), int(last or 0), str(sentence)))
    links: set[tuple[str, str]] = set()
    for fact, evidence in sentences.items():
        found = sorted(evidence)
        document, start, end, text = found[0]
        fields = nodes[fact]
        doc_fields = nodes.get(document, {})
        fields["sentence"] = text
        fields["document"] = str(doc_fields.get("doc_id", _local(document)))
        fields["sentence_start"] = start
        fields["sentence_end"] = end
        fields["evidence_count"] = len(found)
        links.update((fact, doc) for doc, *_ in found if doc in nodes)
    return links


def _labels(nodes: Mapping[str, Fields], names: Iterable[str]) -> str:
    return "; ".join(sorted({str(nodes[n]["label"]) for n in names}))


def _derive(nodes: Mapping[str, Fields], edges: Iterable[Edge]) -> None:
    """Fields read off the links: a fact's plan and region, a plan's issuer and counts."""
    for node, fields in nodes.items():
        if "label" not in fields:
            fallback = fields.get("title") or fields.get("doc_id") or fields.get("metric")
            fields["label"] = str(fallback or _local(node).replace("-", " "))
    by_relation: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    into: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for source, target, relation in edges:
        by_relation[relation][source].append(target)
        into[relation][target].append(source)
    # plans first: a fact's region is its plan's
    first = [(node, fields) for node, fields in nodes.items() if fields["type"] == "plan"]
    then = [(node, fields) for node, fields in nodes.items() if fields["type"] != "plan"]
    for node, fields in chain(first, then):
        kind = fields["type"]
        if kind == "plan":
            for field, relation in (("region", "jurisdiction"), ("issuer", "issued_by")):
                if by_relation[relation].get(node):
                    fields[field] = _labels(nodes, by_relation[relation][node])
            fields["targets"] = len(by_relation["has_target"].get(node, ()))
            fields["measures"] = len(by_relation["has_measure"].get(node, ()))
            fields["documents"] = len(by_relation["reported_in"].get(node, ()))
        elif kind in {"actor", "region"}:
            fields["documents"] = len(into["mentions"].get(node, ()))
            if kind == "region" and by_relation["part_of"].get(node):
                fields["part_of"] = _labels(nodes, by_relation["part_of"][node])
            if kind == "actor" and by_relation["affiliated_with"].get(node):
                fields["affiliated_with"] = _labels(nodes, by_relation["affiliated_with"][node])
        if kind in {"target", "measure"}:
            plans = into["has_target" if kind == "target" else "has_measure"].get(node, [])
            if plans:
                fields["plan"] = _labels(nodes, plans)
                regions = {str(nodes[p]["region"]) for p in plans if "region" in nodes[p]}
                if regions:
                    fields["region"] = "; ".join(sorted(regions))
            if into["responsible_for"].get(node):
                fields["responsible"] = _labels(nodes, into["responsible_for"][node])


def property_records(store: Store) -> tuple[dict[str, Fields], list[Edge]]:
    """The whole store as a property graph of plain records (see the module's docstring
    for its shape): the nodes' fields by IRI, in IRI order, and the edges, sorted, one
    per pair of nodes."""
    nodes = _node_types(store)
    _fill_fields(store, nodes)
    edges = _relations(store, nodes)
    derived = _evidence(store, nodes)
    seen = {(s, t) for s, t, _ in edges}
    edges.extend((s, t, "reported_in") for s, t in derived if (s, t) not in seen)
    # one edge per pair, the last relation in order winning, as in a networkx DiGraph
    pairs = {(s, t): r for s, t, r in sorted(edges)}
    links = [(s, t, r) for (s, t), r in pairs.items()]
    _derive(nodes, links)
    return dict(sorted(nodes.items())), links


def property_graph(store: Store) -> nx.DiGraph:
    """The whole store as a property graph, in networkx (for selections and charts)."""
    nodes, edges = property_records(store)
    view = nx.DiGraph(name="plangraph")
    view.add_nodes_from(nodes.items())
    view.add_edges_from((s, t, {"relation": r}) for s, t, r in edges)
    return view


def cooccurrence(view: nx.Graph) -> nx.Graph:
    """Actors linked when named in the same document; ``weight`` counts shared documents.

    Each actor keeps its ``label``, ``actor_type`` and ``documents`` (how many name it).
    """
    documents: dict[str, set[str]] = defaultdict(set)
    for source, target, relation in view.edges(data="relation"):
        if relation == "mentions" and view.nodes[target].get("type") == "actor":
            documents[source].add(target)
    network = nx.Graph(name="plangraph actor co-occurrence")
    weights: dict[tuple[str, str], int] = defaultdict(int)
    for actors in documents.values():
        for pair in combinations(sorted(actors), 2):
            weights[pair] += 1
    named = sorted({a for actors in documents.values() for a in actors})
    keep = ("label", "type", "actor_type", "alt_labels", "documents")
    network.add_nodes_from(
        (a, {k: view.nodes[a][k] for k in keep if k in view.nodes[a]}) for a in named
    )
    network.add_edges_from(
        (a, b, {"relation": "co_occurs", "weight": w}) for (a, b), w in sorted(weights.items())
    )
    return network


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


def _literal(term: Literal) -> FieldValue:
    datatype = term.datatype
    if datatype in {XSD.integer, XSD.int, XSD.long, XSD.nonNegativeInteger}:
        return int(str(term))
    if datatype in {XSD.decimal, XSD.double, XSD.float}:
        number = _number(term)
        return str(term) if number is None else number
    if datatype == XSD.gYear:
        year = _year(term)
        return str(term) if year is None else year
    if datatype == XSD.boolean:
        return str(term).strip().lower() in {"true", "1"}
    return str(term)


def _node_id(term: Node) -> str:
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def construct_view(store: Store, sparql: str) -> nx.MultiDiGraph:
    """The triples of a SPARQL CONSTRUCT as a property graph.

    Literals and the view's known fields (such as ``pg:category``) become node fields,
    ``rdf:type`` becomes ``type``, and every other link an edge whose ``relation`` is the
    predicate's local name in snake case (``pg:hasTarget`` -> ``has_target``).
    """
    result = store.query(sparql)
    if not isinstance(result, Graph):
        kind = "a boolean" if isinstance(result, bool) else "rows"
        raise ExportError(f"--construct expects a CONSTRUCT or DESCRIBE query; it returned {kind}")
    view = nx.MultiDiGraph(name="plangraph construct")
    fields: dict[str, dict[str, list[FieldValue]]] = defaultdict(lambda: defaultdict(list))
    edges: set[tuple[str, str, str]] = set()
    for s, p, o in sorted(result, key=lambda t: (str(t[0]), str(t[1]), str(t[2]))):
        node = _node_id(s)
        own = fields.setdefault(node, defaultdict(list))  # a subject is a node, links or not
        predicate = URIRef(str(p))
        if predicate == RDF.type:
            known = _CLASS_TYPES.get(URIRef(str(o)))
            own["type"].append(known or _snake(_local(str(o))))
            if known == "actor" and o != PG.Actor:
                own["actor_type"].append(_local(str(o)))
        elif predicate in _FIELDS:
            field, read = _FIELDS[predicate]
            wanted = URIRef if predicate in _NAMED else Literal
            value = read(str(o)) if isinstance(o, wanted) else None
            if value is not None:
                own[field].append(value)
        elif isinstance(o, Literal):
            own[_snake(_local(predicate))].append(_literal(o))
        else:
            relation = _RELATIONS.get(predicate, (_snake(_local(predicate)), False))[0]
            edges.add((node, _node_id(o), relation))
            fields.setdefault(_node_id(o), defaultdict(list))
    for node, values in sorted(fields.items()):
        attrs: dict[str, FieldValue] = {}
        for field, found in values.items():
            unique = sorted(set(found), key=str)
            attrs[field] = unique[0] if len(unique) == 1 else "; ".join(map(str, unique))
        attrs.setdefault("label", _local(node).replace("-", " ") or node)
        view.add_node(node, **attrs)
    view.add_edges_from((s, t, r, {"relation": r}) for s, t, r in sorted(edges))
    return view


def find_node(view: nx.Graph, name: str, kind: str) -> str:
    """The node of type ``kind`` named ``name``: its IRI, or a label, alias or title.

    Exact matches (ignoring case) win over a unique label containing ``name``.
    """
    if view.nodes.get(name, {}).get("type") == kind:
        return name
    wanted = name.casefold().strip()
    candidates = [(n, d) for n, d in view.nodes(data=True) if d.get("type") == kind]
    exact = []
    for node, data in candidates:
        names = [str(data.get("label", "")), str(data.get("title", ""))]
        names += str(data.get("alt_labels", "")).split("; ")
        if wanted in {n.casefold().strip() for n in names if n}:
            exact.append(node)
    found = exact or [n for n, d in candidates if wanted in str(d.get("label", "")).casefold()]
    if len(found) == 1:
        return str(found[0])
    if not found:
        known = sorted(str(d.get("label")) for _, d in candidates)
        hint = f"; e.g. {', '.join(known[:5])}" if known else f"; the view has no {kind}"
        raise ExportError(f"no {kind} named {name!r}{hint}")
    labels = sorted(str(view.nodes[n]["label"]) for n in found)
    more = f" (and {len(labels) - 5} more)" if len(labels) > 5 else ""
    raise ExportError(
        f"{name!r} names {len(found)} {kind}s: {', '.join(labels[:5])}{more}; give its IRI "
        "or a fuller name"
    )


def _plan_part(view: nx.Graph, plan: str) -> set[str]:
    part = {plan, *view.successors(plan)}
    for fact in list(part):
        if view.nodes[fact].get("type") in {"target", "measure"}:
            part.update(view.predecessors(fact))
            part.update(view.successors(fact))
    # other plans that happen to point at the same fact stay out
    return {n for n in part if n == plan or view.nodes[n].get("type") != "plan"}


def select(view: nx.Graph, selection: Selection) -> nx.Graph:
    """The part of a view that ``selection`` asks for (its ``plan``, ``region``, ``actor``).

    The part's ``graph["selection"]`` says in words what was selected.
    """
    if selection.plan:
        plan = find_node(view, selection.plan, "plan")
        part = view.subgraph(_plan_part(view, plan)).copy()
        part.graph["selection"] = f"plan: {view.nodes[plan]['label']}"
    elif selection.region:
        region = find_node(view, selection.region, "region")
        parts = nx.DiGraph(
            (s, t) for s, t, r in view.edges(data="relation") if r == "part_of"
        ).reverse()
        regions = {region} | (nx.descendants(parts, region) if region in parts else set())
        keep = set(regions)
        for source, target, relation in view.edges(data="relation"):
            if relation == "jurisdiction" and target in regions:
                keep |= _plan_part(view, source)
        part = view.subgraph(keep).copy()
        part.graph["selection"] = f"region: {view.nodes[region]['label']}, its places and plans"
    elif selection.actor:
        actor = find_node(view, selection.actor, "actor")
        part = nx.ego_graph(view, actor, radius=selection.radius, undirected=True).copy()
        links = "link" if selection.radius == 1 else "links"
        part.graph["selection"] = f"{selection.radius} {links} around {view.nodes[actor]['label']}"
        if selection.cooccurrence:
            part.graph["selection"] += " in the actor co-occurrence network"
    else:
        return view
    part.graph["name"] = view.graph.get("name", "plangraph")
    return part


def build_view(store: Store, selection: Selection | None = None) -> nx.Graph:
    """The view of ``store`` that ``selection`` asks for (by default the property graph)."""
    selection = selection or Selection()
    selection.check()
    if selection.construct:
        view: nx.Graph = construct_view(store, selection.construct)
        view.graph["selection"] = "the triples of a SPARQL CONSTRUCT"
    else:
        view = property_graph(store)
        if selection.cooccurrence:
            view = cooccurrence(view)
            view.graph["selection"] = "actors named in the same documents"
    return select(view, selection)


def _portable_value(value: Any) -> FieldValue | None:
    if value is None:
        return None
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, float | Decimal):
        number = float(value)
        return number if math.isfinite(number) else None
    if isinstance(value, list | tuple | set | frozenset):
        return "; ".join(str(v) for v in value)
    return str(value)


def _unify(items: Iterable[dict[str, Any]]) -> dict[str, type]:
    """The type each field with values of several types must take (only those fields)."""
    kinds: dict[str, set[type]] = defaultdict(set)
    for data in items:
        for key, value in data.items():
            kinds[key].add(type(value))
    mixed: dict[str, type] = {}
    for key, found in kinds.items():
        if len(found) == 1:
            continue
        mixed[key] = float if found <= {int, float} else str
    return mixed


def _cast(data: dict[str, FieldValue], mixed: Mapping[str, type]) -> dict[str, FieldValue]:
    for key in mixed.keys() & data.keys():
        wanted = mixed[key]
        if type(data[key]) is not wanted:
            data[key] = wanted(data[key])
    return data


def _clean(data: Mapping[str, Any]) -> dict[str, FieldValue]:
    out: dict[str, FieldValue] = {}
    for key, value in data.items():
        kind = type(value)
        if kind is str or kind is int or kind is bool:  # the common case, kept cheap
            out[key] = value
        else:
            portable_value = _portable_value(value)
            if portable_value is not None:
                out[key] = portable_value
    return out


@dataclass(frozen=True)
class PlainView:
    """A view as the file writers read it: nodes ``(id, fields)`` and edges ``(source,
    target, fields)``, ids as text, and only fields every file format accepts: no
    ``None`` values, only str, int, float and bool, and one type per field name (ints
    mixed with floats become floats, anything mixed with text becomes text).

    >>> g = nx.Graph()
    >>> g.add_node("a", value=3, note=None)
    >>> g.add_node("b", value=2.5)
    >>> plain(g).nodes
    [('a', {'value': 3.0}), ('b', {'value': 2.5})]
    """

    nodes: list[tuple[str, Fields]]
    edges: list[tuple[str, str, Fields]]
    name: str = "plangraph"
    selection: str = ""
    directed: bool = True


def _typed(
    node_rows: list[tuple[str, Fields]], edge_rows: list[tuple[str, str, Fields]]
) -> tuple[list[tuple[str, Fields]], list[tuple[str, str, Fields]]]:
    """The rows with one type per field name."""
    node_types = _unify(d for _, d in node_rows)
    edge_types = _unify(d for *_, d in edge_rows)
    if node_types:
        node_rows = [(n, _cast(d, node_types)) for n, d in node_rows]
    if edge_types:
        edge_rows = [(u, v, _cast(d, edge_types)) for u, v, d in edge_rows]
    return node_rows, edge_rows


def plain(view: nx.Graph) -> PlainView:
    """A networkx view (a selection, the co-occurrence network, a CONSTRUCT) as plain
    records; a multigraph's parallel edges stay, its edge keys are not kept."""
    nodes, edges = _typed(
        [(str(n), _clean(d)) for n, d in view.nodes(data=True)],
        [(str(u), str(v), _clean(d)) for u, v, d in view.edges(data=True)],
    )
    return PlainView(
        nodes,
        edges,
        name=str(view.graph.get("name") or "plangraph"),
        selection=str(view.graph.get("selection", "")),
        directed=bool(view.is_directed()),
    )


def plain_view(store: Store, selection: Selection | None = None) -> PlainView:
    """The view :func:`build_view` gives, as plain records; the whole store's is read
    straight into them, without a networkx graph in between."""
    selection = selection or Selection()
    if not selection.whole:
        return plain(build_view(store, selection))
    nodes, edges = property_records(store)
    # nothing to clean or unify: each field is read or derived one way, so the records
    # hold str, int, float and bool, one type per field (most of a second of a large view)
    return PlainView(list(nodes.items()), [(s, t, {"relation": r}) for s, t, r in edges])
