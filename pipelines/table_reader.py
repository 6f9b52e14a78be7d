"""Reading the data tables of the pipelines (TOML: the frame tables, the historical-text
tables): every problem stops with one line naming the file, the place and the problem."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from remembrance.config import LANGUAGES, checked_language
from remembrance.ontology.categories import CATEGORIES
from remembrance.ontology.namespace import REM

T = TypeVar("T")
_MACRO = re.compile(r"\{([A-Z_]+)\}")


class TableError(ValueError):
    """A data table that cannot be used: the message names the file and the problem."""


def read_table(path: Path) -> TableReader:
    """The table at `path`, parsed."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise TableError(f"{path}: {error}") from None
    return TableReader(path, data)


def every_language(load: Callable[[str], T], words: Callable[[T], Iterable[str]]) -> frozenset[str]:
    """The `words` of every language's table (`load`): names cross languages ("De Bodt" in a
    French text, "La Louvière" in a Dutch one, a record's names in all three)."""
    return frozenset(word for language in LANGUAGES for word in words(load(language)))


def language_table(folder: Path, language: str) -> TableReader:
    """The table of `language` (one of remembrance.config.LANGUAGES) in `folder`."""
    return read_table(folder / f"{checked_language(language)}.toml")


class TableReader:
    """One parsed table, read through checks that turn every problem into a TableError naming
    the file and the place."""

    def __init__(self, path: Path, data: dict[str, Any]):
        self.path, self.data = path, data
        self.macros: dict[str, str] = {k: str(v) for k, v in data.get("macros", {}).items()}

    def fail(self, where: str, problem: str) -> TableError:
        return TableError(f"{self.path}: {where}: {problem}")

    def predicate(self, where: str, value: object) -> str:
        try:
            getattr(REM, str(value))
        except AttributeError:
            raise self.fail(where, f"{value!r} is not a term of ontology/remembrance.ttl") from None
        return str(value)

    def regex(
        self,
        where: str,
        value: object,
        flags: int = re.IGNORECASE,
        extra: dict[str, str] | None = None,
    ) -> re.Pattern[str]:
        if not isinstance(value, str) or not value:
            raise self.fail(where, "expected a non-empty regular expression")
        macros = {**self.macros, **(extra or {})}
        unknown = {m for m in _MACRO.findall(value) if m not in macros}
        if unknown:
            raise self.fail(where, f"unknown macro {sorted(unknown)}; known: {sorted(macros)}")
        text = _MACRO.sub(lambda m: macros[m.group(1)], value)
        try:
            return re.compile(text, flags)
        except re.error as error:
            raise self.fail(where, f"bad regular expression ({error})") from None

    def categories(
        self, where: str, value: object, extra: frozenset[str] = frozenset()
    ) -> frozenset[str]:
        if not isinstance(value, list) or not value:
            raise self.fail(where, "expected a non-empty list of categories")
        valid = set(CATEGORIES) | extra
        bad = [v for v in value if v not in valid]
        if bad:
            raise self.fail(
                where, f"unknown category {bad[0]!r}; choose from {', '.join(sorted(valid))}"
            )
        return frozenset(value)

    def entries(
        self, key: str, fields: set[str], required: set[str]
    ) -> list[tuple[str, dict[str, Any]]]:
        found = []
        for n, entry in enumerate(self.data.get(key, []), 1):
            where = f"[[{key}]] #{n}"
            if unknown := set(entry) - fields:
                raise self.fail(
                    where, f"unknown key {sorted(unknown)[0]!r}; valid: {', '.join(sorted(fields))}"
                )
            if missing := required - set(entry):
                raise self.fail(where, f"missing key {sorted(missing)[0]!r}")
            found.append((where, entry))
        return found

    def words(self, key: str) -> frozenset[str]:
        value = self.data.get("words", {}).get(key, [])
        if not isinstance(value, list):
            raise self.fail(f"[words] {key}", "expected a list of words")
        return frozenset(value)

    def word_categories(self, key: str) -> dict[str, frozenset[str]]:
        return {
            word: self.categories(f"[words] {key}.{word}", cats)
            for word, cats in self.data.get("words", {}).get(key, {}).items()
        }

    def section_regex(self, section: str, key: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
        if key not in self.data.get(section, {}):
            raise self.fail(f"[{section}]", f"missing key {key!r}")
        return self.regex(f"[{section}] {key}", self.data[section][key], flags)

    def optional_regex(
        self, section: str, key: str, flags: int = re.IGNORECASE
    ) -> re.Pattern[str] | None:
        """`section_regex`, or None where the table leaves the key out."""
        if key not in self.data.get(section, {}):
            return None
        return self.section_regex(section, key, flags)

    def strings(self, section: str, key: str) -> list[str]:
        """The required list of non-empty strings at `key` of `section`."""
        value = self.data.get(section, {})
        items = value.get(key) if isinstance(value, dict) else None
        if not isinstance(items, list) or not all(isinstance(i, str) and i for i in items):
            raise self.fail(f"[{section}] {key}", "expected a list of non-empty strings")
        return items
