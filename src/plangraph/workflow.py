"""The library functions the CLI calls: extract one file, ingest many, remove, stats.

Each document is read, extracted and written on its own: a bad file is reported and
skipped, the others go on, and a document's graph reaches the store whole or not at all.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from plangraph.errors import PlangraphError
from plangraph.graph.build import extraction_graph
from plangraph.graph.iris import document_iri
from plangraph.graph.links import LINKS_GRAPH, derive_links
from plangraph.ingest import find_sources, read_document
from plangraph.model import ActorType, Document, Extraction
from plangraph.store.base import SelectResult, Store

Progress = Callable[[str, int, int], None]
"""Called as ``progress(name, done, total)`` after each document."""


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    words: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed


def extract_documents(documents: Sequence[Document], *, n_process: int = 1) -> Iterable[Extraction]:
    """Run the NLP pipeline of each document's language over it (each pipeline loaded on
    first use, once per process)."""
    from plangraph.nlp.dispatch import extract_documents as extract

    if not documents:
        return iter(())
    return extract(documents, n_process=n_process)


def extract_file(path: Path) -> tuple[URIRef, Graph]:
    """One document's IRI and graph, nothing stored."""
    document = read_document(path)
    extraction = next(iter(extract_documents([document])))
    return document_iri(document.doc_id), extraction_graph(extraction)


def ingest(
    paths: Iterable[Path], store: Store, *, n_process: int = 1, progress: Progress | None = None
) -> IngestReport:
    """Read, extract and store every supported file under ``paths``.

    Unchanged documents (same text hash) are skipped; changed ones replace their graph.
    """
    report = IngestReport()
    started = time.perf_counter()
    sources = list(find_sources(paths))
    total = len(sources)
    pending: list[Document] = []
    done = 0
    seen: dict[str, str] = {}
    replacing: set[str] = set()
    for path in sources:
        try:
            document = read_document(path)
        except PlangraphError as error:
            report.failed.append((str(path), str(error)))
            done += 1
            if progress:
                progress(path.name, done, total)
            continue
        if document.doc_id in seen:
            report.failed.append(
                (
                    str(path),
                    f"{path}: same document name as {seen[document.doc_id]}; rename one of them",
                )
            )
            done += 1
            continue
        seen[document.doc_id] = str(path)
        stored = store.document_hash(document_iri(document.doc_id))
        if stored == document.sha256:
            report.unchanged.append(document.source)
            done += 1
            if progress:
                progress(path.name, done, total)
            continue
        pending.append(document)
        if stored is not None:
            replacing.add(document.doc_id)
    known = stored_actor_types(store) if pending else {}
    for extraction in _undated_last(extract_documents(pending, n_process=n_process)):
        document = extraction.document
        extraction = settle_actor_types(extraction, known)
        try:
            extraction = date_undated_plan(extraction, store)
            store.put_document(document_iri(document.doc_id), extraction_graph(extraction))
        except PlangraphError as error:
            report.failed.append((document.source, str(error)))
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            # a bug on one document must not cost the others; nothing of it is written
            report.failed.append(
                (
                    document.source,
                    f"{document.source}: internal error "
                    f"building its graph ({type(error).__name__}: {error})",
                )
            )
        else:
            known.update({a.name: a.type for a in extraction.actors})
            (report.replaced if document.doc_id in replacing else report.added).append(
                document.source
            )
            report.words += len(document.text.split())
        done += 1
        if progress:
            progress(Path(document.source).name, done, total)
    # undated reports were written last; the report keeps the order of the sources
    order = {str(path): index for index, path in enumerate(sources)}
    report.added.sort(key=lambda source: order.get(source, len(order)))
    report.replaced.sort(key=lambda source: order.get(source, len(order)))
    if report.added or report.replaced:
        refresh_links(store)
    report.seconds = time.perf_counter() - started
    return report


def _undated_last(extractions: Iterable[Extraction]) -> Iterator[Extraction]:
    """Every extraction, those whose plan carries no date after the others of the call, so
    that an undated report finds the plan it reports already stored."""
    later = []
    for extraction in extractions:
        if _undated(extraction):
            later.append(extraction)
        else:
            yield extraction
    yield from later


