"""The ``plangraph`` command: each command parses its options and calls one library function.

Errors plangraph raises on purpose become one line on stderr and exit status 1.
"""

from __future__ import annotations

import os
import sys
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from plangraph.errors import PlangraphError, one_line

if TYPE_CHECKING:
    from plangraph.evaluation import Score
    from plangraph.store.base import Store
    from plangraph.workflow import Executor, IngestReport

app = typer.Typer(
    name="plangraph",
    help="Turn policy documents into a knowledge graph and ask it questions.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True, highlight=False, soft_wrap=True)

StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        "-s",
        help="Store folder, or a SPARQL server's URL such as http://host:7878/ "
        "(default: $PLANGRAPH_STORE or ./plangraph-store).",
    ),
]


def fail(message: str) -> NoReturn:
    err.print(f"plangraph: {one_line(message)}", markup=False)
    raise typer.Exit(1)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to ingest.")],
    store: StoreOption = None,
    processes: Annotated[
        int, typer.Option("--processes", "-j", min=1, help="Worker processes for the NLP.")
    ] = 1,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask", help="Run the NLP on the Dask cluster at this scheduler (tcp://host:8786)."
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", min=1, help="Run the NLP on a local Dask cluster of N processes."
        ),
    ] = None,
) -> None:
    """Read, extract and store documents (txt, md, html, pdf, docx); unchanged ones are skipped."""
    import contextlib

    from plangraph.store import open_store

    if dask is not None and workers is not None:
        fail("give --dask ADDRESS or --workers N, not both")
    if (dask is not None or workers is not None) and processes != 1:
        fail("--processes is for a local ingest; with --dask or --workers the cluster runs the NLP")
    target = open_store(store)
    with contextlib.ExitStack() as stack:
        executor = None
        if dask is not None or workers is not None:
            from plangraph.cluster import connect

            executor = stack.enter_context(connect(dask, workers=workers))
        report = _ingest_with_progress(paths, target, processes, quiet, executor)
    target.close()
    for _, message in report.failed:
        err.print(f"plangraph: {one_line(message)}", markup=False)
    rate = report.words / report.seconds if report.seconds else 0.0
    err.print(
        f"{len(report.added)} added, {len(report.replaced)} replaced, "
        f"{len(report.unchanged)} unchanged, {len(report.failed)} failed; "
        f"{report.words} words in {report.seconds:.1f} s ({rate:,.0f} words/s) "
        f"into {target.location}",
        markup=False,
    )
    if not report.ok:
        raise typer.Exit(1)


def _ingest_with_progress(
    paths: list[Path], target: Store, processes: int, quiet: bool, executor: Executor | None
) -> IngestReport:
    from plangraph.workflow import ingest as run_ingest

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err, disable=quiet or not err.is_terminal) as bar:
        task = bar.add_task("ingesting", total=None)

        def progress(name: str, done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, description=name[:40])

        return run_ingest(paths, target, n_process=processes, progress=progress, executor=executor)


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="One document.")],
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="nquads, trig, turtle, jsonld or nt.")
    ] = "turtle",
) -> None:
    """Extract one document and print its graph; nothing is stored."""
    from plangraph.graph.dataset import document_dataset
    from plangraph.workflow import extract_file

    document, graph = extract_file(file)
    sys.stdout.write(document_dataset(document, graph, fmt))


