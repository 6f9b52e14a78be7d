"""Relations from the dependency parse (English and French; Dutch has no parser).

A linked mention is attached to an anchor: the verb or noun that governs it, with the preposition
that introduces it ("executed *at* X", "fondé *par* X", "member *of* X") or as its direct object.
A rule names anchor words, markers and the categories at both ends; the other end is the anchor's
subject, found through passives, copulas ("was a member of"), coordinated verbs, relative clauses
and appositions ("X, membre du FI"), "parmi lesquels X", and personal pronouns, which stand for the
latest fitting entity named before them. Coordinated objects share their first conjunct's anchor.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from remembrance.pipelines.records import PRONOUN_GENDER, LinkedMention, Statement

ANY = frozenset({"Person", "Group", "Place", "Memorial", "Event"})
SUBJECTS = {"nsubj", "nsubjpass", "nsubj:pass", "expl:subj"}
OBJECTS = {"dobj", "obj"}
RELATIVE = {"who", "which", "that", "qui", "lequel", "laquelle", "lesquels", "lesquelles"}
PERSON = frozenset({"Person"})
PRONOUNS = {"he": PERSON, "she": PERSON, "il": ANY, "elle": ANY, "it": ANY - PERSON}
POSSESSIVE = {"its": ANY - PERSON, "sa": ANY, "son": ANY, "leur": ANY, "their": ANY - PERSON}
AMONG = {"parmi", "among", "including", "notamment"}
OF = {"of", "de", "du", "des", "d'", "de la", "de l'"}
ONE = {"one", "un", "une", "l'un", "l'une"}
BY = {"by", "par"}
IN = {"in", "at", "inside", "within", "à", "au", "aux", "dans", "en"}
TO = {"to", "vers", "à", "au", "aux"}
FROM = {"from", "de", "depuis", "d'", "du"}
VERB, NOUN = "verb", "noun"


@dataclass(frozen=True, slots=True)
class Rule:
    """Anchor words (lemma or lower-case form), the object's marker ("obj" for a direct object),
    the categories of the anchor's subject and of the attached mention; `inverse` makes the
    attached mention the statement's subject ("X founded Y" → Y foundedBy X)."""

    predicate: str
    kind: str  # VERB or NOUN anchors
    words: frozenset[str]
    markers: frozenset[str]
    subjects: frozenset[str]
    objects: frozenset[str]
    inverse: bool = False


def _r(
    predicate: str,
    kind: str,
    words: str,
    markers: Iterable[str],
    subjects: Iterable[str],
    objects: Iterable[str],
    inverse: bool = False,
) -> Rule:
    return Rule(
        predicate,
        kind,
        frozenset(words.split("|")),
        frozenset(markers),
        frozenset(subjects),
        frozenset(objects),
        inverse,
    )


_FOUND = "found|create|establish|set up|fonder|fondé|fondée|créer|créé|créée"
_LEAD = "lead|head|command|direct|diriger|dirigé|dirigée|commander|commandé|commandée"
_EXECUTE = (
    "execute|shoot|hang|behead|guillotine|exécuter|exécuté|exécutée|exécutés|fusiller|fusillé|"
    "fusillée|fusillés|pendre|pendu|pendue|décapiter|décapité|décapitée|guillotiner|guillotiné"
)
_LOCATE = (
    "locate|situate|base|settle|situer|situé|située|trouver|se trouver|installer|se installer|"
    "siéger"
)
_DEPORT = "deport|déporter|déporté|déportée|déportés|déportées"
_DIE = (
    "die|perish|mourir|mourut|mort|morte|décéder|décéda|décédé|décédée|périr|abattre|abattu|abattue"
)
_HELD = "take place|hold|held|happen|occur|avoir lieu|se dérouler|dérouler"
_ORGANISE = "organise|organize|organiser|organisé|organisée"
P, G, PL, M, E = {"Person"}, {"Group"}, {"Place"}, {"Memorial"}, {"Event"}
RULES: tuple[Rule, ...] = (
    _r("foundedBy", VERB, _FOUND, BY, G, P),
    _r("foundedBy", VERB, _FOUND, {"obj"}, P, G, inverse=True),
    _r("foundedBy", NOUN, "founder|fondateur|fondatrice", OF, P, G, inverse=True),
    _r("ledBy", VERB, _LEAD, BY, G | E, P),
    _r("ledBy", VERB, _LEAD, {"obj"}, P, G, inverse=True),
    _r("ledBy", NOUN, "leader|head|chef|cheffe|commander", OF, P, G, inverse=True),
    _r("memberOf", NOUN, "member|membre|agent|agente", OF, P, G),
    _r("memberOf", VERB, "join|rejoindre|rejoint", {"obj"}, P, G),
    _r("participatedIn", VERB, "join|participate|take part", {"obj", "in", "à"}, P | G, E),
    _r("orderedBy", VERB, "order|ordonner|ordonné|ordonnée|décider", BY, E, P),
    _r("organisedBy", VERB, _ORGANISE, BY, E, G),
    _r("organisedBy", VERB, _ORGANISE, {"obj"}, G, E, inverse=True),
    _r("executedAt", VERB, _EXECUTE, IN, P, PL | M),
    _r("deportedTo", VERB, _DEPORT, TO, P | G, PL),
    _r("deportedFrom", VERB, _DEPORT, FROM, P | G, PL),
    _r("bornIn", VERB, "bear|born|naître|né|née", IN, P, PL),
    _r("diedIn", VERB, _DIE, IN, P, PL),
    _r("tookPlaceAt", VERB, _HELD, IN, E, PL | M),
    _r("locatedIn", VERB, _LOCATE, IN, M | PL | G, PL),
    _r("commemorates", VERB, "commemorate|honour|honor|commémorer|honorer", {"obj"}, M, ANY - M),
    _r("commemorates", VERB, "rendre hommage|pay tribute", {"to", "à", "au", "aux"}, M, ANY - M),
    _r("commemorates", VERB, "dedicate|dédier|dédié|dédiée", {"to", "à", "au"}, M, ANY - M),
)


