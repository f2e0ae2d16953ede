"""Scaling out: documents per second on a Dask cluster against a local ingest, and the time
to write into an Oxigraph server against the embedded store, in the same run.

    python bench/bench_scale.py [--docs 80] [--repeat 3] [--json FILE]

Throughput: the same copies of the corpus are ingested into a fresh embedded store by a
local ingest with ``--processes 1`` (the baseline) and ``--processes 2``, and through
local Dask clusters of one and of two worker processes (``--workers 1``, ``--workers
2``). The pipeline is built and the clusters are started and warmed before the timed
runs, as a long ingest amortises them; their start-up is reported apart. The
configurations run in turns, round after round, so that a change in the machine's load
does not pass for a difference between them; each ratio is the median of the rounds'
ratios to the baseline of the same round.

Writes: the graphs of the same documents, built once, are written one document per
transaction into a fresh embedded store and into a fresh ``oxigraph serve``, in turns;
the ratio is the server's time over the embedded store's.

CPU seconds per document, of this process and of the cluster's workers, are reported
too: unlike the rates, they hardly depend on what else the machine runs, and they say
what share of the work the single writer keeps.

Other engineers share this machine: run it when ``uptime`` shows a low load.
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx
from rdflib import Graph, URIRef

from plangraph.cluster import DaskExecutor, connect
from plangraph.graph.build import extraction_graph
from plangraph.graph.iris import document_iri
from plangraph.ingest import find_sources, read_document
from plangraph.nlp.pipeline import load
from plangraph.store import open_store
from plangraph.workflow import Executor, LocalExecutor, extract_documents, ingest

ROOT = Path(__file__).resolve().parents[1]


def corpus_files(folder: Path, count: int) -> list[Path]:
    """``count`` copies of corpus documents (the corpus repeated under new names)."""
    sources = [p for p in find_sources([ROOT / "corpus"]) if p.parent == ROOT / "corpus"]
    out: list[Path] = []
    round_ = 0
    while len(out) < count:
        for path in sources[: count - len(out)]:
            copy = folder / f"{path.stem}-{round_}{path.suffix}"
            shutil.copy(path, copy)
            out.append(copy)
        round_ += 1
    return out


def cpu_seconds() -> float:
    """CPU time of the calling process (run on each Dask worker too)."""
    return time.process_time()


def timed_ingest(files: list[Path], executor: Executor, cpu: dict[str, list[float]]) -> float:
    """Documents per second of one ingest into a fresh embedded store; appends the CPU
    seconds per document of this process and, on a cluster, of its workers to ``cpu``."""
    cluster = executor.client if isinstance(executor, DaskExecutor) else None
    before = cluster.run(cpu_seconds) if cluster else {}
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "store")
        started, own = time.perf_counter(), time.process_time()
        report = ingest(files, store, executor=executor)
        elapsed, own = time.perf_counter() - started, time.process_time() - own
        store.close()
    assert report.ok and len(report.added) == len(files), report.failed
    cpu.setdefault("client", []).append(own / len(files))
    if cluster:
        after = cluster.run(cpu_seconds)
        spent = sum(after[w] - before[w] for w in after if w in before)
        cpu.setdefault("workers", []).append(spent / len(files))
    return len(files) / elapsed


@contextmanager
def oxigraph_server(folder: Path) -> Iterator[str]:
    """``oxigraph serve`` on a free port, until the block ends."""
    binary = Path(sys.executable).with_name("oxigraph")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [str(binary), "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(url + "query?query=ASK%7B%7D", timeout=2).is_success:
                    break
            except httpx.HTTPError:
                time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(30)


def timed_writes(graphs: list[tuple[URIRef, Graph]], location: str) -> float:
    """Seconds to write every graph, one transaction each, into the store at ``location``."""
    store = open_store(location)
    started = time.perf_counter()
    for name, graph in graphs:
        store.put_document(name, graph)
    elapsed = time.perf_counter() - started
    store.close()
    return elapsed


def writes(files: list[Path], repeat: int) -> dict[str, float]:
    documents = [read_document(f) for f in files]
    graphs = [
        (document_iri(e.document.doc_id), extraction_graph(e)) for e in extract_documents(documents)
    ]
    pairs = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as folder:
            embedded = timed_writes(graphs, str(Path(folder) / "store"))
            with oxigraph_server(Path(folder) / "server") as url:
                server = timed_writes(graphs, url)
        pairs.append((embedded, server))
    return {
        "embedded_s": round(statistics.median(e for e, _ in pairs), 3),
        "server_s": round(statistics.median(s for _, s in pairs), 3),
        "ratio": round(statistics.median(s / e for e, s in pairs), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=80)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    logging.getLogger("distributed").setLevel(logging.ERROR)
    load()  # build the pipeline once, outside the timed runs, as a long ingest would
    with tempfile.TemporaryDirectory() as folder, ExitStack() as stack:
        files = corpus_files(Path(folder), args.docs)
        words = sum(len(read_document(f).text.split()) for f in files)
        startup: dict[str, float] = {}
        clusters: dict[str, DaskExecutor] = {}
        for n in (1, 2):
            started = time.perf_counter()
            clusters[f"--workers {n}"] = stack.enter_context(connect(workers=n))
            startup[f"--workers {n}"] = round(time.perf_counter() - started, 1)
        runs: dict[str, Callable[[], Executor]] = {
            "--processes 1": lambda: LocalExecutor(1),
            "--processes 2": lambda: LocalExecutor(2),
            "--workers 1": lambda: clusters["--workers 1"],
            "--workers 2": lambda: clusters["--workers 2"],
        }
        rounds: list[dict[str, float]] = []
        cpu: dict[str, dict[str, list[float]]] = {name: {} for name in runs}
        for _ in range(args.repeat):
            rounds.append(
                {name: timed_ingest(files, make(), cpu[name]) for name, make in runs.items()}
            )
        stack.close()
        written = writes(files[: min(len(files), 40)], args.repeat)
    baseline = "--processes 1"
    results = {
        name: {
            "docs_per_s": round(statistics.median(r[name] for r in rounds), 2),
            "ratio_to_processes_1": round(
                statistics.median(r[name] / r[baseline] for r in rounds), 3
            ),
        }
        for name in runs
    }
    scaling = round(statistics.median(r["--workers 2"] / r["--workers 1"] for r in rounds), 3)
    print(f"{len(files)} documents, {words} words, median of {args.repeat} rounds")
    print(f"{'run':>14} {'docs/s':>8} {'words/s':>8} {'vs --processes 1':>17}")
    for name, row in results.items():
        rate = row["docs_per_s"]
        print(
            f"{name:>14} {rate:>8.2f} {rate * words / len(files):>8,.0f} "
            f"{row['ratio_to_processes_1']:>16.2f}x"
        )
    print(f"--workers 2 / --workers 1: {scaling:.2f}x")
    cpu_ms = {
        name: {part: round(1000 * statistics.median(v)) for part, v in parts.items()}
        for name, parts in cpu.items()
    }
    print(f"CPU ms per document (this process; the cluster's workers): {cpu_ms}")
    print(f"cluster start and warm-up (s): {startup}")
    print(
        f"writing {min(len(files), 40)} graphs: embedded {written['embedded_s']:.2f} s, "
        f"Oxigraph server {written['server_s']:.2f} s ({written['ratio']:.2f}x)"
    )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps(
                {
                    "documents": len(files),
                    "words": words,
                    "throughput": results,
                    "workers_2_over_1": scaling,
                    "startup_s": startup,
                    "writes": written,
                    "cpu_ms_per_document": cpu_ms,
                    "rounds": rounds,
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
