"""The Python API for notebooks: open a store, query it into pandas DataFrames, draw it.

    from remembrance import api
    store = api.open_store()                      # the default store, read-only
    api.run(store, "mentions", entity="ent:comet-line")
    api.query(store, "SELECT ?d WHERE { ?s rem:earliest ?d FILTER(?d >= ?from) }",
              from_=datetime.date(1940, 5, 10))
    api.map_page(store, entity="Comet Line", hops=2)        # shown in a notebook cell
    api.timeline_page(store, start="1940", end="1945").write("timeline.html")

The curation loop: ``api.review(store)`` lists what needs a historian, ``api.curate(store,
"merge", "ent:a", "ent:b", why=…)`` records a correction in the curation folder, and
``api.build(store=…)`` applies the folder's corrections (see graph/MODEL.md, "Curation").

Parameters are bound as RDF terms (never pasted into the query text); see
remembrance.graph.catalogue. A keyword ending in ``_`` binds the variable without it
(``from_`` → ``?from``). Columns are typed: numbers are numeric, ``xsd:date`` and
``xsd:dateTime`` are ``datetime64``, booleans are bool, IRIs and other terms are str.
"""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
import pandas as pd
from rdflib import Literal
from rdflib.query import Result
from rdflib.term import Node

from remembrance.corpus import bundled_corpus
from remembrance.graph.network_export import write_gexf, write_graphml
from remembrance.graph.projections import (
    category_filter,
    comention_graph,
    ego_network,
    entity_graph,
    resolve_entity,
    time_slice,
)
from remembrance.graph.scope import Scope
from remembrance.graph.store import Store
from remembrance.iris import entity_iri

__all__ = [  # the public API; notebooks use nothing else
    "Page",
    "build_store",
    "bundled_corpus",
    "catalogue",
    "category_filter",
    "comention_graph",
    "ego_network",
    "entity_graph",
    "entity_iri",
    "frame",
    "map_page",
    "network_page",
    "open_store",
    "places",
    "query",
    "resolve_entity",
    "run",
    "scope",
    "time_slice",
    "timeline",
    "timeline_page",
    "write_gexf",
    "write_graphml",
]

if TYPE_CHECKING:
    from remembrance.graph.build import BuildReport
    from remembrance.graph.timeline import Lanes


def open_store(path: str | Path | None = None) -> Store:
    """The store at `path` (a directory or a SPARQL endpoint URL; default: the user's store),
    open read-only."""
    from remembrance.config import default_store
    from remembrance.graph.stores import open_store as open_location

    return open_location(path if path is not None else default_store())


def build_store(
    path: str | Path | None = None,
    sources: list[str | Path] | None = None,
    *,
    curation: str | Path | None = None,
) -> Store:
    """Build `sources` (texts or folders; default: the bundled corpus) into the store at `path`
    (default: a new temporary directory) as `build` does, and return it open read-only (about a
    minute for the bundled corpus)."""
    import tempfile

    from remembrance.graph.stores import open_store as open_location

    target = Path(path) if path is not None else Path(tempfile.mkdtemp()) / "store"
    build(sources, target, curation=curation)
    return open_location(target)


def _python(node: Node | None) -> Any:
    if node is None:
        return None
    if isinstance(node, Literal):
        value = node.toPython()
        if isinstance(value, decimal.Decimal):
            return float(value)
        if isinstance(value, datetime.date | bool | int | float):
            return value
        return str(node)
    return str(node)


def _column(values: list[Any]) -> pd.Series:
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, bool) for v in present):
        return pd.Series(values, dtype="boolean")
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return pd.Series(values, dtype="Int64")
    if present and all(isinstance(v, int | float) and not isinstance(v, bool) for v in present):
        return pd.Series(values, dtype="float64")
    if present and all(isinstance(v, datetime.date) for v in present):
        return pd.to_datetime(pd.Series(values, dtype="object"))
    return pd.Series([None if v is None else str(v) for v in values], dtype="object")


def frame(result: Result) -> pd.DataFrame:
    """A SELECT result as a DataFrame with typed columns (an ASK result: one 'answer' cell)."""
    if result.type == "ASK":
        return pd.DataFrame({"answer": [bool(result.askAnswer)]})
    if result.type != "SELECT":
        raise ValueError(f"a {result.type} query gives a graph, not a table")
    names = [str(v) for v in result.vars or []]
    rows = [[_python(row.get(v)) for v in result.vars or []] for row in result.bindings]
    return pd.DataFrame({n: _column([r[i] for r in rows]) for i, n in enumerate(names)})


def query(store: Store, sparql: str, **params: object) -> pd.DataFrame:
    """Run `sparql` on `store` with `params` bound as RDF terms; a DataFrame."""
    from remembrance.graph.catalogue import bind, python_term

    terms = {name.rstrip("_"): python_term(value) for name, value in params.items()}
    return frame(store.query(bind(sparql, terms) if terms else sparql))


def run(store: Store, name: str, **params: object) -> pd.DataFrame:
    """Run the named query `name` of the catalogue; text values are read as the declared types."""
    from remembrance.graph.catalogue import named_query

    return frame(store.query(named_query(name).bound(params)))


def catalogue() -> pd.DataFrame:
    """The named queries: name, level, titles, descriptions and parameters."""
    from remembrance.graph.catalogue import load_catalogue

    return pd.DataFrame(
        [
            {
                "name": q.name,
                "level": q.level,
                "title": q.title,
                "title_fr": q.titles.get("fr"),
                "title_nl": q.titles.get("nl"),
                "description": q.description,
                "description_fr": q.descriptions.get("fr"),
                "description_nl": q.descriptions.get("nl"),
                "parameters": ", ".join(f"{p.name} ({p.type})" for p in q.parameters),
            }
            for q in load_catalogue().values()
        ]
    )


