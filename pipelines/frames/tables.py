"""The trigger words and argument patterns of one language, loaded from its data table.

Each language has a table (``pipelines/frames/<language>.toml``): surface patterns, dependency
rules, date triggers, quantities, anaphors, coreference words, event-frame triggers, the words
naming an event of a record's class and short definite descriptions. A table is read and checked
once, when a language is first used; a bad table stops with one line naming the file and the
problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from remembrance.pipelines.table_reader import TableReader, language_table, read_table

FOLDER = Path(__file__).parent
#: Class names a quantity may name instead of a category.
QUANTITY_CLASSES = frozenset({"ResistanceNetwork", "ResistanceMovement"})


@dataclass(frozen=True, slots=True)
class Pattern:
    """Two consecutive mentions whose gap matches `trigger` (and whose following words match
    `tail`, for Dutch verb-final clauses) stand in the relation `predicate`."""

    predicate: str
    trigger: re.Pattern[str]
    subjects: frozenset[str]
    objects: frozenset[str]
    inverse: bool = False  # the first mention is the object ("Y founded X")
    tail: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    """Anchor words (lemma or lower-case form), the object's markers ("obj" for a direct object),
    the categories of the anchor's subject and of the attached mention; `inverse` makes the
    attached mention the statement's subject ("X founded Y" → Y foundedBy X)."""

    predicate: str
    kind: str  # "verb" or "noun" anchors
    words: frozenset[str]
    markers: frozenset[str]
    subjects: frozenset[str]
    objects: frozenset[str]
    inverse: bool = False


