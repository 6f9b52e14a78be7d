"""The mention a token of the dependency parse stands for: its own, an apposition's (a name parsed
as the flat dependent of its article or title), or a pronoun's antecedent (the latest fitting entity
named before it)."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from remembrance.pipelines.frames.tables import Table
from remembrance.pipelines.parse_subjects import SUBJECTS, clause_subjects
from remembrance.pipelines.parse_tags import VERB_TAGS
from remembrance.pipelines.records import LinkedMention

_GENDERS = {"Masc": "male", "Fem": "female"}  # the parse's grammatical genders, as the tables'


def mention_for(
    token: Token,
    inside: dict[int, LinkedMention],
    categories: frozenset[str],
    before: Sequence[LinkedMention],
    pronouns: dict[str, frozenset[str]],
    genders: dict[str, str],
) -> LinkedMention | None:
    """The mention a subject token stands for: its own, an apposition's, or a pronoun's antecedent
    (the latest entity of a fitting category, and gender for a person, named before it)."""
    if token.i in inside:
        return inside[token.i]
    appositions = [  # "burgemeester Van Hoof", "De [Gewapende Partizanen]" (a name parsed as flat)
        inside[c.i] for c in token.children if c.i in inside and _named_by(c)
    ]
    if appositions:
        return appositions[0]
    allowed = pronouns.get(token.lower_)
    if allowed is None or categories.isdisjoint(allowed) or _article(token):
        return None
    start, gender = token.idx, genders.get(token.lower_)
    fronted = _fronted_participles(token)
    agreeing = [
        m
        for m in reversed(before)
        if m.mention.end <= start
        and not any(left <= m.mention.start < right for left, right in fronted)
        and m.entity.category in allowed
        and m.entity.agrees_with(gender)
        and (gender is None or _grammatical_gender(token.doc, m) in (None, gender))
        and not (gender is not None and _possessed_phrase(token.doc, m, gender, genders))
    ]
    salient = _salient(token, agreeing) if agreeing else None
    if salient is not None:  # the subject before, even of a category that does not fit: then none
        return salient if salient.entity.category in categories else None
    chained = _pronoun_subject_before(token, gender, genders)
    if chained is not None:  # "He remained … . He died …": who the pronoun before stood for
        return mention_for(chained, inside, categories, before, pronouns, genders)
    fitting = [m for m in agreeing if m.entity.category in categories]
    return fitting[0] if fitting else None


def _possessed_phrase(doc: Doc, item: LinkedMention, gender: str, genders: dict[str, str]) -> bool:
    """A person named in a noun's phrase whose possessive has the pronoun's gender ("Zijn
    ontmoeting met Hitler … In juni 1944 voerden de Duitsers hem weg"): the possessor, not the
    person met, is who the text goes on about."""
    span = doc.char_span(item.mention.start, item.mention.end, alignment_mode="expand")
    if span is None or span.root.dep_ != "nmod" or span.root.head.pos_ != "NOUN":
        return False
    return any(
        c.dep_ in {"det", "nmod:poss", "poss"} and genders.get(c.lower_) == gender
        for c in span.root.head.children
    )


def _pronoun_subject_before(
    token: Token, gender: str | None, genders: dict[str, str]
) -> Token | None:
    """For a subject pronoun, the subject of the sentence right before when it is a pronoun of the
    same gender: both stand for one person."""
    doc, sentence = token.doc, token.sent
    if gender is None or token.dep_ not in SUBJECTS or sentence.start == 0:
        return None
    previous = doc[sentence.start - 1].sent
    return next(
        (
            t
            for t in previous.root.children
            if t.dep_ in SUBJECTS and genders.get(t.lower_) == gender and t.i != token.i
        ),
        None,
    )


def _salient(token: Token, fitting: Sequence[LinkedMention]) -> LinkedMention | None:
    """For a subject pronoun with nothing fitting named before it in its sentence, the subject of
    the sentence before when that fits ("La caserne Dossin fut l'antichambre d'Auschwitz pour
    les Juifs de Belgique. Située à Malines, elle …": the caserne, not Belgium)."""
    doc, sentence = token.doc, token.sent
    if token.dep_ not in SUBJECTS or fitting[0].mention.start >= sentence.start_char:
        return None
    if sentence.start == 0:
        return None
    previous = doc[sentence.start - 1].sent
    for m in fitting:
        if m.mention.start < previous.start_char:
            return None
        span = mention_span(doc, m)
        if span is not None and span.root.dep_ in SUBJECTS and span.root.head.dep_ == "ROOT":
            return m
    return None


def _fronted_participles(token: Token) -> list[tuple[int, int]]:
    """The character spans of the participle clauses fronted before a subject pronoun's verb
    ("Située à Malines, près d'Anvers, elle …"): the pronoun is their subject, so nothing named
    inside them is its antecedent."""
    head = token.head
    if token.dep_ not in SUBJECTS or head.i == token.i:
        return []
    return [
        (c.left_edge.idx, c.right_edge.idx + len(c.right_edge))
        for c in head.children
        if c.dep_ == "advcl"
        and c.i < token.i
        and "Part" in c.morph.get("VerbForm", [])
        and not any(s.dep_ in SUBJECTS for s in c.children)
    ]


def _article(token: Token) -> bool:
    """A pronoun's word used as the article of a subject: "Het net Clarence werd …" (tagged DET
    and parsed as the subject, a word of its own noun phrase after it, not a verb)."""
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return (
        token.pos_ == "DET"
        and token.dep_ in SUBJECTS
        and following is not None
        and following.pos_ not in VERB_TAGS
    )


def token_mention(
    token: Token,
    inside: dict[int, LinkedMention],
    categories: frozenset[str],
    linked: Sequence[LinkedMention],
    table: Table,
) -> LinkedMention | None:
    """The mention a token stands for: its own, an apposition's or a pronoun's antecedent."""
    return mention_for(token, inside, categories, linked, table.pronouns, table.genders)


def _grammatical_gender(doc: Doc, item: LinkedMention) -> str | None:
    """The gender the parse gives the head noun of a mention of a thing ("le gouvernement":
    male, so no "elle"); None for a person (their record says) or where the parse says none."""
    if item.entity.category == "Person":
        return None
    span = mention_span(doc, item)
    found = span.root.morph.get("Gender", []) if span is not None else []
    return _GENDERS.get(found[0]) if len(found) == 1 else None


def _named_by(child: Token) -> bool:
    """Whether a child of a noun names what the noun describes: an apposition, a name parsed as
    flat, or a name right after it without a preposition ("l'infirmière britannique Edith
    Cavell", parsed as nmod)."""
    return child.dep_ in {"appos", "flat"} or (
        child.dep_ in {"nmod", "flat:name", "compound"}
        and child.pos_ == "PROPN"
        and child.i > child.head.i
        and not any(c.dep_ == "case" for c in child.children)
    )


def mention_span(doc: Doc, item: LinkedMention) -> Span | None:
    """The tokens of a mention (None where they cannot be aligned)."""
    return doc.char_span(item.mention.start, item.mention.end, alignment_mode="expand")


def token_mentions(doc: Doc, linked: Sequence[LinkedMention]) -> dict[int, LinkedMention]:
    """The mention each token belongs to."""
    inside: dict[int, LinkedMention] = {}
    for item in linked:
        span = mention_span(doc, item)
        if span is not None:
            inside.update({t.i: item for t in span})
    return inside


def subject_mentions(
    anchor: Token,
    inside: dict[int, LinkedMention],
    linked: Sequence[LinkedMention],
    categories: frozenset[str],
    table: Table,
) -> tuple[bool, list[tuple[LinkedMention, bool]]]:
    """Whether the anchor's clause has a subject that names no entity ("the offensive opened"), and
    the mentions of `categories` its subject stands for, each with whether a pronoun led to it."""
    found = []
    tokens = clause_subjects(anchor, table)
    unnamed = any(t.pos_ in {"NOUN", "PROPN"} and t.i not in inside for t in tokens)
    for token in tokens:
        item = mention_for(token, inside, categories, linked, table.pronouns, table.genders)
        if item is None and token.dep_ == "appos" and token.head.i in inside:
            item = inside[token.head.i]  # "le FI, un mouvement fondé en 1941"
        if item is not None and item.entity.category in categories:
            found.append((item, token.i not in inside and token.lower_ in table.pronouns))
    return unnamed, found