def _undated(extraction: Extraction) -> bool:
    plan = extraction.plan
    return (
        plan is not None
        and plan.jurisdiction is not None
        and not plan.date
        and not extraction.document.date
        and plan.period is None
    )


_PLANS_OF_REGION = """
SELECT ?date ?year ?name WHERE {
  ?plan a pg:Plan ; pg:jurisdiction ?region ; dcterms:issued ?date .
  ?region rdfs:label ?name .
  OPTIONAL { ?plan pg:hasTarget ?target . ?target pg:targetYear ?year }
}
"""


def date_undated_plan(extraction: Extraction, store: Store) -> Extraction:
    """A report that gives no date (a web translation, say) reports the plan of its
    jurisdiction the store already holds, when exactly one of that jurisdiction's dated
    plans shares a deadline with it: it takes that plan's date, and so its node."""
    if not _undated(extraction):
        return extraction
    plan = extraction.plan
    assert plan is not None and plan.jurisdiction is not None
    years = {str(t.year) for t in extraction.targets if t.year is not None}
    result = store.query(_PLANS_OF_REGION, {"name": Literal(plan.jurisdiction)})
    assert isinstance(result, SelectResult)
    dates = {
        str(date)[:10]
        for date, year, _ in result.rows
        if year is not None and str(year)[:4] in years
    }
    if len(dates) != 1:
        return extraction
    return replace(extraction, plan=replace(plan, date=dates.pop()))


def refresh_links(store: Store) -> None:
    """Recompute conflicts and revisions between targets (:mod:`plangraph.graph.links`)."""
    store.put_document(LINKS_GRAPH, derive_links(store))


_ACTOR_TYPES = """
SELECT ?label ?type WHERE {
  ?actor a pg:Actor ; a ?type ; rdfs:label ?label .
  FILTER(?type IN (pg:GovernmentBody, pg:Company, pg:ResearchInstitution, pg:Person,
                   pg:OtherActor))
}
"""


def stored_actor_types(store: Store) -> dict[str, ActorType]:
    """The type the store already gives each actor, by canonical name."""
    result = store.query(_ACTOR_TYPES)
    assert isinstance(result, SelectResult)
    return {str(label): ActorType(str(kind).rsplit("#", 1)[-1]) for label, kind in result.rows}


def settle_actor_types(extraction: Extraction, known: dict[str, ActorType]) -> Extraction:
    """One node, one type: an actor the store has already typed keeps that type, so a
    document that reads it from weaker context ("products such as X") cannot split it."""
    actors = tuple(
        replace(actor, type=known[actor.name])
        if actor.name in known and known[actor.name] is not actor.type
        else actor
        for actor in extraction.actors
    )
    return replace(extraction, actors=actors)


def remove(names: Iterable[str], store: Store) -> list[str]:
    """Drop documents by id or file path; returns the ids that were not in the store."""
    missing, removed = [], 0
    for name in names:
        doc_id = Path(name).stem if ("/" in name or "." in name) else name
        if store.remove_document(document_iri(doc_id)):
            removed += 1
        else:
            missing.append(doc_id)
    if removed:
        refresh_links(store)
    return missing


_STATS = """
SELECT ?kind (COUNT(DISTINCT ?node) AS ?n) WHERE {
  VALUES ?kind { pg:Document pg:Plan pg:Actor pg:GovernmentBody pg:Company
                 pg:ResearchInstitution pg:Person pg:OtherActor pg:Region pg:Target
                 pg:Statistic pg:Measure pg:Evidence }
  ?node a ?kind .
} GROUP BY ?kind
"""


def stats(store: Store) -> dict[str, int]:
    """Node counts by class, and the number of quads."""
    result = store.query(_STATS)
    assert isinstance(result, SelectResult)
    counts = {str(kind).rsplit("#", 1)[-1]: int(str(n)) for kind, n in result.rows}
    quads = store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert isinstance(quads, SelectResult)
    counts["quads"] = int(str(quads.rows[0][0]))
    return counts
