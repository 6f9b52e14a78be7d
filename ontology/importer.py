"""Import a historian's list (CSV/TSV, JSON lines, RDF, a Wikibase or Wikidata JSON export) as
authority records, described by a small TOML mapping (see ontology/authority/README.md).

Every input becomes rows of fields (record_rows.py); the mapping's templates
("{first_name} {name}") turn a row into one record: labels, aliases, class, EDTF dates, links to
other records (resolved by name, or new records of the property's range class for names no
record has), identifiers and the row it came from. The records are validated with the SHACL
shapes; a row that fails is reported as one line (file, row, problem) and left out.
"""

from __future__ import annotations

import re
import shutil
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from pyshacl import validate as shacl_validate
from rdflib import OWL, RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SDO, SH, SKOS

from remembrance.config import base_iri
from remembrance.iris import entity_iri, entity_slug, slugify
from remembrance.ontology.files import (
    AUTHORITY_DIR,
    ONTOLOGY_FILE,
    SHAPES_FILE,
    load_ontology,
    parse_turtle,
)
from remembrance.ontology.namespace import REM
from remembrance.ontology.record_rows import FORMATS, MappingError, Row, read_rows
from remembrance.pipelines.authority import AuthorityIndex, class_categories, normalise_label
from remembrance.pipelines.dates import bounds, normalise

#: Mapping keys of [record] that are not ontology properties.
RECORD_KEYS = {"id", "label", "aliases", "codeNames", "gender", "definition"}
GENDERS = {"female": SDO.Female, "male": SDO.Male}
PREFIXES = {
    "rdfs": str(RDFS),
    "skos": str(SKOS),
    "schema": str(SDO),
    "dcterms": str(DCTERMS),
    "wd": "http://www.wikidata.org/entity/",
    "wdt": "http://www.wikidata.org/prop/direct/",
}


@dataclass(frozen=True)
class Problem:
    """One row left out, or one value dropped, and why."""

    file: str
    row: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}, row {self.row}: {self.message}"


@dataclass
class RecordMapping:
    """The parsed mapping file."""

    path: Path
    dataset: str
    source: str
    format: str | None
    class_template: str
    languages: list[str]
    label_language: str
    separator: str | None
    record: dict[str, Any]
    values: dict[str, dict[str, str]]
    prefixes: dict[str, str]


@dataclass
class ImportResult:
    """What an import wrote and left out."""

    written: Path | None
    records: int
    created: int  # records made for places and groups no record had
    problems: list[Problem] = field(default_factory=list)


