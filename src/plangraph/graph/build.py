"""``Extraction -> triples``: the one function that decides which triples exist.

Everything a document yields goes into one graph, the document's named graph: an rdflib
``Graph`` (:func:`extraction_graph`) or, for the store, its N-Triples text written
straight from the triples (:func:`extraction_ntriples`).
Actors, regions and plans get content IRIs (:mod:`plangraph.graph.iris`), so the same
node appears in the graph of every document that names it.
"""

from __future__ import annotations

from decimal import Decimal

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from plangraph.graph import iris, slugs
from plangraph.graph.vocab import CATEGORY, PG, RESOURCE
from plangraph.model import (
    Actor,
    Document,
    Extraction,
    Measure,
    Plan,
    Quantity,
    Region,
    Span,
    Statistic,
    Target,
)
from plangraph.store.base import NTriples

Triple = tuple[URIRef, URIRef, URIRef | Literal]

_STOPWORDS = frozenset({"the", "a", "an", "of", "and", "to", "in", "for", "on", "with", "by"})


def bind_prefixes(graph: Graph) -> Graph:
    graph.bind("pg", PG._NS)
    graph.bind("pgid", RESOURCE)
    graph.bind("pgcat", CATEGORY)
    graph.bind("skos", SKOS)
    graph.bind("prov", PROV)
    graph.bind("dcterms", DCTERMS)
    return graph


def metric_key(metric: str) -> str:
    """Content words of a metric phrase, in order: the part of a target's identity it names.

    >>> metric_key("The scale of the AI core industry")
    'scale-ai-core-industry'
    >>> metric_key("人工智能核心产业规模")
    '人工智能核心产业规模'
    """
    words = [w for w in slugs.name_slug(metric).split("-") if w not in _STOPWORDS]
    return "-".join(words)


# nouns reports use for one counted thing ("2,000 AI companies", "2,000 enterprises")
_SAME_THING = {
    "enterprise": "company",
    "firm": "company",
    "companie": "company",
    "startup": "start-up",
}


def target_identity(target: Target) -> tuple[object, ...]:
    """What makes two statements the same target of one plan.

    A quantified target is its number, unit, range and deadline (and, for a count, what
    is counted): reports word the metric differently ("core AI industry", "the scale of
    the core industry") and hedge differently ("300 billion", "more than 300 billion"),
    but the same figure for the same year in the same plan is the same goal. A
    qualitative target has only its words to go by.

    >>> from decimal import Decimal
    >>> from plangraph.model import Quantity, Span
    >>> span = Span(0, 1, "x")
    >>> a = Target("core AI industry", span, Quantity(Decimal("3e11"), "CNY"), 2025)
    >>> b = Target("scale of the core industry", span, Quantity(Decimal("300000000000"), "CNY"),
    ...            2025)
    >>> target_identity(a) == target_identity(b)
    True
    """
    q = target.quantity
    if q is None:
        return ("qualitative", metric_key(target.metric), target.year)
    counted = None
    if q.unit == "count":
        # what is counted, as nlp/ names it in words of no language ("company" for
        # enterprises and 企业), else the metric's last English noun
        noun = metric_key(target.metric).split("-")[-1].removesuffix("s")
        counted = target.counted or _SAME_THING.get(noun, noun)
    return (
        q.unit,
        q.value.normalize(),
        _normal(q.max_value),
        target.year,
        counted,
        target.is_growth_rate,
    )


def plan_key(plan: Plan, document: Document) -> str:
    """What makes two reports the same plan: where it applies (or who issued it) and when.

    Reports of one plan name the same jurisdiction and issue year even when they render
    its title differently, which titles alone would not survive.
    """
    year = (plan.date or document.date or "")[:4]
    if plan.period and not year:
        year = str(plan.period[0])
    owner = plan.jurisdiction or plan.issuer
    if owner is None:
        return f"{document.doc_id}-plan"
    return f"{owner}-{year}" if year else owner


