"""The clause of an event trigger: where its arguments may be, from the dependency parse or
between the clause breaks of the surface."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from remembrance.pipelines.frames.tables import Table
from remembrance.pipelines.parse_tags import VERB_TAGS

#: Dependency labels of the heads of clauses.
_CLAUSAL = {"ROOT", "advcl", "relcl", "acl", "acl:relcl", "ccomp", "xcomp", "parataxis", "csubj"}


@dataclass(frozen=True, slots=True)
class Clause:
    """Where a trigger's arguments may be: character bounds, and with a parse, the clause head
    every argument must share with the trigger."""

    start: int
    end: int
    head: Token | None

    def holds(self, doc: Doc, start: int, end: int, strict: bool = True) -> bool:
        """Within the bounds and, with a parse, in the trigger's clause (`strict`), or at least not
        in the clause of another verb."""
        if not (self.start <= start and end <= self.end):
            return False
        if self.head is None or self.head.pos_ not in VERB_TAGS:
            return True
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        head = clause_head(span.root)
        return head.i == self.head.i or (not strict and head.pos_ not in VERB_TAGS)


def clause_head(token: Token) -> Token:
    t = token
    while not (t.dep_ in _CLAUSAL or (t.dep_ == "conj" and t.pos_ in VERB_TAGS)):
        if t.head.i == t.i:
            break
        t = t.head
    return t


def surface_clause(
    text: str, sentence: tuple[int, int], start: int, end: int, table: Table
) -> tuple[int, int]:
    """The stretch of the sentence around start-end between clause breaks."""
    left, right = sentence
    for found in table.clause_break.finditer(text, sentence[0], sentence[1]):
        if found.end() <= start:
            left = found.end()
        elif found.start() >= end:
            right = found.start()
            break
    return left, right


def cut(
    text: str,
    bounds: tuple[int, int],
    start: int,
    end: int,
    others: Sequence[tuple[int, int]],
    table: Table,
) -> tuple[int, int]:
    """The clause cut at a conjunction between the trigger and another trigger of its clause
    ("werd gearresteerd en in 1944 gefusilleerd op …"): what lies beyond belongs to the other."""
    left, right = bounds
    for other_start, other_end in others:
        if end <= other_start < right:
            found = table.conjunction.search(text, end, other_start)
            if found:
                right = found.start()
        elif left <= other_start and other_end <= start:
            found = list(table.conjunction.finditer(text, other_end, start))
            if found:
                left = found[-1].end()
    return left, right


def fronted_participle(token: Token) -> bool:
    """A participle opening its sentence before a preposition that the tagger read as a noun for
    its capital ("Incarcérée en Belgique, …, l'enseignante fut jugée")."""
    doc = token.doc
    opens = token.i == 0 or token.is_sent_start or doc[token.i - 1].is_space
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return (
        bool(opens)
        and token.pos_ in {"NOUN", "PROPN"}
        and after is not None
        and after.pos_ == "ADP"
    )
