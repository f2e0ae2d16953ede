"""The query library at about a million quads: every library query, with no parameter and
with a typical one, on the embedded store, and rdflib's engine on a slice as a baseline.

    python bench/bench_queries.py [--copies 62] [--repeat 5] [--work DIR] [--corpus FILE.nq]
                                  [--only NAME ...] [--refresh]

The store is built as bench/synthetic.py describes (the ingested corpus copied
``--copies`` times under new IRIs, about 17,000 document quads a copy: 1.06 million in
the documents' graphs, 1.51 million with their union and the derived data) and loaded with
:func:`plangraph.load.load`; ``--work DIR`` keeps it between runs (it is rebuilt when
missing). ``--corpus`` is an N-Quads export of the ingested corpus; without it the
corpus folder is ingested into a temporary store first (spaCy, about ten seconds).

Each query runs through :func:`plangraph.query.run_named`, as the CLI and the server run
it: one warm-up, then the median of ``--repeat`` runs; a query slower than 10 s runs once.
The baseline, in the same run: a slice of ``--slice`` copies (about 100,000 quads) is
loaded into an embedded store and into an rdflib Dataset, and the ``--rdflib`` queries
(no parameter) run on both; rdflib's engine runs each once. Nothing is written to the
repository: the stores live in ``--work`` or a temporary folder.

``--refresh`` also times what every ingest and remove pays for the derived data
(:mod:`plangraph.graph.links`), on a copy of the store: deriving it alone, a refresh
that changes nothing (derive, read the stored graph, write no difference), and removing
one document (its graph, then the refresh).

Other engineers share this machine: compare ratios, and report ``uptime``'s load.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from rdflib import Dataset

from plangraph.query import library, run_named, term, wide_library
from plangraph.store import open_store
from plangraph.store.base import SelectResult, Store
from plangraph.store.oxigraph import _PREFIXES
from synthetic import replicate

ROOT = Path(__file__).resolve().parent.parent
# a parameter an analyst would give each query, matching copy 0 (the corpus itself)
TYPICAL: dict[str, dict[str, str]] = {
    "actors-in-several-plans": {"type": "Company"},
    "companies-and-governments": {"company": "Huawei"},
    "conflicts": {"region": "Shanghai"},
    "deadline-timeline": {"region": "Shanghai"},
    "evidence": {"node": "https://w3id.org/plangraph/id/plan/guangdong-2023"},
    "measures-by-category": {"region": "Shanghai"},
    "metric-across-regions": {"metric": "core industry"},
    "people": {"organisation": "National Development and Reform Commission"},
    "plan-documents": {"plan": "guangdong-2023"},
    "plans": {"region": "Shanghai"},
    "progress": {"region": "Shanghai"},
    "revisions": {"region": "Shanghai"},
    "targets-above": {"metric": "core industry", "min": "100000000000"},
    "targets-by-region": {"region": "Shanghai"},
    "targets-rollup": {"region": "Shanghai"},
}
# rdflib has no LATERAL: the baseline runs queries whose no-parameter form is plain SPARQL
RDFLIB = ("deadline-timeline", "measures-by-category")
SLOW = 10.0
REMOVED = "hangzhou-2023-ai-industry-news"  # a document of copy 0, removed by --refresh


def timed(run: Callable[[], int], repeat: int) -> tuple[float, int]:
    """Median seconds of ``repeat`` runs after a warm-up, and the rows of the last one."""
    start = time.perf_counter()
    rows = run()
    first = time.perf_counter() - start
    if first > SLOW or repeat == 0:
        return first, rows
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        rows = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), rows


def named(store: Store, name: str, params: dict[str, str]) -> Callable[[], int]:
    def run() -> int:
        result = run_named(store, name, params)
        assert isinstance(result, SelectResult)
        return len(result.rows)

    return run


def corpus_export(work: Path) -> Path:
    """The corpus ingested into a temporary store and exported as N-Quads."""
    path = work / "corpus.nq"
    if path.exists():
        return path
    store = work / "corpus-store"
    env = {**os.environ, "PLANGRAPH_STORE": str(store)}
    steps = (["ingest", str(ROOT / "corpus"), "-q"], ["export", "-f", "nquads", "-o", str(path)])
    for args in steps:
        subprocess.run([sys.executable, "-m", "plangraph", *args], check=True, env=env)
    return path


def build(corpus: Path, work: Path, name: str, copies: int, seed: int) -> tuple[Store, float]:
    """The store of ``copies`` copies (kept in ``work`` between runs) and its load time."""
    location = work / name
    if location.exists():
        return open_store(location, read_only=True), 0.0
    from plangraph.load import load  # here: a checkout older than plan load can still time

    data = work / f"{name}.nq"
    replicate(corpus, data, copies, seed)
    start = time.perf_counter()
    store = open_store(location)
    load(data, store)
    seconds = time.perf_counter() - start
    store.close()
    data.unlink()
    return open_store(location, read_only=True), seconds


def rdflib_dataset(corpus: Path, work: Path, copies: int, seed: int) -> Dataset:
    data = work / "slice.nq"
    replicate(corpus, data, copies, seed)
    dataset = Dataset(default_union=True)
    dataset.parse(data, format="nquads")
    return dataset


def rdflib_run(dataset: Dataset, name: str, params: dict[str, str]) -> Callable[[], int]:
    query = library()[name]
    if not params and name in wide_library():
        query = wide_library()[name]  # the form run_named runs with no parameter
    prefixes = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in _PREFIXES.items())
    declared = {p.name: p.type for p in query.parameters}
    bindings = {k: term(v, declared[k]) for k, v in params.items()}

    def run() -> int:
        return len(list(dataset.query(prefixes + query.text, initBindings=bindings)))

    return run


def refresh_times(location: Path, work: Path) -> None:
    """The derived data's costs on a writable copy of the store at ``location``."""
    from plangraph.graph.links import derive_links, store_links
    from plangraph.workflow import remove

    copy = work / "refresh-copy"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(location, copy)
    store = open_store(copy)
    steps: list[tuple[str, Callable[[], object]]] = [
        ("derive the data", lambda: len(derive_links(store))),
    ]
    try:  # a checkout older than the parts of the paged queries has none to time
        from plangraph.graph.parts import derive_parts

        steps.append(("derive the parts", lambda: len(derive_parts(store))))
    except ImportError:
        pass
    steps += [
        ("refresh, nothing changed", lambda: store_links(store)),
        (
            "remove a document and refresh",
            lambda: remove(["hangzhou-2023-ai-industry-news"], store),
        ),
    ]
    print("\n| derived data | seconds |\n| --- | --- |")
    for step, run in steps:
        start = time.perf_counter()
        run()
        print(f"| {step} | {time.perf_counter() - start:.1f} s |", flush=True)
    store.close()
    shutil.rmtree(copy)


