"""``Doc -> Extraction`` for Chinese documents: the records of :mod:`reading`, facts and
measures, with each actor's and region's names in both languages."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from plangraph.model import Actor, Document, Extraction, Region, Span
from plangraph.nlp.mentions import ActorMention, DocFacts
from plangraph.nlp.zh.names import gazetteer
from plangraph.nlp.zh.numbers import arabic_years
from plangraph.nlp.zh.reading import ZhFacts
from plangraph.nlp.zh.script import simplified


def prepare(nlp: Language, document: Document) -> Doc:
    """A Doc of the simplified text, carrying the text as written, the date and title."""
    doc = nlp.make_doc(arabic_years(simplified(document.text)))
    doc.user_data["pg"] = ZhFacts()
    doc.user_data["pg_written"] = document.text
    doc.user_data["pg_date"] = document.date
    doc.user_data["pg_title"] = document.title
    return doc


def _sentence(text: str, start: int, end: int) -> Span:
    marks = "。！？!?\n"
    left = max(text.rfind(m, 0, start) for m in marks) + 1
    rights = [i for m in marks if (i := text.find(m, end)) >= 0]
    right = min(rights) + 1 if rights else len(text)
    return Span(left, right, text[left:right].rstrip("\n"))


def to_extraction(doc: Doc, document: Document) -> Extraction:
    facts: DocFacts = doc._.pg
    labels = facts.labels if isinstance(facts, ZhFacts) else {}
    aliases = facts.aliases if isinstance(facts, ZhFacts) else {}
    text = document.text
    groups: dict[str, list[ActorMention]] = {}
    for mention in facts.actors:
        groups.setdefault(mention.name, []).append(mention)
    actors = []
    for name, mentions in groups.items():
        kind = Counter(m.type for m in mentions).most_common(1)[0][0]
        forms = tuple(dict.fromkeys(m.surface for m in mentions))
        spans = tuple(dict.fromkeys(_sentence(text, m.start, m.end) for m in mentions))
        actors.append(Actor(name, kind, forms, spans, labels.get(name, ()), aliases.get(name, ())))
    g = gazetteer()
    regions: dict[str, Region] = {}
    for r in facts.regions:
        old = regions.get(r.name)
        forms = (*old.surface_forms, r.surface) if old else (r.surface,)
        regions[r.name] = Region(
            r.name,
            tuple(dict.fromkeys(forms)),
            r.level,
            r.parent,
            True,
            labels.get(r.name, ()),
            aliases.get(r.name, ()),
        )
    wanted = [facts.plan.jurisdiction] if facts.plan and facts.plan.jurisdiction else []
    for region in list(regions.values()):
        wanted.append(region.parent or "")
    while wanted:
        key = wanted.pop()
        if not key or key in regions:
            continue
        place = g.places.get(key)
        if place is None:
            regions[key] = Region(key, (), None, None, False)
            continue
        labels_of = (("en", place.en), ("zh", place.zh)) if place.en else (("zh", place.zh),)
        regions[key] = Region(key, (), place.level, place.parent, False, labels_of, place.forms)
        wanted.append(place.parent or "")
    return Extraction(
        document=document,
        actors=tuple(actors),
        regions=tuple(regions.values()),
        plan=facts.plan,
        targets=tuple(facts.targets),
        statistics=tuple(facts.statistics),
        measures=tuple(facts.measures),
    )


def extract(
    nlp: Language, documents: Iterable[Document], *, n_process: int = 1, batch_size: int = 16
) -> Iterator[Extraction]:
    """Run the Chinese pipeline over documents, in order, one extraction each."""
    pairs = ((prepare(nlp, document), document) for document in documents)
    for doc, document in nlp.pipe(
        pairs, as_tuples=True, n_process=n_process, batch_size=batch_size
    ):
        yield to_extraction(doc, document)
