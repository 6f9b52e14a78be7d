"""Relations from the dependency parse (languages with a parser; the rules are rows of the
language's table in pipelines/frames/).

A linked mention is attached to an anchor: the verb or noun that governs it, with the preposition
that introduces it ("executed *at* X", "fondé *par* X", "member *of* X") or as its direct object.
A rule names anchor words, markers and the categories at both ends; the other end is the anchor's
subject, found through passives, copulas ("was a member of"), coordinated verbs, relative clauses
and appositions ("X, membre du FI"), "parmi lesquels X", and personal pronouns, which stand for the
latest fitting entity named before them. Coordinated objects share their first conjunct's anchor.
A few slips of a small parser are read through (the Dutch model: LAS 0.66): a second subject of a
verb is its object, a name parsed as the flat dependent of its article or title stands for it, a
word with a copula is nominal.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Token

from remembrance.pipelines.config import DEFAULT_CONFIG
from remembrance.pipelines.frames.tables import Rule, Table
from remembrance.pipelines.records import LinkedMention, Statement

SUBJECTS = {"nsubj", "nsubjpass", "nsubj:pass", "expl:subj"}
OBJECTS = {"dobj", "obj"}
VERB, NOUN = "verb", "noun"
_VERB_TAGS = {"VERB", "AUX"}
_GENDERS = {"Masc": "male", "Fem": "female"}  # the parse's grammatical genders, as the tables'


def _keys(token: Token, table: Table) -> set[str]:
    """The words a rule can name the anchor by: lemma, form, and with a fixed complement
    ("take place", "avoir lieu", "set up") or a reflexive ("se trouver"); a model without a
    lemmatizer names it by its form ("richtte op")."""
    lemma = token.lemma_.lower() or token.lower_
    keys = {lemma, token.lower_}
    for child in token.children:
        if child.lower_ in table.complements:
            word = "se" if child.lower_ == "s'" else child.lower_
            keys |= {f"{lemma} {word}", f"{word} {lemma}"}
    return keys


def _displaced(token: Token) -> bool:
    """A second subject of one verb, read as its object: a parser's slip in a main clause whose
    object follows its subject ("Greindl leidde de Kometenlijn" with two nsubj). A name right
    after a common noun is that noun's apposition instead ("Le résistant Jean Dupont fut …")."""
    return (
        token.dep_ in SUBJECTS
        and token.head.pos_ == "VERB"
        and not _nominal(token.head)
        and any(
            c.dep_ in SUBJECTS
            and c.i < token.i
            and not (c.pos_ == "NOUN" and c.right_edge.i + 1 == token.left_edge.i)
            for c in token.head.children
        )
    )


def _nominal(token: Token) -> bool:
    """A noun, or a word the parse gives a copula ("werd regent" with "regent" tagged VERB)."""
    return token.pos_ in {"NOUN", "PROPN", "PRON"} or any(c.dep_ == "cop" for c in token.children)


def _coordinated(conj: Token) -> bool:
    """Whether a conjunct shares its first conjunct's attachment: a conjunction joins them (on
    it, on a later conjunct or on the first one: parsers differ), and it has no preposition of its
    own other than the first's ("in Mechelen, halverwege Brussel"; "door Dewé, terwijl … X")."""
    first = conj.head
    later = [c for c in first.children if c.dep_ == "conj" and c.i >= conj.i]
    if not any(c.dep_ == "cc" for t in (first, *later) for c in t.children):
        return False
    cases = [c.lower_ for c in conj.children if c.dep_ == "case" and c.i < conj.i]
    return not cases or cases == [c.lower_ for c in first.children if c.dep_ == "case"]


def _attachment(
    token: Token, inside: dict[int, LinkedMention], table: Table
) -> tuple[Token, str, int] | None:
    """The anchor governing a mention's root, the marker introducing it and the position of that
    marker. Conjuncts share the first conjunct's attachment; a title before a name ("door
    burgemeester X", "het netwerk Clarence") and a generic noun in between ("dans l'enceinte *de*
    X") are climbed; a fixed complement stands for its verb ("het bevel *over* X")."""
    t = token
    if t.dep_ in {"appos", "flat"} and t.head.pos_ == "NOUN" and t.head.i < t.i:
        t = t.head if t.head.i not in inside else t
    for _ in range(3):
        while t.dep_ == "conj":
            if not _coordinated(t):
                return None
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
        elif t.dep_ in OBJECTS or _displaced(t) or t.dep_ == "obl":  # obl without case: a slip
            marker, anchor, position = "obj", t.head, t.i
        else:
            return None
        if anchor.lower_ in table.complements and anchor.dep_ in OBJECTS and marker != "obj":
            anchor = anchor.head
        generic = (
            anchor.pos_ == "NOUN"
            and anchor.i not in inside
            and marker in table.markers.get("through", table.markers["of"])
        )
        if not generic or any(
            _keys(anchor, table) & r.words for r in table.rules if r.kind == NOUN
        ):
            return anchor, marker, position
        t = anchor
    return None


