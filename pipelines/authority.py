"""Authority records as typed Python objects, and the label index the gazetteer and linker use."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SDO, SKOS

from remembrance.iris import entity_slug
from remembrance.ontology.categories import CATEGORIES, Category
from remembrance.ontology.files import load_authority, load_ontology
from remembrance.ontology.namespace import REM
from remembrance.pipelines.dates import bounds
from remembrance.pipelines.records import Entity

#: Properties whose objects give an authority record its context (used for disambiguation).
CONTEXT_PROPERTIES = (
    REM.locatedIn,
    REM.memberOf,
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


def normalise_label(text: str) -> str:
    """Case-, accent-, quote- and space-insensitive key of a label."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    text = "".join(char for char in text if not unicodedata.combining(char))
    return re.sub(r"\s+", " ", text.lower()).strip()


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
        return (*self.labels.values(), *self.aliases, *self.code_names)

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


@dataclass
class AuthorityIndex:
    """All records, with a label index from normalised names to record ids."""

    records: dict[str, AuthorityRecord]
    by_label: dict[str, tuple[str, ...]] = field(default_factory=dict)
    by_surname: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        index: dict[str, set[str]] = defaultdict(set)
        for record in self.records.values():
            for name in record.names():
                index[normalise_label(name)].add(record.id)
        self.by_label = {key: tuple(sorted(ids)) for key, ids in index.items()}

        surnames: dict[str, set[str]] = defaultdict(set)
        for record in self.records.values():
            if record.class_name == "Person":
                for name in record.labels.values():
                    if " " in name.strip():
                        surnames[normalise_label(name.split()[-1])].add(record.id)
        self.by_surname = {key: tuple(sorted(ids)) for key, ids in surnames.items()}

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
        return [record for record in self.records.values() if record.class_name == class_name]


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


@cache
def load_index() -> AuthorityIndex:
    """The authority index built from the bundled records (cached per process)."""
    return AuthorityIndex(parse_records(load_authority(), class_categories(load_ontology())))
