"""``plangraph eval``: extraction measured against gold files, as an analyst would check it.

Gold files follow ``GOLD-SCHEMA.md`` (the user's evaluation folder). Matching follows the
same rules as the user's scorer: a one-to-one maximum matching, required gold first,
then optional gold; actors by any label after folding; quantified targets by a number
within 0.5 % (the upper bound too for a range), the year where gold has one, and a unit
family that does not contradict; qualitative targets and measures by the content words
of the gold key, cut to five letters, all found in the prediction's own label or metric.
Predictions are read from the graph plangraph would store, not from internal records.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, SKOS, Graph, URIRef

from plangraph.errors import PlangraphError
from plangraph.graph.build import extraction_graph
from plangraph.graph.vocab import PG
from plangraph.ingest import read_document
from plangraph.model import Quantity
from plangraph.workflow import extract_documents

SCORED_TYPES = frozenset({"GovernmentBody", "Company", "ResearchInstitution", "Person"})
_STOPWORDS = frozenset(
    {"the", "a", "an", "of", "and", "to", "in", "for", "on", "with", "by", "its", "at"}
)
_MONEY_WORDS = ("yuan", "dollar", "euro", "won", "rupee", "crore", "rmb", "元", "美元", "欧元")
_CURRENCIES = frozenset({"CNY", "USD", "EUR", "KRW", "INR", "JPY", "GBP", "SGD", "HKD", "RMB"})
_COMPARATORS = {
    "more-than": "MoreThan",
    "at-least": "AtLeast",
    "about": "About",
    "between": "Between",
    "equal": "Exactly",
    "less-than": "LessThan",
    "at-most": "AtMost",
}
_TOLERANCE = Decimal("0.005")


def fold(text: str) -> str:
    """Lower case, punctuation as spaces, no leading "the".

    >>> fold("The Beijing Municipal Government's")
    'beijing municipal government s'
    """
    text = re.sub(r"[^\w%$]+", " ", text.lower().replace("\u2019", "'")).strip()
    return re.sub(r"^the ", "", text)


def stems(text: str) -> frozenset[str]:
    """Content words cut to five letters.

    >>> sorted(stems("Substituting the imports"))
    ['impor', 'subst']
    """
    return frozenset(w[:5] for w in fold(text).split() if w not in _STOPWORDS)


@dataclass
class Prediction:
    node: URIRef
    kind: str = ""
    texts: set[str] = field(default_factory=set)
    numbers: set[Decimal] = field(default_factory=set)
    years: set[int] = field(default_factory=set)
    units: set[str] = field(default_factory=set)
    comparators: set[str] = field(default_factory=set)


def _decimal(value: object) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def predictions(graph: Graph, cls: URIRef) -> list[Prediction]:
    """Every node of ``cls`` in the graph with what the matching rules read of it."""
    found = []
    for node in sorted(set(graph.subjects(RDF.type, cls)), key=str):
        assert isinstance(node, URIRef)
        p = Prediction(node)
        for kind in graph.objects(node, RDF.type):
            if kind != PG.Actor and str(kind).startswith(str(PG._NS)):
                p.kind = str(kind).rsplit("#", 1)[-1]
        for prop in (RDFS.label, SKOS.altLabel, PG.metric):
            p.texts.update(fold(str(o)) for o in graph.objects(node, prop))
        for prop in (PG.value, PG.maxValue):
            p.numbers.update(n for o in graph.objects(node, prop) if (n := _decimal(o)) is not None)
        p.years.update(int(str(o)[:4]) for o in graph.objects(node, PG.targetYear))
        p.units.update(str(o) for o in graph.objects(node, PG.unit))
        p.comparators.update(str(o).rsplit("#", 1)[-1] for o in graph.objects(node, PG.comparator))
        found.append(p)
    return found


def _close(number: Decimal, wanted: float) -> bool:
    target = Decimal(str(wanted))
    return abs(number - target) <= abs(target) * _TOLERANCE


def unit_family(unit: str | None) -> str | None:
    """percent, money or other, as the scorer groups units.

    >>> unit_family("billion yuan"), unit_family("CNY"), unit_family("percent")
    ('money', 'money', 'percent')
    """
    if not unit:
        return None
    lowered = unit.strip().lower()
    if lowered in {"percent", "%", "per cent", "percentage", "百分比"}:
        return "percent"
    if (re.fullmatch(r"[a-z]{3}", lowered) and lowered.upper() in _CURRENCIES) or any(
        word in lowered for word in _MONEY_WORDS
    ):
        return "money"
    return "other"


def actor_matches(p: Prediction, gold: dict[str, Any]) -> bool:
    names = {fold(gold["name"]), *(fold(a) for a in gold.get("aliases", []))}
    return bool(p.texts & names)


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def phrase_matches(p: Prediction, gold: dict[str, Any]) -> bool:
    """A key's content words in a label; a Chinese key's characters, in order and
    contiguous, in a label, spaces ignored (Chinese has no spaces between words).

    >>> p = Prediction(URIRef("x"), texts={fold("建设 智能算力中心，")})
    >>> phrase_matches(p, {"key": "智能算力中心"}), phrase_matches(p, {"key": "算力平台"})
    (True, False)
    """
    if _CJK.search(gold["key"]):
        characters = fold(gold["key"]).replace(" ", "")
        return any(characters in text.replace(" ", "") for text in p.texts)
    wanted = stems(gold["key"])
    return any(wanted <= stems(text) for text in p.texts)


def target_matches(p: Prediction, gold: dict[str, Any]) -> bool:
    if gold.get("qualitative") or gold.get("value") is None:
        return phrase_matches(p, gold)
    wanted = [v for v in (gold.get("value"), gold.get("base_value")) if v is not None]
    wanted += gold.get("alt_values", [])
    if not any(_close(n, v) for n in p.numbers for v in wanted):
        return False
    family = unit_family(gold.get("base_unit") or gold.get("unit"))
    predicted = {unit_family(u) for u in p.units} - {None}
    if family and predicted and family not in predicted and not gold.get("alt_values"):
        return False
    if gold.get("value_max") is not None:
        scale = (
            gold["base_value"] / gold["value"] if gold.get("base_value") and gold["value"] else 1
        )
        maxima = [gold["value_max"], gold["value_max"] * scale]
        if not any(_close(n, v) for n in p.numbers for v in maxima):
            return False
    return gold.get("year") is None or gold["year"] in p.years


Matcher = Callable[[Prediction, dict[str, Any]], bool]


def _matching(
    golds: Sequence[dict[str, Any]], preds: Sequence[Prediction], matches: Matcher
) -> dict[int, int]:
    """Maximum one-to-one matching by augmenting paths: gold index -> prediction index."""
    edges = [[j for j, p in enumerate(preds) if matches(p, g)] for g in golds]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(len(golds)):
        augment(i, set())
    return {i: j for j, i in owner.items()}


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    missed: int = 0
    optional: int = 0
    missed_items: list[str] = field(default_factory=list)
    false_positive_items: list[str] = field(default_factory=list)
    hits: list[tuple[dict[str, Any], Prediction]] = field(default_factory=list)
    statistics_as_targets: int = 0

    @property
    def precision(self) -> float:
        kept = self.tp + self.optional + self.fp
        return (self.tp + self.optional) / kept if kept else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.missed) if self.tp + self.missed else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.missed += other.missed
        self.optional += other.optional
        self.statistics_as_targets += other.statistics_as_targets
        self.hits.extend(other.hits)

    def summary(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "true_positives": self.tp,
            "false_positives": self.fp,
            "missed": self.missed,
            "optional_found": self.optional,
            "missed_items": self.missed_items,
            "false_positive_items": self.false_positive_items,
        }


def score(
    preds: list[Prediction],
    gold: Iterable[dict[str, Any]],
    matches: Matcher,
    statistics: Sequence[dict[str, Any]] = (),
) -> Score:
    gold = list(gold)
    required = [g for g in gold if not g.get("optional")]
    optional = [g for g in gold if g.get("optional")]
    found = _matching(required, preds, matches)
    used = set(found.values())
    rest = [p for j, p in enumerate(preds) if j not in used]
    found_optional = _matching(optional, rest, matches)
    spare = [p for j, p in enumerate(rest) if j not in set(found_optional.values())]
    false = [p for p in spare if not any(matches(p, g) for g in optional)]
    result = Score(
        tp=len(found),
        fp=len(false),
        optional=len(found_optional),
        missed=len(required) - len(found),
    )
    result.hits = [(required[i], preds[j]) for i, j in found.items()]
    result.missed_items = [
        str(g.get("name") or g.get("key")) for i, g in enumerate(required) if i not in found
    ]
    result.false_positive_items = sorted(min(p.texts, default=str(p.node)) for p in false)
    result.statistics_as_targets = sum(1 for p in false if any(matches(p, s) for s in statistics))
    return result


@dataclass
class DocumentResult:
    id: str
    actors: Score
    targets: Score
    measures: Score


def evaluate_graph(gold: dict[str, Any], graph: Graph) -> DocumentResult:
    """One document's graph against its gold file."""
    actors_gold = [
        a if a["type"] in SCORED_TYPES or a.get("optional") else {**a, "optional": True}
        for a in gold["actors"]
    ]
    return DocumentResult(
        id=gold["id"],
        actors=score(predictions(graph, PG.Actor), actors_gold, actor_matches),
        targets=score(
            predictions(graph, PG.Target),
            gold["targets"],
            target_matches,
            gold.get("statistics", []),
        ),
        measures=score(predictions(graph, PG.Measure), gold["measures"], phrase_matches),
    )


