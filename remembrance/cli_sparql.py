"""SPARQL commands of the ``remembrance`` CLI: query, serve, export, diff.

Registered on the same Typer ``app`` as the other commands (imported at the end of cli.py).

Output of ``query`` and the graph version: SPARQL JSON carries the version of the graph that
answered (the ``build`` graph's ``rem:graphVersion``) in ``head.link`` as
``urn:remembrance:graph-version:<version>``; CSV carries it only with ``--stamp``, as a first
line ``# graph version: <version>`` (read it with ``pandas.read_csv(…, comment="#")``).
"""

from __future__ import annotations

import json
import signal
import sys
import threading
from collections.abc import Callable
from contextlib import nullcontext
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rdflib.query import Result
from rich.console import Console
from rich.table import Table

from remembrance.cli_app import (
    EndpointOption,
    OutFileOption,
    ParamOption,
    StoreOption,
    _store_path,
    app,
    console,
    output,
)
from remembrance.cli_curate import CurationOption, unbuilt_warning
from remembrance.config import QUERY_LIMITS, QueryLimits
from remembrance.graph.row_limit import limit_rows
from remembrance.graph.store import Store, StoreError
from remembrance.graph.stores import open_store
from remembrance.pipelines.errors import InputError

T = TypeVar("T")


class QueryFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    ttl = "ttl"


class ExportFormat(StrEnum):
    trig = "trig"
    nquads = "nquads"
    jsonld = "jsonld"
    ttl = "ttl"


def _open(store: Path | None, endpoint: str | None = None) -> Store:
    return open_store(endpoint or _store_path(store))


def _read_query(text: str) -> str:
    path = Path(text)
    if len(text) < 255 and path.suffix in {".rq", ".sparql"}:
        if not path.is_file():
            raise InputError(f"{path}: no such query file")
        return path.read_text(encoding="utf-8")
    return text


def _parameters(pairs: list[str]) -> dict[str, str]:
    values = {}
    for pair in pairs:
        key, equals, value = pair.partition("=")
        if not equals or not key:
            raise InputError(f"--param {pair!r}: expected NAME=VALUE")
        values[key.strip()] = value
    return values


def with_timeout(seconds: float, work: Callable[[], T]) -> T:
    """The result of `work`, or a StoreError after `seconds`. The abandoned work goes on in a
    daemon thread until the process exits: for the command line only."""
    outcome: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(work())
        except BaseException as error:  # handed to the caller
            failure.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        raise StoreError(f"the query did not finish in {seconds:g} s (--timeout); stopped")
    if failure:
        raise failure[0]
    return outcome[0]


def graph_version(store: Store) -> str | None:
    """The version of the graph in `store`, from its ``build`` graph."""
    from remembrance.graph.build import BUILD_GRAPH
    from remembrance.iris import system_graph

    build = system_graph(BUILD_GRAPH).n3()
    rows = list(store.query(f"SELECT ?v WHERE {{ GRAPH {build} {{ ?b rem:graphVersion ?v }} }}"))
    return str(rows[0][0]) if rows else None


def _print_catalogue() -> None:
    from remembrance.graph.catalogue import LEVELS, load_catalogue

    out = Console()
    queries = load_catalogue().values()
    for level in LEVELS:
        out.rule(f"[bold]{level}")
        for entry in (q for q in queries if q.level == level):
            other = next((lang for lang in ("fr", "nl") if lang in entry.titles), None)
            out.print(
                f"[bold cyan]{entry.name}[/]  {entry.title}"
                + (f"  [dim]/ {entry.titles[other]}[/]" if other else "")
            )
            out.print(f"    {entry.description}", highlight=False)
            if other and other in entry.descriptions:
                out.print(f"    [dim]{entry.descriptions[other]}[/]", highlight=False)
            for p in entry.parameters:
                default = "any" if p.default is None else p.default
                out.print(f"    --param {p.name}=<{p.type}>  {p.description} (default: {default})")


