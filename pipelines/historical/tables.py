"""The historical-text table of a language (``pipelines/historical/<language>.toml``), read and
checked once; a bad table stops with one line naming the file and the problem."""

from __future__ import annotations

import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from pathlib import Path

from remembrance.config import LANGUAGES
from remembrance.pipelines.frames.tables import TableError

FOLDER = Path(__file__).parent


def folded(word: str) -> str:
    """A word in lower case without accents (telegrams drop them: "ARRETE" is "arrêté")."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def spellings(words: Iterable[str]) -> dict[str, str]:
    """Folded word → its spelling among `words` (lower case), or the folded word itself when
    two spellings fold alike ("a", "à")."""
    found: dict[str, str] = {}
    for word in words:
        key = folded(word)
        found[key] = word if found.get(key, word) == word else key
    return found


@dataclass(frozen=True, slots=True)
class HistoricalTable:
    """`characters`: replacements before the models read the text; `keep_hyphen`: the words
    whose hyphen stays when they are cut at a line end; `conjunctions`: the words after a
    line end that leave a hyphen before it as it is; `common`: folded words lower-cased in an
    ALL-CAPS run (the table's and spaCy's stop words); `digraphs`: capitals that stay together
    when a word is capitalised ("IJ"); `titles`: titles and ranks, lower case."""

    characters: dict[str, str]
    keep_hyphen: frozenset[str]
    conjunctions: frozenset[str]
    common: frozenset[str]
    digraphs: tuple[str, ...]
    titles: tuple[str, ...]


def _strings(path: Path, data: dict[str, object], section: str, key: str) -> list[str]:
    value = data.get(section, {})
    items = value.get(key) if isinstance(value, dict) else None
    if not isinstance(items, list) or not all(isinstance(i, str) and i for i in items):
        raise TableError(f"{path}: [{section}] {key} must be a list of non-empty strings")
    return items


@cache
def load_historical(language: str) -> HistoricalTable:
    """The table of `language` (one of remembrance.config.LANGUAGES)."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}; choose one of {', '.join(LANGUAGES)}")
    path = FOLDER / f"{language}.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise TableError(f"{path}: {error}") from None
    characters = data.get("characters")
    if not isinstance(characters, dict) or not all(
        isinstance(k, str) and len(k) == 1 and isinstance(v, str) for k, v in characters.items()
    ):
        raise TableError(f"{path}: [characters] must map single characters to strings")
    stop_words = import_module(f"spacy.lang.{language}.stop_words").STOP_WORDS
    common = {w.lower() for w in (*stop_words, *_strings(path, data, "capitals", "common"))}
    return HistoricalTable(
        characters=characters,
        keep_hyphen=frozenset(w.lower() for w in _strings(path, data, "hyphenation", "keep")),
        conjunctions=frozenset(_strings(path, data, "hyphenation", "conjunctions")),
        common=frozenset(common),
        digraphs=tuple(_strings(path, data, "capitals", "digraphs")),
        titles=tuple(t.lower() for t in _strings(path, data, "titles", "titles")),
    )
