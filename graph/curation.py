"""Corrections as data: what a historian decided, read from the TSV files of a curation folder.

A curation folder holds one or more ``*.tsv`` files (``corrections.tsv`` by default; a colleague
may keep their own file), each with the header ``COLUMNS`` and one correction per line. The files
are plain text, meant for git: a correction is one line, its id a hash of what it decides (not of
who, when or why), so the same decision taken twice is one correction. Entities are written as
``ent:slug``; a mention is anchored like a W3C Web Annotation TextQuoteSelector: the document's
source path, the quoted text with up to ``ANCHOR`` characters before and after it, and its start
offset (which only breaks ties). See graph/MODEL.md for the columns each kind uses.

Contradictory corrections (two categories for one entity, a mention split and rejected, …) are
an error naming both; ``load_curation`` checks it, so a build never starts on them.
"""

from __future__ import annotations

import csv
import getpass
import hashlib
import os
import re
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime
from enum import StrEnum
from functools import cache
from pathlib import Path

from remembrance.config import base_iri
from remembrance.pipelines.errors import InputError
from remembrance.pipelines.records import Category

CURATION_ENV = "REMEMBRANCE_CURATION"
DEFAULT_FILE = "corrections.tsv"
ANCHOR = 32  # characters of context kept either side of a quoted mention
WIKIDATA = re.compile(r"Q[1-9][0-9]*")


class Kind(StrEnum):
    MERGE = "merge"
    SPLIT = "split"
    REJECT_MENTION = "reject-mention"
    REJECT_STATEMENT = "reject-statement"
    RETYPE = "retype"
    RELABEL = "relabel"
    ALIAS = "alias"
    CODE_NAME = "code-name"
    LINK = "link"
    PROMOTE = "promote"
    CONFIRM = "confirm"


#: The columns of a curation file, in order (who, when and why last).
COLUMNS = (
    "kind",
    "entity",
    "property",
    "object",
    "label",
    "class",
    "period",
    "document",
    "start",
    "prefix",
    "quote",
    "suffix",
    "who",
    "when",
    "why",
)
#: The fields that make the decision (its id): all but who, when and why.
DECISION = ("kind", "entity", "predicate", "object", "label", "class_name", "period", "document",
            "start", "prefix", "quote", "suffix")  # fmt: skip
MENTION_FIELDS = ("document", "start", "quote")
#: Fields each kind needs (besides kind, who, when, why).
REQUIRED: dict[Kind, tuple[str, ...]] = {
    Kind.MERGE: ("entity", "object"),
    Kind.SPLIT: ("entity", *MENTION_FIELDS),
    Kind.REJECT_MENTION: MENTION_FIELDS,
    Kind.REJECT_STATEMENT: ("entity", "predicate", "object"),
    Kind.RETYPE: ("entity", "class_name"),
    Kind.RELABEL: ("entity", "label"),
    Kind.ALIAS: ("entity", "label"),
    Kind.CODE_NAME: ("entity", "label"),
    Kind.LINK: ("entity", "object"),
    Kind.PROMOTE: ("entity", "label", "class_name"),
    Kind.CONFIRM: ("entity",),
}


class CurationError(InputError):
    """A curation file that cannot be read, or corrections that contradict each other."""


@cache
def ontology_classes() -> dict[str, Category]:
    """Local name → category of every class the ontology places under a category."""
    from remembrance.ontology.files import load_ontology
    from remembrance.pipelines.authority import class_categories

    return class_categories(load_ontology())


def check_class(name: str) -> Category:
    """The category of the ontology class `name`; an error listing the valid classes."""
    classes = ontology_classes()
    if name not in classes:
        raise InputError(
            f"unknown class {name!r}; choose one of the ontology's: {', '.join(sorted(classes))}"
        )
    return classes[name]


def is_record(name: str) -> bool:
    """True if the ``ent:`` name is an authority record."""
    from remembrance.pipelines.authority import load_index

    return slug(name) in load_index().records


def entity_name(text: str) -> str:
    """``ent:slug`` for an entity given as ``ent:slug``, a full IRI under the base, or a slug."""
    text = text.strip().strip("<>")
    prefix = f"{base_iri()}entity/"
    if text.startswith(prefix):
        text = text[len(prefix) :]
    elif text.startswith("ent:"):
        text = text[4:]
    elif "://" in text or ":" in text:
        raise InputError(f"{text!r} is not an entity: give an IRI under {prefix} or ent:NAME")
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", text):
        raise InputError(f"{text!r} is not an entity name (ent: followed by a slug)")
    return f"ent:{text}"


