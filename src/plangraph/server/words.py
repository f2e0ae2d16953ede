"""Plain words for the page: names in every language, vocabulary labels, figures in words.

The page never shows a raw IRI or a prefixed property name: a class, property,
comparator, region level or measure category is shown by its label in the ontology
(``ontology/plangraph.ttl``), a node by its names, and a figure in base units by its
value in words ("300 billion yuan").

Queries of the page return a node's names in one cell: each name written ``LANG TEXT``
(``LANG`` empty for an untagged name) and the names joined by U+001F, so that a region
named "Guangdong"@en and "广东"@zh is one row with both.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib.resources import files
from typing import TypedDict

from rdflib import RDFS, SKOS, Graph, Literal, URIRef

SEPARATOR = "\u001f"
ONTOLOGY = "https://w3id.org/plangraph/ontology#"
# words for the properties of other vocabularies the page shows
OTHER_PROPERTIES = {
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type": "kind",
    "http://www.w3.org/2000/01/rdf-schema#label": "name",
    "http://www.w3.org/2004/02/skos/core#altLabel": "other name",
    "http://purl.org/dc/terms/title": "title",
    "http://purl.org/dc/terms/issued": "issued",
    "http://purl.org/dc/terms/identifier": "identifier",
    "http://purl.org/dc/terms/source": "source",
    "http://purl.org/dc/terms/language": "language",
    "http://purl.org/dc/terms/format": "format",
    "http://www.w3.org/ns/prov#wasDerivedFrom": "read from",
}
CURRENCIES = {
    "CNY": "yuan",
    "USD": "US dollars",
    "EUR": "euros",
    "GBP": "pounds",
    "JPY": "yen",
    "KRW": "won",
    "INR": "rupees",
    "SGD": "Singapore dollars",
    "HKD": "Hong Kong dollars",
    "AUD": "Australian dollars",
    "CAD": "Canadian dollars",
    "NZD": "New Zealand dollars",
    "TWD": "New Taiwan dollars",
}
UNIT_WORDS = {"percent": "percent", "count": ""}
SCALES = (
    (Decimal(10) ** 12, "trillion"),
    (Decimal(10) ** 9, "billion"),
    (Decimal(10) ** 6, "million"),
)
LANGUAGE_NAMES = {
    "en": "English",
    "zh": "Chinese",
    "ja": "Japanese",
    "ko": "Korean",
    "": "untagged",
}


class Name(TypedDict):
    """One name of a node and its language tag ("" when untagged)."""

    text: str
    lang: str


def names(cell: object) -> list[Name]:
    """The names in a cell of a page query, empty ones dropped, in the order given.

    >>> [n["text"] + "@" + n["lang"] for n in names("en Guangdong\\u001fzh 广东\\u001f\\u001f GD")]
    ['Guangdong@en', '广东@zh', 'GD@']
    """
    found: list[Name] = []
    seen: set[tuple[str, str]] = set()
    for part in str(cell or "").split(SEPARATOR):
        lang, _, text = part.partition(" ")
        text = text.strip()
        if text and (text, lang.lower()) not in seen:
            seen.add((text, lang.lower()))
            found.append({"text": text, "lang": lang.lower()})
    return found


def name_of(text: Literal | str) -> Name:
    """A name from an RDF literal, with its language tag."""
    lang = text.language or "" if isinstance(text, Literal) else ""
    return {"text": str(text), "lang": lang.lower()}


def preferred(found: Iterable[Name], lang: str = "en") -> str | None:
    """The name to show first: in ``lang``, else untagged, else English, else any.

    >>> preferred([{"text": "广东", "lang": "zh"}, {"text": "Guangdong", "lang": "en"}])
    'Guangdong'
    >>> preferred([{"text": "广东", "lang": "zh"}, {"text": "Guangdong", "lang": ""}], "zh")
    '广东'
    """
    options = list(found)

    def rank(name: Name) -> int:
        tag = name["lang"].split("-")[0]
        return 0 if tag == lang else 1 if tag == "" else 2 if tag == "en" else 3

    return min(options, key=rank)["text"] if options else None


def language_name(code: str) -> str:
    """A language tag in words.

    >>> language_name("zh-Hans"), language_name("xx")
    ('Chinese', 'xx')
    """
    return LANGUAGE_NAMES.get(code.lower().split("-")[0], code)


@cache
def vocabulary() -> dict[str, str]:
    """The label of every class, property and individual of the ontology, and of the
    measure categories, by IRI (English labels)."""
    text = (files("plangraph") / "ontology" / "plangraph.ttl").read_text(encoding="utf-8")
    graph = Graph().parse(data=text, format="turtle")
    labels: dict[str, str] = dict(OTHER_PROPERTIES)
    for predicate in (RDFS.label, SKOS.prefLabel):
        for subject, label in graph.subject_objects(predicate):
            english = isinstance(label, Literal) and label.language in (None, "en")
            if isinstance(subject, URIRef) and english:
                labels[str(subject)] = str(label)
    return labels


def term_label(iri: str) -> str:
    """A vocabulary term in plain words: its label, else its local name split into words.

    >>> term_label("https://w3id.org/plangraph/ontology#hasMeasure")
    'has measure'
    >>> term_label("https://w3id.org/plangraph/category/financial-support")
    'financial support'
    >>> term_label("https://w3id.org/plangraph/ontology#MoreThan")
    'more than'
    """
    known = vocabulary().get(iri)
    if known:
        return known
    local = iri.rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    spaced = "".join(" " + c.lower() if c.isupper() else c for c in local).strip()
    return spaced.replace("-", " ").replace("_", " ")


def comparator_words(local_names: Iterable[str]) -> str:
    """Comparators (their local names) in words, joined by "or".

    >>> comparator_words(["MoreThan", "Exactly"])
    'exactly or more than'
    """
    return " or ".join(sorted(term_label(ONTOLOGY + n) for n in local_names if n))


def _number(value: Decimal) -> str:
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text


def unit_words(unit: str | None) -> str:
    """A unit code in words.

    >>> unit_words("CNY"), unit_words("EFLOPS"), unit_words("count")
    ('yuan', 'EFLOPS', '')
    """
    if not unit:
        return ""
    return CURRENCIES.get(unit, UNIT_WORDS.get(unit, unit))


_SI_PREFIXES: dict[str, tuple[tuple[Decimal, str], ...]] = {
    "FLOPS": (
        (Decimal("1e18"), "EFLOPS"),
        (Decimal("1e15"), "PFLOPS"),
        (Decimal("1e12"), "TFLOPS"),
    ),
    "B": ((Decimal("1e18"), "EB"), (Decimal("1e15"), "PB"), (Decimal("1e12"), "TB")),
    "W": ((Decimal("1e9"), "GW"), (Decimal("1e6"), "MW"), (Decimal("1e3"), "kW")),
    "Wh": ((Decimal("1e12"), "TWh"), (Decimal("1e9"), "GWh"), (Decimal("1e3"), "kWh")),
}


def in_words(value: object, unit: str | None = None) -> str:
    """A figure in base units written as an analyst would say it.

    >>> in_words("300000000000", "CNY")
    '300 billion yuan'
    >>> in_words("1500000000000", "CNY"), in_words("42000000000", "USD")
    ('1.5 trillion yuan', '42 billion US dollars')
    >>> in_words("15", "percent"), in_words("2000", "count"), in_words("5", "EFLOPS")
    ('15 percent', '2,000', '5 EFLOPS')
    >>> in_words("10000000", "count")
    '10 million'
    >>> in_words("50000000", "CNY"), in_words(None)
    ('50 million yuan', '')
    >>> in_words("14000000000000000000", "FLOPS"), in_words("500000000000000", "B")
    ('14 EFLOPS', '500 TB')
    """
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    for size, prefixed in _SI_PREFIXES.get(unit or "", ()):
        if abs(number) >= size:
            # figures in SI base units as analysts state them: 1.4e19 FLOPS is 14 EFLOPS
            return f"{_number(number / size)} {prefixed}"
    words = unit_words(unit)
    scaled = _number(number)
    if unit != "percent":
        for size, scale in SCALES:
            if abs(number) >= size:
                scaled = f"{_number(number / size)} {scale}"
                break
    return f"{scaled} {words}".strip()