def _keys(token: Token) -> set[str]:
    """The words a rule can name the anchor by: lemma, form, and with a fixed complement
    ("take place", "avoir lieu", "set up") or a reflexive ("se trouver")."""
    keys = {token.lemma_.lower(), token.lower_}
    for child in token.children:
        if child.lower_ in {"place", "lieu", "up", "part", "se", "s'", "hommage", "tribute"}:
            word = "se" if child.lower_ == "s'" else child.lower_
            keys |= {f"{token.lemma_.lower()} {word}", f"{word} {token.lemma_.lower()}"}
    return keys


def _attachment(token: Token, inside: dict[int, LinkedMention]) -> tuple[Token, str, int] | None:
    """The anchor governing a mention's root, the marker introducing it and the position of that
    marker. Conjuncts share the first conjunct's attachment; a generic noun in between ("dans
    l'enceinte *de* X") is climbed."""
    t = token
    for _ in range(3):
        while t.dep_ == "conj":
            t = t.head
        if t.dep_ == "pobj" and t.head.pos_ == "ADP":
            prep = t.head
            while prep.dep_ == "conj" and prep.head.pos_ == "ADP":
                prep = prep.head
            marker, anchor, position = (
                "by" if prep.dep_ == "agent" else prep.lower_,
                prep.head,
                prep.i,
            )
        elif cases := [c for c in t.children if c.dep_ == "case" and c.i < t.i]:
            marker, anchor, position = " ".join(c.lower_ for c in cases), t.head, cases[0].i
        elif t.dep_ in OBJECTS:
            marker, anchor, position = "obj", t.head, t.i
        else:
            return None
        generic = anchor.pos_ == "NOUN" and anchor.i not in inside and marker in OF
        if not generic or any(anchor.lemma_.lower() in r.words for r in RULES if r.kind == NOUN):
            return anchor, marker, position
        t = anchor
    return None


def _subjects(anchor: Token) -> list[Token]:
    """Who the anchor is about: its subject, or that of the clause it belongs to."""
    t = anchor
    for _ in range(5):
        found = [c for c in t.children if c.dep_ in SUBJECTS and c.lower_ not in RELATIVE]
        found += [c for c in t.children if c.dep_ != "conj" and _among(c)]
        if t is anchor and anchor.pos_ == "NOUN":  # "sa fondatrice, Andrée de Jongh"
            found += [c for c in t.children if c.dep_ == "appos"]
        if found:
            return [*found, *(c for s in found for c in s.conjuncts)]
        if t.dep_ in {"appos", "relcl", "acl", "acl:relcl"}:
            return [t.head]
        if t.dep_ == "nmod" and t.pos_ == "NOUN" and t.head.pos_ == "PROPN" and t.head.i < t.i:
            return [
                t.head
            ]  # "Jean Greindl, lui aussi membre du réseau": an apposition parsed as nmod
        if t.dep_ == "advcl" and "Part" in t.morph.get("VerbForm", []):
            t = t.head  # "Born in Liège, Dewé …", "Situé à Anderlecht, le Mémorial …"
            continue
        if t.dep_ in {"attr", "conj", "xcomp"}:
            t = t.head
        elif t.dep_ == "pobj" and t.head.lower_ in OF and t.head.head.lower_ in ONE:
            t = t.head.head  # "one of the founders of …"
        elif t.dep_ == "nmod" and t.head.lower_ in ONE:
            t = t.head
        else:
            break
    return []


