"""The JSONL output contract of ``remembrance extract --format jsonl`` (see DESIGN.md)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from contextlib import ExitStack
from itertools import chain, groupby
from shutil import copyfileobj
from tempfile import TemporaryFile
from typing import Any, TextIO

from remembrance.graph.rdf import occurrence_triples
from remembrance.iris import document_iri, entity_iri
from remembrance.ontology.namespace import REM
from remembrance.pipelines.records import Document, Extraction


def extraction_record(extraction: Extraction) -> dict[str, Any]:
    """One JSON object for one document."""
    digest = extraction.document.content_hash
    record = _document_fields(extraction.document, digest)
    for key, items in _sections(extraction, digest):
        record.setdefault(key, []).extend(items)
    return record


def write_record(parts: Iterable[Extraction], out: TextIO) -> None:
    """One document's JSON line, from its Extraction in parts (`extract_parts`): the same line
    as ``json.dumps(extraction_record(merged parts), ensure_ascii=False)``, in memory bounded by
    a part, since the found records of each part go to temporary files until the last part."""
    iterator = iter(parts)
    first = next(iterator)
    second = next(iterator, None)
    if second is None:  # one part: nothing to spool
        out.write(json.dumps(extraction_record(first), ensure_ascii=False) + "\n")
        return
    digest = first.document.content_hash
    keys = [key for key, _ in _sections(Extraction(first.document), digest)]
    with ExitStack() as stack:
        spools = [stack.enter_context(TemporaryFile("w+", encoding="utf-8")) for _ in keys]
        for part in chain([first, second], iterator):
            for spool, (_, items) in zip(spools, _sections(part, digest), strict=True):
                for item in items:
                    if spool.tell():
                        spool.write(", ")
                    spool.write(json.dumps(item, ensure_ascii=False))
        out.write(json.dumps(_document_fields(first.document, digest), ensure_ascii=False)[:-1])
        for key, sections in groupby(zip(keys, spools, strict=True), key=lambda pair: pair[0]):
            out.write(f", {json.dumps(key)}: [")
            separator = ""
            for _, spool in sections:
                if spool.tell():
                    out.write(separator)
                    spool.seek(0)
                    copyfileobj(spool, out)
                    separator = ", "
            out.write("]")
        out.write("}\n")


def _document_fields(document: Document, digest: str) -> dict[str, Any]:
    return {
        "document": document.path,
        "iri": str(document_iri(digest)),
        "language": document.language,
        "language_confidence": document.language_confidence,
    }


def _sections(extraction: Extraction, digest: str) -> list[tuple[str, list[Any]]]:
    """The found records under their keys, in order (relations: statements, then events)."""
    return [
        (
            "entities",
            [
                {
                    "text": item.mention.text,
                    "start": item.mention.start,
                    "end": item.mention.end,
                    "category": item.entity.category,
                    "class": str(getattr(REM, item.entity.class_name)),
                    "id": str(entity_iri(item.entity.id)),
                    "label": item.entity.label,
                    "wikidata": item.entity.wikidata,
                    "source": item.mention.source,
                    "confidence": round(item.confidence, 3),
                    "ambiguous": [str(entity_iri(record)) for record in item.ambiguous],
                    "title": item.mention.title,
                }
                for item in extraction.mentions
            ],
        ),
        (
            "dates",
            [
                {
                    "text": date.text,
                    "start": date.start,
                    "end": date.end,
                    "value": date.value,
                    "earliest": date.earliest.isoformat() if date.earliest else None,
                    "latest": date.latest.isoformat() if date.latest else None,
                }
                for date in extraction.dates
            ],
        ),
        (
            "relations",
            [
                {
                    "subject": str(entity_iri(statement.subject)),
                    "predicate": str(getattr(REM, statement.predicate)),
                    "object": str(entity_iri(str(statement.object)))
                    if statement.object_is_entity
                    else statement.object,
                    "start": statement.start,
                    "end": statement.end,
                    "confidence": statement.confidence,
                }
                for statement in extraction.statements
            ],
        ),
        (
            "relations",
            [  # reported events are subjects like entities: their type, participants, time-span
                {
                    "subject": str(subject),
                    "predicate": str(predicate),
                    "object": str(obj),
                    "start": occurrence.start,
                    "end": occurrence.end,
                    "confidence": occurrence.confidence,
                }
                for occurrence in extraction.occurrences
                for subject, predicate, obj in occurrence_triples(digest, occurrence)
            ],
        ),
    ]
