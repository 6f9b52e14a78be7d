"""Synthetic inputs of any size: texts built from the authority records, and N-Quads in the
shape of graph/MODEL.md (authority labels, document graphs with mentions and dated statements)."""

from __future__ import annotations

import json
import random
from itertools import cycle
from pathlib import Path

from remembrance.ontology.categories import CATEGORIES
from remembrance.pipelines.authority import load_index

TEMPLATES = {
    "en": [
        "{person} joined {group} in {place} in {year}.",
        "In {month} {year}, {person} was arrested in {place} and taken to {place2}.",
        "{group} helped about {n} airmen to cross {place} before {year}.",
        "The {memorial} recalls those of {group} who died in {place}.",
        "On {day} {month} {year} {person} met members of {group} near {memorial}.",
    ],
    "fr": [
        "{person} rejoignit {group} à {place} en {year}.",
        "En {month_fr} {year}, {person} fut arrêté à {place} et conduit à {place2}.",
        "{group} aida environ {n} aviateurs à traverser {place} avant {year}.",
        "Le {memorial} rappelle les membres de {group} morts à {place}.",
    ],
    "nl": [
        "{person} sloot zich in {year} in {place} aan bij {group}.",
        "In {month_nl} {year} werd {person} in {place} gearresteerd en naar {place2} gebracht.",
        "{group} hielp ongeveer {n} piloten om {place} over te steken voor {year}.",
    ],
}
MONTHS = ["January", "March", "May", "July", "September", "November"]
MONTHS_FR = ["janvier", "mars", "mai", "juillet", "septembre", "novembre"]
MONTHS_NL = ["januari", "maart", "mei", "juli", "september", "november"]


def write_corpus(
    folder: Path, documents: int, *, words: int = 150, languages: str = "en fr nl", seed: int = 1
) -> int:
    """Write `documents` texts of about `words` words (with metadata); return the word count."""
    rng = random.Random(seed)
    index = load_index()
    by_category: dict[str, list[dict[str, str]]] = {}
    for record in index.records.values():
        by_category.setdefault(record.category, []).append(record.labels)
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    chosen = languages.split()
    for number in range(documents):
        language = chosen[number % len(chosen)]

        def name(category: str, language: str = language) -> str:
            labels = rng.choice(by_category[category])
            return labels.get(language) or next(iter(labels.values()))

        sentences: list[str] = []
        count = 0
        while count < words:
            sentence = rng.choice(TEMPLATES[language]).format(
                person=name("Person"),
                group=name("Group"),
                place=name("Place"),
                place2=name("Place"),
                memorial=name("Memorial"),
                year=rng.randint(1940, 1945),
                day=rng.randint(1, 28),
                n=rng.randint(10, 900),
                month=rng.choice(MONTHS),
                month_fr=rng.choice(MONTHS_FR),
                month_nl=rng.choice(MONTHS_NL),
            )
            sentences.append(sentence)
            count += len(sentence.split())
        total += count
        stem = folder / f"doc-{number:06d}"
        stem.with_suffix(".txt").write_text(" ".join(sentences) + "\n", encoding="utf-8")
        meta = {"title": f"Synthetic {number}", "language": language, "published": "1946"}
        stem.with_suffix(".json").write_text(json.dumps(meta), encoding="utf-8")
    return total


def write_long_text(path: Path, size: int, language: str) -> Path:
    """Write one text of at most `size` bytes (UTF-8) in paragraphs of about 300 words, with
    its metadata giving the language; return its path."""
    source = path.parent / f"{path.stem}-paragraphs"
    write_corpus(source, 50, words=300, languages=language, seed=size)
    paragraphs = [
        (p.read_text(encoding="utf-8").strip() + "\n\n").encode()
        for p in sorted(source.glob("*.txt"))
    ]
    with path.open("wb") as out:
        written = 0
        for paragraph in cycle(paragraphs):
            if written + len(paragraph) > size:
                break
            written += out.write(paragraph)
    path.with_suffix(".json").write_text(json.dumps({"language": language}), encoding="utf-8")
    return path


BASE = "https://w3id.org/remembrance/"
REM = "https://w3id.org/remembrance/ontology#"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
XSD_DATE = "<http://www.w3.org/2001/XMLSchema#date>"


