"""Life dates in brackets right after a person's name, as encyclopaedias write them in every
language: "Marguerite Bervoets (La Louvière, 6 maart 1914 – Wolfenbüttel, 7 augustus 1944)" →
bornIn, bornOn, diedIn, diedOn. Each half is a place, a date or both ("(1914–1944)"); anything
else in the brackets ("(1940–1944 burgemeester)") makes them no life dates."""

from __future__ import annotations

import re
from collections.abc import Sequence

from remembrance.pipelines.config import DEFAULT_CONFIG
from remembrance.pipelines.dates import bounds
from remembrance.pipelines.historical.tables import load_historical
from remembrance.pipelines.records import DateMention, LinkedMention, Statement
from remembrance.pipelines.table_reader import every_language

_OPEN = re.compile(r"\s*\(")
# between birth and death: a dash (a hyphen only with spaces: "Saint-Gilles", "1914-03-06")
_DASH = re.compile(r"\s*[–—]\s*|\s+-\s+")
_ARTICLES = "|".join(
    sorted(map(re.escape, every_language(load_historical, lambda table: table.articles)))
)
# what may stand in a half besides its place and date: commas, spaces, the birth and death signs,
# an article the place's mention leaves out ("La Louvière"; pipelines/historical/<language>.toml)
_FILLER = re.compile(rf"[\s,°*†✝+]*(?:(?:{_ARTICLES})\s*)?", re.IGNORECASE)
_ROLES = (("bornIn", "bornOn"), ("diedIn", "diedOn"))


def _split(dates: Sequence[DateMention], dash: re.Match[str]) -> list[DateMention]:
    """The dates, with an interval across the dash ("1914–1944") cut into its two ends."""
    result = []
    for date in dates:
        first, _, last = date.value.partition("/")
        if date.start < dash.start() and dash.end() < date.end and first and last:
            cut = dash.start() - date.start
            result += [
                DateMention(date.text[:cut], date.start, dash.start(), first, *bounds(first)),
                DateMention(
                    date.text[dash.end() - date.start :], dash.end(), date.end, last, *bounds(last)
                ),
            ]
        else:
            result.append(date)
    return result


def _half(
    text: str, start: int, end: int, linked: Sequence[LinkedMention], dates: Sequence[DateMention]
) -> tuple[list[LinkedMention], list[DateMention]] | None:
    """The places and dates that fill text[start:end], or None when something else is there."""
    places = [m for m in linked if start <= m.mention.start and m.mention.end <= end]
    within = [d for d in dates if start <= d.start and d.end <= end]
    if any(m.entity.category != "Place" for m in places) or len(places) > 1 or len(within) > 1:
        return None
    rest, position = [], start
    for s, e in sorted(
        [(m.mention.start, m.mention.end) for m in places] + [(d.start, d.end) for d in within]
    ):
        rest.append(text[position:s])
        position = e
    rest.append(text[position:end])
    if not (places or within) or not all(_FILLER.fullmatch(piece) for piece in rest):
        return None
    return places, within


def lifespan_statements(
    text: str, linked: Sequence[LinkedMention], dates: Sequence[DateMention]
) -> list[Statement]:
    """Birth and death places and dates from the brackets right after a person's name."""
    confidence: float = DEFAULT_CONFIG["confidence"]["lifespan"]
    reach = DEFAULT_CONFIG["lifespan_brackets"]
    statements: list[Statement] = []
    for person in linked:
        if person.entity.category != "Person" or person.mention.source == "coreference":
            continue
        opening = _OPEN.match(text, person.mention.end)
        if opening is None:
            continue
        closing = text.find(")", opening.end(), opening.end() + reach)
        dash = _DASH.search(text, opening.end(), max(closing, opening.end()))
        if closing < 0 or dash is None or "(" in text[opening.end() : closing]:
            continue
        inside = _split(dates, dash)
        halves = [
            _half(text, opening.end(), dash.start(), linked, inside),
            _half(text, dash.end(), closing, linked, inside),
        ]
        if None in halves:
            continue
        for (place_property, date_property), half in zip(_ROLES, halves, strict=True):
            places, within = half or ([], [])
            found: list[tuple[str, str | int | float, bool, DateMention | None]] = [
                (place_property, m.entity.id, True, None) for m in places
            ] + [(date_property, d.value, False, d) for d in within]
            statements.extend(
                Statement(
                    person.entity.id,
                    predicate,
                    value,
                    is_entity,
                    person.mention.start,
                    closing + 1,
                    person.mention.sentence,
                    "lifespan",
                    round(confidence * person.confidence, 3),
                    date=date,
                )
                for predicate, value, is_entity, date in found
            )
    return statements
