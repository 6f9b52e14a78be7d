"""Statements of several extractors combined: one per triple and sentence."""

from __future__ import annotations

from collections.abc import Sequence

from remembrance.pipelines.records import Statement


def combine(*extractors: Sequence[Statement]) -> list[Statement]:
    """One statement per triple and sentence: where extractors agree, the most confident one."""
    best: dict[tuple[str, str, object, tuple[int, int]], Statement] = {}
    for statements in extractors:
        for statement in statements:
            key = statement.subject, statement.predicate, statement.object, statement.sentence
            if key not in best or statement.confidence > best[key].confidence:
                best[key] = statement
    return sorted(best.values(), key=lambda s: (s.start, s.end))
