"""The compiled attribute ruler and the cached lemmatizer leave every token as the
model's own ruler and lemmatizer do."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc

from plangraph.ingest import find_sources, read_document
from plangraph.nlp.attributes import CompiledRuler, Lemmas, cache_lemmas, compile_ruler
from plangraph.nlp.pipeline import MODEL

ROOT = Path(__file__).resolve().parents[2]
COLUMNS = [POS, MORPH, LEMMA, TAG, DEP]


@pytest.fixture(scope="module")
def model() -> Language:
    return spacy.load(MODEL)


def _before_ruler(model: Language, text: str) -> Doc:
    with model.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        return model(text)


def _both(model: Language, text: str) -> tuple[Doc, Doc]:
    """The text tagged and parsed, then set by spaCy's ruler and lemmatizer and by the
    compiled ruler and the cached lemmas."""
    ruler, lemmatizer = model.get_pipe("attribute_ruler"), model.get_pipe("lemmatizer")
    compiled = compile_ruler(ruler)
    assert isinstance(compiled, CompiledRuler)
    lemmas = cache_lemmas(lemmatizer)
    assert isinstance(lemmas, Lemmas)
    parsed = _before_ruler(model, text)
    expected = lemmatizer(ruler(Doc(model.vocab).from_bytes(parsed.to_bytes())))
    found = lemmas(compiled(Doc(model.vocab).from_bytes(parsed.to_bytes())))
    return expected, found


def _assert_same(expected: Doc, found: Doc) -> None:
    assert [t.text for t in found] == [t.text for t in expected]
    assert (found.to_array(COLUMNS) == expected.to_array(COLUMNS)).all()
    assert [str(t.morph) for t in found] == [str(t.morph) for t in expected]


@pytest.mark.parametrize(
    "text",
    [
        # the words the ruler's own exceptions are about: existential "there", the
        # contracted and dialect forms matched by regular expressions, spaces
        "There is a plan, and there are two funds.",
        "It ain't finished and there's nothin' left, y'all.",
        "The province  gets   funds.\n\n\nIt got more in 2024.",
        "He said: 'We'll build 3 centres by 2025' -- or so he'd hoped.",
    ],
)
def test_sentences_come_out_as_the_ruler_sets_them(model: Language, text: str) -> None:
    _assert_same(*_both(model, text))


def test_every_corpus_text_comes_out_as_the_ruler_sets_it(model: Language) -> None:
    sources = [p for p in find_sources([ROOT / "corpus"]) if p.parent.name == "corpus"]
    assert sources
    for path in sources:
        _assert_same(*_both(model, read_document(path).text))


def test_a_later_pattern_overrides_an_earlier_one(model: Language) -> None:
    ruler = AttributeRuler(model.vocab)
    ruler.add([[{"LOWER": "fund"}]], {"LEMMA": "first"})
    ruler.add([[{"TAG": "NN"}, {"LOWER": "of"}]], {"LEMMA": "second"})
    ruler.add([[{"LOWER": {"IN": ["fund", "plan"]}}]], {"LEMMA": "third"}, index=0)
    compiled = compile_ruler(ruler)
    assert compiled is not None
    parsed = _before_ruler(model, "A fund of funds and a plan.")
    expected = ruler(Doc(model.vocab).from_bytes(parsed.to_bytes()))
    found = compiled(Doc(model.vocab).from_bytes(parsed.to_bytes()))
    assert [t.lemma_ for t in found] == [t.lemma_ for t in expected]
    assert found[1].lemma_ == "third"


@pytest.mark.parametrize(
    "pattern",
    [
        [{"POS": "NOUN"}],  # an attribute the compiled form does not read
        [{"LOWER": "fund", "OP": "+"}],  # an operator
        [{"LENGTH": {">=": 4}}],  # a comparison
    ],
)
def test_a_pattern_beyond_the_compiled_form_keeps_spacys_ruler(
    model: Language, pattern: list[dict[str, object]]
) -> None:
    ruler = AttributeRuler(model.vocab)
    ruler.add([[{"TAG": "NN"}]], {"POS": "NOUN"})
    ruler.add([pattern], {"LEMMA": "x"})
    assert compile_ruler(ruler) is None


def test_lemmas_start_afresh_past_their_bound(
    model: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Lemmas, "LIMIT", 3)
    ruler, lemmatizer = model.get_pipe("attribute_ruler"), model.get_pipe("lemmatizer")
    lemmas = cache_lemmas(lemmatizer)
    assert lemmas is not None
    for text in ("The provinces were building centres.", "Cities built more centres."):
        parsed = _before_ruler(model, text)
        expected = lemmatizer(ruler(Doc(model.vocab).from_bytes(parsed.to_bytes())))
        found = lemmas(ruler(Doc(model.vocab).from_bytes(parsed.to_bytes())))
        _assert_same(expected, found)
        assert len(lemmas.known) <= len(found)  # the first text's forms were let go


def test_a_lemmatizer_that_overwrites_or_looks_up_is_not_cached(model: Language) -> None:
    lemmatizer = model.get_pipe("lemmatizer")
    assert isinstance(lemmatizer, Lemmatizer)
    overwriting = Lemmatizer(model.vocab, None, mode="rule", overwrite=True)
    looking_up = Lemmatizer(model.vocab, None, mode="lookup")
    assert cache_lemmas(lemmatizer) is not None
    assert cache_lemmas(overwriting) is None
    assert cache_lemmas(looking_up) is None


def test_the_pipeline_runs_the_compiled_ruler_and_cached_lemmas(nlp: Language) -> None:
    assert "attribute_ruler" not in nlp.pipe_names
    assert "lemmatizer" not in nlp.pipe_names
    assert isinstance(nlp.get_pipe("plangraph_attributes"), CompiledRuler)
    assert isinstance(nlp.get_pipe("plangraph_lemmas"), Lemmas)
    doc = nlp("The commission gets more funds.")
    assert (doc[2].pos_, doc[2].lemma_) == ("VERB", "get")
    assert doc[4].morph.get("Number") == ["Plur"]
