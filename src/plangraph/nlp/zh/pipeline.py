"""The Chinese spaCy pipeline: spaCy's ``zh`` language segmented by jieba, and one
plangraph component per extractor.

The tokenizer is spaCy's own Chinese tokenizer with ``segmenter = "jieba"``; its jieba
is a ``jieba.Tokenizer`` of our own (not jieba's module-level one, so nothing global is
changed) that knows the gazetteer's names and ``data/userdict.txt``, so agency names
segment whole. The Doc is made from the simplified text, which has the length of the
text as written (:mod:`plangraph.nlp.zh.script`); ``doc.user_data["pg_written"]`` holds
the text as written, from which every label and evidence sentence is cut.

Order (checked by ``nlp.analyze_pipes``): sentence starts, names (actors and regions),
the plan, facts (targets and statistics), measures, then the records are packed for
the trip back from a worker process.
"""

from __future__ import annotations

import logging
from functools import cache
from importlib import resources

import jieba
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import plangraph.nlp.pipeline  # noqa: F401  (registers doc._.pg and plangraph_pack)
from plangraph.nlp.mentions import DocFacts
from plangraph.nlp.zh import facts as zh_facts
from plangraph.nlp.zh import measures as zh_measures
from plangraph.nlp.zh import plans as zh_plans
from plangraph.nlp.zh.names import gazetteer
from plangraph.nlp.zh.reading import ZhFacts, read_names, resolve_leads
from plangraph.nlp.zh.scope import period, walk

_SENTENCE_END = frozenset("。！？!?\n")


@cache
def segmenter() -> jieba.Tokenizer:
    """jieba with the gazetteer's names and the user dictionary, built once per process."""
    logging.getLogger("jieba").setLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    # the user dictionary in jieba's format (word, frequency, tag), read here: jieba's
    # own reader leaves the file open
    userdict = resources.files("plangraph.nlp.zh").joinpath("data/userdict.txt").read_text("utf-8")
    for line in userdict.splitlines():
        word, _, rest = line.strip().partition(" ")
        if word:
            freq, _, tag = rest.partition(" ")
            tokenizer.add_word(word, int(freq) if freq else None, tag or None)
    g = gazetteer()
    for form in g.forms:
        tokenizer.add_word(form, 20000)
    for form, _ in g.kinds:
        if len(form) > 2:
            tokenizer.add_word(form, 20000)
    return tokenizer


@Language.component("plangraph_zh_sentences", assigns=["token.is_sent_start"])
def sentence_starts(doc: Doc) -> Doc:
    """A sentence ends at 。！？ and at a line break; clauses are read from the text."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        token.is_sent_start = bool(previous.text) and (
            previous.text[-1] in _SENTENCE_END or "\n" in previous.text_with_ws
        )
    return doc


def _written(doc: Doc) -> str:
    written: str = doc.user_data.get("pg_written") or _text(doc)
    return written


def _text(doc: Doc) -> str:
    """The Doc's (simplified) text, joined once: ``Doc.text`` joins its tokens anew on
    every call."""
    text: str | None = doc.user_data.get("pg_text")
    if text is None:
        text = doc.user_data["pg_text"] = doc.text
    return text


@Language.component("plangraph_zh_names", assigns=["doc._.pg"], requires=["token.is_sent_start"])
def find_names(doc: Doc) -> Doc:
    """Actors and regions, matched on token boundaries."""
    facts: DocFacts = doc._.pg
    read_names(_text(doc), _written(doc), {t.idx for t in doc} | {len(_text(doc))}, facts)
    return doc


@Language.component("plangraph_zh_plans", assigns=["doc._.pg"], requires=["doc._.pg"])
def find_plan(doc: Doc) -> Doc:
    facts: DocFacts = doc._.pg
    hits = facts.hits if isinstance(facts, ZhFacts) else []
    facts.plan = zh_plans.read(_text(doc), _written(doc), hits, doc.user_data.get("pg_date"))
    resolve_leads(_text(doc), _written(doc), facts)
    return doc


@Language.component("plangraph_zh_facts", assigns=["doc._.pg"], requires=["doc._.pg"])
def find_facts(doc: Doc) -> Doc:
    facts: DocFacts = doc._.pg
    plan = facts.plan
    year = zh_plans.plan_year(plan, _text(doc))
    stated = plan.period if plan is not None else None
    end = stated[1] if stated else None
    found = zh_facts.Facts()
    for ctx in walk(_text(doc)):
        zh_facts.read_sentence(ctx, _written(doc), year, end, found)
    facts.targets.extend(found.targets)
    facts.statistics.extend(found.statistics)
    return doc


@Language.component("plangraph_zh_measures", assigns=["doc._.pg"], requires=["doc._.pg"])
def find_measures(doc: Doc) -> Doc:
    facts: DocFacts = doc._.pg
    for ctx in walk(_text(doc)):
        # the lead named at the end of the item holding the sentence, if any
        lead = next(
            (
                name
                for start, end, name in facts.leads
                if start == ctx.item and ctx.sentence.start < end
            ),
            None,
        )
        zh_measures.read_sentence(
            ctx, _written(doc), facts.measures, {ctx.item: lead} if lead else {}
        )
    if isinstance(facts, ZhFacts):  # what only the components needed stays behind
        facts.hits.clear()
        facts.bare.clear()
    doc.user_data.pop("pg_written", None)
    doc.user_data.pop("pg_text", None)
    return doc


def build() -> Language:
    """A fresh Chinese pipeline; prefer :func:`load`, which builds it once per process."""
    logging.getLogger("jieba").setLevel(logging.WARNING)
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.tokenizer.jieba_seg = segmenter()  # type: ignore[union-attr]
    for component in (
        "plangraph_zh_sentences",
        "plangraph_zh_names",
        "plangraph_zh_plans",
        "plangraph_zh_facts",
        "plangraph_zh_measures",
        "plangraph_pack",
    ):
        nlp.add_pipe(component)
    return nlp


@cache
def load() -> Language:
    """The Chinese pipeline, built once per process and shared."""
    return build()


__all__ = ["build", "load", "period", "segmenter"]