def _subjects(anchor: Token, table: Table) -> list[Token]:
    """Who the anchor is about: its subject, or that of the clause it belongs to."""
    t = anchor
    for _ in range(5):
        found = [
            c
            for c in t.children
            if c.dep_ in SUBJECTS and c.lower_ not in table.relative and not _displaced(c)
        ]
        found += [c for c in t.children if c.dep_ != "conj" and _among(c, table)]
        if not found and t.lower_ in table.intransitive:  # "In Bastenaken ligt het monument"
            found = [c for c in t.children if c.dep_ in OBJECTS]
        if t is anchor and anchor.pos_ in {"NOUN", "PROPN"}:  # "sa fondatrice, Andrée de Jongh"
            found += [c for c in t.children if c.dep_ == "appos"]
            if t.dep_ in SUBJECTS and any(c.dep_ == "cop" for c in t.head.children):
                found.append(t.head)  # "De leider van X was Y", "Haar stichter was Y"
        if found:
            return [*found, *(c for s in found for c in s.conjuncts)]
        if t.dep_ in {"appos", "relcl", "acl", "acl:relcl"}:
            if not _predicative(t.head):
                return [t.head]
            t = t.head  # "X est une résistante née à …", "X was a fighter executed …": X
            continue
        if (named := _relative_antecedent(t, table)) is not None:
            return [named]
        if t.pos_ == "NOUN" and t.head.pos_ == "PROPN" and t.head.i < t.i and _apposed(t):
            return [t.head]  # "Jean Greindl, lui aussi membre du réseau": parsed as nmod or conj
        if t.dep_ == "advcl" and "Part" in t.morph.get("VerbForm", []):
            t = t.head  # "Born in Liège, Dewé …", "Situé à Anderlecht, le Mémorial …"
            continue
        if (conjunct := _subject_conjunct(t)) is not None:
            t = conjunct  # "le roi délégua …, puis abdiqua" with both verbs under a third word
            continue
        if t.dep_ in {"attr", "conj", "xcomp"} or (
            t.dep_ in OBJECTS and t.head.lower_ in table.copulas
        ):
            t = t.head  # "X vormde de gewapende arm van Y"
        elif (
            t.dep_ == "pobj"
            and t.head.lower_ in table.markers["of"]
            and t.head.head.lower_ in table.one
        ):
            t = t.head.head  # "one of the founders of …"
        elif t.dep_ == "nmod" and t.head.lower_ in table.one:
            t = t.head
        else:
            break
    return []


def _relative_antecedent(token: Token, table: Table) -> Token | None:
    """The name a relative pronoun subject stands for where the parse did not attach its clause
    to it ("Bervoets, die lid was van …" with "lid" the object of the main verb): the name right
    before the pronoun and its comma."""
    pronoun = next(
        (c for c in token.children if c.dep_ in SUBJECTS and c.lower_ in table.relative), None
    )
    if pronoun is None or pronoun.i < 2 or pronoun.nbor(-1).text != ",":
        return None
    named = pronoun.nbor(-2)
    return named if named.pos_ == "PROPN" else None


def _subject_conjunct(token: Token) -> Token | None:
    """For a conjunct whose head has no subject, the nearest conjunct before it that has one:
    coordinated verbs share their subject whatever the parse hangs them on."""
    if token.dep_ != "conj" or any(c.dep_ in SUBJECTS for c in token.head.children):
        return None
    before = [
        c
        for c in token.head.children
        if c.dep_ == "conj" and c.i < token.i and any(s.dep_ in SUBJECTS for s in c.children)
    ]
    return before[-1] if before else None


def _predicative(token: Token) -> bool:
    """A predicate noun, which is about its copula's subject: with the copula as its child (UD:
    "est une résistante") or as its head ("was a fighter", attr)."""
    return token.dep_ == "attr" or any(c.dep_ == "cop" for c in token.children)


