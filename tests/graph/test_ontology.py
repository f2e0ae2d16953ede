"""The ontology declares exactly the vocabulary of vocab.PG and agrees with CONTRACT.md."""

from __future__ import annotations

from importlib.resources import files
from itertools import combinations

import pytest
from rdflib import OWL, RDF, RDFS, SH, SKOS, XSD, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV

from plangraph.graph.vocab import CATEGORY, ONTOLOGY, PG
from plangraph.model import ActorType, Comparator, MeasureCategory, RegionLevel

ONTOLOGY_IRI = URIRef(ONTOLOGY.rstrip("#"))
TERMS = frozenset(PG[name] for name in PG.__annotations__)
DECLARATIONS = (
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.NamedIndividual,
    SKOS.ConceptScheme,
)


def _parse(name: str) -> Graph:
    text = (files("plangraph") / "ontology" / name).read_text(encoding="utf-8")
    return Graph().parse(data=text, format="turtle")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return _parse("plangraph.ttl")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return _parse("shapes.ttl")


def _pg_terms(graph: Graph) -> set[URIRef]:
    return {
        term
        for triple in graph
        for term in triple
        if isinstance(term, URIRef) and str(term).startswith(ONTOLOGY)
    }


def _english(graph: Graph, node: URIRef, predicate: URIRef) -> list[Literal]:
    return [
        value
        for value in graph.objects(node, predicate)
        if isinstance(value, Literal) and value.language == "en" and str(value).strip()
    ]


def _members(graph: Graph, node: URIRef, predicate: URIRef) -> list[object]:
    head = graph.value(node, predicate)
    assert head is not None, f"{node} has no {predicate}"
    return list(Collection(graph, head))


def test_header(ontology: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert _english(ontology, ONTOLOGY_IRI, DCTERMS.title)
    assert _english(ontology, ONTOLOGY_IRI, DCTERMS.description)
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) == Literal("0.1.0")
    assert "MIT" in str(ontology.value(ONTOLOGY_IRI, DCTERMS.license))


@pytest.mark.parametrize("term", sorted(TERMS), ids=lambda term: term.split("#")[-1])
def test_vocab_term_is_declared_with_label_and_comment(ontology: Graph, term: URIRef) -> None:
    assert set(ontology.objects(term, RDF.type)) & set(DECLARATIONS), f"{term} is not declared"
    assert len(_english(ontology, term, RDFS.label)) == 1
    assert len(_english(ontology, term, RDFS.comment)) == 1


def test_ontology_uses_no_term_outside_vocab(ontology: Graph) -> None:
    assert _pg_terms(ontology) <= TERMS


def test_shapes_use_no_term_outside_vocab(shapes: Graph) -> None:
    assert _pg_terms(shapes) <= TERMS


# (property, kind, range) for every property of CONTRACT.md's table in the pg: namespace.
CONTRACT_PROPERTIES = [
    (PG.mentions, OWL.ObjectProperty, None),
    (PG.reportedIn, OWL.ObjectProperty, PG.Document),
    (PG.issuedBy, OWL.ObjectProperty, PG.Actor),
    (PG.jurisdiction, OWL.ObjectProperty, PG.Region),
    (PG.hasTarget, OWL.ObjectProperty, PG.Target),
    (PG.hasMeasure, OWL.ObjectProperty, PG.Measure),
    (PG.metric, OWL.DatatypeProperty, XSD.string),
    (PG.value, OWL.DatatypeProperty, XSD.decimal),
    (PG.maxValue, OWL.DatatypeProperty, XSD.decimal),
    (PG.unit, OWL.DatatypeProperty, XSD.string),
    (PG.comparator, OWL.ObjectProperty, PG.Comparator),
    (PG.targetYear, OWL.DatatypeProperty, XSD.gYear),
    (PG.responsibleActor, OWL.ObjectProperty, PG.Actor),
    (PG.category, OWL.ObjectProperty, SKOS.Concept),
    (PG.inDocument, OWL.ObjectProperty, PG.Document),
    (PG.text, OWL.DatatypeProperty, XSD.string),
    (PG.start, OWL.DatatypeProperty, XSD.integer),
    (PG.end, OWL.DatatypeProperty, XSD.integer),
    (PG.sha256, OWL.DatatypeProperty, XSD.string),
]
CONTRACT_CLASSES = [
    PG.Document,
    PG.Plan,
    PG.Actor,
    PG.GovernmentBody,
    PG.Company,
    PG.ResearchInstitution,
    PG.Person,
    PG.OtherActor,
    PG.Region,
    PG.Target,
    PG.Statistic,
    PG.Measure,
    PG.Evidence,
]


@pytest.mark.parametrize(
    ("prop", "kind", "range_"), CONTRACT_PROPERTIES, ids=lambda v: str(v).split("#")[-1]
)
def test_contract_property(
    ontology: Graph, prop: URIRef, kind: URIRef, range_: URIRef | None
) -> None:
    assert (prop, RDF.type, kind) in ontology
    if range_ is not None:
        assert ontology.value(prop, RDFS.range) == range_


