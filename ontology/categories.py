"""The top categories of the ontology (generated: do not edit).

Regenerate with ``python -m remembrance.ontology.generate``.
"""

from dataclasses import dataclass
from typing import Literal

Category = Literal["Person", "Group", "Place", "Memorial", "Event"]
CATEGORIES: tuple[Category, ...] = ("Person", "Group", "Place", "Memorial", "Event")


@dataclass(frozen=True)
class CategoryStyle:
    """How networks, maps and timelines draw a category; its name in each language."""

    class_name: str
    colour: str
    shape: str
    labels: dict[str, str]


CATEGORY_TABLE: dict[Category, CategoryStyle] = {
    "Person": CategoryStyle(
        class_name="Person",
        colour="#4e79a7",
        shape="dot",
        labels={"en": "Person", "fr": "Personne", "nl": "Persoon"},
    ),
    "Group": CategoryStyle(
        class_name="Group",
        colour="#f28e2b",
        shape="square",
        labels={"en": "Group", "fr": "Groupe", "nl": "Groep"},
    ),
    "Place": CategoryStyle(
        class_name="Place",
        colour="#59a14f",
        shape="triangle",
        labels={"en": "Place", "fr": "Lieu", "nl": "Plaats"},
    ),
    "Memorial": CategoryStyle(
        class_name="Memorial",
        colour="#e15759",
        shape="star",
        labels={"en": "Memorial", "fr": "Lieu de mémoire", "nl": "Gedenkteken"},
    ),
    "Event": CategoryStyle(
        class_name="Event",
        colour="#b07aa1",
        shape="diamond",
        labels={"en": "Event", "fr": "Événement", "nl": "Gebeurtenis"},
    ),
}
