"""Coreference inside a document: words that stand for an entity named before them.

A sentence-initial pronoun or definite description ("She was deported to …", "The network was
founded by …", "The pilot, who had escaped …", "Le roi …", "Het werd …") stands for the entity the
previous sentence opens with (its subject) where that fits, else for the latest entity of a
fitting category (and, for a person, of the pronoun's or description's gender where the record
gives one) named before its sentence. The resolved words
become mentions with source "coreference", used for relations only (the gold set does not
annotate pronouns); statements made through them say so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from remembrance.pipelines.config import DEFAULT_CONFIG
from remembrance.pipelines.frames.tables import Anaphor, Table
from remembrance.pipelines.records import LinkedMention

_CLAUSE_OPENING = re.compile(r"[;:]\s*")
_COMMA = re.compile(r",\s*")


def antecedent(
    linked: Sequence[LinkedMention], before: int, categories: frozenset[str], gender: str | None
) -> LinkedMention | None:
    """The latest mention ending before `before` of one of `categories` that agrees with
    `gender`."""
    return next(_fitting(linked, before, categories, gender), None)


def _fitting(
    linked: Sequence[LinkedMention], before: int, categories: frozenset[str], gender: str | None
) -> Iterator[LinkedMention]:
    """The mentions ending before `before` of one of `categories` that agree with `gender`, the
    latest first."""
    return (
        m
        for m in reversed(linked)
        if m.mention.end <= before
        and m.entity.category in categories
        and m.entity.agrees_with(gender)
    )


def _named_like(
    linked: Sequence[LinkedMention],
    before: int,
    categories: frozenset[str],
    gender: str | None,
    words: str,
) -> LinkedMention | None:
    """For a description, the latest fitting entity whose name holds its noun ("the line": the
    Comet Line, before the Belgian resistance named since); None for a pronoun or when none."""
    noun = words.split()[-1].lower() if len(words.split()) > 1 else None
    if noun is None:
        return None
    holds = re.compile(rf"\b{re.escape(noun)}\b", re.IGNORECASE)
    return next(
        (
            m
            for m in _fitting(linked, before, categories, gender)
            if holds.search(m.mention.text) or holds.search(m.entity.label)
        ),
        None,
    )


def resolved(
    item: LinkedMention, start: int, end: int, text: str, sentence: tuple[int, int]
) -> LinkedMention:
    """A coreferent mention of `item`'s entity at start-end."""
    mention = replace(
        item.mention, text=text, start=start, end=end, sentence=sentence, source="coreference"
    )
    return LinkedMention(
        mention, item.entity, item.confidence * DEFAULT_CONFIG["confidence"]["coreference"]
    )


def _after_fronted(
    text: str, start: int, end: int, table: Table
) -> tuple[re.Match[str], Anaphor] | tuple[None, None]:
    """A description (not a pronoun) right after a phrase fronted before its clause's subject,
    at the sentence's start or after a colon, up to the phrase's third comma ("Situé sur le
    territoire de Willebroek, à mi-chemin entre Bruxelles et Anvers, le camp …", "… : le 11
    septembre 1941, le souverain …")."""
    if table.fronted_phrase_opening is None:
        return None, None
    openings = [start, *(m.end() for m in _CLAUSE_OPENING.finditer(text, start, end))]
    for opening in openings:
        if not table.fronted_phrase_opening.match(text, opening, end):
            continue
        stop = _CLAUSE_OPENING.search(text, opening, end)
        commas = _COMMA.finditer(text, opening, stop.start() if stop else end)
        for _, comma in zip(range(3), commas, strict=False):
            for anaphor in table.anaphors:
                found = re.compile(anaphor.words.pattern, re.IGNORECASE).match(text, comma.end())
                if found and found.group(1).lower() not in table.pronouns:
                    return found, anaphor
    return None, None


def pronoun_subjects(
    text: str,
    linked: Sequence[LinkedMention],
    sentences: Sequence[tuple[int, int]],
    table: Table,
) -> list[LinkedMention]:
    """Sentence-initial pronouns and short nominals, and short nominals after a fronted phrase,
    resolved to their antecedents: the entity the previous sentence opens with (its subject,
    named or itself resolved) where it fits, else one whose name holds the description's noun,
    else the latest fitting one."""
    found: list[LinkedMention] = []
    opening: LinkedMention | None = None  # the mention that opens the previous sentence
    for start, end in sentences:
        match, anaphor = next(
            ((m, a) for a in table.anaphors if (m := a.words.match(text, start, end))),
            (None, None),
        )
        first = opening_mention(text, start, end, [*linked, *found[-1:]])
        if match is None or anaphor is None:
            match, anaphor = _after_fronted(text, start, end, table)
        if match is None or anaphor is None:
            opening = first
            continue
        if any(m.mention.start < match.end(1) and match.start(1) < m.mention.end for m in linked):
            opening = first
            continue  # already a mention ("the Memorial" resolved by the definite rule)
        if table.introduces is not None and any(
            table.introduces.fullmatch(text, match.end(1), m.mention.start) for m in linked
        ):
            opening = first
            continue  # the name it introduces ("Le dessinateur liégeois Jacques Ochs")
        gender = anaphor.gender or table.genders.get(match.group(1).lower())
        item = _named_like(linked, start, anaphor.categories, gender, match.group(1))
        if item is None and opening is not None and opening.entity.category in anaphor.categories:
            item = opening if opening.entity.agrees_with(gender) else None
        item = item or antecedent(linked, start, anaphor.categories, gender)
        if item is not None:
            found.append(resolved(item, match.start(1), match.end(1), match.group(1), (start, end)))
        # the clause's subject, also after a fronted phrase ("In 1947 he married …")
        opening = found[-1] if item is not None else first
    return found


def opening_mention(
    text: str, start: int, end: int, mentions: Sequence[LinkedMention]
) -> LinkedMention | None:
    """The mention a sentence opens with, after a determiner at most ("The Comet Line was …")."""
    return next(
        (
            m
            for m in mentions
            if start <= m.mention.start < end and len(text[start : m.mention.start].split()) <= 1
        ),
        None,
    )