def _apposed(token: Token) -> bool:
    """An apposition the parser took for a modifier, or for a conjunct after a comma
    ("Léon Degrelle, de leider van Rex, …")."""
    if token.dep_ == "nmod":
        return True
    edge = token.left_edge.i
    return (
        token.dep_ == "conj"
        and edge > 0
        and token.doc[edge - 1].text == ","
        and not any(c.dep_ == "cc" for c in token.children)
    )


def _among(token: Token, table: Table) -> bool:
    """ "parmi lesquels X", "among them X": X is one of the clause's subjects."""
    return any(
        c.lower_ in table.among or (c.lower_ in table.relative and _among(c, table))
        for c in token.children
    )


def _mention(
    token: Token,
    inside: dict[int, LinkedMention],
    categories: frozenset[str],
    before: Sequence[LinkedMention],
    pronouns: dict[str, frozenset[str]],
    genders: dict[str, str],
) -> LinkedMention | None:
    """The mention a subject token stands for: its own, an apposition's, or a pronoun's antecedent
    (the latest entity of a fitting category, and gender for a person, named before it)."""
    if token.i in inside:
        return inside[token.i]
    appositions = [  # "burgemeester Van Hoof", "De [Gewapende Partizanen]" (a name parsed as flat)
        inside[c.i] for c in token.children if c.i in inside and _named_by(c)
    ]
    if appositions:
        return appositions[0]
    allowed = pronouns.get(token.lower_)
    if allowed is None or categories.isdisjoint(allowed) or _article(token):
        return None
    start, gender = token.idx, genders.get(token.lower_)
    fronted = _fronted_participles(token)
    fitting = [
        m
        for m in reversed(before)
        if m.mention.end <= start
        and not any(left <= m.mention.start < right for left, right in fronted)
        and m.entity.category in categories & allowed
        and m.entity.agrees_with(gender)
        and (gender is None or _grammatical_gender(token.doc, m) in (None, gender))
    ]
    if not fitting:
        return None
    return _salient(token, fitting) or fitting[0]


def _salient(token: Token, fitting: Sequence[LinkedMention]) -> LinkedMention | None:
    """For a subject pronoun with nothing fitting named before it in its sentence, the subject of
    the sentence before when that fits ("La caserne Dossin fut l'antichambre d'Auschwitz pour
    les Juifs de Belgique. Située à Malines, elle …": the caserne, not Belgium)."""
    doc, sentence = token.doc, token.sent
    if token.dep_ not in SUBJECTS or fitting[0].mention.start >= sentence.start_char:
        return None
    if sentence.start == 0:
        return None
    previous = doc[sentence.start - 1].sent
    for m in fitting:
        if m.mention.start < previous.start_char:
            return None
        span = doc.char_span(m.mention.start, m.mention.end, alignment_mode="expand")
        if span is not None and span.root.dep_ in SUBJECTS and span.root.head.dep_ == "ROOT":
            return m
    return None


def _fronted_participles(token: Token) -> list[tuple[int, int]]:
    """The character spans of the participle clauses fronted before a subject pronoun's verb
    ("Située à Malines, près d'Anvers, elle …"): the pronoun is their subject, so nothing named
    inside them is its antecedent."""
    head = token.head
    if token.dep_ not in SUBJECTS or head.i == token.i:
        return []
    return [
        (c.left_edge.idx, c.right_edge.idx + len(c.right_edge))
        for c in head.children
        if c.dep_ == "advcl"
        and c.i < token.i
        and "Part" in c.morph.get("VerbForm", [])
        and not any(s.dep_ in SUBJECTS for s in c.children)
    ]


def _article(token: Token) -> bool:
    """A pronoun's word used as the article of a subject: "Het net Clarence werd …" (tagged DET
    and parsed as the subject, a word of its own noun phrase after it, not a verb)."""
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return (
        token.pos_ == "DET"
        and token.dep_ in SUBJECTS
        and following is not None
        and following.pos_ not in _VERB_TAGS
    )


def token_mention(
    token: Token,
    inside: dict[int, LinkedMention],
    categories: frozenset[str],
    linked: Sequence[LinkedMention],
    table: Table,
) -> LinkedMention | None:
    """The mention a token stands for: its own, an apposition's or a pronoun's antecedent."""
    return _mention(token, inside, categories, linked, table.pronouns, table.genders)


def _grammatical_gender(doc: Doc, item: LinkedMention) -> str | None:
    """The gender the parse gives the head noun of a mention of a thing ("le gouvernement":
    male, so no "elle"); None for a person (their record says) or where the parse says none."""
    if item.entity.category == "Person":
        return None
    span = doc.char_span(item.mention.start, item.mention.end, alignment_mode="expand")
    found = span.root.morph.get("Gender", []) if span is not None else []
    return _GENDERS.get(found[0]) if len(found) == 1 else None


