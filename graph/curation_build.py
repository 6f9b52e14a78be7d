"""The curation step of a build: corrections applied after extraction and before writing.

``CurationStep`` is what graph/build.py calls: which documents a change of the corrections makes
the build extract again (an incremental build stays incremental), the corrected graph of each
document and of the authority records, and at the end the curation graph with which corrections
matched nothing (reported as warnings, never dropped).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import Graph, URIRef

from remembrance.graph.correct import Touched, apply_corrections
from remembrance.graph.curation import (
    Correction,
    Curation,
    Kind,
    is_record,
    same_document,
    slug,
)
from remembrance.graph.curation_rdf import (
    CURATION_GRAPH,
    correction_iri,
    curate_authority,
    curation_graph,
    record_changes,
)
from remembrance.graph.rdf import document_graph, document_ntriples
from remembrance.graph.store import GraphData, Store
from remembrance.iris import entity_iri, system_graph
from remembrance.pipelines.authority import load_index, normalise_label
from remembrance.pipelines.records import Extraction


def stored_corrections(store: Store) -> dict[str, set[str]]:
    """Correction id → the source paths of the documents it names, from the curation graph."""
    rows = store.query(
        f"SELECT ?c ?p WHERE {{ GRAPH <{system_graph(CURATION_GRAPH)}> {{ "
        "?c a rem:Correction OPTIONAL { ?c rem:sourcePath ?p } } }"
    )
    result: dict[str, set[str]] = {}
    for c, p in rows:
        result.setdefault(str(c).rsplit("/", 1)[1], set()).update([str(p)] if p else [])
    return result


def _iri(name: str) -> str:
    return f"<{entity_iri(slug(name))}>"


def _patterns(corrections: Iterable[Correction]) -> list[str]:
    """SPARQL patterns (binding ?g) of the document graphs the corrections may change."""
    mentioned: set[str] = set()  # entities whose mentions change
    claims: set[str] = set()  # (subject predicate) of statements
    for c in corrections:
        if c.kind is Kind.MERGE:
            mentioned.add(_iri(c.object))
        elif c.kind in (Kind.RETYPE, Kind.RELABEL, Kind.PROMOTE) or (
            c.kind is Kind.LINK and c.object.startswith("ent:")
        ):
            mentioned.add(_iri(c.entity))
        elif c.is_statement:
            claims.add(f"({_iri(c.entity)} rem:{c.predicate})")
    patterns = []
    if mentioned:
        patterns.append(
            f"VALUES ?e {{ {' '.join(sorted(mentioned))} }} GRAPH ?g {{ ?x rem:refersTo ?e }}"
        )
    if claims:
        patterns.append(
            f"VALUES (?s ?p) {{ {' '.join(sorted(claims))} }} "
            "GRAPH ?g { ?x rdf:subject ?s ; rdf:predicate ?p }"
        )
    return patterns


@dataclass
class CurationStep:
    """One build's use of a curation (see the module docstring)."""

    curation: Curation
    stored: dict[str, set[str]]  # correction id → source paths it names
    applied: set[str] = field(default_factory=set)
    entities: set[str] = field(default_factory=set)  # slugs found in the graphs written
    rewritten: set[str] = field(default_factory=set)  # graphs written by this build

    @classmethod
    def start(cls, curation: Curation, store: Store) -> CurationStep:
        return cls(curation, stored_corrections(store))

    @property
    def changed(self) -> bool:
        """Whether the corrections differ from those the store was built with."""
        return self.curation.ids != set(self.stored)

    @property
    def version(self) -> str:
        return "|".join(sorted(self.curation.ids))

    def affected(self, store: Store, previous: dict[str, tuple[str, str]]) -> set[str]:
        """Source paths of the stored documents a changed correction may change: those that
        name what a new correction is about, and those a withdrawn one changed."""
        if not self.changed:
            return set()
        current = self.curation.by_id()
        added = [current[i] for i in current.keys() - self.stored.keys()]
        gone = self.stored.keys() - current.keys()
        paths = {c.document for c in added if c.is_mention}
        paths |= set().union(*(self.stored[i] for i in gone))
        patterns = _patterns(added)
        names = {
            normalise_label(c.label)
            for c in added
            if c.kind in (Kind.ALIAS, Kind.CODE_NAME) and is_record(c.entity)
        }
        if gone:
            iris = " ".join(f"<{correction_iri(i)}>" for i in sorted(gone))
            patterns.append(f"VALUES ?c {{ {iris} }} GRAPH ?g {{ ?g rem:curatedBy ?c }}")
        graphs = {
            str(row[0])
            for pattern in patterns
            for row in store.query(f"SELECT DISTINCT ?g WHERE {{ {pattern} }}")
        }
        if names:  # local mentions a new alias or code name links to its record
            rows = store.query(
                "SELECT DISTINCT ?g ?text WHERE { GRAPH ?g { "
                "?m rem:text ?text ; rem:refersTo ?e . ?e rem:localEntity true } }"
            )
            graphs |= {str(g) for g, text in rows if normalise_label(str(text)) in names}
        return {
            path
            for path, (iri, _) in previous.items()
            if iri in graphs or any(same_document(path, p) for p in paths)
        }

    def document_graph(self, extraction: Extraction) -> tuple[URIRef, GraphData]:
        """The named graph of a document as corrected, with the changes recorded (as N-Triples
        text when no correction touched it)."""
        corrected, touched = apply_corrections(self.curation, extraction)
        graph: GraphData
        if touched.ids:
            name, graph = document_graph(corrected)
            _, machine = document_graph(extraction)
            record_changes(graph, machine, touched, name, extraction.document.content_hash)
        else:
            name, graph = document_ntriples(corrected)
        self._seen(name, touched)
        self.entities.update(item.entity.id for item in corrected.mentions)
        return name, graph

    def reference_graphs(self, graphs: dict[URIRef, Graph]) -> dict[URIRef, Graph]:
        """The ontology and authority graphs, the authority records corrected."""
        name = system_graph("authority")
        authority = graphs[name]
        machine = Graph()
        machine += authority
        touched = curate_authority(authority, self.curation)
        record_changes(authority, machine, touched, name, "authority")
        self._seen(name, touched)
        return graphs

    def _seen(self, name: URIRef, touched: Touched) -> None:
        self.rewritten.add(str(name))
        self.applied |= touched.ids

    def finish(self, store: Store, kept: set[str]) -> tuple[URIRef, Graph, list[str]]:
        """The curation graph and a warning per correction that matched nothing.

        `kept` are the document graphs of the new store; those this build did not write keep
        what the store says of them (which corrections changed them, which entities they name).
        """
        unchanged = (kept | {str(system_graph("authority"))}) - self.rewritten
        applied = set(self.applied)
        entities = set(self.entities) | set(load_index().records)
        if unchanged and self.curation.corrections:
            graphs = f"VALUES ?g {{ {' '.join(f'<{g}>' for g in sorted(unchanged))} }}"
            query = f"SELECT ?c WHERE {{ {graphs} GRAPH ?g {{ ?g rem:curatedBy ?c }} }}"
            applied |= {str(c).rsplit("/", 1)[1] for (c,) in store.query(query)}
            query = f"SELECT DISTINCT ?e WHERE {{ {graphs} GRAPH ?g {{ ?m rem:refersTo ?e }} }}"
            entities |= {str(e).rsplit("/", 1)[1] for (e,) in store.query(query)}
        matched = {c.id for c in self.curation.corrections if _matched(c, applied, entities)}
        warnings = [
            f"correction {c.names()} no longer matches anything (the text or the extraction "
            "changed): edit or remove it"
            for c in self.curation.corrections
            if c.id not in matched
        ]
        name = system_graph(CURATION_GRAPH)
        return name, curation_graph(self.curation, matched), warnings


def _matched(correction: Correction, applied: set[str], entities: set[str]) -> bool:
    """A correction matches if it changed a graph, or if what it is about exists."""
    if correction.id in applied:
        return True
    if correction.is_mention or correction.is_statement:
        return False
    about = correction.object if correction.kind is Kind.MERGE else correction.entity
    return slug(about) in entities
