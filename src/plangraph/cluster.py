"""Ingest on a Dask cluster: the NLP and graph building run on the workers, this process
writes.

``plangraph ingest PATHS --dask tcp://scheduler:8786`` uses the workers of a running
cluster; ``--workers N`` starts a local cluster of N worker processes for the run.
:class:`DaskExecutor` is an :class:`plangraph.workflow.Executor`: the ingest reads the
files, skips the unchanged ones and writes every graph exactly as a local ingest does;
only where the NLP runs differs.

- One task per document, its key made from the document's name and text hash; a task
  is pure, so the scheduler runs it again elsewhere when a worker dies, and nothing is
  written until its whole result is here.
- Bounded work in flight: at most ``window`` tasks submitted and not yet finished (two
  per worker thread by default), and at most four windows' worth of results waiting to
  be written, so memory stays flat however many documents there are.
- Results are yielded in the order of the documents, so the store gets the same graph
  as from a local ingest (the writer settles actor types in that order).
- Each worker process builds each language's pipeline once (:mod:`plangraph.nlp.dispatch`
  caches them) and sends back the extraction with its graph as N-Triples.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from plangraph.errors import PlangraphError
from plangraph.model import Document
from plangraph.workflow import Extracted, Failed, Outcome

__all__ = ["ClusterError", "DaskExecutor", "connect", "extract_on_worker"]


class ClusterError(PlangraphError):
    """The Dask cluster could not be reached or started."""


def extract_on_worker(document: Document) -> Extracted:
    """On a worker: the document's extraction and its graph as N-Triples."""
    from plangraph.graph.build import extraction_ntriples
    from plangraph.nlp.dispatch import extract_documents

    # the pipeline of the document's language, as a local ingest runs it
    extraction = next(extract_documents([document]))
    return Extracted(extraction, extraction_ntriples(extraction))


def warm_up() -> bool:
    """On a worker: build the English pipeline before the first document arrives (the
    Chinese one is built with the first Chinese document)."""
    from plangraph.nlp.pipeline import load

    load()
    return True


# How plangraph runs a cluster of its own (``--workers``); the same settings suit the
# workers of a cluster started by hand (docs/scaling-out.md shows them as a config file).
LOCAL_SETTINGS = {
    # Dask starts workers with MALLOC_TRIM_THRESHOLD_=65536 to hand memory back sooner; it
    # fixes glibc's thresholds, and spaCy, which allocates and frees without pause, then
    # spends about 15 % more CPU per document. Our workers hold little between tasks.
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    # the statistical profiler samples every worker thread's stack every 10 ms
    "distributed.worker.profile.enabled": False,
    # tasks are alike and at most two per thread are queued: nothing worth stealing
    "distributed.scheduler.work-stealing": False,
    "distributed.admin.system-monitor.interval": "2s",
    # every scheduler, nanny and worker wakes every 20 ms to check that its event loop is
    # not blocked, and each nanny reads its worker's memory every 100 ms: with both at
    # 1 s, an idle local cluster of two workers costs 2 % of a core instead of 10 %
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
}


def _key(document: Document) -> str:
    return f"plangraph-extract-{document.doc_id}-{document.sha256[:16]}"


@dataclass
class DaskExecutor:
    """Runs :func:`extract_on_worker` on a cluster's workers through ``client``."""

    client: Any  # distributed.Client
    window: int | None = None

    def slots(self) -> int:
        """Tasks in flight at once: ``window``, else two per worker thread."""
        if self.window:
            return self.window
        threads = int(sum(self.client.nthreads().values()))
        return max(2, 2 * threads)

    def run(self, documents: Sequence[Document]) -> Iterator[Outcome]:
        from distributed import as_completed

        if not documents:
            return
        window = self.slots()
        finished = as_completed()
        positions: dict[str, int] = {}
        ready: dict[int, Outcome] = {}
        submitted = emitted = 0

        def fill() -> None:
            nonlocal submitted
            while (
                submitted < len(documents)
                and len(positions) < window
                and len(positions) + len(ready) < 4 * window
            ):
                document = documents[submitted]
                future = self.client.submit(
                    extract_on_worker, document, key=_key(document), pure=True
                )
                positions[future.key] = submitted
                finished.add(future)
                submitted += 1

        fill()
        for future in finished:
            index = positions.pop(future.key)
            document = documents[index]
            try:
                outcome: Outcome = future.result()
            except Exception as error:  # raised on a worker or by the scheduler (KilledWorker)
                reason = str(error).strip().splitlines()[0] if str(error).strip() else ""
                outcome = Failed(
                    document,
                    f"{document.source}: extraction failed on the cluster "
                    f"({type(error).__name__}{': ' + reason if reason else ''})",
                )
            future.release()
            ready[index] = outcome
            while emitted in ready:
                yield ready.pop(emitted)
                emitted += 1
            fill()


@contextlib.contextmanager
def connect(address: str | None = None, *, workers: int | None = None) -> Iterator[DaskExecutor]:
    """An executor on the cluster at ``address``, or on a local cluster of ``workers``
    processes (one thread each) that lives as long as the ``with`` block."""
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError:
        raise ClusterError(
            "Dask is not installed; install plangraph's scale extra: pip install 'plangraph[scale]'"
        ) from None
    if (address is None) == (workers is None):
        raise ClusterError("give either a scheduler address (--dask) or a number of --workers")
    with contextlib.ExitStack() as stack:
        if address is not None:
            try:
                client = stack.enter_context(Client(address))  # dask's connect timeout, 30 s
            except (OSError, TimeoutError, ValueError) as error:
                raise ClusterError(
                    f"{address}: cannot reach the Dask scheduler ({_first_line(error)}); "
                    "expected a running scheduler such as tcp://host:8786"
                ) from None
        else:
            assert workers is not None
            dask.config.set(LOCAL_SETTINGS)
            cluster = stack.enter_context(
                LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address="127.0.0.1:0",  # loopback, any free port
                    silence_logs=logging.CRITICAL,  # shutdown heartbeats are noise
                )
            )
            client = stack.enter_context(Client(cluster))
        try:
            client.run(warm_up)
        except (ImportError, OSError, PlangraphError) as error:
            raise ClusterError(
                f"a Dask worker cannot run plangraph ({_first_line(error)}); install "
                "plangraph, its model and the same Python packages on every worker"
            ) from None
        yield DaskExecutor(client)


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
