"""What a map or a timeline shows: everything, an entity's neighbourhood, a named query's entities,
and/or a date range.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from remembrance.graph.facts import Fact, Names, in_window
from remembrance.graph.store import Store
from remembrance.pipelines.dates import bounds


@dataclass(frozen=True)
class Scope:
    """Entities to keep (None: all) and a date range (None: open); `title` describes it."""

    entities: frozenset[str] | None = None
    start: date | None = None
    end: date | None = None
    title: str = "Everything in the store"

    def admits(self, fact: Fact, known: Names) -> bool:
        """Whether the fact is in scope: it touches a kept entity and, if a range is set, its
        dates meet the range."""
        if self.entities is not None:
            ends = {known.entity(fact.subject)}
            if fact.object_is_entity:
                ends.add(known.entity(fact.object))
            if not ends & self.entities:
                return False
        if self.start is None and self.end is None:
            return True
        return in_window(fact, self.start, self.end)


def date_bound(value: date | str | None, side: int) -> date | None:
    """A date, or an EDTF value's lower (`side` 0) or upper (1) bound; None stays None."""
    if value is None or isinstance(value, date):
        return value
    low, high = bounds(value)
    found = (low, high)[side]
    if found is None:
        raise ValueError(f"{value!r} is not a date (e.g. 1944, 1944-09 or 1944-09-03)")
    return found


def _range_title(start: date | None, end: date | None) -> str:
    if start is None and end is None:
        return ""
    return f", {start.isoformat() if start else '…'} to {end.isoformat() if end else '…'}"


def neighbourhood(store: Store, entity: str, hops: int = 1) -> tuple[str, frozenset[str]]:
    """The label of `entity` (an IRI, slug or label) and the entities within `hops` links of it
    (LookupError naming the closest labels if there is no such entity)."""
    from remembrance.graph.projections import ego_network, entity_graph, resolve_entity

    iri = resolve_entity(store, entity)
    graph = entity_graph(store)
    if iri not in graph:
        return entity, frozenset({iri})
    return str(graph.nodes[iri].get("label", entity)), frozenset(ego_network(graph, iri, hops))


def query_entities(store: Store, name: str, params: Mapping[str, str]) -> frozenset[str]:
    """Every entity IRI in the rows of the named query `name` bound to `params`."""
    from remembrance.graph.catalogue import named_query
    from remembrance.graph.projections import rows

    known = {str(r["e"]) for r in rows(store.query("SELECT ?e WHERE { ?e rem:category ?c }"))}
    found = rows(store.query(named_query(name).bound(dict(params))))
    return frozenset(str(v) for row in found for v in row.values() if str(v) in known)


def make_scope(
    store: Store,
    *,
    entity: str | None = None,
    hops: int = 1,
    query: str | None = None,
    params: Mapping[str, str] | None = None,
    start: date | None = None,
    end: date | None = None,
) -> Scope:
    """The scope of an entity's neighbourhood or a named query's entities (not both), within an
    optional date range."""
    if entity is not None and query is not None:
        raise ValueError("scope by an entity or by a named query, not both")
    if params and query is None:
        raise ValueError("parameters bind a named query: give its name too")
    dates = _range_title(start, end)
    if entity is not None:
        label, entities = neighbourhood(store, entity, hops)
        return Scope(entities, start, end, f"{label} and what lies within {hops} link(s){dates}")
    if query is not None:
        bound = ", ".join(f"{k}={v}" for k, v in (params or {}).items())
        title = f"named query {query}" + (f" ({bound})" if bound else "") + dates
        return Scope(query_entities(store, query, params or {}), start, end, title)
    return Scope(None, start, end, "Everything in the store" + dates)