def _among(token: Token) -> bool:
    """ "parmi lesquels X", "among them X": X is one of the clause's subjects."""
    return any(c.lower_ in AMONG or (c.lower_ in RELATIVE and _among(c)) for c in token.children)


def _mention(
    token: Token,
    inside: dict[int, LinkedMention],
    categories: frozenset[str],
    before: Sequence[LinkedMention],
    pronouns: dict[str, frozenset[str]],
) -> LinkedMention | None:
    """The mention a subject token stands for: its own, an apposition's, or a pronoun's antecedent
    (the latest entity of a fitting category, and gender for a person, named before it)."""
    if token.i in inside:
        return inside[token.i]
    appositions = [inside[c.i] for c in token.children if c.dep_ == "appos" and c.i in inside]
    if appositions:
        return appositions[0]
    allowed = pronouns.get(token.lower_)
    if allowed is None or categories.isdisjoint(allowed):
        return None
    start = token.idx
    return next(
        (
            m
            for m in reversed(before)
            if m.mention.end <= start
            and m.entity.category in categories & allowed
            and m.entity.agrees_with(PRONOUN_GENDER.get(token.lower_))
        ),
        None,
    )


def _rule(anchor: Token, marker: str, category: str) -> Rule | None:
    kind = NOUN if anchor.pos_ in {"NOUN", "PROPN", "PRON"} else VERB
    keys = _keys(anchor)
    return next(
        (
            r
            for r in RULES
            if r.kind == kind and marker in r.markers and keys & r.words and category in r.objects
        ),
        None,
    )


def _possessed(
    doc: Doc, linked: Sequence[LinkedMention]
) -> Iterable[tuple[Token, Rule, LinkedMention]]:
    """ "its founder, X", "sa fondatrice, X": the possessive stands for the latest entity that fits
    as the object of the noun."""
    for token in doc:
        if token.lower_ not in POSSESSIVE or token.dep_ not in {"poss", "det"}:
            continue
        rules = [r for r in RULES if r.kind == NOUN and _keys(token.head) & r.words]
        for rule in rules:
            antecedent = _mention(token, {}, rule.objects, linked, POSSESSIVE)
            if antecedent is not None:
                yield token.head, rule, antecedent
                break


def dependency_statements(
    doc: Doc, linked: Sequence[LinkedMention], confidence: float = 0.85
) -> list[Statement]:
    """Relations between linked mentions of one sentence, read off the parse. Confidence is
    `confidence` times the weaker mention's (alone, this extractor scored P 0.93 on the dev split,
    on which it was tuned)."""
    if not doc.has_annotation("DEP"):
        return []
    inside: dict[int, LinkedMention] = {}
    roots: list[tuple[Token, LinkedMention]] = []
    for item in linked:
        span = doc.char_span(item.mention.start, item.mention.end, alignment_mode="expand")
        if span is not None:
            inside.update({t.i: item for t in span})
            roots.append((span.root, item))
    # per anchor and rule, the objects behind the first marker ("executed at X in Y": X)
    attached: dict[tuple[int, Rule], list[tuple[int, LinkedMention]]] = defaultdict(list)
    for root, item in roots:
        attachment = _attachment(root, inside)
        if attachment is not None:
            anchor, marker, position = attachment
            rule = _rule(anchor, marker, item.entity.category)
            if rule is not None:
                attached[anchor.i, rule].append((position, item))
    for anchor, rule, item in _possessed(doc, linked):
        attached[anchor.i, rule].append((-1, item))
    statements: dict[tuple[str, str, str, int], Statement] = {}
    for (i, rule), objects in attached.items():
        anchor = doc[i]
        first = min(position for position, _ in objects)
        for item in (item for position, item in objects if position == first):
            for token in _subjects(anchor):
                other = _mention(token, inside, rule.subjects, linked, PRONOUNS)
                if (
                    other is None
                    or other.entity.id == item.entity.id
                    or other.entity.category not in rule.subjects
                ):
                    continue
                subject, obj = (item, other) if rule.inverse else (other, item)
                sentence = anchor.sent
                ends = [token.idx, token.idx + len(token), anchor.idx, anchor.idx + len(anchor)]
                if sentence.start_char <= item.mention.start < sentence.end_char:
                    ends += [item.mention.start, item.mention.end]
                statement = Statement(
                    subject.entity.id,
                    rule.predicate,
                    obj.entity.id,
                    True,
                    min(ends),
                    max(ends),
                    (sentence.start_char, sentence.end_char),
                    "dependency",
                    round(confidence * min(item.confidence, other.confidence), 3),
                )
                key = (statement.subject, statement.predicate, obj.entity.id, sentence.start)
                statements.setdefault(key, statement)
    return list(statements.values())
