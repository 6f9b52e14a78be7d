"""Read texts and their metadata into Documents, with one-line errors for bad input.

Each ``NAME.txt`` may have a ``NAME.json`` beside it:
``{"title", "language", "published" (YYYY, YYYY-MM or YYYY-MM-DD), "sources", "genre"}``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from remembrance.config import LANGUAGES
from remembrance.pipelines.config import DEFAULT_CONFIG
from remembrance.pipelines.errors import InputError
from remembrance.pipelines.language import identify_language
from remembrance.pipelines.records import Document, Failure

TEXT_SUFFIXES = (".txt",)

#: Largest text file accepted, in bytes. Long texts are parsed in chunks (see chunks.py); a larger
#: file is refused with a one-line error naming it: split it into several files (e.g. by chapter).
MAX_BYTES = 20_000_000


def collect_paths(paths: Iterable[Path]) -> list[Path]:
    """Expand folders to their text files (recursively, sorted).

    A missing path, or a folder without texts, stays in the list as it is: reading it fails
    with a one-line error for that path alone (`read_each`).
    """
    result: list[Path] = []
    for path in paths:
        texts = (
            sorted(p for p in path.rglob("*") if p.suffix in TEXT_SUFFIXES and p.is_file())
            if path.is_dir()
            else []
        )
        result.extend(texts or [path])
    return result


def _parse_published(value: object, meta_path: Path) -> date | None:
    if value is None:
        return None
    parts = str(value).split("-")
    try:
        numbers = [int(part) for part in parts]
        return date(numbers[0], *(numbers[1:] or [1]), *([1] if len(numbers) < 3 else []))
    except (ValueError, TypeError):
        raise InputError(
            f"{meta_path}: 'published' must be YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}"
        ) from None


def read_metadata(text_path: Path) -> dict[str, object]:
    meta_path = text_path.with_suffix(".json")
    if not meta_path.exists():
        return {}
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"{meta_path}: malformed metadata: {error}") from None
    if not isinstance(meta, dict):
        raise InputError(f"{meta_path}: malformed metadata: expected a JSON object")
    return meta


def read_text(path: Path) -> str:
    if path.is_dir():
        suffixes = ", ".join(f"*{suffix}" for suffix in TEXT_SUFFIXES)
        raise InputError(f"{path}: no texts found in this folder (looked for {suffixes})")
    if not path.exists():
        raise InputError(f"{path}: no such file or directory")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                f"{path}: too large ({size:,} bytes); the limit is {MAX_BYTES:,} bytes per "
                "document, split it into smaller files"
            )
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror}") from None
    if not data.strip():
        raise InputError(f"{path}: empty file")
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: binary file, expected UTF-8 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{path}: not valid UTF-8 (byte {error.start}); "
            "convert it, e.g. iconv -f latin1 -t utf-8"
        ) from None
    return text


def _language(path: Path, text: str, meta: dict[str, object]) -> tuple[object, float | None]:
    """The metadata's language (confidence None), else the identified one with its confidence;
    below the configured floor the text is refused."""
    if meta.get("language"):
        return meta["language"], None
    language, confidence = identify_language(text)
    floor = DEFAULT_CONFIG["language_confidence_floor"]
    if confidence < floor:
        raise InputError(
            f"{path}: cannot tell the language (best guess {language!r} with confidence "
            f'{confidence:.2f}, below {floor}); set "language" ({", ".join(LANGUAGES)}) '
            f"in {path.with_suffix('.json').name}"
        )
    return language, confidence


def read_document(path: Path, shown_as: str | None = None) -> Document:
    """One Document; `shown_as` is the path as the user gave it (kept in the output)."""
    text = read_text(path)
    meta = read_metadata(path)
    meta_path = path.with_suffix(".json")
    language, confidence = _language(path, text, meta)
    if language not in LANGUAGES:
        raise InputError(f"{meta_path}: language {language!r} is not one of {', '.join(LANGUAGES)}")
    sources = meta.get("sources") or ()
    if not isinstance(sources, list | tuple):
        raise InputError(f"{meta_path}: 'sources' must be a list")
    return Document(
        path=shown_as or str(path),
        text=text,
        language=str(language),
        language_confidence=confidence,
        title=str(meta["title"]) if meta.get("title") else None,
        published=_parse_published(meta.get("published"), meta_path),
        sources=tuple(str(s) for s in sources),
        genre=str(meta["genre"]) if meta.get("genre") else None,
    )


def read_documents(paths: Iterable[Path]) -> Iterator[Document]:
    """Documents from files and folders, in a stable order; the first bad one raises."""
    for path in collect_paths(paths):
        yield read_document(path)


def read_each(paths: Iterable[Path]) -> Iterator[Document | Failure]:
    """Documents from files and folders, in a stable order; a bad one becomes a Failure."""
    for path in collect_paths(paths):
        try:
            yield read_document(path)
        except InputError as error:
            yield Failure.of(str(path), error)
