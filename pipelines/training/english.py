"""English: the NER of the English model package fine-tuned on LitBank, with rehearsal.

- LitBank's train texts give the names (PER, ORG, GPE, LOC, FAC as OntoNotes labels; leading
  titles left out as our guidelines do). LitBank annotates no other kind of entity: the base
  model's own entities of every other label (dates, numbers, nationalities …) that touch no
  LitBank name are added, so that fine-tuning does not teach it that they are not entities.
- Rehearsal: every sentence of the project's English corpus (``corpus/en``, our own writing),
  annotated by the base model, so that it keeps what it knew on modern text of our domain.
- Selection: the fuzzy F1 (Person, Group, Place) of the model alone on LitBank's dev texts,
  every `EVAL_EVERY` updates; the best is kept.

Only the fine-tuned NER ships (a pipeline of that one component); `extract` puts it in place of
the base model's own (``ner_models`` in the configuration). Seeds are fixed.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.pipeline import EntityRecognizer
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from remembrance.pipelines.config import DEFAULT_CONFIG
from remembrance.pipelines.outside import OutsideDocument, nlp_spans, read_split, score
from remembrance.pipelines.training.corpora import annotation_paths, corpus_texts
from remembrance.pipelines.training.litbank import TITLES, UNKNOWN, litbank_sentences
from remembrance.pipelines.training.manifest import by_role, load_manifest, verified

#: LitBank's ACE types as the base model's OntoNotes labels (VEH has none: left out).
ONTONOTES_LABELS = {"PER": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "FAC"}
SEED = 0
STEPS = 600
EVAL_EVERY = 100
BATCH_SENTENCES = 32
DROPOUT = 0.2
#: Each rehearsal sentence is seen this many times per pass over the LitBank sentences.
REHEARSAL_REPEATS = 6


@dataclass
class EnglishCorpora:
    """LitBank sentences to learn, rehearsal sentences, and dev documents to select on."""

    names: list[tuple[list[str], list[str]]]
    rehearsal: list[str]
    dev: list[OutsideDocument]
    sources: list[dict[str, str]] = field(default_factory=list)


def _litbank(paths: Iterable[Path]) -> list[tuple[list[str], list[str]]]:
    return [
        sentence
        for path in annotation_paths(paths)
        for sentence in litbank_sentences(path, ONTONOTES_LABELS, TITLES)
    ]


def english_corpora(data: Path) -> EnglishCorpora:
    """LitBank's train and dev texts from `data` (each file checked), the corpus for rehearsal."""
    files = load_manifest("en")
    paths = verified(data, files)
    dev = [d for p in annotation_paths(by_role(files, paths, "ner-dev")) for d in read_split(p)]
    sources = [
        {
            "name": "dbamman/litbank",
            "commit": files[0].commit,
            "path": "coref/brat",
            "license": files[0].licence,
        },
        {"name": "remembrance corpus/en", "license": "CC-BY-4.0"},
    ]
    return EnglishCorpora(
        _litbank(by_role(files, paths, "ner-train")), corpus_texts("en"), dev, sources
    )


def sample_corpora(sample: Path) -> EnglishCorpora:
    """Small corpora from a folder of LitBank-style pairs (``*.ann`` and ``*.txt``) of our own:
    a smoke training, on which train and dev are the same."""
    annotations = sorted(sample.glob("*.ann"))
    if not annotations:
        raise ValueError(f"{sample}: no *.ann annotation with its *.txt text")
    dev = [d for p in annotations for d in read_split(p)]
    return EnglishCorpora(_litbank(annotations), [d.text for d in dev], dev)


def _names_examples(nlp: Language, sentences: list[tuple[list[str], list[str]]]) -> list[Example]:
    """LitBank sentences: their names, the base model's other entities, unmarked names unknown."""
    names = set(ONTONOTES_LABELS.values())
    examples = []
    with nlp.select_pipes(enable=["ner"]):
        predictions = nlp.pipe(Doc(nlp.vocab, words=words) for words, _ in sentences)
        for (words, tags), predicted in zip(sentences, predictions, strict=True):
            ents = ["" if t == UNKNOWN else t for t in tags]
            reference = Doc(nlp.vocab, words=words, ents=ents)
            taken = {i for e in reference.ents for i in range(e.start, e.end)}
            taken |= {i for i, t in enumerate(tags) if t == UNKNOWN}
            silver = [
                Span(reference, e.start, e.end, e.label_)
                for e in predicted.ents
                if e.label_ not in names and not taken & set(range(e.start, e.end))
            ]
            unknown = [Span(reference, i, i + 1) for i, t in enumerate(tags) if t == UNKNOWN]
            reference.set_ents([*reference.ents, *silver], missing=unknown, default="outside")
            examples.append(Example(Doc(nlp.vocab, words=words), reference))
    return examples


