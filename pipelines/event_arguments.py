"""An event's arguments besides its participant: the mentions a role's words introduce, the object
after the trigger, the place a locative pronoun stands for, and how many companions it had."""

from __future__ import annotations

from collections.abc import Sequence

from remembrance.pipelines.config import DEFAULT_CONFIG
from remembrance.pipelines.coreference import antecedent, resolved
from remembrance.pipelines.event_clause import Clause
from remembrance.pipelines.frames.tables import Frame, Table, Trigger
from remembrance.pipelines.records import LinkedMention

#: The categories a role of an event may take.
ROLE_CATEGORIES = {
    "agent": frozenset({"Person", "Group"}),
    "place": frozenset({"Place", "Memorial"}),
    "destination": frozenset({"Place"}),
    "source": frozenset({"Place"}),
}


_ROLE_ORDER = ("agent", "destination", "source", "place")


def role_arguments(
    text: str,
    frame: Frame,
    trigger: Trigger,
    trigger_end: int,
    participant: LinkedMention,
    candidates: Sequence[LinkedMention],
    objects: frozenset[str],
    after_first: bool,
) -> dict[str, LinkedMention]:
    """Mentions of the clause introduced by a role's words, and the object after the trigger."""
    found: dict[str, LinkedMention] = {}
    reach = DEFAULT_CONFIG["reach"]["argument_words"]
    after = [m for m in candidates if m.mention.start >= trigger_end]
    ahead = list(reversed([m for m in candidates if m.mention.start < trigger_end]))
    ordered = [*after, *ahead] if after_first else [*ahead, *after]
    for item in ordered:  # the nearest first, on the language's side first
        if item.entity.id == participant.entity.id:
            continue
        start = item.mention.start
        previous = max((m.mention.end for m in candidates if m.mention.end <= start), default=0)
        before = text[max(previous, start - reach) : start]
        if (
            "object" in frame.roles
            and "object" not in found
            and trigger.object is not None
            and start >= trigger_end
            and item.entity.category in objects
            and trigger.object.fullmatch(text, trigger_end, start)
        ):
            found["object"] = item
            continue
        for role in _ROLE_ORDER:
            if (
                role in frame.roles
                and role not in found
                and item.entity.category in ROLE_CATEGORIES[role]
                and trigger.markers[role].search(before)
            ):
                found[role] = item
                break
    return found


def object_pronoun(
    text: str,
    end: int,
    sentence: tuple[int, int],
    linked: Sequence[LinkedMention],
    participant: LinkedMention,
    objects: frozenset[str],
    table: Table,
) -> LinkedMention | None:
    """The entity an object pronoun right after the trigger stands for ("Van Acker succeeded
    him", "she married him"): the latest fitting one named before it, not the participant."""
    if table.object_pronoun is None:
        return None
    found = table.object_pronoun.match(text, end, sentence[1])
    if found is None:
        return None
    pronoun = found.group("pronoun")
    others = [m for m in linked if m.entity.id != participant.entity.id]
    item = antecedent(others, found.start("pronoun"), objects, table.genders.get(pronoun.lower()))
    return None if item is None else resolved(item, *found.span("pronoun"), pronoun, sentence)


def companions(text: str, clause: Clause, end: int, table: Table) -> int | None:
    """How many others underwent or did the event with its participant, after the trigger in its
    clause ("fusillé au Tir national avec six camarades", "executed with 12 other hostages")."""
    if table.companions is None:
        return None
    found = table.companions.search(text, end, clause.end)
    if found is None:
        return None
    number = found.group("number")
    return int(number) if number.isdigit() else table.numbers[number.lower()]


def locative(
    text: str,
    start: int,
    end: int,
    clause: Clause,
    sentence: tuple[int, int],
    linked: Sequence[LinkedMention],
    participant: LinkedMention,
    table: Table,
) -> LinkedMention | None:
    """The place a locative pronoun near the trigger stands for ("Il y fut fusillé", "was shot
    there", "le fort où il fut exécuté"): the last site or memorial named before it in its
    sentence or the one before, else the last place."""
    if table.locative is None:
        return None
    gap: int = DEFAULT_CONFIG["locative_gap"]
    low, high = max(clause.start, start - gap), min(clause.end, end + gap)
    found = next(table.locative.finditer(text, low, high), None)
    if found is None:
        return None
    earlier = max(
        (s[0] for s in {m.mention.sentence for m in linked} if s[1] <= sentence[0]),
        default=sentence[0],
    )
    places = [
        m
        for m in linked
        if earlier <= m.mention.start
        and m.mention.end <= found.start()
        and m.entity.category in ROLE_CATEGORIES["place"]
        and m.entity.id != participant.entity.id
    ]
    sites = DEFAULT_CONFIG["locative_sites"]
    item = max(  # the last site or memorial, else the last place
        places,
        key=lambda m: (m.entity.class_name in sites or m.entity.category == "Memorial",
                       m.mention.start),
        default=None,
    )  # fmt: skip
    return None if item is None else resolved(item, *found.span(), found.group(), sentence)
