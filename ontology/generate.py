"""Generate the closed Python namespace `REM` from ontology/remembrance.ttl.

Run ``python -m remembrance.ontology.generate`` after changing the ontology;
a test checks that the generated module and the Turtle agree.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import RDF, Graph, URIRef

from remembrance.ontology.files import ONTOLOGY_FILE, parse_turtle

NAMESPACE = "https://w3id.org/remembrance/ontology#"
TARGET = Path(__file__).with_name("namespace.py")


def defined_terms(graph: Graph) -> list[str]:
    """Local names of every term the ontology types (classes, properties, datatypes)."""
    names = {
        str(subject)[len(NAMESPACE) :]
        for subject in graph.subjects(RDF.type, None)
        if isinstance(subject, URIRef) and str(subject).startswith(NAMESPACE)
    }
    return sorted(names)


def render(terms: list[str]) -> str:
    """Source of the namespace module."""
    lines = [
        '"""The remembrance ontology as a closed namespace (generated: do not edit).',
        "",
        "Regenerate with ``python -m remembrance.ontology.generate``.",
        '"""',
        "",
        "from rdflib import URIRef",
        "from rdflib.namespace import DefinedNamespace, Namespace",
        "",
        "",
        "class REM(DefinedNamespace):",
        '    """Classes and properties of ontology/remembrance.ttl."""',
        "",
        "    _fail = True",
        f'    _NS = Namespace("{NAMESPACE}")',
        "",
    ]
    lines += [f"    {term}: URIRef" for term in terms]
    return "\n".join(lines) + "\n"


def main() -> None:
    TARGET.write_text(render(defined_terms(parse_turtle(ONTOLOGY_FILE))), encoding="utf-8")
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