def slug(name: str) -> str:
    """The slug of an ``ent:`` name."""
    return name.removeprefix("ent:")


def same_document(stored_path: str, selector: str) -> bool:
    """True if the document at `stored_path` is the one `selector` names: the same path, or one
    ends with the other (a build from another folder gives the same documents other prefixes)."""
    a, b = Path(stored_path).parts, Path(selector).parts
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return bool(shorter) and longer[len(longer) - len(shorter) :] == shorter


@dataclass(frozen=True)
class Correction:
    """One decision; which fields a kind uses is in REQUIRED and graph/MODEL.md."""

    kind: Kind
    entity: str = ""  # ent:slug
    predicate: str = ""  # local name of an ontology property (statements; column "property")
    object: str = ""  # ent:slug, a Wikidata Q-id, or a literal value
    label: str = ""
    class_name: str = ""  # local name of an ontology class
    period: str = ""  # EDTF, for code names
    document: str = ""  # source path of the document (mention kinds)
    start: int | None = None
    prefix: str = ""
    quote: str = ""
    suffix: str = ""
    who: str = ""
    when: str = ""  # ISO 8601 date-time
    why: str = ""
    origin: str = ""  # file:line it was read from (not part of the decision)

    @property
    def id(self) -> str:
        """A hash of the decision (kind and targets, not who, when, why or where it is written)."""
        decision = [str(getattr(self, name)) for name in DECISION]
        return hashlib.sha256("\t".join(decision).encode()).hexdigest()[:16]

    @property
    def is_mention(self) -> bool:
        return bool(self.quote)

    @property
    def is_statement(self) -> bool:
        return bool(self.predicate)

    def names(self) -> str:
        """How error messages name it: kind, targets and where it is written."""
        parts = [self.kind.value, self.entity, self.predicate, self.object, self.label]
        if self.is_mention:
            parts.append(f"{self.quote!r} in {self.document}@{self.start}")
        where = f" ({self.origin})" if self.origin else ""
        return " ".join(p for p in parts if p) + where

    def row(self) -> list[str]:
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values["class"] = values.pop("class_name")
        values["property"] = values.pop("predicate")
        return ["" if values[c] is None else str(values[c]) for c in COLUMNS]


def validate(correction: Correction) -> Correction:
    """`correction` with its fields checked and normalised; an InputError naming what is wrong."""
    missing = [
        {"class_name": "class", "predicate": "property"}.get(name, name)
        for name in REQUIRED[correction.kind]
        if getattr(correction, name) in ("", None)
    ]
    if missing:
        raise InputError(f"{correction.kind.value} needs {', '.join(missing)}")
    if not correction.why.strip():
        raise InputError(f"{correction.kind.value}: say why (--why); a correction needs a reason")
    changes: dict[str, object] = {}
    if correction.entity:
        changes["entity"] = entity_name(correction.entity)
    if correction.class_name:
        check_class(correction.class_name)
    if correction.predicate:
        from remembrance.ontology.namespace import REM

        name = correction.predicate.removeprefix("rem:")
        if not hasattr(REM, name):
            raise InputError(f"unknown property {correction.predicate!r} (a rem: property)")
        changes["predicate"] = name
    if correction.object and (
        correction.kind is Kind.MERGE
        or (correction.kind is Kind.LINK and not WIKIDATA.fullmatch(correction.object))
        or correction.object.startswith(("ent:", base_iri()))
    ):
        changes["object"] = entity_name(correction.object)
    if correction.kind is Kind.MERGE and changes["object"] == changes["entity"]:
        raise InputError(f"merge: {correction.entity} cannot be merged with itself")
    described = correction.label and correction.class_name
    if (
        correction.kind in (Kind.MERGE, Kind.SPLIT)
        and not described
        and not is_record(str(changes["entity"]))
    ):
        raise InputError(
            f"{correction.kind.value}: {changes['entity']} is a local entity; give its "
            "label and class (the curate command takes them from the store)"
        )
    if correction.period:
        from remembrance.pipelines.dates import bounds

        try:
            bounds(correction.period)
        except ValueError:
            raise InputError(f"period {correction.period!r} is not an EDTF value") from None
    if correction.when:
        try:
            datetime.fromisoformat(correction.when)
        except ValueError:
            raise InputError(f"when {correction.when!r} is not an ISO 8601 date-time") from None
    return replace(correction, **changes)  # type: ignore[arg-type]


