"""Kinship: "her father, Frédéric de Jongh", "sa femme X", "zijn broer X" — the person named and
the possessor (the latest person named before the possessive who agrees with its gender) are
kin, as the language's table says (parentOf, spouseOf, siblingOf)."""

from __future__ import annotations

from collections.abc import Sequence

from remembrance.pipelines.config import DEFAULT_CONFIG
from remembrance.pipelines.coreference import antecedent
from remembrance.pipelines.frames.tables import Kin, Table
from remembrance.pipelines.records import LinkedMention, Statement

PERSON = frozenset({"Person"})


def _statement(kin: Kin, named: LinkedMention, owner: LinkedMention, start: int) -> Statement:
    subject, obj = (named, owner) if kin.named == "subject" else (owner, named)
    return Statement(
        subject.entity.id,
        kin.predicate,
        obj.entity.id,
        True,
        start,
        max(named.mention.end, owner.mention.end),
        named.mention.sentence,
        "kinship",
        round(DEFAULT_CONFIG["confidence"]["kinship"] * min(named.confidence, owner.confidence), 3),
        coreference=owner.mention.end <= start,
    )


def kinship_statements(text: str, linked: Sequence[LinkedMention], table: Table) -> list[Statement]:
    """Kin named after a possessive and a kinship noun, with the possessor resolved; and kin in
    apposition ("Prince Charles, brother of Leopold III")."""
    statements = []
    people = [
        m for m in linked if m.entity.category == "Person" and m.mention.source != "coreference"
    ]
    reach = DEFAULT_CONFIG["reach"]["kinship"]
    for item in people:
        offset = max(item.mention.sentence[0], item.mention.start - reach)
        window = text[offset : item.mention.start]
        for kin in table.kin:
            match = kin.pattern.search(window)
            if match is None:
                continue
            gender = table.genders.get(match.group("possessive").lower())
            others = [m for m in linked if m.entity.id != item.entity.id]
            owner = antecedent(others, offset + match.start("possessive"), PERSON, gender)
            if owner is not None:
                statements.append(_statement(kin, item, owner, offset + match.start()))
                break
    for named, owner in zip(people, people[1:], strict=False):
        if named.mention.sentence != owner.mention.sentence or named.entity.id == owner.entity.id:
            continue
        gap = text[named.mention.end : owner.mention.start]
        kin = next((k for k in table.kin if k.apposition.match(gap)), None)
        if kin is not None:
            statements.append(_statement(kin, named, owner, named.mention.start))
    return statements
