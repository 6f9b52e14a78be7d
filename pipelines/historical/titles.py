"""Titles and ranks before a person's name ("M.", "Mme", "Mgr", "dhr.", "Lt.", "le général",
"Kolonel", "E.H."), from the language's table (``titles``).

Span convention (tests/gold/GUIDELINES.md): a title is not part of the Person mention ("le
général de Gaulle" → `de Gaulle`, "E.H. Jan Bruylandts" → `Jan Bruylandts`); the mention keeps
it as its `title` ("général", "E.H."). Titles are matched as written in the text, case aside,
wherever the tokenizer cuts them, and must be followed by a space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc

from remembrance.pipelines.config import DEFAULT_CONFIG
from remembrance.pipelines.historical.tables import load_historical
from remembrance.pipelines.table_reader import every_language


def _alternatives(titles: tuple[str, ...]) -> str:
    ordered = sorted(titles, key=len, reverse=True)  # "mgr." before "mgr", "m." before "m"
    return "|".join(re.escape(title).replace(r"\ ", r"\s+") for title in ordered)


@dataclass(frozen=True, slots=True)
class Titles:
    """The titles of one language: `leading` matches one where it starts; `trailing` one
    ending just before the end of a string."""

    leading: re.Pattern[str]
    trailing: re.Pattern[str]

    @staticmethod
    @cache
    def of(language: str) -> Titles:
        words = _alternatives(load_historical(language).titles)
        return Titles(
            re.compile(rf"(?:{words})(?=\s)", re.IGNORECASE),
            re.compile(rf"(?<![\w.])(?:{words})\s+$", re.IGNORECASE),
        )

    def skip(self, doc: Doc, text: str, start: int, end: int) -> int:
        """The first token of doc[start:end] after its leading titles (`end` if all are);
        `text` is the Doc's (``doc.text`` builds it anew at each call)."""
        first = start
        while first < end and (match := self.leading.match(text, doc[first].idx)):
            while first < end and (doc[first].idx < match.end() or doc[first].is_space):
                first += 1
        return first

    def before(self, text: str, start: int) -> str | None:
        """The titles written just before `start` ("Z.E.H. Pater"), or None."""
        first, reach = start, DEFAULT_CONFIG["reach"]["title"]
        while found := self.trailing.search(text, max(0, first - reach), first):
            first = found.start()
        return text[first:start].strip() or None


def title_words() -> frozenset[str]:
    """Every title of every language, in lower case."""
    return every_language(load_historical, lambda table: table.titles)
