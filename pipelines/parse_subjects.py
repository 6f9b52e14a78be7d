"""Who a clause of the dependency parse is about: its subject, found through passives, copulas,
coordinated verbs, relative clauses, appositions and "parmi lesquels X", with a small parser's slips
read through (a second subject of a verb is its object, a word with a copula is nominal)."""

from __future__ import annotations

from spacy.tokens import Token

from remembrance.pipelines.frames.tables import Table

SUBJECTS = {"nsubj", "nsubjpass", "nsubj:pass", "expl:subj"}
OBJECTS = {"dobj", "obj"}


def displaced(token: Token) -> bool:
    """A second subject of one verb, read as its object: a parser's slip in a main clause whose
    object follows its subject ("Greindl leidde de Kometenlijn" with two nsubj). A name right
    after a common noun is that noun's apposition instead ("Le résistant Jean Dupont fut …")."""
    return (
        token.dep_ in SUBJECTS
        and token.head.pos_ == "VERB"
        and not nominal(token.head)
        and any(
            c.dep_ in SUBJECTS
            and c.i < token.i
            and not (c.pos_ == "NOUN" and c.right_edge.i + 1 == token.left_edge.i)
            for c in token.head.children
        )
    )


def nominal(token: Token) -> bool:
    """A noun, or a word the parse gives a copula ("werd regent" with "regent" tagged VERB)."""
    return token.pos_ in {"NOUN", "PROPN", "PRON"} or any(c.dep_ == "cop" for c in token.children)


def clause_subjects(anchor: Token, table: Table) -> list[Token]:
    """Who the anchor is about: its subject, or that of the clause it belongs to."""
    t = anchor
    for _ in range(5):
        found = [
            c
            for c in t.children
            if c.dep_ in SUBJECTS and c.lower_ not in table.relative and not displaced(c)
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
        if t.pos_ == "NOUN" and any(c.lower_ in table.predicative for c in t.children):
            t = t.head  # "X kwam … ter wereld, als jongste dochter van Y": X is the daughter
            continue
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
