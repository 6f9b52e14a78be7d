"""Long texts: cut into chunks at paragraph, sentence or word boundaries, analysed chunk by chunk,
with every offset into the whole text (a small ``chunk_characters`` through the configuration)."""

import io
import json
from collections.abc import Iterator
from typing import Any

import pytest

from remembrance.graph.jsonl import extraction_record, write_record
from remembrance.pipelines.chunks import split
from remembrance.pipelines.config import DEFAULT_CONFIG
from remembrance.pipelines.extract import extract, extract_parts
from remembrance.pipelines.records import Document, Extraction

TEXT = "One two. Three four!\n\nFive six seven. Eight\n\n\nnine ten eleven twelve."


def test_split_prefers_paragraphs_then_sentences_then_spaces() -> None:
    assert split(TEXT, 100) == [TEXT]
    assert split(TEXT, 40) == ["One two. Three four!\n\n", "Five six seven. Eight\n\n\n", TEXT[46:]]
    assert split(TEXT, 20)[:3] == ["One two. ", "Three four!\n\n", "Five six seven. "]
    assert split("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]
    for limit in range(1, 80):
        chunks = split(TEXT, limit)
        assert "".join(chunks) == TEXT and all(0 < len(c) <= limit for c in chunks)


PARAGRAPHS = {
    "en": [
        "Belgium was invaded on 10 May 1940. Walthère Dewé founded the Clarence network in Liège.",
        "Andrée de Jongh founded the Comet Line in Brussels in 1941.",
        "On 28 May the army capitulated. Fort Breendonk became a national memorial in 1947.",
        # longer than a chunk: cut after a sentence
        "The archive kept the letters for years in a box on the shelf of the reading room. " * 5
        + "Jean Franklemon was deported to Sachsenhausen.",
        "Edith Cavell was executed at the Tir national in Schaerbeek on 12 October 1915.",
    ],
    "nl": [
        "Walthère Dewé werd geboren in Luik op 27 april 1880.",
        "Jean Franklemon werd gedeporteerd naar Sachsenhausen. Op 3 september 1944 werd Brussel "
        "bevrijd.",
        "Het archief bewaarde de brieven jarenlang in een doos op de plank van de leeszaal. " * 5
        + "Op 8 mei werd Fort Breendonk bezocht.",
    ],
}


def _records(extraction: Extraction) -> dict[str, list[tuple[Any, ...]]]:
    """The records to compare; sentences without the whitespace around them (which a cut may
    give to another sentence)."""
    text = extraction.document.text

    def trim(span: tuple[int, int]) -> tuple[int, int]:
        sentence = text[span[0] : span[1]]
        return span[0] + len(sentence) - len(sentence.lstrip()), span[0] + len(sentence.rstrip())

    return {
        "mentions": [
            (m.mention.text, m.mention.start, m.mention.end, m.entity.id)
            for m in extraction.mentions
        ],
        "dates": [(d.text, d.start, d.end, d.value) for d in extraction.dates],
        "statements": sorted(  # each extractor lists its own in text order
            (s.start, s.end, s.subject, s.predicate, str(s.object), trim(s.sentence), s.date)
            for s in extraction.statements
        ),
        "occurrences": [
            (o.start, o.end, o.frame, o.participant, o.arguments, trim(o.sentence), o.date)
            for o in extraction.occurrences
        ],
    }


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    monkeypatch.setitem(DEFAULT_CONFIG, "chunk_characters", 300)
    yield 300


@pytest.mark.parametrize("language", ["en", "nl"])
def test_offsets_stay_right_across_chunk_boundaries(language: str, small_chunks: int) -> None:
    paragraphs = PARAGRAPHS[language]
    text = "\n\n".join(paragraphs * 3)
    document = Document("long.txt", text, language)
    parts = list(next(extract_parts([document])))
    assert len(parts) >= len(text) // small_chunks
    chunked = next(extract([document]))
    for item in chunked.mentions:
        mention = item.mention
        assert text[mention.start : mention.end] == mention.text
        assert mention.sentence[0] <= mention.start < mention.end <= mention.sentence[1]
    for date in chunked.dates:
        assert text[date.start : date.end] == date.text
    for statement in chunked.statements:
        assert statement.sentence[0] <= statement.start < statement.end <= statement.sentence[1]
        assert statement.date is None or statement.date in chunked.dates
    assert [s[0] for s in chunked.sentences] == sorted(s[0] for s in chunked.sentences)
    assert chunked.sentences[-1][1] <= len(text)
    # the same records as the whole text analysed at once, dates included: a year carries
    # across a cut ("On 28 May" → 1940-05-28)
    DEFAULT_CONFIG["chunk_characters"] = len(text)
    whole = next(extract([document]))
    assert _records(chunked) == _records(whole)
    assert any(d.value == "1940-05-28" for d in chunked.dates) or language == "nl"
    assert chunked.occurrences and chunked.statements


def test_a_long_text_is_written_part_by_part_as_one_json_line(small_chunks: int) -> None:
    text = "\n\n".join(PARAGRAPHS["en"] * 2)
    document = Document("long.txt", text, "en")
    out = io.StringIO()
    write_record(next(extract_parts([document])), out)
    expected = json.dumps(extraction_record(next(extract([document]))), ensure_ascii=False)
    assert out.getvalue() == expected + "\n"
    record = json.loads(out.getvalue())
    assert len(record["entities"]) > 10 and len(record["relations"]) > 3
