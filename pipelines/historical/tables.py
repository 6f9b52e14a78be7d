"""The historical-text table of a language (``pipelines/historical/<language>.toml``), read and
checked once; a bad table stops with one line naming the file and the problem."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from pathlib import Path

from remembrance.pipelines.table_reader import language_table

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
    when a word is capitalised ("IJ"); `titles`: titles and ranks, lower case; `particles`: the
    particles of surnames; `articles`: the definite articles of place names;
    `organisation_heads`: head nouns of organisations' names, `folded`."""

    characters: dict[str, str]
    keep_hyphen: frozenset[str]
    conjunctions: frozenset[str]
    common: frozenset[str]
    digraphs: tuple[str, ...]
    titles: tuple[str, ...]
    particles: tuple[str, ...]
    articles: tuple[str, ...]
    organisation_heads: frozenset[str]


@cache
def load_historical(language: str, folder: Path = FOLDER) -> HistoricalTable:
    """The table of `language` (one of remembrance.config.LANGUAGES)."""
    r = language_table(folder, language)
    characters = r.data.get("characters")
    if not isinstance(characters, dict) or not all(
        isinstance(k, str) and len(k) == 1 and isinstance(v, str) for k, v in characters.items()
    ):
        raise r.fail("[characters]", "expected single characters mapped to strings")
    stop_words = import_module(f"spacy.lang.{language}.stop_words").STOP_WORDS
    common = {w.lower() for w in (*stop_words, *r.strings("capitals", "common"))}
    return HistoricalTable(
        characters=characters,
        keep_hyphen=frozenset(w.lower() for w in r.strings("hyphenation", "keep")),
        conjunctions=frozenset(r.strings("hyphenation", "conjunctions")),
        common=frozenset(common),
        digraphs=tuple(r.strings("capitals", "digraphs")),
        titles=tuple(t.lower() for t in r.strings("titles", "titles")),
        particles=tuple(r.strings("names", "particles")),
        articles=tuple(r.strings("names", "articles")),
        organisation_heads=frozenset(folded(w) for w in r.strings("organisations", "heads")),
    )
