"""Recognise date expressions in English, French and Dutch text and normalise them to EDTF.

The recogniser is a set of regular expressions (compiled once per language at import); values
are validated, and their bounds computed, with the ``edtf`` package, once per distinct value and
process; plain dates (a year, a month, a day, an interval between them) are computed directly,
with the same result (tests/test_dates.py checks it).
"""

from __future__ import annotations

import calendar
import itertools
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import edtf
from edtf.parser.grammar import level0Expression
from pyparsing import ParseException

from remembrance.config import LANGUAGES, checked_language
from remembrance.pipelines.config import DEFAULT_CONFIG
from remembrance.pipelines.date_words import load_date_words
from remembrance.pipelines.records import DateMention

__all__ = ["DateMention", "bounds", "continue_dates", "find_dates", "normalise"]


@dataclass(frozen=True, slots=True)
class _Point:
    year: int | None
    month: int | None = None  # 1-12, or an EDTF season code 21-24
    day: int | None = None


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    lo: _Point
    hi: _Point | None = None  # second point of an interval
    qualifier: str = ""  # "", "~" (approximate) or "?" (uncertain)
    decade: str | None = None  # e.g. "194X"; overrides the points
    level: int = 1  # year context it provides: 2 month-precise, 1 year, 0 none


# --- vocabulary -------------------------------------------------------------------------------

_ACCENTS = {
    "é": "[ée]",
    "è": "[èe]",
    "ê": "[êe]",
    "û": "[ûu]",
    "à": "[àa]",
    "ô": "[ôo]",
    "'": "['’]",
}


