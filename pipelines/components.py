"""spaCy components of the pipeline, one registered factory per stage.

- ``remembrance_gazetteer``: every name of every authority record (case- and accent-insensitive,
  acronyms and surnames as written), looked up in the index's sorted name tables, so that
  start-up does not grow with the records; writes ``doc.spans["gazetteer"]``.
- ``remembrance_mentions``: merges the gazetteer spans with the statistical NER into
  ``doc.spans["mentions"]``, labelled with a category; the gazetteer wins on overlap.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Collection, Sequence

from spacy.language import Language
from spacy.lookups import Table
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from remembrance.pipelines.authority import AuthorityIndex, load_index, normalise_label
from remembrance.pipelines.config import DEFAULT_CONFIG
from remembrance.pipelines.frames.tables import load_table
from remembrance.pipelines.historical.tables import folded, load_historical
from remembrance.pipelines.historical.titles import Titles, title_words
from remembrance.pipelines.rules import description_nouns
from remembrance.pipelines.table_reader import every_language

#: Definite articles of English, French and Dutch, in the order linking strips them from a name.
ARTICLES = ("the", "le", "la", "les", "l'", "de", "het")
DETERMINERS = {*ARTICLES, "een", "des", "du", "a", "an"}
#: Every title of every language (pipelines/historical/<language>.toml), in lower case.
TITLES = title_words()
#: The particles of surnames of every language ("de", "van", "d'").
PARTICLES = every_language(load_historical, lambda table: table.particles)


_SPACES = re.compile(r"\s+")


def _look_up(names: Sequence[str], text: str) -> tuple[bool, bool]:
    """Whether `text` is one of the sorted `names`, and whether some name starts with it."""
    position = bisect_left(names, text)
    following = names[position] if position < len(names) else ""
    return following == text, following.startswith(text) and bool(following)


class Gazetteer:
    """Names of the authority records in a text, as ``doc.spans["gazetteer"]`` (overlaps kept).

    From each token, the window grows token by token while some name starts with its text
    (normalised, or as written for acronyms and surnames); each window that is a whole name is
    a span labelled NAME or SURNAME whose id is the normalised name (a key of the index).
    """

    def __init__(self, index: AuthorityIndex) -> None:
        self.index = index

    def __call__(self, doc: Doc) -> Doc:
        index, text, spans = self.index, doc.text, []
        # (start, end) of each token in the text, None for whitespace: read from the Doc once
        tokens = [None if t.is_space else (t.idx, t.idx + len(t)) for t in doc]
        for start, first in enumerate(tokens):
            if first is None:
                continue
            folded, written = True, True
            for end in range(start, len(tokens)):
                last = tokens[end]
                if last is None:
                    continue
                window = text[first[0] : last[1]]
                if folded:
                    key = normalise_label(window)
                    found, folded = _look_up(index.phrases, key)
                    if found:
                        spans.append(Span(doc, start, end + 1, label="NAME", span_id=key))
                if written:
                    name = _SPACES.sub(" ", window)
                    found, written = _look_up(index.exact_names, name)
                    if found:
                        label, key = index.exact[name]
                        spans.append(Span(doc, start, end + 1, label=label, span_id=key))
                if not (folded or written):
                    break
        doc.spans["gazetteer"] = spans
        return doc


@Language.factory("remembrance_gazetteer")
def make_gazetteer(nlp: Language, name: str) -> Gazetteer:
    index = load_index()
    tokenizer = nlp.tokenizer
    if isinstance(tokenizer, Tokenizer):  # "de SS." : some tokenizers keep the full stop on it
        for acronym, (label, _) in index.exact.items():
            if label == "NAME" and " " not in acronym:
                tokenizer.add_special_case(f"{acronym}.", [{"ORTH": acronym}, {"ORTH": "."}])
    return Gazetteer(index)


#: The possessive ending a name may carry ("De Jongh's"): not part of the name.
_SAXON = frozenset({"'s", "’s", "'", "’"})


def _is_modifier(span: Span) -> bool:
    """A one-word adjective such as "Allied" in "Allied airmen" is not a mention."""
    if len(span) != 1:
        return False
    token = span[0]
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    # "Allied airmen", "Allied occupied territory": a lower-case noun or participle follows
    qualifies = after is not None and (
        after.pos_ == "NOUN" or (after.pos_ in ("ADJ", "VERB") and after.text[:1].islower())
    )
    # an adjective that modifies nothing is a name the tagger misread ("et à Mantes")
    adjective = token.pos_ == "ADJ" or token.lower_.endswith(("ed", "ish", "ian", "ese", "ic"))
    return token.pos_ in ("PRON", "DET") or token.dep_ == "amod" or (qualifies and adjective)


def _opening_verb(span: Span) -> bool:
    """A one-word name that the tagger reads as a verb opening its sentence is a participle or a
    gerund ("Betrayed by X, Guérisse was arrested", "Posing as …")."""
    token = span[0]
    opens = token.is_sent_start or (token.i > 0 and token.doc[token.i - 1].is_space)
    return len(span) == 1 and bool(opens) and token.pos_ == "VERB"


def _inflected_word(span: Span, lemmas: Table | None) -> bool:
    """A one-word name from the NER that the language's lemma table reads as an inflected common
    word: a plural ("Tsiganes", "Allemands": tsigane, allemand), one after its article or
    adjective ("une jeune Bruxelloise") or, opening its sentence before a preposition, a verb's
    participle ("Licenciée en lettres, …", "Extradé vers la Belgique, …")."""
    if lemmas is None or len(span) != 1:
        return False
    token = span[0]
    word = token.lower_
    found = lemmas.get(word)
    lemma = found[0] if isinstance(found, list) and found else found
    if not isinstance(lemma, str) or lemma == word:
        return False
    if word.endswith("s") and lemma == word[:-1]:
        return True
    before = token.doc[token.i - 1] if token.i > 0 else None
    if before is not None and before.pos_ in {"DET", "ADJ"} and before.text[:1].islower():
        return True  # "une jeune Bruxelloise": a noun of the language, with its article
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    opens = token.i == 0 or token.is_sent_start or token.doc[token.i - 1].is_space
    return (
        bool(opens)
        and after is not None
        and after.pos_ == "ADP"
        and lemma.endswith(("er", "ir", "re"))
    )


def _inside_compound(span: Span) -> bool:
    """ "Ardenne" in "La Roche-en-Ardenne" is part of another name, joined by a hyphen; a name
    before a hyphen and a lowercase word ("SS-officier") is still a name."""
    doc = span.doc
    previous = doc[span.start - 1] if span.start > 0 else None
    before = previous is not None and previous.text in "-‐" and not previous.whitespace_
    hyphen = doc[span.end] if span.end < len(doc) else None
    joined = hyphen is not None and hyphen.text in "-‐" and not doc[span.end - 1].whitespace_
    after = joined and span.end + 1 < len(doc) and doc[span.end + 1].is_title
    return before or after


def _skip_determiners(doc: Doc, start: int, end: int) -> int:
    """Start of a name without its leading determiners: "the Ardennes", "la Dame Blanche",
    "de geallieerden" lose them; "De Jongh" keeps its particle (a capitalised word follows)."""
    while start < end - 1 and doc[start].lower_ in DETERMINERS:
        if doc[start].text[0].isupper() and doc[start].lower_ == "de" and doc[start + 1].is_title:
            break
        start += 1
    return start


def _skip_titles(doc: Doc, text: str, start: int, end: int, names: Collection[str] = ()) -> int:
    """Start of a name after its leading titles, those of the document's language ("Prince
    Regent Charles" → "Charles", "Mgr Kerkhofs" → "Kerkhofs"); the start itself when only
    titles would be left ("the Prince Regent") or what follows them is neither capitalised nor
    one of `names` ("Princess of Réthy"; "General von Falkenhausen" loses its title when "von
    Falkenhausen" is a name of the record); `text` is the Doc's."""
    first = Titles.of(doc.lang_).skip(doc, text, start, end)
    if first == start or first >= end:
        return start
    name = first  # "le général de Gaulle": particles before a capitalised name
    while name < end - 1 and doc[name].lower_ in PARTICLES:
        name += 1
    if doc[name].text[:1].isupper() or normalise_label(doc[first:end].text) in names:
        return first
    return start


def _titled_names(doc: Doc, text: str) -> list[Span]:
    """Persons the model missed after a title: a title, optional particles and capitalised
    words ("le général de Gaulle" → `de Gaulle`, "Mgr Kerkhofs" → `Kerkhofs`)."""
    titles, found = Titles.of(doc.lang_), []
    starts = {token.idx: token.i for token in doc}
    for match in titles.leading.finditer(text):
        first = starts.get(match.start())
        if first is None:
            continue
        start = titles.skip(doc, text, first, len(doc))
        end = start
        while end < len(doc) - 1 and doc[end].lower_ in PARTICLES and doc[end].text.islower():
            end += 1
        name = end
        while end < len(doc) and doc[end].is_alpha and doc[end].is_title:
            end += 1
        if end > name and doc[name:end].text.lower() not in TITLES:
            found.append(Span(doc, start, end, label="Person"))
    return found


class MentionMerger:
    """Gazetteer spans and NER entities → one non-overlapping ``doc.spans["mentions"]``."""

    def __init__(
        self,
        ner_categories: dict[str, str],
        index: AuthorityIndex,
        lemmas: Table | None = None,
        place_prepositions: frozenset[str] = frozenset(),
    ) -> None:
        self.ner_categories = ner_categories
        self.index = index
        self.lemmas = lemmas  # the language's lookup of word forms, where its pipeline has one
        # prepositions whose object the NER calls a person is a place ("arrested in Toulouse")
        self.place_prepositions = place_prepositions
        # One-word names only ever written capitalised ("Namen", "Alliés"): a lower-case match
        # is the common word ("namen", "les alliés"), not the name.
        self.capitalised = index.capitalised

    def _person_names(self, record_id: str) -> tuple[str, ...]:
        record = self.index.records[record_id]
        return (*record.names(), *record.surnames())

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text  # built from the tokens at each call: read once
        gazetteer = []
        for span in doc.spans.get("gazetteer", []):
            ids = self.index.by_label.get(span.id_, ()) or self.index.by_surname.get(span.id_, ())
            if not ids or _inside_compound(span):
                continue
            if len(span) == 1 and span.text[:1].islower() and span.id_ in self.capitalised:
                continue
            category = self.index.records[ids[0]].category
            gazetteer.append(Span(doc, span.start, span.end, label=category, span_id=span.id_))
        named = self._ner_names(doc, text)
        heads = load_historical(doc.lang_).organisation_heads
        kept = []  # overlaps are settled on whole names, titles and determiners cut after
        for span in filter_spans(gazetteer):
            if any(self._holds(name, span, heads) for _, name in named):
                continue
            start, key = span.start, span.id_
            ids = self.index.by_label.get(key, ()) or self.index.by_surname.get(key, ())
            if span.label_ == "Person":  # "Prince Charles" → "Charles", the prince's record
                names = {normalise_label(n) for rid in ids for n in self._person_names(rid)}
                start = _skip_titles(doc, text, start, span.end, names)
            else:
                rest = normalise_label(doc[start + 1 : span.end].text) if len(span) > 1 else ""
                if doc[start].lower_ in TITLES and self.index.by_label.get(rest) == ids:
                    start, key = start + 1, rest
            start = _skip_determiners(doc, start, span.end)
            kept.append(Span(doc, start, span.end, label=span.label_, span_id=key))
        taken = {i for span in kept for i in range(span.start, span.end)}
        kept += [name for ent, name in named if not taken.intersection(range(ent.start, ent.end))]
        for span in _titled_names(doc, text):  # it holds a shorter Person of the NER's: it wins
            inside = [k for k in kept if k.start < span.end and span.start < k.end]
            if all(
                k.label_ == "Person" and not k.id_ and span.start <= k.start and k.end <= span.end
                for k in inside
            ):
                kept = [k for k in kept if k not in inside] + [span]
        doc.spans["mentions"] = sorted(kept, key=lambda span: span.start)
        return doc

    def _holds(self, name: Span, span: Span, heads: Collection[str]) -> bool:
        """Whether the NER's longer `name` holds the gazetteer's `span` as a part of it rather
        than as a name of its own: an organisation's name (its first word one of the language's
        head nouns, `heads`) holds a place or person ("la Banque de Paris" is not the city), and
        a person's name holds a one-word name of a record that opens it and is no surname ("Paul
        Vidal" is not the record named "Paul"; "Adolf Hitler" is Hitler)."""
        if not (name.start <= span.start and span.end <= name.end and len(span) < len(name)):
            return False
        if name.label_ == "Group" and span.label_ != "Group":
            return folded(name[0].text) in heads
        return (
            name.label_ == span.label_ == "Person"
            and span.start == name.start
            and len(span) == 1
            and span.id_ in self.index.by_label
        )

    def _ner_names(self, doc: Doc, text: str) -> list[tuple[Span, Span]]:
        """Each NER entity of a category that names something, with its name: the entity
        without leading determiners and titles and a trailing possessive; `text` is the Doc's.
        A person after a preposition of place is a place ("arrested in Toulouse") unless a title
        or the rest of the document makes it a person ("in the amiable Miss Sedley"; "looked at
        Tom" where Tom is named elsewhere as a person)."""
        names: list[tuple[Span, Span]] = []
        placed: set[int] = set()  # the names of persons after a preposition of place
        for ent in doc.ents:
            category = self.ner_categories.get(ent.label_)
            if category is None:
                continue
            if (
                _is_modifier(ent)
                or (len(ent) == 1 and ent.text.lower() in description_nouns())
                or _inflected_word(ent, self.lemmas)
                or _opening_verb(ent)
            ):
                continue  # a noun of a description alone ("… Memorial, the Citadel") is no name
            start = _skip_determiners(doc, ent.start, ent.end)
            named = _skip_titles(doc, text, start, ent.end)
            end = ent.end - (doc[ent.end - 1].lower_ in _SAXON)  # "De Jongh's arrest"
            if any(c.isalpha() for c in doc[named:end].text):  # "New-York" is one token
                if (
                    category == "Person"
                    and named == start
                    and not (start > 0 and doc[start - 1].lower_ in TITLES)
                    and ent.root.dep_ == "pobj"
                    and ent.root.head.lower_ in self.place_prepositions
                ):
                    placed.add(len(names))
                names.append((ent, Span(doc, named, end, label=category)))
        persons = {
            word
            for i, (_, name) in enumerate(names)
            if name.label_ == "Person" and i not in placed
            for word in (name.text, *(token.text for token in name))
        }
        return [
            (ent, Span(doc, name.start, name.end, label="Place"))
            if i in placed and name.text not in persons
            else (ent, name)
            for i, (ent, name) in enumerate(names)
        ]


class PersonNames:
    """People by rule, for a pipeline without NER: a given name, optional particles and a
    capitalised surname ("Fernand Wyss", "Richard De Bodt"), written to ``doc.ents``."""

    def __init__(self, given_names: set[str]) -> None:
        self.given_names = given_names

    def __call__(self, doc: Doc) -> Doc:
        found, i = [], 0
        while i < len(doc) - 1:
            if doc[i].text not in self.given_names:
                i += 1
                continue
            end = i + 1
            while doc[end].lower_ in PARTICLES and end + 1 < len(doc):
                end += 1
            if doc[end].is_title and doc[end].is_alpha:
                while end + 1 < len(doc) and doc[end + 1].is_title and doc[end + 1].is_alpha:
                    end += 1
                found.append(Span(doc, i, end + 1, label="PERSON"))
                i = end + 1
            else:
                i += 1
        doc.ents = filter_spans([*doc.ents, *found])
        return doc


@Language.factory(
    "remembrance_person_names",
    default_config={"given_names": DEFAULT_CONFIG["given_names"]},
)
def make_person_names(nlp: Language, name: str, given_names: list[str]) -> PersonNames:
    first = {name for name in load_index().first_names if name.lower() not in TITLES}
    return PersonNames({*given_names, *first})


@Language.factory(
    "remembrance_mentions",
    default_config={"ner_categories": DEFAULT_CONFIG["ner_categories"]},
)
def make_mentions(nlp: Language, name: str, ner_categories: dict[str, str]) -> MentionMerger:
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    lookups = getattr(lemmatizer, "lookups", None)
    lemmas = (
        lookups.get_table("lemma_lookup") if lookups and lookups.has_table("lemma_lookup") else None
    )
    return MentionMerger(
        ner_categories, load_index(), lemmas, load_table(nlp.lang).place_prepositions
    )
