"""The plangraph vocabulary as a closed rdflib namespace: a misspelt term fails at import.

The terms agree with ``ontology/plangraph.ttl`` (a test checks both ways) and with the
contract in ``CONTRACT.md``.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

BASE = "https://w3id.org/plangraph/"
ONTOLOGY = BASE + "ontology#"
RESOURCE = Namespace(BASE + "id/")
CATEGORY = Namespace(BASE + "category/")


class PG(DefinedNamespace):
    """Classes, properties and individuals of ``pg:``."""

    _NS = Namespace(ONTOLOGY)
    _fail = True

    # classes
    Document: URIRef
    Plan: URIRef
    Actor: URIRef
    GovernmentBody: URIRef
    Company: URIRef
    ResearchInstitution: URIRef
    Person: URIRef
    OtherActor: URIRef
    Region: URIRef
    Target: URIRef
    Figure: URIRef
    FigureKey: URIRef
    Statistic: URIRef
    Measure: URIRef
    Evidence: URIRef
    Comparator: URIRef
    RegionLevel: URIRef
    Affiliation: URIRef
    Quantity: URIRef

    # contract properties
    mentions: URIRef
    reportedIn: URIRef
    issuedBy: URIRef
    jurisdiction: URIRef
    hasTarget: URIRef
    hasMeasure: URIRef
    metric: URIRef
    value: URIRef
    maxValue: URIRef
    unit: URIRef
    comparator: URIRef
    targetYear: URIRef
    responsibleActor: URIRef
    category: URIRef
    inDocument: URIRef
    text: URIRef
    start: URIRef
    end: URIRef
    sha256: URIRef

    # extensions
    content: URIRef
    hasStatistic: URIRef
    referenceYear: URIRef
    periodStart: URIRef
    periodEnd: URIRef
    surfaceText: URIRef
    isGrowthRate: URIRef
    affiliatedWith: URIRef
    holdsPost: URIRef
    hasAffiliation: URIRef
    person: URIRef
    organisation: URIRef
    post: URIRef
    regionLevel: URIRef
    partOf: URIRef
    conflictsWith: URIRef
    revises: URIRef
    alsoStatedAs: URIRef
    regionName: URIRef
    planName: URIRef
    wording: URIRef
    metricKey: URIRef
    searchKey: URIRef
    figureKey: URIRef
    figureUnit: URIRef
    figureStated: URIRef
    figureIn: URIRef
    figureValue: URIRef
    figureYear: URIRef
    figureOf: URIRef
    figurePlan: URIRef
    figureSource: URIRef
    organisationName: URIRef

    # individuals
    Exactly: URIRef
    AtLeast: URIRef
    MoreThan: URIRef
    AtMost: URIRef
    LessThan: URIRef
    About: URIRef
    Between: URIRef
    Supranational: URIRef
    Country: URIRef
    Province: URIRef
    City: URIRef
    District: URIRef
    MeasureCategories: URIRef

    # derived data (links graph): counts and the version of the derivation
    planCount: URIRef
    derivedVersion: URIRef
    rowQuery: URIRef
    groupName: URIRef
    rowCount: URIRef
    progressTowards: URIRef
    names: URIRef
    company: URIRef
    government: URIRef
    pairGroup: URIRef
    actorGroup: URIRef
    sharedDocuments: URIRef
    documentList: URIRef
    togetherIn: URIRef
    namedActor: URIRef
    namingPlan: URIRef
    valueGroup: URIRef
    tallyRegion: URIRef
    tallyYear: URIRef
    tallyTargets: URIRef
    tallyQuantified: URIRef
    tallyPlans: URIRef
    inPart: URIRef
    partQuery: URIRef
    partIndex: URIRef
    partsComplete: URIRef
    progressStatistic: URIRef
    progressMetric: URIRef
    progressTarget: URIRef
