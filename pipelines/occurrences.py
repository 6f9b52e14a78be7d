"""Reported events: the statements of one frame about one participant in one sentence make one
n-ary event (a CIDOC-CRM E67 Birth, E69 Death, E7 Activity …) with its place, agent, object and
time-span, for frames that report events (frames.toml gives them a class)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import cache

from remembrance.pipelines.frames.tables import Frame, load_frames, role_properties
from remembrance.pipelines.records import Occurrence, Statement, occurrence_key


@cache
def _owners() -> dict[str, tuple[Frame, str]]:
    """The frame (one that reports events) and role each shortcut property belongs to."""
    return {
        predicate: (frame, role)
        for frame in load_frames().values()
        if frame.crm_class
        for role, predicate in frame.roles.items()
    }


def occurrence_of(statement: Statement) -> str | None:
    """The key of the event a statement is a shortcut of (see `occurrences`), if its property
    belongs to a frame that reports events."""
    owner = _owners().get(statement.predicate)
    return occurrence_key(owner[0].name, statement.subject, statement.sentence) if owner else None


def occurrences(statements: Sequence[Statement]) -> list[Occurrence]:
    """One event per frame, participant and sentence of the statements."""
    frames = load_frames()
    owners = _owners()
    groups: dict[tuple[str, str, tuple[int, int]], list[tuple[str, Statement]]] = defaultdict(list)
    for statement in statements:
        if statement.predicate in owners:
            frame, role = owners[statement.predicate]
            groups[frame.name, statement.subject, statement.sentence].append((role, statement))
    properties = role_properties()
    events = []
    for (name, participant, sentence), members in groups.items():
        frame = frames[name]
        arguments = sorted(
            {
                (frame.object_property if role == "object" else properties[role], str(s.object))
                for role, s in members
                if s.object_is_entity
            }
        )
        dated = [s.date for role, s in members if role == "date" and s.date is not None]
        dated += [s.date for _, s in members if s.date is not None]
        counts = [int(s.object) for role, s in members if role == "count"]
        counts += [s.count for _, s in members if s.count is not None]
        events.append(
            Occurrence(
                name,
                str(frame.crm_class),
                participant,
                frame.participant_property,
                tuple(arguments),
                dated[0] if dated else None,
                min(s.start for _, s in members),
                max(s.end for _, s in members),
                sentence,
                max(s.confidence for _, s in members),
                any(s.coreference for _, s in members),
                counts[0] if counts else None,
            )
        )
    return sorted(events, key=lambda e: (e.start, e.frame))
