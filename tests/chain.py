"""A small store whose cross products never end: 300 labelled entities in a chain."""

from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from remembrance.graph.store import EmbeddedStore

NEXT = "https://example.org/next"
CROSS_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
CROSS_PRODUCT = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def build_chain(root: Path) -> Path:
    """600 triples at `root`: a cross product of four triple patterns has 1.3 × 10¹¹ rows."""
    data = Graph()
    for i in range(300):
        entity = URIRef(f"https://example.org/e{i}")
        data.add((entity, RDFS.label, Literal(f"Fusillé {i}")))
        data.add((entity, URIRef(NEXT), URIRef(f"https://example.org/e{i + 1}")))
    with EmbeddedStore(root, read_only=False) as store:
        store.put_graph(URIRef("https://example.org/graph"), data)
    return root
