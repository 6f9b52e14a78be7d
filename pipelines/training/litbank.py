"""LitBank's entity mentions (its coreference layer, brat standoff) as sentences of words and tags.

A LitBank text is a pair: ``NAME.txt`` holds one tokenised sentence per line (tokens separated by
one space) and ``NAME.ann`` one mention per ``T`` line (``T5<TAB>KIND_TYPE START END<TAB>text``,
character offsets into the text), KIND being PROP (a proper name), NOM (a common noun phrase,
"the county of Gloucester") or PRON. Only proper names are entities here, their ACE types mapped
to our labels by `TYPE_LABELS`: PER → PER (Person); ORG → ORG (Group); GPE, LOC and FAC → LOC
(Place: countries, cities, natural places, buildings and sites); VEH (ships) is left out. A name
inside another keeps the outer one ("the Bank of England", not "England").

A capitalised word (not the first of its sentence) inside a common noun phrase that no
proper-name mention covers ("James Stevenson" in "James Stevenson, Esq. of South Park",
annotated as one NOM mention) may be a name that LitBank did not mark: its tag is `UNKNOWN`,
which training leaves unknown (neither rewarded nor penalised) and scoring reads as outside any
entity.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from remembrance.pipelines.errors import InputError

TYPE_LABELS = {"PER": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
#: Titles and ranks that our guidelines leave out of a person's name ("Sir Walter" → "Walter");
#: training drops them from LitBank's person names, and "the" from every name, as our
#: guidelines do (scoring keeps LitBank's spans).
_TITLE_WORDS = """
Mr. Mr Mrs. Mrs Miss Ms. Master Mistress Sir Lady Lord Dame Dr. Dr Doctor Professor
Prof. Rev. Reverend Parson Father Brother Sister Mother Uncle Aunt Judge Squire Captain
Capt. Colonel Col. General Gen. Major Lieutenant Lt. Sergeant Corporal Private Admiral
Commander King Queen Prince Princess Duke Duchess Count Countess Baron Baroness Earl
Emperor Monsieur M. Madame Mme. Mademoiselle Mlle. Herr Frau Señor Don Donna
"""
TITLES = frozenset(_TITLE_WORDS.split())
KINDS = ("PROP", "NOM", "PRON")
UNKNOWN = "-"

Mention = tuple[int, int, str, str]  # start, end, kind, ACE type


def _mentions(path: Path) -> list[Mention]:
    mentions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.startswith("T"):
            continue
        columns = line.split("\t")
        fields = columns[1].split(" ") if len(columns) == 3 else []
        if len(fields) != 3:
            raise InputError(f"{path}:{number}: not a brat mention (T…<TAB>TYPE START END<TAB>…)")
        kind, _, ace = fields[0].partition("_")
        if kind in KINDS:  # other T lines name coreference chains
            mentions.append((int(fields[1]), int(fields[2]), kind, ace))
    return mentions


def _names(mentions: list[Mention], labels: dict[str, str]) -> list[tuple[int, int, str]]:
    """Proper-name mentions of a mapped type, outermost first, none inside another."""
    named = sorted(
        ((s, e, labels[t]) for s, e, k, t in mentions if k == "PROP" and t in labels),
        key=lambda m: (m[0], -m[1]),
    )
    kept: list[tuple[int, int, str]] = []
    for start, end, label in named:
        if not kept or start >= kept[-1][1]:
            kept.append((start, end, label))
    return kept


def _without_titles(
    words: list[str], tags: list[str], titles: frozenset[str], person: str
) -> list[str]:
    """Leading determiners out of every name, leading titles out of person names."""
    tags = list(tags)
    for i, word in enumerate(words):
        label = tags[i][2:]
        following = tags[i + 1] if i + 1 < len(tags) else "O"
        leading = word.lower() == "the" or (label == person and word in titles)
        if tags[i].startswith("B-") and leading and following == f"I-{label}":
            tags[i], tags[i + 1] = "O", f"B-{label}"
    return tags


def litbank_sentences(
    path: Path, labels: dict[str, str] = TYPE_LABELS, titles: frozenset[str] = frozenset()
) -> Iterator[tuple[list[str], list[str]]]:
    """(words, IOB2 tags) per sentence of the LitBank text whose annotation is `path` (.ann),
    LitBank's types named by `labels` (others left out); given `titles`, leading "the" out of
    every name and leading titles out of person names (PER)."""
    text_path = path.with_suffix(".txt")
    if not text_path.is_file():
        raise InputError(f"{path}: its text {text_path.name} is missing beside it")
    text = text_path.read_text(encoding="utf-8")
    mentions = _mentions(path)
    names = _names(mentions, labels)
    proper = {c for s, e, k, _ in mentions if k == "PROP" for c in range(s, e)}
    common = {c for s, e, k, _ in mentions if k == "NOM" for c in range(s, e)}
    label_at = {c: (s, label) for s, e, label in names for c in range(s, e)}
    offset = 0
    for line in text.split("\n"):
        words: list[str] = []
        tags: list[str] = []
        position = offset
        for word in line.split(" "):
            if word:
                if position in label_at:
                    start, label = label_at[position]
                    tags.append(("B-" if start == position else "I-") + label)
                elif words and word[0].isupper() and position in common and position not in proper:
                    tags.append(UNKNOWN)
                else:
                    tags.append("O")
                words.append(word)
            position += len(word) + 1
        offset += len(line) + 1
        if words:
            yield words, _without_titles(words, tags, titles, labels["PER"]) if titles else tags
