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
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from remembrance.pipelines.config import DEFAULT_CONFIG
from remembrance.pipelines.coreference import antecedent, resolved
from remembrance.pipelines.dated import is_relative
from remembrance.pipelines.dependency import (
    SUBJECTS,
    subject_mentions,
    token_mention,
    token_mentions,
)
from remembrance.pipelines.frames.tables import Frame, Table, Trigger, load_frames
from remembrance.pipelines.patterns import conjuncts
from remembrance.pipelines.records import DateMention, LinkedMention, Statement

#: Dependency labels of the heads of clauses.
_CLAUSAL = {"ROOT", "advcl", "relcl", "acl", "acl:relcl", "ccomp", "xcomp", "parataxis", "csubj"}
#: The categories a role of an event may take.
_ROLE_CATEGORIES = {
    "agent": frozenset({"Person", "Group"}),
    "place": frozenset({"Place", "Memorial"}),
    "destination": frozenset({"Place"}),
    "source": frozenset({"Place"}),
}
_VERBS = {"VERB", "AUX"}
#: What a trigger must be in a parse: a verb or a participle read as an adjective ("née à").
_PREDICATES = {"VERB", "AUX", "ADJ"}
#: Roles that coordinated mentions share ("attacked Belgium, the Netherlands and Luxembourg").
_COORDINATED = {"object", "destination"}
_ROLE_ORDER = ("agent", "destination", "source", "place")


@dataclass(frozen=True, slots=True)
class _Clause:
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
        if self.head is None or self.head.pos_ not in _VERBS:
            return True
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        head = _clause_head(span.root)
        return head.i == self.head.i or (not strict and head.pos_ not in _VERBS)


def _clause_head(token: Token) -> Token:
    t = token
    while not (t.dep_ in _CLAUSAL or (t.dep_ == "conj" and t.pos_ in {"VERB", "AUX"})):
        if t.head.i == t.i:
            break
        t = t.head
    return t


