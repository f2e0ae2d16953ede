"""The library functions the CLI calls: extract one file, ingest many, remove, stats.

Each document is read, extracted and written on its own: a bad file is reported and
skipped, the others go on, and a document's graph reaches the store whole or not at all.

:func:`ingest` reads every file and skips the unchanged ones itself, then hands the
others to an :class:`Executor` for the NLP: :class:`LocalExecutor` runs spaCy in this
process (or its ``n_process`` workers), :class:`plangraph.cluster.DaskExecutor` on a
Dask cluster. Either way the outcomes come back in order and this process alone writes
them, so the report, the progress, the error lines and the graph are the same.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import ClassVar, Protocol

from rdflib import Graph, Literal, URIRef

from plangraph.errors import PlangraphError, StoreError
from plangraph.graph.build import extraction_graph, extraction_ntriples
from plangraph.graph.iris import document_iri
from plangraph.graph.links import LINKS_STALE, stale_marker, store_links
from plangraph.ingest import display_name, document_id, find_sources, read_document
from plangraph.model import ActorType, Document, Extraction
from plangraph.query import derived_current
from plangraph.store.base import NTriples, SelectResult, Store
from plangraph.store.sources import (
    SOURCES_GRAPH,
    SourceState,
    file_sha256,
    probe,
    stored_sources,
)

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
    if not documents:  # before the import: nothing of the NLP loads when nothing changed
        return iter(())
    from plangraph.nlp.dispatch import extract_documents as extract

    return extract(documents, n_process=n_process)


@dataclass(frozen=True)
class Extracted:
    """A document's extraction, with its graph as N-Triples when a worker already built it
    (from the extraction as it is, before the writer settles actor types)."""

    extraction: Extraction
    triples: NTriples | None = None


@dataclass(frozen=True)
class Failed:
    """A document whose extraction failed; ``message`` is the one line to report."""

    document: Document
    message: str


Outcome = Extracted | Failed


class Executor(Protocol):
    """Where the NLP runs: turns documents into outcomes, yielded in the order given."""

    def run(self, documents: Sequence[Document]) -> Iterator[Outcome]: ...


@dataclass(frozen=True)
class LocalExecutor:
    """spaCy in this process, or in ``n_process`` worker processes of its own. Each
    worker reads a share of the documents whole, extraction and graph, as a Dask worker
    does (:func:`extract_share`): records and N-Triples come back, where spaCy's own
    ``n_process`` sent each tokenised ``Doc`` out and every parsed one back, and left the
    records and the graph to this process, which also writes."""

    n_process: int = 1

    SHARE: ClassVar[int] = 16
    """Documents a worker takes at a time: enough for spaCy's batches, few enough that
    the two workers finish together."""

    def run(self, documents: Sequence[Document]) -> Iterator[Outcome]:
        if self.n_process > 1 and len(documents) > 1:
            yield from _in_processes(documents, self.n_process, self.SHARE)
        else:
            yield from _here(documents)


def _here(documents: Sequence[Document]) -> Iterator[Outcome]:
    """Each document's outcome, spaCy in this process."""
    done = 0
    try:
        for extraction in extract_documents(documents):
            done += 1
            yield Extracted(extraction)
        return
    except Exception:  # a pipeline failing on one document of a batch
        pass
    # the batch broke on some document and spaCy does not say which: the rest go one
    # at a time, in this process, so that only a document that fails itself is lost
    for document in documents[done:]:
        yield extract_one(document)


def extract_share(documents: Sequence[Document]) -> list[Outcome]:
    """In a worker process: each document's outcome, with its graph as N-Triples."""
    return [
        Extracted(o.extraction, extraction_ntriples(o.extraction))
        if isinstance(o, Extracted)
        else o
        for o in _here(documents)
    ]


