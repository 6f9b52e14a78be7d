"""Bad input: one line naming the problem, a non-zero exit, and the store left as it was."""

from pathlib import Path

import pytest
from clitools import document_error, one_line_error, run_cli
from paths import SEED_003, SEEDS


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not SEEDS.exists():
        pytest.skip("../shared/seeds is not beside the repo")
    location = tmp_path_factory.mktemp("store") / "store"
    result = run_cli("build", str(SEED_003), "--store", str(location))
    assert result.returncode == 0, result.stderr
    return location


def _snapshot(store: Path) -> str:
    return run_cli(
        "query",
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
        "--store",
        str(store),
        "--format",
        "csv",
    ).stdout


def test_missing_path(tmp_path: Path) -> None:
    document_error(run_cli("extract", str(tmp_path / "nope.txt")), "nope.txt", "no such file")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("  \n")
    document_error(run_cli("extract", str(path)), "empty.txt", "empty file")


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    document_error(run_cli("extract", str(path)), "image.txt", "binary")


def test_latin1_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Le réseau Comète fut fondé à Bruxelles en 1941.".encode("latin-1"))
    document_error(run_cli("extract", str(path)), "latin1.txt", "UTF-8")


def test_malformed_metadata(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The Comet Line was founded in 1941 in Brussels.")
    (tmp_path / "a.json").write_text("{not json")
    document_error(run_cli("extract", str(tmp_path / "a.txt")), "a.json", "malformed")


def test_unknown_format() -> None:
    result = run_cli("extract", str(SEED_003), "--format", "xml")
    assert result.returncode != 0
    assert "jsonl" in result.stderr and "trig" in result.stderr  # lists the valid choices


def test_invalid_sparql_leaves_store(store: Path) -> None:
    before = _snapshot(store)
    one_line_error(run_cli("query", "SELECT WHERE {", "--store", str(store)), "SPARQL")
    assert _snapshot(store) == before


def test_query_prints_table_with_prefixes(store: Path) -> None:
    result = run_cli(
        "query", "SELECT ?label WHERE { ?e rdfs:label ?label } LIMIT 5", "--store", str(store)
    )
    assert result.returncode == 0, result.stderr
    assert "label" in result.stdout and len(result.stdout.splitlines()) >= 5


def test_help_on_every_command() -> None:
    for command in ("build", "extract", "query"):
        result = run_cli(command, "--help")
        assert result.returncode == 0 and "Usage" in result.stdout