class Page:
    """An offline HTML page (a network, a map or a timeline), shown in a notebook cell or
    written to a file."""

    def __init__(self, html: str, height: int = 650) -> None:
        self.html, self.height = html, height

    def _repr_html_(self) -> str:
        from remembrance.graph.render import iframe

        return iframe(self.html, self.height)

    def write(self, path: str | Path) -> Path:
        """Write the page to `path` (e.g. ``map.html``) and return the path."""
        target = Path(path)
        target.write_text(self.html, encoding="utf-8")
        return target


def network_page(
    graph: nx.Graph, *, title: str = "Network", keep: Collection[str] = (), max_nodes: int = 500
) -> Page:
    """An offline network page of `graph` (from `entity_graph`, `comention_graph`, …): the
    `max_nodes` most connected nodes, always with those in `keep`."""
    from remembrance.graph.render import render_html

    return Page(render_html(graph, title=title, keep=keep, max_nodes=max_nodes))


def scope(
    store: Store,
    *,
    entity: str | None = None,
    hops: int = 1,
    query: str | None = None,
    params: dict[str, str] | None = None,
    start: datetime.date | str | None = None,
    end: datetime.date | str | None = None,
) -> Scope:
    """What a map or a timeline shows: an entity (IRI, slug or label) and what lies within `hops`
    links of it, or the entities of the named query `query` bound to `params`; either within
    the dates `start`–`end` (dates or EDTF values such as "1944"). Default: everything."""
    from remembrance.graph.scope import date_bound, make_scope

    return make_scope(
        store, entity=entity, hops=hops, query=query, params=params,
        start=date_bound(start, 0), end=date_bound(end, 1),
    )  # fmt: skip


def map_page(store: Store, *, tiles: str | None = None, **where: Any) -> Page:
    """An interactive offline map of the places in scope (`where`: the arguments of `scope`),
    with what happened at each and the evidence. `tiles`: a tile URL template for an online
    base layer (default: Natural Earth's countries, offline)."""
    from remembrance.graph.maps import map_page as render

    return Page(render(store, scope(store, **where), tiles=tiles))


def places(store: Store, **where: Any) -> pd.DataFrame:
    """The places of `map_page` as a table (label, category, coordinates, facts, dates)."""
    from remembrance.graph.maps import places as table

    return table(store, scope(store, **where))


def timeline_page(store: Store, *, lanes: Lanes = "category", **where: Any) -> Page:
    """An interactive offline timeline of the dated facts in scope (`where`: the arguments of
    `scope`), one lane per "category" or per "entity", each fact with its sources."""
    from remembrance.graph.timeline import timeline_page as render

    return Page(render(store, scope(store, **where), lanes=lanes))


def timeline(store: Store, **where: Any) -> pd.DataFrame:
    """The items of `timeline_page` as a table: start, end, label, when, category, lane (the
    entity), kind (point/range and how exact), sources, sentences, conflicts."""
    from remembrance.graph.timeline import timeline_frame

    return timeline_frame(store, scope(store, **where))


def _folder(location: str | Path, curation: str | Path | None) -> Path:
    from remembrance.graph.curation import curation_folder

    return curation_folder(Path(curation) if curation is not None else None, location)


def build(
    paths: list[str | Path] | None = None,
    store: str | Path | None = None,
    *,
    curation: str | Path | None = None,
) -> BuildReport:
    """Build texts (default: the bundled corpus) into the store at `store` (default: the user's),
    with the corrections of the curation folder `curation` (default: $REMEMBRANCE_CURATION, else
    ``curation/`` beside the store)."""
    from remembrance.config import default_store
    from remembrance.corpus import bundled_corpus
    from remembrance.graph.build import build as run_build
    from remembrance.graph.curation import load_curation
    from remembrance.graph.stores import open_store as open_location

    location = store if store is not None else default_store()
    sources = [Path(p) for p in paths] if paths else [bundled_corpus()]
    with open_location(location, read_only=False) as target:
        return run_build(sources, target, curation=load_curation(_folder(location, curation)))


def review(store: Store) -> pd.DataFrame:
    """What needs a historian, ranked: one row per item (kind, weight, entity, label, other,
    documents, detail, suggestion)."""
    from dataclasses import asdict

    from remembrance.graph.review import review as run_review

    return pd.DataFrame([asdict(item) for item in run_review(store)])


def curate(
    store: Store,
    kind: str,
    *targets: str,
    why: str,
    who: str | None = None,
    curation: str | Path | None = None,
    **options: str,
) -> str:
    """Record a correction (as ``remembrance curate KIND TARGETS…``) in the curation folder;
    its id. `options`: label, class_name, period, document. The next build applies it."""
    from remembrance.graph.curate import correction_for
    from remembrance.graph.curation import add_correction

    correction = correction_for(store, kind, list(targets), why=why, who=who, **options)
    add_correction(_folder(store.location, curation), correction)
    return correction.id


def corrections(store: Store, curation: str | Path | None = None) -> pd.DataFrame:
    """The corrections of the curation folder, one row each (id, kind, targets, who, when, why)."""
    from dataclasses import asdict

    from remembrance.graph.curation import load_curation

    rows = [
        {"id": c.id, **asdict(c)}
        for c in load_curation(_folder(store.location, curation)).corrections
    ]
    return pd.DataFrame(rows)
