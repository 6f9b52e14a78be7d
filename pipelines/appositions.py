"""Appositions: "the X Memorial, the Citadel of Liège" — a memorial followed by a place is located
in it; so is a place followed by a larger one ("Bastogne, Belgium"), unless they are items of a
list ("Belgium, the Netherlands and Luxembourg")."""

from __future__ import annotations

from collections.abc import Sequence

from remembrance.pipelines.config import DEFAULT_CONFIG
from remembrance.pipelines.frames.tables import Table
from remembrance.pipelines.records import LinkedMention, Statement


def apposition_statements(
    text: str, linked: Sequence[LinkedMention], table: Table
) -> list[Statement]:
    """A memorial, or a place, followed by a (larger) place in apposition → located in."""
    ranks: dict[str, int] = DEFAULT_CONFIG["place_ranks"]
    statements: list[Statement] = []
    for i, (left, right) in enumerate(zip(linked, linked[1:], strict=False)):
        gap = text[left.mention.end : right.mention.start]
        if right.entity.category != "Place" or not table.apposition.fullmatch(gap):
            continue
        if left.entity.category == "Place":
            low, high = ranks.get(left.entity.class_name), ranks.get(right.entity.class_name)
            if low is None or high is None or low >= high or _listed(text, linked, i, table):
                continue
        if left.entity.category in {"Memorial", "Place"}:
            statements.append(
                Statement(
                    left.entity.id,
                    "locatedIn",
                    right.entity.id,
                    True,
                    left.mention.start,
                    right.mention.end,
                    left.mention.sentence,
                    "apposition",
                    round(
                        DEFAULT_CONFIG["confidence"]["apposition"]
                        * min(left.confidence, right.confidence),
                        3,
                    ),
                )
            )
    return statements


def _listed(text: str, linked: Sequence[LinkedMention], i: int, table: Table) -> bool:
    """Whether the places i and i+1 are items of a list: a place joined before or after them."""
    before = linked[i - 1] if i > 0 else None
    after = linked[i + 2] if i + 2 < len(linked) else None
    return any(
        (a is not None and b is not None and a.entity.category == b.entity.category == "Place"
         and (table.list.fullmatch(text, a.mention.end, b.mention.start) is not None
              or table.conjunct.fullmatch(text, a.mention.end, b.mention.start) is not None))
        for a, b in ((before, linked[i]), (linked[i + 1], after))
    )  # fmt: skip
