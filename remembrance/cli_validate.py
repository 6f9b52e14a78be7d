"""``remembrance validate``: check the store against the SHACL shapes."""

from __future__ import annotations

import typer
from rich.table import Table

from remembrance.cli_app import StoreOption, _store_path, app, console, output
from remembrance.cli_curate import CurationOption, unbuilt_warning
from remembrance.config import base_iri
from remembrance.graph.stores import open_store


@app.command()
def validate(store: StoreOption = None, curation: CurationOption = None) -> None:
    """Validate every named graph of the store against ontology/shapes.ttl; exit 1 if it fails."""
    from remembrance.graph.validate import validate as run_validate

    with open_store(_store_path(store)) as source:
        unbuilt_warning(source, curation, _store_path(store))
        report = run_validate(source)
    if report.violations:
        table = Table()
        for column in ("severity", "graph", "focus node", "path", "message", "value"):
            table.add_column(column, overflow="fold")
        base = base_iri()
        for row in report.violations:
            graph = row.graph.removeprefix(base)
            table.add_row(row.severity, graph, row.focus, row.path, row.message, row.value)
        output().print(table)
    verdict = "conforms" if report.conforms else "does not conform"
    console.print(f"{report.graphs} graphs validated: {len(report.violations)} results; {verdict}")
    if not report.conforms:
        raise typer.Exit(1)
