"""EDTF values in words ("c. 1943", "May 1940", "September–October 1944"), and how exact they are.

Only Level 0 and 1 forms are worded; anything else is shown as written.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

_DATE = re.compile(r"^(?P<year>-?[0-9X]{4})(?:-(?P<month>[0-9X]{2})(?:-(?P<day>[0-9X]{2}))?)?$")


def qualifiers(value: str) -> set[str]:
    """What EDTF says about a value besides its date: "approximate" (~), "uncertain" (?),
    "unspecified" (X digits), "interval" (/), "imprecise" (a month, year or wider)."""
    found = set()
    if "~" in value or "%" in value:
        found.add("approximate")
    if "?" in value or "%" in value:
        found.add("uncertain")
    if "X" in value:
        found.add("unspecified")
    if "/" in value:
        found.add("interval")
    if not re.search(r"\d{4}-\d{2}-\d{2}", value) or "X" in value:
        found.add("imprecise")
    return found


def _single(value: str) -> str:
    core = value.strip("~?%")
    match = _DATE.match(core)
    if not match:
        return value
    year, month, day = match.group("year"), match.group("month"), match.group("day")
    known_month = bool(month) and month.isdigit() and 1 <= int(month) <= 12
    if year == "XXXX":
        words = "date unknown"
        if known_month:
            day_words = f"{int(day)} " if day and day.isdigit() else ""
            words = f"{day_words}{calendar.month_name[int(month)]}, year unknown"
    elif "X" in year:
        words = f"the {year.replace('X', '0')}s" if year.rstrip("X").isdigit() else year
    elif known_month:
        words = calendar.month_name[int(month)] + " " + year.lstrip("0")
        if day and day.isdigit():
            words = f"{int(day)} {words}"
    elif month and month.isdigit() and 21 <= int(month) <= 24:
        words = f"{('spring', 'summer', 'autumn', 'winter')[int(month) - 21]} {year}"
    else:
        words = year.lstrip("0") or year
    if core != value:
        words = ("c. " if "~" in value or "%" in value else "") + words
        words += "?" if "?" in value or "%" in value else ""
    return words


def describe(value: str) -> str:
    """An EDTF value in English words; a value that is not a date is returned as it is."""
    if "/" in value:
        start, end = value.split("/", 1)
        return f"{_single(start) if start not in ('', '..') else '…'} – " + (
            _single(end) if end not in ("", "..") else "…"
        )
    return _single(value)


def span(low: date, high: date) -> str:
    """Dates from `low` to `high` in words: a day, a whole month or year, else both ends."""
    if low == high:
        return describe(low.isoformat())
    last_of_month = (high + timedelta(days=1)).day == 1
    if low.day == 1 and last_of_month and (low.year, low.month) == (high.year, high.month):
        return describe(low.isoformat()[:7])
    if (low.month, low.day, high.month, high.day) == (1, 1, 12, 31):
        return describe(str(low.year)) if low.year == high.year else f"{low.year} – {high.year}"
    return f"{describe(low.isoformat())} – {describe(high.isoformat())}"
