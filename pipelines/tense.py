"""The time a sentence speaks of when it has no date expression: a sentence in the present tense
speaks of the time of publication ("Kazerne Dossin is located in Mechelen": the memorial, not the
camp of 1942-1944). Languages with a parser read the tense from it; others use cue words
(``DEFAULT_CONFIG["present_tense_cues"]``)."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from spacy.tokens import Doc, Span, Token

from remembrance.pipelines.config import DEFAULT_CONFIG
from remembrance.pipelines.parse_tags import VERB_TAGS
from remembrance.pipelines.records import DateMention, Document

_PRESENT_TAGS = {"VBZ", "VBP"}
_AUXILIARIES = {"aux", "auxpass", "aux:pass", "cop"}  # not "aux:tense": le passé composé is past


def _finite_present(token: Token) -> bool:
    morph = token.morph
    if token.tag_ in _PRESENT_TAGS:
        return True
    return "Pres" in morph.get("Tense", []) and "Fin" in morph.get("VerbForm", [])


def present_tense(sentence: Span, cues: Collection[str] | None = None) -> bool:
    """Whether the sentence's main verb is in the present tense ("Kazerne Dossin is located in
    Mechelen", "se trouve à Malines"; not the passé composé "a été déporté"). With `cues` (a
    pipeline without a parser), whether the sentence has one of those words ("Kazerne Dossin ligt
    in Mechelen")."""
    if cues is not None:
        return any(token.lower_ in cues for token in sentence)
    root = sentence.root
    verbless = root.pos_ not in VERB_TAGS and all(c.dep_ != "cop" for c in root.children)
    if verbless:  # a parse that missed the verb: the first finite verb of the sentence
        finite = [t for t in sentence if "Fin" in t.morph.get("VerbForm", [])]
        return bool(finite) and _finite_present(finite[0])
    if any(child.dep_ == "aux:tense" for child in root.children):
        return False
    verbs = [root, *(child for child in root.children if child.dep_ in _AUXILIARIES)]
    return any(_finite_present(verb) for verb in verbs)


def publication_dates(
    doc: Doc, document: Document, dates: Sequence[DateMention]
) -> dict[tuple[int, int], DateMention]:
    """The publication date, as the date of each sentence in the present tense that has no
    date expression of its own; nothing when the document has no publication date."""
    if document.published is None:
        return {}
    cues = None  # a parse gives the tense; without one, the language's cue words do
    if not doc.has_annotation("DEP"):
        cues = set(DEFAULT_CONFIG["present_tense_cues"].get(document.language, ()))
    published = document.published
    result = {}
    for sentence in doc.sents:
        span = (sentence.start_char, sentence.end_char)
        if any(span[0] <= d.start < span[1] for d in dates):
            continue
        if present_tense(sentence, cues):
            result[span] = DateMention(
                "", span[0], span[0], published.isoformat(), published, published
            )
    return result
