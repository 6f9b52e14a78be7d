"""Every data table of the pipelines (relation and frame tables, historical text, date words)
stops on a problem with one line that names the file and the problem."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from remembrance.pipelines import date_words
from remembrance.pipelines.date_words import load_date_words
from remembrance.pipelines.frames import tables as frames
from remembrance.pipelines.frames.tables import load_table
from remembrance.pipelines.historical import tables as historical
from remembrance.pipelines.historical.tables import load_historical
from remembrance.pipelines.table_reader import TableError

FRAMES = (load_table, frames.FOLDER, "en")
HISTORICAL = (load_historical, historical.FOLDER, "nl")
DATES = (load_date_words, date_words.FOLDER, "fr")

CASES = [
    (FRAMES, ('predicate = "memberOf"', 'predicate = "memberof"'), "'memberof' is not a term"),
    (FRAMES, ('subjects = ["Person"]', 'subjects = ["Persons"]'), "unknown category 'Persons'"),
    (FRAMES, ("{W}joined", "{WORDS}joined"), "unknown macro ['WORDS']"),
    (FRAMES, ("{W}joined", "{W}(joined"), "bad regular expression"),
    (FRAMES, ('kind = "verb"', 'kind = "verbs"'), "choose verb or noun"),
    (FRAMES, ('markers = "by"', 'markers = "bye"'), "unknown markers 'bye'"),
    (FRAMES, ("[surface]", "[surfaces]"), "[surface]: missing key 'conjunct'"),
    (FRAMES, ("[[pattern]]", "[[pattern]]\nweight = 2"), "unknown key 'weight'"),
    (FRAMES, ("[macros]", "[macros"), "en.toml"),
    (FRAMES, ("Invasion = '", "Invasions = '"), "[events] Invasions: 'Invasions' is not a term"),
    (FRAMES, ("[events]", "[event]"), "[events]: expected classes of the ontology"),
    (FRAMES, ('king = ["king"]', 'kings = ["king"]'), "[descriptions]: unknown key 'kings'"),
    (
        FRAMES,
        ('citadel = ["Citadel"]', 'citadel = [""]'),
        "[descriptions] citadel: expected a list",
    ),
    (
        HISTORICAL,
        ('conjunctions = ["en", "of", "tot"]', 'conjunctions = "en"'),
        "[hyphenation] conjunctions",
    ),
    (HISTORICAL, ('keep = ["oud",', 'keep = ["",'), "[hyphenation] keep: expected a list"),
    (HISTORICAL, ('"ĳ" = "ij"', '"ij" = "ij"'), "[characters]: expected single characters"),
    (HISTORICAL, ("[capitals]", "[capitals"), "nl.toml"),
    (HISTORICAL, ("\narticles = [", "\narticle = ["), "[names] articles: expected a list"),
    (HISTORICAL, ('particles = ["de",', 'particles = ["",'), "[names] particles: expected a list"),
    (DATES, ('    "mai",\n', ""), "[calendar] months: expected 12 months, found 11"),
    (DATES, ('"hiver" = 24', '"hiver" = 25'), "[calendar] seasons"),
    (DATES, ("month_first = false", 'month_first = "no"'), "[calendar] month_first"),
    (DATES, ("between = 'entre'\n", ""), "[fragments]: expected one string for each of"),
    (DATES, ('prepositions = [\n    "en"', 'prepositions = [\n    ""'), "[years] prepositions"),
    (DATES, ("[years]", "[years"), "fr.toml"),
]


@pytest.mark.parametrize(("table", "change", "message"), CASES)
def test_a_bad_table_stops_with_one_line(
    tmp_path: Path,
    table: tuple[Callable[[str, Path], Any], Path, str],
    change: tuple[str, str],
    message: str,
) -> None:
    load, folder, language = table
    text = (folder / f"{language}.toml").read_text(encoding="utf-8")
    assert change[0] in text
    copy = tmp_path / f"{language}.toml"
    copy.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    with pytest.raises(TableError) as caught:
        load(language, tmp_path)
    assert message in str(caught.value)
    assert str(copy) in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("load", [load_table, load_historical, load_date_words])
def test_an_unknown_language_lists_the_valid_ones(load: Callable[[str], Any]) -> None:
    with pytest.raises(ValueError, match="choose one of en, fr, nl"):
        load("de")
