"""Relations from the dependency parse (languages with a parser; the rules are rows of the
language's table in pipelines/frames/).

A linked mention is attached to an anchor: the verb or noun that governs it, with the preposition
that introduces it ("executed *at* X", "fondé *par* X", "member *of* X") or as its direct object.
A rule names anchor words, markers and the categories at both ends; the other end is the anchor's
subject, found through passives, copulas ("was a member of"), coordinated verbs, relative clauses
and appositions ("X, membre du FI"), "parmi lesquels X", and personal pronouns, which stand for the
latest fitting entity named before them. Coordinated objects share their first conjunct's anchor.
A few slips of a small parser are read through (the Dutch model: LAS 0.66): a second subject of a
verb is its object, a name parsed as the flat dependent of its article or title stands for it, a
word with a copula is nominal.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Token

from remembrance.pipelines.config import DEFAULT_CONFIG
from remembrance.pipelines.frames.tables import Rule, Table
from remembrance.pipelines.parse_mentions import mention_for, mention_span, token_mentions
from remembrance.pipelines.parse_subjects import OBJECTS, clause_subjects, displaced, nominal
from remembrance.pipelines.records import LinkedMention, Statement

VERB, NOUN = "verb", "noun"


def _keys(token: Token, table: Table) -> set[str]:
    """The words a rule can name the anchor by: lemma, form, and with a fixed complement
    ("take place", "avoir lieu", "set up") or a reflexive ("se trouver"); a model without a
    lemmatizer names it by its form ("richtte op")."""
    lemma = token.lemma_.lower() or token.lower_
    keys = {lemma, token.lower_}
    for child in token.children:
        if child.lower_ in table.complements:
            word = "se" if child.lower_ == "s'" else child.lower_
            keys |= {f"{lemma} {word}", f"{word} {lemma}"}
    return keys


def _coordinated(conj: Token) -> bool:
    """Whether a conjunct shares its first conjunct's attachment: a conjunction joins them (on
    it, on a later conjunct, on the first one or on the first one's head: parsers differ), and it
    has no preposition of its own other than the first's ("in Mechelen, halverwege Brussel";
    "door Dewé, terwijl … X")."""
    first = conj.head
    later = [c for c in first.children if c.dep_ == "conj" and c.i >= conj.i]
    between = [  # or on the first one's head, between the two ("zat gevangen in A en in B")
        c for c in first.head.children if c.dep_ == "cc" and first.i < c.i < conj.i
    ]
    joined = any(c.dep_ == "cc" for t in (first, *later) for c in t.children)
    if not between and not joined:
        return False
    cases = [c.lower_ for c in conj.children if c.dep_ == "case" and c.i < conj.i]
    same = cases == [c.lower_ for c in first.children if c.dep_ == "case"]
    # through the head, only with the first one's own preposition repeated ("… en daarna in B")
    return (bool(cases) and same) if not joined else (not cases or same)


def _attachment(
    token: Token, inside: dict[int, LinkedMention], table: Table
) -> tuple[Token, str, int] | None:
    """The anchor governing a mention's root, the marker introducing it and the position of that
    marker. Conjuncts share the first conjunct's attachment; a title before a name ("door
    burgemeester X", "het netwerk Clarence") and a generic noun in between ("dans l'enceinte *de*
    X") are climbed; a fixed complement stands for its verb ("het bevel *over* X")."""
    t = token
    if t.dep_ in {"appos", "flat"} and t.head.pos_ == "NOUN" and t.head.i < t.i:
        t = t.head if t.head.i not in inside else t
    for _ in range(3):
        while t.dep_ == "conj":
            if not _coordinated(t):
                return None
            t = t.head
        if t.dep_ == "pobj" and t.head.pos_ == "ADP":
            prep = t.head
            while prep.dep_ == "conj" and prep.head.pos_ == "ADP":
                prep = prep.head
            marker, anchor, position = (
                "by" if prep.dep_ == "agent" else prep.lower_,
                prep.head,
                prep.i,
            )
        elif cases := [c for c in t.children if c.dep_ == "case" and c.i < t.i]:
            marker, anchor, position = " ".join(c.lower_ for c in cases), t.head, cases[0].i
        elif t.dep_ in OBJECTS or displaced(t) or t.dep_ == "obl":  # obl without case: a slip
            marker, anchor, position = "obj", t.head, t.i
        else:
            return None
        if anchor.lower_ in table.complements and anchor.dep_ in OBJECTS and marker != "obj":
            anchor = anchor.head
        generic = (
            anchor.pos_ == "NOUN"
            and anchor.i not in inside
            and marker in table.markers.get("through", table.markers["of"])
        )
        if not generic or any(
            _keys(anchor, table) & r.words for r in table.rules if r.kind == NOUN
        ):
            return anchor, marker, position
        t = anchor
    return None


