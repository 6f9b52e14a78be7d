"""Historical text: the normalised text the models see, its offset map back to the original, and
extraction from telegrams, hyphenated line ends and long s in the three languages."""

import json
import re
from pathlib import Path

from clitools import run_cli
from hypothesis import given
from hypothesis import strategies as st

from remembrance.pipelines.extract import extract
from remembrance.pipelines.historical.normalise import for_models, normalise
from remembrance.pipelines.records import Document, Extraction


def words(text: str, language: str) -> dict[str, str]:
    """Each word of the normalised text → the original text its offsets map to."""
    normal = normalise(text, language)
    return {
        m.group(): text[normal.start(m.start()) : normal.end(m.end())]
        for m in re.finditer(r"\w+", normal.text)
    }


def test_words_hyphenated_at_line_ends_are_joined_and_map_to_the_original() -> None:
    assert words("De verzets-\nstrijder uit Noord-\nBrabant.", "nl") == {
        "De": "De",
        "verzetsstrijder": "verzets-\nstrijder",
        "uit": "uit",
        "Noord": "Noord",
        "Brabant": "Brabant",
    }
    normal = normalise("La résis-\n  tance à Saint-\nGilles, peut-\nêtre.", "fr")
    assert normal.text == "La résistance à Saint-Gilles, peut-être."
    assert normalise("oud-\nstrijders en een zee-\n  en luchtmacht", "nl").text == (
        "oud-strijders en een zee-\n  en luchtmacht"  # "oud" keeps its hyphen; "en" is a word
    )
    assert normalise("1940-\n1945 and Brus\u00adsels", "en").text == "1940-\n1945 and Brussels"


def test_long_s_and_ligatures_are_replaced_but_letters_of_the_spelling_kept() -> None:
    assert words("Le réſeau de la ﬁlle, cœur de Lætitia.", "fr") == {
        "Le": "Le",
        "réseau": "réſeau",
        "de": "de",
        "la": "la",
        "fille": "ﬁlle",
        "cœur": "cœur",
        "Lætitia": "Lætitia",
    }
    assert normalise("de ĳzeren ﬂes", "nl").text == "de ijzeren fles"
    assert normalise("de ĳzeren ﬂes", "en").text == "de ĳzeren fles"  # ĳ is Dutch only


def test_all_caps_runs_are_recased_keeping_acronyms_and_offsets() -> None:
    text = "Report. TELEGRAMME DE BRUXELLES. JEAN DUPONT ARRETE A LIEGE PAR LA SS STOP. Fin."
    normal = normalise(text, "fr", acronyms={"SS"})
    assert normal.text == (
        "Report. Télégramme de Bruxelles. Jean Dupont arrêté a Liege par la SS stop. Fin."
    )
    assert not normal.shifted and len(normal.text) == len(text)
    assert normalise("BERICHT UIT IJZER: JAN GEARRESTEERD", "nl").text == (
        "Bericht uit IJzer: Jan gearresteerd"
    )
    # a word written in lower case elsewhere in the document is a common word
    assert normalise("It was a bridge. THEY BLEW THE BRIDGE AT VISE", "en").text.endswith(
        "They Blew the bridge at Vise"
    )


def test_a_text_without_anything_to_normalise_is_the_same_document() -> None:
    document = Document("x.txt", "Andrée de Jongh founded the Comet Line in 1941. SS", "en")
    assert for_models(document)[0] is document


PIECES = ["verzets", "-\n", "strijder", " ", "ſ", "ﬁ", "\u00ad", "Brabant", "-\n  ", "ĳ", "STOP"]


@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_the_offset_map_is_monotonic_and_within_the_original(pieces: list[str]) -> None:
    text = "".join(pieces)
    normal = normalise(text, "nl")
    starts = [normal.start(p) for p in range(len(normal.text) + 1)]
    ends = [normal.end(p) for p in range(len(normal.text) + 1)]
    assert starts == sorted(starts) and ends == sorted(ends)
    assert ends[0] == 0 and ends[-1] <= starts[-1] == len(text)
    # a character of the normalised text maps to at least one character of the original
    assert all(starts[p] < ends[p + 1] for p in range(len(normal.text)))


def surfaces(extraction: Extraction) -> None:
    """Every record's offsets point into the original text, and a record's text is its slice."""
    text = extraction.document.text
    for item in extraction.mentions:
        assert text[item.mention.start : item.mention.end] == item.mention.text
        first, last = item.mention.sentence
        assert first <= item.mention.start <= item.mention.end <= last <= len(text)
    for date in extraction.dates:
        assert text[date.start : date.end] == date.text
    for statement in extraction.statements:
        assert 0 <= statement.start <= statement.end <= len(text)


def found(extraction: Extraction) -> set[tuple[str, str]]:
    return {(item.mention.text, item.entity.category) for item in extraction.mentions}


TELEGRAMS = [
    Document(
        "fr.txt",
        "TELEGRAMME DE BRUXELLES. JEAN DUPONT ARRETE A LIEGE PAR LA GESTAPO LE 10 MAI 1943 STOP",
        "fr",
    ),
    Document("en.txt", "MESSAGE FROM BRUSSELS. JOHN SMITH SHOT BY GERMANS AT BREENDONK STOP", "en"),
    Document("nl.txt", "BERICHT UIT ANTWERPEN. JAN PEETERS GEARRESTEERD TE MECHELEN STOP", "nl"),
]


