"""Named graphs out of a store: whole-dataset exports and per-graph differences.

Both go through SPARQL (``GRAPH ?g { ?s ?p ?o }``), so they work on either backend. The store
keeps everything in named graphs; its default graph is not exported.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Dataset, Graph, URIRef
from rdflib.compare import graph_diff, to_isomorphic

from remembrance.graph.catalogue import bind
from remembrance.graph.rdf import bind_prefixes, prefixes
from remembrance.graph.store import Store

FORMATS = {"trig": "trig", "nquads": "nquads", "jsonld": "json-ld", "ttl": "turtle"}


def read_dataset(store: Store, graph: str | None = None) -> Dataset:
    """The named graphs of `store` (or only `graph`) as an rdflib Dataset."""
    sparql = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
    if graph is not None:
        sparql = bind(sparql, {"g": URIRef(graph)})
    dataset = Dataset()
    bind_prefixes(dataset)
    for g, s, p, o in store.query(sparql):
        dataset.graph(g).add((s, p, o))
    return dataset


def jsonld_context() -> dict[str, str]:
    """A JSON-LD context with the project's prefixes."""
    return prefixes()


def serialize(dataset: Dataset, format: str) -> str:
    """`dataset` as trig, nquads, jsonld (with the project's context) or ttl (graphs merged)."""
    if format not in FORMATS:
        raise ValueError(f"unknown export format {format!r} (one of {', '.join(FORMATS)})")
    if format == "ttl":
        merged = Graph()
        bind_prefixes(merged)
        for graph in dataset.graphs():
            merged += graph
        return merged.serialize(format="turtle")
    if format == "jsonld":
        return dataset.serialize(format="json-ld", context=jsonld_context(), auto_compact=True)
    return dataset.serialize(format=FORMATS[format])


@dataclass(frozen=True)
class GraphDiff:
    graph: str
    added: Graph
    removed: Graph


def diff(before: Store, after: Store) -> list[GraphDiff]:
    """Per named graph, the triples `after` adds to `before` and those it removes (blank nodes
    compared by structure); graphs that are equal are left out."""
    old, new = read_dataset(before), read_dataset(after)
    names = sorted(
        {str(g.identifier) for g in old.graphs()} | {str(g.identifier) for g in new.graphs()}
    )
    changes = []
    for name in names:
        _, removed, added = graph_diff(
            to_isomorphic(old.graph(URIRef(name))), to_isomorphic(new.graph(URIRef(name)))
        )
        if len(added) or len(removed):
            changes.append(GraphDiff(name, added, removed))
    return changes
