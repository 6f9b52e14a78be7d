"""Fine-tuning the NER of an installed model (the language's ``models`` entry of the
configuration) on annotated historical data, with rehearsal: sentences of general text labelled
by the installed model itself are mixed into the training data, so that the fine-tuned NER keeps
what it knew of modern text (including labels the historical data lacks, such as MISC).

Roles of the manifest used here: ``ner-train`` (annotated, trained on), ``ner-dev`` (model
selection), ``ner-test`` (held out, reported), ``rehearsal-train`` (text labelled by the base model
and trained on) and ``rehearsal-test`` (held out: how far the fine-tuned NER still agrees with the
base model on general text). Only the NER is saved; ``extract`` puts it in place of the installed
model's own (``ner_models`` in the configuration).

Dutch (``ner_corpora``): the base is the project's own pipeline (``remembrance_nl``); its
rehearsal text is the treebanks' sentences (roles ``treebank-train`` and ``treebank-dev``; held
out: ``treebank-test``) and the project's Dutch corpus, and the newspapers are joined ten sentences
to a document, as the outside split is read.
"""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language
from spacy.pipeline import EntityRecognizer, Sentencizer
from spacy.tokens import Doc

from remembrance.pipelines.config import DEFAULT_CONFIG
from remembrance.pipelines.training.build import Corpora, base_path, from_shipped
from remembrance.pipelines.training.corpora import (
    corpus_texts,
    documents,
    gold_in,
    read_columns,
    read_conllu,
    read_gold,
)
from remembrance.pipelines.training.manifest import (
    by_role,
    card_sources,
    gold_paths,
    load_manifest,
    verified,
)

BATCH_SIZE = 64
#: Each sentence of the project's corpus and each pinned gold document is seen this many times
#: per pass (Dutch NER).
OWN_REPEATS = 6
CORPUS_SOURCE = {"name": "remembrance corpus", "license": "CC-BY-4.0"}


def base_name(language: str) -> str:
    """The installed model whose NER the language's NER is fine-tuned from."""
    name = DEFAULT_CONFIG["models"].get(language)
    if name is None:
        raise ValueError(f"no installed model for language {language!r} to fine-tune")
    return name


def _ner_pipes(base: Language) -> list[str]:
    """The pipes `base`'s NER runs with: itself, after the shared tok2vec if it has one."""
    return [n for n in ("tok2vec", "ner") if n in base.pipe_names]