def new_correction(kind: Kind | str, *, why: str, who: str | None = None, **values: object) -> (
    Correction
):  # fmt: skip
    """A validated correction taken now by `who` (default: the user name of this session)."""
    try:
        kind = Kind(kind)
    except ValueError:
        raise InputError(
            f"unknown kind of correction {kind!r}; choose one of {', '.join(k.value for k in Kind)}"
        ) from None
    author = who or getpass.getuser()
    when = datetime.now(UTC).replace(microsecond=0).isoformat()
    return validate(Correction(kind, who=author, when=when, why=why, **values))  # type: ignore[arg-type]


def _clean(value: str) -> str:
    """A value made safe for one TSV cell (tabs and line breaks become spaces)."""
    return re.sub(r"[\t\r\n]+", " ", value)


def read_file(path: Path) -> list[Correction]:
    """The corrections of one TSV file; an error names the file, the line and the problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CurationError(f"{path}: cannot read the curation file: {error}") from None
    lines = text.splitlines()
    if not lines or tuple(lines[0].split("\t")) != COLUMNS:
        raise CurationError(f"{path}:1: the header must be the columns {' '.join(COLUMNS)}")
    result = []
    for number, row in enumerate(csv.reader(lines[1:], delimiter="\t", quoting=csv.QUOTE_NONE), 2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(COLUMNS):
            raise CurationError(f"{path}:{number}: {len(row)} cells, expected {len(COLUMNS)}")
        cells = dict(zip(COLUMNS, row, strict=True))
        try:
            kind = Kind(cells.pop("kind"))
            start = cells.pop("start")
            correction = Correction(
                kind,
                class_name=cells.pop("class"),
                predicate=cells.pop("property"),
                start=int(start) if start else None,
                origin=f"{path.name}:{number}",
                **cells,
            )
            result.append(validate(correction))
        except ValueError as error:  # an unknown kind, a start that is no number
            raise CurationError(f"{path}:{number}: {error}") from None
        except InputError as error:
            raise CurationError(f"{path}:{number}: {error}") from None
    return result


@dataclass(frozen=True)
class Curation:
    """The corrections of a curation folder, deduplicated and free of contradictions."""

    corrections: tuple[Correction, ...] = ()
    folder: Path | None = None

    def __post_init__(self) -> None:
        check_contradictions(self.corrections)

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(c.id for c in self.corrections)

    def of_kind(self, *kinds: Kind) -> list[Correction]:
        return [c for c in self.corrections if c.kind in kinds]

    def by_id(self) -> dict[str, Correction]:
        return {c.id: c for c in self.corrections}


def unique(corrections: list[Correction]) -> tuple[Correction, ...]:
    """One correction per decision (the earliest), in a stable order."""
    kept: dict[str, Correction] = {}
    for correction in sorted(corrections, key=lambda c: (c.when, c.who, c.origin)):
        kept.setdefault(correction.id, correction)
    return tuple(sorted(kept.values(), key=lambda c: c.id))


def load_curation(folder: Path | None) -> Curation:
    """The corrections of every ``*.tsv`` file in `folder` (none if it does not exist)."""
    if folder is None or not folder.exists():
        return Curation(folder=folder)
    if not folder.is_dir():
        raise CurationError(f"{folder}: the curation folder is not a directory")
    found = [c for path in sorted(folder.glob("*.tsv")) for c in read_file(path)]
    return Curation(unique(found), folder)


def add_correction(folder: Path, correction: Correction, file: str = DEFAULT_FILE) -> bool:
    """Append `correction` to `folder`/`file`; False if the same decision is already there.

    Raises a CurationError if it contradicts a correction already in the folder.
    """
    current = load_curation(folder)
    if correction.id in current.ids:
        return False
    Curation((*current.corrections, correction), folder)  # raises on a contradiction
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / file
    header = "" if path.exists() and path.stat().st_size else "\t".join(COLUMNS) + "\n"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(header + "\t".join(_clean(cell) for cell in correction.row()) + "\n")
    return True


def merge_map(corrections: tuple[Correction, ...]) -> dict[str, str]:
    """Entity merged away → entity kept, chains followed (a into b, b into c: a → c).

    Links to an authority record count as merges into the record.
    """
    direct: dict[str, Correction] = {}
    for c in corrections:
        if c.kind is Kind.MERGE or (c.kind is Kind.LINK and c.object.startswith("ent:")):
            other, keep = (c.object, c.entity) if c.kind is Kind.MERGE else (c.entity, c.object)
            if other in direct and _kept(direct[other]) != keep:
                raise CurationError(
                    f"contradictory corrections: {direct[other].names()} and {c.names()} "
                    f"merge {other} into two different entities"
                )
            direct[other] = c
    result = {}
    for other in direct:
        seen, current = [other], _kept(direct[other])
        while current in direct:
            if current in seen:
                loop = " and ".join(direct[e].names() for e in seen)
                raise CurationError(f"contradictory corrections: {loop} merge in a circle")
            seen.append(current)
            current = _kept(direct[current])
        result[other] = current
    return result


def _kept(correction: Correction) -> str:
    return correction.entity if correction.kind is Kind.MERGE else correction.object


def _mention_key(c: Correction) -> tuple[str, str, str, str, int | None]:
    return (c.document, c.prefix, c.quote, c.suffix, c.start)


def check_contradictions(corrections: tuple[Correction, ...]) -> None:
    """Raise a CurationError naming two corrections that cannot both hold."""
    merged = merge_map(corrections)

    def clash(first: Correction, second: Correction, what: str) -> CurationError:
        return CurationError(
            f"contradictory corrections: {first.names()} and {second.names()} {what}"
        )

    decided: dict[tuple[str, str], Correction] = {}
    for c in corrections:
        # One value per entity and aspect: its class, its label, its Wikidata id.
        aspects = {
            Kind.RETYPE: ("class", c.class_name),
            Kind.PROMOTE: ("class", c.class_name),
            Kind.RELABEL: ("label", c.label),
            Kind.LINK: ("wikidata", c.object),
        }
        if c.kind in aspects and not (c.kind is Kind.LINK and c.object.startswith("ent:")):
            aspect, value = aspects[c.kind]
            key = (c.entity, aspect)
            if key in decided and _value(decided[key], aspect) != value:
                raise clash(decided[key], c, f"give {c.entity} two different values ({aspect})")
            decided.setdefault(key, c)
        if c.kind in (Kind.RETYPE, Kind.RELABEL, Kind.PROMOTE, Kind.ALIAS, Kind.CODE_NAME) and (
            c.entity in merged
        ):
            merge = next(m for m in corrections if _merges_away(m, c.entity))
            raise clash(merge, c, f"(the first merges {c.entity} away; correct {merged[c.entity]})")

    mentions: dict[tuple[str, str, str, str, int | None], Correction] = {}
    for c in corrections:
        if not c.is_mention:
            continue
        anchor = _mention_key(c)
        other = mentions.get(anchor)
        if other is not None and other.id != c.id:
            raise clash(other, c, "decide differently about the same mention")
        mentions[anchor] = c

    statements: dict[tuple[str, str, str, str], Correction] = {}
    for c in corrections:
        if not c.is_statement or c.kind not in (Kind.REJECT_STATEMENT, Kind.CONFIRM):
            continue
        claim = (c.entity, c.predicate, c.object, c.document)
        other = statements.get(claim)
        if other is not None and other.kind is not c.kind:
            raise clash(other, c, "reject and confirm the same statement")
        statements[claim] = c


def _value(correction: Correction, aspect: str) -> str:
    return {"class": correction.class_name, "label": correction.label}.get(
        aspect, correction.object
    )


def _merges_away(correction: Correction, entity: str) -> bool:
    if correction.kind is Kind.MERGE:
        return correction.object == entity
    return (
        correction.kind is Kind.LINK
        and correction.entity == entity
        and (correction.object.startswith("ent:"))
    )


def curation_folder(option: Path | None, store: str | Path) -> Path:
    """The curation folder: `option`, else $REMEMBRANCE_CURATION, else ``curation/`` beside the
    store (for a SPARQL endpoint: in the current directory)."""
    if option is not None:
        return option
    if env := os.environ.get(CURATION_ENV):
        return Path(env)
    text = str(store)
    if text.startswith(("http://", "https://")):
        return Path("curation")
    return Path(store).resolve().parent / "curation"
