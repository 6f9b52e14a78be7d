"""Kinship: "her father, Frédéric de Jongh", "sa femme X", "zijn broer X" — the person named and
the possessor (the latest person named before the possessive who agrees with its gender) are
kin, as the language's table says (parentOf, spouseOf, siblingOf)."""

from __future__ import annotations

from collections.abc import Sequence

from remembrance.pipelines.config import DEFAULT_CONFIG
from remembrance.pipelines.coreference import antecedent
from remembrance.pipelines.frames.tables import Table
from remembrance.pipelines.records import LinkedMention, Statement

PERSON = frozenset({"Person"})


def kinship_statements(text: str, linked: Sequence[LinkedMention], table: Table) -> list[Statement]:
    """Kin named after a possessive and a kinship noun, with the possessor resolved."""
    statements = []
    for item in linked:
        if item.entity.category != "Person" or item.mention.source == "coreference":
            continue
        window = text[max(item.mention.sentence[0], item.mention.start - 80) : item.mention.start]
        offset = item.mention.start - len(window)
        for kin in table.kin:
            match = kin.pattern.search(window)
            if match is None:
                continue
            possessive = match.group("possessive")
            gender = table.genders.get(possessive.lower())
            others = [m for m in linked if m.entity.id != item.entity.id]
            owner = antecedent(others, offset + match.start("possessive"), PERSON, gender)
            if owner is None:
                continue
            subject, obj = (item, owner) if kin.named == "subject" else (owner, item)
            statements.append(
                Statement(
                    subject.entity.id,
                    kin.predicate,
                    obj.entity.id,
                    True,
                    offset + match.start(),
                    item.mention.end,
                    item.mention.sentence,
                    "kinship",
                    round(
                        DEFAULT_CONFIG["confidence"]["kinship"]
                        * min(item.confidence, owner.confidence),
                        3,
                    ),
                    coreference=True,
                )
            )
            break
    return statements
