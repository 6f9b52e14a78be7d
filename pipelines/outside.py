"""Entity scores on outside test splits: annotated public data held out from all training.

An outside split is the ``ner-test`` files of a language's training manifest (each checked by
sha256) that share a split name: a column file (a token and its IOB tag per line) or LitBank
texts with their brat annotation (`training.litbank`). Its sentences are joined with spaces into
documents of a few sentences each (never across files); its labels PER, ORG, LOC are the
categories Person, Group, Place. Predictions of other categories are left out (the split does
not annotate them). Scores are strict (same offsets and category) and fuzzy (overlapping, same
category, one-to-one), per category, for the whole pipeline (`extract`) and, beside it, the
spaCy model alone, the model package as installed where the project replaces its NER, and the
blank pipeline with the gazetteer and the rules.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from remembrance.config import LANGUAGES
from remembrance.pipelines.config import DEFAULT_CONFIG
from remembrance.pipelines.evaluate import Counts
from remembrance.pipelines.records import Document
from remembrance.pipelines.training.corpora import (
    SENTENCES_PER_DOCUMENT,
    annotation_paths,
    iob1_to_iob2,
    ner_sentences,
)
from remembrance.pipelines.training.manifest import load_manifest, verified

if TYPE_CHECKING:
    from spacy.language import Language

LABEL_CATEGORIES = {"PER": "Person", "ORG": "Group", "LOC": "Place"}

Spans = list[tuple[int, int, str]]


@dataclass(frozen=True, slots=True)
class OutsideDocument:
    text: str
    entities: Spans


@dataclass
class SplitScores:
    strict: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    fuzzy: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))


def outside_splits(language: str) -> list[str]:
    """Names of the outside splits of a language (a split's name, else its file's stem)."""
    tests = [f.split_name for f in load_manifest(language) if f.role == "ner-test"]
    return list(dict.fromkeys(tests))


def _sentence(words: list[str], tags: list[str], offset: int) -> tuple[str, Spans]:
    starts, position = [], offset
    for word in words:
        starts.append(position)
        position += len(word) + 1
    spans: Spans = []
    for i, tag in enumerate(iob1_to_iob2(tags)):
        if tag.startswith("B-"):
            spans.append((starts[i], starts[i] + len(words[i]), tag[2:]))
        elif tag.startswith("I-"):
            start, _, label = spans[-1]
            spans[-1] = (start, starts[i] + len(words[i]), label)
    return " ".join(words), [(s, e, LABEL_CATEGORIES[label]) for s, e, label in spans]


def read_split(path: Path) -> list[OutsideDocument]:
    """An NER file as documents of `SENTENCES_PER_DOCUMENT` sentences, one per line."""
    sentences = list(ner_sentences(path))
    documents = []
    for first in range(0, len(sentences), SENTENCES_PER_DOCUMENT):
        lines, entities, offset = [], [], 0
        for words, tags in sentences[first : first + SENTENCES_PER_DOCUMENT]:
            line, spans = _sentence(words, tags, offset)
            lines.append(line)
            entities += spans
            offset += len(line) + 1
        documents.append(OutsideDocument("\n".join(lines), entities))
    return documents


def load_split(language: str, name: str, data: Path) -> list[OutsideDocument]:
    """The documents of the outside split `name`, its files in `data` checked by sha256."""
    chosen = [f for f in load_manifest(language) if f.role == "ner-test" and f.split_name == name]
    if not chosen:
        names = ", ".join(outside_splits(language))
        raise ValueError(f"no outside split {name!r} for {language!r}; choose one of {names}")
    paths = annotation_paths(verified(data, chosen).values())
    return [document for path in paths for document in read_split(path)]


def _overlap(a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(gold: Sequence[Spans], predicted: Sequence[Spans]) -> SplitScores:
    """Strict and fuzzy counts per category and overall."""
    scores = SplitScores()
    for gold_spans, predicted_spans in zip(gold, predicted, strict=True):
        for category in sorted(LABEL_CATEGORIES.values()):
            g = [s for s in gold_spans if s[2] == category]
            p = [s for s in predicted_spans if s[2] == category]
            used: set[int] = set()
            fuzzy = 0
            for item in g:
                match = next(
                    (i for i, q in enumerate(p) if i not in used and _overlap(item, q)), None
                )
                if match is not None:
                    used.add(match)
                    fuzzy += 1
            strict = len(set(g) & set(p))
            for key in (category, "overall"):
                scores.strict[key].add(strict, len(p), len(g))
                scores.fuzzy[key].add(fuzzy, len(p), len(g))
    return scores


def _kept(spans: Spans) -> Spans:
    return [s for s in spans if s[2] in LABEL_CATEGORIES.values()]


def pipeline_spans(language: str, documents: Sequence[OutsideDocument]) -> list[Spans]:
    """Mentions found by the whole pipeline (`extract`)."""
    from remembrance.pipelines.extract import extract

    inputs = [Document(f"outside-{i}", d.text, language) for i, d in enumerate(documents)]
    return [
        _kept([(m.mention.start, m.mention.end, m.entity.category) for m in e.mentions])
        for e in extract(inputs)
    ]


def model_spans(language: str, documents: Sequence[OutsideDocument]) -> list[Spans]:
    """Entities of the language's spaCy model alone, labels mapped to categories."""
    from remembrance.pipelines.extract import model_pipeline

    return nlp_spans(model_pipeline(language), documents)


