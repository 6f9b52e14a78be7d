"""Training data readers, silver labels, the manifest check, outside-split scoring, and a smoke
training of the Dutch pipeline on our own data (tests/gold/dev and a hand-made treebank)."""

import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
import spacy
from spacy.vocab import Vocab

from remembrance.pipelines.errors import InputError
from remembrance.pipelines.outside import read_split, score, split_language
from remembrance.pipelines.training.corpora import (
    documents,
    iob1_to_iob2,
    read_columns,
    read_conllu,
)
from remembrance.pipelines.training.litbank import TITLES, UNKNOWN, litbank_sentences
from remembrance.pipelines.training.manifest import (
    card_sources,
    gold_paths,
    load_manifest,
    verified,
)
from remembrance.pipelines.training.silver import NameLists, label_treebank
from remembrance.train import main as train_main
from tests.clitools import one_line_error, run_cli

HERE = Path(__file__).parent
SAMPLE = HERE / "training" / "nl-sample.conllu"
EN_SAMPLE = HERE / "training" / "en-sample.ann"  # our own sentences, laid out as LitBank's
COLUMNS = (
    "Generaal\tO\nLeman\tI-PER\nverdedigde\tO\nLuik\tI-LOC\n\nDe\tO\nWitte\tI-ORG\nBrigade\tI-ORG\n"
)

#: Trains `target` for 4 steps on our own `files` and the gold dev documents of `language`.
SmokeTraining = Callable[[str, str, Sequence[Path]], Path]


@pytest.fixture
def smoke_training(tmp_path: Path) -> SmokeTraining:
    """A smoke training (python -m remembrance.train TARGET --sample …) in tmp_path: its output."""

    def train(target: str, language: str, files: Sequence[Path]) -> Path:
        sample, output = tmp_path / "sample", tmp_path / "output"
        sample.mkdir()
        for path in [*files, *(HERE / "gold" / "dev").glob(f"{language}-*")]:
            shutil.copy(path, sample)
        args = [target, "--sample", str(sample), "--output", str(output), "--max-steps", "4"]
        assert train_main([*args, "--work", str(tmp_path / "work")]) == 0
        return output

    return train


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


def test_training_documents_are_the_outside_splits_documents(tmp_path: Path) -> None:
    path = tmp_path / "train.txt"
    path.write_text("\n".join([COLUMNS] * 3), encoding="utf-8")  # six sentences
    (document,) = read_split(path)
    joined = documents(read_columns(Vocab(), path))
    assert [d.text for d in joined] == [document.text]  # a line break between sentences
    found = [(e.start_char, e.end_char, e.label_) for e in joined[0].ents]
    labels = {"PER": "Person", "LOC": "Place", "ORG": "Group"}
    assert [(s, e, labels[label]) for s, e, label in found] == document.entities
    assert [len(d.ents) for d in documents(read_columns(Vocab(), path), 4)] == [6, 3]


def test_an_unknown_outside_split_is_one_line_listing_the_splits() -> None:
    with pytest.raises(ValueError, match="icdar-nl-test"):
        split_language("conll2002")
    one_line_error(run_cli("evaluate", "--outside", "nope"), "nope", "icdar-nl-test")


def test_french_has_an_outside_split_held_out_from_its_training_files() -> None:
    assert split_language("icdar-fr-test") == "fr"
    files = load_manifest("fr")
    assert {f.licence for f in files} == {"CC0-1.0", "CC-BY-SA-4.0"}
    tests = [f for f in files if f.role == "ner-test"]
    assert [f.path for f in tests] == ["data/fr/test.txt"]
    assert tests[0].sha256 not in {f.sha256 for f in files if f.role != "ner-test"}


def test_litbank_names_are_its_proper_name_mentions() -> None:
    sentences = list(litbank_sentences(EN_SAMPLE))
    assert len(sentences) == 5
    words, tags = sentences[0]
    assert list(zip(words, tags, strict=True))[:4] == [
        ("Captain", "B-PER"),
        ("Jean", "I-PER"),
        ("Lambert", "I-PER"),
        ("left", "O"),
    ]
    tagged = {w: t for w, t in zip(*sentences[1], strict=True)}
    assert (tagged["Metropole"], tagged["Comet"]) == ("I-LOC", "I-ORG")  # FAC → LOC
    assert set(sentences[2][1]) == {"O"}  # "The old man of the village": no name
    words, tags = sentences[4]  # "Paul Renard , Esq. of Dinant": a name LitBank left unmarked
    assert [t for w, t in zip(words, tags, strict=True) if w in {"Paul", "Dinant"}] == [
        UNKNOWN,
        "B-LOC",
    ]
    # for training: titles and "the" out of names, as our guidelines say; other labels
    trained = list(litbank_sentences(EN_SAMPLE, {"PER": "PERSON", "FAC": "FAC"}, TITLES))
    assert [(w, t) for w, t in zip(*trained[0], strict=True) if t != "O"] == [
        ("Jean", "B-PERSON"),
        ("Lambert", "I-PERSON"),
    ]
    assert [(w, t) for w, t in zip(*trained[1], strict=True) if t != "O"] == [
        ("Marie", "B-PERSON"),
        ("Dubois", "I-PERSON"),
        ("Hotel", "B-FAC"),
        ("Metropole", "I-FAC"),
    ]


