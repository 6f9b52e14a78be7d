"""The mention merger and the rules, on blank spaCy pipelines and small inputs."""

from datetime import date

import spacy
from spacy.tokens import Doc, Span

from remembrance.pipelines.authority import load_index, normalise_label
from remembrance.pipelines.components import MentionMerger
from remembrance.pipelines.config import DEFAULT_CONFIG
from remembrance.pipelines.extract import analyse, load_nlp
from remembrance.pipelines.frames.tables import load_table
from remembrance.pipelines.linking import link_mentions
from remembrance.pipelines.records import DateMention, Document, LinkedMention, Mention
from remembrance.pipelines.rules import definite_descriptions
from remembrance.pipelines.tense import present_tense


def merged(text: str, names: list[str], language: str = "en") -> list[tuple[str, str]]:
    """(span text, span id) of the merged mentions, the gazetteer having found `names`."""
    doc: Doc = spacy.blank(language)(text)
    spans = []
    for name in names:
        start = text.index(name)
        span = doc.char_span(start, start + len(name))
        assert span is not None, name
        spans.append(Span(doc, span.start, span.end, label="NAME", span_id=normalise_label(name)))
    doc.spans["gazetteer"] = spans
    merger = MentionMerger(DEFAULT_CONFIG["ner_categories"], load_index())
    return [(span.text, span.id_) for span in merger(doc).spans["mentions"]]


def test_titles_leave_a_persons_span_but_keep_the_full_labels_record() -> None:
    assert merged("Prince Charles became regent.", ["Prince Charles"]) == [
        ("Charles", "prince charles")
    ]
    assert merged(
        "The Prince Regent Charles spoke.", ["Prince Regent Charles", "Prince Regent"]
    ) == [("Charles", "prince regent charles")]
    assert merged("De prins-regent Karel sprak.", ["prins-regent Karel"], "nl") == [
        ("Karel", "prins-regent karel")
    ]
    assert merged("Le prince régent Charles parla.", ["prince régent Charles"], "fr") == [
        ("Charles", "prince regent charles")
    ]
    assert merged("King Leopold III refused.", ["King Leopold III"])[0][0] == "Leopold III"
    assert merged("General Piron landed.", ["General Piron"])[0][0] == "Piron"


def test_a_lone_description_noun_from_the_ner_is_no_name() -> None:
    doc: Doc = spacy.blank("en")('the Enclos ("of those shot") Memorial, then Gerard Hosey spoke.')
    memorial, hosey = doc.char_span(29, 37), doc.char_span(44, 56)
    assert memorial is not None and hosey is not None
    doc.ents = [
        Span(doc, memorial.start, memorial.end, "PERSON"),
        Span(doc, hosey.start, hosey.end, "PERSON"),
    ]
    doc.spans["gazetteer"] = []
    merger = MentionMerger(DEFAULT_CONFIG["ner_categories"], load_index())
    assert [(s.text, s.label_) for s in merger(doc).spans["mentions"]] == [
        ("Gerard Hosey", "Person")
    ]


def test_a_hyphenated_one_token_name_and_an_adjective_modifying_nothing_are_names() -> None:
    words = ["arrivé", "à", "New-York", "et", "à", "Mantes", ",", "Allied", "airmen"]
    pos = ["VERB", "ADP", "PROPN", "CCONJ", "ADP", "ADJ", "PUNCT", "ADJ", "NOUN"]
    deps = ["ROOT", "case", "obl", "cc", "case", "conj", "punct", "amod", "obj"]
    heads = [0, 2, 0, 5, 5, 2, 0, 8, 0]
    doc = Doc(spacy.blank("fr").vocab, words=words, pos=pos, deps=deps, heads=heads)
    doc.ents = [Span(doc, i, i + 1, label) for i, label in [(2, "LOC"), (5, "LOC"), (7, "ORG")]]
    doc.spans["gazetteer"] = []
    merger = MentionMerger(DEFAULT_CONFIG["ner_categories"], load_index())
    assert [(s.text, s.label_) for s in merger(doc).spans["mentions"]] == [
        ("New-York", "Place"),
        ("Mantes", "Place"),
    ]


def test_a_longer_ner_name_holds_a_name_of_another_category_or_a_persons_lone_name() -> None:
    text = "La Banque de Paris paya M. Paul Vidal, rue d'Ixelles, à Paris et Citadelle de Liège."
    doc: Doc = spacy.blank("fr")(text)
    entities = [
        ("Banque de Paris", "ORG"),
        ("Paul Vidal", "PER"),
        ("rue d'Ixelles", "LOC"),
        ("Citadelle de Liège", "ORG"),
    ]
    doc.ents = [span_of(doc, text, name, label) for name, label in entities]
    doc.spans["gazetteer"] = [
        span_of(doc, text, name, "NAME", nth, normalise_label(name))
        for name, nth in [("Paris", 0), ("Paul", 0), ("Ixelles", 0), ("Paris", 1), ("Liège", 0)]
    ]
    merger = MentionMerger(DEFAULT_CONFIG["ner_categories"], load_index())
    # the bank is not the city, Paul Vidal not the record named "Paul" (Frédéric De Jongh's
    # code name); a place inside a longer place keeps its record (a street of Ixelles), and so
    # does one inside a "group" whose first word is no organisation's head noun
    assert [(s.text, s.label_, s.id_) for s in merger(doc).spans["mentions"]] == [
        ("Banque de Paris", "Group", ""),
        ("Paul Vidal", "Person", ""),
        ("Ixelles", "Place", "ixelles"),
        ("Paris", "Place", "paris"),
        ("Liège", "Place", "liege"),
    ]


