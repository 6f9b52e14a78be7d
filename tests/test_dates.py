"""Tests for the date recogniser and EDTF normaliser."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path

import edtf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

try:
    from remembrance.pipelines import dates
except ImportError:  # package not installed yet: load the module from its file
    _path = Path(__file__).resolve().parents[1] / "pipelines" / "dates.py"
    _spec = importlib.util.spec_from_file_location("remembrance_dates", _path)
    assert _spec is not None and _spec.loader is not None
    dates = importlib.util.module_from_spec(_spec)
    sys.modules[_spec.name] = dates
    _spec.loader.exec_module(dates)

find_dates, normalise, bounds = dates.find_dates, dates.normalise, dates.bounds

CASES = [
    # full dates
    ("en", "10 May 1940", "1940-05-10"),
    ("en", "May 10, 1940", "1940-05-10"),
    ("en", "10th May 1940", "1940-05-10"),
    ("en", "the 10th of May, 1940", "1940-05-10"),
    ("en", "MAY 10 1940", "1940-05-10"),
    ("en", "on Sunday, September 3, 1944", "1944-09-03"),
    ("en", "3 Sept. 1944", "1944-09-03"),
    ("en", "1944-09-03", "1944-09-03"),
    ("en", "03/09/1944", "1944-09-03"),
    ("en", "09/23/1944", "1944-09-23"),
    ("fr", "le 28 mai 1940", "1940-05-28"),
    ("fr", "1er septembre 1944", "1944-09-01"),
    ("fr", "dimanche 3 septembre 1944", "1944-09-03"),
    ("fr", "3 sept. 1944", "1944-09-03"),
    ("fr", "15 aout 1944", "1944-08-15"),
    ("fr", "15 août 1944", "1944-08-15"),
    ("fr", "2 fevrier 1943", "1943-02-02"),
    ("fr", "11 DÉCEMBRE 1944", "1944-12-11"),
    ("fr", "3.9.1944", "1944-09-03"),
    ("nl", "op 3 september 1944", "1944-09-03"),
    ("nl", "zondag 3 september 1944", "1944-09-03"),
    ("nl", "4 mrt. 1943", "1943-03-04"),
    ("nl", "1 mei 1945", "1945-05-01"),
    # month and year
    ("en", "May 1940", "1940-05"),
    ("en", "September, 1944", "1944-09"),
    ("fr", "en mai 1940", "1940-05"),
    ("fr", "mars 1943", "1943-03"),
    ("nl", "in mei 1940", "1940-05"),
    ("nl", "maart 1943", "1943-03"),
    # years and decades
    ("en", "in 1946", "1946"),
    ("fr", "en 1947", "1947"),
    ("nl", "1943", "1943"),
    ("en", "the 1940s", "194X"),
    ("en", "the '40s", "194X"),
    ("fr", "les années 1940", "194X"),
    ("fr", "les années 40", "194X"),
    ("nl", "de jaren 1940", "194X"),
    ("nl", "de jaren '40", "194X"),
    # ranges
    ("en", "between September and October 1944", "1944-09/1944-10"),
    ("en", "from 1941 to 1944", "1941/1944"),
    ("en", "1941-1944", "1941/1944"),
    ("en", "1941–1944", "1941/1944"),
    ("en", "1944-45", "1944/1945"),
    ("en", "from 10 to 28 May 1940", "1940-05-10/1940-05-28"),
    ("en", "3–4 September 1944", "1944-09-03/1944-09-04"),
    ("en", "May 10–28, 1940", "1940-05-10/1940-05-28"),
    ("en", "from 10 May to 4 June 1940", "1940-05-10/1940-06-04"),
    ("en", "from September 1944 to May 1945", "1944-09/1945-05"),
    ("fr", "de 1941 à 1944", "1941/1944"),
    ("fr", "entre 1941 et 1944", "1941/1944"),
    ("fr", "du 10 au 28 mai 1940", "1940-05-10/1940-05-28"),
    ("fr", "d'avril à juin 1944", "1944-04/1944-06"),
    ("fr", "de septembre à octobre 1944", "1944-09/1944-10"),
    ("nl", "van 1941 tot 1944", "1941/1944"),
    ("nl", "tussen september en oktober 1944", "1944-09/1944-10"),
    ("nl", "van 10 tot 28 mei 1940", "1940-05-10/1940-05-28"),
    ("nl", "van 15 op 16 januari 1944", "1944-01-15/1944-01-16"),
    # a month's days: "de meidagen van 1940"
    ("nl", "de meidagen van 1940", "1940-05"),
    ("nl", "septemberdagen van 1944", "1944-09"),
    # parts of years and months, seasons
    ("en", "early 1945", "1945-01/1945-04"),
    ("en", "mid-1943", "1943-05/1943-08"),
    ("en", "late 1944", "1944-09/1944-12"),
    ("en", "the end of 1944", "1944-09/1944-12"),
    ("en", "late September 1944", "1944-09-21/1944-09-30"),
    ("fr", "début 1945", "1945-01/1945-04"),
    ("fr", "mi-1943", "1943-05/1943-08"),
    ("fr", "fin 1944", "1944-09/1944-12"),
    ("fr", "à la fin de 1944", "1944-09/1944-12"),
    ("fr", "début mai 1940", "1940-05-01/1940-05-10"),
    ("nl", "begin 1945", "1945-01/1945-04"),
    ("nl", "midden 1943", "1943-05/1943-08"),
    ("nl", "eind 1944", "1944-09/1944-12"),
    ("nl", "eind februari 1944", "1944-02-21/1944-02-29"),
    ("en", "spring 1943", "1943-21"),
    ("en", "the summer of 1944", "1944-22"),
    ("en", "winter 1944-45", "1944-24"),
    ("fr", "printemps 1943", "1943-21"),
    ("fr", "l'été 1944", "1944-22"),
    ("fr", "automne 1942", "1942-23"),
    ("nl", "voorjaar 1943", "1943-21"),
    ("nl", "de herfst van 1944", "1944-23"),
    # approximate and uncertain
    ("en", "around 1943", "1943~"),
    ("en", "circa 1943", "1943~"),
    ("en", "c. 1943", "1943~"),
    ("en", "about May 1943", "1943-05~"),
    ("fr", "vers 1943", "1943~"),
    ("fr", "environ 1943", "1943~"),
    ("nl", "rond 1943", "1943~"),
    ("nl", "omstreeks 1943", "1943~"),
    ("en", "probably in 1943", "1943?"),
    ("fr", "probablement en 1943", "1943?"),
    ("nl", "waarschijnlijk in 1943", "1943?"),
    # without a year (no context)
    ("en", "May 28", "XXXX-05-28"),
    ("en", "28 May", "XXXX-05-28"),
    ("fr", "le 5 mai", "XXXX-05-05"),
    ("nl", "op 8 mei", "XXXX-05-08"),
]

NOT_DATES = [
    ("en", "It may be"),
    ("en", "may help"),
    ("en", "197 crosses"),
    ("en", "1,500 people"),
    ("en", "18 days"),
    ("en", "the 20th convoy"),
    ("en", "1943 people"),
    ("en", "they march 20 miles"),
    ("en", "p. 1943"),
    ("fr", "3 500 prisonniers"),
    ("fr", "la planète Mars"),
    ("fr", "Mars 12"),
    ("nl", "1944 kruisen"),
    ("en", "Tel. 02 1944 5678"),
    ("en", "1850"),
]


@pytest.mark.parametrize(("lang", "expression", "expected"), CASES)
def test_normalise_table(lang: str, expression: str, expected: str) -> None:
    assert normalise(expression, lang) == expected


@pytest.mark.parametrize(("lang", "text"), NOT_DATES)
def test_not_dates(lang: str, text: str) -> None:
    assert find_dates(text, lang) == []
    assert normalise(text, lang) is None


SEED = (
    "Belgium was invaded by German forces on May 10, 1940. After 18 days of fighting, the army "
    "capitulated, and an occupation began that would endure until 1944. The surrender of May 28 "
    "was ordered by King Leopold III. It may be that 197 crosses and 1,500 people remain."
)


def test_seed_paragraph() -> None:
    mentions = find_dates(SEED, "en")
    assert [(m.text, m.value) for m in mentions] == [
        ("May 10, 1940", "1940-05-10"),
        ("1944", "1944"),
        ("May 28", "1940-05-28"),
    ]
    for m in mentions:
        assert SEED[m.start : m.end] == m.text
    assert mentions[2].earliest == mentions[2].latest == date(1940, 5, 28)


def test_french_and_dutch_paragraphs() -> None:
    fr = (
        "Le 10 mai 1940, l'armée allemande envahit la Belgique. Le 28 mai, le roi capitule. "
        "Bruxelles est libérée le 3 septembre 1944 ; 3 500 prisonniers rentrent en 1945."
    )
    assert [m.value for m in find_dates(fr, "fr")] == [
        "1940-05-10",
        "1940-05-28",
        "1944-09-03",
        "1945",
    ]
    nl = "In 1943 werd hij op 8 mei gearresteerd. Van 1941 tot 1944 zat hij in het verzet."
    assert [m.value for m in find_dates(nl, "nl")] == ["1943", "1943-05-08", "1941/1944"]


def test_year_inference_rules() -> None:
    # (1) the latest month-precise date wins over a bare year of another sentence
    text = "On 10 May 1940 the army fought. It held until 1944. On 28 May it surrendered."
    assert find_dates(text, "en")[-1].value == "1940-05-28"
    # (2) a bare year in the same sentence, when more recent than any month-precise date
    text = "On 10 May 1940 the army fought. In 1943, on 5 May, the network was betrayed."
    assert find_dates(text, "en")[-1].value == "1943-05-05"
    # a bare year of another sentence does not count
    assert find_dates("It ended in 1944. On 5 May the bells rang.", "en")[-1].value == (
        "XXXX-05-05"
    )


def test_publication_date_fallback() -> None:
    mentions = find_dates("The ceremony takes place on 8 May.", "en", published=date(2015, 4, 30))
    assert [m.value for m in mentions] == ["2015-05-08"]
    mentions = find_dates("Op 3 september 1944 ... en op 8 mei.", "nl", published=date(2015, 1, 1))
    assert mentions[-1].value == "1944-05-08"
    assert normalise("le 5 mai", "fr", context_year=1945) == "1945-05-05"


def test_unspecified_year() -> None:
    (mention,) = find_dates("The surrender of May 28 was ordered.", "en")
    assert (mention.value, mention.earliest, mention.latest) == ("XXXX-05-28", None, None)


@pytest.mark.parametrize(
    ("value", "earliest", "latest"),
    [
        ("1940-05-10", date(1940, 5, 10), date(1940, 5, 10)),
        ("1944-09/1944-10", date(1944, 9, 1), date(1944, 10, 31)),
        ("194X", date(1940, 1, 1), date(1949, 12, 31)),
        ("1943~", date(1943, 1, 1), date(1943, 12, 31)),
        ("1943-05~", date(1943, 5, 1), date(1943, 5, 31)),
        ("1943-21", date(1943, 3, 1), date(1943, 5, 31)),
        ("XXXX-05-28", None, None),
    ],
)
def test_bounds(value: str, earliest: date | None, latest: date | None) -> None:
    assert bounds(value) == (earliest, latest)


def test_bounds_rejects_invalid_edtf() -> None:
    with pytest.raises(ValueError):
        bounds("1944-02-30")


_PLAIN_DATES = st.builds(
    lambda year, month, day, precision: "-".join(
        [f"{year:04d}", f"{month:02d}", f"{day:02d}"][:precision]
    ),
    st.integers(0, 9999) | st.sampled_from([0, 1, 1900, 1940, 1944, 2000]),
    st.integers(0, 25),
    st.integers(0, 32),
    st.integers(1, 3),
)


@settings(max_examples=500, deadline=None)
@given(_PLAIN_DATES, st.none() | _PLAIN_DATES)
def test_plain_bounds_are_the_edtf_packages(first: str, second: str | None) -> None:
    """Plain dates and intervals skip the edtf package: same bounds, and an invalid value (no
    such month or day) still goes to the package, which rejects it."""
    value = first if second is None else f"{first}/{second}"
    fast = dates._plain_bounds(value)
    try:
        slow = dates._edtf_bounds(value)
    except ValueError:
        assert fast is None
        return
    assert fast is None or fast == slow


def test_plain_dates_skip_the_edtf_package() -> None:
    assert dates._plain_bounds("1944-02-29/1945") == (date(1944, 2, 29), date(1945, 12, 31))
    assert dates._plain_bounds("1943-02-29") is None  # valid EDTF, but no such day: the package


def test_weekday_and_modal_may() -> None:
    text = "It may rain. On Sunday 3 September the Guards entered Brussels."
    (mention,) = find_dates(text, "en", published=date(1944, 9, 4))
    assert (mention.text, mention.value) == ("Sunday 3 September", "1944-09-03")


def test_unsupported_language() -> None:
    with pytest.raises(ValueError):
        find_dates("10 May 1940", "de")


# --- property-based tests ---------------------------------------------------------------------

_EN_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_FR_MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
_NL_MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def _ordinal(day: int) -> str:
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _renderings(d: date) -> list[tuple[str, str]]:
    en, fr, nl = _EN_MONTHS[d.month - 1], _FR_MONTHS[d.month - 1], _NL_MONTHS[d.month - 1]
    fr_day = "1er" if d.day == 1 else str(d.day)
    return [
        ("en", f"{d.day} {en} {d.year}"),
        ("en", f"{en} {d.day}, {d.year}"),
        ("en", f"the {_ordinal(d.day)} of {en} {d.year}"),
        ("en", f"{en.upper()} {_ordinal(d.day)} {d.year}"),
        ("en", d.isoformat()),
        ("fr", f"le {fr_day} {fr} {d.year}"),
        ("fr", f"{d.day} {fr.replace('é', 'e').replace('û', 'u')} {d.year}"),
        ("fr", f"{d.day:02d}/{d.month:02d}/{d.year}"),
        ("nl", f"op {d.day} {nl} {d.year}"),
        ("nl", f"{d.day} {nl.capitalize()} {d.year}"),
        ("nl", f"{d.day}-{d.month}-{d.year}"),
    ]


@settings(max_examples=40, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 12, 31)))
def test_rendered_dates_normalise_to_iso(d: date) -> None:
    for lang, expression in _renderings(d):
        assert normalise(expression, lang) == d.isoformat(), expression
        (mention,) = find_dates(f"Xx {expression}.", lang)
        assert (mention.earliest, mention.latest) == (d, d)


_TOKENS = [
    "May",
    "may",
    "mai",
    "mei",
    "mars",
    "10",
    "1er",
    "28th",
    "1940",
    "1944",
    "1,500",
    "197",
    "-",
    "–",
    "/",
    ".",
    ",",
    "'40",
    "1940s",
    "années",
    "jaren",
    "from",
    "to",
    "de",
    "à",
    "van",
    "tot",
    "between",
    "and",
    "early",
    "mi-",
    "fin",
    "spring",
    "hiver",
    "c.",
    "around",
    "vers",
    "rond",
    "probably",
    "Sunday",
    "people",
    "\n",
    "sept.",
    "2030",
    "1899",
    "31",
    "02",
    "29",
    "February",
    "1944-09-03",
    "12/13/1944",
    "45",
]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(_TOKENS), max_size=14),
    st.sampled_from(["en", "fr", "nl"]),
    st.sampled_from(["", " "]),
)
def test_token_soup(tokens: list[str], lang: str, sep: str) -> None:
    text = (
        (sep or " ").join(tokens)
        if sep
        else "".join(t + " " * (i % 2) for i, t in enumerate(tokens))
    )
    mentions = find_dates(text, lang, published=date(2000, 1, 1))
    for m in mentions:
        assert text[m.start : m.end] == m.text
        if m.earliest is not None and m.latest is not None:
            assert m.earliest <= m.latest
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=80), st.sampled_from(["en", "fr", "nl"]))
def test_arbitrary_text_never_raises(text: str, lang: str) -> None:
    for m in find_dates(text, lang):
        assert text[m.start : m.end] == m.text


# --- every pattern × qualifier × with/without year emits valid EDTF ---------------------------

_QUALIFIERS = {  # approximate, then uncertain, as a writer of each language puts them
    "en": ["", "around ", "about ", "circa ", "c. ", "approximately ", "probably ", "possibly "],
    "fr": ["", "vers ", "vers le ", "environ ", "circa ", "autour de ", "probablement "],
    "nl": ["", "rond ", "omstreeks ", "circa ", "ongeveer ", "waarschijnlijk ", "vermoedelijk "],
}
_SEASON_WORDS = {
    "en": ["spring", "summer", "autumn", "fall", "winter", "the winter of"],
    "fr": ["printemps", "été", "automne", "hiver", "l'hiver"],
    "nl": ["lente", "voorjaar", "zomer", "herfst", "najaar", "winter", "de winter van"],
}
_PARTS = {
    "en": ["early", "mid-", "late", "the end of", "the beginning of"],
    "fr": ["début", "mi-", "fin", "à la fin de", "au milieu de"],
    "nl": ["begin", "midden", "eind", "half", "het einde van"],
}
_RANGE_WORDS = {  # (from, to, between, and)
    "en": ("from", "to", "between", "and"),
    "fr": ("du", "au", "entre", "et"),
    "nl": ("van", "tot", "tussen", "en"),
}
_DECADES = {"en": ["the 1940s", "the '40s"], "fr": ["les années 40"], "nl": ["de jaren 40"]}
_MONTH_NAMES = {"en": _EN_MONTHS, "fr": _FR_MONTHS, "nl": _NL_MONTHS}


@st.composite
def _date_phrases(draw: st.DrawFn) -> tuple[str, str]:
    """(language, phrase): one date pattern, with a qualifier, with or without its year."""
    lang = draw(st.sampled_from(["en", "fr", "nl"]))
    months = _MONTH_NAMES[lang]
    month, month2 = draw(st.sampled_from(months)), draw(st.sampled_from(months))
    day, day2 = draw(st.integers(1, 31)), draw(st.integers(1, 31))
    year = draw(st.integers(1900, 2030))
    tail = draw(st.sampled_from([f" {year}", f", {year}", ""]))  # with or without a year
    frm, to, between, and_ = _RANGE_WORDS[lang]
    patterns = [
        f"{day} {month}{tail}",
        f"{month} {day}{tail}",
        f"{month}{tail}",
        f"{year}",
        f"{day}/{draw(st.integers(1, 12))}/{year}",
        f"{year}-{draw(st.integers(1, 12)):02d}-{day:02d}",
        f"{draw(st.sampled_from(_SEASON_WORDS[lang]))}{tail}",
        f"{draw(st.sampled_from(_PARTS[lang]))} {month}{tail}",
        f"{draw(st.sampled_from(_PARTS[lang]))} {year}",
        draw(st.sampled_from(_DECADES[lang])),
        f"{frm} {day} {to} {day2} {month}{tail}",
        f"{frm} {day} {month} {to} {day2} {month2}{tail}",
        f"{between} {month} {and_} {month2}{tail}",
        f"{day}-{day2} {month}{tail}",
        f"{month} {day}–{day2}{tail}",
        f"{year}-{draw(st.integers(0, 99)):02d}",
        f"{frm} {year} {to} {draw(st.integers(1900, 2030))}",
    ]
    qualifier = draw(st.sampled_from(_QUALIFIERS[lang]))
    return lang, qualifier + draw(st.sampled_from(patterns))


@settings(max_examples=600, deadline=None)
@given(
    _date_phrases(),
    st.sampled_from(["", "In 1944. ", "On 3 May 1943, "]),  # year context: none, elsewhere, here
    st.sampled_from([None, date(2015, 4, 30)]),  # publication date
)
def test_every_emitted_value_is_valid_edtf(
    phrase: tuple[str, str], context: str, published: date | None
) -> None:
    lang, expression = phrase
    text = f"{context}Xx {expression}, yy."
    for m in find_dates(text, lang, published=published):
        edtf.parse_edtf(m.value)  # the full parser, not our Level 0 shortcut
        if m.earliest is not None and m.latest is not None:
            assert m.earliest <= m.latest, (m.value, m.earliest, m.latest)


def test_approximate_day_without_year() -> None:
    """ "Vers le 20 décembre" with no year anywhere: valid EDTF, not 'XXXX-12-20~'."""
    text = "Vers le 20 décembre, nous arrivions à Bastogne avec Jean Dupont."
    (mention,) = find_dates(text, "fr")
    assert (mention.text, mention.value) == ("Vers le 20 décembre", "XXXX-12-20")
    assert find_dates(text, "fr", published=date(1944, 12, 30))[0].value == "1944-12-20~"


def test_dutch_op_joins_two_days_only() -> None:
    """ "van 15 op 16 januari" is a night's range; "in 1944 op 45-jarige leeftijd" is a year."""
    found = find_dates("Hij stierf in 1944 op 45-jarige leeftijd.", "nl")
    assert [(d.text, d.value) for d in found] == [("1944", "1944")]
