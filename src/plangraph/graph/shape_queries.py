"""The SHACL shapes compiled into SPARQL: one SELECT per constraint, run by the store.

pySHACL walks every focus node in Python: 29 s for the 50 documents of the corpus, and a
store of 3,520 documents did not finish in ten minutes. Each constraint of
``ontology/shapes.ttl`` becomes instead one query that returns its violations (``?this``,
and ``?value`` where SHACL reports one), which the store's engine answers with its
indexes. Only the SHACL the shapes use is compiled; a shape that
uses anything else is an error naming it, so the shapes cannot outgrow the compiler
silently.

A constraint is *local* when merging graphs can only repair a violation, never cause one
(``sh:minCount``, ``sh:class``, ``sh:hasValue``, and the checks of each value on its own,
since build.py types every node it describes in the graph that describes it): checking
each document graph alone is enough. The others *span documents* (``sh:maxCount``,
``sh:uniqueLang``, ``sh:lessThan``, ``sh:equals``, ``sh:or``, ``sh:not``, qualified
counts): a node shared by two documents may break them in the union alone, so they run
over each document graph and once more over the union.

>>> checks = constraints()
>>> sorted({c.scope for c in checks})
['local', 'span']
>>> next(c for c in checks if c.path == "pg:sha256" and c.scope == "span").message
'a document has exactly one pg:sha256, 64 lower-case hexadecimal digits'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from rdflib import RDF, RDFS, SH, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import XSD
from rdflib.term import Node

from plangraph.errors import PlangraphError

_PREFIXES = {
    "pg": "https://w3id.org/plangraph/ontology#",
    "pgid": "https://w3id.org/plangraph/id/",
    "pgcat": "https://w3id.org/plangraph/category/",
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "xsd": str(XSD),
}
# the lexical forms of the datatypes the shapes name, as pySHACL checks them: a regular
# expression (a cast would refuse numbers past the engine's range: Oxigraph's decimals
# stop near 1.7e20, and plangraph states compute in FLOPS), or a cast for dates
_LEXICAL = {
    XSD.decimal: r"^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)$",
    XSD.integer: r"^[+-]?[0-9]+$",
    XSD.boolean: r"^(true|false|1|0)$",
}
_CASTABLE = frozenset({XSD.date})
# terms of a property shape that only describe it, or that another term handles
_PROPERTY_META = frozenset({SH.path, SH.message, SH.qualifiedMinCount, SH.qualifiedMaxCount})
_NODE_META = frozenset({RDF.type, SH.targetClass, SH.targetSubjectsOf, SH.message, SH.property})


@dataclass(frozen=True)
class Constraint:
    """One compiled constraint: ``where`` is a group graph pattern over the active graph
    that binds ``?this`` for each violation, and ``?value`` where there is one."""

    scope: str  # "local" or "span"
    path: str  # the path as a report prints it ("-" for a constraint on the node)
    message: str
    where: str

    def query(self, *, per_graph: bool = False, graphs: Iterable[Node] = ()) -> str:
        """The SELECT: over the default graph, or each named graph on its own (``?g``),
        only ``graphs`` when given. No pattern holds a sub-select, which Oxigraph would
        not evaluate per graph."""
        if per_graph or graphs:
            chosen = " ".join(_n3(g) for g in graphs)
            return (
                "SELECT DISTINCT ?g ?this ?value WHERE { "
                + (f"VALUES ?g {{ {chosen} }} " if chosen else "")
                + "GRAPH ?g { "
                + self.where
                + " } FILTER(?g != <https://w3id.org/plangraph/id/graph/sources>) }"
            )
        return "SELECT DISTINCT ?this ?value WHERE { " + self.where + " }"


def _int(term: Node) -> int:
    return int(str(term))


def _n3(term: Node) -> str:
    return term.n3()


def _short(term: Node) -> str:
    text = str(term)
    for prefix, namespace in _PREFIXES.items():
        if text.startswith(namespace):
            return f"{prefix}:{text[len(namespace) :]}"
    return term.n3()


@cache
def constraints() -> tuple[Constraint, ...]:
    """Every constraint of the shapes, compiled once."""
    shapes = _load("shapes.ttl")
    ontology = _load("plangraph.ttl")
    return tuple(_compile(shapes, ontology))


def _load(name: str) -> Graph:
    text = (files("plangraph") / "ontology" / name).read_text(encoding="utf-8")
    return Graph().parse(data=text, format="turtle")


def _subclasses(ontology: Graph, cls: Node) -> list[Node]:
    found, todo = [cls], [cls]
    while todo:
        for sub in ontology.subjects(RDFS.subClassOf, todo.pop()):
            if sub not in found:
                found.append(sub)
                todo.append(sub)
    return found


def _values(variable: str, terms: Iterable[Node]) -> str:
    return f"VALUES {variable} {{ {' '.join(_n3(t) for t in terms)} }}"


def _typed(variable: str, classes: Iterable[Node]) -> str:
    """True when the node has one of the classes (one EXISTS each, as in :func:`_target`)."""
    tests = [f"EXISTS {{ {variable} a {_n3(c)} }}" for c in classes]
    return "(" + (" || ".join(tests) or "false") + ")"


def _one_of(variable: str, terms: Iterable[Node]) -> str:
    """True when the variable is one of the terms, compared as terms (as sh:in does)."""
    tests = [f"sameTerm({variable}, {_n3(t)})" for t in terms]
    return "(" + (" || ".join(tests) or "false") + ")"


def _compile(shapes: Graph, ontology: Graph) -> Iterable[Constraint]:
    for shape in sorted(shapes.subjects(RDF.type, SH.NodeShape), key=str):
        unknown = (
            set(shapes.predicates(shape))
            - _NODE_META
            - {
                SH.nodeKind,
                SH.pattern,
                SH["or"],
                SH.sparql,
            }
        )
        if unknown:
            raise PlangraphError(f"{shape}: SHACL terms the compiler does not know: {unknown}")
        target = _target(shapes, ontology, shape)
        message = str(shapes.value(shape, SH.message) or "violates a plangraph shape")
        yield from _node_constraints(shapes, ontology, shape, target, message)
        for prop in shapes.objects(shape, SH.property):
            yield from _property(shapes, ontology, prop, target)


def _target(shapes: Graph, ontology: Graph, shape: Node) -> str:
    parts = []
    for cls in shapes.objects(shape, SH.targetClass):
        # one pattern per class: Oxigraph joins a VALUES of classes with every typed node
        # of the store before it narrows them to the graphs asked for
        parts += [f"{{ ?this a {_n3(c)} }}" for c in _subclasses(ontology, cls)]
    for predicate in shapes.objects(shape, SH.targetSubjectsOf):
        parts.append(f"{{ ?this {_n3(predicate)} ?targetValue }}")
    if not parts:
        raise PlangraphError(f"{shape}: a shape without sh:targetClass or sh:targetSubjectsOf")
    return " UNION ".join(parts) + " "


def _node_constraints(
    shapes: Graph, ontology: Graph, shape: Node, target: str, message: str
) -> Iterable[Constraint]:
    kind = shapes.value(shape, SH.nodeKind)
    if kind is not None:
        if kind != SH.IRI:
            raise PlangraphError(f"{shape}: only sh:nodeKind sh:IRI is compiled")
        yield Constraint("local", "-", message, target + "FILTER(!isIRI(?this))")
    pattern = shapes.value(shape, SH.pattern)
    if pattern is not None:
        yield Constraint(
            "local",
            "-",
            message,
            target + f"FILTER(isBlank(?this) || !REGEX(STR(?this), {_n3(pattern)}))",
        )
    alternatives = shapes.value(shape, SH["or"])
    if alternatives is not None:
        tests = [_conforms(shapes, alt) for alt in Collection(shapes, alternatives)]
        yield Constraint("span", "-", message, target + f"FILTER(!({' || '.join(tests)}))")
    for sparql in shapes.objects(shape, SH.sparql):
        select = str(shapes.value(sparql, SH.select)).replace("$this", "?this")
        text = str(shapes.value(sparql, SH.message))
        path = select.split(" AS ?path", 1)[0].rsplit("(", 1)[-1].strip()
        # the body of the SELECT, inlined: a sub-select inside GRAPH ?g would not be
        # evaluated graph by graph
        body = select[select.index("{", select.index("WHERE")) + 1 : select.rindex("}")]
        yield Constraint("local", path, text, target + body)


def _conforms(shapes: Graph, alternative: Node) -> str:
    """A SPARQL expression, true when ?this conforms to one alternative of an sh:or: a
    shape of property shapes with counts, sh:in and sh:not sh:in."""
    tests = []
    for prop in shapes.objects(alternative, SH.property):
        path = _path(shapes, prop, "?orValue")
        for predicate, value in shapes.predicate_objects(prop):
            if predicate == SH.path:
                continue
            if predicate == SH.maxCount and _int(value) == 0:
                tests.append(f"NOT EXISTS {{ {path} }}")
            elif predicate == SH.minCount and _int(value) == 1:
                tests.append(f"EXISTS {{ {path} }}")
            elif predicate == SH["in"]:
                members = list(Collection(shapes, value))
                tests.append(f"NOT EXISTS {{ {path} FILTER(!{_one_of('?orValue', members)}) }}")
            elif predicate == SH["not"] and (listed := shapes.value(value, SH["in"])):
                members = list(Collection(shapes, listed))
                tests.append(f"NOT EXISTS {{ {path} FILTER({_one_of('?orValue', members)}) }}")
            else:
                raise PlangraphError(f"sh:or: {predicate} {value} is not compiled")
    return "(" + (" && ".join(tests) or "true") + ")"


def _path(shapes: Graph, prop: Node, value: str = "?value") -> str:
    path = shapes.value(prop, SH.path)
    if isinstance(path, URIRef):
        return f"?this {_n3(path)} {value} ."
    inverse = shapes.value(path, SH.inversePath) if isinstance(path, BNode) else None
    if isinstance(inverse, URIRef):
        return f"{value} {_n3(inverse)} ?this ."
    raise PlangraphError(f"sh:path {path}: only an IRI or sh:inversePath is compiled")


def _path_text(shapes: Graph, prop: Node) -> str:
    path = shapes.value(prop, SH.path)
    if isinstance(path, BNode):
        inverse = shapes.value(path, SH.inversePath)
        return "^" + _short(inverse) if inverse is not None else "[complex path]"
    return _short(path)  # type: ignore[arg-type]


def _property(shapes: Graph, ontology: Graph, prop: Node, target: str) -> Iterable[Constraint]:
    message = str(shapes.value(prop, SH.message) or "violates a plangraph shape")
    path = _path(shapes, prop)
    shown = _path_text(shapes, prop)

    def local(where: str) -> Constraint:
        return Constraint("local", shown, message, target + where)

    def span(where: str) -> Constraint:
        return Constraint("span", shown, message, target + where)

    for predicate, value in shapes.predicate_objects(prop):
        if predicate in _PROPERTY_META:
            continue
        if predicate == SH.minCount:
            if _int(value) != 1:
                raise PlangraphError(f"{shown}: only sh:minCount 1 is compiled")
            yield local(f"FILTER NOT EXISTS {{ {path} }}")
        elif predicate == SH.maxCount:
            if _int(value) != 1:
                raise PlangraphError(f"{shown}: only sh:maxCount 1 is compiled")
            # SHACL reports a count without a value: ?value stays unbound
            one = _path(shapes, prop, "?oneValue")
            other = _path(shapes, prop, "?otherValue")
            yield span(f"{one} {other} FILTER(!sameTerm(?oneValue, ?otherValue))")
        elif predicate == SH.datatype:
            wrong = f"!isLiteral(?value) || !sameTerm(DATATYPE(?value), {_n3(value)})"
            if isinstance(value, URIRef) and value in _LEXICAL:
                wrong += f' || !REGEX(STR(?value), "{_LEXICAL[value]}")'
            if value in _CASTABLE:
                cast = f"{_n3(value)}(STR(?value))"
                wrong += f' || sameTerm(COALESCE({cast}, "invalid"), "invalid")'
            yield local(f"{path} FILTER({wrong})")
        elif predicate == SH.pattern:
            yield local(f"{path} FILTER(isBlank(?value) || !REGEX(STR(?value), {_n3(value)}))")
        elif predicate == SH.nodeKind:
            if value != SH.IRI:
                raise PlangraphError(f"{shown}: only sh:nodeKind sh:IRI is compiled")
            yield local(f"{path} FILTER(!isIRI(?value))")
        elif predicate == SH["in"]:
            members = list(Collection(shapes, value))
            yield local(f"{path} FILTER(!{_one_of('?value', members)})")
        elif predicate == SH["class"]:
            yield local(f"{path} FILTER(!{_typed('?value', _subclasses(ontology, value))})")
        elif predicate == SH["or"]:
            classes = []
            for alternative in Collection(shapes, value):
                cls = shapes.value(alternative, SH["class"])
                if cls is None or len(set(shapes.predicates(alternative))) != 1:
                    raise PlangraphError(f"{shown}: only an sh:or of sh:class is compiled")
                classes += _subclasses(ontology, cls)
            yield local(f"{path} FILTER(!{_typed('?value', classes)})")
        elif predicate == SH.hasValue:
            yield local(f"FILTER NOT EXISTS {{ {_path(shapes, prop, _n3(value))} }}")
        elif predicate == SH["not"]:
            listed = shapes.value(value, SH["in"])
            if listed is None:
                raise PlangraphError(f"{shown}: only sh:not of an sh:in is compiled")
            members = list(Collection(shapes, listed))
            yield span(f"{path} FILTER({_one_of('?value', members)})")
        elif predicate == SH.qualifiedValueShape:
            listed = shapes.value(value, SH["in"])
            if listed is None:
                raise PlangraphError(f"{shown}: only a qualified sh:in is compiled")
            members = list(Collection(shapes, listed))
            low = shapes.value(prop, SH.qualifiedMinCount)
            high = shapes.value(prop, SH.qualifiedMaxCount)
            if (low is not None and _int(low) != 1) or (high is not None and _int(high) != 1):
                raise PlangraphError(f"{shown}: only qualified counts of 1 are compiled")
            member = _path(shapes, prop, "?member")
            other = _path(shapes, prop, "?otherMember")
            if low is not None:
                found = f"{member} FILTER({_one_of('?member', members)})"
                yield span(f"FILTER NOT EXISTS {{ {found} }}")
            if high is not None:
                yield span(
                    f"{member} {other} FILTER(!sameTerm(?member, ?otherMember) && "
                    f"{_one_of('?member', members)} && {_one_of('?otherMember', members)})"
                )
        elif predicate == SH.uniqueLang:
            if value != Literal(True):
                continue
            one = _path(shapes, prop, "?oneValue")
            other = _path(shapes, prop, "?sameLanguage")
            yield span(
                f"{one} {other} FILTER(!sameTerm(?oneValue, ?sameLanguage) && "
                'LANG(?oneValue) != "" && LANG(?oneValue) = LANG(?sameLanguage))'
            )
        elif predicate == SH.lessThan:
            yield span(
                f"{path} ?this {_n3(value)} ?bound . FILTER(!COALESCE(?value < ?bound, false))"
            )
        elif predicate == SH.minLength:
            yield local(f"{path} FILTER(isBlank(?value) || STRLEN(STR(?value)) < {_int(value)})")
        elif predicate == SH.minInclusive:
            yield local(f"{path} FILTER(!COALESCE(?value >= {_n3(value)}, false))")
        elif predicate == SH.equals:
            stated = _path(shapes, prop)
            yield span(
                f"{{ {stated} FILTER NOT EXISTS {{ ?this {_n3(value)} ?value }} }} UNION "
                f"{{ ?this {_n3(value)} ?value FILTER NOT EXISTS {{ {stated} }} }}"
            )
        else:
            raise PlangraphError(f"{shown}: {predicate} is not compiled")
