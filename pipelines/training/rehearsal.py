"""Fine-tuning the NER of an installed model (the language's ``models`` entry of the
configuration) on annotated historical data, with rehearsal: sentences of general text labelled
by the installed model itself are mixed into the training data, so that the fine-tuned NER keeps
what it knew of modern text (including labels the historical data lacks, such as MISC).

Roles of the manifest used here: ``ner-train`` (annotated, trained on), ``ner-dev`` (model
selection), ``ner-test`` (held out, reported), ``rehearsal-train`` (text labelled by the base model
and trained on) and ``rehearsal-test`` (held out: how far the fine-tuned NER still agrees with the
base model on general text). Only the NER is saved; ``extract`` puts it in place of the installed
model's own (``ner_models`` in the configuration).
"""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language
from spacy.pipeline import EntityRecognizer
from spacy.tokens import Doc

from remembrance.pipelines.config import DEFAULT_CONFIG
from remembrance.pipelines.training.build import Corpora
from remembrance.pipelines.training.corpora import gold_in, read_columns, read_conllu, read_gold
from remembrance.pipelines.training.manifest import (
    by_role,
    card_sources,
    gold_paths,
    load_manifest,
    verified,
)

BATCH_SIZE = 64


def base_name(language: str) -> str:
    """The installed model whose NER the language's NER is fine-tuned from."""
    name = DEFAULT_CONFIG["models"].get(language)
    if name is None:
        raise ValueError(f"no installed model for language {language!r} to fine-tune")
    return name


def rehearsal(base: Language, docs: list[Doc]) -> list[Doc]:
    """Copies of `docs` (their words and spaces) with the entities `base`'s NER finds in them."""
    fresh = (
        Doc(base.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
        for doc in docs
    )
    ner = base.get_pipe("ner")
    assert isinstance(ner, EntityRecognizer)
    return list(ner.pipe(fresh, batch_size=BATCH_SIZE))


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