def read_mapping(path: Path) -> RecordMapping:
    """The mapping, checked: unknown keys and properties are errors listing the valid ones."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise MappingError(f"{path}: {error}") from error
    dataset, record = data.get("dataset", {}), data.get("record", {})
    for key in ("name", "source", "class"):
        if not dataset.get(key):
            raise MappingError(f"{path}: [dataset] needs {key!r}")
    if not record.get("label"):
        raise MappingError(f"{path}: [record] needs 'label' (a template such as '{{name}}')")
    name = dataset["name"]
    if slugify(name) != name:
        raise MappingError(
            f"{path}: dataset name {name!r} must be a slug such as {slugify(name)!r}"
        )
    properties = ontology_properties()
    unknown = sorted(set(record) - RECORD_KEYS - set(properties))
    if unknown:
        choices = ", ".join(sorted(RECORD_KEYS | set(properties)))
        raise MappingError(f"{path}: unknown [record] keys {unknown}; choose from {choices}")
    fmt = dataset.get("format")
    if fmt is not None and fmt not in set(FORMATS.values()):
        choices = ", ".join(sorted(set(FORMATS.values())))
        raise MappingError(f"{path}: format {fmt!r} is not one of {choices}")
    languages = list(dataset.get("languages", ["en", "fr", "nl"]))
    if "en" not in languages:
        raise MappingError(
            f"{path}: languages must include 'en' (every record needs an English label)"
        )
    return RecordMapping(
        path,
        name,
        dataset["source"],
        fmt,
        dataset["class"],
        languages,
        dataset.get("language", languages[0]),
        dataset.get("separator"),
        record,
        data.get("values", {}),
        {**PREFIXES, **data.get("prefixes", {})},
    )


def ontology_properties() -> dict[str, tuple[str, str | None]]:
    """Every property of the ontology: local name → (kind, range local name or None).
    kind is "date" (range rem:edtf), "link" (an object property) or "text"."""
    ontology = load_ontology()
    result: dict[str, tuple[str, str | None]] = {}
    namespace = str(REM)
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in ontology.subjects(RDF.type, kind):
            if not str(prop).startswith(namespace):
                continue
            range_ = ontology.value(prop, RDFS.range)
            range_name = str(range_).removeprefix(namespace) if range_ is not None else None
            if kind == OWL.ObjectProperty:
                result[str(prop)[len(namespace) :]] = ("link", range_name)
            elif range_ == REM.edtf:
                result[str(prop)[len(namespace) :]] = ("date", None)
            else:
                result[str(prop)[len(namespace) :]] = ("text", range_name)
    return result


# ------------------------------------------------------------------------------ reading rows

# ------------------------------------------------------------------------------ templates


FIELD = re.compile(r"\{([^{}]+)\}")


def template_fields(template: str) -> list[str]:
    """The fields a template names: "{first_name} {name}", "{schema:name}", "{label@fr}"."""
    return FIELD.findall(template)


def fill(template: str, row: Row) -> list[str]:
    """The values of a template for a row: one per value of a multi-valued field (at most one
    such field per template); none when every field it names is empty."""
    names = template_fields(template)
    if not names:
        return [template]
    if all(not row.get(name) for name in names):
        return []
    multi = [name for name in names if len(row.get(name, [])) > 1]
    variants = row[multi[0]] if multi else [None]
    results = []
    for variant in variants:
        values = {
            name: (variant if multi and name == multi[0] else (row.get(name) or [""])[0])
            for name in names
        }
        text = FIELD.sub(partial(_field_value, values), template)
        text = re.sub(r"\s+", " ", text).strip(" ,;")
        if text:
            results.append(text)
    return results


def _field_value(values: Mapping[str, str | None], match: re.Match[str]) -> str:
    return values[match.group(1)] or ""


def check_fields(mapping: RecordMapping, path: Path, row: Row) -> None:
    """Every field a template names is a column of the table."""
    templates = [mapping.class_template]
    for value in mapping.record.values():
        templates += value if isinstance(value, list) else [value]
    missing = sorted(
        {n for t in templates for n in template_fields(str(t))} - set(row) - {"row", "dataset"}
    )
    if missing:
        raise MappingError(
            f"{path}: the mapping names fields the input lacks: {', '.join(missing)}; "
            f"the input has: {', '.join(sorted(row))}"
        )


# ------------------------------------------------------------------------------ records


@dataclass
class Builder:
    """Turns rows into record triples, resolving names of linked records."""

    mapping: RecordMapping
    index: AuthorityIndex
    categories: dict[str, str]
    properties: dict[str, tuple[str, str | None]]
    taken: set[str]  # record ids of other datasets
    graph: Graph = field(default_factory=Graph)
    rows: dict[URIRef, str] = field(default_factory=dict)  # record → its row
    created: dict[str, URIRef] = field(default_factory=dict)  # normalised name → new record
    by_item: dict[str, URIRef] = field(default_factory=dict)  # source item id → record

    def add(self, row_label: str, row: Row) -> list[str]:
        """Add the row's record to the graph; return the problems (the row is left out if any
        problem is fatal: those come first and nothing is added)."""
        mapping, warnings = self.mapping, []
        values = {**row, "row": [row_label], "dataset": [mapping.dataset]}
        ids = fill(str(mapping.record.get("id", "{dataset}-{row}")), values)
        if not ids:
            return ["no id (the id template's fields are empty)"]
        slug = slugify(ids[0])
        if slug in self.taken:
            return [f"id {slug!r} is already a record of another dataset"]
        labels = fill(str(mapping.record["label"]), values)
        if not labels:
            return ["no label (the label template's fields are empty)"]
        classes = fill(mapping.class_template, values)
        class_name = classes[0] if classes else ""
        if class_name not in self.categories:
            choices = ", ".join(sorted(self.categories))
            return [f"class {class_name!r} is not an ontology class ({choices})"]
        node = entity_iri(slug)
        if node in self.rows:
            return [f"id {slug!r} repeats row {self.rows[node]}"]
        triples: list[tuple[URIRef | BNode, URIRef, Any]] = [
            (node, RDF.type, getattr(REM, class_name)),
            (node, DCTERMS.source, Literal(mapping.source)),
            (node, REM.sourceDataset, Literal(mapping.dataset, datatype=XSD.string)),
            (node, REM.sourceRow, Literal(row_label, datatype=XSD.string)),
        ]
        triples += [
            (node, SKOS.prefLabel, Literal(labels[0], lang=lang)) for lang in mapping.languages
        ]
        for template in mapping.record.get("aliases", []):
            for alias in fill(template, values):
                if alias != labels[0]:
                    triples.append(
                        (node, SKOS.altLabel, Literal(alias, lang=mapping.label_language))
                    )
        for template in mapping.record.get("codeNames", []):
            for code in fill(template, values):
                blank = BNode()
                triples += [(node, REM.codeName, blank), (blank, RDF.type, REM.CodeName)]
                triples.append((blank, REM.name, Literal(code)))
        if "definition" in mapping.record:
            for text in fill(mapping.record["definition"], values)[:1]:
                triples.append((node, SKOS.definition, Literal(text, lang=mapping.label_language)))
        if "gender" in mapping.record:
            for value in fill(mapping.record["gender"], values):
                gender = mapping.values.get("gender", {}).get(value, value).lower()
                if gender not in GENDERS:
                    return [
                        f"gender {value!r} is not one of {', '.join(GENDERS)} (see [values.gender])"
                    ]
                triples.append((node, SDO.gender, GENDERS[gender]))
        for prop, template in mapping.record.items():
            if prop in RECORD_KEYS:
                continue
            kind, range_name = self.properties[prop]
            for value in fill(str(template), values):
                value = mapping.values.get(prop, {}).get(value, value)
                if kind == "date":
                    edtf = to_edtf(value, mapping.label_language)
                    if edtf is None:
                        return [f"{prop}: {value!r} is not a date"]
                    triples.append((node, getattr(REM, prop), Literal(edtf, datatype=REM.edtf)))
                elif kind == "link":
                    target, problem = self.resolve(value, range_name)
                    if target is None:
                        warnings.append(f"{prop}: {problem}; the link is left out")
                    else:
                        triples.append((node, getattr(REM, prop), target))
                else:
                    datatype = XSD.decimal if range_name == "decimal" else XSD.string
                    triples.append((node, getattr(REM, prop), Literal(value, datatype=datatype)))
        for triple in triples:
            self.graph.add(triple)
        self.rows[node] = row_label
        for item in row.get("id", [])[:1]:
            self.by_item[item] = node
        return warnings

    def resolve(self, name: str, range_name: str | None) -> tuple[URIRef | None, str]:
        """The record a name links to: a record of this import by its source item id, a record
        of the range's category with that name, else a new record of the range class."""
        if name in self.by_item:
            return self.by_item[name], ""
        category = self.categories.get(range_name or "")
        ids = [
            rid
            for rid in self.index.by_label.get(normalise_label(name), ())
            if category is None or self.index.records[rid].category == category
        ]
        if len(ids) == 1:
            return entity_iri(ids[0]), ""
        if len(ids) > 1:
            return None, f"{name!r} names several records ({', '.join(ids)})"
        if range_name is None or range_name not in self.categories:
            return None, f"{name!r} names no record"
        key = normalise_label(name)
        if key not in self.created:
            slug = slugify(name)
            if slug in self.index.records or slug in self.taken:
                slug = f"{self.mapping.dataset}-{slug}"
            node = entity_iri(slug)
            self.created[key] = node
            self.graph.add((node, RDF.type, getattr(REM, range_name)))
            for language in self.mapping.languages:
                self.graph.add((node, SKOS.prefLabel, Literal(name, lang=language)))
            self.graph.add((node, DCTERMS.source, Literal(self.mapping.source)))
            self.graph.add(
                (node, REM.sourceDataset, Literal(self.mapping.dataset, datatype=XSD.string))
            )
            self.rows[node] = f"(named in the {range_name} field)"
        return self.created[key], ""