@app.command()
def query(
    sparql: Annotated[str | None, typer.Argument(help="A SPARQL query.")] = None,
    file: Annotated[
        Path | None, typer.Option("--file", "-f", help="Read the query from a file.")
    ] = None,
    name: Annotated[str | None, typer.Option("--name", "-n", help="A library query.")] = None,
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="key=value for --name.")
    ] = None,
    list_queries: Annotated[bool, typer.Option("--list", help="List library queries.")] = False,
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            min=0,
            help="Rows of a --name query to show (default: its page size; 0: every row).",
        ),
    ] = None,
    offset: Annotated[
        int, typer.Option("--offset", min=0, help="Rows of a --name query to skip.")
    ] = 0,
    store: StoreOption = None,
) -> None:
    """Ask the store a SPARQL query (SELECT, ASK, CONSTRUCT) or a named library query."""
    from plangraph import query as library
    from plangraph.query.format import render
    from plangraph.store import open_store

    if list_queries:
        table = Table("name", "parameters", "description", box=None)
        for q in library.library().values():
            table.add_row(
                q.name, " ".join(f"{p.name}:{p.type}" for p in q.parameters), q.description
            )
        out.print(table)
        return
    chosen = [x for x in (sparql, file, name) if x is not None]
    if len(chosen) != 1:
        fail("give exactly one of: a SPARQL query, --file FILE, --name NAME (see --list)")
    target = open_store(store, read_only=True)
    if name is not None:
        params = {}
        for item in param or []:
            key, sep, value = item.partition("=")
            if not sep:
                fail(f"--param {item!r}: expected key=value")
            params[key] = value
        result = library.run_named(target, name, params, limit=limit, offset=offset)
    else:
        text = sparql
        if file is not None:
            try:
                text = file.read_text("utf-8")
            except OSError as error:
                fail(f"{file}: cannot read ({error.strerror})")
        assert text is not None
        result = target.query(text)
    if fmt == "table":
        print_table(result)
    else:
        sys.stdout.write(render(result, fmt))
    _say_page(result)


def _say_page(result: object) -> None:
    """On stderr, which rows of how many a paged answer holds, and how to get the next."""
    from plangraph.store.base import SelectResult

    if isinstance(result, SelectResult) and result.total is not None:
        first, last = result.offset + 1, result.offset + len(result.rows)
        shown = f"rows {first}-{last}" if result.rows else "no rows"
        more = f"; --offset {last} for more, --limit 0 for all" if last < result.total else ""
        err.print(f"{shown} of {result.total}{more}", markup=False)


def print_table(result: object) -> None:
    from rdflib import Graph

    from plangraph.query.format import to_table
    from plangraph.store.base import SelectResult

    if isinstance(result, bool):
        out.print("true" if result else "false")
    elif isinstance(result, Graph):
        sys.stdout.write(result.serialize(format="turtle"))
    elif isinstance(result, SelectResult):
        sys.stdout.write(to_table(result))
        if result.total is None:
            err.print(f"{len(result.rows)} rows", markup=False)


@app.command()
def export(
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="nquads, trig, turtle, jsonld, nt, xml; or a view of the graph: graphml, "
            "gexf (Gephi), cytoscape (JSON), csv (a folder of tables), dot, html (one page).",
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Output file, or folder for csv (default: standard output)."
        ),
    ] = None,
    plan: Annotated[
        str | None, typer.Option("--plan", help="View one plan (IRI or label).")
    ] = None,
    region: Annotated[
        str | None, typer.Option("--region", help="View one region, its places and plans.")
    ] = None,
    actor: Annotated[
        str | None, typer.Option("--actor", help="View an actor's neighbourhood (see --radius).")
    ] = None,
    radius: Annotated[
        int, typer.Option("--radius", min=0, help="Links around --actor to include.")
    ] = 1,
    cooccurrence: Annotated[
        bool,
        typer.Option(
            "--cooccurrence", help="Actors linked when named in the same document (weighted)."
        ),
    ] = False,
    construct: Annotated[
        Path | None,
        typer.Option(
            "--construct", help="A file with a SPARQL CONSTRUCT whose triples are the view."
        ),
    ] = None,
    store: StoreOption = None,
) -> None:
    """Export the whole store as RDF, or a view of its graph for Gephi, Cytoscape, a
    spreadsheet, Graphviz or a browser."""
    from plangraph.export import export as run_export
    from plangraph.export.view import Selection
    from plangraph.store import open_store

    query = None
    if construct is not None:
        try:
            query = construct.read_text("utf-8")
        except OSError as error:
            fail(f"{construct}: cannot read ({error.strerror})")
    selection = Selection(
        plan=plan,
        region=region,
        actor=actor,
        radius=radius,
        cooccurrence=cooccurrence,
        construct=query,
    )
    data = run_export(
        open_store(store, read_only=True),
        fmt,
        output,
        selection=selection,
        stream=sys.stdout.buffer,
    )
    if data is not None:
        sys.stdout.buffer.write(data)


