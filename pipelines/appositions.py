"""Appositions: "the X Memorial, the Citadel of Liège" — a memorial followed by a place is located
in it."""

from __future__ import annotations

from collections.abc import Sequence

from remembrance.pipelines.config import DEFAULT_CONFIG
from remembrance.pipelines.frames.tables import Table
from remembrance.pipelines.records import LinkedMention, Statement


def apposition_statements(
    text: str, linked: Sequence[LinkedMention], table: Table
) -> list[Statement]:
    """A memorial followed by a place in apposition → located in."""
    statements: list[Statement] = []
    for left, right in zip(linked, linked[1:], strict=False):
        gap = text[left.mention.end : right.mention.start]
        if (
            left.entity.category == "Memorial"
            and right.entity.category == "Place"
            and table.apposition.fullmatch(gap)
        ):
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
