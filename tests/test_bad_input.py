"""Bad input through the CLI (build and extract): a one-line error or warning naming the file,
never a traceback, and the store left as it was. Extends tests/test_cli_errors.py."""

import json
import re
import shutil
from pathlib import Path

import pytest
from clitools import document_error, one_line_error, run_cli

from remembrance.graph.store import EmbeddedStore, StoreError, writer_lock
from remembrance.ontology.files import AUTHORITY_DIR
from remembrance.pipelines.reader import MAX_BYTES

GOOD = "The Comet Line was founded in Brussels in 1941 by Andrée de Jongh."


def snapshot(store: Path) -> str:
    result = run_cli(
        "query",
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
        "--store",
        str(store),
        "--format",
        "csv",
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("built")
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    location = folder / "store"
    result = run_cli("build", str(folder / "good.txt"), "--store", str(location))
    assert result.returncode == 0, result.stderr
    return location


def bad_files(folder: Path) -> dict[str, tuple[Path, str]]:
    """Bad inputs, each with a word its error must contain."""
    folder.mkdir(exist_ok=True)
    empty = folder / "empty.txt"
    empty.write_text("\n\n")
    binary = folder / "binary.txt"
    binary.write_bytes(b"GIF89a\x00\x01\x00\x00" * 10)
    huge = folder / "huge.txt"
    with huge.open("w", encoding="utf-8") as out:
        for _ in range(50 * 1024 * 1024 // len(GOOD) + 1):
            out.write(GOOD + "\n")
    undated = folder / "undated.txt"
    undated.write_text(GOOD)
    (folder / "undated.json").write_text('{"published": "spring 1943"}')
    klingon = folder / "klingon.txt"
    klingon.write_text(GOOD)
    (folder / "klingon.json").write_text('{"language": "tlh"}')
    list_meta = folder / "list.txt"
    list_meta.write_text(GOOD)
    (folder / "list.json").write_text('["not", "an", "object"]')
    return {
        "empty": (empty, "empty file"),
        "binary": (binary, "binary"),
        "50 MB": (huge, f"{MAX_BYTES:,} bytes"),
        "published": (folder / "undated.json", "published"),
        "language": (folder / "klingon.json", "'tlh'"),
        "metadata list": (folder / "list.json", "malformed"),
    }


@pytest.fixture(scope="module")
def bad(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    return bad_files(tmp_path_factory.mktemp("bad"))


CASES = ["empty", "binary", "50 MB", "published", "language", "metadata list"]


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES)
def test_build_refuses_and_keeps_the_store(
    case: str, bad: dict[str, tuple[Path, str]], store: Path
) -> None:
    path, needle = bad[case]
    before = snapshot(store)
    text = path.with_suffix(".txt")
    document_error(run_cli("build", str(text), "--store", str(store)), path.name, needle)
    assert snapshot(store) == before


@pytest.mark.parametrize("case", ["50 MB", "published", "language"])
def test_extract_refuses(case: str, bad: dict[str, tuple[Path, str]]) -> None:
    path, needle = bad[case]
    document_error(run_cli("extract", str(path.with_suffix(".txt"))), path.name, needle)


def test_the_size_error_names_the_file_its_size_and_the_limit(
    bad: dict[str, tuple[Path, str]],
) -> None:
    path, _ = bad["50 MB"]
    line = document_error(run_cli("extract", str(path)), str(path), "too large")
    assert f"({path.stat().st_size:,} bytes)" in line and f"{MAX_BYTES:,} bytes" in line


FACTS = (
    "Walthère Dewé werd geboren in Luik op 27 april 1880. "
    "Jean Franklemon werd gedeporteerd naar Sachsenhausen. "
)
FILLER = "Het archief bewaarde de brieven jarenlang in een doos op de plank van de leeszaal. "


@pytest.mark.slow
def test_a_text_over_spacys_max_length_is_extracted_in_chunks(tmp_path: Path) -> None:
    """1.5 MB (spaCy's limit is 1,000,000 characters): parsed in chunks, offsets in the whole
    text. Dutch runs spaCy's fast blank pipeline; facts every tenth paragraph."""
    paragraphs = [(FACTS if i % 10 == 0 else "") + FILLER * 12 for i in range(1500)]
    text = "\n\n".join(paragraphs)
    assert len(text) > 1_500_000
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    (tmp_path / "long.json").write_text('{"language": "nl"}')
    result = run_cli("extract", str(tmp_path / "long.txt"))
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    entities, dates = record["entities"], record["dates"]
    assert all(text[e["start"] : e["end"]] == e["text"] for e in entities)
    assert all(text[d["start"] : d["end"]] == d["text"] for d in dates)
    dewe = [e["start"] for e in entities if e["id"].endswith("/walthere-dewe")]
    assert dewe == [m.start() for m in re.finditer("Walthère Dewé", text)]
    assert len(entities) == 4 * len(dewe) and len(dates) == len(dewe) == 150
    starts = {e["start"] for e in entities}
    assert {r["start"] for r in record["relations"]} <= starts
    statements = [r for r in record["relations"] if "/entity/" in r["subject"]]
    assert len(statements) == 3 * len(dewe)  # bornIn, bornOn, deportedTo
    events = {r["subject"] for r in record["relations"] if "/event/" in r["subject"]}
    assert len(events) == 2 * len(dewe)  # a birth and a deportation per paragraph of facts


@pytest.mark.slow
def test_duplicated_document_is_built_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_text(GOOD, encoding="utf-8")
    result = run_cli("build", str(tmp_path), "--store", str(tmp_path / "store"))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    warning = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warning) == 1 and "a.txt" in warning[0] and "b.txt" in warning[0]
    assert "1 documents (1 extracted" in result.stderr


@pytest.mark.slow
def test_broken_turtle_in_the_ontology_folder(tmp_path: Path, store: Path) -> None:
    ontology = tmp_path / "ontology"
    shutil.copytree(AUTHORITY_DIR.parent, ontology, ignore=shutil.ignore_patterns("*.py"))
    broken = ontology / "authority" / "people.ttl"
    broken.write_text(broken.read_text(encoding="utf-8") + "\n<entity/x> a rem:Person ;;; [\n")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    before = snapshot(store)
    env = {"REMEMBRANCE_ONTOLOGY_DIR": str(ontology)}
    for command in (["build", "--store", str(store)], ["extract"]):
        result = run_cli(command[0], str(tmp_path / "good.txt"), *command[1:], **env)
        one_line_error(result, "people.ttl", "invalid Turtle")
    assert snapshot(store) == before


def test_store_under_a_regular_file(tmp_path: Path) -> None:
    """chmod 000 does not stop root (the tests' user): a path under a file is unwritable for all."""
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    location = blocker / "store"
    one_line_error(
        run_cli("build", str(tmp_path / "good.txt"), "--store", str(location)), str(location)
    )
    one_line_error(run_cli("query", "ASK {}", "--store", str(location)), str(location))
    assert blocker.read_text() == "not a folder"


def test_folder_that_is_not_a_store(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("mine")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    one_line_error(
        run_cli("build", str(tmp_path / "good.txt"), "--store", str(tmp_path)),
        str(tmp_path),
        "not a remembrance store",
    )
    assert (tmp_path / "notes.md").read_text() == "mine"


def test_store_whose_generation_is_gone(tmp_path: Path, store: Path) -> None:
    copy = tmp_path / "store"
    shutil.copytree(store, copy, symlinks=True)
    shutil.rmtree((copy / "current").resolve())
    one_line_error(run_cli("query", "ASK {}", "--store", str(copy)), str(copy))


def test_a_second_writer_is_refused_while_the_first_holds_the_store(
    tmp_path: Path, store: Path
) -> None:
    """A build, an update or `serve --writable` hold the writer lock; another writer gets a clear
    error and the store is left as it was (a build swapping generations under a writable server
    would lose that server's writes)."""
    copy = tmp_path / "store"
    shutil.copytree(store, copy, symlinks=True)
    (tmp_path / "good.txt").write_text(GOOD + " Again.", encoding="utf-8")
    before = snapshot(copy)
    with writer_lock(copy):
        result = run_cli("build", str(tmp_path / "good.txt"), "--store", str(copy))
        one_line_error(result, str(copy), "being written by process", "serve --writable")
        with (
            pytest.raises(StoreError, match="being written"),
            EmbeddedStore(copy, read_only=False) as other,
        ):
            other.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert snapshot(copy) == before
    built = run_cli("build", str(tmp_path / "good.txt"), "--store", str(copy))  # lock released
    assert built.returncode == 0, built.stderr
