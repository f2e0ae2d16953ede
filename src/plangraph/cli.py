"""The ``plangraph`` command: each command parses its options and calls one library function.

Errors plangraph raises on purpose become one line on stderr and exit status 1.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from plangraph.errors import PlangraphError

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
        "--store", "-s", help="Store folder (default: $PLANGRAPH_STORE or ./plangraph-store)."
    ),
]


def fail(message: str) -> NoReturn:
    err.print(f"plangraph: {message}", markup=False)
    raise typer.Exit(1)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to ingest.")],
    store: StoreOption = None,
    processes: Annotated[
        int, typer.Option("--processes", "-j", min=1, help="spaCy worker processes.")
    ] = 1,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Read, extract and store documents (txt, md, html, pdf, docx); unchanged ones are skipped."""
    from plangraph.store import open_store
    from plangraph.workflow import ingest as run_ingest

    target = open_store(store)
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

        report = run_ingest(paths, target, n_process=processes, progress=progress)
    target.close()
    for _, message in report.failed:
        err.print(f"plangraph: {message}", markup=False)
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
        result = library.run_named(target, name, params)
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


def print_table(result: object) -> None:
    from rdflib import Graph

    from plangraph.query.format import cell
    from plangraph.store.base import SelectResult

    if isinstance(result, bool):
        out.print("true" if result else "false")
    elif isinstance(result, Graph):
        sys.stdout.write(result.serialize(format="turtle"))
    elif isinstance(result, SelectResult):
        table = Table(*result.variables, show_lines=False)
        for row in result.rows:
            table.add_row(*(cell(v) for v in row))
        out.print(table)
        err.print(f"{len(result.rows)} rows", markup=False)


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="Export format.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Output file (default: standard output).")
    ] = None,
    store: StoreOption = None,
) -> None:
    """Export the whole store (RDF formats and, see --help, visual formats)."""
    from plangraph.export import export as run_export
    from plangraph.store import open_store

    data = run_export(open_store(store, read_only=True), fmt, output)
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


def main() -> None:
    """Entry point: plangraph's own errors are one line on stderr, never a traceback."""
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        app()
    except PlangraphError as error:
        err.print(f"plangraph: {error}", markup=False)
        sys.exit(1)
    except KeyboardInterrupt:
        err.print("plangraph: interrupted", markup=False)
        sys.exit(130)