def _in_processes(documents: Sequence[Document], n_process: int, share: int) -> Iterator[Outcome]:
    """The outcomes from ``n_process`` worker processes, in the order of the documents.
    Two shares per worker are in flight at a time, so that what waits to be written stays
    a few shares however many documents there are."""
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    forking = "fork" in multiprocessing.get_all_start_methods()
    if forking:
        _load_pipelines(documents)  # once, here: every worker starts with them loaded
    starts = iter(range(0, len(documents), share))
    pool = ProcessPoolExecutor(
        n_process, mp_context=multiprocessing.get_context("fork" if forking else None)
    )
    in_flight: deque[Future[list[Outcome]]] = deque()

    def submit() -> None:
        start = next(starts, None)
        if start is not None:
            in_flight.append(pool.submit(extract_share, documents[start : start + share]))

    done = 0
    try:
        for _ in range(2 * n_process):
            submit()
        while in_flight:
            outcomes = in_flight.popleft().result()
            submit()
            for outcome in outcomes:
                done += 1
                yield outcome
    except BrokenProcessPool:
        # a worker died (killed, out of memory): what it had not sent back is read here
        yield from _here(documents[done:])
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _load_pipelines(documents: Sequence[Document]) -> None:
    """The pipelines the documents' languages need, and the bilingual gazetteer."""
    from plangraph.nlp.zh.names import gazetteer

    if any(d.language != "zh" for d in documents):
        from plangraph.nlp.pipeline import load

        load()
    if any(d.language == "zh" for d in documents):
        from plangraph.nlp.zh.pipeline import load as load_chinese

        load_chinese()
    gazetteer()


def extract_one(document: Document) -> Outcome:
    """One document's extraction, or the one line that says why it failed."""
    try:
        return Extracted(next(iter(extract_documents([document]))))
    except Exception as error:  # reported, and the document not written
        detail = str(error).splitlines()[0][:200] if str(error) else ""
        return Failed(
            document,
            f"{display_name(document.source)}: extraction failed "
            f"({type(error).__name__}{': ' + detail if detail else ''}); nothing stored",
        )


def extract_file(path: Path) -> tuple[URIRef, Graph]:
    """One document's IRI and graph, nothing stored."""
    document = read_document(path)
    extraction = next(iter(extract_documents([document])))
    return document_iri(document.doc_id), extraction_graph(extraction)


