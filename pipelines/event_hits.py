"""One match of a trigger read into an event: its participant, clause and candidate arguments,
for a noun trigger ("his arrest", "the arrest of X") or a verb."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from remembrance.pipelines.event_clause import (
    Clause,
    clause_head,
    cut,
    fronted_participle,
    surface_clause,
)
from remembrance.pipelines.event_participants import (
    genitive,
    main_participant,
    plural_antecedent,
    possessor,
)
from remembrance.pipelines.frames.tables import Frame, Table, Trigger
from remembrance.pipelines.parse_tags import PREDICATE_TAGS, VERB_TAGS
from remembrance.pipelines.records import LinkedMention

#: Dependency labels of clauses that hang under a noun or verb of another clause.
_SUBORDINATE = {"relcl", "acl:relcl", "acl", "ccomp"}


@dataclass(frozen=True, slots=True)
class Hit:
    """One match of a trigger (`start`-`end` in `sentence`), with what its event is read from:
    the mentions (`named`: those the parse does not resolve itself; `inside`: by token), and
    the spans of every trigger of the document."""

    text: str
    doc: Doc
    frame: Frame
    trigger: Trigger
    start: int
    end: int
    sentence: tuple[int, int]
    linked: Sequence[LinkedMention]
    named: Sequence[LinkedMention]
    inside: dict[int, LinkedMention]
    spans: Sequence[tuple[int, int]]
    table: Table


#: An event's participant (with whether coreference led to it, and the agent of an active verb),
#: the clause of its trigger, and the mentions that may be its other arguments.
Event = tuple[tuple[LinkedMention, bool, LinkedMention | None], Clause, list[LinkedMention]]


def possessed_event(hit: Hit) -> Event | None:
    """A noun trigger after a possessive ("his arrest") or before its participant ("the arrest
    of X", "l'arrestation de X"): the participant, and what follows."""
    text, sentence, start, end, table = hit.text, hit.sentence, hit.start, hit.end, hit.table
    # a possessive may stand for a resolved pronoun ("She joined … Her arrest")
    found = possessor(text, sentence, start, hit.frame, hit.linked, table) or genitive(
        text, sentence, end, hit.frame, hit.named, table
    )
    if found is None:
        return None
    lead = text[sentence[0] : start]
    own = table.possessor.search(lead)
    # "two years after her death": the clause's date is not the death's, only its own phrase's
    after = bool(table.relative_date.search(lead[: own.start()] if own else lead))
    if found[0].mention.start >= end:
        end = found[0].mention.end  # the arguments follow the participant
    left, right = cut(
        text, surface_clause(text, sentence, start, end, table), start, end, hit.spans, table
    )
    comma = text.find(",", end, right)  # a comma ends the noun's phrase ("After his arrest, …")
    clause = Clause(start if after else left, right if comma < 0 else comma, None)
    candidates = [
        m
        for m in hit.linked
        if clause.holds(hit.doc, m.mention.start, m.mention.end) and m.mention.start >= end
    ]
    return found, clause, candidates


def verbal_event(hit: Hit) -> Event | None:
    """A verb (or a noun read with its clause's verb): the participant from the parse or the
    surface, and the mentions of the trigger's clause."""
    doc, start, end, linked, table = hit.doc, hit.start, hit.end, hit.linked, hit.table
    parsed = doc.has_annotation("DEP")
    span = doc.char_span(start, end, alignment_mode="expand") if parsed else None
    if (
        span is not None
        and span.root.pos_ not in PREDICATE_TAGS
        and not hit.trigger.noun
        and not fronted_participle(span.root)
    ):
        return None  # a noun ("le convoi de déportés", "en l'honneur des fusillés")
    head = clause_head(span.root) if span is not None else None
    if hit.trigger.noun and head is not None and head.pos_ not in VERB_TAGS:
        head = clause_head(head.head)  # "kwam … om het leven" with "leven" parsed as a clause
    bounds = surface_clause(hit.text, hit.sentence, start, end, table)
    clause = Clause(*cut(hit.text, bounds, start, end, hit.spans, table), head)
    subjects = Clause(bounds[0], bounds[1], head)  # a conjunction shares the subject
    candidates = [m for m in linked if clause.holds(doc, m.mention.start, m.mention.end)]
    before = [
        m
        for m in linked
        if subjects.holds(doc, m.mention.start, m.mention.end, strict=False)
        and m.mention.end <= start
    ]
    root = span.root if span is not None else None
    if head is not None and (hit.trigger.noun or (root is not None and fronted_participle(root))):
        root = head  # "he lived as a prisoner in …": the subject of "lived"
    plural = plural_antecedent(root, linked, hit.frame, table) if root is not None else None
    if plural is not None:  # a plural pronoun is not guessed: nobody fitting, no event
        return ((plural[0], True, None), clause, candidates) if plural else None
    found = main_participant(
        hit.text,
        hit.frame,
        start,
        end,
        root,
        [*before, *(m for m in candidates if m.mention.start >= end)],
        hit.inside,
        linked,
        table,
    )
    if found is None and span is not None and _verbless(doc, hit.sentence):
        found = _entry_subject(hit)
    if found is None:
        return None
    subject = found[0].mention.start
    if (
        not hit.text[hit.sentence[0] : start].strip()
        and subject >= end
        and "," in hit.text[end:subject]
    ):  # a fronted participle's arguments are in its phrase ("Arrêté le …, X fut enfermé à …")
        clause = Clause(clause.start, min(clause.end, subject), clause.head)
        candidates = [m for m in candidates if m.mention.end <= subject]
    return found, clause, candidates


def _verbless(doc: Doc, sentence: tuple[int, int]) -> bool:
    """Whether a sentence's main clause has no finite verb: an entry's elliptical statement
    ("Inauguré en 1960.", "Œuvre du sculpteur X, inauguré en 1955.")."""
    span = doc.char_span(*sentence, alignment_mode="contract")
    if span is None:
        return False
    forms = [(t, t.morph.get("VerbForm", [])) for t in span]
    if not any(form for _, form in forms):
        return False  # no verb forms: a parse that does not tell
    return not any(  # a clause under a noun may have its own ("…, que les Allemands utilisèrent")
        "Fin" in form
        and (t.head if t.dep_.startswith(("aux", "cop")) else t).dep_ not in _SUBORDINATE
        for t, form in forms
    )


def _entry_subject(hit: Hit) -> tuple[LinkedMention, bool, None] | None:
    """What an elliptical sentence is about: the latest fitting entity named before it in its
    paragraph (an inventory's entry: "Neupré. Cimetière américain des Ardennes. Inauguré en
    1960.")."""
    paragraph = hit.text.rfind("\n\n", 0, hit.sentence[0])
    item = next(
        (
            m
            for m in reversed(hit.named)
            if paragraph < m.mention.start
            and m.mention.end <= hit.sentence[0]
            and m.entity.category in hit.frame.participants
        ),
        None,
    )
    return None if item is None else (item, True, None)
