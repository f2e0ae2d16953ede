"""The model's rule-set token attributes, made cheap: its attribute ruler compiled to
lookups, its lemmatizer asked once per form.

spaCy's ``attribute_ruler`` maps each predicted tag to its part of speech and morphology
and fixes a few words (``'s`` after "there", "gets" lemmatised "get"). It runs its
patterns through the general ``Matcher`` and then sets each match through a ``Span``:
for every token of every document, which made it a tenth of the English pipeline's time.

:class:`CompiledRuler` reads the same patterns from the loaded model and applies them
the same way, with the tokens' attributes read in one array and each pattern looked up by
the most selective value its first token requires (the word before the tag). The patterns
it understands are the ones the English models ship: a fixed sequence of tokens, each
testing ``TAG``, ``LOWER``, ``ORTH``, ``DEP`` or ``IS_SPACE`` for a value, with ``IN`` /
``NOT_IN``, or (the strings) with ``REGEX``. A model with any other pattern keeps spaCy's
ruler (:func:`compile_ruler` returns ``None``).

Matches are applied in the ruler's order (a later pattern overrides an earlier one for the
same attribute), all read before any is applied, through spaCy's own attribute setter, so
the tokens end as spaCy's ruler leaves them; a test compares both on every corpus text.

The rule lemmatizer's answer depends on the word, its part of speech and its morphology
alone, yet spaCy asks it token by token, reading each token's tag and features again
(and remembering no answer for a base form). :class:`Lemmas` asks it once per
combination and sets the lemmas of a document in one array.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from dataclasses import dataclass
from typing import Any, cast

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from spacy.tokens._retokenize import normalize_token_attrs, set_token_attrs
from spacy.vocab import Vocab
from thinc.types import Ints2d

# the columns of the array each test reads, in ``Doc.to_array`` order
_COLUMNS = {"TAG": 0, "LOWER": 1, "ORTH": 2, "DEP": 3, "IS_SPACE": 4}
_ARRAY = [TAG, LOWER, ORTH, DEP, IS_SPACE]
_SELECTIVE = [_COLUMNS[name] for name in ("ORTH", "LOWER", "DEP", "TAG", "IS_SPACE")]

# one test: (column, wanted values, whether a value in them passes)
Test = tuple[int, Container[int], bool]


class _Search(Container[int]):
    """The strings a regular expression finds something in, as the ``Matcher``'s
    ``REGEX`` reads them (``re.search``), tested by their hash and remembered."""

    def __init__(self, vocab: Vocab, pattern: str) -> None:
        self.strings = vocab.strings
        self.search = re.compile(pattern).search
        self.seen: dict[int, bool] = {}

    def __contains__(self, key: object) -> bool:
        assert isinstance(key, int)
        found = self.seen.get(key)
        if found is None:
            found = self.seen[key] = self.search(self.strings[key]) is not None
        return found


@dataclass(frozen=True)
class Rule:
    """One pattern of the ruler: its place in the ruler's order, its tokens' tests, the
    token it sets (an index into the matched tokens, negative from the end) and what it
    sets there (as spaCy normalises it)."""

    order: int
    tokens: tuple[tuple[Test, ...], ...]
    index: int
    attrs: dict[Any, Any]

    def matches(self, rows: Sequence[Sequence[int]], start: int) -> bool:
        if start + len(self.tokens) > len(rows):
            return False
        for offset, tests in enumerate(self.tokens):
            row = rows[start + offset]
            for column, values, wanted in tests:
                if (row[column] in values) != wanted:
                    return False
        return True

    @property
    def one_test(self) -> bool:
        """One token and one test: a rule found by that test's value needs no other."""
        return len(self.tokens) == 1 and len(self.tokens[0]) == 1

    def target(self, start: int) -> int:
        return start + (self.index if self.index >= 0 else len(self.tokens) + self.index)


def _value(vocab: Vocab, key: str, value: Any) -> int:
    if key == "IS_SPACE":
        return int(bool(value))
    return int(vocab.strings.add(str(value)))