def ingest(
    paths: Iterable[Path],
    store: Store,
    *,
    n_process: int = 1,
    progress: Progress | None = None,
    executor: Executor | None = None,
) -> IngestReport:
    """Read, extract and store every supported file under ``paths``.

    A file whose size, time and bytes (:mod:`plangraph.store.sources`), or else whose
    normalised text, are those its stored graph was built from is skipped before any
    parsing or NLP; changed ones replace their graph. ``executor`` runs the NLP (default:
    :class:`LocalExecutor` with ``n_process``); whatever runs it, this process writes
    each graph in one transaction.
    """
    report = IngestReport()
    started = time.perf_counter()
    sources = list(find_sources(paths))
    total = len(sources)
    pending: list[Document] = []
    done = 0
    seen: dict[URIRef, str] = {}
    replacing: set[str] = set()
    recorded = stored_sources(store) if sources else {}
    files: dict[str, SourceState] = {}  # the source state to record once a graph is written
    settled: list[SourceState] = []  # unchanged documents whose record was missing or moved
    for path in sources:
        iri = document_iri(document_id(path))
        if iri in seen:
            # "plan a.txt", "plan-a.txt" and "Plan_A.txt" name one document: the later
            # would silently replace the earlier
            report.failed.append(
                (
                    str(path),
                    f"{display_name(path)}: same document name as {display_name(seen[iri])} "
                    f"(both are {iri}); rename one of them",
                )
            )
            done += 1
            if progress:
                progress(path.name, done, total)
            continue
        state = _unchanged_source(path, recorded.get(str(path)), iri)
        if state is not None:
            seen[iri] = str(path)
            report.unchanged.append(str(path))
            if state != recorded.get(str(path)):
                settled.append(state)
            done += 1
            if progress:
                progress(path.name, done, total)
            continue
        before = probe(path)
        try:
            document = read_document(path)
        except PlangraphError as error:
            report.failed.append((str(path), str(error)))
            done += 1
            if progress:
                progress(path.name, done, total)
            continue
        seen[iri] = str(path)  # a file that cannot be read claims no name
        state = _source_state(path, document, before)
        stored = store.document_hash(iri)
        if stored == document.sha256:
            report.unchanged.append(document.source)
            if state is not None:
                settled.append(state)
            done += 1
            if progress:
                progress(path.name, done, total)
            continue
        pending.append(document)
        if state is not None:
            files[document.doc_id] = state
        if stored is not None:
            replacing.add(document.doc_id)
    known = stored_actor_types(store) if pending else {}
    stale = links_stale(store)
    if pending:
        # written before the first document and cleared by the refresh, so that a kill in
        # between leaves the mark, and the rerun refreshes though nothing changed
        mark_links_stale(store)
        stale = True
    writer = _CheckedWriter(store, report, replacing, files, settled)
    for outcome in _undated_last(executor.run(pending) if executor else _local(pending, n_process)):
        done += 1
        if isinstance(outcome, Failed):
            report.failed.append((outcome.document.source, outcome.message))
            if progress:
                progress(Path(outcome.document.source).name, done, total)
            continue
        document = outcome.extraction.document
        try:
            extraction = settle_actor_types(outcome.extraction, known)
            if _undated(extraction):
                writer.flush()  # the plan it may report could be waiting in the batch
            extraction = date_undated_plan(extraction, store)
            if outcome.triples is not None and extraction == outcome.extraction:
                graph = outcome.triples  # the worker's graph stands: nothing was changed
            else:
                graph = extraction_ntriples(extraction)
            writer.stage(document, graph)
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
        if progress:
            progress(Path(document.source).name, done, total)
    writer.flush()
    # undated reports were written last; the report keeps the order of the sources
    order = {str(path): index for index, path in enumerate(sources)}
    report.added.sort(key=lambda source: order.get(source, len(order)))
    report.replaced.sort(key=lambda source: order.get(source, len(order)))
    if stale or not derived_current(store):
        refresh_links(store)
    store.record_sources(settled)
    report.seconds = time.perf_counter() - started
    return report


@dataclass
class _CheckedWriter:
    """Writes an ingest's graphs in batches, each graph checked against the shapes before
    it is written (:func:`plangraph.graph.shapes.validate_graphs`, in a store in memory
    holding the batch alone): a graph that breaks them never reaches the store, so the
    version of the document it would have replaced stays, and the document is reported as
    failed with its first violation (and read again by the next run)."""

    store: Store
    report: IngestReport
    replacing: set[str]
    files: dict[str, SourceState]
    settled: list[SourceState]
    staged: dict[URIRef, tuple[Document, str]] = field(default_factory=dict)

    BATCH: ClassVar[int] = 32
    """Graphs checked together: one query per constraint serves the batch, and a batch
    of 32 costs little more than one graph (about a third of a check in the store)."""

    def stage(self, document: Document, graph: NTriples) -> None:
        self.staged[document_iri(document.doc_id)] = (document, graph.text)
        if len(self.staged) >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        """Check the staged graphs and write those that conform, one transaction each."""
        staged, self.staged = self.staged, {}
        broken = _violations({iri: text for iri, (_, text) in staged.items()})
        for iri, (document, text) in staged.items():
            if iri in broken:
                self.report.failed.append((document.source, f"{document.source}: {broken[iri]}"))
                continue
            try:
                self.store.put_document(iri, NTriples(text))
            except PlangraphError as error:
                self.report.failed.append((document.source, str(error)))
                continue
            if document.doc_id in self.files:
                self.settled.append(self.files[document.doc_id])
            written = (
                self.report.replaced if document.doc_id in self.replacing else self.report.added
            )
            written.append(document.source)
            self.report.words += len(document.text.split())


