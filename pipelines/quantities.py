"""Quantities: numbers with their noun ("about 700 servicemen", "197 crosses") become quantitative
claims of the nearest entity of a fitting category, with their qualifier ("approximately")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from remembrance.pipelines.config import DEFAULT_CONFIG
from remembrance.pipelines.frames.tables import QUANTITY_CLASSES, Table
from remembrance.pipelines.records import DateMention, LinkedMention, Statement


def _number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def quantity_statements(
    text: str,
    linked: Sequence[LinkedMention],
    dates: Sequence[DateMention],
    sentences: Sequence[tuple[int, int]],
    table: Table,
) -> list[Statement]:
    """Numbers with their noun, attached to the nearest entity of a fitting category before them
    in the sentence (or the previous sentence); a year is no number ("fondé en 1942 par des
    membres")."""
    statements: list[Statement] = []
    reach = DEFAULT_CONFIG["reach"]["quantity_verb"]
    for quantity in table.quantities:
        categories = quantity.categories
        for match in quantity.nouns.finditer(text):
            if any(d.start <= match.start("number") < d.end for d in dates):
                continue
            before = text[max(0, match.start() - reach) : match.start()]
            if quantity.verb is not None and not quantity.verb.search(before):
                continue
            qualified = table.qualifier_before.search(before)
            position = match.start() - (len(before) - qualified.start() if qualified else 0)
            index = next((i for i, s in enumerate(sentences) if s[0] <= position < s[1]), None)
            if index is None:
                continue
            scope = sentences[max(0, index - 1)][0], sentences[index][1]
            paragraph = text.rfind("\n\n", 0, position) + 1
            if categories & QUANTITY_CLASSES and not any(  # what a network did: the latest
                paragraph <= m.mention.start < position and m.entity.category == "Memorial"
                for m in linked
            ):  # named, anywhere; not in a memorial's paragraph ("8 000 soldats y reposent")
                scope = 0, sentences[index][1]
            fitting = [
                m
                for m in linked
                if scope[0] <= m.mention.start < scope[1]
                and (m.entity.category in categories or m.entity.class_name in categories)
            ]
            preceding = [m for m in fitting if m.mention.start < position] or fitting
            if not preceding:
                continue
            subject = preceding[-1] if preceding[-1].mention.start < position else preceding[0]
            qualifier = (
                next((k.replace("_", " ") for k, v in qualified.groupdict().items() if v), None)
                if qualified
                else None
            )
            statements.append(
                Statement(
                    subject.entity.id,
                    quantity.predicate,
                    _number(match.group("number")),
                    False,
                    position,
                    match.end(),
                    sentences[index],
                    "quantity",
                    round(DEFAULT_CONFIG["confidence"]["quantity"] * subject.confidence, 3),
                    qualifier=qualifier,
                )
            )
    return statements
