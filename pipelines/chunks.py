"""Long texts: analysed chunk by chunk, so that memory stays flat whatever the length.

A text longer than ``chunk_characters`` (configuration; at most spaCy's ``nlp.max_length``) is
cut at paragraph breaks (else after a sentence, else at a space) into chunks whose concatenation
is the text (`split`). Each chunk goes through spaCy and the analysis on its own, and its records
are moved to the offsets of the whole text (`shifted`); its Doc is dropped before the next chunk
is parsed. The year of the last month-precise date carries from chunk to chunk (as in the whole
text: "On 10 May 1940 … On 28 May" → 1940-05-28). Linking and pronouns see one chunk at a time;
a sentence, a name or a date that a cut splits is split (cuts fall between paragraphs wherever
paragraphs are short enough), and the whitespace before a cut may become a sentence of its own.
"""

from __future__ import annotations

import re

from remembrance.pipelines.offsets import remapped
from remembrance.pipelines.records import Document, Extraction

#: Where a chunk may end, best first: after a blank line, a sentence's final punctuation, a space
#: (with the whitespace that follows, which spaCy's parsers attach to the sentence before).
BOUNDARIES = (
    re.compile(r"\n[^\S\n]*\n\s*"),
    re.compile(r"[.!?…][\"'»”’)\]]*\s+"),
    re.compile(r"\s+"),
)


def _cut(window: str, limit: int) -> int:
    """Where to end a chunk of at most `limit` characters of a text starting with `window`."""
    for boundary in BOUNDARIES:
        ends = [end for match in boundary.finditer(window) if (end := match.end()) <= limit]
        if ends:
            return ends[-1]
    return limit


def split(text: str, limit: int) -> list[str]:
    """`text` in chunks of at most `limit` characters, each cut at its best boundary."""
    chunks = []
    start = 0
    while len(text) - start > limit:
        end = start + _cut(text[start : start + limit + 1], limit)
        chunks.append(text[start:end])
        start = end
    chunks.append(text[start:])
    return chunks


def shifted(part: Extraction, offset: int, document: Document) -> Extraction:
    """The Extraction of a chunk starting at `offset`, as records of the whole `document`."""

    def moved(position: int) -> int:
        return position + offset

    return remapped(part, document, moved, moved)
