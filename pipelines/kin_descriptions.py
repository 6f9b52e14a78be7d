"""Kin descriptions: "Haar vader, die …, werd gearresteerd", "sa fille fut déportée" — a
possessive and a kinship noun with no name after it stand for the relative the document named
before: the person a kinship statement of the document links to the possessor (the subject the
previous sentence opens with where it agrees with the possessive's gender, else the latest person
who does). Unresolved, they stand for no one."""

from __future__ import annotations

from collections.abc import Sequence

from remembrance.ontology.files import symmetric_properties
from remembrance.pipelines.config import DEFAULT_CONFIG
from remembrance.pipelines.coreference import antecedent, opening_mention, resolved
from remembrance.pipelines.frames.tables import Kin, Table
from remembrance.pipelines.records import LinkedMention, Statement

PERSON = frozenset({"Person"})


def _relative(kin: Kin, owner: str, facts: Sequence[Statement]) -> str | None:
    """The id of the person whom `facts` make `owner`'s kin of this kind."""
    for fact in facts:
        if fact.predicate != kin.predicate:
            continue
        ends = (fact.subject, str(fact.object))
        pairs = [ends, ends[::-1]] if kin.predicate in symmetric_properties() else [ends]
        for named, possessor in pairs if kin.named == "subject" else (p[::-1] for p in pairs):
            if possessor == owner and named != owner:
                return named
    return None


def kin_descriptions(
    text: str,
    linked: Sequence[LinkedMention],
    sentences: Sequence[tuple[int, int]],
    table: Table,
    facts: Sequence[Statement],
) -> list[LinkedMention]:
    """Mentions, resolved through `facts` (their kinship statements), of the kin descriptions
    that no name follows (those the kinship extractor reads: "zijn broer prins Karel")."""
    found: list[LinkedMention] = []
    previous: tuple[int, int] | None = None
    for sentence in sentences:
        start, end = sentence
        opening = opening_mention(text, *previous, linked) if previous else None
        previous = sentence
        for kin in table.kin:
            if kin.description is None:
                continue
            for match in kin.description.finditer(text, start, end):
                if any(  # a name follows: the kinship extractor's ("zijn broer prins Karel")
                    0 <= m.mention.start - match.end() <= DEFAULT_CONFIG["reach"]["kin_name"]
                    and m.entity.category == "Person"
                    for m in linked
                ):
                    continue
                gender = table.genders.get(match.group("possessive").lower())
                owner = (
                    opening
                    if opening is not None
                    and opening.entity.category == "Person"
                    and opening.entity.agrees_with(gender)
                    and match.start() - start <= 1
                    else antecedent(
                        sorted([*linked, *found], key=lambda m: m.mention.start),
                        match.start(),
                        PERSON,
                        gender,
                    )
                )
                relative = _relative(kin, owner.entity.id, facts) if owner else None
                named = next((m for m in reversed(linked) if m.entity.id == relative), None)
                if named is not None:
                    found.append(
                        resolved(named, match.start(), match.end(), match.group(0), sentence)
                    )
    return found