@dataclass(frozen=True, slots=True)
class DateTrigger:
    predicate: str
    trigger: re.Pattern[str]
    categories: frozenset[str]


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with one of `nouns`, after `verb` where one is given, for a subject of one of
    `categories` (categories or class names)."""

    predicate: str
    verb: re.Pattern[str] | None
    nouns: re.Pattern[str]
    categories: frozenset[str]


@dataclass(frozen=True, slots=True)
class Anaphor:
    words: re.Pattern[str]
    categories: frozenset[str]
    gender: str | None = None  # of a description ("the King", "la reine")


@dataclass(frozen=True, slots=True)
class Frame:
    """An event frame (frames.toml): the shortcut property of each role of its participant, and
    the CIDOC-CRM class of the event it reports (None for a state: location, kinship …)."""

    name: str
    crm_class: str | None
    participants: frozenset[str]
    participant_property: str
    roles: dict[str, str]  # role → shortcut property
    object_property: str
    objects: frozenset[str]  # the categories of the object
    active: bool  # the participant acts rather than undergoes the event


@dataclass(frozen=True, slots=True)
class Trigger:
    """Words of one language that report an event of `frame`."""

    frame: str
    words: re.Pattern[str]
    object: re.Pattern[str] | None  # what may stand between the trigger and its object
    markers: dict[str, re.Pattern[str]]  # the words before an argument, by role
    noun: bool = False  # a noun, read in the clause of its verb ("lived as a prisoner in X")
    possessed: bool = False  # a noun whose possessor is the participant ("his arrest in 1943"),
    # or the mention after it ([clauses] genitive: "the arrest of X")


@dataclass(frozen=True, slots=True)
class Kin:
    """A kinship noun after a possessive: the person named is the `named` end of `predicate`."""

    predicate: str
    named: str  # "subject" or "object"
    pattern: re.Pattern[str]
    apposition: re.Pattern[str]  # between the person named and the possessor ("X, brother of Y")
    # a possessive and the noun, standing for a relative named before ("Her father was …")
    description: re.Pattern[str] | None


#: The kinds of short definite descriptions ([descriptions]; pipelines/rules.py).
DESCRIPTION_KINDS = ("Memorial", "monument", "king", "citadel")


@dataclass(frozen=True, slots=True)
class Descriptions:
    """Short definite descriptions ("the Memorial", "le roi"): `pattern` finds one, its noun as
    group 1; `kinds` gives a noun's kind (lower case); `nouns` a kind's nouns (lower case)."""

    pattern: re.Pattern[str]
    kinds: dict[str, str]
    nouns: dict[str, frozenset[str]]


@dataclass(frozen=True, slots=True)
class Table:
    """Everything the extractors need to know about one language."""

    language: str
    patterns: tuple[Pattern, ...]
    rules: tuple[Rule, ...]
    markers: dict[str, frozenset[str]]
    complements: frozenset[str]
    relative: frozenset[str]
    copulas: frozenset[str]  # verbs whose object noun says what the subject is ("vormde")
    # verbs without an object: a noun the parse makes their object is their subject ("In
    # Bastenaken ligt het monument": subject after the verb)
    intransitive: frozenset[str]
    # words that make a noun a predicate of its clause's subject ("als dochter van Y": X is)
    predicative: frozenset[str]
    among: frozenset[str]
    one: frozenset[str]
    pronouns: dict[str, frozenset[str]]
    possessives: dict[str, frozenset[str]]
    genders: dict[str, str]
    dates: tuple[DateTrigger, ...]
    before_date: re.Pattern[str]
    relative_date: re.Pattern[str]
    # a date in an event's noun phrase whose name comes after it ("the attack of 19 April 1943
    # on the twentieth convoy"): the words before the date, and those between it and the name
    event_noun_before_date: re.Pattern[str] | None
    event_name_after_date: re.Pattern[str] | None
    quantities: tuple[Quantity, ...]
    qualifier_before: re.Pattern[str]
    anaphors: tuple[Anaphor, ...]
    conjunct: re.Pattern[str]
    list: re.Pattern[str]
    parenthetical: re.Pattern[str]
    next_clause: re.Pattern[str]
    apposition: re.Pattern[str]
    triggers: tuple[Trigger, ...]
    # the words before an agent ([arguments] agent: "by the …"), where a trigger sets none
    agent_words: re.Pattern[str]
    clause_break: re.Pattern[str]
    conjunction: re.Pattern[str]
    possessor: re.Pattern[str]
    genitive: re.Pattern[str] | None  # a noun trigger's participant after it ("the arrest of X")
    locative: re.Pattern[str] | None  # a pronoun standing for a place ("y", "there", "where")
    object_pronoun: re.Pattern[str] | None  # an object pronoun after a trigger ("succeeded him")
    companions: re.Pattern[str] | None  # others who underwent the event ("avec six camarades")
    numbers: dict[str, int]  # number words ("six": 6)
    gapping: re.Pattern[str] | None  # before a participant whose verb is left out (", et Y le …")
    fronted_phrase_opening: re.Pattern[str] | None  # opens a phrase fronted before a subject
    introduces: re.Pattern[str] | None  # between a description and the name it introduces
    place_prepositions: frozenset[str]  # "in Toulouse": the NER's person there is a place
    plurals: frozenset[str]  # plural personal pronouns ("they", "ils"): the people named together
    arguments_after: bool  # arguments are looked for after the trigger first
    yearly: re.Pattern[str]
    kin: tuple[Kin, ...]
    events: dict[str, re.Pattern[str]]  # class → words naming an event of it ("the invasion")
    descriptions: Descriptions


def _patterns(r: TableReader) -> tuple[Pattern, ...]:
    fields = {"predicate", "subjects", "objects", "trigger", "inverse", "tail"}
    return tuple(
        Pattern(
            r.predicate(w, e["predicate"]),
            re.compile(rf"^[\s,]*(?:{r.regex(w, e['trigger']).pattern})[\s,]*$", re.IGNORECASE),
            r.categories(w, e["subjects"]),
            r.categories(w, e["objects"]),
            bool(e.get("inverse", False)),
            re.compile(
                rf"\s*(?:\S+\s+){{0,2}}?(?:{r.regex(w, e['tail']).pattern})\b", re.IGNORECASE
            )
            if "tail" in e
            else None,
        )
        for w, e in r.entries("pattern", fields, fields - {"inverse", "tail"})
    )


def _rules(r: TableReader, markers: dict[str, frozenset[str]]) -> tuple[Rule, ...]:
    fields = {"predicate", "kind", "words", "markers", "subjects", "objects", "inverse"}
    rules = []
    for where, e in r.entries("rule", fields, fields - {"inverse"}):
        if e["kind"] not in {"verb", "noun"}:
            raise r.fail(where, f"kind {e['kind']!r}; choose verb or noun")
        if e["markers"] != "obj" and e["markers"] not in markers:
            raise r.fail(
                where,
                f"unknown markers {e['markers']!r}; choose obj or one of {sorted(markers)}",
            )
        rules.append(
            Rule(
                r.predicate(where, e["predicate"]),
                e["kind"],
                frozenset(e["words"].split("|")),
                markers.get(e["markers"], frozenset({"obj"})),
                r.categories(where, e["subjects"]),
                r.categories(where, e["objects"]),
                bool(e.get("inverse", False)),
            )
        )
    return tuple(rules)


def _quantities(r: TableReader, number: str, qualifiers: str) -> tuple[Quantity, ...]:
    fields = {"predicate", "categories", "verb", "nouns"}
    return tuple(
        Quantity(
            r.predicate(w, e["predicate"]),
            re.compile(rf"\b{r.regex(w, e['verb']).pattern}(?:(?:{qualifiers})\s+)?$", re.I)
            if "verb" in e
            else None,
            re.compile(
                rf"{number}\s+(?:\w+\s+){{0,2}}?(?:{r.regex(w, e['nouns']).pattern})\b", re.I
            ),
            r.categories(w, e["categories"], QUANTITY_CLASSES),
        )
        for w, e in r.entries("quantity", fields, {"predicate", "categories", "nouns"})
    )


_ROLES = ("participant", "agent", "object", "place", "destination", "source", "date", "count")
_CRM = re.compile(r"[EP]\d+i?_[A-Za-z_-]+")


@cache
def load_frames(path: Path = FOLDER / "frames.toml") -> dict[str, Frame]:
    """The event frames, shared by every language."""
    r = read_table(path)
    frames = {}
    for name, entry in r.data.get("frame", {}).items():
        where = f"[frame.{name}]"
        fields = {"class", "participant", "participant_property", "object_property", "objects"}
        fields |= {"active"}
        fields |= set(_ROLES)
        if unknown := set(entry) - fields:
            raise r.fail(
                where, f"unknown key {sorted(unknown)[0]!r}; valid: {', '.join(sorted(fields))}"
            )
        for key in ("class", "participant_property", "object_property"):
            if key in entry and not _CRM.fullmatch(entry[key]):
                raise r.fail(where, f"{key} {entry[key]!r} is not a CIDOC-CRM 7 name")
        frames[name] = Frame(
            name,
            entry.get("class"),
            r.categories(where, entry.get("participant")),
            entry.get("participant_property", "P11_had_participant"),
            {role: r.predicate(where, entry[role]) for role in _ROLES[1:] if role in entry},
            entry.get("object_property", "P11_had_participant"),
            r.categories(where, entry["objects"]) if "object" in entry else frozenset(),
            bool(entry.get("active", False)),
        )
    owners: dict[str, str] = {}
    for frame in frames.values():
        for predicate in frame.roles.values():
            if predicate in owners:
                raise r.fail(
                    f"[frame.{frame.name}]",
                    f"{predicate} is already in [frame.{owners[predicate]}]",
                )
            owners[predicate] = frame.name
    return frames


@cache
def role_properties(path: Path = FOLDER / "frames.toml") -> dict[str, str]:
    """The CIDOC-CRM property linking an event to the argument of each role ([roles])."""
    r = read_table(path)
    roles = r.data.get("roles", {})
    if missing := set(_ROLES) - {"count"} - set(roles):
        raise r.fail("[roles]", f"missing role {sorted(missing)[0]!r}")
    if bad := [v for v in roles.values() if not _CRM.fullmatch(v)]:
        raise r.fail("[roles]", f"{bad[0]!r} is not a CIDOC-CRM 7 name")
    return dict(roles)


def frame_of_predicate() -> dict[str, str]:
    """The frame each shortcut property belongs to."""
    return {p: f.name for f in load_frames().values() for p in f.roles.values()}


def _triggers(r: TableReader) -> tuple[Trigger, ...]:
    frames = load_frames()
    fields = {"frame", "trigger", "object", "markers", "noun", "possessed"}
    triggers = []
    arguments = {  # a role's words, where a trigger sets none of its own
        role: r.section_regex("arguments", role)
        for role in ("place", "destination", "source", "agent")
    }
    for where, e in r.entries("frame", fields, {"frame", "trigger"}):
        if e["frame"] not in frames:
            raise r.fail(
                where, f"unknown frame {e['frame']!r}; choose from {', '.join(sorted(frames))}"
            )
        markers = dict(arguments)
        for role, value in e.get("markers", {}).items():
            if role not in markers:
                raise r.fail(where, f"unknown role {role!r}; choose from {', '.join(markers)}")
            markers[role] = r.regex(f"{where} markers.{role}", value)
        triggers.append(
            Trigger(
                e["frame"],
                r.regex(where, e["trigger"]),
                r.regex(f"{where} object", e["object"]) if "object" in e else None,
                markers,
                bool(e.get("noun", False)),
                bool(e.get("possessed", False)),
            )
        )
    return tuple(triggers)


def _kin(r: TableReader) -> tuple[Kin, ...]:
    fields = {"words", "predicate", "named"}
    kin = []
    kinship = r.data.get("kinship", {})
    owners = [w for w, c in r.word_categories("possessives").items() if "Person" in c]
    for where, e in r.entries("kin", fields, fields):
        if e["named"] not in {"subject", "object"}:
            raise r.fail(where, f"named {e['named']!r}; choose subject or object")
        nouns = r.regex(where, e["words"]).pattern
        pattern = r.regex("[kinship] possessive", kinship.get("possessive"), extra={"NOUNS": nouns})
        apposition = r.regex(
            "[kinship] apposition", kinship.get("apposition"), extra={"NOUNS": nouns}
        )
        description = (
            re.compile(
                rf"\b(?P<possessive>{'|'.join(owners)})\s+(?:\w+\s+)?(?P<noun>{nouns})\b",
                re.IGNORECASE,
            )
            if owners
            else None
        )
        kin.append(
            Kin(r.predicate(where, e["predicate"]), e["named"], pattern, apposition, description)
        )
    return tuple(kin)


def _events(r: TableReader) -> dict[str, re.Pattern[str]]:
    """Words naming an event of a class of the ontology ([events]: class → words)."""
    events = r.data.get("events")
    if not isinstance(events, dict) or not events:
        raise r.fail("[events]", "expected classes of the ontology mapped to their words")
    return {
        r.predicate(f"[events] {cls}", cls): re.compile(
            rf"\b(?:{r.regex(f'[events] {cls}', words).pattern})\b", re.IGNORECASE
        )
        for cls, words in events.items()
    }


def _descriptions(r: TableReader) -> Descriptions:
    """[descriptions]: determiners, complements and the nouns of each kind; a noun in lower case
    matches in any case, a capitalised one only as written."""
    section = r.data.get("descriptions", {})
    valid = {"determiners", "complements", *DESCRIPTION_KINDS}
    if unknown := set(section) - valid:
        raise r.fail(
            "[descriptions]", f"unknown key {sorted(unknown)[0]!r}; valid: {sorted(valid)}"
        )
    words = {key: r.strings("descriptions", key) for key in sorted(valid)}
    nouns = [n for kind in DESCRIPTION_KINDS for n in words[kind]]
    ordered = sorted(nouns, key=len, reverse=True)
    alternatives = "|".join(
        f"(?i:{re.escape(n)})" if n.islower() else re.escape(n) for n in ordered
    )
    determiners = "|".join(map(re.escape, words["determiners"]))
    complements = "|".join(map(re.escape, words["complements"]))
    pattern = re.compile(
        rf"\b(?i:{determiners})\s+({alternatives})\b(?!\s+(?:{complements})\s)(?!-)"
    )
    return Descriptions(
        pattern,
        {n.lower(): kind for kind in DESCRIPTION_KINDS for n in words[kind]},
        {kind: frozenset(n.lower() for n in words[kind]) for kind in DESCRIPTION_KINDS},
    )


def _first(r: TableReader) -> bool:
    first = r.data.get("arguments", {}).get("first")
    if first not in {"after", "before"}:
        raise r.fail("[arguments] first", f"{first!r}; choose after or before")
    return bool(first == "after")


def _lead(r: TableReader) -> str:
    """What may come before a sentence-initial anaphor (`[clauses] before_anaphor`, case-sensitive:
    "In September 1941 the King …", "Formed in Britain, the brigade …"), as an optional group."""
    lead = r.data.get("clauses", {}).get("before_anaphor")
    return f"(?:{r.regex('[clauses] before_anaphor', lead, 0).pattern})?" if lead else ""


@cache
def load_table(language: str, folder: Path = FOLDER) -> Table:
    """The checked table of `language`."""
    r = language_table(folder, language)
    data = r.data
    markers = {k: frozenset(v) for k, v in data.get("markers", {}).items()}
    qualifiers = data.get("qualifiers", {})
    qualifier = "|".join(
        rf"(?P<{k.replace(' ', '_')}>{r.regex(f'[qualifiers] {k}', v).pattern})"
        for k, v in qualifiers.items()
    )
    # starts where a run of digits (or of digit groups) starts: else a long run is tried again
    # from each of its digits or groups, in time that grows with the square of its length
    number = r"(?<!\d)(?<!\d[ ,.\u202f\u00a0])(?P<number>\d{1,3}(?:[ ,.\u202f\u00a0]\d{3})+|\d+)"
    numbers = data.get("words", {}).get("numbers", {})
    if not isinstance(numbers, dict) or not all(
        isinstance(v, int) and not isinstance(v, bool) for v in numbers.values()
    ):
        raise r.fail("[words] numbers", "expected number words with their integer values")
    genders = data.get("words", {}).get("genders", {})
    if bad := {g for g in genders.values() if g not in {"male", "female"}}:
        raise r.fail("[words] genders", f"unknown gender {sorted(bad)[0]!r}; choose male or female")
    return Table(
        language=language,
        patterns=_patterns(r),
        rules=_rules(r, markers),
        markers=markers,
        complements=r.words("complements"),
        relative=r.words("relative"),
        copulas=r.words("copulas"),
        intransitive=r.words("intransitive"),
        predicative=r.words("predicative"),
        among=r.words("among"),
        one=r.words("one"),
        pronouns=r.word_categories("pronouns"),
        possessives=r.word_categories("possessives"),
        genders=dict(genders),
        dates=tuple(
            DateTrigger(
                r.predicate(w, e["predicate"]),
                r.regex(w, e["trigger"]),
                r.categories(w, e["categories"]),
            )
            for w, e in r.entries(
                "date",
                {"predicate", "categories", "trigger"},
                {"predicate", "categories", "trigger"},
            )
        ),
        before_date=r.section_regex("dates", "before"),
        relative_date=r.section_regex("dates", "relative"),
        event_noun_before_date=r.optional_regex("dates", "event_noun_before"),
        event_name_after_date=r.optional_regex("dates", "event_name_after"),
        quantities=_quantities(r, number, qualifier),
        qualifier_before=re.compile(rf"\b(?:{qualifier})\s+$", re.I),
        anaphors=tuple(
            Anaphor(
                re.compile(rf"\s*{_lead(r)}({r.regex(w, e['words'], 0).pattern})\b"),
                r.categories(w, e["categories"]),
                e.get("gender"),
            )
            for w, e in r.entries(
                "anaphor", {"words", "categories", "gender"}, {"words", "categories"}
            )
        ),
        conjunct=r.section_regex("surface", "conjunct"),
        list=r.section_regex("surface", "list"),
        parenthetical=r.section_regex("surface", "parenthetical"),
        next_clause=r.section_regex("surface", "next_clause"),
        apposition=r.section_regex("surface", "apposition", 0),
        triggers=_triggers(r),
        agent_words=r.section_regex("arguments", "agent"),
        clause_break=r.section_regex("clauses", "break"),
        conjunction=r.section_regex("clauses", "conjunction"),
        possessor=r.section_regex("clauses", "possessor"),
        genitive=r.optional_regex("clauses", "genitive"),
        locative=r.optional_regex("clauses", "locative"),
        companions=(
            r.regex(
                "[clauses] companions",
                r.data["clauses"]["companions"],
                extra={"NUMBER": "|".join([r"\d+", *sorted(numbers, key=len, reverse=True)])},
            )
            if "companions" in r.data.get("clauses", {})
            else None
        ),
        numbers=numbers,
        place_prepositions=r.words("place_prepositions"),
        plurals=r.words("plurals"),
        object_pronoun=r.optional_regex("clauses", "object_pronoun"),
        gapping=r.optional_regex("clauses", "gapping"),
        fronted_phrase_opening=r.optional_regex("clauses", "fronted_phrase_opening"),
        introduces=r.optional_regex("clauses", "introduces", 0),
        arguments_after=_first(r),
        yearly=r.section_regex("clauses", "yearly"),
        kin=_kin(r),
        events=_events(r),
        descriptions=_descriptions(r),
    )
