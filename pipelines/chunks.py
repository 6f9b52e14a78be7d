"""Long texts (over spaCy's ``nlp.max_length`` among others): parsed in chunks, joined in a Doc.

A long text is cut at paragraph breaks (else after a sentence, else at a space) into chunks of
at most CHUNK_CHARACTERS, whose concatenation is the text, so that memory stays bounded whatever
the length. The chunks' Docs are joined with ``Doc.from_docs``: the joined Doc's character
offsets (tokens, sentences, ``doc.spans``) are those of the whole text, and everything after
the pipeline (dates, linking, relations) sees one document. Cuts fall between paragraphs
wherever paragraphs are short enough: a sentence or a name that a cut splits is split, and the
whitespace before a cut may become a sentence of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

#: Longest text parsed in one piece (at most ``nlp.max_length``): spaCy's parser and NER need
#: about 330 MB of memory per 100,000 characters with the small English model.
CHUNK_CHARACTERS = 100_000

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

    A text over CHUNK_CHARACTERS (or ``nlp.max_length``) is cut (`split`); its chunks are parsed
    one at a time, in this process, and joined.
    """
    limit = min(CHUNK_CHARACTERS, nlp.max_length)
    texts = list(texts)
    short = iter(nlp.pipe([text for text in texts if len(text) <= limit], **options))
    for text in texts:
        yield next(short) if len(text) <= limit else _joined(nlp, split(text, limit))


def _joined(nlp: Language, chunks: list[str]) -> Doc:
    """One Doc of the chunks of a text, parsed one after the other."""
    docs = []
    for doc in nlp.pipe(chunks, batch_size=1):
        doc.tensor = doc.tensor[:0].copy()  # left out of the joined Doc: freed now
        docs.append(doc)
    return Doc.from_docs(  # type: ignore[call-arg]  # the stub lacks "exclude"
        docs, ensure_whitespace=False, exclude=["tensor"]
    )