@app.command()
def validate(store: StoreOption = None) -> None:
    """Check every document graph and their union against ontology/shapes.ttl (SHACL)."""
    from plangraph.graph.dataset import validate_store
    from plangraph.store import open_store

    failures = 0
    for name, report in validate_store(open_store(store, read_only=True)):
        if report.conforms:
            continue
        failures += 1
        for line in report.results:
            err.print(f"{name}: {line}", markup=False)
    if failures:
        fail(f"{failures} graph(s) do not conform to the shapes")
    err.print("every graph conforms to the shapes", markup=False)


@app.command()
def stats(store: StoreOption = None) -> None:
    """Count documents, plans, actors, targets, measures and quads in the store."""
    from plangraph.store import open_store
    from plangraph.workflow import stats as count

    table = Table("class", "count", box=None)
    for kind, n in sorted(count(open_store(store, read_only=True)).items()):
        table.add_row(kind, str(n))
    out.print(table)


@app.command()
def remove(
    documents: Annotated[list[str], typer.Argument(help="Document ids or file paths.")],
    store: StoreOption = None,
) -> None:
    """Remove documents (their named graphs) from the store."""
    from plangraph.store import open_store
    from plangraph.workflow import remove as run_remove

    missing = run_remove(documents, open_store(store))
    if missing:
        fail(f"not in the store: {', '.join(missing)}")


@app.command()
def load(
    path: Annotated[Path, typer.Argument(help="An export: GRAPH.nq (N-Quads) or GRAPH.trig.")],
    store: StoreOption = None,
) -> None:
    """Load an export into the store (a backup, or a graph from another store), then
    rebuild the links between targets."""
    from plangraph.load import load as run_load
    from plangraph.store import open_store

    report = run_load(path, open_store(store))
    err.print(f"{report.graphs} graphs, {report.quads} quads loaded", markup=False)


@app.command(name="eval")
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Folder of gold files (GOLD-SCHEMA.md).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for machines.")] = False,
    processes: Annotated[int, typer.Option("--processes", "-j", min=1)] = 1,
) -> None:
    """Extract every gold document and report precision, recall and F1 per kind of fact."""
    import json

    from plangraph.evaluation import evaluate as run_evaluation

    result = run_evaluation(gold, n_process=processes)
    if as_json:
        sys.stdout.write(json.dumps(result.as_dict(), indent=2) + "\n")
        return
    table = Table("document", "actors F1", "targets F1", "measures F1", box=None)
    for doc in result.documents:
        table.add_row(doc.id, *(_f1_cell(sc) for sc in (doc.actors, doc.targets, doc.measures)))
    out.print(table)
    summary = Table("micro", "P", "R", "F1", "TP", "FP", "missed", box=None)
    for kind, sc in (
        ("actors", result.actors),
        ("targets", result.targets),
        ("measures", result.measures),
    ):
        summary.add_row(
            kind,
            f"{sc.precision:.3f}",
            f"{sc.recall:.3f}",
            f"{sc.f1:.3f}",
            str(sc.tp),
            str(sc.fp),
            str(sc.missed),
        )
    out.print(summary)
    fields = ", ".join(f"{k} {v:.3f}" for k, v in result.field_accuracy().items() if v is not None)
    out.print(f"target field accuracy: {fields}")
    if (types := result.type_accuracy()) is not None:
        out.print(f"actor type accuracy: {types:.3f}")
    out.print(f"statistics reported as targets: {result.targets.statistics_as_targets}")