def to_edtf(value: str, language: str) -> str | None:
    """An EDTF value as written ("1912-05-03", "1943~"), else a date in words or digits
    ("3 mai 1912", "03/05/1912") in the dataset's language; None if neither."""
    text = value.strip()
    try:
        bounds(text)
        if re.fullmatch(r"[0-9X?~%./-]+", text):
            return text
    except ValueError:
        pass
    return normalise(text, language)


# ------------------------------------------------------------------------------ validation


def shacl_problems(graph: Graph) -> dict[URIRef, list[str]]:
    """Violations of the SHACL shapes, by record."""
    from remembrance.graph.validate import class_tree, shapes

    data = Graph()
    for triple in graph:
        data.add(triple)
    for triple in class_tree():
        data.add(triple)
    conforms, results, _ = shacl_validate(data, shacl_graph=shapes(), inference="none")
    problems: dict[URIRef, list[str]] = {}
    if conforms:
        return problems
    assert isinstance(results, Graph)
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        message = results.value(result, SH.resultMessage)
        if isinstance(focus, BNode):  # a code name: blame its record
            focus = graph.value(None, REM.codeName, focus)
        if isinstance(focus, URIRef):
            problems.setdefault(focus, []).append(str(message))
    return problems


# ------------------------------------------------------------------------------ writing


