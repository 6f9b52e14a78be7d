"""`remembrance records import`: lists become validated authority records that the pipeline
finds and links; homonyms are told apart by what the text says, or left unlinked and reported."""

import json
import random
from pathlib import Path

import pytest
from clitools import one_line_error, run_cli
from paths import ROOT
from rdflib import Graph, URIRef

from remembrance.graph.validate import class_tree, shapes
from remembrance.ontology.namespace import REM

EXAMPLE = ROOT / "docs" / "records"


def import_example(tmp_path: Path, source: Path, mapping: Path) -> tuple[Path, dict[str, str]]:
    """Import into a fresh ontology folder; the environment that makes the pipeline use it."""
    ontology = tmp_path / "ontology"
    result = run_cli(
        "records", "import", str(source), "--mapping", str(mapping), "--out", str(ontology)
    )
    assert result.returncode == 0, result.stderr
    env = {"REMEMBRANCE_ONTOLOGY_DIR": str(ontology), "REMEMBRANCE_CACHE": str(tmp_path / "c")}
    return ontology, env


def extract(tmp_path: Path, env: dict[str, str], *texts: str) -> list[dict]:
    paths = []
    for number, text in enumerate(texts):
        path = tmp_path / f"text-{number}.txt"
        path.write_text(text, encoding="utf-8")
        path.with_suffix(".json").write_text('{"language": "en"}', encoding="utf-8")
        paths.append(str(path))
    result = run_cli("extract", *paths, "--format", "jsonl", **env)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def people(record: dict, name: str) -> list[dict]:
    return [e for e in record["entities"] if e["text"] == name]


