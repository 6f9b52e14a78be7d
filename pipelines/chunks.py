"""Texts longer than spaCy's ``nlp.max_length``: parsed in chunks, joined into one Doc.

A long text is cut at paragraph breaks (else after a sentence, else at a space) into chunks of
at most ``nlp.max_length`` characters, whose concatenation is the text.
The chunks go through the pipeline and their Docs are joined with ``Doc.from_docs``, so the
joined Doc's character offsets (tokens, sentences, ``doc.spans``) are those of the whole text
and everything after the pipeline (dates, linking, relations) sees one document. Cuts fall
between paragraphs wherever paragraphs are short enough: a sentence or a name that a cut splits
is split, and the whitespace before a cut may become a sentence of its own.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

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


def pipe_chunked(nlp: Language, texts: Iterable[str], **options: Any) -> Iterator[Doc]:
    """``nlp.pipe(texts, **options)`` for texts of any length: one Doc per text, in order.

    Texts over ``nlp.max_length`` go through the pipeline in chunks (`split`) joined again.
    """
    counts: deque[int] = deque()  # chunks per text, appended as nlp.pipe reads the chunks

    def chunks() -> Iterator[str]:
        for text in texts:
            parts = split(text, nlp.max_length)
            counts.append(len(parts))
            yield from parts

    docs = iter(nlp.pipe(chunks(), **options))
    for first in docs:
        count = counts.popleft()
        if count == 1:
            yield first
        else:
            parts = [first, *islice(docs, count - 1)]
            yield Doc.from_docs(  # type: ignore[call-arg]  # the stub lacks "exclude"
                parts, ensure_whitespace=False, exclude=["tensor"]
            )