def write_nquads(path: Path, entities: int, graphs: int, *, seed: int = 1) -> int:
    """Write an N-Quads file (3 quads per entity, ~76 per document graph); return the quad count."""
    rng = random.Random(seed)
    authority = f"<{BASE}graph/authority>"
    lines = 0
    with path.open("w", encoding="utf-8") as out:
        for e in range(entities):
            node = f"<{BASE}entity/e{e}>"
            category = CATEGORIES[e % len(CATEGORIES)]
            out.write(f'{node} {LABEL} "Entity {e}" {authority} .\n')
            out.write(f"{node} {RDF_TYPE} <{REM}{category}> {authority} .\n")
            out.write(f'{node} <{REM}category> "{category}" {authority} .\n')
            lines += 3
        for g in range(graphs):
            doc = f"<{BASE}document/d{g}>"
            quads = [
                (doc, RDF_TYPE, f"<{REM}Document>"),
                (doc, f"<{REM}language>", f'"{("en", "fr", "nl")[g % 3]}"'),
                (doc, "<http://purl.org/dc/terms/title>", f'"Document {g}"'),
                (doc, "<http://purl.org/dc/terms/issued>", f'"1946-01-01"^^{XSD_DATE}'),
            ]
            for m in range(8):
                mention = f"<{BASE}mention/d{g}/{m * 10}-{m * 10 + 5}>"
                entity = f"<{BASE}entity/e{int(entities * rng.random() ** 3)}>"  # skewed
                quads += [
                    (mention, RDF_TYPE, f"<{REM}Mention>"),
                    (mention, f"<{REM}refersTo>", entity),
                    (mention, f"<{REM}inDocument>", doc),
                    (mention, f"<{REM}text>", f'"name {m}"'),
                    (
                        mention,
                        f"<{REM}start>",
                        f'"{m * 10}"^^<http://www.w3.org/2001/XMLSchema#integer>',
                    ),
                ]
            for s in range(4):
                statement = f"<{BASE}statement/d{g}/{s}>"
                day = rng.randint(0, 6 * 365)
                year, rest = 1940 + day // 365, day % 365
                earliest = f"{year}-{rest // 31 % 12 + 1:02d}-{rest % 28 + 1:02d}"
                quads += [
                    (statement, RDF_TYPE, f"<{REM}Statement>"),
                    (
                        statement,
                        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#subject>",
                        f"<{BASE}entity/e{rng.randrange(entities)}>",
                    ),
                    (
                        statement,
                        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate>",
                        f"<{REM}occurredOn>",
                    ),
                    (statement, f"<{REM}inDocument>", doc),
                    (statement, f"<{REM}earliest>", f'"{earliest}"^^{XSD_DATE}'),
                    (statement, f"<{REM}latest>", f'"{earliest}"^^{XSD_DATE}'),
                    (
                        statement,
                        f"<{REM}confidence>",
                        '"0.8"^^<http://www.w3.org/2001/XMLSchema#decimal>',
                    ),
                ]
            out.writelines(f"{s} {p} {o} {doc} .\n" for s, p, o in quads)
            lines += len(quads)
    return lines


SURNAME_ROOTS = [
    "Peeters",
    "Janssens",
    "Maes",
    "Jacobs",
    "Mertens",
    "Willems",
    "Claes",
    "Goossens",
    "Wouters",
    "De Smet",
    "Dubois",
    "Lambert",
    "Dupont",
    "Martin",
    "Simon",
    "Laurent",
    "Leroy",
    "Renard",
    "Vermeulen",
    "Van Damme",
    "Hermans",
    "Lemaire",
    "Desmet",
    "Michiels",
    "Collard",
    "Baert",
    "Verhoeven",
    "Dumont",
    "Lejeune",
    "Gilson",
    "Hubert",
    "Thiry",
    "Delvaux",
    "Pirard",
    "Van Acker",
    "De Backer",
    "Bastin",
    "Lecomte",
    "Fontaine",
    "Jacquet",
]
SURNAME_ENDINGS = ["", "e", "aert", "ier", "x", "ens", "el", "ot", "in", "y"]


def synthetic_people(count: int, *, seed: int = 1) -> list[dict[str, str]]:
    """`count` synthetic people with homonyms (given names × surnames), each born and died in a
    city of the authority records on a known day, and a member of one of its groups."""
    from remembrance.pipelines.config import DEFAULT_CONFIG

    rng = random.Random(seed)
    index = load_index()
    cities = sorted(r.id for r in index.records.values() if r.class_name == "City")
    groups = sorted(r.id for r in index.records.values() if r.class_name == "ResistanceNetwork")
    given = [name for name in DEFAULT_CONFIG["given_names"] if name.isalpha()]
    surnames = [root + ending for root in SURNAME_ROOTS for ending in SURNAME_ENDINGS]
    people = []
    for number in range(count):
        born = f"{rng.randint(1880, 1925)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        died = f"{rng.randint(1940, 1945)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        people.append(
            {
                "id": f"synthetic-{number}",
                "given": rng.choice(given),
                "surname": rng.choice(surnames),
                "born": born,
                "died": died,
                "born_in": rng.choice(cities),
                "died_in": rng.choice(cities),
                "group": rng.choice(groups),
            }
        )
    return people


def write_records(folder: Path, people: list[dict[str, str]]) -> Path:
    """A folder laid out like ontology/ (for REMEMBRANCE_ONTOLOGY_DIR): the bundled ontology,
    shapes and authority records, plus `people` in authority/synthetic.ttl (two labels each)."""
    import shutil

    from remembrance.ontology.files import AUTHORITY_DIR, ONTOLOGY_FILE, SHAPES_FILE

    (folder / "authority").mkdir(parents=True, exist_ok=True)
    shutil.copy(ONTOLOGY_FILE, folder / "remembrance.ttl")
    shutil.copy(SHAPES_FILE, folder / "shapes.ttl")
    for path in AUTHORITY_DIR.glob("*.ttl"):
        shutil.copy(path, folder / "authority" / path.name)
    with (folder / "authority" / "synthetic.ttl").open("w", encoding="utf-8") as out:
        out.write(
            "@prefix rem: <https://w3id.org/remembrance/ontology#> .\n"
            "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
            "@prefix dcterms: <http://purl.org/dc/terms/> .\n\n"
        )
        for p in people:
            out.write(
                f"<entity/{p['id']}> a rem:Person ;\n"
                f'    skos:prefLabel "{p["given"]} {p["surname"]}"@en ;\n'
                f'    skos:altLabel "{p["surname"]}, {p["given"]}"@fr ;\n'
                f'    rem:bornOn "{p["born"]}"^^rem:edtf ; rem:diedOn "{p["died"]}"^^rem:edtf ;\n'
                f"    rem:bornIn <entity/{p['born_in']}> ; rem:diedIn <entity/{p['died_in']}> ;\n"
                f"    rem:memberOf <entity/{p['group']}> ;\n"
                '    dcterms:source "synthetic" .\n\n'
            )
    return folder