def _n3(term: Any, base: str) -> str:
    if isinstance(term, URIRef) and str(term).startswith(base):
        return f"<{str(term)[len(base) :]}>"  # relative: resolved against the base when loaded
    return str(term.n3())


def write_turtle(graph: Graph, path: Path, header: Sequence[str]) -> None:
    """The records in the style of the hand-written files: one block per record, relative IRIs."""
    base = base_iri()
    lines = [f"# {line}" for line in header] + [
        "",
        f"@prefix rem: <{REM}> .",
        f"@prefix skos: <{SKOS}> .",
        f"@prefix dcterms: <{DCTERMS}> .",
        f"@prefix schema: <{SDO}> .",
        f"@prefix xsd: <{XSD}> .",
        "",
    ]
    prefixes = {str(REM): "rem:", str(SKOS): "skos:", str(DCTERMS): "dcterms:", str(SDO): "schema:"}

    def name(term: Any) -> str:
        for namespace, prefix in prefixes.items():
            if isinstance(term, URIRef) and str(term).startswith(namespace):
                return prefix + str(term)[len(namespace) :]
        if isinstance(term, Literal) and term.datatype == XSD.string:
            return Literal(str(term)).n3()  # plain literals are xsd:string
        if isinstance(term, Literal) and term.datatype == REM.edtf:
            return f"{Literal(str(term)).n3()}^^rem:edtf"
        return _n3(term, base)

    def objects(subject: URIRef | BNode) -> str:
        by_predicate: dict[URIRef, list[str]] = {}
        for predicate, value in graph.predicate_objects(subject):
            assert isinstance(predicate, URIRef)
            text = f"[ {objects(value)} ]" if isinstance(value, BNode) else name(value)
            by_predicate.setdefault(predicate, []).append(text)
        order = {RDF.type: 0, SKOS.prefLabel: 1, SKOS.altLabel: 2, DCTERMS.source: 9}
        predicates = sorted(by_predicate, key=lambda p: (order.get(p, 5), str(p)))
        return " ;\n    ".join(
            f"{'a' if p == RDF.type else name(p)} {', '.join(sorted(by_predicate[p]))}"
            for p in predicates
        )

    for subject in sorted(s for s in graph.subjects(unique=True) if isinstance(s, URIRef)):
        lines.append(f"{_n3(subject, base)} {objects(subject)} .\n")
    temporary = path.with_suffix(".ttl.tmp")
    temporary.write_text("\n".join(lines), encoding="utf-8")
    temporary.replace(path)


