"""The two seed articles: what a careful reader marks must come out, with provenance."""

import json
import subprocess
import sys

import pytest
from paths import SEED_000, SEED_003, SEEDS

from remembrance.ontology.categories import CATEGORIES

pytestmark = pytest.mark.skipif(not SEEDS.exists(), reason="../shared/seeds is not beside the repo")


@pytest.fixture(scope="module")
def seed_003() -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "remembrance", "extract", str(SEED_003), "--format", "jsonl"],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    return json.loads(lines[0])


def _by_id(record: dict, slug: str) -> list[dict]:
    return [e for e in record["entities"] if e["id"].endswith(f"/entity/{slug}")]


def test_contract_shape(seed_003: dict) -> None:
    text = SEED_003.read_text(encoding="utf-8")
    assert seed_003["document"] == str(SEED_003)
    assert seed_003["language"] == "en"
    assert seed_003["iri"].startswith("https://w3id.org/remembrance/document/")
    for entity in seed_003["entities"]:
        assert text[entity["start"] : entity["end"]] == entity["text"]
        assert entity["category"] in CATEGORIES
        assert set(entity) == {
            "text",
            "start",
            "end",
            "category",
            "class",
            "id",
            "label",
            "wikidata",
            "source",
            "confidence",
            "ambiguous",
            "title",
        }
    for date in seed_003["dates"]:
        assert text[date["start"] : date["end"]] == date["text"]
        assert set(date) == {"text", "start", "end", "value", "earliest", "latest"}
    for relation in seed_003["relations"]:
        assert set(relation) == {"subject", "predicate", "object", "start", "end", "confidence"}


@pytest.mark.parametrize(
    ("slug", "category", "surface"),
    [
        ("comet-line", "Group", "Comet line"),
        ("enclos-des-fusilles-liege", "Memorial", "Enclos des Fusillés"),
        ("leopold-iii", "Person", "Leopold III"),
        ("citadel-of-liege", "Place", "Citadel of Liege"),
        ("gibraltar", "Place", "Gibraltar"),
        ("german-invasion-of-belgium-1940", "Event", "invaded"),
        ("belgian-surrender-1940", "Event", "surrender"),
    ],
)
def test_entities(seed_003: dict, slug: str, category: str, surface: str) -> None:
    found = _by_id(seed_003, slug)
    assert found, f"{slug} not found"
    assert {e["category"] for e in found} == {category}
    assert surface in {e["text"] for e in found}


def test_nationality_adjectives_are_not_mentions(seed_003: dict) -> None:
    texts = {e["text"] for e in seed_003["entities"]}
    assert "Allied" not in texts  # "neutral or Allied occupied territory"
    assert "Allies" in texts


def test_dates(seed_003: dict) -> None:
    values = {d["text"]: d["value"] for d in seed_003["dates"]}
    assert values["May 10, 1940"] == "1940-05-10"
    assert values["May 28"] == "1940-05-28"  # year from the context, not from "until 1944"
    assert values["May 5"] == "XXXX-05-05"  # no year anywhere before it
    assert values["between September and October 1944"] == "1944-09/1944-10"
    assert values["early 1945"] == "1945-01/1945-04"


def _relations(record: dict) -> set[tuple[str, str, str]]:
    def local(value: object) -> str:
        return str(value).rsplit("/", 1)[-1].rsplit("#", 1)[-1]

    return {
        (local(r["subject"]), local(r["predicate"]), local(r["object"]))
        for r in record["relations"]
    }


def test_relations(seed_003: dict) -> None:
    relations = _relations(seed_003)
    assert ("enclos-des-fusilles-liege", "locatedIn", "citadel-of-liege") in relations
    assert ("enclos-des-fusilles-liege", "dedicatedOn", "1947") in relations
    assert ("enclos-des-fusilles-liege", "graveCount", "197") in relations
    assert ("comet-line", "helpedCount", "700") in relations
    invasion = {s for s, p, o in relations if p == "occurredOn" and o == "1940-05-10"}
    surrender = {s for s, p, o in relations if p == "occurredOn" and o == "1940-05-28"}
    assert invasion and surrender and invasion != surrender
    assert (surrender.pop(), "orderedBy", "leopold-iii") in relations


def test_seed_000_builds_with_unspecified_year() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "remembrance", "extract", str(SEED_000)],
        capture_output=True,
        text=True,
        check=True,
    )
    record = json.loads(result.stdout)
    assert {"text": "May 5", "value": "XXXX-05-05"}.items() <= record["dates"][0].items()
    assert _by_id(record, "immortal-regiment")
    assert {e["category"] for e in _by_id(record, "immortal-regiment")} == {"Event"}