def _named_by(child: Token) -> bool:
    """Whether a child of a noun names what the noun describes: an apposition, a name parsed as
    flat, or a name right after it without a preposition ("l'infirmière britannique Edith
    Cavell", parsed as nmod)."""
    return child.dep_ in {"appos", "flat"} or (
        child.dep_ in {"nmod", "flat:name", "compound"}
        and child.pos_ == "PROPN"
        and child.i > child.head.i
        and not any(c.dep_ == "case" for c in child.children)
    )


def token_mentions(doc: Doc, linked: Sequence[LinkedMention]) -> dict[int, LinkedMention]:
    """The mention each token belongs to."""
    inside: dict[int, LinkedMention] = {}
    for item in linked:
        span = doc.char_span(item.mention.start, item.mention.end, alignment_mode="expand")
        if span is not None:
            inside.update({t.i: item for t in span})
    return inside


def subject_mentions(
    anchor: Token,
    inside: dict[int, LinkedMention],
    linked: Sequence[LinkedMention],
    categories: frozenset[str],
    table: Table,
) -> tuple[bool, list[tuple[LinkedMention, bool]]]:
    """Whether the anchor's clause has a subject that names no entity ("the offensive opened"), and
    the mentions of `categories` its subject stands for, each with whether a pronoun led to it."""
    found = []
    tokens = _subjects(anchor, table)
    unnamed = any(t.pos_ in {"NOUN", "PROPN"} and t.i not in inside for t in tokens)
    for token in tokens:
        item = _mention(token, inside, categories, linked, table.pronouns, table.genders)
        if item is None and token.dep_ == "appos" and token.head.i in inside:
            item = inside[token.head.i]  # "le FI, un mouvement fondé en 1941"
        if item is not None and item.entity.category in categories:
            found.append((item, token.i not in inside and token.lower_ in table.pronouns))
    return unnamed, found


def _rule(anchor: Token, marker: str, category: str, table: Table) -> Rule | None:
    kind = NOUN if _nominal(anchor) else VERB
    keys = _keys(anchor, table)
    return next(
        (
            r
            for r in table.rules
            if r.kind == kind and marker in r.markers and keys & r.words and category in r.objects
        ),
        None,
    )


def _possessed(
    doc: Doc, linked: Sequence[LinkedMention], table: Table
) -> Iterable[tuple[Token, Rule, LinkedMention]]:
    """ "its founder, X", "sa fondatrice, X": the possessive stands for the latest entity that fits
    as the object of the noun."""
    for token in doc:
        if token.lower_ not in table.possessives or token.dep_ not in {"poss", "det", "nmod:poss"}:
            continue
        rules = [r for r in table.rules if r.kind == NOUN and _keys(token.head, table) & r.words]
        for rule in rules:
            antecedent = _mention(token, {}, rule.objects, linked, table.possessives, table.genders)
            if antecedent is not None:
                yield token.head, rule, antecedent
                break


def dependency_statements(
    doc: Doc, linked: Sequence[LinkedMention], table: Table
) -> list[Statement]:
    """Relations between linked mentions of one sentence, read off the parse. Confidence is the
    configured one times the weaker mention's (alone, this extractor scored P 0.93 on the dev
    split, on which it was tuned). A language whose table has no dependency rules gets none."""
    if not doc.has_annotation("DEP") or not table.rules:
        return []
    confidence: float = DEFAULT_CONFIG["confidence"]["dependency"]
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
        attachment = _attachment(root, inside, table)
        if attachment is not None:
            anchor, marker, position = attachment
            rule = _rule(anchor, marker, item.entity.category, table)
            if rule is not None:
                attached[anchor.i, rule].append((position, item))
    for anchor, rule, item in _possessed(doc, linked, table):
        attached[anchor.i, rule].append((-1, item))
    statements: dict[tuple[str, str, str, int], Statement] = {}
    for (i, rule), objects in attached.items():
        anchor = doc[i]
        first = min(position for position, _ in objects)
        for item in (item for position, item in objects if position == first):
            for token in _subjects(anchor, table):
                other = _mention(
                    token, inside, rule.subjects, linked, table.pronouns, table.genders
                )
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
                    coreference=first < 0
                    or (token.i not in inside and token.lower_ in table.pronouns)
                    or "coreference" in {item.mention.source, other.mention.source},
                )
                key = (statement.subject, statement.predicate, obj.entity.id, sentence.start)
                statements.setdefault(key, statement)
    return list(statements.values())
