"""A store survives any spelling of its path: relative, through a symlink, with '..'."""

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from clitools import run_cli
from rdflib import Graph, Literal, URIRef

from remembrance.graph.store import EmbeddedStore

NAME = URIRef("https://example.org/graph/one")


def one_graph(label: str) -> Graph:
    graph = Graph(identifier=NAME)
    graph.add(
        (URIRef("https://example.org/x"), URIRef("https://example.org/label"), Literal(label))
    )
    return graph


def labels(store: EmbeddedStore) -> list[str]:
    rows = store.query("SELECT ?l WHERE { GRAPH ?g { ?s <https://example.org/label> ?l } }")
    return [str(row[0]) for row in rows]  # type: ignore[index]


def relative(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return Path(os.path.relpath(root, tmp_path))


def symlinked(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "link").symlink_to(root)
    return tmp_path / "link"


def dotted(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "sub").mkdir()
    return tmp_path / "sub" / ".." / root.name


SPELLINGS: dict[str, Callable[[Path, Path, pytest.MonkeyPatch], Path]] = {
    "relative": relative,
    "symlink": symlinked,
    "dot-dot": dotted,
}


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_a_write_through_another_spelling_keeps_the_store(
    spelling: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "store"
    with EmbeddedStore(root, read_only=False) as store:
        store.put_graph(NAME, one_graph("first"))
    other = SPELLINGS[spelling](root, tmp_path, monkeypatch)
    with EmbeddedStore(other, read_only=False) as store:
        store.put_graph(NAME, one_graph("second"))
        store.put_graph(NAME, one_graph("third"))
    with EmbeddedStore(root) as store:
        assert labels(store) == ["third"]
    assert len(list(root.glob("gen-*"))) == 1  # the superseded generations were removed


def test_the_clean_up_never_deletes_the_current_generation(tmp_path: Path) -> None:
    root = tmp_path / "store"
    with EmbeddedStore(root, read_only=False) as store:
        store.put_graph(NAME, one_graph("first"))
    current = (root / "current").resolve()
    with EmbeddedStore(root, read_only=False) as store:
        store._discard(root / current.name)
        assert current.is_dir()
        assert labels(store) == ["first"]


def test_build_twice_through_a_relative_store_variable(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Fort Breendonk was a prison camp near Mechelen.", "utf-8")
    (tmp_path / "b.txt").write_text("The Comet Line was founded in Brussels in 1941.", "utf-8")
    for name in ("a", "b"):
        (tmp_path / f"{name}.json").write_text('{"language": "en"}', "utf-8")
    first = run_cli("build", str(tmp_path / "a.txt"), "--store", str(tmp_path / "st"))
    assert first.returncode == 0, first.stderr
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        second = run_cli("build", "b.txt", "a.txt", REMEMBRANCE_STORE="st")
    finally:
        os.chdir(cwd)
    assert second.returncode == 0, second.stderr
    assert "2 documents (1 extracted, 1 unchanged" in second.stderr
    listed = run_cli(
        "query", "SELECT ?p WHERE { ?d rem:sourcePath ?p }", "--store", str(tmp_path / "st")
    )
    assert listed.returncode == 0 and "b.txt" in listed.stdout, listed.stderr
