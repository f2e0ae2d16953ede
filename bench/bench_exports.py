"""Every export format of a store of about a million quads: seconds and peak memory.

    python bench/bench_exports.py [--documents 1800] [--formats nquads,trig,...] [--json FILE]
        [--store STORE] [--baseline-src OLD/src]

The store is the corpus ingested once, then copied under new IRIs until it holds
``--documents`` documents (:func:`page_store.replicate`: deterministic, the same store
every run; 1,800 documents are about 1.0 M quads). Each export runs in a child process
of its own (``plangraph export -f FORMAT -o FILE``, imports included) so that its peak
resident memory is its own: the child reads ``resource.getrusage`` of itself before it
exits. The baseline in the same run is pyoxigraph dumping the whole dataset to a file in
a child the same way (no plangraph code: the floor an RDF export can reach).

``--baseline-src`` names the ``src`` folder of another plangraph (``git archive`` of an
older commit): each format is then exported by that code first and by this checkout
next, on the same store in the same run, and both are reported.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ("nquads", "trig", "turtle", "nt", "jsonld", "xml", "graphml", "gexf", "cytoscape",
           "csv", "dot", "html")  # fmt: skip

_CHILD = """
import resource, sys, time
started = time.perf_counter()
{body}
seconds = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_SELF)
print(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)
"""
_EXPORT = """
sys.argv = ["plangraph", "export", "-f", {fmt!r}, "-o", {out!r}, "-s", {store!r}]
from plangraph.cli import main
try:
    main()
except SystemExit as end:
    assert not end.code, end.code
"""
_FLOOR = """
import pyoxigraph as ox
ox.Store.read_only({store!r}).dump({out!r}, ox.RdfFormat.N_QUADS)
"""


def child(body: str, src: Path | None = None) -> tuple[float, float, float]:
    """Seconds, CPU seconds and peak resident MB of ``body`` run in a fresh Python,
    importing plangraph from ``src`` when given. On a shared machine the CPU seconds
    move less with the load than the seconds do."""
    code = _CHILD.format(body=body)
    env = dict(os.environ, PYTHONPATH=str(src)) if src else None
    done = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=ROOT, env=env
    )
    seconds, cpu, kilobytes = done.stdout.split()[-3:]
    return float(seconds), float(cpu), int(kilobytes) / 1024


def one_minute_load() -> float | None:
    """The machine's one-minute load average, printed beside each number: on a shared
    machine it says how far a time on the clock can be trusted."""
    loadavg = Path("/proc/loadavg")
    return float(loadavg.read_text().split()[0]) if loadavg.exists() else None


def build(folder: Path, documents: int) -> tuple[Path, int]:
    """The corpus ingested, copied up to ``documents`` documents; the store and its quads."""
    import pyoxigraph as ox

    from page_store import replicate
    from plangraph.store import open_store
    from plangraph.workflow import ingest

    corpus = open_store(folder / "corpus")
    report = ingest([ROOT / "corpus"], corpus)
    assert report.ok, report.failed
    corpus.close()
    big = folder / "big"
    replicate(folder / "corpus", big, documents)
    return big, len(ox.Store.read_only(str(big)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1800)
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--store", type=Path, help="an existing store to export instead")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--baseline-src", type=Path, help="another plangraph's src folder")
    args = parser.parse_args()
    results: dict[str, dict[str, float | None]] = {}
    with tempfile.TemporaryDirectory() as folder:
        if args.store:
            import pyoxigraph as ox

            store, quads = args.store, len(ox.Store.read_only(str(args.store)))
        else:
            started = time.perf_counter()
            store, quads = build(Path(folder), args.documents)
            print(f"built {quads:,} quads in {time.perf_counter() - started:.0f} s")
        floor = child(_FLOOR.format(store=str(store), out=str(Path(folder) / "floor.nq")))
        results["pyoxigraph dump (floor)"] = {
            "seconds": floor[0],
            "cpu_seconds": floor[1],
            "peak_mb": floor[2],
            "load": one_minute_load(),
        }
        runs = [("baseline ", args.baseline_src), ("", None)] if args.baseline_src else [("", None)]
        for fmt in args.formats.split(","):
            for prefix, src in runs:
                out = Path(folder) / f"out-{prefix.strip()}{fmt}"
                body = _EXPORT.format(fmt=fmt, out=str(out), store=str(store))
                seconds, cpu, peak = child(body, src)
                size = (
                    sum(f.stat().st_size for f in out.iterdir())
                    if out.is_dir()
                    else out.stat().st_size
                )
                name, now = prefix + fmt, one_minute_load()
                results[name] = {
                    "seconds": seconds,
                    "cpu_seconds": cpu,
                    "peak_mb": peak,
                    "output_mb": size / 2**20,
                    "load": now,
                }
                print(
                    f"{name:>24} {seconds:7.1f} s {cpu:7.1f} s CPU {peak:7.0f} MB peak "
                    f"{size / 2**20:7.1f} MB out  load {now}",
                    flush=True,
                )
    load = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else []
    print(
        f"{quads:,} quads; floor {floor[0]:.1f} s ({floor[1]:.1f} s CPU) {floor[2]:.0f} MB; "
        f"load {' '.join(load)}"
    )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"quads": quads, "results": results}, indent=2))


if __name__ == "__main__":
    main()
