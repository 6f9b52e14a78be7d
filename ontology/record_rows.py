"""The rows of a historian's list in each format it may come in (CSV/TSV, JSON lines, RDF, a
Wikibase or Wikidata JSON export): every record becomes (row label, fields), a field holding one
or more text values."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef

FORMATS = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".jsonl": "jsonl",
    ".ttl": "rdf",
    ".nt": "rdf",
    ".rdf": "rdf",
    ".json": "wikibase-json",
}


class MappingError(ValueError):
    """The mapping or the input cannot be used at all (nothing is imported)."""


Row = dict[str, list[str]]


def read_rows(
    path: Path, format: str | None, separator: str | None, prefixes: Mapping[str, str]
) -> Iterator[tuple[str, Row]]:
    """(row label, fields) for every record of the input, in `format` (else the one its suffix
    names); `separator` splits a text field into values, `prefixes` name RDF predicates."""
    fmt = format or FORMATS.get(path.suffix.lower())
    if fmt is None:
        choices = ", ".join(sorted(FORMATS))
        raise MappingError(
            f"{path}: cannot tell the format from {path.suffix!r} ({choices}); set format"
        )
    if fmt in ("csv", "tsv"):
        yield from _table_rows(path, "\t" if fmt == "tsv" else ",", separator)
    elif fmt == "jsonl":
        yield from _jsonl_rows(path, separator)
    elif fmt == "rdf":
        yield from _rdf_rows(path, prefixes)
    else:
        yield from _wikibase_rows(path)


def _split(value: str, separator: str | None) -> list[str]:
    parts = value.split(separator) if separator else [value]
    return [part.strip() for part in parts if part.strip()]


def _table_rows(path: Path, delimiter: str, separator: str | None) -> Iterator[tuple[str, Row]]:
    with path.open(encoding="utf-8-sig", newline="") as source:
        reader = csv.DictReader(source, delimiter=delimiter)
        for row in reader:
            yield (
                str(reader.line_num),
                {key.strip(): _split(value or "", separator) for key, value in row.items() if key},
            )


def _jsonl_rows(path: Path, separator: str | None) -> Iterator[tuple[str, Row]]:
    with path.open(encoding="utf-8") as source:
        for number, line in enumerate(source, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as error:
                raise MappingError(f"{path}, row {number}: not JSON ({error.msg})") from error
            if not isinstance(data, dict):
                raise MappingError(f"{path}, row {number}: not a JSON object")
            yield (
                str(number),
                {
                    key: [str(v) for v in value]
                    if isinstance(value, list)
                    else _split("" if value is None else str(value), separator)
                    for key, value in data.items()
                },
            )


def _short(term: URIRef, prefixes: Mapping[str, str]) -> str:
    """A predicate as prefix:name with the mapping's prefixes, else the full IRI."""
    for prefix, namespace in prefixes.items():
        if str(term).startswith(namespace):
            return f"{prefix}:{str(term)[len(namespace) :]}"
    return str(term)


def _item(term: URIRef) -> str:
    """An entity IRI as the identifier a mapping uses: a Wikibase item "Q…" or the IRI."""
    local = str(term).rstrip("/").rsplit("/", 1)[-1]
    return local if re.fullmatch(r"Q[1-9][0-9]*", local) else str(term)


def _rdf_rows(path: Path, prefixes: Mapping[str, str]) -> Iterator[tuple[str, Row]]:
    """One row per subject IRI; fields are predicates as prefix:name, labels also per language
    ("rdfs:label@fr"), entity IRIs given as their item id ("Q90")."""
    graph = Graph()
    try:
        graph.parse(path)
    except Exception as error:  # rdflib raises many parser-specific types
        raise MappingError(f"{path}: invalid RDF: {str(error).strip().splitlines()[0]}") from error
    for subject in sorted({s for s in graph.subjects() if isinstance(s, URIRef)}):
        row: Row = {"id": [_item(subject)], "iri": [str(subject)]}
        for predicate, value in graph.predicate_objects(subject):
            name = _short(URIRef(str(predicate)), prefixes)
            text = _item(value) if isinstance(value, URIRef) else str(value)
            row.setdefault(name, []).append(text)
            if isinstance(value, Literal) and value.language:
                row.setdefault(f"{name}@{value.language}", []).append(text)
        yield _item(subject), row


def _wikibase_value(snak: dict[str, Any]) -> str | None:
    """A Wikibase claim's value as text: an item id, an EDTF date from a time, or a string."""
    value = snak.get("datavalue", {}).get("value")
    if isinstance(value, str):
        return value
    if not isinstance(value, dict):
        return None
    if "id" in value:
        return str(value["id"])
    if "time" in value:  # "+1912-05-03T00:00:00Z", precision 9 year, 10 month, 11 day
        match = re.match(r"([+-]\d+)-(\d\d)-(\d\d)", value["time"])
        if match is None:
            return None
        year = f"{int(match.group(1)):04d}"
        precision = value.get("precision", 11)
        parts = [year, match.group(2), match.group(3)][: {9: 1, 10: 2}.get(precision, 3)]
        return "-".join(parts)
    if "text" in value:
        return str(value["text"])
    return None


def _wikibase_rows(path: Path) -> Iterator[tuple[str, Row]]:
    """Rows of a Wikibase/Wikidata JSON export (``{"entities": {...}}``, a JSON array, or one
    entity per line): fields "id", "label@fr", "alias@nl", and property ids ("P569")."""
    text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text)
        entities = list(data["entities"].values()) if isinstance(data, dict) else list(data)
    except (json.JSONDecodeError, KeyError, AttributeError):
        lines = [line.strip().rstrip(",") for line in text.splitlines()]
        try:
            entities = [json.loads(line) for line in lines if line not in ("", "[", "]")]
        except json.JSONDecodeError as error:
            raise MappingError(f"{path}: not a Wikibase JSON export ({error.msg})") from error
    for entity in entities:
        row: Row = {"id": [str(entity.get("id", ""))]}
        for language, label in entity.get("labels", {}).items():
            row[f"label@{language}"] = [label["value"]]
            row.setdefault("label", []).append(label["value"])
        for language, aliases in entity.get("aliases", {}).items():
            row[f"alias@{language}"] = [alias["value"] for alias in aliases]
        for prop, claims in entity.get("claims", {}).items():
            values = [_wikibase_value(claim.get("mainsnak", {})) for claim in claims]
            row[prop] = [v for v in values if v]
        yield row["id"][0], row