def span_of(doc: Doc, text: str, name: str, label: str, nth: int = 0, key: str = "") -> Span:
    """The Span of the `nth` occurrence of `name` in `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    found = doc.char_span(start, start + len(name))
    assert found is not None, name
    return Span(doc, found.start, found.end, label=label, span_id=key)


def test_titles_stay_where_nothing_of_a_name_would_be_left() -> None:
    assert merged("The Prince Regent spoke.", ["Prince Regent"])[0][0] == "Prince Regent"
    assert merged("She became Princess of Réthy.", ["Princess of Réthy"])[0][0] == (
        "Princess of Réthy"
    )
    # A lower-case particle after the title is kept when the rest is a name of the record.
    assert merged("General von Falkenhausen ruled.", ["General von Falkenhausen"])[0][0] == (
        "von Falkenhausen"
    )


def mention(text: str, start: int, source: str = "ner", ids: tuple[str, ...] = ()) -> Mention:
    return Mention(text, start, start + len(text), "Person", source, 0.6, (0, 200), ids)


def test_a_given_name_alone_is_a_short_form_of_the_latest_person_bearing_it() -> None:
    index = load_index()
    charles = ("prince-charles-count-of-flanders",)
    mentions = [
        mention("Charles, Count of Flanders", 0, "gazetteer", charles),
        mention("Leopold III", 40, "gazetteer", ("leopold-iii",)),
        mention("Charles", 60),
        mention("Leopold", 80),
        mention("Count", 100),  # after the comma: not a name of the prince
        mention("Prince", 120),  # a title is nobody's short form
        mention("Marguerite", 140),
    ]
    linked = {item.mention.text: item.entity for item in link_mentions(mentions, index)}
    assert linked["Charles"].id == "prince-charles-count-of-flanders"
    assert linked["Leopold"].id == "leopold-iii"
    assert all(linked[n].local for n in ("Count", "Prince", "Marguerite"))


def linked_record(text: str, start: int, record_id: str) -> LinkedMention:
    index = load_index()
    record = index.records[record_id]
    found = Mention(text, start, start + len(text), record.category, "gazetteer", 0.95, (0, 0))
    return LinkedMention(found, record.entity(), 0.95)


def resolved(text: str, named: dict[str, str], language: str = "en") -> list[tuple[str, str]]:
    """(text, entity id) of the definite descriptions, `named` mapping names in text to ids."""
    linked = [linked_record(n, text.index(n), rid) for n, rid in named.items()]
    table = load_table(language)
    items = definite_descriptions(text, [(0, len(text))], linked, load_index(), table)
    return [(item.mention.text, item.entity.id) for item in items]


def test_definite_descriptions_in_lower_case_and_with_monument_nouns() -> None:
    king = {"Leopold III": "leopold-iii"}
    for language, text, noun in (
        ("en", "Leopold III stayed. The king refused.", "king"),
        ("fr", "Leopold III resta. Le roi refusa.", "roi"),
        ("nl", "Leopold III bleef. De koning weigerde.", "koning"),
    ):
        assert resolved(text, king, language) == [(noun, "leopold-iii")], language
    breendonk = {"Breendonk Memorial": "national-memorial-fort-breendonk"}
    for language, noun in (
        ("en", "the memorial"),
        ("fr", "le monument"),
        ("nl", "het monument"),
        ("nl", "het gedenkteken"),
        ("fr", "le mémorial"),
    ):
        text = f"The Breendonk Memorial opened. Since then {noun} is open."
        found = resolved(text, breendonk, language)
        assert found == [(noun.split()[1], "national-memorial-fort-breendonk")], noun


def test_no_description_before_a_name_a_complement_or_without_antecedent() -> None:
    breendonk = {"Breendonk Memorial": "national-memorial-fort-breendonk"}
    text = "The Breendonk Memorial opened. The memorial to the deportees."
    assert resolved(text, breendonk) == []
    assert resolved("The Breendonk Memorial ouvrit. Le monument aux morts.", breendonk, "fr") == []
    king = {"Leopold III": "leopold-iii"}
    assert resolved("Leopold III régna. Puis le roi Baudouin vint.", king, "fr") == []
    assert resolved("The king refused.", {}) == []
    assert resolved("Leopold III left the citadel.", king) == []


def test_a_resolved_description_replaces_the_statistical_mention_of_it() -> None:
    nlp = spacy.blank("fr")
    nlp.add_pipe("sentencizer")
    text = "Léopold III capitula. Le roi resta à Laeken."
    doc = nlp(text)
    leopold = doc.char_span(0, 11)
    roi = doc.char_span(text.index("roi"), text.index("roi") + 3)
    assert leopold is not None and roi is not None
    doc.spans["mentions"] = [
        Span(doc, leopold.start, leopold.end, label="Person", span_id="leopold iii"),
        Span(doc, roi.start, roi.end, label="Person"),  # as the NER would tag it
    ]
    extraction = analyse(doc, Document("t.txt", text, "fr"), load_index())
    kings = [(i.mention.text, i.mention.source, i.entity.id) for i in extraction.mentions]
    assert [k for k in kings if k[0] == "roi"] == [("roi", "coreference", "leopold-iii")]


def test_present_tense_from_the_parse_or_from_cue_words() -> None:
    blank = spacy.blank("nl")
    blank.add_pipe("sentencizer")
    cues = set(DEFAULT_CONFIG["present_tense_cues"]["nl"])
    now, then = blank("Kazerne Dossin ligt in Mechelen. Kazerne Dossin was een kamp.").sents
    assert present_tense(now, cues) and not present_tense(then, cues)
    for language, present, past in (
        ("en", "Kazerne Dossin is located in Mechelen and keeps testimonies.", "It was a camp."),
        ("fr", "Le musée est à Malines.", "Les Juifs ont été déportés de Malines."),
    ):
        sentences = list(spacy.load(DEFAULT_CONFIG["models"][language])(f"{present} {past}").sents)
        assert present_tense(sentences[0]) and not present_tense(sentences[-1]), language


def test_the_publication_date_dates_a_sentence_in_the_present_tense() -> None:
    text = "The Dossin barracks were a camp. Kazerne Dossin keeps testimonies."
    camp = Mention(
        "Dossin barracks", 4, 19, "Place", "gazetteer", 0.95, (0, 32), ("kazerne-dossin",)
    )
    second = (33, len(text))
    name = Mention(
        "Kazerne Dossin",
        33,
        47,
        "Place",
        "gazetteer",
        0.95,
        second,
        ("kazerne-dossin", "kazerne-dossin-memorial"),
    )
    published = date(2019, 5, 8)
    now = {second: DateMention("", 33, 33, "2019-05-08", published, published)}
    index = load_index()
    assert link_mentions([camp, name], index)[1].entity.id == "kazerne-dossin"
    assert link_mentions([camp, name], index, undated=now)[1].entity.id == (
        "kazerne-dossin-memorial"
    )


def test_the_monument_prefers_a_memorial_that_is_not_a_museum() -> None:
    text = "The Mardasson Memorial stands near the Bastogne War Museum. The monument is cared for."
    named = {
        "Mardasson Memorial": "mardasson-memorial",
        "Bastogne War Museum": "bastogne-war-museum",
    }
    assert resolved(text, named) == [("monument", "mardasson-memorial")]
    museum = {"Bastogne War Museum": "bastogne-war-museum"}
    assert resolved("The Bastogne War Museum opened. The monument is new.", museum) == [
        ("monument", "bastogne-war-museum")
    ]


def test_person_names_by_rule_on_a_blank_pipeline() -> None:
    nlp = spacy.blank("nl")
    nlp.add_pipe("remembrance_person_names")
    text = (
        "Fernand Wyss en Richard De Bodt werden gearresteerd. De Britse piloten vlogen naar "
        "Louise. Andrée de Jongh leefde."
    )
    people = [e.text for e in nlp(text).ents if e.label_ == "PERSON"]
    # a known given name (the config's, or a person record's first name) before a surname
    assert people == ["Fernand Wyss", "Richard De Bodt", "Andrée de Jongh"]


def test_a_person_after_a_place_preposition_is_a_place_unless_titled_or_named_elsewhere() -> None:
    """LitBank dev: "in the amiable Miss Sedley" stayed a person of the NER, not a place."""
    text = (
        "Albert Guérisse was arrested in Toulouse. Tom stayed at home. "
        "Emma had no faith in Tom, nor in the amiable Miss Sedley."
    )
    doc = load_nlp("en")(text)
    after_in = [e.text for e in doc.ents if e.label_ == "PERSON" and e.root.head.lower_ == "in"]
    assert after_in == ["Toulouse", "Tom", "Sedley"]  # the NER's persons the rule looks at
    assert [(s.text, s.label_) for s in doc.spans["mentions"]] == [
        ("Albert Guérisse", "Person"),
        ("Toulouse", "Place"),
        ("Tom", "Person"),
        ("Emma", "Person"),
        ("Tom", "Person"),  # named as a person elsewhere in the document
        ("Sedley", "Person"),  # a title before the name
    ]
