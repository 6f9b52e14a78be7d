"""Linking and mention rules through the real pipeline, on short texts."""

from datetime import date

from remembrance.pipelines.authority import load_index
from remembrance.pipelines.extract import extract
from remembrance.pipelines.records import Document, Extraction


def run(text: str, language: str = "en") -> Extraction:
    return next(extract([Document("t.txt", text, language)]))


def ids(extraction: Extraction) -> dict[str, str]:
    return {item.mention.text: item.entity.id for item in extraction.mentions}


def test_period_of_the_sentence_chooses_between_camp_and_memorial() -> None:
    index = load_index()
    assert {"kazerne-dossin", "kazerne-dossin-memorial"} <= set(index.by_label["kazerne dossin"])
    wartime = run("In August 1942 the first transport left Kazerne Dossin for Auschwitz.")
    today = run("Kazerne Dossin opened its new museum in 2012 in Mechelen.")
    assert ids(wartime)["Kazerne Dossin"] == "kazerne-dossin"
    assert ids(today)["Kazerne Dossin"] == "kazerne-dossin-memorial"


def test_nearby_place_decides_between_two_memorials_of_one_name() -> None:
    text = (
        "À Liège, l'Enclos des Fusillés se trouve dans la Citadelle. "
        "À Schaerbeek, l'autre Enclos des Fusillés se trouve au Tir national."
    )
    linked = [i for i in run(text, "fr").mentions if i.mention.text == "Enclos des Fusillés"]
    assert [i.entity.id for i in linked] == [
        "enclos-des-fusilles-liege",
        "enclos-des-fusilles-schaerbeek",
    ]


def test_a_place_name_right_before_an_ambiguous_name_picks_the_record_of_that_place() -> None:
    found = run(
        "The Enclos des Fusillés of Schaerbeek lies on the grounds of the Tir national. In short: "
        "the Liège Enclos is at the Citadel of Liège; the Schaerbeek Enclos is at the Tir national."
    )
    enclos = [item.entity.id for item in found.mentions if item.mention.text == "Enclos"]
    assert enclos == ["enclos-des-fusilles-liege", "enclos-des-fusilles-schaerbeek"]


def test_determiners_are_not_part_of_names_but_particles_are() -> None:
    found = ids(run("The Allies crossed the Ardennes. De Jongh was born in Schaerbeek."))
    assert "Ardennes" in found and "the Ardennes" not in found
    assert "De Jongh" in found


def test_a_name_inside_a_hyphenated_place_is_not_a_mention() -> None:
    found = ids(run("Fighting destroyed La Roche-en-Ardenne in January 1945."))
    assert "Ardenne" not in found


def test_acronym_before_a_full_stop_in_dutch() -> None:
    found = ids(run("Schmitt was lid van de SS. Hij leidde het kamp Breendonk.", "nl"))
    assert found.get("SS") == "ss"


def test_local_entities_carry_their_category_and_are_shared() -> None:
    first = run("Florentyna Kowalczyk hid two airmen in Brussels in 1943.")
    second = run("The helper Florentyna Kowalczyk was arrested in 1944.")
    a = {i.entity.id for i in first.mentions if "Kowalczyk" in i.mention.text}
    b = {i.entity.id for i in second.mentions if "Kowalczyk" in i.mention.text}
    assert a == b == {"florentyna-kowalczyk-person"}


def test_column_museum_and_camp_are_records_of_their_own() -> None:
    index = load_index()
    assert index.by_label["congress column"] == ("congress-column",)
    assert index.by_label["colonne du congres"] == ("congress-column",)
    assert "congress-column" not in index.by_label["tomb of the unknown soldier"]
    museum = ("jewish-museum-of-deportation-and-resistance",)
    assert index.by_label["joods museum van deportatie en verzet"] == museum
    assert index.by_label["musee juif de la deportation et de la resistance"] == museum
    assert "jewish-museum-of-deportation-and-resistance" not in index.by_label["kazerne dossin"]
    # The camp's period (July 1942 to September 1944) lets the period check tell it apart.
    assert index.period("kazerne-dossin") == (date(1942, 7, 1), date(1944, 9, 30))
    assert index.period("kazerne-dossin-memorial")[0] == date(2012, 1, 1)


def test_a_present_tense_sentence_speaks_of_the_publication_date() -> None:
    cases = [
        (
            "nl",
            "In 1942 maakte de SS van de Dossinkazerne een kamp. Kazerne Dossin ligt in Mechelen.",
        ),
        (
            "en",
            "In 1942 the SS used the Dossin barracks. Kazerne Dossin is located in Mechelen.",
        ),
    ]
    for language, text in cases:
        for published, expected in (
            (None, "kazerne-dossin"),
            (date(2019, 5, 8), "kazerne-dossin-memorial"),
        ):
            document = Document("t.txt", text, language, published=published)
            assert ids(next(extract([document])))["Kazerne Dossin"] == expected, (
                language,
                published,
            )


def test_a_bare_event_noun_takes_the_place_named_in_its_sentence() -> None:
    assert ids(run("In Antwerp the liberation is remembered every year."))["liberation"] == (
        "liberation-of-antwerp"
    )
    assert ids(run("Every year the liberation is remembered."))["liberation"] == (
        "liberation-of-belgium"
    )
    two_places = run("In Antwerp and Brussels the liberation is remembered every year.")
    assert ids(two_places)["liberation"] == "liberation-of-belgium"


def test_a_bare_event_noun_keeps_a_record_already_tied_to_the_named_place() -> None:
    found = run("Belgium was invaded by German forces on May 10, 1940.")
    assert ids(found)["invaded"] == "german-invasion-of-belgium-1940"


def test_a_one_word_name_written_in_lower_case_is_the_common_word() -> None:
    found = ids(run("De namen van de gefusilleerden staan op het monument in Namen.", "nl"))
    assert found == {"Namen": "namur"}
    assert "alliés" not in ids(run("Les aviateurs alliés passèrent par Bruxelles.", "fr"))
