"""Rule-based mentions the gazetteer and the NER miss.

- Event triggers: a verb or noun of an event class in the language's table ("invaded", "the
  surrender", "la capitulation", "bevrijd": [events] of pipelines/frames/<language>.toml) names
  the record of that class whose date agrees with a date of the same sentence (or the only
  record of that class when the sentence has no date).
- Definite descriptions: "the Memorial", "the King", "le Mémorial", "de Koning" ([descriptions]
  of the language's table) refer to the most recent entity of the matching kind already named in
  the document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from remembrance.pipelines.authority import AuthorityIndex, AuthorityRecord
from remembrance.pipelines.config import DEFAULT_CONFIG
from remembrance.pipelines.dates import bounds
from remembrance.pipelines.frames.tables import DESCRIPTION_KINDS, Table, load_table
from remembrance.pipelines.records import DateMention, LinkedMention, Mention
from remembrance.pipelines.table_reader import every_language

_FOLLOWED_BY_NAME = re.compile(r"[ \t\xa0]+[A-ZÀ-ÖØ-Þ]")


def _overlaps(start: int, end: int, spans: Sequence[Mention]) -> bool:
    return any(m.start < end and start < m.end for m in spans)


def _sentence_of(offset: int, sentences: Sequence[tuple[int, int]]) -> tuple[int, int]:
    return next((s for s in sentences if s[0] <= offset < s[1]), (offset, offset))


def _date_fits(record: AuthorityRecord, date: DateMention) -> bool:
    if date.earliest is None or date.latest is None:
        return False
    for _, value in record.dates:
        earliest, latest = bounds(value)
        if earliest and latest and earliest <= date.latest and date.earliest <= latest:
            return True
    return False


def event_mentions(
    text: str,
    sentences: Sequence[tuple[int, int]],
    mentions: Sequence[Mention],
    dates: Sequence[DateMention],
    index: AuthorityIndex,
    table: Table,
) -> list[Mention]:
    """Mentions of events named by the words of the language's table ([events]), linked by
    class and date."""
    found: list[Mention] = []
    confidence = DEFAULT_CONFIG["confidence"]["rule"]
    for class_name, trigger in table.events.items():
        records = index.of_class(class_name)
        for match in trigger.finditer(text):
            if _overlaps(match.start(), match.end(), [*mentions, *found]):
                continue
            sentence = _sentence_of(match.start(), sentences)
            in_sentence = [d for d in dates if sentence[0] <= d.start < sentence[1]]
            fitting = [r for r in records if any(_date_fits(r, d) for d in in_sentence)]
            if not in_sentence and len(records) == 1:
                fitting = records
            if len(fitting) == 1:
                found.append(
                    Mention(
                        match.group(),
                        match.start(),
                        match.end(),
                        "Event",
                        "rule",
                        confidence,
                        sentence,
                        (fitting[0].id,),
                    )
                )
    return found


@cache
def description_nouns(kind: str | None = None) -> frozenset[str]:
    """The nouns of short definite descriptions of every language (of `kind`, else of all kinds),
    in lower case: a record's names and a text's words may be in any of them."""
    kinds = DESCRIPTION_KINDS if kind is None else (kind,)
    return every_language(
        load_table, lambda table: (noun for k in kinds for noun in table.descriptions.nouns[k])
    )


def _matches_kind(linked: LinkedMention, kind: str, index: AuthorityIndex) -> bool:
    entity = linked.entity
    if kind == "Memorial":
        return entity.category == "Memorial"
    if kind == "monument":  # "the monument" is the latest memorial that is not a museum
        return entity.category == "Memorial" and entity.class_name != "Museum"
    record = index.records.get(entity.id)
    names = [n.lower() for n in record.names()] if record else []
    if kind == "king":
        kings = tuple(f"{noun} " for noun in description_nouns("king"))
        return entity.category == "Person" and any(n.startswith(kings) for n in names)
    citadels = tuple(description_nouns("citadel"))
    return entity.category == "Place" and any(n.startswith(citadels) for n in names)


def definite_descriptions(
    text: str,
    sentences: Sequence[tuple[int, int]],
    linked: Sequence[LinkedMention],
    index: AuthorityIndex,
    table: Table,
) -> list[LinkedMention]:
    """Short definite descriptions of the language's table ([descriptions]) resolved to the most
    recent matching entity."""
    resolved: list[LinkedMention] = []
    confidence = DEFAULT_CONFIG["confidence"]["coreference"]
    mentions = [item.mention for item in linked]
    for match in table.descriptions.pattern.finditer(text):
        start, end = match.span(1)
        if _overlaps(start, end, mentions):
            continue  # part of a longer name ("the Memorial of Breendonk")
        if _FOLLOWED_BY_NAME.match(text, end):
            continue  # a title or a head noun before a name: "le roi Léopold", "het monument Tijl"
        kind = table.descriptions.kinds[match.group(1).lower()]
        earlier = [item for item in reversed(linked) if item.mention.end <= start]
        antecedent = next((item for item in earlier if _matches_kind(item, kind, index)), None)
        if antecedent is None and kind == "monument":  # no monument named: any memorial
            antecedent = next((i for i in earlier if _matches_kind(i, "Memorial", index)), None)
        if antecedent is not None:
            mention = Mention(
                match.group(1),
                start,
                end,
                antecedent.entity.category,
                "coreference",
                confidence,
                _sentence_of(start, sentences),
            )
            resolved.append(LinkedMention(mention, antecedent.entity, confidence))
    return resolved
