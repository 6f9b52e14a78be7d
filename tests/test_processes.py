"""Extraction over several processes: the same records as in one, in input order, a failure
still costing only its document."""

import pytest

from remembrance.pipelines.config import DEFAULT_CONFIG
from remembrance.pipelines.extract import extract_each
from remembrance.pipelines.records import Document, Extraction, Failure

TEXTS = {
    "en": "The Comet Line was founded in Brussels in 1941 by Andrée de Jongh.",
    "fr": "Le réseau Comète fut fondé à Bruxelles en 1941 par Andrée de Jongh.",
    "nl": "De Kometenlijn werd in 1941 in Brussel opgericht door Andrée de Jongh.",
}


@pytest.mark.slow
def test_two_processes_extract_what_one_does(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(DEFAULT_CONFIG, "chunk_characters", 300)  # the long text goes in parts
    documents = [
        Document(f"{language}-{number}.txt", text, language)
        for number in range(3)
        for language, text in TEXTS.items()
    ]
    long = Document("long.txt", "\n\n".join([TEXTS["en"]] * 12), "en")
    # a record no reader makes: its analysis fails, in whichever process it runs
    broken = Document("broken.txt", TEXTS["en"], "en", published="1944")  # type: ignore[arg-type]
    documents[4:4] = [long, broken]
    one = list(extract_each(documents))
    two = list(extract_each(documents, n_process=2, batch_size=2))
    assert two == one
    assert [r.path if isinstance(r, Failure) else None for r in two].count("broken.txt") == 1
    found = [r for r in two if isinstance(r, Extraction)]
    assert [r.document.path for r in found] == [d.path for d in documents if d is not broken]
    assert all(r.mentions and r.statements for r in found)
    assert len(found[4].sentences) == 12  # the long text, analysed in parts
