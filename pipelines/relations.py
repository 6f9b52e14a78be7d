"""Statements of several extractors combined: one per triple and sentence."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from remembrance.pipelines.records import Statement


def combine(*extractors: Sequence[Statement]) -> list[Statement]:
    """One statement per triple and sentence: where extractors agree, the most confident one,
    with the date another one found (the clause's date of a frame: "joined the FI in 1942")."""
    best: dict[tuple[str, str, object, tuple[int, int]], Statement] = {}
    for statements in extractors:
        for statement in statements:
            key = statement.subject, statement.predicate, statement.object, statement.sentence
            kept = best.get(key)
            if kept is None:
                best[key] = statement
                continue
            first, second = (
                (statement, kept) if statement.confidence > kept.confidence else (kept, statement)
            )
            if first.date is None and second.date is not None:
                first = replace(first, date=second.date)
            best[key] = first
    return sorted(best.values(), key=lambda s: (s.start, s.end))