def _write_result(result: Result, format: QueryFormat, version: str | None, stamp: bool) -> None:
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        if format is not QueryFormat.ttl:
            raise InputError(f"a {result.type} query gives a graph: use --format ttl")
        assert result.graph is not None
        from remembrance.graph.rdf import bind_prefixes

        bind_prefixes(result.graph)
        sys.stdout.write(result.graph.serialize(format="turtle"))
        return
    if format is QueryFormat.ttl:
        raise InputError("--format ttl is for CONSTRUCT queries; use table, csv or json")
    if format is QueryFormat.table or (result.type == "ASK" and format is QueryFormat.csv):
        if result.type == "ASK":
            output().print(str(result.askAnswer).lower())
            return
        table = Table(*[str(v) for v in result.vars or []])
        for row in result.bindings:
            table.add_row(*["" if row.get(v) is None else str(row[v]) for v in result.vars or []])
        output().print(table)
        return
    if format is QueryFormat.json:
        data = json.loads(result.serialize(format="json") or b"{}")
        if version:
            data.setdefault("head", {})["link"] = [f"urn:remembrance:graph-version:{version}"]
        sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
        return
    if stamp and version:
        sys.stdout.write(f"# graph version: {version}\n")
    sys.stdout.write((result.serialize(format="csv") or b"").decode("utf-8"))


@app.command()
def query(
    sparql: Annotated[
        str | None, typer.Argument(help="A SPARQL query, or a .rq/.sparql file.")
    ] = None,
    name: Annotated[
        str | None, typer.Option("--name", "-n", help="Run a named query of the catalogue.")
    ] = None,
    param: ParamOption = None,
    list_: Annotated[
        bool, typer.Option("--list", help="List the named queries, by level.")
    ] = False,
    limit: Annotated[
        int | None, typer.Option(help="At most N rows (a LIMIT on the SELECT query).", min=0)
    ] = None,
    timeout: Annotated[
        float, typer.Option(help="Stop the query after SECONDS.", min=0.001)
    ] = QUERY_LIMITS.timeout,
    format: Annotated[QueryFormat, typer.Option("--format", "-f", help="Output format.")] = (
        QueryFormat.table
    ),
    stamp: Annotated[bool, typer.Option(help="CSV: first line '# graph version: …'.")] = False,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
    curation: CurationOption = None,
) -> None:
    """Run a SPARQL query, or a named one (--name, see --list).

    The prefixes rem:, ent:, rdf:, rdfs:, xsd:, skos:, prov:, dcterms:, schema:, crm: and owl:
    need no declaration; queries see the union of all graphs. Example:
    remembrance query --name mentions --param entity=ent:comet-line --format csv
    """
    if list_:
        _print_catalogue()
        return
    if (sparql is None) == (name is None):
        raise InputError("give a SPARQL query (or file) or --name NAME, not both; see --list")
    if name is not None:
        from remembrance.graph.catalogue import named_query

        text = named_query(name).bound(_parameters(param or []))
    else:
        if param:
            raise InputError("--param binds the parameters of a named query (--name)")
        text = _read_query(str(sparql))
    if limit is not None:
        text = limit_rows(text, limit)
    with _open(store, endpoint) as source:
        unbuilt_warning(source, curation, endpoint or _store_path(store))
        result = with_timeout(timeout, lambda: source.query(text))
        _write_result(result, format, graph_version(source), stamp)


