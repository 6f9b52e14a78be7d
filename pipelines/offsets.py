"""Records moved to other offsets: a chunk's to the whole text's (chunks.py), the normalised
text's to the original's (historical/normalise.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

from remembrance.pipelines.records import Document, Extraction, Occurrence, Statement

Offset = Callable[[int], int]
_Said = TypeVar("_Said", Statement, Occurrence)  # a record with offsets, a sentence and a date


def remapped(
    part: Extraction, document: Document, start: Offset, end: Offset, *, surface: bool = False
) -> Extraction:
    """The records of `part` as records of `document`: each start through `start`, each end
    through `end`; with `surface`, mentions and dates take their text from `document`."""

    def span(pair: tuple[int, int]) -> tuple[int, int]:
        return start(pair[0]), end(pair[1])

    def text(old: str, first: int, last: int) -> str:
        return document.text[first:last] if surface else old

    dates = {}
    for date in part.dates:
        first, last = span((date.start, date.end))
        dates[date] = replace(date, start=first, end=last, text=text(date.text, first, last))
    mentions = []
    for item in part.mentions:
        first, last = span((item.mention.start, item.mention.end))
        mention = replace(
            item.mention,
            start=first,
            end=last,
            text=text(item.mention.text, first, last),
            sentence=span(item.mention.sentence),
        )
        mentions.append(replace(item, mention=mention))

    def moved(record: _Said) -> _Said:
        date = None if record.date is None else dates[record.date]
        return replace(
            record,
            start=start(record.start),
            end=end(record.end),
            sentence=span(record.sentence),
            date=date,
        )

    statements = [moved(statement) for statement in part.statements]
    occurrences = [moved(occurrence) for occurrence in part.occurrences]
    sentences = [span(sentence) for sentence in part.sentences]
    return Extraction(document, mentions, list(dates.values()), statements, sentences, occurrences)
