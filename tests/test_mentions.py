"""The mention merger and the rules, on blank spaCy pipelines and small inputs."""

import spacy
from spacy.tokens import Doc, Span

from remembrance.pipelines.authority import load_index, normalise_label
from remembrance.pipelines.components import MentionMerger
from remembrance.pipelines.config import DEFAULT_CONFIG
from remembrance.pipelines.linking import link_mentions
from remembrance.pipelines.records import Mention


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