@app.command()
def serve(
    store: StoreOption = None,
    port: Annotated[int, typer.Option(help="TCP port.")] = 7878,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    writable: Annotated[
        bool, typer.Option(help="Accept SPARQL Update and Graph Store writes.")
    ] = False,
    timeout: Annotated[
        float, typer.Option(help="Stop a query after SECONDS (answer 504).", min=0.1)
    ] = QUERY_LIMITS.timeout,
    max_bytes: Annotated[
        int, typer.Option(help="Refuse an answer larger than BYTES (answer 507).", min=1)
    ] = QUERY_LIMITS.max_bytes,
    workers: Annotated[
        int,
        typer.Option(help="Queries answered at once (one process each; 1 if --writable).", min=1),
    ] = QUERY_LIMITS.workers,
) -> None:
    """Serve the store as a SPARQL 1.1 endpoint (real 'oxigraph' servers behind a gateway),
    read-only by default.

    Queries see the union of all graphs. A query still running after --timeout is stopped (its
    process killed) and answered 504; an answer over --max-bytes is refused with 507; errors
    are one line of text. A read-only server shows the store as it was when it started:
    restart it after a build. A --writable server holds the store's writer lock: builds wait
    for it to stop, and it does not start while a build runs.
    """
    from remembrance.graph.endpoint import endpoint
    from remembrance.graph.store import EmbeddedStore, writer_lock

    root = _store_path(store)
    if writable:
        EmbeddedStore(root, read_only=False).close()  # creates an empty store if there is none
    limits = QueryLimits(timeout, max_bytes, 1 if writable else workers)
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stop the children on TERM too
    with (
        writer_lock(root) if writable else nullcontext(),
        endpoint(
            root / EmbeddedStore.CURRENT, host=host, port=port, writable=writable, limits=limits
        ) as server,
    ):
        query_url = f"{server.url}/query"
        lines = [
            f"SPARQL endpoint {query_url} ({'read-write' if writable else 'read-only'}, "
            f"union default graph; timeout {timeout:g} s, answers up to {max_bytes} bytes, "
            f"{limits.workers} at once); Ctrl-C stops it.",
            "Queries sent straight to the server must declare their prefixes "
            "('remembrance query' adds them):",
            f"  curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE {{ ?s ?p ?o }} "
            f"LIMIT 5' {query_url}",
            f"  Python: SPARQLWrapper('{query_url}'), setReturnFormat(JSON), query().convert()",
            f"  YASGUI (https://yasgui.triply.cc): set the endpoint to {query_url}",
            f"  remembrance query --endpoint {server.url} --name entities-by-category",
        ]
        console.print("\n".join(lines), highlight=False, soft_wrap=True)
        try:
            server.process.wait()
        except KeyboardInterrupt:
            console.print("stopped")


@app.command()
def export(
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ExportFormat.trig
    ),
    graph: Annotated[str | None, typer.Option(help="Only this named graph (an IRI).")] = None,
    out: OutFileOption = None,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
    curation: CurationOption = None,
) -> None:
    """Export the named graphs: TriG, N-Quads, JSON-LD (project context) or Turtle (merged).

    The curation graph (BASE/graph/curation: the corrections, who, when, why) is one of them;
    a warning says when the curation folder holds corrections the store was not built with."""
    from remembrance.graph.datasets import read_dataset, serialize

    with _open(store, endpoint) as source:
        unbuilt_warning(source, curation, endpoint or _store_path(store))
        text = serialize(read_dataset(source, graph), format.value)
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")


@app.command()
def diff(
    before: Annotated[
        str | None, typer.Argument(help="A store directory or SPARQL endpoint URL.")
    ] = None,
    after: Annotated[str | None, typer.Argument(help="Another one.")] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Print the triples too.")
    ] = False,
    correction: Annotated[
        str | None,
        typer.Option(help="Show what this correction (id) changed in --store instead."),
    ] = None,
    store: StoreOption = None,
    curation: CurationOption = None,
) -> None:
    """Per named graph, the triples AFTER adds (+) and removes (-) compared with BEFORE.

    With --correction ID: per named graph, what the machine said (-) and the correction decided
    (+), from one store (ids: 'remembrance curate list')."""
    from remembrance.graph.datasets import diff as graph_diff

    if correction is not None:
        if before or after:
            raise InputError("--correction reads one store (--store); give no BEFORE/AFTER")
        _correction_effect(_store_path(store), curation, correction)
        return
    if before is None or after is None:
        raise InputError("give BEFORE and AFTER stores, or --correction ID")
    with open_store(before) as old, open_store(after) as new:
        changes = graph_diff(old, new)
    out = output()
    for change in changes:
        out.print(f"{change.graph}  +{len(change.added)} -{len(change.removed)}", soft_wrap=True)
        if verbose:
            for sign, graph in (("+", change.added), ("-", change.removed)):
                for line in sorted(graph.serialize(format="nt").splitlines()):
                    if line.strip():
                        out.print(f"  {sign} {line}", soft_wrap=True, highlight=False)
    out.print(f"{len(changes)} named graph(s) differ")


def _correction_effect(location: Path, folder: Path | None, correction: str) -> None:
    from remembrance.graph.curation import curation_folder, load_curation
    from remembrance.graph.curation_rdf import correction_effect

    corrections = load_curation(curation_folder(folder, location))
    with open_store(location) as source:
        changes = correction_effect(source, corrections, correction)
    out = output()
    for graph, sign, triple in changes:
        out.print(f"{graph}  {sign} {triple}", soft_wrap=True, highlight=False)
    out.print(f"{len(changes)} triple(s) changed by correction {correction}")
