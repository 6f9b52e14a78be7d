"""The words of dates in each language (``pipelines/date_words/<language>.toml``): months,
weekdays and seasons, the words that make a number a count or a reference rather than a year,
and the regular-expression fragments of the date templates (pipelines/dates.py). A table is read
and checked once; a bad one stops with one line naming the file and the problem."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from remembrance.pipelines.table_reader import language_table

FOLDER = Path(__file__).parent
#: The fragments every table gives, one per token of the date templates.
FRAGMENTS = frozenset(
    {"ord", "of", "season", "season_tail", "approx", "unc", "prep", "early", "mid", "late"}
    | {"from", "to", "between", "and", "decade", "month_tail"}
)
#: EDTF season codes: spring, summer, autumn, winter.
SEASON_CODES = frozenset({21, 22, 23, 24})


@dataclass(frozen=True, slots=True)
class DateWords:
    """`months`: each month's name, then its abbreviations; `seasons`: word → EDTF season code;
    `month_first`: the month may come before the day ("May 10", "5/28/1940"); `common_months`:
    month names that are also common words (no date in lower case without a year); `counts`,
    `prepositions`, `references`: the words after which a year is a count, before which a 19th-
    century year is a date, and after which a number is a reference."""

    months: tuple[tuple[str, ...], ...]
    weekdays: tuple[str, ...]
    seasons: dict[str, int]
    month_first: bool
    common_months: frozenset[str]
    counts: tuple[str, ...]
    prepositions: tuple[str, ...]
    references: tuple[str, ...]
    fragments: dict[str, str]


@cache
def load_date_words(language: str, folder: Path = FOLDER) -> DateWords:
    """The date words of `language` (one of remembrance.config.LANGUAGES)."""
    r = language_table(folder, language)
    calendar = r.data.get("calendar", {})
    months = r.strings("calendar", "months")
    if len(months) != 12:
        raise r.fail("[calendar] months", f"expected 12 months, found {len(months)}")
    seasons = calendar.get("seasons")
    if not isinstance(seasons, dict) or not all(v in SEASON_CODES for v in seasons.values()):
        raise r.fail("[calendar] seasons", "expected words with their codes (21, 22, 23 or 24)")
    month_first = calendar.get("month_first")
    if not isinstance(month_first, bool):
        raise r.fail("[calendar] month_first", "expected true or false")
    fragments = r.data.get("fragments", {})
    if set(fragments) != FRAGMENTS or not all(isinstance(v, str) for v in fragments.values()):
        raise r.fail(
            "[fragments]", f"expected one string for each of {', '.join(sorted(FRAGMENTS))}"
        )
    return DateWords(
        months=tuple(tuple(group.split()) for group in months),
        weekdays=tuple(r.strings("calendar", "weekdays")),
        seasons=dict(seasons),
        month_first=month_first,
        common_months=frozenset(r.strings("calendar", "common_months")),
        counts=tuple(r.strings("years", "count_nouns")),
        prepositions=tuple(r.strings("years", "prepositions")),
        references=tuple(r.strings("years", "references")),
        fragments=dict(fragments),
    )
