"""Authority records as typed Python objects, and the label index the gazetteer and linker use.

The index is compiled once per set of records (ontology, authority files, this code and the
configuration) and kept on disk (`remembrance.pipelines.disk_cache`), so a start-up reads it
instead of parsing the Turtle again.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SDO, SKOS

from remembrance.iris import entity_slug
from remembrance.ontology.categories import CATEGORIES, Category
from remembrance.ontology.files import (
    authority_files,
    load_authority,
    load_ontology,
    ontology_file,
)
from remembrance.ontology.namespace import REM
from remembrance.pipelines import fuzzy
from remembrance.pipelines.config import DEFAULT_CONFIG
from remembrance.pipelines.dates import bounds
from remembrance.pipelines.disk_cache import cached, digest
from remembrance.pipelines.records import Entity

#: Properties whose objects give an authority record its context (used for disambiguation).
CONTEXT_PROPERTIES = (
    REM.locatedIn,
    REM.memberOf,
    REM.bornIn,
    REM.diedIn,
    REM.executedAt,
    REM.deportedTo,
    REM.partOf,
    REM.commemorates,
    REM.tookPlaceAt,
    REM.foundedBy,
    REM.ledBy,
    REM.orderedBy,
)


BEGINNINGS = {"foundedOn", "establishedOn", "dedicatedOn", "startedOn", "bornOn"}
ENDINGS = {"endedOn", "diedOn"}
SPANS = {"occurredOn"}
GENDERS: dict[URIRef, str] = {SDO.Female: "female", SDO.Male: "male"}


@lru_cache(maxsize=65536)  # the gazetteer asks for the same windows of text again and again
def normalise_label(text: str) -> str:
    """Case-, accent-, quote- and space-insensitive key of a label."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    text = "".join(char for char in text if not unicodedata.combining(char))
    return re.sub(r"\s+", " ", text.lower()).strip()


_QUALIFIER = re.compile(r"\s+\([^()\d]+\)$")


@dataclass(frozen=True, slots=True)
class AuthorityRecord:
    """One reviewed entity with every name it goes by."""

    id: str
    class_name: str
    category: Category
    labels: dict[str, str]  # language → canonical label
    aliases: tuple[str, ...]
    code_names: tuple[str, ...]
    context: frozenset[str]  # ids of related records
    wikidata: str | None = None
    dates: tuple[tuple[str, str], ...] = ()  # (property local name, EDTF value)
    gender: str | None = None  # "female" or "male" (schema:gender)

    @property
    def label(self) -> str:
        return self.labels.get("en") or next(iter(self.labels.values()))

    def names(self) -> tuple[str, ...]:
        """Labels, aliases and code names; a label's qualifier in brackets, when it names no
        period, is a disambiguator the texts leave out ("Nationaal Monument voor het Verzet (Luik)"
        is also "Nationaal Monument voor het Verzet"; "Leieslag (1940)" stays as it is)."""
        bare = (_QUALIFIER.sub("", label) for label in self.labels.values())
        return tuple(dict.fromkeys([*self.labels.values(), *bare, *self.aliases, *self.code_names]))

    def encode(self) -> str:
        """The record as one JSON string (`decode` reads it back)."""
        return json.dumps(
            [
                self.id,
                self.class_name,
                self.category,
                self.labels,
                self.aliases,
                self.code_names,
                sorted(self.context),
                self.wikidata,
                self.dates,
                self.gender,
            ]
        )

    @classmethod
    def decode(cls, text: str) -> AuthorityRecord:
        (id_, class_name, category, labels, aliases, codes, context, wikidata, dates, gender) = (
            json.loads(text)
        )
        return cls(
            id_,
            class_name,
            category,
            labels,
            tuple(aliases),
            tuple(codes),
            frozenset(context),
            wikidata,
            tuple((prop, value) for prop, value in dates),
            gender,
        )

    def surnames(self) -> tuple[str, ...]:
        """A person's labels without the first name ("Dewé", "de Jongh"), capitalised ones only."""
        if self.class_name != "Person":
            return ()
        result = set()
        for label in self.labels.values():
            words = label.split()
            if len(words) > 1 and words[-1][:1].isupper() and len(words[-1]) > 3:
                result.add(" ".join(words[1:]) if words[1][:1].islower() else words[-1])
        return tuple(sorted(result))

    def entity(self) -> Entity:
        return Entity(
            self.id, self.label, self.category, self.class_name, self.wikidata, gender=self.gender
        )


