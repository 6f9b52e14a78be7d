"""Typed records that flow through the pipeline.

Document → Mention → Candidate → Entity (linked) → Statement with provenance.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from remembrance.ontology.categories import Category


@dataclass(frozen=True, slots=True)
class Document:
    """A source text with its metadata; `path` is the path as given by the user.

    `language_confidence` is the language identifier's probability for `language`; None when
    the metadata gave the language.
    """

    path: str
    text: str
    language: str
    title: str | None = None
    published: date | None = None
    sources: tuple[str, ...] = ()
    genre: str | None = None
    language_confidence: float | None = None

    @property
    def content_hash(self) -> str:
        from remembrance.iris import content_hash

        return content_hash(self.text)


@dataclass(frozen=True, slots=True)
class Failure:
    """A document that could not be read or extracted; the others go on without it."""

    path: str  # as the user gave it
    message: str  # one line naming the file and the problem

    @classmethod
    def of(cls, path: str, error: BaseException) -> Failure:
        """The failure of `path` from an error whose text may not name the file."""
        text = " ".join(str(error).split()) or type(error).__name__
        return cls(path, text if text.startswith(f"{path}:") else f"{path}: {text}")


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of the text that names something, before linking."""

    text: str
    start: int
    end: int
    category: Category
    source: str  # "gazetteer", "ner", "rule", "coreference"
    confidence: float
    sentence: tuple[int, int]  # character offsets of the sentence holding the mention
    record_ids: tuple[str, ...] = ()  # authority records the gazetteer matched, if any
    title: str | None = None  # a person's titles before the mention: "Mgr", "général"


@dataclass(frozen=True, slots=True)
class Candidate:
    """One authority record proposed for a mention, with the score of the generator."""

    entity_id: str
    score: float
    reason: str  # "label", "alias", "normalised", "fuzzy", "acronym", "context"


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical entity: an authority record or a new local entity."""

    id: str  # slug, e.g. "comet-line"; IRIs are made from it in remembrance.iris
    label: str
    category: Category
    class_name: str  # local name of the ontology class, e.g. "ResistanceNetwork"
    wikidata: str | None = None
    local: bool = False
    gender: str | None = None  # "female" or "male" when the authority record says so

    def agrees_with(self, gender: str | None) -> bool:
        """A pronoun of `gender` may stand for this entity: it is not a person, or the person's
        gender is that one or unknown."""
        return gender is None or self.category != "Person" or self.gender in (None, gender)


@dataclass(frozen=True, slots=True)
class LinkedMention:
    """A mention with the entity it was linked to. `ambiguous` lists the authority records the
    mention may name when its context could not tell them apart: it is then linked to none of
    them (the entity is local), for a human to decide."""

    mention: Mention
    entity: Entity
    confidence: float
    ambiguous: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression normalised to EDTF with its bounds."""

    text: str
    start: int
    end: int
    value: str
    earliest: date | None
    latest: date | None


@dataclass(frozen=True, slots=True)
class Statement:
    """A claim of one source: subject, predicate and object, with where it was found.

    `object` is an entity id (when `object_is_entity`), an EDTF value for date properties,
    or a number for quantities.
    """

    subject: str
    predicate: str  # local name of an ontology property, e.g. "memberOf"
    object: str | int | float
    object_is_entity: bool
    start: int
    end: int
    sentence: tuple[int, int]
    extractor: str  # "dependency", "pattern", "frame", "apposition", "quantity", "date"
    confidence: float
    qualifier: str | None = None  # "approximately", "at least", "at most"
    date: DateMention | None = None
    coreference: bool = False  # an end was found through a pronoun or a description
    count: int | None = None  # of an event frame's statement: others the event concerned


@dataclass(frozen=True, slots=True)
class Occurrence:
    """An n-ary event one sentence reports (a birth, an arrest …): its frame and CIDOC-CRM class,
    its main participant, its other arguments as (CIDOC-CRM property, entity id), its date, how
    many others it concerned, and the provenance of the statements it groups."""

    frame: str
    crm_class: str
    participant: str
    participant_property: str
    arguments: tuple[tuple[str, str], ...]
    date: DateMention | None
    start: int
    end: int
    sentence: tuple[int, int]
    confidence: float
    coreference: bool = False
    count: int | None = None  # how many others it concerned (helped, executed with …)

    @property
    def key(self) -> str:
        """What names the event within its document: frame, participant and sentence."""
        return occurrence_key(self.frame, self.participant, self.sentence)


def occurrence_key(frame: str, participant: str, sentence: tuple[int, int]) -> str:
    """The key of the event of `frame` about `participant` that `sentence` reports."""
    return f"{frame}|{participant}|{sentence[0]}"


@dataclass(slots=True)
class Extraction:
    """Everything the pipeline found in one document."""

    document: Document
    mentions: list[LinkedMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    occurrences: list[Occurrence] = field(default_factory=list)
