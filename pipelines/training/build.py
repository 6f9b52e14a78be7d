"""Training corpora of a language from its pinned data, and training a pipeline on them."""

from __future__ import annotations

import json
import random
import shutil
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.training import Example

from remembrance.pipelines.authority import load_index
from remembrance.pipelines.config import DEFAULT_CONFIG
from remembrance.pipelines.models import MODELS_DIR
from remembrance.pipelines.training.abbreviations import add_abbreviations
from remembrance.pipelines.training.corpora import (
    conllu_sentences,
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
from remembrance.pipelines.training.silver import (
    ORGANISATION_WORDS,
    PERSON_CUES,
    PLACE_NAMES,
    NameLists,
    authority_names,
    geonames_places,
    label_treebank,
    lexicon,
    person_names,
)

#: Countries whose every GeoNames city name is a place name; elsewhere only large cities.
GEONAMES_COUNTRIES = {"BE", "NL", "LU", "FR", "DE"}
GEONAMES_MINIMUM_ELSEWHERE = 100_000
#: Faker locales whose given names and surnames type silver person names.
NAME_LOCALES = ("nl_BE", "nl_NL", "fr_BE", "fr_FR", "de_DE", "en_GB", "en_US")
SEED = 0


@dataclass
class Corpora:
    """Docs to train on, to select the best model on, and held out for the model card."""

    train: list[Doc]
    dev: list[Doc]
    heldout: dict[str, list[Doc]] = field(default_factory=dict)
    contributions: dict[str, Any] = field(default_factory=dict)
    #: The manifest entries trained on (the model's meta names them and their licences).
    sources: list[dict[str, str]] = field(default_factory=list)
    #: Config settings this data needs (a small sample: every parser label, however rare).
    config: dict[str, Any] = field(default_factory=dict)
    #: The installed model whose components are fine-tuned (only those are saved), if any.
    base: str | None = None


def name_lists(language: str, annotated: list[Doc]) -> NameLists:
    """Silver-label name lists: GeoNames places, names of the annotated NER corpus, authority
    records (each later source wins), given names of the configuration."""
    names = geonames_places(GEONAMES_COUNTRIES, GEONAMES_MINIMUM_ELSEWHERE)
    names.update({name.replace("_", " ").lower(): "LOC" for name in PLACE_NAMES[language]})
    names.update(lexicon(annotated))
    names.update(authority_names(load_index()))
    given, surnames = person_names(NAME_LOCALES)
    given |= set(DEFAULT_CONFIG["given_names"])
    given |= {
        ent[0].text
        for doc in annotated
        for ent in doc.ents
        if ent.label_ == "PER" and len(ent) > 1 and ent[0].is_title and ent[0].is_alpha
    }
    return NameLists(
        names, given, surnames, set(ORGANISATION_WORDS[language]), set(PERSON_CUES[language])
    )


def _test_sentences(paths: list[Path]) -> set[str]:
    return {" ".join(r[1] for r in rows) for path in paths for rows in conllu_sentences(path)}


def corpora_from_data(language: str, data: Path, gold: Path) -> Corpora:
    """The corpora of the manifest's files in `data` (each checked), plus the gold documents of
    `gold` (the dev split) that the manifest pins, for training."""
    files = load_manifest(language)
    paths = verified(data, files)
    vocab = spacy.blank(language).vocab
    ner_train = [d for p in by_role(files, paths, "ner-train") for d in read_columns(vocab, p)]
    ner_dev = [d for p in by_role(files, paths, "ner-dev") for d in read_columns(vocab, p)]
    ner_test = [d for p in by_role(files, paths, "ner-test") for d in read_columns(vocab, p)]
    test_paths = by_role(files, paths, "treebank-test")
    held = _test_sentences(test_paths)  # an older release may hold a newer one's test sentences
    trees = [
        d for p in by_role(files, paths, "treebank-train") for d in read_conllu(vocab, p, held)
    ]
    trees_dev = [d for p in by_role(files, paths, "treebank-dev") for d in read_conllu(vocab, p)]
    train_sentences = {d.text for d in trees}
    trees_test = [
        d for p in test_paths for d in read_conllu(vocab, p) if d.text not in train_sentences
    ]
    lists = name_lists(language, ner_train)
    for doc in [*trees, *trees_dev, *trees_test]:
        label_treebank(doc, lists)
    own = read_gold(vocab, gold_paths(language, gold), language)
    contributions = {
        "ner-train sentences (annotated, historical)": len(ner_train),
        "treebank-train sentences (with silver entities)": len(trees),
        "treebank-dev sentences": len(trees_dev),
        "treebank-test sentences held out": len(trees_test),
        "own gold documents": len(own),
        "silver names typed by": dict(lists.sources.most_common()),
    }
    return Corpora(
        [*ner_train, *trees, *own],
        [*ner_dev, *trees_dev],
        {"ner-test": ner_test, "treebank-test": trees_test},
        contributions,
        card_sources(files),
    )


def from_shipped(corpora: Corpora, language: str) -> Corpora:
    """`corpora` set to fine-tune the NER of the language's shipped model (its base)."""
    base = str(DEFAULT_CONFIG["models"][language])
    corpora.base = base
    corpora.config = {"components.ner.source": str(base_path(base))}
    return corpora


def base_path(name: str) -> Path | str:
    """A model to start from: a folder of pipelines/models, else an installed package's name."""
    bundled = MODELS_DIR / name
    return bundled if bundled.is_dir() else name


def corpora_from_sample(language: str, sample: Path) -> Corpora:
    """Small corpora from a folder of our own data (treebank ``*.conllu`` and gold documents),
    for a smoke training: train and dev are the same."""
    vocab = spacy.blank(language).vocab
    docs = [d for p in sorted(sample.glob("*.conllu")) for d in read_conllu(vocab, p)]
    docs += read_gold(vocab, gold_in(sample, language), language)
    if not docs:
        raise ValueError(f"{sample}: no *.conllu and no {language}-*.json gold documents")
    return Corpora(docs, docs, config={"components.parser.min_action_freq": 1})


def _write(docs: list[Doc], path: Path) -> Path:
    DocBin(docs=docs, store_user_data=False).to_disk(path)
    return path


def config_path(name: str) -> Path:
    source = resources.files("remembrance.pipelines.training") / f"{name}.cfg"
    if not source.is_file():
        raise ValueError(f"no training config {name!r}")
    return Path(str(source))


def train(
    language: str,
    corpora: Corpora,
    output: Path,
    work: Path,
    max_steps: int | None = None,
    config: str | None = None,
) -> Language:
    """Train the pipeline of `language` on `corpora` (fixed seed; spaCy config `config`, else
    the language's) and save the best model to `output`, its meta naming the data and figures on
    the held-out splits."""
    from spacy.cli.train import train as spacy_train

    random.Random(SEED).shuffle(corpora.train)
    work.mkdir(parents=True, exist_ok=True)
    overrides: dict[str, Any] = {
        **corpora.config,
        "paths.train": str(_write(corpora.train, work / "train.spacy")),
        "paths.dev": str(_write(corpora.dev, work / "dev.spacy")),
    }
    if max_steps is not None:
        overrides["training.max_steps"] = max_steps
        overrides["training.eval_frequency"] = max(1, min(max_steps, 1000))
    spacy_train(config_path(config or language), work / "model", overrides=overrides, use_gpu=-1)
    return finish(spacy.load(work / "model" / "model-best"), language, corpora, output)


def finish(nlp: Language, language: str, corpora: Corpora, output: Path) -> Language:
    """The trained `nlp` with the language's abbreviations, named, scored on the held-out
    splits (figures in its meta), saved to `output`."""
    add_abbreviations(nlp, language)
    nlp.meta["name"] = f"remembrance_{language}"
    nlp.meta["heldout"] = {name: score(nlp, docs) for name, docs in corpora.heldout.items()}
    nlp.meta["training_data"] = corpora.contributions
    nlp.meta["sources"] = corpora.sources
    licences = {source["license"] for source in corpora.sources}
    if "CC-BY-SA-4.0" in licences:
        licences = {"CC-BY-SA-4.0"}
    base = corpora.base
    if base is not None:  # the components are fine-tuned from the base model's
        nlp.meta["base"] = base
        licences.add(spacy.load(base_path(base)).meta["license"])
    nlp.meta["license"] = " AND ".join(sorted(licences))
    if output.exists():
        shutil.rmtree(output)
    # Fine-tuned components take their vocabulary and vectors from the base model at load time.
    nlp.to_disk(output, exclude=["vocab"] if base is not None else [])
    return nlp


def score(nlp: Language, docs: list[Doc]) -> dict[str, Any]:
    """spaCy's scores of `nlp` on held-out reference Docs (entities scored where annotated)."""
    examples = [Example(nlp.make_doc(doc.text), doc) for doc in docs]
    scores = nlp.evaluate(examples)
    keys = "ents_p ents_r ents_f ents_per_type pos_acc morph_acc dep_uas dep_las sents_f"
    return {k: scores[k] for k in keys.split() if scores.get(k) is not None}


def summary(nlp: Language) -> str:
    return json.dumps(
        {"heldout": nlp.meta["heldout"], "training_data": nlp.meta["training_data"]}, indent=1
    )