def rehearsal(base: Language, docs: list[Doc]) -> list[Doc]:
    """Copies of `docs` (their words and spaces) with the entities `base`'s NER finds in them
    (after the shared tok2vec, if the NER listens to one)."""
    fresh = (
        Doc(base.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
        for doc in docs
    )
    ner = base.get_pipe("ner")
    assert isinstance(ner, EntityRecognizer)
    with base.select_pipes(enable=_ner_pipes(base)):
        return list(base.pipe(fresh, batch_size=BATCH_SIZE))


def corpus_rehearsal(base: Language, language: str) -> list[Doc]:
    """Every sentence of the project's corpus in `language` (our own writing; cut at sentence
    punctuation, as ``extract`` cuts it) with the entities `base`'s NER finds in its whole text."""
    sentencizer = Sentencizer()
    with base.select_pipes(enable=_ner_pipes(base)):
        docs = [sentencizer(doc) for doc in base.pipe(corpus_texts(language))]
    return [sentence.as_doc() for doc in docs for sentence in doc.sents if sentence.text.strip()]


def fine_tuning_config(name: str, base: Language) -> dict[str, str]:
    """Training settings naming the base model: its NER is the starting point, its vectors (if
    it has any) the static vectors of the training."""
    vectors = {"initialize.vectors": name} if base.vocab.vectors.shape[0] else {}
    return {"components.ner.source": name, **vectors}


def corpora_with_rehearsal(language: str, data: Path, gold: Path) -> Corpora:
    """The manifest's files in `data` (each checked), the base model's labels on the rehearsal
    text, and the gold documents of `gold` (the dev split) its manifest pins, for fine-tuning."""
    files = load_manifest(language)
    paths = verified(data, files)
    name = base_name(language)
    base = spacy.load(name)
    vocab = base.vocab

    def columns(role: str) -> list[Doc]:
        return [d for p in by_role(files, paths, role) for d in read_columns(vocab, p)]

    def labelled(role: str) -> list[Doc]:
        texts = [d for p in by_role(files, paths, role) for d in read_conllu(vocab, p)]
        return rehearsal(base, texts)

    ner_train, rehearsed = columns("ner-train"), labelled("rehearsal-train")
    own = read_gold(vocab, gold_paths(language, gold), language)
    contributions = {
        "ner-train sentences (annotated, historical)": len(ner_train),
        "rehearsal sentences (labelled by the base model)": len(rehearsed),
        "own gold documents": len(own),
    }
    return Corpora(
        [*ner_train, *rehearsed, *own],
        columns("ner-dev"),
        {"ner-test": columns("ner-test"), "rehearsal-test": labelled("rehearsal-test")},
        contributions,
        card_sources(files),
        fine_tuning_config(name, base),
        base=name,
    )


def ner_corpora(language: str, data: Path, gold: Path) -> Corpora:
    """Corpora to fine-tune the NER of the language's shipped pipeline alone (its own copy of
    the tok2vec), with rehearsal. Annotated historical sentences are joined into documents as
    the outside split is read (`documents`), and dev is their dev split alone; the treebanks'
    modern sentences and the project's corpus carry the shipped pipeline's own entities, the
    pinned gold documents their gold ones (our own text: each `OWN_REPEATS` times). The
    treebank test sentences held out from every training file measure how far the new NER still
    agrees with the shipped one on modern text."""
    files = load_manifest(language)
    paths = verified(data, files)
    base = spacy.load(base_path(str(DEFAULT_CONFIG["models"][language])))
    vocab = base.vocab

    def joined(role: str) -> list[Doc]:
        return [d for p in by_role(files, paths, role) for d in documents(read_columns(vocab, p))]

    def treebank(role: str, exclude: set[str] | frozenset[str] = frozenset()) -> list[Doc]:
        return [d for p in by_role(files, paths, role) for d in read_conllu(vocab, p, exclude)]

    def words(doc: Doc) -> str:
        return " ".join(token.text for token in doc)

    test = treebank("treebank-test")  # an older release may hold a newer one's test sentences
    modern = treebank("treebank-train", {words(d) for d in test}) + treebank("treebank-dev")
    seen = {words(d) for d in modern}
    test = [d for d in test if words(d) not in seen]
    historical = joined("ner-train")
    rehearsed, corpus = rehearsal(base, modern), corpus_rehearsal(base, language)
    own = read_gold(vocab, gold_paths(language, gold), language)
    contributions = {
        "ner-train documents (annotated, historical; ten sentences each)": len(historical),
        "treebank sentences labelled by the shipped pipeline": len(rehearsed),
        f"corpus sentences labelled by the shipped pipeline (each {OWN_REPEATS} times)": len(
            corpus
        ),
        f"own gold documents (each {OWN_REPEATS} times)": len(own),
    }
    return from_shipped(
        Corpora(
            [*historical, *rehearsed, *[*corpus, *own] * OWN_REPEATS],
            joined("ner-dev"),
            {"ner-test": joined("ner-test"), "rehearsal-test": rehearsal(base, test)},
            contributions,
            [*card_sources(files), CORPUS_SOURCE],
        ),
        language,
    )


def ner_sample(language: str, sample: Path) -> Corpora:
    """Small corpora of `ner_corpora`'s kinds from a folder of our own data (``*.conllu`` text and
    the corpus labelled by the shipped pipeline, gold documents) for a smoke training: train and
    dev the same."""
    base = spacy.load(base_path(str(DEFAULT_CONFIG["models"][language])))
    texts = [d for p in sorted(sample.glob("*.conllu")) for d in read_conllu(base.vocab, p)]
    docs = rehearsal(base, texts) + corpus_rehearsal(base, language)
    docs += read_gold(base.vocab, gold_in(sample, language), language)
    return from_shipped(Corpora(docs, docs), language)


def sample_with_rehearsal(language: str, sample: Path) -> Corpora:
    """Small corpora from a folder of our own data (column ``*.iob`` files, ``*.conllu`` text
    labelled by the base model, gold documents) for a smoke training: train and dev the same."""
    name = base_name(language)
    base = spacy.load(name)
    docs = [d for p in sorted(sample.glob("*.iob")) for d in read_columns(base.vocab, p)]
    texts = [d for p in sorted(sample.glob("*.conllu")) for d in read_conllu(base.vocab, p)]
    docs += rehearsal(base, texts) + read_gold(base.vocab, gold_in(sample, language), language)
    if not docs:
        raise ValueError(f"{sample}: no *.iob, *.conllu or {language}-*.json documents")
    return Corpora(docs, docs, config=fine_tuning_config(name, base), base=name)