def _fold(word: str) -> str:
    """Lower-case, accent-free, apostrophe-normalised form of a word, without dots."""
    decomposed = unicodedata.normalize("NFKD", word.lower().replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace(".", "")


def _accented(word: str) -> str:
    """Regex for a word, with accented letters optional."""
    return "".join(_ACCENTS.get(c, re.escape(c)) for c in word)


def _alternation(words: Iterable[str]) -> str:
    return "|".join(_accented(w) for w in sorted(words, key=len, reverse=True))


def _words(words: Sequence[str]) -> str:
    return r"(?<!\w)(?:" + _alternation(words) + r")(?!\w)"


def _accent_fragment(fragment: str) -> str:
    """Make the accented letters of a hand-written regex fragment optional."""
    return "".join(_ACCENTS.get(c, c) if c != "'" else c for c in fragment)


_WORDS = {lang: load_date_words(lang) for lang in LANGUAGES}
_MONTH_NUMBERS = {
    _fold(name): number
    for words in _WORDS.values()
    for number, names in enumerate(words.months, 1)
    for name in names
}
_SEASONS = {_fold(word): code for words in _WORDS.values() for word, code in words.seasons.items()}

_GROUPED = {
    "y": r"(?<!\w)(?P<{name}>(?:1[89]|20)\d\d)(?!\w)(?![.,:]\d)",
    "ys": r"(?<!\w)(?P<{name}>(?:1[89]|20)\d\d|\d\d)(?!\w)(?![.,:\-–]\d)",
    "nd": r"(?<!\w)(?<!\d[.,:/])(?P<{name}>[0-3]?\d)(?!\w)",
    "nm": r"(?P<{name}>[0-3]?\d)",
    "c": r"(?<!\w)(?<!\d[.,])(?P<{name}>(?:19|20)\d)",
    "cs": r"(?P<{name}>[1-9])",
}
_GROUP_OF = {"ys": "y", "nd": "d", "nm": "m", "cs": "c"}


def _tokens(lang: str) -> dict[str, str]:
    """Regex for each template token of one language (``{name}``/``{n}`` filled in later)."""
    words = _WORDS[lang]
    lex = {key: _accent_fragment(value) for key, value in words.fragments.items()}
    months = []
    for full, *abbreviations in words.months:
        months.append(_accented(full))
        months.extend(_accented(a) + r"\.?" for a in abbreviations)
    months.sort(key=len, reverse=True)
    return _GROUPED | {
        "m": r"(?<!\w)(?P<{name}>" + "|".join(months) + r")" + lex["month_tail"] + r"(?!\w)",
        "d": r"(?<!\w)(?<!\d[.,:/])(?P<{name}>[0-3]?\d)" + lex["ord"] + r"(?!\w)(?![.,:/]\d)",
        "s": r"(?<!\w)(?P<{name}>" + lex["season"] + r")",
        "wd": r"(?:" + _words(words.weekdays) + r",?\s+(?:the\s+)?)?",
        "q": r"(?:(?<!\w)(?:(?P<ap_{n}>"
        + lex["approx"]
        + r")|(?P<un_{n}>"
        + lex["unc"]
        + r")\s+)(?:(?:"
        + lex["prep"]
        + r")(?:\s+|(?<=')))?)?",
        "part": r"(?<!\w)(?:(?P<pe_{n}>"
        + lex["early"]
        + r")|(?P<pm_{n}>"
        + lex["mid"]
        + r")|(?P<pl_{n}>"
        + lex["late"]
        + "))",
        "of": lex["of"],
        "stail": "(?:" + lex["season_tail"] + ")",
        "from": "(?:" + lex["from"] + ")",
        "to": "(?:" + lex["to"] + ")",
        "between": "(?:" + lex["between"] + ")",
        "and": "(?:" + lex["and"] + ")",
        "decade": lex["decade"],
    }


_TOKEN = re.compile(r"\{([a-z]+?)([12]?)\}")


def _expand(template: str, tokens: dict[str, str], counter: Iterator[int]) -> str:
    """Expand ``{token}`` placeholders; numbered ones such as ``{m1}`` become unique groups."""

    def replace(match: re.Match[str]) -> str:
        kind, index = match.groups()
        n = next(counter)
        pattern = tokens[kind]
        if kind == "decade":
            return _expand(pattern, tokens, counter)
        name = f"{_GROUP_OF.get(kind, kind)}{index}_{n}"
        return pattern.replace("{name}", name).replace("{n}", str(n))

    return _TOKEN.sub(replace, template)


_FRAMES = (r"(?<!\w){from}?X(?:\s*[-–—]\s*|\s+{to}\s+)Y", r"(?<!\w){between}\s+X\s+{and}\s+Y")
_RANGES = [  # (start, end) templates of an interval
    ("{y1}", "{ys2}"),
    ("{m1}", "{m2}{of},?\\s+{y2}"),
    ("{m1}{of},?\\s+{y1}", "{m2}{of},?\\s+{y2}"),
    ("{d1}", "{d2}{of}\\s+{m2}(?:,?\\s+{y2})?"),
    ("{d1}{of}\\s+{m1}", "{d2}{of}\\s+{m2}(?:,?\\s+{y2})?"),
    ("{d1}{of}\\s+{m1},?\\s+{y1}", "{d2}{of}\\s+{m2},?\\s+{y2}"),
]
_RANGES_MONTH_FIRST = [  # English "May 10-28, 1940"
    ("{m1}\\s+{d1}", "{d2}(?:,?\\s+{y2})?"),
    ("{m1}\\s+{d1}", "{m2}\\s+{d2}(?:,?\\s+{y2})?"),
    ("{m1}\\s+{d1},?\\s+{y1}", "{m2}\\s+{d2},?\\s+{y2}"),
]
_SINGLES = [  # (template, is a bare year: filtered against counts and references)
    (r"{q}{wd}{d1}{of}\s+{m1}(?:,?\s+{y1})?", False),
    (r"{q}{m1}{of},?\s+{y1}", False),
    (r"{q}{y1}", True),
    (r"{y1}-{nm1}-{nd1}", False),
    (r"{nd1}/{nm1}/{y1}|{nd1}\.{nm1}\.{y1}|{nd1}-{nm1}-{y1}", False),
    (r"(?:{decade})(?!\w)", False),
    (r"{s1}{stail}{y1}(?:\s*[-–/]\s*(?:(?:19|20)?\d\d)(?!\w))?", False),
    (r"{part}(?:{m1}(?:,?\s+{y1})?|{y1})", False),
]
_SINGLES_MONTH_FIRST = [(r"{q}{wd}{m1}\s+{d1}(?:,?\s+{y1})?", False)]


def _rules(lang: str) -> list[tuple[re.Pattern[str], bool]]:
    """Compiled (pattern, is_year_only) rules of one language."""
    tokens, counter = _tokens(lang), itertools.count()
    month_first = _WORDS[lang].month_first
    singles = _SINGLES + (_SINGLES_MONTH_FIRST if month_first else [])
    ranges = _RANGES + (_RANGES_MONTH_FIRST if month_first else [])
    templates = [(t, yearly) for t, yearly in singles]
    templates += [
        ("|".join(f.replace("X", x).replace("Y", y) for f in _FRAMES), i == 0)
        for i, (x, y) in enumerate(ranges)
    ]
    return [
        (re.compile(_expand(t, tokens, counter), re.IGNORECASE), yearly) for t, yearly in templates
    ]


def _every(field: str) -> list[str]:
    """The words of `field` in every language's table, in the order of LANGUAGES, once each."""
    return list(dict.fromkeys(w for words in _WORDS.values() for w in getattr(words, field)))


_RULES = {lang: _rules(lang) for lang in LANGUAGES}
# Counts, prepositions and references: the words of every language count in any text.
_COUNT_AFTER = re.compile(r"\s+(?:" + _alternation(_every("counts")) + r")(?!\w)", re.IGNORECASE)
_DATE_PREP_BEFORE = re.compile(
    r"(?<!\w)(?:" + _alternation(_every("prepositions")) + r")\s+$", re.IGNORECASE
)
_REFERENCE_BEFORE = re.compile(
    r"(?:(?<!\w)(?:" + _alternation(_every("references")) + r")\.?|#|\+|€|\$|£)\s*$",
    re.IGNORECASE,
)
_NUMBER_BEFORE = re.compile(r"\d[ \u00a0\u202f]$")  # phone numbers, digit groups
_NUMBER_AFTER = re.compile(r"[ \u00a0\u202f]\d")
_DIGITS = re.compile(r"\d+")
_REACH_BACK, _REACH_AHEAD = 100, 40  # farthest a date expression extends from its digits
_SENTENCE_END = re.compile(r"[.!?…](?=\s+[^\s\d]|\s*$)|\n\s*\n")
_PART_RANGES = {"pe": ((1, 4), (1, 10)), "pm": ((5, 8), (11, 20)), "pl": ((9, 12), (21, 31))}


def _year_use_ok(text: str, match: re.Match[str], year: int) -> bool:
    """Whether a year-only match reads as a date rather than a count or a reference number."""
    start = match.start()
    before = max(0, start - DEFAULT_CONFIG["reach"]["year_words"])
    if not 1800 <= year <= 2030 or (
        year < 1900 and not _DATE_PREP_BEFORE.search(text, before, start)
    ):
        return False  # a year of the 19th century only after a preposition ("born in 1880")
    if (
        _REFERENCE_BEFORE.search(text, before, start)
        or _NUMBER_BEFORE.search(text, max(0, start - 2), start)
        or _NUMBER_AFTER.match(text, match.end())
    ):
        return False
    return not (
        _COUNT_AFTER.match(text, match.end()) and not _DATE_PREP_BEFORE.search(text, before, start)
    )


def _month(token: str | None) -> int | None:
    if token is None:
        return None
    return int(token) if token.isdigit() else _MONTH_NUMBERS[_fold(token)]


def _valid(point: _Point) -> bool:
    if point.month is None:
        return point.day is None
    if point.day is None:
        return 1 <= point.month <= 12 or 21 <= point.month <= 24
    if not 1 <= point.month <= 12:
        return False
    return 1 <= point.day <= calendar.monthrange(point.year or 2000, point.month)[1]


def _interpret(match: re.Match[str], lang: str) -> _Candidate | None:
    """Turn a rule match into a candidate, or None if it is not a valid date."""
    g = {k.split("_")[0]: v for k, v in match.groupdict().items() if v is not None}
    start, end = match.span()
    if "c1" in g:
        century = g["c1"] if len(g["c1"]) == 3 else "19" + g["c1"]
        return _Candidate(start, end, _Point(None), decade=century + "X", level=0)
    y1 = int(g["y1"]) if "y1" in g else None
    y2 = int(g["y2"]) if "y2" in g else None
    if y2 is not None and len(g["y2"]) == 2:
        if y1 is None:
            return None
        y2 += y1 // 100 * 100
    m1, m2 = _month(g.get("m1")), _month(g.get("m2"))
    d1 = int(g["d1"]) if "d1" in g else None
    d2 = int(g["d2"]) if "d2" in g else None
    common = _WORDS[lang].common_months
    if (
        y1 is None
        and y2 is None
        and any(g.get(k, "").islower() and _fold(g[k]) in common for k in ("m1", "m2"))
    ):
        return None  # "may", "to march"
    if _WORDS[lang].month_first and g.get("m1", "").isdigit() and m1 and d1 and m1 > 12 >= d1:
        m1, d1 = d1, m1  # US numeric order
    qualifier = "~" if "ap" in g else "?" if "un" in g else ""
    level = 2 if m1 or m2 else 1
    hi: _Point | None = None
    if "d2" in g or "m2" in g or "y2" in g:
        lo = _Point(y1 if y1 is not None else y2, m1 or (m2 if d1 else None), d1)
        hi = _Point(y2 if y2 is not None else y1, m2 or m1, d2)
    elif "s1" in g:
        lo = _Point(y1, _SEASONS[_fold(g["s1"])])
        level = 1
    elif part := next((k for k in _PART_RANGES if k in g), None):
        months, days = _PART_RANGES[part]
        if m1 is None:
            lo, hi = _Point(y1, months[0]), _Point(y1, months[1])
        else:
            last = min(days[1], calendar.monthrange(y1 or 2000, m1)[1]) if 1 <= m1 <= 12 else 0
            lo, hi = _Point(y1, m1, days[0]), _Point(y1, m1, last)
    else:
        lo = _Point(y1, m1, d1)
    if not _valid(lo) or (hi is not None and (not _valid(hi) or _key(lo) >= _key(hi))):
        return None
    return _Candidate(start, end, lo, hi, qualifier, level=level)


def _key(point: _Point) -> tuple[int, int, int]:
    return point.year or 0, point.month or 0, point.day or 0


def _render(point: _Point, year: int | None) -> str:
    year = point.year if point.year is not None else year
    parts = ["XXXX" if year is None else f"{year:04d}"]
    if point.month is not None:
        parts.append(f"{point.month:02d}")
    if point.day is not None:
        assert point.month is not None
        last = calendar.monthrange(year if year is not None else 2000, point.month)[1]
        parts.append(f"{min(point.day, last):02d}")
    return "-".join(parts)


def _value(candidate: _Candidate, year: int | None) -> str:
    """EDTF value of a candidate; `year` fills in a missing year.

    A date whose year stays unknown loses its qualifier: EDTF cannot qualify a date with an
    unspecified year (the edtf package rejects ``XXXX-12-20~`` and ``XXXX-12-~20``), and the
    bounds of ``XXXX-12-20`` are unknown either way.
    """
    if candidate.decade is not None:
        return candidate.decade
    value = _render(candidate.lo, year)
    if candidate.hi is not None:
        value += "/" + _render(candidate.hi, year)
    return value if value.startswith("XXXX") else value + candidate.qualifier


def _windows(text: str) -> Iterator[tuple[int, int]]:
    """Disjoint stretches of text around digits: every date expression contains one."""
    lo = hi = -1
    for match in _DIGITS.finditer(text):
        start, end = max(0, match.start() - _REACH_BACK), match.end() + _REACH_AHEAD
        if start > hi >= 0:
            yield lo, hi
            lo = start
        elif lo < 0:
            lo = start
        hi = min(len(text), end)
    if hi >= 0:
        yield lo, hi


def _candidates(text: str, lang: str) -> list[_Candidate]:
    """Non-overlapping candidates in text order, longest first on overlap."""
    rules = _RULES[checked_language(lang)]
    found = []
    for lo, hi in _windows(text):
        for pattern, year_only in rules:
            for match in pattern.finditer(text, lo, hi):
                candidate = _interpret(match, lang)
                if candidate is None:
                    continue
                if year_only and not _year_use_ok(text, match, _key(candidate.lo)[0]):
                    continue
                found.append(candidate)
    found.sort(key=lambda c: (c.start - c.end, c.start))
    taken = []
    occupied = bytearray(len(text))
    for candidate in found:
        if occupied.find(1, candidate.start, candidate.end) < 0:
            occupied[candidate.start : candidate.end] = b"\x01" * (candidate.end - candidate.start)
            taken.append(candidate)
    return sorted(taken, key=lambda c: c.start)


def _resolve(
    text: str, lang: str, fallback: int | None, month_year: int | None = None
) -> Iterator[tuple[_Candidate, str, int | None]]:
    """Candidates with their EDTF values, inferring missing years from the context, and the year
    of the latest month-precise date so far (`month_year` before the text)."""
    sentence_ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    # (position, year) of a month-precise date
    month_context = None if month_year is None else (-1, month_year)
    year_context: tuple[int, int] | None = None  # (position, year) of a year-level date
    for candidate in _candidates(text, lang):
        year = fallback
        if month_context is not None:
            year = month_context[1]
        if year_context is not None and (
            bisect_right(sentence_ends, year_context[0])
            == bisect_right(sentence_ends, candidate.start)
            and (month_context is None or year_context[0] > month_context[0])
        ):
            year = year_context[1]
        value = _value(candidate, year)
        known = (candidate.hi or candidate.lo).year
        known = known if known is not None else (year if candidate.decade is None else None)
        if known is not None and candidate.level == 2:
            month_context = (candidate.start, known)
        elif known is not None and candidate.level == 1:
            year_context = (candidate.start, known)
        yield candidate, value, None if month_context is None else month_context[1]


def _parse(value: str) -> edtf.parser.parser_classes.EDTFObject:
    """The edtf package's parse of a value, through its Level 0 grammar when the value is Level 0.

    Plain dates and intervals between them (most values here) parse about ten times faster with
    the Level 0 grammar than with ``parse_edtf``, which tries every level and, on a Level 0 value,
    gives the same object.
    """
    try:
        return level0Expression.parse_string(value, parse_all=True)[0]
    except ParseException:
        return edtf.parse_edtf(value)


_PLAIN = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")


def _plain(value: str) -> tuple[date, date] | None:
    """First and last day of a plain EDTF date (a year, a month or a day of the calendar), or
    None when the value is anything else (a season, a qualifier, year 0, no such day …)."""
    match = _PLAIN.fullmatch(value)
    if match is None:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    if not year or (month is not None and not 1 <= month <= 12):
        return None
    if day is None:
        last = month or 12
        return date(year, month or 1, 1), date(year, last, calendar.monthrange(year, last)[1])
    try:
        return date(year, month or 1, day), date(year, month or 1, day)
    except ValueError:
        return None


def _plain_bounds(edtf_value: str) -> tuple[date, date] | None:
    """The bounds of a plain date, or of an interval between two plain dates, without the
    ``edtf`` package (the same bounds, about a thousand times faster); None for other values."""
    sides = [_plain(side) for side in edtf_value.split("/")]
    if len(sides) > 2 or any(side is None for side in sides):
        return None
    return sides[0][0], sides[-1][1]  # type: ignore[index]


def fits_period(period: tuple[date | None, date | None], dates: Sequence[DateMention]) -> bool:
    """Whether one of `dates` may fall in `period` (start, end; None where unknown)."""
    start, end = period
    return any(
        (start is None or d.latest is None or start <= d.latest)
        and (end is None or d.earliest is None or d.earliest <= end)
        for d in dates
    )


@lru_cache(maxsize=8192)
def bounds(edtf_value: str) -> tuple[date | None, date | None]:
    """Earliest and latest dates of an EDTF value (strict bounds; None where unknown).

    Raises ValueError if the value is not valid EDTF.
    """
    plain = _plain_bounds(edtf_value)
    return plain if plain is not None else _edtf_bounds(edtf_value)


def _edtf_bounds(edtf_value: str) -> tuple[date | None, date | None]:
    """`bounds` through the ``edtf`` package (any value)."""
    try:
        parsed = _parse(edtf_value)
    except Exception as exc:  # the edtf package raises several exception types
        raise ValueError(f"invalid EDTF value {edtf_value!r}") from exc
    sides = edtf_value.split("/")
    results = []
    for side, struct in zip(
        (sides[0], sides[-1]), (parsed.lower_strict(), parsed.upper_strict()), strict=True
    ):
        try:
            results.append(
                None if "XXXX" in side else date(struct.tm_year, struct.tm_mon, struct.tm_mday)
            )
        except (AttributeError, TypeError, ValueError):  # open or infinite bounds
            results.append(None)
    return results[0], results[1]


def find_dates(text: str, language: str, *, published: date | None = None) -> list[DateMention]:
    """Every date expression in `text` (language 'en', 'fr' or 'nl'), in text order.

    A date without a year takes the year of the latest preceding month-precise date, or of a
    later bare year in the same sentence, else the year of `published`, else stays ``XXXX``.
    """
    return continue_dates(text, language, published=published)[0]


def continue_dates(
    text: str, language: str, *, published: date | None = None, year: int | None = None
) -> tuple[list[DateMention], int | None]:
    """`find_dates` of a text that continues another (a chunk of a long text): `year` is the
    year of the latest month-precise date before it; returned with the year at its end."""
    mentions = []
    fallback = published.year if published is not None else None
    for candidate, value, carried in _resolve(text, language, fallback, year):
        year = carried
        earliest, latest = bounds(value)
        mentions.append(
            DateMention(
                text[candidate.start : candidate.end],
                candidate.start,
                candidate.end,
                value,
                earliest,
                latest,
            )
        )
    return mentions, year


_FILLER_BEFORE = re.compile(
    r"\W*(?:(?:on|in|at|the|le|la|les|en|au|à|op|het|de|l['’])\W*)*", re.IGNORECASE
)
_FILLER_AFTER = re.compile(r"[\s.,;:!?)\]]*")


def normalise(expression: str, language: str, *, context_year: int | None = None) -> str | None:
    """EDTF for one expression, or None if it is not a date.

    `context_year` supplies the year of an expression without one (else ``XXXX``).
    """
    resolved = list(_resolve(expression, language, context_year))
    if len(resolved) != 1:
        return None
    candidate, value, _ = resolved[0]
    if not (
        _FILLER_BEFORE.fullmatch(expression, 0, candidate.start)
        and _FILLER_AFTER.fullmatch(expression, candidate.end)
    ):
        return None
    bounds(value)  # validates
    return value