def slug(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


@pytest.mark.slow
def test_example_list_imports_validates_and_reports_its_bad_row(tmp_path: Path) -> None:
    ontology = tmp_path / "ontology"
    result = run_cli(
        "records",
        "import",
        str(EXAMPLE / "people.csv"),
        "--mapping",
        str(EXAMPLE / "people.toml"),
        "--out",
        str(ontology),
    )
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning")]
    assert warnings == ["warning: people.csv, row 7: bornOn: '30/02/1921' is not a date"]
    assert "5 records imported" in result.stderr
    written = ontology / "authority" / "example-people.ttl"
    graph = Graph().parse(written, format="turtle", publicID="https://w3id.org/remembrance/")
    record = URIRef("https://w3id.org/remembrance/entity/example-people-2")
    assert str(graph.value(record, REM.bornOn)) == "1912-05-03"  # 03/05/1912, day first
    assert graph.value(record, REM.bornIn) == URIRef("https://w3id.org/remembrance/entity/liege")
    assert str(graph.value(record, REM.sourceRow)) == "2"
    assert str(graph.value(record, REM.sourceDataset)) == "example-people"
    second = URIRef("https://w3id.org/remembrance/entity/example-people-3")
    assert str(graph.value(second, REM.diedOn)) == "1943-03-12"  # "12 mars 1943"
    hoste = URIRef("https://w3id.org/remembrance/entity/example-people-6")
    assert len(set(graph.objects(hoste, REM.memberOf))) == 2  # "Comet Line|Groupe G"
    florennes = URIRef("https://w3id.org/remembrance/entity/florennes")
    assert (florennes, None, REM.Place) in graph or (florennes, None, None) in graph
    assert "<entity/example-people-2>" in written.read_text(encoding="utf-8")  # relative IRIs
    data = graph + class_tree()
    from pyshacl import validate

    conforms, _, text = validate(data, shacl_graph=shapes(), inference="none")
    assert conforms, text


@pytest.mark.slow
def test_homonyms_are_told_apart_by_the_text_or_left_ambiguous(tmp_path: Path) -> None:
    _, env = import_example(tmp_path, EXAMPLE / "people.csv", EXAMPLE / "people.toml")
    records = extract(
        tmp_path,
        env,
        "Jean Peeters was born in Liège.",  # the birth place of one of the two
        "Jean Peeters, born on 3 May 1912, was arrested.",  # the birth date of the same one
        "Jean Peeters joined Groupe G.",  # the other's group
        "Jean Peeters died in 1943.",  # the other's year of death
        "Jean Peeters was a baker.",  # nothing tells them apart
    )
    linked = [people(record, "Jean Peeters")[0] for record in records]
    assert [slug(e["id"]) for e in linked[:4]] == [
        "example-people-2",
        "example-people-2",
        "example-people-3",
        "example-people-3",
    ]
    assert all(e["ambiguous"] == [] for e in linked[:4])
    ambiguous = linked[4]
    assert slug(ambiguous["id"]) == "jean-peeters-person"  # a local entity: neither record
    assert [slug(i) for i in ambiguous["ambiguous"]] == ["example-people-2", "example-people-3"]
    result = run_cli("extract", str(tmp_path / "text-4.txt"), "--format", "ttl", **env)
    graph = Graph().parse(data=result.stdout, format="turtle")
    possible = {slug(str(o)) for o in graph.objects(None, REM.possiblyRefersTo)}
    assert possible == {"example-people-2", "example-people-3"}


@pytest.mark.slow
def test_a_few_thousand_people_import_and_are_found_in_texts(tmp_path: Path) -> None:
    rng = random.Random(5)
    given = ["Achille", "Berthe", "Cyriel", "Denise", "Emile", "Fernande", "Gaston", "Hortense"]
    rows = ["nom;prenom;naissance;lieu;groupe"]
    for number in range(3000):
        surname = f"Verstraet{number:04d}".replace("0", "o").replace("1", "l")
        born = f"{1890 + number % 30}-0{1 + number % 9}-1{number % 10}"
        rows.append(f"{surname};{rng.choice(given)};{born};Liège;Comet Line")
    source = tmp_path / "list.csv"
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    mapping = tmp_path / "list.toml"
    mapping.write_text(
        '[dataset]\nname = "big-list"\nsource = "test"\nclass = "Person"\nformat = "csv"\n'
        'separator = "|"\n[record]\nlabel = "{prenom} {nom}"\nbornOn = "{naissance}"\n'
        'bornIn = "{lieu}"\nmemberOf = "{groupe}"\n',
        encoding="utf-8",
    )
    text = source.read_text(encoding="utf-8").replace(";", ",")
    source.write_text(text, encoding="utf-8")
    _, env = import_example(tmp_path, source, mapping)
    first = rows[1].split(";")
    last = rows[-1].split(";")
    record = extract(
        tmp_path,
        env,
        f"{first[1]} {first[0]} and {last[1]} {last[0]} met in Brussels in 1942.",
    )[0]
    found = {e["text"]: slug(e["id"]) for e in record["entities"]}
    assert found[f"{first[1]} {first[0]}"] == "big-list-2"
    assert found[f"{last[1]} {last[0]}"] == "big-list-3001"


def test_other_formats_jsonl_wikibase_and_turtle(tmp_path: Path) -> None:
    jsonl = tmp_path / "people.jsonl"
    jsonl.write_text(
        json.dumps({"id": "p1", "name": "Irma Testaert", "born": "1911", "qid": "Q123"}) + "\n",
        encoding="utf-8",
    )
    wikibase = tmp_path / "export.json"
    wikibase.write_text(
        json.dumps(
            {
                "entities": {
                    "Q77": {
                        "id": "Q77",
                        "labels": {"fr": {"language": "fr", "value": "Irma Testaert"}},
                        "claims": {
                            "P2": [
                                {
                                    "mainsnak": {
                                        "datavalue": {
                                            "value": {
                                                "time": "+1911-04-00T00:00:00Z",
                                                "precision": 10,
                                            }
                                        }
                                    }
                                }
                            ]
                        },
                    }
                }
            }
        ),
        encoding="utf-8",
    )
    turtle = tmp_path / "people.ttl"
    turtle.write_text(
        "@prefix schema: <https://schema.org/> .\n"
        '<http://www.wikidata.org/entity/Q91> schema:name "Irma Testaert" ; '
        'schema:birthDate "1911-04-02" .\n',
        encoding="utf-8",
    )
    cases = [
        (
            jsonl,
            '[record]\nid = "{id}"\nlabel = "{name}"\nbornOn = "{born}"\nwikidata = "{qid}"\n',
            "p1",
            "1911",
        ),
        (
            wikibase,
            '[record]\nid = "wb-{id}"\nlabel = "{label@fr}"\nbornOn = "{P2}"\n'
            'stateArchivesId = "{id}"\n',
            "wb-q77",
            "1911-04",
        ),
        (
            turtle,
            '[record]\nid = "wd-{id}"\nlabel = "{schema:name}"\n'
            'bornOn = "{schema:birthDate}"\nwikidata = "{id}"\n',
            "wd-q91",
            "1911-04-02",
        ),
    ]
    for number, (source, record, record_id, born) in enumerate(cases):
        mapping = tmp_path / f"m{number}.toml"
        mapping.write_text(
            f'[dataset]\nname = "set-{number}"\nsource = "test"\nclass = "Person"\n{record}',
            encoding="utf-8",
        )
        out = tmp_path / f"out-{number}"
        result = run_cli(
            "records", "import", str(source), "--mapping", str(mapping), "--out", str(out)
        )
        assert result.returncode == 0, result.stderr
        graph = Graph().parse(
            out / "authority" / f"set-{number}.ttl", publicID="https://w3id.org/remembrance/"
        )
        node = URIRef(f"https://w3id.org/remembrance/entity/{record_id}")
        assert str(graph.value(node, REM.bornOn)) == born, result.stderr


def test_mapping_errors_are_one_line_listing_the_choices(tmp_path: Path) -> None:
    mapping = tmp_path / "m.toml"
    mapping.write_text(
        '[dataset]\nname = "x"\nsource = "s"\nclass = "Person"\n[record]\nlabel = "{name}"\n'
        'bornAt = "{place}"\n',
        encoding="utf-8",
    )
    source = tmp_path / "list.csv"
    source.write_text("name,place\nA B,Liège\n", encoding="utf-8")
    run = (
        "records",
        "import",
        str(source),
        "--mapping",
        str(mapping),
        "--out",
        str(tmp_path / "o"),
    )
    one_line_error(run_cli(*run), "m.toml", "bornAt", "bornIn")
    mapping.write_text(
        '[dataset]\nname = "x"\nsource = "s"\nclass = "Person"\n[record]\nlabel = "{nom}"\n',
        encoding="utf-8",
    )
    one_line_error(run_cli(*run), "list.csv", "nom", "name, place")
    mapping.write_text(
        '[dataset]\nname = "x"\nsource = "s"\nclass = "Soldier"\n[record]\nlabel = "{name}"\n',
        encoding="utf-8",
    )
    result = run_cli(*run)
    assert result.returncode == 1
    assert "warning: list.csv, row 2: class 'Soldier' is not an ontology class" in result.stderr
    assert "ResistanceNetwork" in result.stderr  # the valid classes come from the ontology
