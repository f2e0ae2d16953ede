"""An ingest of 1,000 generated bad files among 40 good documents, against the 40 alone,
in the same run.

    python bench/bench_bad_input.py [--bad 1000] [--good 40] [--heavy 3] [--json FILE]

The bad files are every class of :mod:`tests.ingest.bad_files` in turn (``--heavy`` of
each costly class: 1.2 M characters of text, a 300 MiB DOCX zip bomb, a page with
200,000 attributes on one element); the good ones are the first ``--good`` documents of
``corpus/`` and ``corpus/zh``. Each ingest is ``plangraph ingest FOLDER -q`` in a
process of its own, into a fresh store; the figures are its wall time and peak RSS
(``ru_maxrss`` of the child), and what it stored, failed and printed. The baseline is the
same good documents without the bad files: the difference is what the bad files cost.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.ingest.bad_files import write_bad_files  # noqa: E402

from plangraph.ingest import FORMATS  # noqa: E402


def good_documents(count: int) -> list[Path]:
    found = [
        p
        for folder in (ROOT / "corpus", ROOT / "corpus" / "zh")
        for p in sorted(folder.iterdir())
        if p.is_file() and p.suffix in FORMATS and p.stem.upper() != "README"
    ]
    return found[:count]


def run(folder: Path, store: Path) -> dict[str, float | int]:
    """One ingest in a child process: its wall time, peak RSS and report."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "plangraph", "ingest", str(folder), "-q", "--store", str(store)],
        capture_output=True,
        text=True,
        errors="surrogateescape",
    )
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    lines = done.stderr.splitlines()
    return {
        "exit": done.returncode,
        "seconds": round(seconds, 2),
        # ru_maxrss of children is the largest child so far: run the smaller job first
        "peak_rss_mib": round(max(peak, before) / 1024, 1),
        "lines": len(lines),
        "tracebacks": done.stderr.count("Traceback"),
        "summary": lines[-1] if lines else "",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bad", type=int, default=1000)
    parser.add_argument("--good", type=int, default=40)
    parser.add_argument("--heavy", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-bad-"))
    try:
        good = good_documents(args.good)
        alone, mixed = work / "good", work / "mixed"
        alone.mkdir()
        for path in good:
            shutil.copy(path, alone / path.name)
        shutil.copytree(alone, mixed)
        bad = write_bad_files(mixed, args.bad, heavy=args.heavy)
        results = {
            "good_documents": len(good),
            "bad_files": len(bad),
            "bad_bytes": sum(p.lstat().st_size for p in bad),
            "load_average": os.getloadavg(),
            "baseline": run(alone, work / "store-good"),
            "mixed": run(mixed, work / "store-mixed"),
        }
        base, mix = results["baseline"], results["mixed"]
        assert isinstance(base, dict) and isinstance(mix, dict)
        results["time_ratio"] = round(mix["seconds"] / base["seconds"], 2)
        print(json.dumps(results, indent=2))
        if args.json:
            args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