def test_telegrams_in_capitals_give_people_places_and_facts() -> None:
    fr, en, nl = extract(TELEGRAMS)
    for extraction in (fr, en, nl):
        surfaces(extraction)
    assert {("LIEGE", "Place"), ("GESTAPO", "Group")} <= found(fr)
    people = [text for text, category in found(fr) if category == "Person"]
    assert any(text.startswith("JEAN DUPONT") for text in people)
    assert [d.value for d in fr.dates] == ["1943-05-10"]
    assert {("JOHN SMITH", "Person"), ("BREENDONK", "Place")} <= found(en)
    by_label = {item.mention.text: item.entity.label for item in en.mentions}
    assert by_label["JOHN SMITH"] == "John Smith"  # a new entity is named as the models read it
    assert ("executedAt", "fort-breendonk") in {(s.predicate, s.object) for s in en.statements}
    assert {("JAN PEETERS", "Person"), ("MECHELEN", "Place")} <= found(nl)
    assert ("STOP", "Person") not in found(nl)


def test_hyphenated_names_and_long_s_are_found_with_the_original_surface() -> None:
    texts = {
        "nl": "De verzets-\nstrijder Walter Gans-\nhof van der Meersch werd in Brus-\nsel "
        "gearresteerd. Hij was lid van het Ge-\nheim Leger.",
        "fr": "Le réſeau Comète fut fondé à Bruxelles par Andrée de Jon-\ngh. "
        "La réſiſtance à Lié-\nge.",
        "en": "The ﬁrst airmen were hidden in Brus-\nsels by the Comet Line of Andrée de Jon-\ngh.",
    }
    nl, fr, en = extract(Document(f"{k}.txt", text, k) for k, text in texts.items())
    for extraction in (nl, fr, en):
        surfaces(extraction)
    assert {("Walter Gans-\nhof van der Meersch", "Person"), ("Brus-\nsel", "Place")} <= found(nl)
    assert ("Ge-\nheim Leger", "Group") in found(nl)
    assert {("arrestedAt", "brussels"), ("memberOf", "secret-army")} <= {
        (s.predicate, s.object) for s in nl.statements
    }
    assert {("réſeau Comète", "Group"), ("Andrée de Jon-\ngh", "Person")} <= found(fr)
    assert ("Lié-\nge", "Place") in found(fr)
    assert ("foundedBy", "andree-de-jongh") in {(s.predicate, s.object) for s in fr.statements}
    assert {("Brus-\nsels", "Place"), ("Andrée de Jon-\ngh", "Person")} <= found(en)
    assert {item.entity.label for item in en.mentions} == {
        "Brussels",
        "Comet Line",
        "Andrée de Jongh",
    }


def test_remembrance_extract_writes_offsets_into_the_original_text(tmp_path: Path) -> None:
    text = (
        "Le résis-\ntant Jean Dupont fut arrêté à Lié-\nge le 10 mai 1943. TELEGRAMME DE GAND STOP"
    )
    path = tmp_path / "lettre.txt"
    path.write_text(text, encoding="utf-8")
    path.with_suffix(".json").write_text('{"language": "fr"}', encoding="utf-8")
    result = run_cli("extract", str(path), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stdout)
    assert line["entities"] and line["dates"] and line["relations"]
    for record in [*line["entities"], *line["dates"], *line["relations"]]:
        assert 0 <= record["start"] <= record["end"] <= len(text)
    for record in [*line["entities"], *line["dates"]]:
        assert text[record["start"] : record["end"]] == record["text"]
    assert {"Lié-\nge", "GAND"} <= {e["text"] for e in line["entities"]}


def test_titles_and_ranks_stay_out_of_person_mentions_and_are_kept_as_their_title() -> None:
    texts = {
        "fr": "Le général de Gaulle parla à Londres. M. Jean Dupont et Mme Marie Peeters furent "
        "arrêtés. Mgr Kerkhofs bénit la foule. Le lieutenant Henri Michel fut fusillé.",
        "nl": "Dhr. Jan Peeters en E.H. Jozef Cardijn werden gearresteerd. Kolonel Bastin leidde "
        "het Geheim Leger. De heer Karel Janssens sprak.",
        "en": "Lt. John Smith and Mrs. Mary Jones were hidden by Father Jean Bruylandts. GENERAL "
        "ANTHONY MCAULIFFE REPLIED NUTS.",
    }
    fr, nl, en = extract(Document(f"{k}.txt", text, k) for k, text in texts.items())
    people = {
        extraction.document.language: {
            item.mention.text: item.mention.title
            for item in extraction.mentions
            if item.entity.category == "Person"
        }
        for extraction in (fr, nl, en)
    }
    assert people["fr"] == {
        "de Gaulle": "général",
        "Jean Dupont": "M.",
        "Marie Peeters": "Mme",
        "Kerkhofs": "Mgr",
        "Henri Michel": "lieutenant",
    }
    assert people["nl"] == {
        "Jan Peeters": "Dhr.",
        "Jozef Cardijn": "E.H.",
        "Bastin": "Kolonel",
        "Karel Janssens": "heer",
    }
    assert people["en"]["John Smith"] == "Lt." and people["en"]["Mary Jones"] == "Mrs."
    assert people["en"]["Jean Bruylandts"] == "Father"
    assert people["en"]["ANTHONY MCAULIFFE"] == "General"  # read from the recased text
    for extraction in (fr, nl, en):
        surfaces(extraction)


def test_the_title_is_in_the_jsonl_and_the_graph(tmp_path: Path) -> None:
    path = tmp_path / "brief.txt"
    path.write_text("Mgr Kerkhofs zegende Luik.", encoding="utf-8")
    path.with_suffix(".json").write_text('{"language": "nl"}', encoding="utf-8")
    line = json.loads(run_cli("extract", str(path), "--format", "jsonl").stdout)
    assert [(e["text"], e["title"]) for e in line["entities"]] == [
        ("Kerkhofs", "Mgr"),
        ("Luik", None),
    ]
    turtle = run_cli("extract", str(path), "--format", "ttl").stdout
    assert 'rem:title "Mgr"' in turtle