def test_a_litbank_text_is_an_outside_split_and_training_docs(tmp_path: Path) -> None:
    documents = read_split(EN_SAMPLE)
    assert len(documents) == 1
    found = [(documents[0].text[s:e], c) for s, e, c in documents[0].entities]
    assert found[:3] == [
        ("Captain Jean Lambert", "Person"),
        ("Namur", "Place"),
        ("Brussels", "Place"),
    ]
    assert ("Paul Renard", "Person") not in found and ("Dinant", "Place") in found
    docs = read_columns(Vocab(), EN_SAMPLE)
    renard = docs[4]
    assert [t.ent_iob_ for t in renard[3:6]] == ["", "", "O"]  # unknown, then outside


def test_english_outside_split_is_litbank_held_out_from_its_training_texts() -> None:
    assert split_language("litbank-test") == "en"
    files = load_manifest("en")
    assert {(f.repository, f.licence) for f in files} == {("dbamman/litbank", "CC-BY-4.0")}
    texts = {
        role: {Path(f.name).stem for f in files if f.role == role}
        for role in ("ner-train", "ner-dev", "ner-test")
    }
    assert [len(texts[r]) for r in ("ner-train", "ner-dev", "ner-test")] == [80, 10, 10]
    assert not texts["ner-test"] & (texts["ner-train"] | texts["ner-dev"])
    assert len({f.sha256 for f in files}) == len(files) == 200


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


@pytest.mark.parametrize("language, trained_on", [("nl", 3), ("fr", 4)])
def test_training_reads_the_gold_documents_its_manifest_pins_not_later_ones(
    tmp_path: Path, language: str, trained_on: int
) -> None:
    dev = HERE / "gold" / "dev"
    pinned = gold_paths(language, dev)
    assert len(pinned) == trained_on  # what the shipped model's card counts
    assert len(list(dev.glob(f"{language}-*.json"))) > trained_on  # documents added since
    with pytest.raises(InputError, match=f"{pinned[0].name}: missing; the {language} training"):
        gold_paths(language, tmp_path)


def test_the_model_card_names_the_training_files_but_not_the_test_splits() -> None:
    paths = {source["path"] for source in card_sources(load_manifest("nl"))}
    assert {"data/nl/train.txt", "data/nl/dev.txt", "nl_alpino-ud-dev.conllu"} <= paths
    assert not paths & {"data/nl/test.txt", "nl_lassysmall-ud-test.conllu"}


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
def test_a_smoke_training_gives_a_pipeline_that_loads_and_tags(
    smoke_training: SmokeTraining,
) -> None:
    output = smoke_training("nl", "nl", [SAMPLE])
    nlp = spacy.load(output)
    assert nlp.pipe_names == ["tok2vec", "morphologizer", "parser", "ner"]
    assert nlp.meta["name"] == "remembrance_nl"
    assert set(nlp.get_pipe("ner").labels) == {"PER", "ORG", "LOC"}
    doc = nlp("Lt. Janssens woonde in Gent.")
    assert doc[0].text == "Lt."  # a title's abbreviation stays one token
    assert all(token.pos_ for token in doc)
    assert doc.has_annotation("DEP")


@pytest.mark.slow
def test_a_dutch_smoke_ner_training_fine_tunes_the_shipped_ner_with_its_own_tok2vec(
    smoke_training: SmokeTraining, monkeypatch: pytest.MonkeyPatch
) -> None:
    from remembrance.pipelines.config import DEFAULT_CONFIG
    from remembrance.pipelines.extract import model_pipeline

    output = smoke_training("nl-ner", "nl", [SAMPLE])
    assert "vocab" not in {p.name for p in output.iterdir()}  # the pipeline's is used
    ner = spacy.load(output)
    assert ner.pipe_names == ["ner"]  # no listener: its tok2vec is inside the NER
    assert (ner.meta["name"], ner.meta["base"]) == ("remembrance_nl", "remembrance_nl")
    monkeypatch.setitem(DEFAULT_CONFIG["ner_models"], "nl", str(output))
    nlp, own = model_pipeline("nl"), model_pipeline("nl", own_ner=False)
    assert nlp.pipe_names == own.pipe_names
    weights = nlp.get_pipe("ner").to_bytes(exclude=["vocab"])
    assert weights == ner.get_pipe("ner").to_bytes(exclude=["vocab"])
    assert weights != own.get_pipe("ner").to_bytes(exclude=["vocab"])
    text = "Lt. Janssens woonde in Gent."
    assert [t.dep_ for t in nlp(text)] == [t.dep_ for t in own(text)]  # the same parse
    assert nlp(text).has_annotation("ENT_IOB")


