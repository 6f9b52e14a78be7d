"""``remembrance curate …`` (record a correction) and ``remembrance review`` (what needs a human).

Corrections go into the curation folder (``--curation DIR``, else $REMEMBRANCE_CURATION, else
``curation/`` beside the store) as lines of a TSV file; the next build applies them. Registered on
the same Typer ``app`` as the other commands (imported at the end of cli.py).
"""

from __future__ import annotations

import csv
import html
import io
import sys
from dataclasses import asdict, fields
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from remembrance.cli_app import StoreOption, _store_path, app, console, output, warning
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
EndpointOption = Annotated[
    str | None,
    typer.Option("--endpoint", help="A SPARQL server (http://host:port) instead of --store."),
]

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
    *,
    why: str,
    who: str | None,
    store: Path | None,
    curation: Path | None,
    file: str,
    **options: str | None,
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


@curate_app.command()
def merge(
    keep: Annotated[str, typer.Argument(help="The entity kept (ent:NAME or IRI).")],
    other: Annotated[str, typer.Argument(help="The entity merged into it (its IRI an alias).")],
    why: WhyOption,
    who: WhoOption = None,
    store: StoreOption = None,
    curation: CurationOption = None,
    file: FileOption = DEFAULT_FILE,
) -> None:
    """Two entities are one: every mention of OTHER refers to KEEP; OTHER owl:sameAs KEEP."""
    _record(Kind.MERGE, [keep, other], why=why, who=who, store=store, curation=curation, file=file)


@curate_app.command()
def split(
    mention: Annotated[str, typer.Argument(help="A mention IRI (from review or a query).")],
    why: WhyOption,
    entity: Annotated[
        str | None, typer.Argument(help="The entity it refers to (else a new one).")
    ] = None,
    label: Annotated[str | None, typer.Option(help="Label of the new entity.")] = None,
    class_: Annotated[
        str | None, typer.Option("--class", help="Ontology class of the new entity.")
    ] = None,
    who: WhoOption = None,
    store: StoreOption = None,
    curation: CurationOption = None,
    file: FileOption = DEFAULT_FILE,
) -> None:
    """A mention belongs to another entity, or to a new one (--label, --class)."""
    targets = [mention] + ([entity] if entity else [])
    _record(Kind.SPLIT, targets, why=why, who=who, store=store, curation=curation, file=file,
            label=label, class_name=class_)  # fmt: skip


@curate_app.command("reject-mention")
def reject_mention(
    mention: Annotated[str, typer.Argument(help="A mention IRI.")],
    why: WhyOption,
    who: WhoOption = None,
    store: StoreOption = None,
    curation: CurationOption = None,
    file: FileOption = DEFAULT_FILE,
) -> None:
    """A mention names nothing (or nothing of ours): it and the claims read from it go."""
    _record(Kind.REJECT_MENTION, [mention], why=why, who=who, store=store, curation=curation,
            file=file)  # fmt: skip


@curate_app.command("reject-statement")
def reject_statement(
    subject: Annotated[str, typer.Argument(help="Subject entity.")],
    property: Annotated[str, typer.Argument(help="Property, e.g. rem:memberOf.")],
    object: Annotated[str, typer.Argument(help="Object: an entity or a value.")],
    why: WhyOption,
    document: Annotated[
        str | None, typer.Option(help="Only in this document (source path).")
    ] = None,
    who: WhoOption = None,
    store: StoreOption = None,
    curation: CurationOption = None,
    file: FileOption = DEFAULT_FILE,
) -> None:
    """A claim is wrong: it goes from every document (or from --document only)."""
    _record(Kind.REJECT_STATEMENT, [subject, property, object], why=why, who=who, store=store,
            curation=curation, file=file, document=document)  # fmt: skip


@curate_app.command()
def retype(
    entity: Annotated[str, typer.Argument(help="The entity.")],
    class_: Annotated[str, typer.Argument(metavar="CLASS", help="An ontology class or category.")],
    why: WhyOption,
    who: WhoOption = None,
    store: StoreOption = None,
    curation: CurationOption = None,
    file: FileOption = DEFAULT_FILE,
) -> None:
    """Give an entity another class (its category follows from the class)."""
    _record(Kind.RETYPE, [entity, class_], why=why, who=who, store=store, curation=curation,
            file=file)  # fmt: skip


