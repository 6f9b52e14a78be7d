"""Training data readers, silver labels, the manifest check, outside-split scoring, and a smoke
training of the Dutch pipeline on our own data (tests/gold/dev and a hand-made treebank)."""

import shutil
from pathlib import Path

import pytest
import spacy
from spacy.vocab import Vocab

from remembrance.pipelines.errors import InputError
from remembrance.pipelines.outside import read_split, score, split_language
from remembrance.pipelines.training.corpora import iob1_to_iob2, read_columns, read_conllu
from remembrance.pipelines.training.manifest import load_manifest, verified
from remembrance.pipelines.training.silver import NameLists, label_treebank
from remembrance.train import main as train_main
from tests.clitools import one_line_error, run_cli

HERE = Path(__file__).parent
SAMPLE = HERE / "training" / "nl-sample.conllu"
COLUMNS = (
    "Generaal\tO\nLeman\tI-PER\nverdedigde\tO\nLuik\tI-LOC\n\nDe\tO\nWitte\tI-ORG\nBrigade\tI-ORG\n"
)


def test_iob1_becomes_iob2() -> None:
    tags = ["I-PER", "I-PER", "B-PER", "O", "I-LOC", "I-ORG"]
    assert iob1_to_iob2(tags) == ["B-PER", "I-PER", "B-PER", "O", "B-LOC", "B-ORG"]


def test_column_files_become_docs_with_entities(tmp_path: Path) -> None:
    path = tmp_path / "ner.txt"
    path.write_text(COLUMNS, encoding="utf-8")
    docs = read_columns(Vocab(), path)
    assert [[(e.text, e.label_) for e in d.ents] for d in docs] == [
        [("Leman", "PER"), ("Luik", "LOC")],
        [("Witte Brigade", "ORG")],
    ]


def test_outside_split_offsets_and_scores(tmp_path: Path) -> None:
    path = tmp_path / "test.txt"
    path.write_text(COLUMNS, encoding="utf-8")
    (document,) = read_split(path)
    assert document.text == "Generaal Leman verdedigde Luik\nDe Witte Brigade"
    found = [(document.text[s:e], c) for s, e, c in document.entities]
    assert found == [("Leman", "Person"), ("Luik", "Place"), ("Witte Brigade", "Group")]
    gold = document.entities
    predicted = [(0, 14, "Person"), (26, 30, "Place"), (34, 39, "Place")]  # "Generaal Leman"
    scores = score([gold], [predicted])
    assert (scores.strict["overall"].tp, scores.fuzzy["overall"].tp) == (1, 2)
    assert scores.fuzzy["overall"].predicted == 3 and scores.fuzzy["overall"].gold == 3
    assert scores.fuzzy["Group"].recall == 0.0


def test_an_unknown_outside_split_is_one_line_listing_the_splits() -> None:
    with pytest.raises(ValueError, match="icdar-nl-test"):
        split_language("conll2002")
    one_line_error(run_cli("evaluate", "--outside", "nope"), "nope", "icdar-nl-test")


def test_french_has_an_outside_split_held_out_from_its_training_files() -> None:
    assert split_language("icdar-fr-test") == "fr"
    files = load_manifest("fr")
    assert {f.licence for f in files} == {"CC0-1.0"}
    tests = [f for f in files if f.role == "ner-test"]
    assert [f.path for f in tests] == ["data/fr/test.txt"]
    assert tests[0].sha256 not in {f.sha256 for f in files if f.role != "ner-test"}


def test_the_manifest_checks_every_file(tmp_path: Path) -> None:
    files = load_manifest("nl")
    assert {f.licence for f in files} <= {"CC0-1.0", "CC-BY-SA-4.0"}
    with pytest.raises(InputError, match="missing; it is .* of github.com/"):
        verified(tmp_path, files)
    (tmp_path / files[0].name).write_text("not the file\n", encoding="utf-8")
    with pytest.raises(InputError, match="sha256 differs"):
        verified(tmp_path, files[:1])
    result = run_cli("evaluate", "--outside", "icdar-nl-test", "--data", str(tmp_path))
    one_line_error(result, "icdar-nl-test.txt", "missing", "github.com/stefan-it/")


def test_treebank_names_get_silver_types() -> None:
    docs = read_conllu(Vocab(), SAMPLE)
    lists = NameLists(names={"gent": "LOC"}, given_names={"Jan"}, organisation_words={"leger"})
    labelled = [label_treebank(doc, lists) for doc in docs]
    assert [(e.text, e.label_) for e in labelled[0].ents] == [
        ("Jan Peeters", "PER"),
        ("Gent", "LOC"),
    ]
    assert [(e.text, e.label_) for e in labelled[4].ents] == [("Geheim Leger", "ORG")]
    mechelen = labelled[2]  # a name no list knows: unknown, not outside
    assert [t.ent_iob_ for t in mechelen] == ["O", "O", "O", "O", "", "O"]
    assert lists.sources == {"given name": 1, "names": 1, "organisation words": 1, "unknown": 2}


@pytest.mark.slow
def test_a_smoke_training_gives_a_pipeline_that_loads_and_tags(tmp_path: Path) -> None:
    sample = tmp_path / "sample"
    sample.mkdir()
    shutil.copy(SAMPLE, sample)
    for path in (HERE / "gold" / "dev").glob("nl-*"):
        shutil.copy(path, sample)
    output = tmp_path / "model"
    args = ["nl", "--sample", str(sample), "--output", str(output), "--max-steps", "4"]
    assert train_main([*args, "--work", str(tmp_path / "work")]) == 0
    nlp = spacy.load(output)
    assert nlp.pipe_names == ["tok2vec", "morphologizer", "parser", "ner"]
    assert nlp.meta["name"] == "remembrance_nl"
    assert set(nlp.get_pipe("ner").labels) == {"PER", "ORG", "LOC"}
    doc = nlp("Lt. Janssens woonde in Gent.")
    assert doc[0].text == "Lt."  # a title's abbreviation stays one token
    assert all(token.pos_ for token in doc)
    assert doc.has_annotation("DEP")


@pytest.mark.slow
def test_the_shipped_dutch_model_finds_places_the_records_do_not_know() -> None:
    from remembrance.pipelines.extract import extract, load_nlp
    from remembrance.pipelines.records import Document

    assert {"parser", "ner", "morphologizer"} <= set(load_nlp("nl").pipe_names)
    text = (
        "Onderwijzer Remi Vandamme uit Zwevegem sloot zich in 1942 aan bij het "
        "Onafhankelijkheidsfront.\nHij werd in Tielt aangehouden door de Sicherheitspolizei."
    )
    (extraction,) = extract([Document("nl.txt", text, "nl")])
    found = {(m.mention.text, m.entity.category, m.mention.source) for m in extraction.mentions}
    assert {("Zwevegem", "Place", "ner"), ("Tielt", "Place", "ner")} <= found
    assert ("Onafhankelijkheidsfront", "Group", "gazetteer") in found