def prepare_folder(out: Path) -> Path:
    """A folder laid out like ontology/ (copied from the one in use where it lacks files);
    return its authority folder."""
    (out / "authority").mkdir(parents=True, exist_ok=True)
    for source in (ONTOLOGY_FILE, SHAPES_FILE):
        if not (out / source.name).exists():
            shutil.copy(source, out / source.name)
    if out.resolve() != AUTHORITY_DIR.parent.resolve():
        for source in AUTHORITY_DIR.glob("*.ttl"):
            if not (out / "authority" / source.name).exists():
                shutil.copy(source, out / "authority" / source.name)
    return out / "authority"


def _ids_in(path: Path) -> set[str]:
    if not path.exists():
        return set()
    graph = parse_turtle(path)
    return {
        entity_slug(str(s)) for s in graph.subjects(SKOS.prefLabel, None) if isinstance(s, URIRef)
    }


def import_records(
    source: Path, mapping_path: Path, out: Path, index: AuthorityIndex
) -> ImportResult:
    """Import `source` with the mapping into `out`/authority/<dataset>.ttl (replacing an earlier
    import of the same dataset); rows with problems are reported and left out."""
    mapping = read_mapping(mapping_path)
    authority = prepare_folder(out)
    target = authority / f"{mapping.dataset}.ttl"
    own = _ids_in(target)
    categories = class_categories(load_ontology())
    builder = Builder(
        mapping,
        index,
        dict(categories),
        ontology_properties(),
        (set(index.records) | _other_ids(authority, target)) - own,
    )
    problems: list[Problem] = []
    rows = read_rows(source, mapping.format, mapping.separator, mapping.prefixes)
    for number, (row_label, row) in enumerate(rows):
        if number == 0 and (mapping.format or FORMATS.get(source.suffix.lower())) in ("csv", "tsv"):
            check_fields(mapping, source, row)  # a table's columns are the same on every row
        for message in builder.add(row_label, row):
            problems.append(Problem(source.name, row_label, message))
    for node, messages in shacl_problems(builder.graph).items():
        for message in sorted(set(messages)):
            problems.append(Problem(source.name, builder.rows.get(node, str(node)), message))
        _remove(builder.graph, node)
    for node in builder.created.values():  # named only by rows left out
        if (None, None, node) not in builder.graph:
            _remove(builder.graph, node)
    records = sum(1 for n in builder.rows if (n, RDF.type, None) in builder.graph)
    if not records:
        return ImportResult(None, 0, 0, problems)
    header = [
        f"Authority records imported from {source.name} with {mapping_path.name} "
        f"(`remembrance records import`): dataset {mapping.dataset}.",
        f"Source: {mapping.source}",
        "Regenerate with the same command rather than editing by hand.",
    ]
    write_turtle(builder.graph, target, header)
    created = sum(1 for n in builder.created.values() if (n, RDF.type, None) in builder.graph)
    return ImportResult(target, records - created, created, problems)


def _other_ids(authority: Path, target: Path) -> set[str]:
    """Record ids in the output folder's other files (another folder than the one in use)."""
    if authority.resolve() == AUTHORITY_DIR.resolve():
        return set()
    return {rid for path in authority.glob("*.ttl") if path != target for rid in _ids_in(path)}


def _remove(graph: Graph, node: URIRef) -> None:
    for _, _, value in list(graph.triples((node, None, None))):
        if isinstance(value, BNode):
            graph.remove((value, None, None))
    graph.remove((node, None, None))
