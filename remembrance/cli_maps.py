"""``remembrance map`` and ``remembrance timeline``: offline pages of places and of dated facts,
scoped like ``show`` (an entity and hops) or by a named query, and/or by dates."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from remembrance.cli_app import ParamOption, StoreOption, _store_path, app, console
from remembrance.cli_curate import CurationOption, unbuilt_warning
from remembrance.graph.scope import Scope
from remembrance.graph.store import Store
from remembrance.graph.stores import open_store
from remembrance.pipelines.errors import InputError


class LaneKind(StrEnum):
    category = "category"
    entity = "entity"


EntityArgument = Annotated[
    str | None,
    typer.Argument(help='Only this entity\'s neighbourhood: an IRI, slug ("comet-line") or label.'),
]
HopsOption = Annotated[int, typer.Option("--hops", min=1, help="Links away from the entity.")]
QueryOption = Annotated[
    str | None,
    typer.Option("--query", "-q", help="Only the entities of this named query's rows."),
]
FromOption = Annotated[
    str | None, typer.Option("--from", help="Only facts dated on or after this (1940, 1944-09…).")
]
ToOption = Annotated[
    str | None, typer.Option("--to", help="Only facts dated on or before this (1945, 1945-05-08…).")
]
OutOption = Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write.")]


def _scope(source: Store, entity: str | None, hops: int, query: str | None,
           param: list[str] | None, start: str | None, end: str | None) -> Scope:  # fmt: skip
    from remembrance.cli_sparql import _parameters
    from remembrance.graph.scope import date_bound, make_scope

    try:
        return make_scope(
            source, entity=entity, hops=hops, query=query, params=_parameters(param or []),
            start=date_bound(start, 0), end=date_bound(end, 1),
        )  # fmt: skip
    except LookupError as error:
        raise InputError(str(error).strip("'\"")) from None


@app.command("map")
def map_command(
    entity: EntityArgument = None,
    hops: HopsOption = 1,
    query: QueryOption = None,
    param: ParamOption = None,
    start: FromOption = None,
    end: ToOption = None,
    out: OutOption = Path("map.html"),
    tiles: Annotated[
        str | None,
        typer.Option(
            "--tiles",
            help="A tile URL (https://…/{z}/{x}/{y}.png) for an online base "
            "layer; default: Natural Earth's countries, offline.",
        ),
    ] = None,  # fmt: skip
    store: StoreOption = None,
    curation: CurationOption = None,
) -> None:
    """Write an offline map of places: what happened at each, with its sources; filters by
    category and years in the page. E.g. remembrance map comet-line --hops 2 --out comet.html"""
    from remembrance.graph.maps import write_map

    with open_store(_store_path(store)) as source:
        unbuilt_warning(source, curation, _store_path(store))
        scope = _scope(source, entity, hops, query, param, start, end)
        write_map(source, out, scope, tiles=tiles)
    console.print(f"{out}: map of {scope.title}")


@app.command()
def timeline(
    entity: EntityArgument = None,
    hops: HopsOption = 1,
    query: QueryOption = None,
    param: ParamOption = None,
    start: FromOption = None,
    end: ToOption = None,
    out: OutOption = Path("timeline.html"),
    lanes: Annotated[
        LaneKind, typer.Option("--lanes", help="One lane per category or per entity.")
    ] = LaneKind.category,
    store: StoreOption = None,
    curation: CurationOption = None,
) -> None:
    """Write an offline timeline of dated facts: one item per fact with its sources, conflicts
    flagged, approximate dates drawn so. E.g. remembrance timeline --from 1940 --to 1945"""
    from remembrance.graph.timeline import write_timeline

    with open_store(_store_path(store)) as source:
        unbuilt_warning(source, curation, _store_path(store))
        scope = _scope(source, entity, hops, query, param, start, end)
        write_timeline(source, out, scope, lanes=lanes.value)
    console.print(f"{out}: timeline of {scope.title}")
