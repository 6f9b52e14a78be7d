"""Facts for maps and timelines: one record per (subject, property, object), with all its sources.

Everything is read from the store through SPARQL, so a new kind of statement (a new event
property, a new dated relation) appears without a change here: the texts' reified statements
(``rem:Statement`` with document, sentence and, when dated, ``rem:earliest``/``rem:latest``) and
the authority records' assertions between entities or with an EDTF date. Labels are always
human-readable: the entity's label, a code name's name with its holder, the property's
``rdfs:label`` from the ontology; never an IRI or a blank-node identifier.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from remembrance.graph.projections import LABEL_LANGUAGES, document_titles, node_rows, rows
from remembrance.graph.store import Store
from remembrance.iris import system_graph
from remembrance.ontology.namespace import REM
from remembrance.pipelines.dates import bounds

AUTHORITY = "authority record"
EDTF = str(REM.edtf)

_STATEMENTS = """
SELECT ?s ?p ?o (DATATYPE(?o) AS ?type) ?doc ?sentence ?earliest ?latest ?event WHERE {
  ?st a rem:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; rem:inDocument ?doc .
  OPTIONAL { ?st rem:sentence ?sentence }
  OPTIONAL { ?st rem:occurrence ?event }
  OPTIONAL { ?st rem:earliest ?earliest }
  OPTIONAL { ?st rem:latest ?latest }
}"""
_PROPERTY_LABELS = """
SELECT ?p ?label (LANG(?label) AS ?lang) WHERE {
  ?p rdfs:label ?label . FILTER(STRSTARTS(STR(?p), STR(rem:)))
}"""
_CODE_NAMES = """
SELECT ?holder ?code ?name WHERE { ?holder rem:codeName ?code . ?code rem:name ?name }"""
_COORDINATES = """
SELECT ?e ?lat ?lon WHERE { ?e rem:latitude ?lat ; rem:longitude ?lon ; rem:category ?c }"""


def _authority_query() -> str:
    return f"""
