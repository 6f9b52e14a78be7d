"""The per-language data tables of the relation extractors and the event frames."""

from pathlib import Path

import pytest

from remembrance.pipelines.frames.tables import FOLDER, TableError, load_table


@pytest.mark.parametrize("language", ["en", "fr", "nl"])
def test_every_table_loads(language: str) -> None:
    table = load_table(language)
    assert table.patterns and table.quantities and table.anaphors


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('predicate = "memberOf"', 'predicate = "memberof"'), "'memberof' is not a term"),
        (('subjects = ["Person"]', 'subjects = ["Persons"]'), "unknown category 'Persons'"),
        (("{W}joined", "{WORDS}joined"), "unknown macro ['WORDS']"),
        (("{W}joined", "{W}(joined"), "bad regular expression"),
        (('kind = "verb"', 'kind = "verbs"'), "choose verb or noun"),
        (('markers = "by"', 'markers = "bye"'), "unknown markers 'bye'"),
        (("[surface]", "[surfaces]"), "[surface]: missing key 'conjunct'"),
        (("[[pattern]]", "[[pattern]]\nweight = 2"), "unknown key 'weight'"),
        (("[macros]", "[macros"), "en.toml"),
    ],
)
def test_a_bad_table_stops_with_one_line(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    text = (FOLDER / "en.toml").read_text(encoding="utf-8")
    assert change[0] in text
    (tmp_path / "en.toml").write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    with pytest.raises(TableError) as caught:
        load_table("en", tmp_path)
    assert message in str(caught.value)
    assert str(tmp_path / "en.toml") in str(caught.value)
    assert "\n" not in str(caught.value)


def test_unknown_language_lists_the_valid_ones() -> None:
    with pytest.raises(ValueError, match="choose one of en, fr, nl"):
        load_table("de")
