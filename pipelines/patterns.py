"""Surface patterns: relations between consecutive mentions of a sentence.

A pattern (a row of the language's table, pipelines/frames/) holds when two consecutive mentions of
one sentence have the categories it names and the words between them match its trigger ("X was a
member of Y", "situé à", "gelegen in"), and, for Dutch verb-final clauses, the words after the
second match its tail ("X werd naar Y gedeporteerd"). These patterns back up the dependency rules
(pipelines/dependency.py) where a parse fails.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from remembrance.pipelines.config import DEFAULT_CONFIG
from remembrance.pipelines.frames.tables import Table
from remembrance.pipelines.records import DateMention, LinkedMention, Statement


def _gap(text: str, start: int, end: int, dates: Sequence[DateMention], table: Table) -> str:
    """The words between two mentions without the dates among them ("stierf in 2007 in" →
    "stierf in"): a date never decides a relation, and patterns need not allow for one."""
    pieces, at = [], start
    for d in sorted((d for d in dates if start <= d.start and d.end <= end), key=lambda d: d.start):
        before = text[at : d.start]
        pieces.append(before[: table.before_date.search(before).start()])
        at = d.end
    pieces.append(text[at:end])
    return re.sub(r"\(\s*[-–/]?\s*\)|(?<=\s)\s+", "", "".join(pieces))


def _pairs(
    text: str, linked: Sequence[LinkedMention], dates: Sequence[DateMention], table: Table
) -> Iterator[tuple[LinkedMention, LinkedMention, str]]:
    """Mentions of one sentence that a pattern may join, with the words between them: each
    mention and the next, and a subject and the mention after a parenthetical place."""
    for i, left in enumerate(linked[:-1]):
        right = linked[i + 1]
        if left.mention.sentence != right.mention.sentence:
            continue
        gap = _gap(text, left.mention.end, right.mention.start, dates, table)
        yield left, right, gap
        if (
            i + 2 < len(linked)
            and linked[i + 2].mention.sentence == left.mention.sentence
            and right.entity.category == "Place"
            and table.parenthetical.fullmatch(gap)
        ):
            after = _gap(text, right.mention.end, linked[i + 2].mention.start, dates, table)
            if after.lstrip().startswith(","):
                yield left, linked[i + 2], after.lstrip()[1:]


def conjuncts(
    text: str,
    linked: Sequence[LinkedMention],
    first: int,
    categories: frozenset[str],
    table: Table,
) -> list[LinkedMention]:
    """Mentions coordinated with linked[first] ("Ravensbrück and later Mauthausen", "X, Y and
    Z"): a chain of commas that ends in a conjunction."""
    chain: list[LinkedMention] = []
    for left, right in zip(linked[first:], linked[first + 1 :], strict=False):
        if right.mention.sentence != left.mention.sentence:
            break
        if right.entity.category not in categories:
            break
        gap = text[left.mention.end : right.mention.start]
        if table.conjunct.fullmatch(gap):
            return [*chain, right]
        if not table.list.fullmatch(gap):
            break
        chain.append(right)
    return []


def pattern_statements(
    text: str, linked: Sequence[LinkedMention], dates: Sequence[DateMention], table: Table
) -> list[Statement]:
    """Relations between mentions of a sentence whose gap matches a pattern. Objects coordinated
    with the object share the relation; a clause joined by "and" after an object shares the
    subject of the sentence's previous relation."""
    confidence: dict[str, float] = DEFAULT_CONFIG["confidence"]
    statements: list[Statement] = []
    position = {id(item): i for i, item in enumerate(linked)}
    subjects: dict[tuple[int, int], LinkedMention] = {}  # per sentence, the latest subject
    for left, right, gap in _pairs(text, linked, dates, table):
        if (
            left.entity.id == right.entity.id
            or len(gap) > DEFAULT_CONFIG["pattern_gap"]
            or "\n" in gap
        ):
            continue
        sentence = left.mention.sentence
        options = [(left, gap)]
        if (clause := table.next_clause.match(gap)) and sentence in subjects:
            options.append((subjects[sentence], gap[clause.end() :]))
        for pattern, (first, between) in ((p, o) for p in table.patterns for o in options):
            subject, obj = (right, first) if pattern.inverse else (first, right)
            if (
                subject.entity.category in pattern.subjects
                and obj.entity.category in pattern.objects
                and pattern.trigger.match(between)
                and (first is left or not pattern.inverse)
                and (
                    pattern.tail is None or pattern.tail.match(text, right.mention.end, sentence[1])
                )
            ):
                objects = [obj]
                if not pattern.inverse:
                    objects += conjuncts(text, linked, position[id(obj)], pattern.objects, table)
                statements += [
                    Statement(
                        subject.entity.id,
                        pattern.predicate,
                        item.entity.id,
                        True,
                        min(subject.mention.start, left.mention.start),
                        item.mention.end,
                        sentence,
                        "pattern",
                        round(
                            confidence["pattern"]
                            * min(subject.confidence, item.confidence)
                            * (1 if item is obj and first is left else confidence["shared"]),
                            3,
                        ),
                        coreference=subject.mention.source == "coreference",
                    )
                    for item in objects
                    if item.entity.id != subject.entity.id
                ]
                subjects[sentence] = subject
                break
    return statements
