"""``remembrance curate …`` (record a correction) and ``remembrance review`` (what needs a human).

Corrections go into the curation folder (``--curation DIR``, else $REMEMBRANCE_CURATION, else
``curation/`` beside the store) as lines of a TSV file; the next build applies them. Registered on
the same Typer ``app`` as the other commands (imported at the end of cli.py).
"""

from __future__ import annotations

import csv
import html
import inspect
import io
import sys
from collections.abc import Callable
from dataclasses import asdict, fields
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from remembrance.cli_app import (
    EndpointOption,
    OutFileOption,
    StoreOption,
    _store_path,
    app,
    console,
    output,
    warning,
)
from remembrance.graph.curation import (
    CURATION_ENV,
    DEFAULT_FILE,
    Kind,
    add_correction,
    curation_folder,
    load_curation,
)
from remembrance.graph.store import Store
from remembrance.graph.stores import open_store

CurationOption = Annotated[
    Path | None,
    typer.Option(
        "--curation",
        help=f"Curation folder (default: ${CURATION_ENV}, else curation/ beside the store).",
    ),
]
WhyOption = Annotated[str, typer.Option("--why", help="Why: your sources and reasons.")]
WhoOption = Annotated[str | None, typer.Option("--who", help="Who decides (default: $USER).")]
FileOption = Annotated[str, typer.Option("--file", help="The TSV file of the folder to write to.")]

curate_app = typer.Typer(
    help="Record a correction in the curation folder; every later build applies it.",
    no_args_is_help=True,
)
app.add_typer(curate_app, name="curate")


def _location(store: Path | None, endpoint: str | None) -> str | Path:
    return endpoint or _store_path(store)


def unbuilt_warning(source: Store, curation: Path | None, location: str | Path) -> None:
    """Warn when the curation folder (`curation`, else the default for the store at `location`)
    holds corrections the store was not built with: what is read lags what was decided."""
    from remembrance.graph.curation_build import stored_corrections

    folder = curation_folder(curation, location)
    waiting = load_curation(folder).ids - set(stored_corrections(source))
    if waiting:
        warning(
            f"{len(waiting)} correction(s) in {folder} are not in the store yet; "
            "run 'remembrance build' to apply them"
        )


def _record(
    kind: Kind,
    targets: list[str],
    options: dict[str, str | None],
    *,
    why: str,
    who: str | None,
    store: Path | None,
    curation: Path | None,
    file: str,
) -> None:
    from remembrance.graph.curate import correction_for

    location = _store_path(store)
    folder = curation_folder(curation, location)
    with open_store(location) as source:
        correction = correction_for(source, kind, targets, why=why, who=who, **options)
    if add_correction(folder, correction, file):
        message = f"{folder / file}: recorded {correction.names()} as {correction.id}"
    else:
        message = f"{folder}: already decided ({correction.id}); nothing written"
    console.print(message, "\nrun 'remembrance build' to apply it", markup=False, highlight=False)


Targets = tuple[list[str], dict[str, str | None]]
_COMMON = [
    inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation, default=default)
    for name, annotation, default in (
        ("why", WhyOption, inspect.Parameter.empty),
        ("who", WhoOption, None),
        ("store", StoreOption, None),
        ("curation", CurationOption, None),
        ("file", FileOption, DEFAULT_FILE),
    )
]


def _verb(kind: Kind) -> Callable[[Callable[..., Targets]], Callable[..., Targets]]:
    """Register a ``curate`` verb for `kind`, named like it. The decorated function takes the
    verb's own arguments and returns the correction's targets and options; the verb adds
    --why, --who, --store, --curation and --file and records the correction."""

    def register(targets_of: Callable[..., Targets]) -> Callable[..., Targets]:
        own = inspect.signature(targets_of, eval_str=True)

        def command(**arguments: Any) -> None:
            common: dict[str, Any] = {p.name: arguments.pop(p.name) for p in _COMMON}
            targets, options = targets_of(**arguments)
            _record(kind, targets, options, **common)

        parameters = [*own.parameters.values(), *_COMMON]
        command.__signature__ = own.replace(  # type: ignore[attr-defined]
            parameters=parameters, return_annotation=None
        )
        command.__annotations__ = {p.name: p.annotation for p in parameters}
        command.__doc__ = targets_of.__doc__
        curate_app.command(kind.value)(command)
        return targets_of

    return register


Mention = Annotated[str, typer.Argument(help="A mention IRI (from review or a query).")]
EntityArgument = Annotated[str, typer.Argument(help="The entity (ent:NAME or IRI).")]


@_verb(Kind.MERGE)
def merge(
    keep: Annotated[str, typer.Argument(help="The entity kept (ent:NAME or IRI).")],
    other: Annotated[str, typer.Argument(help="The entity merged into it (its IRI an alias).")],
) -> Targets:
    """Two entities are one: every mention of OTHER refers to KEEP; OTHER owl:sameAs KEEP."""
    return [keep, other], {}


@_verb(Kind.SPLIT)
def split(
    mention: Mention,
    entity: Annotated[
        str | None, typer.Argument(help="The entity it refers to (else a new one).")
    ] = None,
    label: Annotated[str | None, typer.Option(help="Label of the new entity.")] = None,
    class_: Annotated[
        str | None, typer.Option("--class", help="Ontology class of the new entity.")
    ] = None,
) -> Targets:
    """A mention belongs to another entity, or to a new one (--label, --class)."""
    return [mention] + ([entity] if entity else []), {"label": label, "class_name": class_}


