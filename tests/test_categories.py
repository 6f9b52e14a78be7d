"""The top categories come from the ontology alone: adding one is one ontology edit and
`python -m remembrance.ontology.generate`; every category has a class, colour, symbol and labels."""

import shutil
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph

from remembrance.graph.render import GLYPHS, OTHER_STYLE, SYMBOL_PATHS, style
from remembrance.ontology import generate
from remembrance.ontology.categories import CATEGORIES, CATEGORY_TABLE
from remembrance.ontology.files import ONTOLOGY_FILE, SHAPES_FILE

NEWSPAPER = """
rem:Newspaper a owl:Class ;
    rdfs:label "Newspaper"@en, "Journal"@fr, "Krant"@nl ;
    skos:definition "A periodical, legal or clandestine."@en ;
    rem:category "Newspaper" ; rem:colour "#76b7b2" ; rem:shape "hexagon" .
"""


def test_the_generated_files_agree_with_the_ontology() -> None:
    for name, text in generate.generated().items():
        target = SHAPES_FILE if name == SHAPES_FILE.name else ONTOLOGY_FILE.with_name(name)
        assert target.read_text(encoding="utf-8") == text, f"{name}: run the generator"


def test_every_category_has_a_class_colour_symbol_and_three_labels() -> None:
    assert CATEGORIES == ("Person", "Group", "Place", "Memorial", "Event")
    colours = set()
    for name in CATEGORIES:
        entry = CATEGORY_TABLE[name]
        assert style(name) != OTHER_STYLE and entry.shape in SYMBOL_PATHS and entry.shape in GLYPHS
        assert set(entry.labels) == {"en", "fr", "nl"} and all(entry.labels.values())
        colours.add(entry.colour)
    assert len(colours) == len(CATEGORIES) and OTHER_STYLE[0] not in colours


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    folder = tmp_path / "ontology"
    shutil.copytree(
        ONTOLOGY_FILE.parent, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__")
    )
    return folder


def test_adding_a_category_is_one_ontology_edit_and_regeneration(copy: Path) -> None:
    ontology = copy / "remembrance.ttl"
    ontology.write_text(ontology.read_text(encoding="utf-8") + NEWSPAPER, encoding="utf-8")
    files = generate.generated(ontology, copy / "shapes.ttl")
    module: dict[str, object] = {}
    exec(compile(files["categories.py"], "categories.py", "exec"), module)
    assert module["CATEGORIES"] == (*CATEGORIES, "Newspaper")
    assert module["CATEGORY_TABLE"]["Newspaper"].labels == {  # type: ignore[index]
        "en": "Newspaper",
        "fr": "Journal",
        "nl": "Krant",
    }
    assert "Newspaper" in files["namespace.py"]
    shapes = Graph().parse(data=files["shapes.ttl"], format="turtle")
    record = """
        @prefix rem: <https://w3id.org/remembrance/ontology#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <https://example.org/le-soir-vole> a rem:Newspaper ; rem:localEntity true ;
            rdfs:label "Le Soir volé" ; rem:category "Newspaper" .
    """
    data = Graph().parse(data=record, format="turtle")
    ontology_graph = Graph().parse(ontology, format="turtle")
    conforms, _, text = validate(
        data, shacl_graph=shapes, ont_graph=ontology_graph, inference="none"
    )
    assert conforms, text
    unchanged, _, text = validate(
        data, shacl_graph=Graph().parse(SHAPES_FILE, format="turtle"), ont_graph=ontology_graph
    )
    assert not unchanged and "one of Person, Group, Place, Memorial, Event" in text


def test_a_category_without_a_colour_is_an_error_naming_it(copy: Path) -> None:
    ontology = copy / "remembrance.ttl"
    text = NEWSPAPER.replace(' rem:colour "#76b7b2" ;', "")
    ontology.write_text(ontology.read_text(encoding="utf-8") + text, encoding="utf-8")
    with pytest.raises(ValueError, match=r"rem:Newspaper needs rem:colour"):
        generate.generated(ontology, copy / "shapes.ttl")