def _source(gold_file: Path, gold: dict[str, Any]) -> Path:
    given = Path(gold["source"]["path"])
    for candidate in (
        given,
        gold_file.parent.parent / given.name,
        gold_file.parent.parent.parent / given,
    ):
        if candidate.exists():
            return candidate
    raise PlangraphError(f"{gold_file}: its source {given} was not found")


def load_gold(folder: Path) -> list[tuple[Path, dict[str, Any]]]:
    files = sorted(folder.glob("*.json")) if folder.is_dir() else []
    if not files:
        raise PlangraphError(f"{folder}: no gold files (*.json) found")
    out = []
    for path in files:
        try:
            out.append((path, json.loads(path.read_text("utf-8"))))
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise PlangraphError(f"{path}: not a gold file ({error})") from None
    return out


@dataclass
class Evaluation:
    documents: list[DocumentResult]
    actors: Score
    targets: Score
    measures: Score

    def field_accuracy(self) -> dict[str, float | None]:
        """Among matched quantified targets: how often value, unit, comparator and year
        are right."""
        checks: dict[str, list[bool]] = {"value": [], "unit": [], "comparator": [], "year": []}
        for gold, p in self.targets.hits:
            if gold.get("qualitative") or gold.get("value") is None:
                continue
            base = gold.get("base_value", gold["value"])
            checks["value"].append(any(_close(n, base) for n in p.numbers))
            unit = gold.get("base_unit") or gold.get("unit")
            checks["unit"].append(unit in p.units or (unit == "RMB" and "CNY" in p.units))
            wanted = _COMPARATORS.get(gold.get("comparator", ""))
            checks["comparator"].append(wanted in p.comparators)
            if gold.get("year") is not None:
                checks["year"].append(gold["year"] in p.years)
        return {k: round(sum(v) / len(v), 3) if v else None for k, v in checks.items()}

    def type_accuracy(self) -> float | None:
        typed = [(g, p) for g, p in self.actors.hits if g["type"] in SCORED_TYPES]
        if not typed:
            return None
        return round(sum(1 for g, p in typed if g["type"] == p.kind) / len(typed), 3)

    def as_dict(self) -> dict[str, Any]:
        return {
            "micro": {
                "actors": self.actors.summary(),
                "targets": self.targets.summary(),
                "measures": self.measures.summary(),
            },
            "target_field_accuracy": self.field_accuracy(),
            "actor_type_accuracy": self.type_accuracy(),
            "statistics_reported_as_targets": self.targets.statistics_as_targets,
            "documents": [
                {
                    "id": d.id,
                    "actors": d.actors.summary(),
                    "targets": d.targets.summary(),
                    "measures": d.measures.summary(),
                }
                for d in self.documents
            ],
        }


