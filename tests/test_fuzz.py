"""Fuzzing `extract` (the Python function and the CLI) with random Unicode, control characters,
HTML and very long tokens: every document ends in output or in one error line naming its file,
never in a traceback."""

import json
from pathlib import Path

import pytest
from clitools import run_cli
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from remembrance.pipelines.config import DEFAULT_CONFIG
from remembrance.pipelines.errors import InputError
from remembrance.pipelines.extract import extract
from remembrance.pipelines.frames.tables import load_table
from remembrance.pipelines.reader import read_document

WORDS = [
    "Brussels",
    "Comet Line",
    "réseau Comète",
    "Kometenlijn",
    "Andrée de Jongh",
    "Walthère Dewé",
    "Luik",
    "10 May 1940",
    "le 3 septembre 1944",
    "op 8 mei",
    "vers le 20 décembre",
    "around 1943",
    "1944-45",
    "he",
    "elle",
    "was arrested in",
    "fut déporté à",
    "werd geboren in",
    "about 700",
    ".",
    ",",
    "\n\n",
]
HTML = [
    "<p>",
    "</p>",
    "<div class='x'>",
    "</div>",
    "<script>alert(1)</script>",
    "<!-- comment -->",
    "&amp;",
    "&nbsp;",
    "&#x1F600;",
    "<br/>",
    '<a href="http://example.org/?a=1&b=2">',
    "</a>",
    "<![CDATA[ x ]]>",
]
CONTROL = st.characters(categories=["Cc", "Cf", "Zl", "Zp", "Zs", "Mn"])
LONG_TOKENS = st.builds(
    lambda unit, times: unit * times,
    st.sampled_from(["x", "1944", "Dewé", "é", "😀", "-", ".", "\u0301", "a1"]),
    st.integers(1_000, 60_000),
)
PIECES = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(HTML),
    st.text(max_size=40),  # any Unicode but surrogates
    st.text(CONTROL, max_size=20),
    LONG_TOKENS,
)
TEXTS = st.lists(PIECES, min_size=1, max_size=25).map(" ".join)
LANGUAGES = st.sampled_from([None, "en", "fr", "nl"])


def write(folder: Path, name: str, text: str, language: str | None) -> Path:
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    if language is not None:
        path.with_suffix(".json").write_text(json.dumps({"language": language}))
    return path


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=TEXTS, language=LANGUAGES)
@example(text="Vers le 20 décembre, <b>Jean Dupont</b>\x0b…", language="fr")  # was invalid EDTF
@example(text="x" * 45_000 + " Brussels\u2028" + "1944" * 9_000, language="en")
def test_extract_function_gives_records_or_one_line_naming_the_file(
    tmp_path: Path, text: str, language: str | None
) -> None:
    path = write(tmp_path, "fuzz", text, language)
    try:
        document = read_document(path)
        (extraction,) = list(extract([document]))
    except InputError as error:
        message = str(error)
        assert "\n" not in message and str(path) in message, message
        event(f"refused: {message.removeprefix(f'{path}: ').split(';')[0].split('(')[0]}")
        return
    event(f"extracted ({'chunked' if len(text) > DEFAULT_CONFIG['chunk_characters'] else 'whole'})")
    for item in extraction.mentions:
        assert document.text[item.mention.start : item.mention.end] == item.mention.text
    for date in extraction.dates:
        assert document.text[date.start : date.end] == date.text


@pytest.mark.slow
@settings(
    max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(texts=st.lists(st.tuples(TEXTS, LANGUAGES), min_size=12, max_size=12))
def test_extract_command_writes_each_document_or_one_line_naming_it(
    tmp_path_factory: pytest.TempPathFactory, texts: list[tuple[str, str | None]]
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    paths = [write(folder, f"doc{i}", text, language) for i, (text, language) in enumerate(texts)]
    result = run_cli("extract", *map(str, paths))
    assert "Traceback" not in result.stderr, result.stderr
    written = [json.loads(line)["document"] for line in result.stdout.splitlines()]
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    named = [next(str(p) for p in paths if f"{p}:" in line) for line in errors]
    assert sorted(written + named) == sorted(map(str, paths))
    assert result.returncode == (1 if errors else 0), result.stderr


SEPARATORS = " ,.\u202f\u00a0"


@settings(max_examples=200, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(["1", "944", "100", "1944", " ", ",", ".", "\u00a0", "x", " airmen"]),
        max_size=30,
    ).map("".join),
    language=st.sampled_from(["en", "fr", "nl"]),
)
@example(text="1944 100 200 300 airmen", language="en")
@example(text="1,2 500 soldaten", language="nl")
def test_a_count_is_read_from_where_its_digits_start(text: str, language: str) -> None:
    """A count's number starts where its run of digits (or digit groups) starts: tried from
    every digit or group of a long run instead, the pattern took minutes on a fuzzed text of
    80,000 digits."""
    for quantity in load_table(language).quantities:
        for match in quantity.nouns.finditer(text):
            before = text[: match.start()]
            assert not before[-1:].isdigit(), (text, match.group())
            assert not (before[-2:-1].isdigit() and before[-1:] in SEPARATORS), (text, match)