def _rule(anchor: Token, marker: str, category: str, table: Table) -> Rule | None:
    kind = NOUN if nominal(anchor) else VERB
    keys = _keys(anchor, table)
    return next(
        (
            r
            for r in table.rules
            if r.kind == kind and marker in r.markers and keys & r.words and category in r.objects
        ),
        None,
    )


def _possessed(
    doc: Doc, linked: Sequence[LinkedMention], table: Table
) -> Iterable[tuple[Token, Rule, LinkedMention]]:
    """ "its founder, X", "sa fondatrice, X": the possessive stands for the latest entity that fits
    as the object of the noun."""
    for token in doc:
        if token.lower_ not in table.possessives or token.dep_ not in {"poss", "det", "nmod:poss"}:
            continue
        rules = [r for r in table.rules if r.kind == NOUN and _keys(token.head, table) & r.words]
        for rule in rules:
            antecedent = mention_for(
                token, {}, rule.objects, linked, table.possessives, table.genders
            )
            if antecedent is not None:
                yield token.head, rule, antecedent
                break


def dependency_statements(
    doc: Doc, linked: Sequence[LinkedMention], table: Table
) -> list[Statement]:
    """Relations between linked mentions of one sentence, read off the parse. Confidence is the
    configured one times the weaker mention's (alone, this extractor scored P 0.93 on the dev
    split, on which it was tuned). A language whose table has no dependency rules gets none."""
    if not doc.has_annotation("DEP") or not table.rules:
        return []
    confidence: float = DEFAULT_CONFIG["confidence"]["dependency"]
    inside = token_mentions(doc, linked)
    spans = [(mention_span(doc, item), item) for item in linked]
    roots = [(span.root, item) for span, item in spans if span is not None]
    # per anchor and rule, the objects behind the first marker ("executed at X in Y": X)
    attached: dict[tuple[int, Rule], list[tuple[int, LinkedMention]]] = defaultdict(list)
    for root, item in roots:
        attachment = _attachment(root, inside, table)
        if attachment is not None:
            anchor, marker, position = attachment
            rule = _rule(anchor, marker, item.entity.category, table)
            if rule is not None:
                attached[anchor.i, rule].append((position, item))
    for anchor, rule, item in _possessed(doc, linked, table):
        attached[anchor.i, rule].append((-1, item))
    statements: dict[tuple[str, str, str, int], Statement] = {}
    for (i, rule), objects in attached.items():
        anchor = doc[i]
        first = min(position for position, _ in objects)
        for item in (item for position, item in objects if position == first):
            for token in clause_subjects(anchor, table):
                other = mention_for(
                    token, inside, rule.subjects, linked, table.pronouns, table.genders
                )
                if (
                    other is None
                    or other.entity.id == item.entity.id
                    or other.entity.category not in rule.subjects
                ):
                    continue
                subject, obj = (item, other) if rule.inverse else (other, item)
                sentence = anchor.sent
                ends = [token.idx, token.idx + len(token), anchor.idx, anchor.idx + len(anchor)]
                if sentence.start_char <= item.mention.start < sentence.end_char:
                    ends += [item.mention.start, item.mention.end]
                statement = Statement(
                    subject.entity.id,
                    rule.predicate,
                    obj.entity.id,
                    True,
                    min(ends),
                    max(ends),
                    (sentence.start_char, sentence.end_char),
                    "dependency",
                    round(confidence * min(item.confidence, other.confidence), 3),
                    coreference=first < 0
                    or (token.i not in inside and token.lower_ in table.pronouns)
                    or "coreference" in {item.mention.source, other.mention.source},
                )
                key = (statement.subject, statement.predicate, obj.entity.id, sentence.start)
                statements.setdefault(key, statement)
    return list(statements.values())
