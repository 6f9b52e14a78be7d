"""The ``remembrance`` command line."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from remembrance.config import STORE_ENV, default_store
from remembrance.graph.store import StoreError, open_store
from remembrance.pipelines.errors import InputError

app = typer.Typer(
    help="Build and query a knowledge graph of Belgian WWII resistance and memorials.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
console = Console(stderr=True)


StoreOption = Annotated[
    Path | None,
    typer.Option("--store", help=f"Store directory (default: ${STORE_ENV} or {default_store()})."),
]


def _store_path(store: Path | None) -> Path:
    return store if store is not None else default_store()


def bundled_corpus() -> Path:
    """The corpus shipped with the package."""
    from importlib import resources

    return Path(str(resources.files("remembrance.corpus")))


class ExtractFormat(str, Enum):
    jsonl = "jsonl"
    ttl = "ttl"
    trig = "trig"


class QueryFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    ttl = "ttl"


@app.command()
def build(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Text files or folders (default: the bundled corpus).")
    ] = None,
    store: StoreOption = None,
    prune: Annotated[bool, typer.Option(help="Remove documents that are not in PATHS.")] = False,
) -> None:
    """Build the graph of texts into the store; unchanged documents are skipped."""
    from remembrance.graph.build import build as run_build
    from remembrance.pipelines.reader import collect_paths

    sources = paths or [bundled_corpus()]
    location = _store_path(store)
    total = len(collect_paths(sources))
    with open_store(location, read_only=False) as target:
        with Progress(
            TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=console, transient=True,
        ) as bar:
            task = bar.add_task("extract", total=total)
            report = run_build(sources, target, prune=prune, progress=lambda n: bar.advance(task, n))
        counts = target.query(
            "SELECT (COUNT(DISTINCT ?e) AS ?entities) (COUNT(DISTINCT ?s) AS ?statements) "
            "(COUNT(DISTINCT ?g) AS ?graphs) WHERE { "
            "{ ?m rem:refersTo ?e } UNION { ?s a rem:Statement } UNION { GRAPH ?g { ?x ?y ?z } } }"
        )
        row = next(iter(counts))
    for warning in report.warnings:
        console.print(f"[yellow]warning:[/] {warning}")
    if report.relinked:
        console.print("ontology, authority records or pipeline changed: every document relinked")
    console.print(
        f"store {location}: {report.documents} documents ({report.extracted} extracted, "
        f"{report.skipped} unchanged, {report.removed} removed), {row[0]} entities, "
        f"{row[1]} statements, {row[2]} named graphs, graph version {report.graph_version}, "
        f"{report.seconds:.1f} s"
    )


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Text files or folders.")],
    format: Annotated[ExtractFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ExtractFormat.jsonl
    ),
) -> None:
    """Extract entities, dates and relations from texts, without a store (to standard output)."""
    from remembrance.graph.jsonl import extraction_record
    from remembrance.graph.rdf import extraction_dataset
    from remembrance.pipelines.extract import extract as run_extract
    from remembrance.pipelines.reader import read_documents

    documents = list(read_documents(paths))
    if format is ExtractFormat.jsonl:
        for extraction in run_extract(documents):
            sys.stdout.write(json.dumps(extraction_record(extraction), ensure_ascii=False) + "\n")
        return
    dataset = extraction_dataset(list(run_extract(documents)))
    if format is ExtractFormat.trig:
        sys.stdout.write(dataset.serialize(format="trig"))
    else:
        merged = dataset.graph()
        for graph in dataset.graphs():
            merged += graph
        sys.stdout.write(merged.serialize(format="turtle"))


def _read_query(text: str) -> str:
    path = Path(text)
    if len(text) < 255 and path.suffix in {".rq", ".sparql"}:
        if not path.is_file():
            raise InputError(f"{path}: no such query file")
        return path.read_text(encoding="utf-8")
    return text


@app.command()
def query(
    sparql: Annotated[str, typer.Argument(help="A SPARQL query, or a .rq/.sparql file.")],
    store: StoreOption = None,
    format: Annotated[QueryFormat, typer.Option("--format", "-f", help="Output format.")] = (
        QueryFormat.table
    ),
) -> None:
    """Run a SPARQL query; the prefixes rem:, ent:, rdfs:, skos:, prov:, … need no declaration."""
    with open_store(_store_path(store)) as source:
        result = source.query(_read_query(sparql))
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            if format not in (QueryFormat.ttl,):
                raise InputError(f"a {result.type} query gives a graph: use --format ttl")
            assert result.graph is not None
            sys.stdout.write(result.graph.serialize(format="turtle"))
            return
        if format is QueryFormat.ttl:
            raise InputError("--format ttl is for CONSTRUCT queries; use table, csv or json")
        if format is QueryFormat.table:
            if result.type == "ASK":
                Console().print(str(result.askAnswer).lower())
                return
            table = Table(*[str(v) for v in result.vars or []])
            for row in result:
                table.add_row(*["" if value is None else str(value) for value in row])  # type: ignore[union-attr]
            Console().print(table)
            return
        sys.stdout.write(result.serialize(format=format.value).decode("utf-8"))


def main() -> None:
    """Entry point: known errors become one line on standard error and exit status 2."""
    try:
        app()
    except (InputError, StoreError, ValueError, OSError) as error:
        console.print(f"[red]error:[/] {error}", highlight=False, soft_wrap=True)
        sys.exit(2)