SELECT ?s ?p ?o (DATATYPE(?o) AS ?type) WHERE {{
  GRAPH <{system_graph("authority")}> {{ ?s ?p ?o }}
  FILTER(STRSTARTS(STR(?p), STR(rem:)) && ?p != rem:codeName)
  FILTER(DATATYPE(?o) = rem:edtf || EXISTS {{ ?o rem:category ?c }})
}}"""


@dataclass(frozen=True)
class Source:
    """Where a fact is said: a document title (or AUTHORITY) and the sentence, if any."""

    title: str
    sentence: str | None = None


@dataclass(frozen=True)
class Fact:
    """One claim (subject, property, object) with every source that makes it.

    ``value`` is the EDTF value of a date-valued fact; ``earliest``/``latest`` bound the fact in
    time (the value's bounds, else the dates its sentences give); ``conflicts`` describes the
    other claims that contradict it; ``events`` are the reported events (rem:Occurrence) its
    statements are shortcuts of.
    """

    subject: str
    predicate: str
    object: str
    object_is_entity: bool
    value: str | None
    earliest: date | None
    latest: date | None
    sources: tuple[Source, ...]
    conflicts: tuple[str, ...] = field(default=())
    events: frozenset[str] = field(default=frozenset())


@dataclass(frozen=True)
class Names:
    """What the facts need to be read: entity labels and categories, property labels."""

    nodes: Mapping[str, Mapping[str, Any]]
    properties: Mapping[str, str]
    code_names: Mapping[str, tuple[str, str]]  # code-name node → (name, holder IRI)

    def label(self, iri: str) -> str:
        """A human-readable label of an entity or a code name."""
        if iri in self.code_names:
            name, holder = self.code_names[iri]
            return f"“{name}” (code name of {self.label(holder)})"
        node = self.nodes.get(iri)
        if node and node.get("label"):
            return str(node["label"])
        return _readable(iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1])

    def category(self, iri: str) -> str:
        if iri in self.code_names:
            return self.category(self.code_names[iri][1])
        return str(self.nodes.get(iri, {}).get("category") or "")

    def property(self, iri: str) -> str:
        return self.properties.get(iri) or _readable(iri.rsplit("#", 1)[-1])

    def entity(self, iri: str) -> str:
        """The entity a node stands for: the holder of a code name, else the node itself."""
        return self.code_names[iri][1] if iri in self.code_names else iri


def _readable(name: str) -> str:
    """``diedOn`` → ``died on``, ``comet-line`` → ``comet line``."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).replace("-", " ").lower()


def names(store: Store) -> Names:
    """Labels and categories of entities, code names and ontology properties."""
    ranked: dict[str, tuple[int, str]] = {}
    for row in rows(store.query(_PROPERTY_LABELS)):
        lang = row.get("lang", "")
        rank = LABEL_LANGUAGES.index(lang) if lang in LABEL_LANGUAGES else len(LABEL_LANGUAGES)
        if row["p"] not in ranked or rank < ranked[row["p"]][0]:
            ranked[row["p"]] = (rank, row["label"])
    code_names = {r["code"]: (r["name"], r["holder"]) for r in rows(store.query(_CODE_NAMES))}
    return Names(node_rows(store), {p: label for p, (_, label) in ranked.items()}, code_names)


def coordinates(store: Store) -> dict[str, tuple[float, float]]:
    """Entity → (latitude, longitude), for every entity that has both."""
    return {r["e"]: (float(r["lat"]), float(r["lon"])) for r in rows(store.query(_COORDINATES))}


def _edtf_bounds(value: str) -> tuple[date | None, date | None]:
    try:
        return bounds(value)
    except ValueError:
        return None, None


def _claims(store: Store, entities: Iterable[str]) -> list[dict[str, Any]]:
    """Every claim as a row: s, p, o, is_entity, value, earliest, latest, source."""
    known = set(entities)
    titles = document_titles(store)
    claims = []
    for row in rows(store.query(_STATEMENTS)):
        claims.append({**row, "source": Source(titles.get(row["doc"], "a document"),
                                               row.get("sentence"))})  # fmt: skip
    for row in rows(store.query(_authority_query())):
        claims.append({**row, "source": Source(AUTHORITY)})
    out = []
    for claim in claims:
        entity = claim["o"] in known
        value = str(claim["o"]) if claim.get("type") == EDTF else None
        earliest, latest = claim.get("earliest"), claim.get("latest")
        if value is not None and earliest is None:
            earliest, latest = _edtf_bounds(value)
        out.append({**claim, "is_entity": entity, "value": value,
                    "earliest": earliest, "latest": latest or earliest})  # fmt: skip
    return out


def facts(store: Store, known: Names | None = None) -> list[Fact]:
    """Every fact of the store, one per (subject, property, object), conflicts flagged.

    Literals that are neither entities nor dates (counts, names) are facts too, undated.
    """
    known = known or names(store)
    grouped: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for claim in _claims(store, set(known.nodes) | set(known.code_names)):
        grouped[claim["s"], claim["p"], claim["o"]].append(claim)
    found = []
    for (s, p, o), claims in grouped.items():
        o = str(o)
        lows = [c["earliest"] for c in claims if c["earliest"] is not None]
        highs = [c["latest"] for c in claims if c["latest"] is not None]
        sources = tuple(sorted({c["source"] for c in claims}, key=_source_order))
        events = frozenset(str(c["event"]) for c in claims if c.get("event"))
        found.append(
            Fact(s, p, o, claims[0]["is_entity"], claims[0]["value"],
                 min(lows) if lows else None, max(highs) if highs else None, sources,
                 events=events)
        )  # fmt: skip
    return flag_conflicts(found, known)


def _source_order(source: Source) -> tuple[bool, str, str]:
    return (source.title == AUTHORITY, source.title, source.sentence or "")


def _overlap(a: Fact, b: Fact) -> bool:
    if None in (a.earliest, a.latest, b.earliest, b.latest):
        return True
    return a.earliest <= b.latest and b.earliest <= a.latest  # type: ignore[operator]


def _contradicts(a: Fact, b: Fact) -> bool:
    if a.value is not None and b.value is not None:
        return not _overlap(a, b)
    return a.value is None and b.value is None and a.object != b.object


def flag_conflicts(found: list[Fact], known: Names) -> list[Fact]:
    """Facts that another fact of the same subject and property contradicts get ``conflicts``
    (the other values with their sources): dates whose ranges do not meet, or two different
    literal values (counts). Links between entities never conflict (one can belong to two
    groups)."""
    by_key: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for fact in found:
        if not fact.object_is_entity:
            by_key[fact.subject, fact.predicate].append(fact)
    flagged: dict[int, Fact] = {}
    for group in by_key.values():
        for fact in group:
            others = [o for o in group if o is not fact and _contradicts(fact, o)]
            if others:
                notes = tuple(
                    f"{known.property(o.predicate)} {o.object} according to "
                    + "; ".join(s.title for s in o.sources)
                    for o in others
                )
                flagged[id(fact)] = replace(fact, conflicts=notes)
    return [flagged.get(id(fact), fact) for fact in found]


def in_window(fact: Fact, start: date | None, end: date | None) -> bool:
    """Whether the fact's dates meet [start, end] (undated facts never do)."""
    if fact.earliest is None or fact.latest is None:
        return False
    return (start is None or fact.latest >= start) and (end is None or fact.earliest <= end)


def sentence(fact: Fact, known: Names) -> str:
    """The fact as a short human-readable phrase: "Youra Livchitz executed at Tir National"."""
    subject = known.label(fact.subject)
    obj = known.label(fact.object) if fact.object_is_entity else fact.object
    return f"{subject} {known.property(fact.predicate)} {obj}"
