"""Language identification: py3langid over en/fr/nl, the metadata winning, the confidence kept
on the document (record, RDF, JSONL), and a one-line refusal below the configured floor."""

import json
from pathlib import Path

import pytest
from clitools import document_error, run_cli
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from remembrance.graph.jsonl import extraction_record
from remembrance.graph.rdf import document_graph
from remembrance.graph.validate import validate
from remembrance.iris import document_iri
from remembrance.ontology.namespace import REM
from remembrance.pipelines.config import DEFAULT_CONFIG
from remembrance.pipelines.errors import InputError
from remembrance.pipelines.reader import read_document
from remembrance.pipelines.records import Extraction

PLAIN = {  # refused by the hand-written stop-word vote this replaced ("cannot tell the language")
    "en": "Fort Breendonk became a national memorial in 1947.",
    "fr": "Arrêté à Namur en mars 1943, Louis Delrue mourut à Buchenwald. Sa femme, Marie "
    "Delrue, survécut à sa déportation à Ravensbrück.",
    "nl": "Het Fort van Breendonk werd in 1947 een nationaal gedenkteken.",
}


def write(folder: Path, name: str, text: str, meta: dict[str, str] | None = None) -> Path:
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    if meta is not None:
        path.with_suffix(".json").write_text(json.dumps(meta), encoding="utf-8")
    return path


@pytest.mark.parametrize("language", sorted(PLAIN))
def test_plain_sentences_are_identified(tmp_path: Path, language: str) -> None:
    document = read_document(write(tmp_path, language, PLAIN[language]))
    assert document.language == language
    assert document.language_confidence is not None
    assert DEFAULT_CONFIG["language_confidence_floor"] <= document.language_confidence <= 1


def test_the_metadata_wins(tmp_path: Path) -> None:
    document = read_document(write(tmp_path, "fr", PLAIN["fr"], {"language": "nl"}))
    assert (document.language, document.language_confidence) == ("nl", None)


def test_the_confidence_is_on_the_document_node_and_in_the_jsonl(tmp_path: Path) -> None:
    document = read_document(write(tmp_path, "en", PLAIN["en"]))
    confidence = document.language_confidence
    extraction = Extraction(document)
    node = URIRef(str(document_iri(document.content_hash)))
    _, graph = document_graph(extraction)
    assert list(graph.objects(node, REM.languageConfidence)) == [
        Literal(str(confidence), datatype=XSD.decimal)
    ]
    assert validate(graph).conforms
    graph.set((node, REM.languageConfidence, Literal("1.5", datatype=XSD.decimal)))
    (violation,) = validate(graph).violations
    assert violation.path == "rem:languageConfidence"
    record = extraction_record(extraction)
    assert (record["language"], record["language_confidence"]) == ("en", confidence)
    given = Extraction(read_document(write(tmp_path, "given", PLAIN["en"], {"language": "en"})))
    assert list(document_graph(given)[1].objects(None, REM.languageConfidence)) == []


@pytest.mark.parametrize("text", ["Bastogne, 1944.", "1940-1945 !!!", "Jean Dupont"])
def test_below_the_floor_the_text_is_refused_in_one_line(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, "short", text)
    with pytest.raises(InputError) as raised:
        read_document(path)
    message = str(raised.value)
    assert "\n" not in message and str(path) in message
    assert "cannot tell the language" in message and '"language"' in message
    document_error(run_cli("extract", str(path)), str(path), "cannot tell the language")