def _rehearsal_examples(nlp: Language, texts: list[str]) -> list[Example]:
    """Every sentence of `texts` with the base model's entities as its reference."""
    examples = []
    for doc in nlp.pipe(texts):
        for sentence in doc.sents:
            reference = sentence.as_doc()
            if reference.text.strip():
                examples.append(Example(nlp.make_doc(reference.text), reference))
    return examples


def dev_score(nlp: Language, dev: list[OutsideDocument]) -> float:
    """The fuzzy F1 of `nlp` alone on the dev documents (Person, Group, Place)."""
    return score([d.entities for d in dev], nlp_spans(nlp, dev)).fuzzy["overall"].f1


def fine_tune(
    corpora: EnglishCorpora,
    steps: int = STEPS,
    log: Callable[[str], None] = print,
) -> tuple[Language, dict[str, Any]]:
    """The base English model with its NER fine-tuned on `corpora` (the best of every
    `EVAL_EVERY` updates on the dev documents), and the figures of the run."""
    fix_random_seed(SEED)
    nlp = spacy.load(DEFAULT_CONFIG["models"]["en"] or "")
    names = _names_examples(nlp, corpora.names)
    rehearsal = _rehearsal_examples(nlp, corpora.rehearsal)
    base = dev_score(nlp, corpora.dev)
    log(f"{len(names)} LitBank sentences, {len(rehearsal)} rehearsal sentences; dev F1 {base:.3f}")
    ner = nlp.get_pipe("ner")
    assert isinstance(ner, EntityRecognizer)
    best, best_bytes, history = base, ner.to_bytes(), [(0, round(base, 4))]
    rng = random.Random(SEED)
    step = 0
    with nlp.select_pipes(enable=["ner"]):
        optimizer = nlp.resume_training()
        while step < steps:
            pool = names + rehearsal * REHEARSAL_REPEATS
            rng.shuffle(pool)
            for batch in minibatch(pool, size=BATCH_SENTENCES):
                losses: dict[str, float] = {}
                nlp.update(batch, drop=DROPOUT, sgd=optimizer, losses=losses)
                step += 1
                if step % EVAL_EVERY == 0 or step == steps:
                    with nlp.use_params(optimizer.averages):
                        figure = dev_score(nlp, corpora.dev)
                        if figure > best:
                            best, best_bytes = figure, ner.to_bytes()
                    history.append((step, round(figure, 4)))
                    log(f"step {step}: loss {losses.get('ner', 0.0):.1f}, dev F1 {figure:.3f}")
                if step >= steps:
                    break
    ner.from_bytes(best_bytes)
    figures = {
        "dev_fuzzy_f1_base": round(base, 4),
        "dev_fuzzy_f1": round(best, 4),
        "history": history,
        "litbank_sentences": len(names),
        "rehearsal_sentences": len(rehearsal),
        "steps": steps,
        "seed": SEED,
    }
    return nlp, figures


def ner_only(nlp: Language, figures: dict[str, Any], sources: list[dict[str, str]]) -> Language:
    """A pipeline holding only `nlp`'s NER, its meta naming the base model, data and figures."""
    shipped = spacy.blank("en")
    shipped.add_pipe("ner", source=nlp)
    shipped.meta.update(
        {
            "name": "remembrance_en_ner",
            "version": "1.0.0",
            "description": "NER of the English base model fine-tuned on LitBank with rehearsal",
            "base_model": f"{nlp.meta['name']} {nlp.meta['version']}",
            "license": "CC-BY-4.0 AND MIT",
            "sources": sources,
            "figures": figures,
        }
    )
    return shipped


def train_english(corpora: EnglishCorpora, output: Path, steps: int = STEPS) -> Language:
    """Fine-tune, and save the NER alone to `output`."""
    nlp, figures = fine_tune(corpora, steps)
    shipped = ner_only(nlp, figures, corpora.sources)
    if output.exists():
        shutil.rmtree(output)
    shipped.to_disk(output)
    return shipped
