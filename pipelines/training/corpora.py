"""Readers of the training data into spaCy Docs.

- CoNLL-U treebanks (Universal Dependencies): words, spaces, POS, morphology, heads, relations.
- Column NER files (IOB1 or IOB2, one token and its tag per line, a blank line between
  sentences), as in the ICDAR re-release of the Europeana Newspapers NER corpora.
- The project's own gold documents (``tests/gold``): entities as NER labels.

Entity labels are PER, ORG and LOC throughout. A token whose entity is unknown keeps the missing
value, which spaCy's NER neither rewards nor penalises.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from remembrance.pipelines.errors import InputError
from remembrance.pipelines.training.litbank import UNKNOWN, litbank_sentences

#: Gold categories that map to an NER label; Memorial and Event spans stay unknown.
CATEGORY_LABELS = {"Person": "PER", "Group": "ORG", "Place": "LOC"}
#: Sentences of an NER file joined into one document, one per line, as outside splits are read
#: and the Dutch NER is trained (a file's sentence splits fall inside names: "C. M." | "Donders").
SENTENCES_PER_DOCUMENT = 10
#: Relations of older UD releases renamed in UD 2, and the root as spaCy names it.
RELATION_RENAMES = {"flat:name": "flat", "root": "ROOT"}


def conllu_sentences(path: Path) -> Iterator[list[list[str]]]:
    """The sentences of a CoNLL-U file, each a list of 10-column rows (no multiword ranges)."""
    rows: list[list[str]] = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            line = line.rstrip("\n")
            if not line:
                if rows:
                    yield rows
                rows = []
            elif not line.startswith("#"):
                columns = line.split("\t")
                if len(columns) != 10:
                    raise InputError(f"{path}:{number}: {len(columns)} columns, CoNLL-U has 10")
                if "-" not in columns[0] and "." not in columns[0]:
                    rows.append(columns)
    if rows:
        yield rows


def conllu_doc(vocab: Vocab, rows: list[list[str]]) -> Doc:
    """One treebank sentence as a Doc with POS, morphology, heads and relations."""
    words = [r[1] for r in rows]
    spaces = ["SpaceAfter=No" not in r[9].split("|") for r in rows]
    spaces[-1] = False
    heads = [int(r[6]) - 1 if r[6] != "0" else i for i, r in enumerate(rows)]
    deps = [RELATION_RENAMES.get(r[7], r[7]) for r in rows]
    starts: list[bool | int | None] = [True]
    starts += [False] * (len(rows) - 1)
    return Doc(
        vocab,
        words=words,
        spaces=spaces,
        pos=[r[3] for r in rows],
        morphs=[r[5] if r[5] != "_" else "" for r in rows],
        heads=heads,
        deps=deps,
        sent_starts=starts,
    )


def read_conllu(vocab: Vocab, path: Path, exclude: Iterable[str] = ()) -> list[Doc]:
    """Every sentence of a treebank, except those whose words are in `exclude` (joined by
    spaces): a sentence of an older release that a newer release put in its test split."""
    excluded = set(exclude)
    docs = []
    for rows in conllu_sentences(path):
        if " ".join(r[1] for r in rows) not in excluded:
            docs.append(conllu_doc(vocab, rows))
    return docs


def column_sentences(path: Path) -> Iterator[tuple[list[str], list[str]]]:
    """(words, tags) per sentence of a two-column NER file."""
    words: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            columns = line.split()
            if not columns:
                if words:
                    yield words, tags
                words, tags = [], []
                continue
            if len(columns) < 2:
                raise InputError(f"{path}:{number}: a token without its tag")
            words.append(columns[0])
            tags.append(columns[-1])
    if words:
        yield words, tags


def ner_sentences(path: Path) -> Iterator[tuple[list[str], list[str]]]:
    """(words, tags) per sentence of an NER file: LitBank brat annotation (``.ann``, its text
    beside it) or a column file."""
    return litbank_sentences(path) if path.suffix == ".ann" else column_sentences(path)


def annotation_paths(paths: Iterable[Path]) -> list[Path]:
    """The files to read of a split: not the texts that an annotation file beside them reads."""
    paths = list(paths)
    annotated = {p.with_suffix(".txt") for p in paths if p.suffix == ".ann"}
    return [p for p in paths if p not in annotated]


def iob1_to_iob2(tags: list[str]) -> list[str]:
    """IOB1 (I- everywhere, B- only between two adjacent entities) → IOB2 (B- at every start)."""
    result = []
    previous = "O"
    for tag in tags:
        if tag.startswith("I-") and previous[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        result.append(tag)
        previous = tag
    return result


def read_columns(vocab: Vocab, path: Path) -> list[Doc]:
    """An NER file (`ner_sentences`) as one Doc per sentence, entities PER, ORG, LOC; LitBank's
    unmarked names are unknown."""
    docs = []
    for words, tags in ner_sentences(path):
        ents = ["" if tag == UNKNOWN else tag for tag in iob1_to_iob2(tags)]
        docs.append(Doc(vocab, words=words, ents=ents))
    return docs


def documents(sentences: list[Doc], size: int = SENTENCES_PER_DOCUMENT) -> list[Doc]:
    """Consecutive sentences joined into documents of `size` sentences, one per line (a line
    break is a token of its own, outside any entity), their entity annotation kept."""
    result = []
    for first in range(0, len(sentences), size):
        words: list[str] = []
        spaces: list[bool] = []
        ents: list[str] = []
        for number, doc in enumerate(sentences[first : first + size]):
            if number:
                words.append("\n")
                spaces.append(False)
                ents.append("O")
            for token in doc:
                words.append(token.text)
                spaces.append(bool(token.whitespace_) and token.i < len(doc) - 1)
                known = token.ent_iob_ in ("B", "I")
                ents.append(f"{token.ent_iob_}-{token.ent_type_}" if known else token.ent_iob_)
        result.append(Doc(sentences[first].vocab, words=words, spaces=spaces, ents=ents))
    return result


def corpus_texts(language: str) -> list[str]:
    """The texts of the project's corpus in `language` (``corpus/<language>``, our own writing)."""
    folder = resources.files("remembrance.corpus") / language
    return [
        item.read_text(encoding="utf-8")
        for item in sorted(folder.iterdir(), key=str)
        if item.name.endswith(".txt")
    ]


def gold_in(folder: Path, language: str) -> list[Path]:
    """Every gold document of one language in `folder` (a smoke training's sample)."""
    return sorted(folder.glob(f"{language}-*.json"))


def read_gold(vocab: Vocab, paths: Iterable[Path], language: str) -> list[Doc]:
    """The project's gold documents (``.json`` annotations beside their ``.txt``) of one
    language, tokenised by `vocab`'s language, with Person, Group and Place as PER, ORG and
    LOC; Memorial and Event spans stay unknown."""
    from spacy.util import get_lang_class

    tokenizer = get_lang_class(language)(vocab=vocab).tokenizer
    docs = []
    for path in paths:
        annotations = json.loads(path.read_text(encoding="utf-8"))
        doc = tokenizer(path.with_suffix(".txt").read_text(encoding="utf-8"))
        known: list[Span] = []
        unknown: list[Span] = []
        for item in annotations["entities"]:
            span = doc.char_span(item["start"], item["end"], alignment_mode="expand")
            if span is None:
                raise InputError(f"{path}: no tokens at {item['start']}-{item['end']}")
            label = CATEGORY_LABELS.get(item["category"])
            (known if label else unknown).append(Span(doc, span.start, span.end, label or ""))
        doc.set_ents(known, missing=unknown, default="outside")
        docs.append(doc)
    return docs
