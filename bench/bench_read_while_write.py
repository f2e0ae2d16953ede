"""How long a read-only open takes while a writer replaces documents, with the writer's
periodic flush (``OxigraphStore.FLUSH_SECONDS``, the default) and without it, in the
same run.

    python bench/bench_read_while_write.py [--rounds 12] [--json FILE]

Each round the writer replaces 20 document graphs of 300 triples; then a reader opens
the store read-only. A read-only open replays the writer's write-ahead log, which only a
flush empties, so without flushes the open grows slower with every round. Figures are
seconds per open (median and last round) and seconds per writing round.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from plangraph.store import open_store
from plangraph.store.oxigraph import OxigraphStore


def run(rounds: int, flush_seconds: float) -> dict[str, float]:
    work = Path(tempfile.mkdtemp(prefix="bench-rw-"))
    default = OxigraphStore.FLUSH_SECONDS
    OxigraphStore.FLUSH_SECONDS = flush_seconds
    try:
        writer = open_store(work / "s")
        opens, writes = [], []
        for round_ in range(rounds):
            started = time.perf_counter()
            for doc in range(20):
                graph = Graph()
                subject = URIRef(f"urn:x:doc{doc}")
                for i in range(300):
                    graph.add((subject, URIRef(f"urn:x:p{i}"), Literal(f"{round_}-{i}" * 5)))
                writer.put_document(subject, graph)
            writes.append(time.perf_counter() - started)
            started = time.perf_counter()
            reader = open_store(work / "s", read_only=True)
            opens.append(time.perf_counter() - started)
            reader.close()
        writer.close()
    finally:
        OxigraphStore.FLUSH_SECONDS = default
        shutil.rmtree(work, ignore_errors=True)
    return {
        "open_median_s": round(statistics.median(opens), 3),
        "open_last_s": round(opens[-1], 3),
        "write_round_median_s": round(statistics.median(writes), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=12)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    result = {
        "rounds": args.rounds,
        "without_flush": run(args.rounds, float("inf")),
        "flush_every_5_s": run(args.rounds, OxigraphStore.FLUSH_SECONDS),
        "flush_every_write": run(args.rounds, 0.0),
    }
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