@pytest.mark.parametrize("cls", CONTRACT_CLASSES, ids=lambda v: str(v).split("#")[-1])
def test_contract_class(ontology: Graph, cls: URIRef) -> None:
    assert (cls, RDF.type, OWL.Class) in ontology


def test_every_property_is_object_or_datatype(ontology: Graph) -> None:
    properties = {term for term in TERMS if term.split("#")[-1][0].islower()}
    for prop in properties:
        kinds = set(ontology.objects(prop, RDF.type)) & {OWL.ObjectProperty, OWL.DatatypeProperty}
        assert len(kinds) == 1, prop
        assert ontology.value(prop, RDFS.label) is not None


ALIGNMENTS = [
    (PG.Actor, RDFS.subClassOf, PROV.Agent),
    (PG.GovernmentBody, RDFS.subClassOf, ORG.Organization),
    (PG.GovernmentBody, RDFS.subClassOf, ORG.FormalOrganization),
    (PG.Company, RDFS.subClassOf, ORG.Organization),
    (PG.ResearchInstitution, RDFS.subClassOf, ORG.Organization),
    (PG.Person, RDFS.subClassOf, FOAF.Person),
    (PG.Person, RDFS.subClassOf, PROV.Person),
    (PG.Region, RDFS.subClassOf, DCTERMS.Location),
    (PG.Document, RDFS.subClassOf, PROV.Entity),
    (PG.Document, RDFS.subClassOf, FOAF.Document),
    (PG.Evidence, RDFS.subClassOf, PROV.Entity),
    (PG.Plan, RDFS.subClassOf, PROV.Entity),
    (PG.Affiliation, RDFS.seeAlso, ORG.Membership),
    (PG.person, RDFS.seeAlso, ORG.member),
    (PG.organisation, RDFS.seeAlso, ORG.organization),
    (PG.post, RDFS.seeAlso, ORG.role),
    (PG.partOf, RDFS.subPropertyOf, DCTERMS.isPartOf),
    (PG.issuedBy, RDFS.subPropertyOf, DCTERMS.publisher),
]


@pytest.mark.parametrize(
    "triple", ALIGNMENTS, ids=lambda t: f"{t[0].split('#')[-1]}-{t[2].split('/')[-1]}"
)
def test_alignment(ontology: Graph, triple: tuple[URIRef, URIRef, URIRef]) -> None:
    assert triple in ontology


def test_actor_kinds_are_disjoint_subclasses(ontology: Graph) -> None:
    kinds = {PG[kind.value] for kind in ActorType}
    for kind in kinds:
        assert (kind, RDFS.subClassOf, PG.Actor) in ontology
    disjoint = [
        set(Collection(ontology, ontology.value(axiom, OWL.members)))  # type: ignore[arg-type]
        for axiom in ontology.subjects(RDF.type, OWL.AllDisjointClasses)
    ]
    pairs = {frozenset(pair) for members in disjoint for pair in combinations(members, 2)}
    assert {frozenset(pair) for pair in combinations(kinds, 2)} <= pairs


@pytest.mark.parametrize(
    ("cls", "enum"),
    [(PG.Comparator, Comparator), (PG.RegionLevel, RegionLevel)],
    ids=["comparator", "region-level"],
)
def test_enumerated_individuals(
    ontology: Graph, cls: URIRef, enum: type[Comparator] | type[RegionLevel]
) -> None:
    expected = [PG[member.value] for member in enum]
    assert _members(ontology, cls, OWL.oneOf) == expected
    for individual in expected:
        assert (individual, RDF.type, cls) in ontology
        assert (individual, RDF.type, OWL.NamedIndividual) in ontology


def test_measure_categories_scheme(ontology: Graph) -> None:
    expected = {CATEGORY[category.value] for category in MeasureCategory}
    assert set(ontology.subjects(SKOS.inScheme, PG.MeasureCategories)) == expected
    assert set(ontology.subjects(RDF.type, SKOS.Concept)) == expected
    assert set(ontology.objects(PG.MeasureCategories, SKOS.hasTopConcept)) == expected
    for concept in expected:
        assert (concept, SKOS.topConceptOf, PG.MeasureCategories) in ontology
        assert len(_english(ontology, concept, SKOS.prefLabel)) == 1
        assert len(_english(ontology, concept, SKOS.definition)) == 1


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (PG.comparator, [PG[member.value] for member in Comparator]),
        (PG.regionLevel, [PG[member.value] for member in RegionLevel]),
        (PG.category, [CATEGORY[member.value] for member in MeasureCategory]),
    ],
    ids=["comparator", "region-level", "category"],
)
def test_shapes_allow_exactly_the_enum(shapes: Graph, path: URIRef, expected: list[URIRef]) -> None:
    allowed = [
        _members(shapes, shape, SH["in"])
        for shape in shapes.subjects(SH.path, path)
        if shapes.value(shape, SH["in"]) is not None
    ]
    assert expected in allowed
    assert all(set(values) <= set(expected) for values in allowed)