def is_acronym(name: str, max_length: int) -> bool:
    """A name in capitals short enough to be matched case-sensitively ("SS", "CGSP")."""
    return name.isupper() and len(name) <= max_length


class RecordTable(Mapping[str, AuthorityRecord]):
    """Records by id, each kept as its JSON text and decoded when first read: loading the
    table costs little whatever the number of records, and memory holds compact strings."""

    def __init__(self, records: Iterable[AuthorityRecord]) -> None:
        self._encoded = {record.id: record.encode() for record in records}
        self._decoded: dict[str, AuthorityRecord] = {}

    def __getitem__(self, record_id: str) -> AuthorityRecord:
        record = self._decoded.get(record_id)
        if record is None:
            record = AuthorityRecord.decode(self._encoded[record_id])
            self._decoded[record_id] = record
        return record

    def __iter__(self) -> Iterator[str]:
        return iter(self._encoded)

    def __len__(self) -> int:
        return len(self._encoded)

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._encoded

    def __getstate__(self) -> dict[str, str]:
        return self._encoded

    def __setstate__(self, state: dict[str, str]) -> None:
        self._encoded, self._decoded = state, {}


@dataclass
class AuthorityIndex:
    """All records, with the name tables the gazetteer and the linker look names up in.

    - `by_label`: normalised name → ids; `by_surname`: a person's normalised surname → ids;
      `by_class`: class name → ids.
    - `phrases`: the sorted normalised names matched case- and accent-insensitively;
      `exact`: names matched as written (acronyms, surnames) → (span label, key), and
      `exact_names` sorted: the gazetteer looks names up and stops at the first prefix no name has.
    - `capitalised`: one-word names only ever written capitalised; `first_names`: the first
      names of the person records; `fuzzy`: the trigram index of the normalised names.
    """

    records: Mapping[str, AuthorityRecord]
    acronym_max_length: int = DEFAULT_CONFIG["acronym_max_length"]
    by_label: dict[str, tuple[str, ...]] = field(default_factory=dict)
    by_surname: dict[str, tuple[str, ...]] = field(default_factory=dict)
    by_class: dict[str, tuple[str, ...]] = field(default_factory=dict)
    phrases: list[str] = field(default_factory=list)
    exact: dict[str, tuple[str, str]] = field(default_factory=dict)
    exact_names: list[str] = field(default_factory=list)
    capitalised: frozenset[str] = frozenset()
    first_names: frozenset[str] = frozenset()
    fuzzy: fuzzy.TrigramIndex = field(init=False)

    def __post_init__(self) -> None:
        index: dict[str, set[str]] = defaultdict(set)
        classes: dict[str, list[str]] = defaultdict(list)
        phrases: set[str] = set()
        for record in self.records.values():
            classes[record.class_name].append(record.id)
            for name in record.names():
                key = normalise_label(name)
                index[key].add(record.id)
                if is_acronym(name, self.acronym_max_length):
                    self.exact[name] = ("NAME", key)
                else:
                    phrases.add(key)
        self.by_label = {key: tuple(sorted(ids)) for key, ids in index.items()}
        self.by_class = {name: tuple(ids) for name, ids in classes.items()}
        self.phrases = sorted(phrases)

        surnames: dict[str, set[str]] = defaultdict(set)
        for record in self.records.values():
            if record.class_name == "Person":
                for name in record.labels.values():
                    if " " in name.strip():
                        surnames[normalise_label(name.split()[-1])].add(record.id)
        self.by_surname = {key: tuple(sorted(ids)) for key, ids in surnames.items()}
        for key, ids in self.by_surname.items():  # surnames: as written, resolved by linking
            for surname in {s for rid in ids for s in self.records[rid].surnames()}:
                if normalise_label(surname) == key and key not in self.by_label:
                    self.exact.setdefault(surname, ("SURNAME", key))
        self.exact_names = sorted(self.exact)

        names = [n for record in self.records.values() for n in record.names()]
        lower = {normalise_label(n) for n in names if n[:1].islower()}
        self.capitalised = (
            frozenset(normalise_label(n) for n in names if n[:1].isupper() and " " not in n.strip())
            - lower
        )
        self.first_names = frozenset(
            label.split()[0]
            for record in self.records.values()
            if record.category == "Person"
            for label in record.labels.values()
            if len(label.split()) > 1 and label[:1].isupper()
        )
        self.fuzzy = fuzzy.TrigramIndex(self.by_label)

    def period(self, record_id: str) -> tuple[date | None, date | None]:
        """When the thing existed or happened, from its dates (start, end; None if unknown)."""
        starts, ends = [], []
        for prop, value in self.records[record_id].dates:
            earliest, latest = bounds(value)
            if prop in BEGINNINGS and earliest:
                starts.append(earliest)
            if prop in ENDINGS and latest:
                ends.append(latest)
            if prop in SPANS and earliest and latest:
                starts.append(earliest)
                ends.append(latest)
        return (min(starts) if starts else None, max(ends) if ends else None)

    def neighbourhood(self, record_id: str) -> frozenset[str]:
        """Records related to this one within two steps (its place's city, its network's leader)."""
        first = self.records[record_id].context
        return first.union(*(self.records[r].context for r in first if r in self.records))

    def of_class(self, class_name: str) -> list[AuthorityRecord]:
        return [self.records[rid] for rid in self.by_class.get(class_name, ())]


