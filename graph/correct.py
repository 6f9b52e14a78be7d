"""Corrections applied to typed records: pure functions of (curation, extraction).

The result does not depend on the order of the corrections or of the documents: each document is
corrected on its own, in fixed phases — mentions (reject, split), merges (chains followed), the
entity decisions (retype, relabel, promote), then statements (through the merges; rejected) — and
each phase reads the corrections as a set. ``Touched`` says which corrections changed or matched
something, and which entities and mentions, so the RDF can say which correction did what.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from remembrance.graph.curation import (
    Correction,
    Curation,
    Kind,
    check_class,
    is_record,
    merge_map,
    same_document,
    slug,
)
from remembrance.pipelines.authority import load_index, normalise_label
from remembrance.pipelines.records import (
    Entity,
    Extraction,
    LinkedMention,
    Mention,
    Occurrence,
    Statement,
)


@dataclass
class Touched:
    """Correction id → the entity slugs and mention spans ``(start, end)`` it touched."""

    by: dict[str, set[str | tuple[int, int]]] = field(default_factory=lambda: defaultdict(set))

    def add(self, correction: Correction, *keys: str | tuple[int, int]) -> None:
        self.by[correction.id].update(keys)

    @property
    def ids(self) -> set[str]:
        return set(self.by)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def anchor(correction: Correction, text: str, start: int, end: int) -> bool:
    """True if the mention at `start`-`end` of `text` is the one `correction` quotes: the same
    text with the same characters before and after it (whitespace runs read as one space)."""
    if squash(text[start:end]) != squash(correction.quote):
        return False
    before = squash(text[max(0, start - 2 * len(correction.prefix)) : start])
    after = squash(text[end : end + 2 * len(correction.suffix)])
    return before.endswith(correction.prefix) and after.startswith(correction.suffix)


def anchored(correction: Correction, extraction: Extraction) -> int | None:
    """Index of the mention `correction` is about, None if the document no longer has it; of
    several with the same context, the nearest to the recorded start."""
    text = extraction.document.text
    found = [
        i
        for i, item in enumerate(extraction.mentions)
        if anchor(correction, text, item.mention.start, item.mention.end)
    ]
    target = correction.start or 0
    return min(
        found, key=lambda i: abs(extraction.mentions[i].mention.start - target), default=None
    )


def described(name: str, label: str, class_name: str) -> Entity:
    """The entity named `name`: its authority record, else a local entity of that description."""
    record = load_index().records.get(slug(name))
    if record is not None:
        return record.entity()
    return Entity(slug(name), label, check_class(class_name), class_name, local=True)


class Decisions:
    """The entity decisions of a curation, indexed: merges, and retype/relabel/promote."""

    def __init__(self, curation: Curation) -> None:
        self.merged = merge_map(curation.corrections)
        self.merges: dict[str, list[Correction]] = defaultdict(list)
        for c in curation.of_kind(Kind.MERGE, Kind.LINK):
            if c.object.startswith("ent:"):
                other = c.object if c.kind is Kind.MERGE else c.entity
                self.merges[other].append(c)
        self.kept: dict[str, Entity] = {}
        for c in curation.of_kind(Kind.MERGE):
            self.kept[c.entity] = described(c.entity, c.label, c.class_name)
        self.decisions: dict[str, list[Correction]] = defaultdict(list)
        for c in curation.of_kind(Kind.RETYPE, Kind.RELABEL, Kind.PROMOTE):
            self.decisions[c.entity].append(c)
        self.names: dict[str, list[Correction]] = defaultdict(list)
        for c in curation.of_kind(Kind.ALIAS, Kind.CODE_NAME):
            if is_record(c.entity):
                self.names[normalise_label(c.label)].append(c)

    def named(self, text: str) -> Correction | None:
        """The alias or code name of one authority record that `text` is, if any."""
        found = self.names.get(normalise_label(text), [])
        return found[0] if len({c.entity for c in found}) == 1 else None

    def chain(self, name: str) -> list[Correction]:
        """The merges that lead from `name` to the entity it ends in."""
        result: list[Correction] = []
        while name in self.merges:
            step = self.merges[name]
            result += step
            name = step[0].entity if step[0].kind is Kind.MERGE else step[0].object
        return result

    def resolve(self, entity: Entity, touched: Touched) -> Entity:
        """`entity` through the merges and the entity decisions."""
        name = f"ent:{entity.id}"
        if name in self.merged:
            kept = self.merged[name]
            for c in self.chain(name):
                touched.add(c, entity.id, slug(kept))
            entity = self.kept.get(kept) or described(kept, entity.label, entity.class_name)
            name = kept
        for c in self.decisions.get(name, ()):
            touched.add(c, entity.id)
            if c.kind is Kind.RETYPE:
                category = check_class(c.class_name)
                entity = replace(entity, category=category, class_name=c.class_name)
            elif c.kind is Kind.RELABEL:
                entity = replace(entity, label=c.label)
            else:  # promote: an authority record of the curation graph from now on
                entity = replace(
                    entity,
                    label=c.label,
                    category=check_class(c.class_name),
                    class_name=c.class_name,
                    local=False,
                )
        return entity

    def resolve_id(self, entity_id: str) -> str:
        return slug(self.merged.get(f"ent:{entity_id}", f"ent:{entity_id}"))


@lru_cache(maxsize=4)
def decisions_of(curation: Curation) -> Decisions:
    """The indexed decisions of a curation (made once per build, not once per document)."""
    return Decisions(curation)


def _covers(claim: Statement | Occurrence, mention: Mention) -> bool:
    """True if `claim` was read from the sentence holding `mention` (a claim names the entities
    of its sentence; its own span may be only its trigger)."""
    return claim.sentence[0] <= mention.start and mention.end <= claim.sentence[1]


def _statement_matches(c: Correction, statement: Statement, path: str) -> bool:
    obj = f"ent:{statement.object}" if statement.object_is_entity else str(statement.object)
    return (
        c.entity == f"ent:{statement.subject}"
        and c.predicate == statement.predicate
        and c.object == obj
        and (not c.document or same_document(path, c.document))
    )


def apply_corrections(curation: Curation, extraction: Extraction) -> tuple[Extraction, Touched]:
    """`extraction` as the historians decided, and what each correction touched in it."""
    touched = Touched()
    if not curation.corrections:
        return extraction, touched
    path = extraction.document.path
    decisions = decisions_of(curation)
    at: dict[int, Correction] = {}
    for c in curation.corrections:
        if c.is_mention and same_document(path, c.document):
            index = anchored(c, extraction)
            if index is not None:
                at[index] = c

    mentions: list[LinkedMention] = []
    rejected: list[tuple[Mention, str, Correction]] = []  # mention, entity id, rejection
    moved: list[tuple[Mention, str, str]] = []  # mention, old entity id, new entity id
    for index, item in enumerate(extraction.mentions):
        entity = item.entity
        span = (item.mention.start, item.mention.end)
        c = at.get(index)
        if c is not None:
            touched.add(c, span, entity.id)
            if c.kind is Kind.REJECT_MENTION:
                rejected.append((item.mention, entity.id, c))
                continue
            if c.kind is Kind.SPLIT:
                entity = described(c.entity, c.label, c.class_name)
                moved.append((item.mention, item.entity.id, entity.id))
        elif entity.local and (alias := decisions.named(item.mention.text)) is not None:
            touched.add(alias, span, entity.id)  # a curated name of a record: that record
            entity = described(alias.entity, "", "")
            moved.append((item.mention, item.entity.id, entity.id))
        entity = decisions.resolve(entity, touched)
        mentions.append(item if entity == item.entity else replace(item, entity=entity))

    statements = []
    rejections = curation.of_kind(Kind.REJECT_STATEMENT)
    confirmations = [c for c in curation.of_kind(Kind.CONFIRM) if c.is_statement]
    for statement in extraction.statements:
        ends = _ends(statement)
        dropped = [(c, e) for m, e, c in rejected if _covers(statement, m) and e in ends]
        for c, e in dropped:
            touched.add(c, e)
        if dropped:
            continue
        for m, old, new in moved:
            if _covers(statement, m):
                statement = _renamed(statement, old, new)
        statement = _renamed_all(statement, decisions)
        matching = [c for c in rejections if _statement_matches(c, statement, path)]
        for c in [*matching, *(c for c in confirmations if _statement_matches(c, statement, path))]:
            touched.add(c, *_ends(statement))
        if not matching:
            statements.append(statement)
    occurrences = []
    for occurrence in extraction.occurrences:
        inside = [m for m, *_ in rejected + moved if _covers(occurrence, m)]
        gone = {e for m, e, _ in rejected if m in inside}
        if occurrence.participant in gone:
            continue
        renames = {old: new for m, old, new in moved if m in inside}
        occurrence = _occurrence_renamed(occurrence, renames.get)
        occurrence = _occurrence_renamed(occurrence, decisions.resolve_id)
        kept = tuple(a for a in occurrence.arguments if a[1] not in gone)
        occurrences.append(replace(occurrence, arguments=kept))
    corrected = replace(
        extraction, mentions=mentions, statements=statements, occurrences=occurrences
    )
    return corrected, touched


def _occurrence_renamed(
    occurrence: Occurrence, rename: Callable[[str], str | None]
) -> Occurrence:  # fmt: skip
    """`occurrence` with its participant and arguments renamed (None: unchanged)."""
    return replace(
        occurrence,
        participant=rename(occurrence.participant) or occurrence.participant,
        arguments=tuple((p, rename(e) or e) for p, e in occurrence.arguments),
    )


def _ends(statement: Statement) -> tuple[str, ...]:
    if statement.object_is_entity:
        return (statement.subject, str(statement.object))
    return (statement.subject,)


def _renamed(statement: Statement, old: str, new: str) -> Statement:
    subject = new if statement.subject == old else statement.subject
    obj = new if statement.object_is_entity and statement.object == old else statement.object
    return replace(statement, subject=subject, object=obj)


def _renamed_all(statement: Statement, decisions: Decisions) -> Statement:
    obj = statement.object
    if statement.object_is_entity:
        obj = decisions.resolve_id(str(obj))
    return replace(statement, subject=decisions.resolve_id(statement.subject), object=obj)
