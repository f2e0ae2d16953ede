"""``Doc -> Extraction``: the one place where spaCy's view becomes plangraph's records."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from plangraph.model import Actor, Document, Extraction, Region
from plangraph.nlp import clauses
from plangraph.nlp.actors import gazetteer
from plangraph.nlp.mentions import ActorMention, DocFacts
from plangraph.nlp.names import fold


def prepare(nlp: Language, document: Document) -> Doc:
    """A tokenised ``Doc`` that carries the document's date and title for the components."""
    doc = nlp.make_doc(document.text)
    doc.user_data["pg_date"] = document.date
    doc.user_data["pg_title"] = document.title
    doc.user_data["pg_text"] = document.text  # Doc.text, which joins every token
    return doc


def to_extraction(doc: Doc, document: Document) -> Extraction:
    facts: DocFacts = doc._.pg
    # the Doc was made from this text (spaCy's tokens keep every character): the
    # evidence below slices it instead of joining the tokens again
    doc.user_data["pg_text"] = document.text
    return Extraction(
        document=document,
        actors=_actors(facts, doc),
        regions=_regions(facts),
        plan=facts.plan,
        targets=tuple(facts.targets),
        statistics=tuple(facts.statistics),
        measures=tuple(facts.measures),
        affiliations=tuple(facts.affiliations),
    )


def _actors(facts: DocFacts, doc: Doc) -> tuple[Actor, ...]:
    """One record per actor: mentions whose names fold alike ("Huaxin Research",
    "Huaxin research") are one actor, typed as most of its mentions are."""
    groups: dict[str, list[ActorMention]] = {}
    for mention in facts.actors:
        groups.setdefault(fold(mention.name), []).append(mention)
    actors = []
    for mentions in groups.values():
        votes = Counter(m.type for m in mentions)
        kind = max(
            votes, key=lambda t: (votes[t], -next(i for i, m in enumerate(mentions) if m.type is t))
        )
        spans = []
        for mention in mentions:
            found = doc.char_span(
                mention.start, max(mention.end, mention.start + 1), alignment_mode="expand"
            )
            if found is not None:
                spans.append(clauses.evidence(found.sent))
        forms = tuple(dict.fromkeys(m.surface for m in mentions))
        actors.append(Actor(mentions[0].name, kind, forms, tuple(dict.fromkeys(spans))))
    return tuple(actors)


def _regions(facts: DocFacts) -> tuple[Region, ...]:
    merged: dict[str, Region] = {}
    gaz = gazetteer()
    for mention in facts.regions:
        current = merged.get(mention.name)
        forms = (*current.surface_forms, mention.surface) if current else (mention.surface,)
        merged[mention.name] = Region(
            mention.name, tuple(dict.fromkeys(forms)), mention.level, mention.parent
        )
    if facts.plan is not None and facts.plan.jurisdiction and facts.plan.jurisdiction not in merged:
        known = gaz.region(facts.plan.jurisdiction)
        merged[facts.plan.jurisdiction] = Region(
            facts.plan.jurisdiction,
            (),
            known.level if known else None,
            known.parent if known else None,
        )
    # every ancestor of a named region, so that queries can roll a city up to its country
    for region in list(merged.values()):
        parent = region.parent
        while parent is not None and parent not in merged:
            known = gaz.region(parent)
            merged[parent] = Region(
                parent, (), known.level if known else None, known.parent if known else None
            )
            parent = known.parent if known else None
    return tuple(merged.values())


def extract(
    nlp: Language, documents: Iterable[Document], *, n_process: int = 1, batch_size: int = 32
) -> Iterator[Extraction]:
    """Run the pipeline over documents, in order, yielding one extraction each.

    With ``n_process > 1`` the components run inside spaCy's worker processes, so the
    main process only turns finished ``Doc``s into records.
    """
    pairs = ((prepare(nlp, document), document) for document in documents)
    for doc, document in nlp.pipe(
        pairs, as_tuples=True, n_process=n_process, batch_size=batch_size
    ):
        yield to_extraction(doc, document)
