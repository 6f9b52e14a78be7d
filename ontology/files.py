"""Where the ontology's data files are, and how to load them."""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from pathlib import Path

from rdflib import OWL, RDF, Graph

from remembrance.config import base_iri
from remembrance.ontology.namespace import REM

ONTOLOGY_IRI = "https://w3id.org/remembrance/ontology"
#: A folder laid out like the package's ontology folder (remembrance.ttl, shapes.ttl,
#: authority/*.ttl) to read instead of it: for trying out edited or imported records.
ONTOLOGY_DIR_ENV = "REMEMBRANCE_ONTOLOGY_DIR"
#: The package's own files (what the generators write and the tests copy).
PACKAGE_DIR = Path(str(resources.files("remembrance.ontology")))
ONTOLOGY_FILE = PACKAGE_DIR / "remembrance.ttl"
SHAPES_FILE = PACKAGE_DIR / "shapes.ttl"
AUTHORITY_DIR = PACKAGE_DIR / "authority"


def ontology_dir() -> Path:
    """The ontology folder in use: $REMEMBRANCE_ONTOLOGY_DIR, else the package's."""
    return Path(os.environ.get(ONTOLOGY_DIR_ENV) or PACKAGE_DIR)


def ontology_file() -> Path:
    """The ontology in use (Turtle)."""
    return ontology_dir() / ONTOLOGY_FILE.name


def shapes_file() -> Path:
    """The SHACL shapes in use (Turtle)."""
    return ontology_dir() / SHAPES_FILE.name


def authority_files() -> list[Path]:
    """The Turtle files of the authority records in use, in a stable order."""
    return sorted((ontology_dir() / AUTHORITY_DIR.name).glob("*.ttl"))


def parse_turtle(path: Path, graph: Graph | None = None) -> Graph:
    """Parse Turtle, relative IRIs resolved against the base IRI; one-line error on failure."""
    graph = Graph() if graph is None else graph
    try:
        graph.parse(path, format="turtle", publicID=base_iri())
    except Exception as error:  # rdflib raises many parser-specific types
        message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise ValueError(f"{path}: invalid Turtle: {message}") from error
    return graph


def load_ontology() -> Graph:
    """The ontology as an rdflib graph."""
    return parse_turtle(ontology_file())


@cache
def symmetric_properties() -> frozenset[str]:
    """Local names of the ontology's symmetric properties (siblingOf, spouseOf)."""
    return frozenset(
        str(p).removeprefix(str(REM))
        for p in load_ontology().subjects(RDF.type, OWL.SymmetricProperty)
    )


def load_authority() -> Graph:
    """All authority records in one rdflib graph."""
    graph = Graph()
    for path in authority_files():
        parse_turtle(path, graph)
    return graph
