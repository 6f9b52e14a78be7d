"""The date of an event: the date of its trigger's clause nearest the trigger."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from remembrance.pipelines.config import DEFAULT_CONFIG
from remembrance.pipelines.dated import is_relative
from remembrance.pipelines.event_clause import Clause
from remembrance.pipelines.frames.tables import Table
from remembrance.pipelines.parse_tags import VERB_TAGS
from remembrance.pipelines.records import DateMention, LinkedMention


def event_date(
    text: str,
    dates: Sequence[DateMention],
    clause: Clause,
    sentence: tuple[int, int],
    doc: Doc,
    trigger_start: int,
    linked: Sequence[LinkedMention],
    table: Table,
    participant: LinkedMention,
) -> DateMention | None:
    """The date of the clause nearest the trigger, one of the trigger's own clause before one the
    parse leaves unplaced; not one inside a name ("the invasion of 10 May 1940"). With a parse,
    a date of the sentence the parse gives the trigger's verb counts too ("On 14 January 1944,
    while trying to escape …, Dewé was shot dead")."""
    verb = clause.head is not None and clause.head.pos_ in VERB_TAGS
    sentence_wide = Clause(*sentence, clause.head)
    within = [
        d
        for d in dates
        if (
            clause.holds(doc, d.start, d.end, strict=False)
            or (verb and sentence_wide.holds(doc, d.start, d.end))
        )
        and not is_relative(text, d, table)
        and not any(m.mention.start <= d.start and d.end <= m.mention.end for m in linked)
        and not _of_another_event(doc, d, linked, participant)
    ]
    if not within and verb:  # "On 7 June 1944, a day after …, the Germans deported X"
        within = [d for d in dates if _opens(text, sentence, d) and d.end <= trigger_start]
    return min(
        within,
        key=lambda d: (not clause.holds(doc, d.start, d.end), abs(d.start - trigger_start)),
        default=None,
    )


def _opens(text: str, sentence: tuple[int, int], date: DateMention) -> bool:
    """Whether a date opens its sentence, after one word at most, and a comma closes it: the
    date of the main clause, whatever the parse attached it to."""
    return (
        sentence[0] <= date.start
        and len(text[sentence[0] : date.start].split()) <= 1
        and text[date.end : date.end + 1] == ","
    )


def _of_another_event(
    doc: Doc, date: DateMention, linked: Sequence[LinkedMention], participant: LinkedMention
) -> bool:
    """Whether a date follows the name of an event other than the participant closely, with no
    verb between: that event's date ("l'attaque du XXe convoi de déportés le 19 avril 1943")."""
    before = next((m for m in reversed(linked) if m.mention.end <= date.start), None)
    if (
        before is None
        or before.entity.category != "Event"
        or before.entity.id == participant.entity.id
        or date.start - before.mention.end > DEFAULT_CONFIG["date_gap"]["event_name"]
    ):
        return False
    gap = doc.char_span(before.mention.end, date.start, alignment_mode="expand")
    return doc.has_annotation("POS") and not any(t.pos_ in VERB_TAGS for t in gap or ())