@_verb(Kind.REJECT_MENTION)
def reject_mention(mention: Mention) -> Targets:
    """A mention names nothing (or nothing of ours): it and the claims read from it go."""
    return [mention], {}


@_verb(Kind.REJECT_STATEMENT)
def reject_statement(
    subject: Annotated[str, typer.Argument(help="Subject entity.")],
    property: Annotated[str, typer.Argument(help="Property, e.g. rem:memberOf.")],
    object: Annotated[str, typer.Argument(help="Object: an entity or a value.")],
    document: Annotated[
        str | None, typer.Option(help="Only in this document (source path).")
    ] = None,
) -> Targets:
    """A claim is wrong: it goes from every document (or from --document only)."""
    return [subject, property, object], {"document": document}


@_verb(Kind.RETYPE)
def retype(
    entity: EntityArgument,
    class_: Annotated[str, typer.Argument(metavar="CLASS", help="An ontology class or category.")],
) -> Targets:
    """Give an entity another class (its category follows from the class)."""
    return [entity, class_], {}


@_verb(Kind.RELABEL)
def relabel(
    entity: EntityArgument, label: Annotated[str, typer.Argument(help="Its label.")]
) -> Targets:
    """Give an entity another label (an authority record: its English label)."""
    return [entity, label], {}


@_verb(Kind.ALIAS)
def alias(
    entity: EntityArgument,
    name: Annotated[str, typer.Argument(help="Another name it goes by.")],
) -> Targets:
    """Add an alias (skos:altLabel)."""
    return [entity, name], {}


@_verb(Kind.CODE_NAME)
def code_name(
    entity: EntityArgument,
    name: Annotated[str, typer.Argument(help="The code name or nom de guerre.")],
    period: Annotated[
        str | None, typer.Option(help="When it was used, EDTF (e.g. 1942/1944).")
    ] = None,
) -> Targets:
    """Add a code name, with the period it was used in."""
    return [entity, name], {"period": period}


@_verb(Kind.LINK)
def link(
    entity: EntityArgument,
    target: Annotated[
        str, typer.Argument(help="A verified Wikidata id (Q…) or an authority record (ent:…).")
    ],
) -> Targets:
    """Link an entity to a verified Wikidata id, or a local entity to its authority record."""
    return [entity, target], {}


@_verb(Kind.PROMOTE)
def promote(
    entity: Annotated[str, typer.Argument(help="A local entity.")],
    label: Annotated[str | None, typer.Option(help="Its label (default: the current one).")] = (
        None
    ),
    class_: Annotated[
        str | None, typer.Option("--class", help="Its class (default: the current one).")
    ] = None,
) -> Targets:
    """Make a local entity an authority record (in the curation graph)."""
    return [entity], {"label": label, "class_name": class_}


@_verb(Kind.CONFIRM)
def confirm(
    targets: Annotated[
        list[str],
        typer.Argument(help="ENTITY, a mention IRI, or SUBJECT PROPERTY OBJECT of a statement."),
    ],
) -> Targets:
    """A human checked it and it is right (review leaves it out from now on)."""
    return targets, {}


@curate_app.command("list")
def list_corrections(store: StoreOption = None, curation: CurationOption = None) -> None:
    """The corrections of the curation folder."""
    folder = curation_folder(curation, _store_path(store))
    table = Table("id", "kind", "entity", "object / label / class", "who", "when", "why", "where")
    for c in load_curation(folder).corrections:
        what = c.object or c.label or c.class_name or c.quote
        table.add_row(c.id, c.kind.value, c.entity, what, c.who, c.when, c.why, c.origin)
    output().print(table, soft_wrap=True)


class ReviewFormat(StrEnum):
    table = "table"
    csv = "csv"
    html = "html"


def _review_html(rows: list[dict[str, object]]) -> str:
    head = "".join(f"<th>{html.escape(name)}</th>" for name in rows[0]) if rows else ""
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row.values()) + "</tr>"
        for row in rows
    )
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>remembrance review</title>"
        "<style>body{font-family:sans-serif}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:4px;vertical-align:top}</style></head><body>"
        f"<h1>To review ({len(rows)})</h1><table><tr>{head}</tr>{body}</table></body></html>\n"
    )


@app.command()
def review(
    format: Annotated[ReviewFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ReviewFormat.table
    ),
    limit: Annotated[int | None, typer.Option(help="Show at most N items.", min=0)] = None,
    out: OutFileOption = None,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
    curation: CurationOption = None,
) -> None:
    """What needs a historian, ranked: low-confidence links, local entities in several documents,
    names whose category differs, conflicting claims, near-duplicate labels."""
    from remembrance.graph.review import ReviewItem
    from remembrance.graph.review import review as run_review

    location = _location(store, endpoint)
    with open_store(location) as source:
        unbuilt_warning(source, curation, location)
        items = run_review(source)[:limit]
    rows = [{"rank": rank, **asdict(item)} for rank, item in enumerate(items, 1)]
    if format is ReviewFormat.table:
        table = Table("rank", *(f.name for f in fields(ReviewItem)), title="To review")
        for row in rows:
            table.add_row(*(str(v) for v in row.values()))
        buffer = io.StringIO()
        Console(file=buffer, markup=False, width=200 if out else None).print(
            table, soft_wrap=out is None
        )
        text = buffer.getvalue()
    elif format is ReviewFormat.csv:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, ["rank", *(f.name for f in fields(ReviewItem))])
        writer.writeheader()
        writer.writerows(rows)
        text = buffer.getvalue()
    else:
        text = _review_html(rows)
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
        console.print(f"{out}: {len(rows)} items", markup=False)
