"""Dates in relations: a date attaches to the entity its verb fits ("founded in 1941" →
foundedOn), and a relation takes the only date of its sentence (when the claim held)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from remembrance.pipelines.authority import AuthorityIndex
from remembrance.pipelines.config import DEFAULT_CONFIG
from remembrance.pipelines.dates import fits_period
from remembrance.pipelines.frames.tables import Table
from remembrance.pipelines.records import DateMention, LinkedMention, Statement


def outside_record(index: AuthorityIndex, entity_id: str, date: DateMention) -> bool:
    """Whether the authority record of an event says it happened wholly before or after the date
    ("de Duitse capitulatie van 8 mei 1945" is not the Belgian surrender of 1940 that
    "capitulatie" may name): the date is another event's."""
    return entity_id in index.records and not fits_period(index.period(entity_id), [date])


def is_relative(text: str, date: DateMention, table: Table) -> bool:
    """Whether the words before a date make it relative ("after 1945", "avant 1940"): such a date
    dates nothing."""
    reach = DEFAULT_CONFIG["reach"]["relative_date"]
    return table.relative_date.search(text, max(0, date.start - reach), date.start) is not None


def date_statements(
    text: str,
    linked: Sequence[LinkedMention],
    dates: Sequence[DateMention],
    sentences: Sequence[tuple[int, int]],
    table: Table,
    index: AuthorityIndex,
) -> list[Statement]:
    """A date attaches to the nearest preceding entity of its sentence that the verb fits; a date
    inside the name of an event ("l'invasion du 10 mai 1940"), or in its noun phrase before the
    name ("the attack of 19 April 1943 on the twentieth convoy"), is when the event happened,
    unless the event's record in `index` puts it wholly before or after the date."""
    limits: dict[str, int] = DEFAULT_CONFIG["date_gap"]
    confidence: float = DEFAULT_CONFIG["confidence"]["date"]
    statements: list[Statement] = []
    for date in dates:
        sentence = next((s for s in sentences if s[0] <= date.start < s[1]), None)
        if sentence is None:
            continue
        if is_relative(text, date, table):
            continue
        named = next(
            (m for m in linked if m.mention.start <= date.start and date.end <= m.mention.end),
            None,
        )
        named = named or _event_named_after(text, linked, date, table)
        if named is not None:
            if named.entity.category == "Event" and not outside_record(
                index, named.entity.id, date
            ):
                statements.append(
                    _statement(named, "occurredOn", named.mention.end, date, sentence, confidence)
                )
            continue
        before = [
            m for m in linked if m.mention.sentence == sentence and m.mention.end <= date.start
        ]
        if entry := _entry_fragment(text, linked, date, sentence, table):
            statements.append(_statement(*entry, date.end, date, sentence, confidence))
            continue
        for item in reversed(before):
            gap = text[item.mention.end : date.start]
            verbs: list[tuple[int, str | None]] = [  # the verb nearest the date decides
                (
                    item.mention.end + found.end(),
                    d.predicate,
                )  # ("née à … et morte à … le 13 octobre 2007")
                for d in table.dates
                if item.entity.category in d.categories
                for found in d.trigger.finditer(gap)
            ]
            verbs += [  # another event's verb: the date is that event's ("… et exécutée … le …")
                (found.end(), None)
                for t in table.triggers
                for found in t.words.finditer(text, item.mention.end, date.start)
                if not any(  # not a word of a name ("Enclos des Fusillés")
                    m.mention.start <= found.start() < m.mention.end for m in before
                )
            ]
            nearest = max(verbs, key=lambda v: (v[0], v[1] is not None), default=None)
            if nearest is not None and nearest[1] is None:
                continue
            between = any(item.mention.end <= d.start and d.end <= date.start for d in dates)
            predicate = (
                nearest[1]
                if nearest is not None
                else "occurredOn"
                if item.entity.category == "Event"
                # with no verb, a nearer date is the event's ("de capitulatie van 8 mei 1945 …
                # de jaren 1940")
                and not between
                # an event named by its verb ("invaded by German forces on …") is the verb
                and len(gap) <= limits["verb" if item.mention.source == "rule" else "event"]
                else None
            )
            if predicate == "occurredOn" and outside_record(index, item.entity.id, date):
                break
            if predicate is not None and len(gap) <= limits["verb"]:
                statements.append(_statement(item, predicate, date.end, date, sentence, confidence))
                break
    return statements


def _entry_fragment(
    text: str,
    linked: Sequence[LinkedMention],
    date: DateMention,
    sentence: tuple[int, int],
    table: Table,
) -> tuple[LinkedMention, str] | None:
    """A clause without a subject that opens with its verb ("Opened on 22 March 2014 next to …",
    "Foundation stone laid …; inaugurated on 16 July 1950") is about the entity its paragraph
    opens with, as entries of an inventory or a dictionary run under their heading ("Bastogne
    War Museum, Bastogne."): that entity and the verb's date property."""
    opening = max(sentence[0], text.rfind(";", sentence[0], date.start) + 1)
    if any(opening <= m.mention.start < date.start for m in linked):
        return None
    paragraph = text.rfind("\n", 0, sentence[0]) + 1
    heading = next(
        (m for m in linked if paragraph <= m.mention.start and m.mention.end <= sentence[0]), None
    )
    if heading is None or text[paragraph : heading.mention.start].strip():
        return None
    gap = text[opening : date.start]
    verb = len(gap) - len(gap.lstrip())
    found = next(
        (
            (d.predicate, m)
            for d in table.dates
            if heading.entity.category in d.categories
            and (m := d.trigger.match(gap, verb)) is not None
        ),
        None,
    )
    if found is None or len(gap) - found[1].end() > DEFAULT_CONFIG["date_gap"]["verb"]:
        return None
    return heading, found[0]


def _event_named_after(
    text: str, linked: Sequence[LinkedMention], date: DateMention, table: Table
) -> LinkedMention | None:
    """The event whose noun phrase holds the date before its name: "the attack of 19 April 1943
    on the twentieth convoy" (a noun of the table and "of" before the date, "on" after it)."""
    if table.event_noun_before_date is None or table.event_name_after_date is None:
        return None
    reach = DEFAULT_CONFIG["reach"]["event_noun"]
    if not table.event_noun_before_date.search(text, max(0, date.start - reach), date.start):
        return None
    after = next((m for m in linked if m.mention.start >= date.end), None)
    if (
        after is None
        or after.entity.category != "Event"
        or not table.event_name_after_date.fullmatch(text, date.end, after.mention.start)
    ):
        return None
    return after


def _statement(
    item: LinkedMention,
    predicate: str,
    end: int,
    date: DateMention,
    sentence: tuple[int, int],
    confidence: float,
) -> Statement:
    """`item`'s entity `predicate` the date, said from the mention's start to `end`."""
    return Statement(
        item.entity.id,
        predicate,
        date.value,
        False,
        item.mention.start,
        end,
        sentence,
        "date",
        round(confidence * item.confidence, 3),
        date=date,
    )


def dated(statements: Iterable[Statement], dates: Sequence[DateMention]) -> list[Statement]:
    """Entity statements whose sentence holds exactly one date carry it (when the claim held)."""
    result = []
    for statement in statements:
        within = [d for d in dates if statement.sentence[0] <= d.start < statement.sentence[1]]
        if statement.object_is_entity and statement.date is None and len(within) == 1:
            statement = replace(statement, date=within[0])
        result.append(statement)
    return result
