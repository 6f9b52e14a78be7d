"""One bad document never costs the others: each failure on a line, a count, exit status 1.

Also: an empty folder is an error, and paths and labels print as written (no Rich markup).
"""

import json
from pathlib import Path

import pytest
from clitools import document_error, document_errors, one_line_error, run_cli

from remembrance.graph.build import build
from remembrance.graph.store import EmbeddedStore
from remembrance.pipelines.extract import extract_each
from remembrance.pipelines.records import Document, Extraction, Failure

COMET = "The Comet Line was founded in Brussels in 1941 by Andrée de Jongh."
BREENDONK = "Fort Breendonk was a prison camp near Mechelen from 1940 to 1944."


def english(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    path.with_suffix(".json").write_text('{"language": "en"}', encoding="utf-8")
    return path


def sources(store: Path) -> set[str]:
    with EmbeddedStore(store) as opened:
        rows = opened.query("SELECT ?p WHERE { GRAPH ?g { ?d rem:sourcePath ?p } }")
        return {Path(str(row[0])).name for row in rows}  # type: ignore[index]


def test_extract_writes_every_good_document_and_names_each_bad_one(tmp_path: Path) -> None:
    good = english(tmp_path, "good.txt", COMET)
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes(b"caf\xe9 au lait, Bruxelles 1943")
    later = english(tmp_path, "later.txt", BREENDONK)
    result = run_cli("extract", str(good), str(latin1), str(tmp_path / "gone.txt"), str(later))
    errors = document_errors(result, 2, 4)
    assert "latin1.txt" in errors[0] and "UTF-8" in errors[0]
    assert "gone.txt" in errors[1] and "no such file" in errors[1]
    written = [json.loads(line)["document"] for line in result.stdout.splitlines()]
    assert written == [str(good), str(later)]


def test_fail_fast_stops_at_the_first_bad_document(tmp_path: Path) -> None:
    good = english(tmp_path, "good.txt", COMET)
    (tmp_path / "empty.txt").write_text("")
    result = run_cli("extract", str(tmp_path / "empty.txt"), str(good), "--fail-fast")
    one_line_error(result, "empty.txt", "empty file")
    assert result.returncode == 2 and result.stdout == ""


def test_build_builds_the_good_documents_and_keeps_a_failed_ones_previous_version(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "texts"
    folder.mkdir()
    english(folder, "comet.txt", COMET)
    english(folder, "breendonk.txt", BREENDONK)
    store = tmp_path / "store"
    assert run_cli("build", str(folder), "--store", str(store)).returncode == 0
    (folder / "comet.txt").write_bytes(b"caf\xe9 au lait, Bruxelles 1943")  # now unreadable
    english(folder, "dossin.txt", "Kazerne Dossin in Mechelen was a transit camp.")
    result = run_cli("build", str(folder), "--store", str(store), "--prune")
    [line] = document_errors(result, 1, 3)
    assert "comet.txt" in line
    assert "2 documents (1 extracted, 1 unchanged, 0 removed, 1 failed)" in result.stderr
    assert sources(store) == {"comet.txt", "breendonk.txt", "dossin.txt"}  # none pruned


def test_a_document_that_fails_extraction_keeps_its_previous_version(tmp_path: Path) -> None:
    """The build's side of the extractor contract: a Failure in place of a document."""
    folder = tmp_path / "texts"
    folder.mkdir()
    comet = english(folder, "comet.txt", COMET)
    english(folder, "breendonk.txt", BREENDONK)

    def failing_on_comet(documents: list[Document]) -> list[Extraction | Failure]:
        return [
            Failure(d.path, f"{d.path}: cannot extract") if d.path == str(comet) else result
            for d, result in zip(documents, extract_each(documents), strict=True)
        ]

    with EmbeddedStore(tmp_path / "store", read_only=False) as store:
        build([folder], store)
        comet.write_text(COMET.replace("1941", "1942"), encoding="utf-8")
        (folder / "breendonk.txt").write_text(BREENDONK + " It is a memorial.", "utf-8")
        report = build([folder], store, extractor=lambda docs: iter(failing_on_comet(list(docs))))
        assert [f.path for f in report.failures] == [str(comet)]
        assert report.extracted == 1 and report.removed == 1
        rows = store.query("SELECT ?d WHERE { GRAPH ?d { ?d rem:sourcePath ?p } }")
        assert len(list(rows)) == 2  # the old comet graph and the new breendonk graph
    with (
        pytest.raises(ValueError, match="comet.txt: cannot extract"),
        EmbeddedStore(tmp_path / "store", read_only=False) as store,
    ):
        build([folder], store, extractor=lambda d: iter(failing_on_comet(list(d))), fail_fast=True)


@pytest.mark.parametrize("command", ["build", "extract"])
def test_an_empty_folder_is_an_error(command: str, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    args = ["--store", str(tmp_path / "store")] if command == "build" else []
    result = run_cli(command, str(tmp_path / "empty"), *args)
    document_error(result, str(tmp_path / "empty"), "no texts found")


def test_paths_with_brackets_print_as_written(tmp_path: Path) -> None:
    document_error(
        run_cli("build", "missing[/].txt", "--store", str(tmp_path / "store")), "missing[/].txt"
    )
    draft = tmp_path / "report [draft].txt"
    draft.write_text("")
    document_error(run_cli("extract", str(draft)), "report [draft].txt", "empty file")


def test_labels_with_brackets_print_as_written(tmp_path: Path) -> None:
    EmbeddedStore(tmp_path / "store", read_only=False).close()
    result = run_cli(
        "query",
        'SELECT ("[bold]Comète[/] [draft]" AS ?label) {}',
        "--store",
        str(tmp_path / "store"),
    )
    assert result.returncode == 0, result.stderr
    assert "[bold]Comète[/] [draft]" in result.stdout