def evaluate(folder: Path, *, n_process: int = 1) -> Evaluation:
    """Extract every gold file's document and score it; micro-averaged over documents."""
    golds = load_gold(folder)
    documents = [read_document(_source(path, gold)) for path, gold in golds]
    results = []
    totals = {"actors": Score(), "targets": Score(), "measures": Score()}
    for (_, gold), extraction in zip(
        golds, extract_documents(documents, n_process=n_process), strict=True
    ):
        result = evaluate_graph(gold, extraction_graph(extraction))
        results.append(result)
        totals["actors"].add(result.actors)
        totals["targets"].add(result.targets)
        totals["measures"].add(result.measures)
    return Evaluation(results, totals["actors"], totals["targets"], totals["measures"])


def quantity_recall(folders: Iterable[Path]) -> tuple[int, int, list[str]]:
    """How many numbers of gold targets and statistics the quantity recogniser finds in
    their English texts with the right value (or an alternative value) and range, of
    how many; and the ones it misses. Gold files whose text is not here are passed over.
    """
    from plangraph.nlp.quantities import find_quantities

    found = total = 0
    missed: list[str] = []
    for folder in folders:
        for path, gold in load_gold(folder):
            if gold.get("language", "en") != "en":
                continue
            try:
                text = read_document(_source(path, gold)).text
            except PlangraphError:
                continue
            mentions = find_quantities(text)
            for item in [*gold["targets"], *gold.get("statistics", [])]:
                if item.get("value") is None:
                    continue
                total += 1
                if any(_same_number(m.quantity, item) for m in mentions):
                    found += 1
                else:
                    missed.append(f"{gold['id']}: {item.get('key')} {item['value']}")
    return found, total, missed


def _same_number(quantity: Quantity, item: dict[str, Any]) -> bool:
    wanted = [v for v in (item.get("value"), item.get("base_value")) if v is not None]
    wanted += item.get("alt_values", [])
    numbers = [quantity.value, *(v for v, _ in quantity.alt_values)]
    if not any(_close(n, v) for n in numbers for v in wanted):
        return False
    if item.get("value_max") is None:
        return True
    scale = item["base_value"] / item["value"] if item.get("base_value") and item["value"] else 1
    top = quantity.max_value
    return top is not None and any(
        _close(top, v) for v in (item["value_max"], item["value_max"] * scale)
    )