def base_model_spans(language: str, documents: Sequence[OutsideDocument]) -> list[Spans]:
    """Entities of the language's model package as installed, without the project's NER."""
    from remembrance.pipelines.extract import model_pipeline

    return nlp_spans(model_pipeline(language, own_ner=False), documents)


def nlp_spans(nlp: Language, documents: Sequence[OutsideDocument]) -> list[Spans]:
    """Entities of a spaCy pipeline, labels mapped to categories."""
    categories: dict[str, str] = DEFAULT_CONFIG["ner_categories"]
    return [
        _kept([(e.start_char, e.end_char, categories.get(e.label_, "")) for e in doc.ents])
        for doc in nlp.pipe(d.text for d in documents)
    ]


def blank_spans(language: str, documents: Sequence[OutsideDocument]) -> list[Spans]:
    """Mentions of a blank pipeline with the gazetteer and the rules (no statistical model)."""
    from remembrance.pipelines.extract import blank_pipeline

    nlp = blank_pipeline(language)
    return [
        _kept([(s.start_char, s.end_char, s.label_) for s in doc.spans["mentions"]])
        for doc in nlp.pipe(d.text for d in documents)
    ]


SYSTEMS: dict[str, Callable[[str, Sequence[OutsideDocument]], list[Spans]]] = {
    "pipeline": pipeline_spans,
    "model alone": model_spans,
    "bare spaCy package": base_model_spans,
    "blank + gazetteer + rules": blank_spans,
}


def evaluate_outside(language: str, documents: Sequence[OutsideDocument]) -> dict[str, SplitScores]:
    """Scores of every system on the split's documents (the bare spaCy package only where the
    project replaces its NER: elsewhere it is the model alone)."""
    gold = [d.entities for d in documents]
    systems = dict(SYSTEMS)
    if language not in DEFAULT_CONFIG["ner_models"]:
        del systems["bare spaCy package"]
    return {name: score(gold, find(language, documents)) for name, find in systems.items()}


def split_language(name: str) -> str:
    """The language whose manifest has the outside split `name`."""
    from importlib import resources

    known = {}
    for language in LANGUAGES:
        source = resources.files("remembrance.pipelines.training") / f"{language}-manifest.json"
        if source.is_file():
            known.update({split: language for split in outside_splits(language)})
    if name not in known:
        raise ValueError(f"no outside split {name!r}; choose one of {', '.join(sorted(known))}")
    return known[name]
