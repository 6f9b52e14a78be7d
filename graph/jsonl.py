"""The JSONL output contract of ``remembrance extract --format jsonl`` (see DESIGN.md)."""

from __future__ import annotations

from typing import Any

from remembrance.graph.rdf import occurrence_triples
from remembrance.iris import document_iri, entity_iri
from remembrance.ontology.namespace import REM
from remembrance.pipelines.records import Extraction


def extraction_record(extraction: Extraction) -> dict[str, Any]:
    """One JSON object for one document."""
    document = extraction.document
    return {
        "document": document.path,
        "iri": str(document_iri(document.content_hash)),
        "language": document.language,
        "language_confidence": document.language_confidence,
        "entities": [
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
            }
            for item in extraction.mentions
        ],
        "dates": [
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
        "relations": [
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
        ]
        + [  # reported events are subjects like entities: their type, participants, time-span
            {
                "subject": str(subject),
                "predicate": str(predicate),
                "object": str(obj),
                "start": occurrence.start,
                "end": occurrence.end,
                "confidence": occurrence.confidence,
            }
            for occurrence in extraction.occurrences
            for subject, predicate, obj in occurrence_triples(document.content_hash, occurrence)
        ],
    }