def _normal(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.normalize()


def _decimal(value: Decimal) -> Literal:
    return Literal(format(value.normalize(), "f"), datatype=XSD.decimal)


class _Builder:
    def __init__(self, extraction: Extraction) -> None:
        self.extraction = extraction
        self.document = extraction.document
        # the triples in the order made, each once: a dict, not an rdflib Graph, whose
        # indexes cost more than the rest of the build and are never read here
        self.triples: dict[Triple, None] = {}
        self.doc = iris.document_iri(self.document.doc_id)
        self.add = self.triples.setdefault
        # links go only to actors and regions this graph types, so each graph stands alone
        self.actors = {a.name for a in extraction.actors}
        self.regions = {r.name for r in extraction.regions}

    def actor_link(self, name: str | None) -> URIRef | None:
        return iris.actor_iri(name) if name is not None and name in self.actors else None

    def evidence(self, span: Span) -> URIRef:
        node = iris.evidence_iri(self.document.doc_id, span.start, span.end)
        self.add((node, RDF.type, PG.Evidence))
        self.add((node, PG.inDocument, self.doc))
        self.add((node, PG.text, Literal(span.text)))
        self.add((node, PG.start, Literal(span.start, datatype=XSD.integer)))
        self.add((node, PG.end, Literal(span.end, datatype=XSD.integer)))
        return node

    def document_node(self) -> None:
        d, doc = self.document, self.doc
        self.add((doc, RDF.type, PG.Document))
        self.add((doc, DCTERMS.source, Literal(d.source)))
        self.add((doc, DCTERMS.identifier, Literal(d.doc_id)))
        self.add((doc, DCTERMS.language, Literal(d.language)))
        self.add((doc, DCTERMS["format"], Literal(d.media_type)))
        self.add((doc, PG.sha256, Literal(d.sha256)))
        self.add((doc, PG.content, Literal(d.text)))
        if d.title:
            self.add((doc, DCTERMS.title, Literal(d.title)))
        if d.date:
            self.add((doc, DCTERMS.issued, Literal(d.date, datatype=XSD.date)))

    def names(
        self, node: URIRef, name: str, labels: tuple[tuple[str, str], ...], forms: tuple[str, ...]
    ) -> None:
        """The canonical name as rdfs:label (a plain string, what queries key on), the
        name in each language as skos:prefLabel (a sub-property of rdfs:label) with its
        language tag, and every other form, both languages', as skos:altLabel."""
        self.add((node, RDFS.label, Literal(name)))
        for language, label in labels:
            self.add((node, SKOS.prefLabel, Literal(label, lang=language)))
        for form in dict.fromkeys((*(label for _, label in labels), *forms)):
            if form != name:
                self.add((node, SKOS.altLabel, Literal(form)))

    def actor(self, actor: Actor) -> None:
        node = iris.actor_iri(actor.name)
        self.add((node, RDF.type, PG.Actor))
        self.add((node, RDF.type, PG[actor.type.value]))
        self.names(node, actor.name, actor.labels, (*actor.surface_forms, *actor.aliases))
        self.add((self.doc, PG.mentions, node))

    def region(self, region: Region) -> None:
        node = iris.region_iri(region.name)
        self.add((node, RDF.type, PG.Region))
        self.names(node, region.name, region.labels, (*region.surface_forms, *region.aliases))
        if region.level is not None:
            self.add((node, PG.regionLevel, PG[region.level.value]))
        if region.parent is not None:
            parent = iris.region_iri(region.parent)
            self.add((node, PG.partOf, parent))
            self.add((parent, RDF.type, PG.Region))
            self.add((parent, RDFS.label, Literal(region.parent)))
        if region.mentioned:
            self.add((self.doc, PG.mentions, node))

    def plan(self, plan: Plan) -> URIRef:
        node = iris.plan_iri(plan_key(plan, self.document))
        self.add((node, RDF.type, PG.Plan))
        label = plan.title or " ".join(
            part for part in (plan.jurisdiction or plan.issuer, "plan") if part
        )
        self.add((node, RDFS.label, Literal(label)))
        if plan.title:
            self.add((node, DCTERMS.title, Literal(plan.title)))
        if (issuer := self.actor_link(plan.issuer)) is not None:
            self.add((node, PG.issuedBy, issuer))
        if plan.jurisdiction in self.regions:
            self.add((node, PG.jurisdiction, iris.region_iri(plan.jurisdiction)))
        if plan.date:
            self.add((node, DCTERMS.issued, Literal(plan.date, datatype=XSD.date)))
        if plan.period:
            self.add((node, PG.periodStart, Literal(str(plan.period[0]), datatype=XSD.gYear)))
            self.add((node, PG.periodEnd, Literal(str(plan.period[1]), datatype=XSD.gYear)))
        self.add((node, PG.reportedIn, self.doc))
        if plan.evidence is not None:
            self.add((node, PROV.wasDerivedFrom, self.evidence(plan.evidence)))
        self.add((self.doc, PG.mentions, node))
        return node

    def quantity(self, node: URIRef, quantity: Quantity) -> None:
        self.add((node, PG.value, _decimal(quantity.value)))
        if quantity.max_value is not None:
            self.add((node, PG.maxValue, _decimal(quantity.max_value)))
        self.add((node, PG.unit, Literal(quantity.unit)))
        if quantity.surface:
            self.add((node, PG.surfaceText, Literal(quantity.surface)))
        for value, unit in quantity.alt_values:
            alt = URIRef(f"{node}/{slugs.slug(unit)}")
            self.add((node, PG.alsoStatedAs, alt))
            self.add((alt, RDF.type, PG.Quantity))
            self.add((alt, PG.value, _decimal(value)))
            self.add((alt, PG.unit, Literal(unit)))

    def target(self, target: Target, scope: URIRef) -> URIRef:
        q = target.quantity
        node = iris.fact_iri("target", scope, *target_identity(target))
        self.add((node, RDF.type, PG.Target))
        self.add((node, RDFS.label, Literal(target.metric)))
        self.add((node, PG.metric, Literal(target.metric)))
        if q is not None:
            self.quantity(node, q)
            self.add((node, PG.comparator, PG[q.comparator.value]))
            if target.is_growth_rate:
                self.add((node, PG.isGrowthRate, Literal(True)))
        if target.year is not None:
            self.add((node, PG.targetYear, Literal(str(target.year), datatype=XSD.gYear)))
        if (responsible := self.actor_link(target.responsible)) is not None:
            self.add((node, PG.responsibleActor, responsible))
        self.add((node, PROV.wasDerivedFrom, self.evidence(target.evidence)))
        return node

    def statistic(self, statistic: Statistic) -> URIRef:
        q = statistic.quantity
        node = iris.fact_iri(
            "statistic",
            self.doc,
            metric_key(statistic.metric),
            q.unit,
            q.value.normalize(),
            _normal(q.max_value),
            statistic.year,
        )
        self.add((node, RDF.type, PG.Statistic))
        self.add((node, RDFS.label, Literal(statistic.metric)))
        self.add((node, PG.metric, Literal(statistic.metric)))
        self.quantity(node, q)
        if statistic.year is not None:
            self.add((node, PG.referenceYear, Literal(str(statistic.year), datatype=XSD.gYear)))
        self.add((node, PROV.wasDerivedFrom, self.evidence(statistic.evidence)))
        self.add((self.doc, PG.hasStatistic, node))
        return node

    def measure(self, measure: Measure, scope: URIRef) -> URIRef:
        node = iris.fact_iri("measure", scope, metric_key(measure.label))
        self.add((node, RDF.type, PG.Measure))
        self.add((node, RDFS.label, Literal(measure.label)))
        self.add((node, PG.category, iris.category_iri(measure.category)))
        if (responsible := self.actor_link(measure.responsible)) is not None:
            self.add((node, PG.responsibleActor, responsible))
        self.add((node, PROV.wasDerivedFrom, self.evidence(measure.evidence)))
        return node

    def affiliations(self) -> None:
        for aff in self.extraction.affiliations:
            if aff.person not in self.actors:
                continue
            person = iris.actor_iri(aff.person)
            node = iris.fact_iri("affiliation", person, aff.organisation, aff.post)
            self.add((node, RDF.type, PG.Affiliation))
            self.add((person, PG.hasAffiliation, node))
            self.add((node, PG.person, person))
            if (org := self.actor_link(aff.organisation)) is not None:
                self.add((node, PG.organisation, org))
                self.add((person, PG.affiliatedWith, org))
            if aff.post:
                self.add((node, PG.post, Literal(aff.post)))
                self.add((person, PG.holdsPost, Literal(aff.post)))
            self.add((node, PROV.wasDerivedFrom, self.evidence(aff.evidence)))

    def build(self) -> dict[Triple, None]:
        e = self.extraction
        self.document_node()
        for actor in e.actors:
            self.actor(actor)
        for region in e.regions:
            self.region(region)
        plan = self.plan(e.plan) if e.plan is not None else None
        scope = plan if plan is not None else self.doc
        for target in e.targets:
            node = self.target(target, scope)
            if plan is not None:
                self.add((plan, PG.hasTarget, node))
        for measure in e.measures:
            node = self.measure(measure, scope)
            if plan is not None:
                self.add((plan, PG.hasMeasure, node))
        for statistic in e.statistics:
            self.statistic(statistic)
        self.affiliations()
        return self.triples


def extraction_graph(extraction: Extraction) -> Graph:
    """The triples of one document's named graph."""
    graph = bind_prefixes(Graph())
    for triple in _Builder(extraction).build():
        graph.add(triple)
    return graph


def extraction_ntriples(extraction: Extraction) -> NTriples:
    """The same graph as N-Triples, written from the triples without an rdflib ``Graph``:
    what an ingest stores (a third of the time of building the ``Graph`` and serialising
    it)."""
    return NTriples("".join(map(_nt_line, _Builder(extraction).build())))


def _nt_line(triple: Triple) -> str:
    subject, predicate, value = triple
    return f"<{subject}> <{predicate}> {_nt_term(value)} .\n"


def _nt_term(term: URIRef | Literal) -> str:
    """An IRI or a literal in N-Triples: the lexical form with the four characters a
    quoted string cannot hold escaped, then its language or datatype.

    >>> _nt_term(Literal('say "yes"\\n', lang="en")), _nt_term(Literal(3))
    ('"say \\\\"yes\\\\"\\\\n"@en', '"3"^^<http://www.w3.org/2001/XMLSchema#integer>')
    """
    if isinstance(term, URIRef):
        return f"<{term}>"
    quoted = '"' + str(term).translate(_ESCAPES) + '"'
    if term.language:
        return f"{quoted}@{term.language}"
    return f"{quoted}^^<{term.datatype}>" if term.datatype else quoted


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
