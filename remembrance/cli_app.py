"""The Typer app of the ``remembrance`` command, its shared options and its terminal output.

The command modules (cli.py, cli_sparql.py, …) register their commands on `app`; cli.py imports
them all and holds the entry point.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.console import Console
from rich.text import Text

from remembrance.config import STORE_ENV, default_store
from remembrance.pipelines.records import Failure

T = TypeVar("T")

app = typer.Typer(
    help="Build and query a knowledge graph of Belgian WWII resistance and memorials.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
#: Messages on standard error. Markup is off: paths and labels come from files and data, and
#: "[draft]" or "[/]" in them must print as written (styles go through `error` and `warning`).
console = Console(stderr=True, markup=False)


def output() -> Console:
    """A console on standard output that prints text from data as written (no markup)."""
    return Console(markup=False)


def error(message: str) -> None:
    """One error line on standard error."""
    console.print(Text.assemble(("error:", "red"), " ", message), highlight=False, soft_wrap=True)


def warning(message: str) -> None:
    """One warning line on standard error."""
    console.print(
        Text.assemble(("warning:", "yellow"), " ", message), highlight=False, soft_wrap=True
    )


def report_failures(failures: list[Failure], total: int) -> None:
    """Each failed document on a line, a count, and exit status 1 when any failed."""
    for failure in failures:
        error(failure.message)
    if failures:
        console.print(f"{len(failures)} of {total} document(s) failed")
        raise typer.Exit(1)


StoreOption = Annotated[
    Path | None,
    typer.Option("--store", help=f"Store directory (default: ${STORE_ENV} or {default_store()})."),
]
FailFastOption = Annotated[
    bool,
    typer.Option(
        "--fail-fast", help="Stop at the first document that fails (default: go on, exit 1)."
    ),
]
ParamOption = Annotated[
    list[str] | None,
    typer.Option("--param", "-p", help="NAME=VALUE for a parameter of the named query."),
]
EndpointOption = Annotated[
    str | None,
    typer.Option("--endpoint", help="A SPARQL server (http://host:port) instead of --store."),
]
OutFileOption = Annotated[
    Path | None, typer.Option("--out", help="Write to FILE (default: standard output).")
]


def _store_path(store: Path | None) -> Path:
    return store if store is not None else default_store()
