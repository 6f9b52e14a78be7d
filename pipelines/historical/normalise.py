"""The text the models see, and the map of its offsets back to the original.

Historical and OCR'd texts are written in ways the models were not trained on. Before the
pipeline reads a text it is normalised, by table-driven regular expressions and
``str.translate`` (a text without anything to change costs a few scans):

- characters of the language's table are replaced: long s (ſ → s), ligatures (ﬁ → fi, Dutch
  ĳ → ij); letters of the spelling (œ, æ) are kept;
- a word hyphenated at a line end is joined ("verzets-\\nstrijder" → "verzetsstrijder",
  "résis-\\ntance" → "résistance"); the hyphen stays when the next line starts with a
  capitalised word ("Saint-\\nGilles" → "Saint-Gilles") or the part before is in the table's
  ``keep`` list; a soft hyphen (U+00AD) is dropped wherever it is;
- an ALL-CAPS run of at least ``caps_run_words`` words (configuration) is recased: common words
  in lower case, others capitalised, acronyms of the authority records kept
  ("JEAN DUPONT ARRETE A LIEGE STOP" → "Jean Dupont arrete a Liege stop").

Recasing and one-character replacements keep every offset; joins and longer replacements are
recorded as edits, from which `Normalised.start`/`end` map an offset of the normalised text to
the original: every recorded offset points into the original text, and a record's surface text
is the original's (``text[start:end]``, e.g. "verzets-\\nstrijder").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from functools import cache, partial

from remembrance.pipelines.config import DEFAULT_CONFIG
from remembrance.pipelines.historical.tables import (
    HistoricalTable,
    folded,
    load_historical,
    spellings,
)
from remembrance.pipelines.offsets import remapped
from remembrance.pipelines.records import Document, Extraction

UPPER = "A-ZÀ-ÖØ-ÞŒŸĲ"
_LOWER_WORD = re.compile(r"\b[a-zß-öø-ÿœĳ]{2,}\b")
_UPPER_WORD = re.compile(f"[{UPPER}]+")
_ROMAN = re.compile("M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
NO_LETTER = r"(?![^\W\d_])"
#: Hyphens that may cut a word at a line end (hyphen-minus, hyphen, not sign and double oblique
#: hyphen of Fraktur prints as OCR reads them, soft hyphen).
HYPHENS = "-‐¬⸗\u00ad"


@dataclass(frozen=True, slots=True)
class Normalised:
    """A normalised text and its edits: the edit i replaced ``original[old_starts[i]:
    old_ends[i]]`` by ``text[new_starts[i]:new_ends[i]]`` (sorted, disjoint)."""

    text: str
    new_starts: list[int] = field(default_factory=list)
    new_ends: list[int] = field(default_factory=list)
    old_starts: list[int] = field(default_factory=list)
    old_ends: list[int] = field(default_factory=list)

    @property
    def shifted(self) -> bool:
        """Whether some offset differs between the normalised text and the original."""
        return bool(self.new_starts)

    def start(self, position: int) -> int:
        """The original offset of a start: inside a replacement, the replaced text's start;
        after a dropped hyphen, the next character."""
        i = bisect_right(self.new_starts, position) - 1
        if i < 0:
            return position
        if position < self.new_ends[i]:
            return self.old_starts[i]
        return position + self.old_ends[i] - self.new_ends[i]

    def end(self, position: int) -> int:
        """The original offset of an end (exclusive): inside a replacement, the replaced text's
        end; before a dropped hyphen, the character before it."""
        i = bisect_left(self.new_starts, position) - 1
        if i < 0:
            return position
        if position < self.new_ends[i]:
            return self.old_ends[i]
        return position + self.old_ends[i] - self.new_ends[i]


@dataclass(frozen=True, slots=True)
class _Patterns:
    """A language's one-character replacements (for str.translate), its longer ones, and the
    patterns of a hyphen at a line end, a soft hyphen, a longer replacement and an ALL-CAPS run
    (each starts with a character class, so that the regular expression engine skips ahead)."""

    same: dict[int, str]
    longer: str
    cut: re.Pattern[str]
    soft: re.Pattern[str]
    characters: re.Pattern[str]
    caps: re.Pattern[str]


@cache
def _patterns(language: str) -> _Patterns:
    table = load_historical(language)
    longer = "".join(k for k, v in table.characters.items() if len(v) != 1)
    word, gap = f"[{UPPER}][{UPPER}]+", r"[\W\d_]+"  # disjoint classes: no backtracking
    words = DEFAULT_CONFIG["caps_run_words"]
    return _Patterns(
        same={ord(k): v for k, v in table.characters.items() if len(v) == 1},
        longer=longer,
        cut=re.compile(rf"[{re.escape(HYPHENS)}](?<=[^\W\d_].)[^\S\n]*\n\s*(?=[^\W\d_])"),
        soft=re.compile("\u00ad"),
        characters=re.compile(f"[{re.escape(longer)}]" if longer else "(?!)"),
        caps=re.compile(word + f"{gap}{word}" * (words - 1) + f"(?:{gap}[{UPPER}]+)*{NO_LETTER}"),
    )


def _joined(match: re.Match[str], text: str, table: HistoricalTable) -> str | None:
    """What replaces a hyphen and line break between two parts of a word; None when they are
    two words ("zee-\nen luchtmacht")."""
    if match.group()[0] == "\u00ad":
        return ""  # a soft hyphen is no hyphen
    after = re.match(r"[^\W\d_]+", text[match.end() : match.end() + 40])
    if after is not None and after.group() in table.conjunctions:
        return None
    before = re.search(r"[^\W\d_]+$", text[max(0, match.start() - 40) : match.start()])
    following = after.group() if after is not None else ""
    capitalised = following[:1].isupper() and following[1:2].islower()
    kept = before is not None and before.group().lower() in table.keep_hyphen
    return "-" if capitalised or kept else ""


def _recased_word(
    word: str, common: Mapping[str, str], keep: Collection[str], table: HistoricalTable
) -> str:
    """A word of an ALL-CAPS run recased (the same length, else as it is): an acronym as it
    is ("SS"), a common word in lower case, a Roman numeral ("PIUS IX") as it is, another word
    capitalised ("IJZER" → "IJzer")."""
    if word in keep:
        return word
    if (spelled := common.get(folded(word))) is not None:
        new = spelled if len(spelled) == len(word) else word.lower()
    elif _ROMAN.fullmatch(word) or word in table.digraphs:
        return word
    else:
        digraphs = (d for d in table.digraphs if word.startswith(d) and len(word) > len(d))
        head = next(digraphs, word[:1])
        new = head + word[len(head) :].lower()
    return new if len(new) == len(word) else word


def _recased(run: str, words: dict[str, str], recase: Callable[[str], str]) -> str:
    """An ALL-CAPS run recased word by word (`words`: the words recased so far), the first word
    of a sentence capitalised."""
    pieces, position = [], 0
    for match in _UPPER_WORD.finditer(run):
        word, gap = match.group(), run[position : match.start()]
        new = words.get(word) or words.setdefault(word, recase(word))
        if not position or any(mark in gap for mark in ".!?:"):
            new = new[:1].upper() + new[1:]
        pieces += [gap, new]
        position = match.end()
    return "".join([*pieces, run[position:]])


def normalise(text: str, language: str, acronyms: Collection[str] = ()) -> Normalised:
    """The text the models see (see the module docstring); `acronyms` stay as written in an
    ALL-CAPS run."""
    table, patterns = load_historical(language), _patterns(language)
    if any(chr(c) in text for c in patterns.same):
        text = text.translate(patterns.same)
    found = [
        (match.start(), match.end(), joined)
        for match in patterns.cut.finditer(text)
        if (joined := _joined(match, text, table)) is not None
    ]
    if "\u00ad" in text:
        found += [(match.start(), match.end(), "") for match in patterns.soft.finditer(text)]
    if any(c in text for c in patterns.longer):
        found += [
            (match.start(), match.end(), table.characters[match.group()])
            for match in patterns.characters.finditer(text)
        ]
    result = Normalised(text)
    pieces, position, shift = [], 0, 0  # shift: new offset minus old, after the last edit
    for start, end, replacement in sorted(found):
        if start < position:  # a soft hyphen at a line end: the cut took it
            continue
        result.new_starts.append(start + shift)
        result.new_ends.append(start + shift + len(replacement))
        result.old_starts.append(start)
        result.old_ends.append(end)
        shift += len(replacement) - (end - start)
        pieces += [text[position:start], replacement]
        position = end
    if pieces:
        text = "".join([*pieces, text[position:]])
    runs = [
        run
        for run in patterns.caps.finditer(text)
        if not (run.start() and text[run.start() - 1].isalpha())  # "McDONALD"
    ]
    if runs:
        common = spellings(table.common | set(_LOWER_WORD.findall(text)))
        recase = partial(_recased_word, common=common, keep=frozenset(acronyms), table=table)
        words: dict[str, str] = {}
        pieces, position = [], 0
        for run in runs:
            pieces += [text[position : run.start()], _recased(run.group(), words, recase)]
            position = run.end()
        text = "".join([*pieces, text[position:]])
    return Normalised(text, result.new_starts, result.new_ends, result.old_starts, result.old_ends)


def for_models(document: Document, acronyms: Collection[str] = ()) -> tuple[Document, Normalised]:
    """The document as the models see it, and its normalisation."""
    normal = normalise(document.text, document.language, acronyms)
    if normal.text == document.text:
        return document, normal
    return replace(document, text=normal.text), normal


def restored(part: Extraction, normal: Normalised, original: Document) -> Extraction:
    """A part extracted from the normalised document, as records of the original (its offsets
    and surface texts)."""
    if part.document is original:
        return part
    return remapped(part, original, normal.start, normal.end, surface=True)
