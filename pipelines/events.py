"""Event frames: who was born, arrested, executed, deported … when and where.

A trigger of the language's table (pipelines/frames/<language>.toml) reports an event of a frame
(frames.toml). Its arguments come from its clause: the clause of the trigger's verb in the
dependency parse where there is one, else the stretch of the sentence between clause breaks.
The main participant is the clause's subject (through passives, appositions, relative clauses,
fronted participles and pronouns), else the nearest fitting mention before the trigger, else the
one right after it (active voice: "the Gestapo arrested X", with the subject as agent). A date in
the clause dates the event; a mention introduced by a role's words ("in", "by", "to") fills that
role; the object of a frame with one follows the trigger. Each argument gives the participant
the frame's shortcut property (birth: place → bornIn, date → bornOn), as a statement.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc

from remembrance.pipelines.config import DEFAULT_CONFIG
from remembrance.pipelines.event_arguments import (
    ROLE_CATEGORIES,
    companions,
    locative,
    object_pronoun,
    role_arguments,
)
from remembrance.pipelines.event_clause import Clause
from remembrance.pipelines.event_dates import event_date
from remembrance.pipelines.event_hits import Hit, possessed_event, verbal_event
from remembrance.pipelines.event_participants import all_participants
from remembrance.pipelines.frames.tables import Table, load_frames
from remembrance.pipelines.parse_mentions import token_mentions
from remembrance.pipelines.parse_tags import VERB_TAGS
from remembrance.pipelines.patterns import conjuncts
from remembrance.pipelines.records import DateMention, LinkedMention, Statement

#: Roles that coordinated mentions share ("attacked Belgium, the Netherlands and Luxembourg").
_COORDINATED = {"object", "destination"}


def frame_statements(
    doc: Doc,
    linked: Sequence[LinkedMention],
    dates: Sequence[DateMention],
    sentences: Sequence[tuple[int, int]],
    table: Table,
) -> list[Statement]:
    """The shortcut statements of the events the triggers of `table` report."""
    text = doc.text
    frames = load_frames()
    parsed = doc.has_annotation("DEP")
    named = [  # the parse resolves pronouns itself; descriptions ("the pilot") are resolved here
        m
        for m in linked
        if m.mention.source != "coreference" or m.mention.text.lower() not in table.pronouns
    ]
    inside = token_mentions(doc, named) if parsed else {}
    position = {id(item): i for i, item in enumerate(linked)}
    statements: list[Statement] = []
    matches = [(t, list(t.words.finditer(text))) for t in table.triggers]
    spans = [m.span() for _, hits in matches for m in hits]
    for trigger, hits in matches:
        frame = frames[trigger.frame]
        for match in hits:
            start, end = match.start(), match.end()
            if any(m.mention.start < end and start < m.mention.end for m in linked):
                continue  # part of a name ("Enclos des Fusillés")
            sentence = next((s for s in sentences if s[0] <= start < s[1]), None)
            if sentence is None:
                continue
            hit = Hit(
                text, doc, frame, trigger, start, end, sentence, linked, named, inside, spans, table
            )
            event = possessed_event(hit) if trigger.possessed else verbal_event(hit)
            if event is not None:
                found, clause, candidates = event
                for participant in all_participants(text, frame, found[0], linked, position, table):
                    made = _statements(
                        hit, (participant, *found[1:]), candidates, clause, dates, position
                    )
                    statements += made + _gapped(hit, clause, made, dates)
    return statements


def _gapped(
    hit: Hit, clause: Clause, made: Sequence[Statement], dates: Sequence[DateMention]
) -> list[Statement]:
    """An event told again of another participant with its verb left out ("Edith Cavell y fut
    fusillée le 12 octobre 1915, et Gabrielle Petit le 1er avril 1916"): after the clause, a
    conjunction, a fitting mention and, before the sentence ends, a date and no verb (the parse
    says). The other participant takes the event's arguments and that date."""
    text, doc, sentence, gapping = hit.text, hit.doc, hit.sentence, hit.table.gapping
    if gapping is None or not made or not doc.has_annotation("DEP"):
        return []
    other = next((m for m in hit.linked if clause.end <= m.mention.start < sentence[1]), None)
    if (
        other is None
        or other.entity.category not in hit.frame.participants
        or other.entity.id == made[0].subject
        or not gapping.fullmatch(text, clause.end, other.mention.start)
    ):
        return []
    date = next((d for d in dates if other.mention.end <= d.start < sentence[1]), None)
    if date is None:
        return []
    comma = text.find(",", date.end, sentence[1])  # a clause after it has verbs of its own
    rest = doc.char_span(
        other.mention.end, comma if comma >= 0 else sentence[1], alignment_mode="expand"
    )
    if rest is None or any(t.pos_ in VERB_TAGS for t in rest):
        return []
    return [
        replace(
            s,
            subject=other.entity.id,
            object=date.value if s.date is not None and s.object == s.date.value else s.object,
            start=min(s.start, other.mention.start),
            end=max(s.end, date.end),
            date=date if s.date is not None else None,
        )
        for s in made
        if s.subject == made[0].subject and (s.object_is_entity or s.date is not None)
    ]


def _statements(
    hit: Hit,
    found: tuple[LinkedMention, bool, LinkedMention | None],
    candidates: Sequence[LinkedMention],
    clause: Clause,
    dates: Sequence[DateMention],
    position: dict[int, int],
) -> list[Statement]:
    """The shortcut statements of one event: an argument's, and the date's."""
    text, frame, start, end, sentence = hit.text, hit.frame, hit.start, hit.end, hit.sentence
    linked, table = hit.linked, hit.table
    base: float = DEFAULT_CONFIG["confidence"]["frame"]
    statements: list[Statement] = []
    participant, coreference, agent = found
    arguments = role_arguments(
        text, frame, hit.trigger, end, participant, candidates, frame.objects, table.arguments_after
    )
    if agent is not None and "agent" in frame.roles:
        arguments.setdefault("agent", agent)
    if "object" in frame.roles and "object" not in arguments:
        pronoun = object_pronoun(text, end, sentence, linked, participant, frame.objects, table)
        if pronoun is not None:
            arguments["object"] = pronoun
    if "place" in frame.roles and "place" not in arguments:
        there = locative(text, start, end, clause, sentence, linked, participant, table)
        if there is not None:
            arguments["place"] = there
    date = (
        event_date(text, dates, clause, sentence, hit.doc, start, linked, table, participant)
        if "date" in frame.roles or arguments
        else None
    )
    ends = [participant.mention.start, participant.mention.end, start, end]
    count = companions(text, clause, end, table)
    shared = [
        (role, other)
        for role, item in arguments.items()
        if role in _COORDINATED and id(item) in position  # not a pronoun's antecedent
        for other in conjuncts(
            text,
            linked,
            position[id(item)],
            ROLE_CATEGORIES.get(role, frame.objects),
            table,
        )
    ]
    for role, item in [*arguments.items(), *shared]:
        statements.append(
            Statement(
                participant.entity.id,
                frame.roles[role],
                item.entity.id,
                True,
                min(*ends, item.mention.start),
                max(*ends, item.mention.end),
                sentence,
                "frame",
                round(base * min(participant.confidence, item.confidence), 3),
                date=date,
                coreference=coreference or item.mention.source == "coreference",
                count=count,
            )
        )
    if date is not None and "date" in frame.roles:
        statements.append(
            Statement(
                participant.entity.id,
                frame.roles["date"],
                date.value,
                False,
                min(*ends, date.start),
                max(*ends, date.end),
                sentence,
                "frame",
                round(base * participant.confidence, 3),
                date=date,
                coreference=coreference,
                count=count,
            )
        )
    return statements
