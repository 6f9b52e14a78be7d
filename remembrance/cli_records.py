"""``remembrance records import``: bring a historian's list in as authority records."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from remembrance.cli_app import app, console, error, warning

records_app = typer.Typer(
    help="Authority records: import lists of people, places, groups as records.",
    no_args_is_help=True,
)
app.add_typer(records_app, name="records")


@records_app.command("import")
def import_records(
    file: Annotated[
        Path,
        typer.Argument(
            help="CSV, TSV, JSON lines, RDF (Turtle, N-Triples, RDF/XML) or a Wikibase JSON export."
        ),
    ],
    mapping: Annotated[
        Path, typer.Option("--mapping", help="The TOML mapping (see ontology/authority/README.md).")
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="A folder laid out like ontology/ to write into (default: the one in use, "
            "$REMEMBRANCE_ONTOLOGY_DIR or the package's); use it with REMEMBRANCE_ONTOLOGY_DIR.",
        ),
    ] = None,
) -> None:
    """Import FILE as authority records, validated with SHACL; a bad row is reported on one line
    (file, row, problem) and the other rows are imported."""
    from remembrance.ontology.files import ontology_dir
    from remembrance.ontology.importer import MappingError
    from remembrance.ontology.importer import import_records as run_import
    from remembrance.pipelines.authority import load_index

    for path in (file, mapping):
        if not path.is_file():
            error(f"{path}: no such file")
            raise typer.Exit(2)
    try:
        result = run_import(file, mapping, out or ontology_dir(), load_index())
    except (MappingError, ValueError, OSError) as problem:
        error(str(problem))
        raise typer.Exit(2) from problem
    for row in result.problems:
        warning(str(row))
    if result.written is None:
        error(f"{file}: no record could be imported")
        raise typer.Exit(1)
    console.print(
        f"{result.records} records imported into {result.written} "
        f"(and {result.created} places or groups they name); "
        f"{len(result.problems)} problems reported",
        highlight=False,
        soft_wrap=True,
    )