def class_categories(ontology: Graph) -> dict[str, Category]:
    """Map every ontology class's local name to one of the five categories."""
    roots = {getattr(REM, name): name for name in CATEGORIES}
    result: dict[str, Category] = {}
    for cls in ontology.subjects(RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class")):
        for ancestor in ontology.transitive_objects(cls, RDFS.subClassOf):
            if ancestor in roots:
                result[str(cls).split("#")[-1]] = roots[ancestor]
                break
    return result


def _literals(graph: Graph, subject: URIRef, predicate: URIRef) -> list[Literal]:
    return sorted(o for o in graph.objects(subject, predicate) if isinstance(o, Literal))


def parse_records(authority: Graph, categories: dict[str, Category]) -> dict[str, AuthorityRecord]:
    """Typed records from the authority graph; raises on a record without a known class."""
    records: dict[str, AuthorityRecord] = {}
    for subject in sorted(
        {s for s in authority.subjects(SKOS.prefLabel, None) if isinstance(s, URIRef)}
    ):
        assert isinstance(subject, URIRef)
        slug = entity_slug(str(subject))
        classes = [str(c).split("#")[-1] for c in authority.objects(subject, RDF.type)]
        known = [c for c in classes if c in categories]
        if len(known) != 1:
            raise ValueError(
                f"authority record {slug}: needs exactly one ontology class, has {classes}"
            )
        labels = {
            lit.language or "": str(lit) for lit in _literals(authority, subject, SKOS.prefLabel)
        }
        code_names = tuple(
            str(name)
            for node in authority.objects(subject, REM.codeName)
            for name in authority.objects(node, REM.name)
        )
        context = frozenset(
            entity_slug(str(o))
            for p in CONTEXT_PROPERTIES
            for o in authority.objects(subject, p)
            if isinstance(o, URIRef)
        )
        dates = tuple(
            sorted(
                (str(p).split("#")[-1], str(o))
                for p, o in authority.predicate_objects(subject)
                if isinstance(o, Literal) and o.datatype == REM.edtf
            )
        )
        wikidata = authority.value(subject, REM.wikidata)
        gender = authority.value(subject, SDO.gender)
        if gender is not None and gender not in GENDERS:
            choices = ", ".join(str(g) for g in GENDERS)
            raise ValueError(
                f"authority record {slug}: schema:gender {gender} is not one of {choices}"
            )
        records[slug] = AuthorityRecord(
            id=slug,
            class_name=known[0],
            category=categories[known[0]],
            labels=labels,
            aliases=tuple(str(a) for a in _literals(authority, subject, SKOS.altLabel)),
            code_names=code_names,
            context=context,
            wikidata=str(wikidata) if wikidata is not None else None,
            dates=dates,
            gender=GENDERS.get(gender) if isinstance(gender, URIRef) else None,
        )
    return records


def compile_index() -> AuthorityIndex:
    """The authority index built from the ontology and the authority files (no cache)."""
    records = parse_records(load_authority(), class_categories(load_ontology()))
    index = AuthorityIndex(records)
    index.records = RecordTable(records.values())  # compact, for the disk cache
    return index


def records_digest() -> str:
    """Content hash of what the index is compiled from: the ontology, every authority file,
    the code that compiles it and the configuration."""
    sources = [Path(__file__), Path(fuzzy.__file__), ontology_file(), *authority_files()]
    return digest(sources, json.dumps(DEFAULT_CONFIG, sort_keys=True))


@cache
def load_index() -> AuthorityIndex:
    """The authority index of the records in use, from the disk cache when it is up to date
    (once per process)."""
    return cached("authority", records_digest(), compile_index)