def _surface_clause(
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


def _cut(
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


def _an_object(doc: Doc, item: LinkedMention) -> bool:
    """Whether the parse makes a mention the object of a verb or preposition ("met Hitler")."""
    span = doc.char_span(item.mention.start, item.mention.end, alignment_mode="expand")
    return span is not None and span.root.dep_ in {"dobj", "obj", "iobj", "pobj"}


def _introduced(text: str, item: LinkedMention, table: Table) -> bool:
    """Whether the words before a mention make it an argument ("in Oostenrijk", "by the …")."""
    reach = DEFAULT_CONFIG["reach"]["argument_words"]
    before = text[max(item.mention.sentence[0], item.mention.start - reach) : item.mention.start]
    markers = table.triggers[0].markers if table.triggers else {}
    return any(marker.search(before) for marker in markers.values())


def _participant(
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
    agents = _ROLE_CATEGORIES["agent"]
    if head is not None and head.pos_ in {"VERB", "AUX", "ADJ"}:
        unnamed, subjects = subject_mentions(head, inside, linked, frame.participants, table)
        _, doers = subject_mentions(head, inside, linked, agents, table)
        direct = [
            c
            for c in head.children
            if c.dep_ in {"dobj", "obj"} and not trigger_start <= c.idx < trigger_end
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


def _arguments(
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
                and item.entity.category in _ROLE_CATEGORIES[role]
                and trigger.markers[role].search(before)
            ):
                found[role] = item
                break
    return found


def _date(
    text: str,
    dates: Sequence[DateMention],
    clause: _Clause,
    sentence: tuple[int, int],
    doc: Doc,
    trigger_start: int,
    linked: Sequence[LinkedMention],
    table: Table,
) -> DateMention | None:
    """The date of the clause nearest the trigger, one of the trigger's own clause before one the
    parse leaves unplaced; not one inside a name ("the invasion of 10 May 1940"). With a parse,
    a date of the sentence the parse gives the trigger's verb counts too ("On 14 January 1944,
    while trying to escape …, Dewé was shot dead")."""
    verb = clause.head is not None and clause.head.pos_ in _VERBS
    sentence_wide = _Clause(*sentence, clause.head)
    within = [
        d
        for d in dates
        if (
            clause.holds(doc, d.start, d.end, strict=False)
            or (verb and sentence_wide.holds(doc, d.start, d.end))
        )
        and not is_relative(text, d, table)
        and not any(m.mention.start <= d.start and d.end <= m.mention.end for m in linked)
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
            hit = _Hit(
                text, doc, frame, trigger, start, end, sentence, linked, named, inside, spans, table
            )
            event = _possessed_event(hit) if trigger.possessed else _verbal_event(hit)
            if event is not None:
                found, clause, candidates = event
                for participant in _participants(text, frame, found[0], linked, position, table):
                    made = _statements(
                        hit, (participant, *found[1:]), candidates, clause, dates, position
                    )
                    statements += made + _gapped(hit, clause, made, dates)
    return statements


def _gapped(
    hit: _Hit, clause: _Clause, made: Sequence[Statement], dates: Sequence[DateMention]
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
    if rest is None or any(t.pos_ in _VERBS for t in rest):
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


def _participants(
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


#: An event's participant (with whether coreference led to it, and the agent of an active verb),
#: the clause of its trigger, and the mentions that may be its other arguments.
_Event = tuple[tuple[LinkedMention, bool, LinkedMention | None], _Clause, list[LinkedMention]]


@dataclass(frozen=True, slots=True)
class _Hit:
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


def _possessed_event(hit: _Hit) -> _Event | None:
    """A noun trigger after a possessive ("his arrest") or before its participant ("the arrest
    of X", "l'arrestation de X"): the participant, and what follows."""
    text, sentence, start, end, table = hit.text, hit.sentence, hit.start, hit.end, hit.table
    # a possessive may stand for a resolved pronoun ("She joined … Her arrest")
    found = _possessor(text, sentence, start, hit.frame, hit.linked, table) or _genitive(
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
    left, right = _cut(
        text, _surface_clause(text, sentence, start, end, table), start, end, hit.spans, table
    )
    comma = text.find(",", end, right)  # a comma ends the noun's phrase ("After his arrest, …")
    clause = _Clause(start if after else left, right if comma < 0 else comma, None)
    candidates = [
        m
        for m in hit.linked
        if clause.holds(hit.doc, m.mention.start, m.mention.end) and m.mention.start >= end
    ]
    return found, clause, candidates


def _fronted_participle(token: Token) -> bool:
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


def _verbal_event(hit: _Hit) -> _Event | None:
    """A verb (or a noun read with its clause's verb): the participant from the parse or the
    surface, and the mentions of the trigger's clause."""
    doc, start, end, linked, table = hit.doc, hit.start, hit.end, hit.linked, hit.table
    parsed = doc.has_annotation("DEP")
    span = doc.char_span(start, end, alignment_mode="expand") if parsed else None
    if (
        span is not None
        and span.root.pos_ not in _PREDICATES
        and not hit.trigger.noun
        and not _fronted_participle(span.root)
    ):
        return None  # a noun ("le convoi de déportés", "en l'honneur des fusillés")
    head = _clause_head(span.root) if span is not None else None
    if hit.trigger.noun and head is not None and head.pos_ not in _VERBS:
        head = _clause_head(head.head)  # "kwam … om het leven" with "leven" parsed as a clause
    bounds = _surface_clause(hit.text, hit.sentence, start, end, table)
    clause = _Clause(*_cut(hit.text, bounds, start, end, hit.spans, table), head)
    subjects = _Clause(bounds[0], bounds[1], head)  # a conjunction shares the subject
    candidates = [m for m in linked if clause.holds(doc, m.mention.start, m.mention.end)]
    before = [
        m
        for m in linked
        if subjects.holds(doc, m.mention.start, m.mention.end, strict=False)
        and m.mention.end <= start
    ]
    root = span.root if span is not None else None
    if head is not None and (hit.trigger.noun or (root is not None and _fronted_participle(root))):
        root = head  # "he lived as a prisoner in …": the subject of "lived"
    plural = _plural(root, linked, hit.frame, table) if root is not None else None
    if plural is not None:  # a plural pronoun is not guessed: nobody fitting, no event
        return ((plural[0], True, None), clause, candidates) if plural else None
    found = _participant(
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
    return None if found is None else (found, clause, candidates)


def _statements(
    hit: _Hit,
    found: tuple[LinkedMention, bool, LinkedMention | None],
    candidates: Sequence[LinkedMention],
    clause: _Clause,
    dates: Sequence[DateMention],
    position: dict[int, int],
) -> list[Statement]:
    """The shortcut statements of one event: an argument's, and the date's."""
    text, frame, start, end, sentence = hit.text, hit.frame, hit.start, hit.end, hit.sentence
    linked, table = hit.linked, hit.table
    base: float = DEFAULT_CONFIG["confidence"]["frame"]
    statements: list[Statement] = []
    participant, coreference, agent = found
    arguments = _arguments(
        text, frame, hit.trigger, end, participant, candidates, frame.objects, table.arguments_after
    )
    if agent is not None and "agent" in frame.roles:
        arguments.setdefault("agent", agent)
    if "place" in frame.roles and "place" not in arguments:
        there = _locative(text, start, end, clause, sentence, linked, participant, table)
        if there is not None:
            arguments["place"] = there
    date = (
        _date(text, dates, clause, sentence, hit.doc, start, linked, table)
        if "date" in frame.roles or arguments
        else None
    )
    ends = [participant.mention.start, participant.mention.end, start, end]
    count = _companions(text, clause, end, table)
    shared = [
        (role, other)
        for role, item in arguments.items()
        if role in _COORDINATED
        for other in conjuncts(
            text,
            linked,
            position[id(item)],
            _ROLE_CATEGORIES.get(role, frame.objects),
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


def _plural(
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


def _companions(text: str, clause: _Clause, end: int, table: Table) -> int | None:
    """How many others underwent or did the event with its participant, after the trigger in its
    clause ("fusillé au Tir national avec six camarades", "executed with 12 other hostages")."""
    if table.companions is None:
        return None
    found = table.companions.search(text, end, clause.end)
    if found is None:
        return None
    number = found.group("number")
    return int(number) if number.isdigit() else table.numbers[number.lower()]


def _locative(
    text: str,
    start: int,
    end: int,
    clause: _Clause,
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
        and m.entity.category in _ROLE_CATEGORIES["place"]
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


def _genitive(
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


def _possessor(
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
    item = antecedent(named, found.start(), frame.participants, gender)
    return (item, True, None) if item is not None else None
