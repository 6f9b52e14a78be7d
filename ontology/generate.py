"""Generate from ontology/remembrance.ttl what the code reads of it.

- ``namespace.py``: the closed Python namespace `REM`;
- ``categories.py``: the top categories (the classes with ``rem:category``, in the order the
  ontology declares them) with their class, colour, symbol and labels in English, French and
  Dutch, read by the pipeline, the renderers and the tests;
- in ``shapes.ttl``, the lines marked ``# generated: category …``: the SHACL lists of categories.

Run ``python -m remembrance.ontology.generate`` after changing the ontology; a test checks that
the generated files and the Turtle agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, URIRef

from remembrance.config import LANGUAGES
from remembrance.ontology.files import ONTOLOGY_FILE, SHAPES_FILE, parse_turtle

NAMESPACE = "https://w3id.org/remembrance/ontology#"
TARGET = Path(__file__).with_name("namespace.py")
CATEGORIES_TARGET = Path(__file__).with_name("categories.py")
SHAPES = ("dot", "square", "triangle", "star", "diamond", "hexagon")
MARKER = re.compile(r"#\s*generated: category (classes|names|list)\s*$")


@dataclass(frozen=True)
class TopCategory:
    name: str
    class_name: str
    colour: str
    shape: str
    labels: dict[str, str]


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


def top_categories(graph: Graph, turtle: str) -> list[TopCategory]:
    """The classes with ``rem:category``, in the order `turtle` (the ontology's text) declares
    them; a missing or malformed colour, symbol or label is an error naming the class."""
    rem = lambda name: URIRef(NAMESPACE + name)  # noqa: E731
    found = []
    for cls, name in graph.subject_objects(rem("category")):
        local = str(cls)[len(NAMESPACE) :]
        colour, shape = graph.value(cls, rem("colour")), graph.value(cls, rem("shape"))
        labels = {
            label.language: str(label)
            for label in graph.objects(cls, RDFS.label)
            if isinstance(label, Literal) and label.language in LANGUAGES
        }
        problems = [
            *([] if re.fullmatch(r"#[0-9a-f]{6}", str(colour)) else ["rem:colour #rrggbb"]),
            *([] if str(shape) in SHAPES else [f"rem:shape, one of {', '.join(SHAPES)}"]),
            *(f"an rdfs:label in {lang!r}" for lang in LANGUAGES if lang not in labels),
        ]
        if problems:
            raise ValueError(
                f"{ONTOLOGY_FILE}: category class rem:{local} needs {'; '.join(problems)}"
            )
        found.append(TopCategory(str(name), local, str(colour), str(shape), labels))
    return sorted(found, key=lambda c: turtle.index(f"rem:{c.class_name} a owl:Class"))


def render_categories(categories: list[TopCategory]) -> str:
    """Source of the categories module."""
    names = ", ".join(f'"{c.name}"' for c in categories)
    lines = [
        '"""The top categories of the ontology (generated: do not edit).',
        "",
        "Regenerate with ``python -m remembrance.ontology.generate``.",
        '"""',
        "",
        "from dataclasses import dataclass",
        "from typing import Literal",
        "",
        f"Category = Literal[{names}]",
        f"CATEGORIES: tuple[Category, ...] = ({names})",
        "",
        "",
        "@dataclass(frozen=True)",
        "class CategoryStyle:",
        '    """How networks, maps and timelines draw a category; its name in each language."""',
        "",
        "    class_name: str",
        "    colour: str",
        "    shape: str",
        "    labels: dict[str, str]",
        "",
        "",
        "CATEGORY_TABLE: dict[Category, CategoryStyle] = {",
    ]
    for c in categories:
        labels = ", ".join(f'"{lang}": "{c.labels[lang]}"' for lang in LANGUAGES)
        lines += [
            f'    "{c.name}": CategoryStyle(',
            f'        class_name="{c.class_name}",',
            f'        colour="{c.colour}",',
            f'        shape="{c.shape}",',
            f"        labels={{{labels}}},",
            "    ),",
        ]
    return "\n".join([*lines, "}"]) + "\n"


def render_shapes(shapes: str, categories: list[TopCategory]) -> str:
    """`shapes` (Turtle text) with its marked category lists made from `categories`."""
    lists = {
        "classes": " ".join(f"rem:{c.class_name}" for c in categories),
        "names": " ".join(f'"{c.name}"' for c in categories),
    }
    words = ", ".join(c.name for c in categories)
    lines = []
    for line in shapes.split("\n"):
        if marker := MARKER.search(line):
            kind = marker.group(1)
            if kind == "list":
                line = re.sub(r"one of [^\"]*\"", f'one of {words}"', line)
            else:
                line = re.sub(r"sh:in \( [^)]* \)", f"sh:in ( {lists[kind]} )", line)
        lines.append(line)
    return "\n".join(lines)


def generated(ontology: Path = ONTOLOGY_FILE, shapes: Path = SHAPES_FILE) -> dict[str, str]:
    """Generated file name → its text, from the ontology and shapes at these paths."""
    graph = parse_turtle(ontology)
    categories = top_categories(graph, ontology.read_text(encoding="utf-8"))
    return {
        TARGET.name: render(defined_terms(graph)),
        CATEGORIES_TARGET.name: render_categories(categories),
        shapes.name: render_shapes(shapes.read_text(encoding="utf-8"), categories),
    }


def main() -> None:
    targets = {
        TARGET.name: TARGET,
        CATEGORIES_TARGET.name: CATEGORIES_TARGET,
        SHAPES_FILE.name: SHAPES_FILE,
    }
    for name, text in generated().items():
        targets[name].write_text(text, encoding="utf-8")
        print(f"wrote {targets[name]}")


if __name__ == "__main__":
    main()