def _tests(vocab: Vocab, token: dict[str, Any]) -> tuple[Test, ...] | None:
    """A pattern token's tests, or None when it uses what this ruler does not read."""
    tests: list[Test] = []
    for key, spec in token.items():
        if key not in _COLUMNS:
            return None
        column = _COLUMNS[key]
        if isinstance(spec, dict):
            if len(spec) != 1:
                return None
            ((operator, values),) = spec.items()
            if operator == "REGEX" and key != "IS_SPACE":
                tests.append((column, _Search(vocab, values), True))
            elif operator in ("IN", "NOT_IN"):
                wanted = frozenset(_value(vocab, key, v) for v in values)
                tests.append((column, wanted, operator == "IN"))
            else:
                return None
        else:
            tests.append((column, frozenset({_value(vocab, key, spec)}), True))
    return tuple(tests)


def _rules(ruler: AttributeRuler) -> list[Rule] | None:
    rules = []
    entries: list[dict[str, Any]] = [dict(entry) for entry in ruler.patterns]
    for order, entry in enumerate(entries):
        attrs = normalize_token_attrs(ruler.vocab, dict(entry["attrs"]))
        for pattern in entry["patterns"]:
            if not isinstance(pattern, list) or not pattern:
                return None
            tokens = [_tests(ruler.vocab, token) for token in pattern]
            if any(tests is None for tests in tokens):
                return None
            rules.append(
                Rule(order, tuple(t for t in tokens if t is not None), entry["index"], attrs)
            )
    return rules


def _keys(rule: Rule) -> list[tuple[int, int]]:
    """What to look the rule up by: the values one of its first token's tests requires
    (every token that can match has one of them), or none when no test requires a value.
    Of several such tests, the word's is the most selective and the tag's the least."""
    required = [
        (column, values)
        for column, values, wanted in rule.tokens[0]
        if wanted and isinstance(values, frozenset)
    ]
    if not required:
        return []
    column, values = min(required, key=lambda test: _SELECTIVE.index(test[0]))
    return [(column, value) for value in values]


class CompiledRuler:
    """Applies an attribute ruler's patterns to a ``Doc``, as the ruler does."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        # by a value its first token requires, each rule with whether it must be tested
        self.indexed: dict[tuple[int, int], list[tuple[Rule, bool]]] = {}
        self.anywhere: list[Rule] = []
        for rule in rules:
            keys = _keys(rule)
            if not keys:
                self.anywhere.append(rule)
            for key in keys:
                self.indexed.setdefault(key, []).append((rule, not rule.one_test))
        self.columns = sorted({column for column, _ in self.indexed})

    def __call__(self, doc: Doc) -> Doc:
        rows = doc.to_array(_ARRAY).tolist()
        found: list[tuple[int, int, Rule]] = []
        indexed, columns = self.indexed, self.columns
        for start, row in enumerate(rows):
            for rule in self.anywhere:
                if rule.matches(rows, start):
                    found.append((rule.order, start, rule))
            for column in columns:
                for rule, test in indexed.get((column, row[column]), ()):
                    if not test or rule.matches(rows, start):
                        found.append((rule.order, start, rule))
        found.sort(key=lambda match: match[:2])
        for _, start, rule in found:
            set_token_attrs(doc[rule.target(start)], rule.attrs)
        return doc


def compile_ruler(ruler: AttributeRuler) -> CompiledRuler | None:
    """The ruler compiled, or None when one of its patterns is beyond what it reads."""
    rules = _rules(ruler)
    return None if rules is None else CompiledRuler(rules)


class Lemmas:
    """A rule lemmatizer's lemmas, each form's asked of it once. Like the lemmatizer, it
    leaves a lemma the attribute ruler set."""

    # forms remembered before starting afresh: a bound on memory over any number of texts
    LIMIT = 200_000

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.known: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if len(self.known) > self.LIMIT:
            self.known.clear()
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = cast(Ints2d, rows[:, 3:4].copy())
        strings = doc.vocab.strings
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma:
                continue
            known = self.known.get((orth, pos, morph))
            if known is None:
                form = self.lemmatizer.lemmatize(doc[i])[0]
                known = self.known[orth, pos, morph] = int(strings.add(form))
            lemmas[i, 0] = known
        doc.from_array([LEMMA], lemmas)
        return doc


def cache_lemmas(lemmatizer: Lemmatizer) -> Lemmas | None:
    """The lemmatizer asked once per form, or None unless it is a rule lemmatizer that
    keeps the lemmas already set (the only kind whose answer is a function of the form)."""
    if lemmatizer.mode != "rule" or lemmatizer.overwrite:
        return None
    return Lemmas(lemmatizer)