def cell(seconds: float, rows: int) -> str:
    text = f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.1f} s"
    return f"{text} ({rows:,} rows)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=62)
    parser.add_argument("--slice", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--work", type=Path)
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--only", nargs="*", help="only these queries")
    parser.add_argument("--rdflib", nargs="*", default=list(RDFLIB))
    parser.add_argument("--refresh", action="store_true", help="time the derived data too")
    options = parser.parse_args()
    temporary = tempfile.TemporaryDirectory() if options.work is None else None
    work = options.work or Path(temporary.name)  # type: ignore[union-attr]
    work.mkdir(parents=True, exist_ok=True)
    corpus = options.corpus or corpus_export(work)

    print(f"load average before: {os.getloadavg()[0]:.2f}")
    store, seconds = build(corpus, work, f"store-{options.copies}", options.copies, options.seed)
    quads = store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert isinstance(quads, SelectResult)
    loaded = f" (loaded in {seconds:.1f} s)" if seconds else " (kept from an earlier run)"
    print(f"store: {int(str(quads.rows[0][0])):,} quads{loaded}\n")

    print("| query | no parameter | typical parameter |")
    print("| --- | --- | --- |")
    for name in options.only or sorted(library()):
        params = TYPICAL.get(name, {})
        bare = cell(*timed(named(store, name, {}), options.repeat))
        given = ", ".join(f"{k}={v}" for k, v in params.items())
        typical = cell(*timed(named(store, name, params), options.repeat)) if params else ""
        print(f"| {name} | {bare} | {typical} ({given}) |", flush=True)

    if options.refresh:
        refresh_times(work / f"store-{options.copies}", work)

    if options.rdflib:
        small, _ = build(corpus, work, f"store-{options.slice}", options.slice, options.seed)
        dataset = rdflib_dataset(corpus, work, options.slice, options.seed)
        print(f"\nbaseline: {options.slice} copies, {len(dataset):,} quads in rdflib's Dataset\n")
        print("| query | embedded store | rdflib's engine | ratio |")
        print("| --- | --- | --- | --- |")
        for name in options.rdflib:
            ox_seconds, rows = timed(named(small, name, {}), options.repeat)
            rd_seconds, rd_rows = timed(rdflib_run(dataset, name, {}), 0)
            print(
                f"| {name} | {cell(ox_seconds, rows)} | {cell(rd_seconds, rd_rows)} "
                f"| {rd_seconds / ox_seconds:,.0f}x |",
                flush=True,
            )
    print(f"\nload average after: {os.getloadavg()[0]:.2f}")
    if temporary is not None:
        temporary.cleanup()


if __name__ == "__main__":
    main()