@pytest.mark.slow
def test_an_english_smoke_training_gives_an_ner_that_takes_the_models_place(
    tmp_path: Path,
) -> None:
    output = tmp_path / "ner"
    args = ["en", "--sample", str(EN_SAMPLE.parent), "--output", str(output), "--max-steps", "3"]
    assert train_main(args) == 0
    ner = spacy.load(output)
    assert ner.pipe_names == ["ner"]
    assert {"PERSON", "GPE", "ORG", "DATE"} <= set(ner.get_pipe("ner").labels)
    figures = ner.meta["figures"]
    assert figures["litbank_sentences"] == 5 and figures["steps"] == 3
    assert figures["dev_fuzzy_f1"] >= figures["dev_fuzzy_f1_base"]
    assert [step for step, _ in figures["history"]] == [0, 3]


@pytest.mark.slow
def test_english_outside_scores_put_the_bare_spacy_package_beside_the_model() -> None:
    from remembrance.pipelines.outside import evaluate_outside

    scores = evaluate_outside("en", read_split(EN_SAMPLE))
    assert list(scores) == [
        "pipeline",
        "model alone",
        "bare spaCy package",
        "blank + gazetteer + rules",
    ]
    assert scores["bare spaCy package"].fuzzy["overall"].gold == 9
    assert "bare spaCy package" not in evaluate_outside("nl", [])


@pytest.mark.slow
def test_the_english_model_runs_the_shipped_ner_in_place_of_its_own() -> None:
    from remembrance.pipelines.extract import model_pipeline
    from remembrance.pipelines.models import MODELS_DIR

    ours, package = model_pipeline("en"), model_pipeline("en", own_ner=False)
    assert ours.pipe_names == package.pipe_names and ours.pipe_names[-1] == "ner"
    shipped = spacy.load(MODELS_DIR / "remembrance_en_ner")
    assert shipped.pipe_names == ["ner"]
    assert shipped.meta["sources"][0]["name"] == "dbamman/litbank"
    weights = ours.get_pipe("ner").to_bytes(exclude=["vocab"])
    assert weights == shipped.get_pipe("ner").to_bytes(exclude=["vocab"])
    assert weights != package.get_pipe("ner").to_bytes(exclude=["vocab"])
    doc = ours("Captain Walter Dewé left Liège for London on 12 May 1941.")
    assert {(e.text, e.label_) for e in doc.ents} >= {("Liège", "GPE"), ("12 May 1941", "DATE")}


@pytest.mark.slow
def test_rehearsal_labels_are_the_shipped_dutch_pipelines_own_entities() -> None:
    from spacy.tokens import Doc

    from remembrance.pipelines.models import MODELS_DIR
    from remembrance.pipelines.training.corpora import corpus_texts
    from remembrance.pipelines.training.rehearsal import corpus_rehearsal, rehearsal

    base = spacy.load(MODELS_DIR / "remembrance_nl")  # its NER listens to a shared tok2vec
    text = "Generaal Leman verdedigde Luik en Namen tegen het Duitse leger."
    own = [(e.text, e.label_) for e in base(text).ents]
    assert own  # the test means something only if the model finds names here
    words = Doc(base.vocab, words=text.rstrip(".").split() + ["."])
    (labelled,) = rehearsal(base, [words])
    assert [(e.text, e.label_) for e in labelled.ents] == own
    sentences = corpus_rehearsal(base, "nl")
    texts = corpus_texts("nl")
    assert len(sentences) > 5 * len(texts)  # cut into sentences, not one per text
    first = base(texts[0])  # the entities come from the whole text
    whole = [(e.text, e.label_) for e in first.ents if e.end_char <= len(sentences[0].text)]
    assert [(e.text, e.label_) for e in sentences[0].ents] == whole
    assert all(doc.text.strip() and doc.has_annotation("ENT_IOB") for doc in sentences)


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


@pytest.mark.slow
def test_a_french_smoke_fine_tuning_gives_an_ner_that_replaces_the_models(
    smoke_training: SmokeTraining, monkeypatch: pytest.MonkeyPatch
) -> None:
    from remembrance.pipelines.config import DEFAULT_CONFIG
    from remembrance.pipelines.extract import model_pipeline

    training = HERE / "training"
    output = smoke_training("fr", "fr", [training / "fr-sample.iob", training / "fr-sample.conllu"])
    assert "vocab" not in {p.name for p in output.iterdir()}  # the package's is used
    meta = spacy.util.load_meta(output / "meta.json")
    assert (meta["name"], meta["base"]) == ("remembrance_fr", DEFAULT_CONFIG["models"]["fr"])
    assert meta["license"] == "LGPL-LR"  # the base model's (the sample is our own data)
    monkeypatch.setitem(DEFAULT_CONFIG["ner_models"], "fr", str(output))
    nlp = model_pipeline("fr")
    assert nlp.pipe_names[-1] == "ner" and "parser" in nlp.pipe_names
    assert {"PER", "ORG", "LOC", "MISC"} <= set(nlp.get_pipe("ner").labels)
    shipped = spacy.load(output).get_pipe("ner").to_bytes(exclude=["vocab"])
    assert nlp.get_pipe("ner").to_bytes(exclude=["vocab"]) == shipped
    doc = nlp("Le général Leman défendit Liège en 1914.")
    assert doc.has_annotation("DEP") and doc.has_annotation("ENT_IOB")