@curate_app.command()
def relabel(
    entity: Annotated[str, typer.Argument(help="The entity.")],
    label: Annotated[str, typer.Argument(help="Its label.")],
    why: WhyOption,
    who: WhoOption = None,
    store: StoreOption = None,
    curation: CurationOption = None,
    file: FileOption = DEFAULT_FILE,
) -> None:
    """Give an entity another label (an authority record: its English label)."""
    _record(Kind.RELABEL, [entity, label], why=why, who=who, store=store, curation=curation,
            file=file)  # fmt: skip


@curate_app.command()
def alias(
    entity: Annotated[str, typer.Argument(help="The entity.")],
    name: Annotated[str, typer.Argument(help="Another name it goes by.")],
    why: WhyOption,
    who: WhoOption = None,
    store: StoreOption = None,
    curation: CurationOption = None,
    file: FileOption = DEFAULT_FILE,
) -> None:
    """Add an alias (skos:altLabel)."""
    _record(Kind.ALIAS, [entity, name], why=why, who=who, store=store, curation=curation,
            file=file)  # fmt: skip


@curate_app.command("code-name")
def code_name(
    entity: Annotated[str, typer.Argument(help="The entity.")],
    name: Annotated[str, typer.Argument(help="The code name or nom de guerre.")],
    why: WhyOption,
    period: Annotated[
        str | None, typer.Option(help="When it was used, EDTF (e.g. 1942/1944).")
    ] = None,
    who: WhoOption = None,
    store: StoreOption = None,
    curation: CurationOption = None,
    file: FileOption = DEFAULT_FILE,
) -> None:
    """Add a code name, with the period it was used in."""
    _record(Kind.CODE_NAME, [entity, name], why=why, who=who, store=store, curation=curation,
            file=file, period=period)  # fmt: skip


@curate_app.command()
def link(
    entity: Annotated[str, typer.Argument(help="The entity.")],
    target: Annotated[
        str, typer.Argument(help="A verified Wikidata id (Q…) or an authority record (ent:…).")
    ],
    why: WhyOption,
    who: WhoOption = None,
    store: StoreOption = None,
    curation: CurationOption = None,
    file: FileOption = DEFAULT_FILE,
) -> None:
    """Link an entity to a verified Wikidata id, or a local entity to its authority record."""
    _record(Kind.LINK, [entity, target], why=why, who=who, store=store, curation=curation,
            file=file)  # fmt: skip


@curate_app.command()
def promote(
    entity: Annotated[str, typer.Argument(help="A local entity.")],
    why: WhyOption,
    label: Annotated[str | None, typer.Option(help="Its label (default: the current one).")] = (
        None
    ),
    class_: Annotated[
        str | None, typer.Option("--class", help="Its class (default: the current one).")
    ] = None,
    who: WhoOption = None,
    store: StoreOption = None,
    curation: CurationOption = None,
    file: FileOption = DEFAULT_FILE,
) -> None:
    """Make a local entity an authority record (in the curation graph)."""
    _record(Kind.PROMOTE, [entity], why=why, who=who, store=store, curation=curation, file=file,
            label=label, class_name=class_)  # fmt: skip


@curate_app.command()
def confirm(
    targets: Annotated[
        list[str],
        typer.Argument(help="ENTITY, a mention IRI, or SUBJECT PROPERTY OBJECT of a statement."),
    ],
    why: WhyOption,
    who: WhoOption = None,
    store: StoreOption = None,
    curation: CurationOption = None,
    file: FileOption = DEFAULT_FILE,
) -> None:
    """A human checked it and it is right (review leaves it out from now on)."""
    _record(Kind.CONFIRM, targets, why=why, who=who, store=store, curation=curation, file=file)


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
    out: Annotated[Path | None, typer.Option(help="Write to FILE (default: standard output).")] = (
        None
    ),
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