@app.command()
def chart(
    kind: Annotated[
        str,
        typer.Argument(
            help="targets (by region and deadline year), metric (one metric across regions), "
            "cooccurrence (actor network) or measures (by category and region)."
        ),
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="FILE.png or FILE.svg.")],
    metric: Annotated[
        str | None,
        typer.Option("--metric", "-m", help="For metric: text the metric contains."),
    ] = None,
    top: Annotated[
        int | None, typer.Option("--top", min=1, help="Most regions or actors to draw.")
    ] = None,
    store: StoreOption = None,
) -> None:
    """Draw a chart of the store for a report (PNG or SVG)."""
    from plangraph.export.charts import chart as draw
    from plangraph.store import open_store

    draw(open_store(store, read_only=True), kind, output, metric=metric, top=top)
    err.print(f"wrote {output}", markup=False)


@app.command()
def serve(
    store: StoreOption = None,
    host: Annotated[
        str,
        typer.Option(
            "--host", help="Address to listen on; anything but loopback exposes the graph."
        ),
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", min=0, max=65535, help="Port (0: any free port).")
    ] = 8765,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, help="Seconds a query may run.")
    ] = 30.0,
    max_rows: Annotated[
        int, typer.Option("--max-rows", min=1, help="Rows (or triples) an answer may have.")
    ] = 100_000,
    max_body: Annotated[
        int, typer.Option("--max-body", min=1024, help="Bytes a request body may have.")
    ] = 1 << 20,
    workers: Annotated[
        int, typer.Option("--workers", min=1, max=64, help="Queries that may run at once.")
    ] = 2,
    max_memory: Annotated[
        int,
        typer.Option("--max-memory", min=256, help="MiB of memory each query worker may use."),
    ] = 2048,
    allow_host: Annotated[
        list[str] | None,
        typer.Option("--allow-host", help="Also answer to this host name (reverse proxy)."),
    ] = None,
    allow_origin: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-origin", help="Let pages from this origin query (CORS), e.g. https://x.org."
        ),
    ] = None,
) -> None:
    """Serve the store read-only: a SPARQL endpoint at /sparql and an explorer page at /."""
    from plangraph.server.app import Settings
    from plangraph.server.app import serve as run_serve
    from plangraph.server.limits import Limits
    from plangraph.store import resolve_location

    settings = Settings(
        resolve_location(store),
        host,
        port,
        Limits(timeout, max_rows, max_body, workers, max_memory << 20),
        tuple(allow_host or ()),
        allowed_origins=tuple(allow_origin or ()),
    )
    run_serve(settings, announce=lambda line: err.print(f"plangraph: {line}", markup=False))


def _f1_cell(score: Score) -> str:
    """F1 to two places; "-" where the gold has nothing and nothing was found."""
    if not (score.tp + score.fp + score.missed + score.optional):
        return "-"
    return f"{score.f1:.2f}"


def main() -> None:
    """Entry point: plangraph's own errors are one line on stderr, never a traceback."""
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    if not os.environ.get("PLANGRAPH_DEBUG"):
        # a library's advice (spaCy, bs4, pypdf) is several lines of source for a
        # developer; the analyst reads one line per problem
        warnings.simplefilter("ignore")
    try:
        app()
    except PlangraphError as error:
        err.print(f"plangraph: {one_line(str(error))}", markup=False)
        sys.exit(1)
    except KeyboardInterrupt:
        err.print("plangraph: interrupted", markup=False)
        sys.exit(130)
    except Exception as error:  # a bug, not bad input: one line, and the trace on request
        if os.environ.get("PLANGRAPH_DEBUG"):
            raise
        err.print(
            f"plangraph: internal error ({type(error).__name__}: {one_line(str(error))}); "
            "rerun with PLANGRAPH_DEBUG=1 for the trace and please report it",
            markup=False,
        )
        sys.exit(2)