def _violations(graphs: dict[URIRef, str]) -> dict[URIRef, str]:
    """Why each graph that breaks the shapes cannot be kept, in one line; a graph whose
    text does not parse is checked alone, so that it costs only itself."""
    from plangraph.graph.shapes import validate_graphs
    from plangraph.store.oxigraph import scratch

    if not graphs:
        return {}
    try:
        reports = validate_graphs(scratch(graphs), graphs)
    except StoreError as error:
        if len(graphs) == 1:
            return {
                iri: f"its graph could not be checked ({error}), so it was not kept"
                for iri in graphs
            }
        found: dict[URIRef, str] = {}
        for iri, text in graphs.items():
            found.update(_violations({iri: text}))
        return found
    return {
        URIRef(name): (
            f"its graph breaks {len(found.results)} SHACL constraint(s), so it was not kept; "
            f"the first: {found.results[0]}"
        )
        for name, found in reports.items()
    }


def _unchanged_source(path: Path, recorded: SourceState | None, iri: URIRef) -> SourceState | None:
    """The file's state when its bytes are those the store's graph was built from (the
    record as it is, or with the new time of a file touched but not changed); None when
    it has to be read. Same size and time: unchanged without reading it; the size alone:
    the bytes are hashed."""
    if recorded is None or recorded.document != iri:
        return None
    found = probe(path)
    if found is None or found[0] != recorded.size:
        return None
    modified = found[1]
    if modified == recorded.modified_ns:
        return recorded
    if file_sha256(path) != recorded.bytes_sha256:
        return None
    return replace(recorded, modified_ns=modified)


def _source_state(
    path: Path, document: Document, before: tuple[int, int] | None
) -> SourceState | None:
    """The state of a file just read, to record with its document; None when it changed
    while it was read and hashed (its size or time moved), or vanished."""
    digest = file_sha256(path)
    found = probe(path)
    if found is None or digest is None or found != before:
        return None
    return SourceState(
        document_iri(document.doc_id), str(path), found[0], found[1], digest, document.sha256
    )


def _local(documents: Sequence[Document], n_process: int) -> Iterator[Outcome]:
    yield from LocalExecutor(n_process).run(documents)


def _undated_last(outcomes: Iterable[Outcome]) -> Iterator[Outcome]:
    """Every outcome, those whose plan carries no date after the others of the call, so
    that an undated report finds the plan it reports already stored."""
    later = []
    for outcome in outcomes:
        if isinstance(outcome, Extracted) and _undated(outcome.extraction):
            later.append(outcome)
        else:
            yield outcome
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
    """Recompute conflicts and revisions between targets (:mod:`plangraph.graph.links`),
    then clear the mark that said they were out of date."""
    store_links(store)
    store.remove_document(LINKS_STALE)


def mark_links_stale(store: Store) -> None:
    """Say, in the store, that documents are about to change and the links not yet."""
    store.put_document(LINKS_STALE, stale_marker())


def links_stale(store: Store) -> bool:
    """Whether a write began that no links refresh followed (a killed ingest or remove)."""
    return store.query("ASK { GRAPH ?mark { ?s ?p ?o } }", {"mark": LINKS_STALE}) is True


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
    missing = []
    stale = links_stale(store)
    mark_links_stale(store)
    for name in names:
        doc_id = Path(name).stem if ("/" in name or "." in name) else name
        if store.remove_document(document_iri(doc_id)):
            stale = True
        else:
            missing.append(doc_id)
    if stale:
        refresh_links(store)
    else:
        store.remove_document(LINKS_STALE)
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
    # the record of source files (plangraph.store.sources) is bookkeeping, not data
    quads = store.query(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
        f"FILTER(?g != {SOURCES_GRAPH.n3()}) }}"
    )
    assert isinstance(quads, SelectResult)
    counts["quads"] = int(str(quads.rows[0][0]))
    return counts
