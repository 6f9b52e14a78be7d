"""An event's main participant: the subject of the trigger's clause, a mention near the trigger,
the possessor of a noun trigger, the antecedent of a plural pronoun, and those coordinated with
it."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from remembrance.pipelines.config import DEFAULT_CONFIG
from remembrance.pipelines.coreference import antecedent
from remembrance.pipelines.event_arguments import ROLE_CATEGORIES
from remembrance.pipelines.frames.tables import Frame, Table
from remembrance.pipelines.parse_mentions import mention_span, subject_mentions, token_mention
from remembrance.pipelines.parse_subjects import OBJECTS, SUBJECTS
from remembrance.pipelines.parse_tags import PREDICATE_TAGS
from remembrance.pipelines.patterns import conjuncts
from remembrance.pipelines.records import LinkedMention


def _an_object(doc: Doc, item: LinkedMention) -> bool:
    """Whether the parse makes a mention the object of a verb or preposition ("met Hitler")."""
    span = mention_span(doc, item)
    return span is not None and span.root.dep_ in {"dobj", "obj", "iobj", "pobj"}


def _introduced(text: str, item: LinkedMention, table: Table) -> bool:
    """Whether the words before a mention make it an argument ("in Oostenrijk", "by the …")."""
    reach = DEFAULT_CONFIG["reach"]["argument_words"]
    before = text[max(item.mention.sentence[0], item.mention.start - reach) : item.mention.start]
    markers = table.triggers[0].markers if table.triggers else {}
    return any(marker.search(before) for marker in markers.values())


def main_participant(
    text: str,
    frame: Frame,
    trigger_start: int,
    trigger_end: int,
    head: Token | None,
    candidates: Sequence[LinkedMention],
    inside: dict[int, LinkedMention],
    linked: Sequence[LinkedMention],
    table: Table,
) -> tuple[LinkedMention, bool, LinkedMention | None] | None:
    """The main participant, whether a pronoun led to it, and the agent when the participant is
    the object of an active verb."""
    agents = ROLE_CATEGORIES["agent"]
    if head is not None and head.pos_ in PREDICATE_TAGS:
        unnamed, subjects = subject_mentions(head, inside, linked, frame.participants, table)
        _, doers = subject_mentions(head, inside, linked, agents, table)
        direct = [
            c
            for c in head.children
            if c.dep_ in OBJECTS and not trigger_start <= c.idx < trigger_end
        ]
        objects = [  # a pronoun object stands for its antecedent ("voerden hem … weg")
            (m, c.i not in inside)
            for c in direct
            if (m := token_mention(c, inside, frame.participants, linked, table))
        ]
        fitting_objects = [(m, p) for m, p in objects if m.entity.category in frame.participants]
        if fitting_objects and not frame.active:  # "the Gestapo arrested X"
            agent = next((m for m, _ in doers), None)
            return fitting_objects[0][0], fitting_objects[0][1], agent
        if direct and not frame.active:
            return None  # an active verb with another object: not this event
        fitting = [(m, c) for m, c in subjects if m.entity.category in frame.participants]
        if fitting:
            item, pronoun = fitting[0]
            return item, pronoun or item.mention.source == "coreference", None
        if unnamed:
            return None  # the clause is about something else ("the offensive opened")
        candidates = [m for m in candidates if not _an_object(head.doc, m)]
    before = [
        m
        for m in candidates
        if m.mention.end <= trigger_start
        and m.entity.category in frame.participants
        and not _introduced(text, m, table)
    ]
    if before:
        item = before[-1]
        return item, item.mention.source == "coreference", None
    after = [
        m
        for m in candidates
        if m.mention.start >= trigger_end and m.entity.category in frame.participants
    ]
    if after and after[0].mention.start - trigger_end <= DEFAULT_CONFIG["frame_object_gap"]:
        agent = next(
            (
                m
                for m in reversed(candidates)
                if m.mention.end <= trigger_start and m.entity.category in agents
            ),
            None,
        )
        return after[0], after[0].mention.source == "coreference", agent
    return None


def all_participants(
    text: str,
    frame: Frame,
    participant: LinkedMention,
    linked: Sequence[LinkedMention],
    position: dict[int, int],
    table: Table,
) -> list[LinkedMention]:
    """The participant and those coordinated with it ("Youra Livchitz, Jean Franklemon and Robert
    Maistriau attacked …"); a plural pronoun's participants ("they", "ils": the persons named
    together last before it)."""
    index = position.get(id(participant))
    if index is None:
        return [participant]
    same = frozenset({participant.entity.category}) & frame.participants
    return [participant, *conjuncts(text, linked, index, same, table)]


def plural_antecedent(
    root: Token, linked: Sequence[LinkedMention], frame: Frame, table: Table
) -> list[LinkedMention] | None:
    """For a verb whose subject is a plural pronoun ("they", "ils"), the first of the mentions
    named together last before it, in its sentence or the one before ("Youra Livchitz, Jean
    Franklemon et Robert Maistriau attaquèrent le convoi. Ils furent arrêtés …"), whose
    conjuncts are the others; empty when none fits, None without such a subject."""
    t = root
    while t.dep_ in {"conj", "xcomp"} and not any(c.dep_ in SUBJECTS for c in t.children):
        t = t.head  # "ils furent arrêtés et déportés"
    pronoun = next(
        (c for c in t.children if c.dep_ in SUBJECTS and c.lower_ in table.plurals), None
    )
    if pronoun is None:
        return None
    sentence = (pronoun.sent.start_char, pronoun.sent.end_char)
    earlier = max(
        (m.mention.sentence[0] for m in linked if m.mention.sentence[1] <= sentence[0]),
        default=sentence[0],
    )
    fitting = [
        i
        for i, m in enumerate(linked)
        if earlier <= m.mention.start
        and m.mention.end <= pronoun.idx
        and m.entity.category in frame.participants
    ]
    text = root.doc.text
    for i in reversed(fitting):
        same = frozenset({linked[i].entity.category})
        if (others := conjuncts(text, linked, i, same, table)) and all(
            o.mention.end <= pronoun.idx for o in others
        ):
            while (
                i > 0
                and linked[i - 1].entity.category in same
                and table.list.fullmatch(text, linked[i - 1].mention.end, linked[i].mention.start)
            ):
                i -= 1  # the list's first ("X, Y and Z": X)
            return [linked[i]]
    return []


def genitive(
    text: str,
    sentence: tuple[int, int],
    end: int,
    frame: Frame,
    named: Sequence[LinkedMention],
    table: Table,
) -> tuple[LinkedMention, bool, None] | None:
    """ "the arrest of X", "la libération de Bruxelles": the mention of a fitting category right
    after the noun and its preposition."""
    if table.genitive is None:
        return None
    item = next((m for m in named if end <= m.mention.start < sentence[1]), None)
    if (
        item is None
        or item.entity.category not in frame.participants
        or not table.genitive.fullmatch(text, end, item.mention.start)
    ):
        return None
    return item, item.mention.source == "coreference", None


def possessor(
    text: str,
    sentence: tuple[int, int],
    start: int,
    frame: Frame,
    named: Sequence[LinkedMention],
    table: Table,
) -> tuple[LinkedMention, bool, None] | None:
    """ "his arrest", "sa déportation", "haar arrestatie": the possessor, the latest fitting
    entity named before that agrees with the possessive's gender."""
    reach = DEFAULT_CONFIG["reach"]["possessive"]
    found = table.possessor.search(text, max(sentence[0], start - reach), start)
    if found is None:
        return None
    possessive = found.group("possessive")
    if possessive is None:  # "De Jongh's arrest": the name right before
        item = next(
            (
                m
                for m in named
                if m.mention.end == found.start() and m.entity.category in frame.participants
            ),
            None,
        )
        return (item, False, None) if item is not None else None
    gender = table.genders.get(possessive.lower())
    others = [m for m in named if not _an_agent(text, m, table)]
    item = antecedent(others, found.start(), frame.participants, gender)
    return (item, True, None) if item is not None else None


def _an_agent(text: str, item: LinkedMention, table: Table) -> bool:
    """Whether a mention is the agent of an event ("par la Sipo-SD"), which a possessive after it
    does not stand for ("his arrest by the Sipo-SD … his deportation": his, not the SD's)."""
    reach = DEFAULT_CONFIG["reach"]["argument_words"]
    before = text[max(item.mention.sentence[0], item.mention.start - reach) : item.mention.start]
    return table.agent_words.search(before) is not None
