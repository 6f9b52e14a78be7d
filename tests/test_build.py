"""Incremental, deterministic and interruption-safe builds, on real stores and the real pipeline."""

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from paths import CORPUS
from rdflib.compare import isomorphic
from test_distributed import named_graphs

from remembrance.graph.build import build
from remembrance.graph.store import EmbeddedStore
from remembrance.iris import content_hash, document_iri
from remembrance.ontology.files import AUTHORITY_DIR

TEXTS = {
    "comet.txt": "The Comet Line was founded in Brussels in 1941 by Andrée de Jongh.",
    "breendonk.txt": "Fort Breendonk was a prison camp near Mechelen from 1940 to 1944.",
    "faux-soir.txt": "Le Faux Soir parut à Bruxelles le 9 novembre 1943.",
}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def generations(store: Path) -> list[str]:
    return sorted(p.name for p in store.glob("gen-*"))


def documents(store: EmbeddedStore) -> set[str]:
    return {name for name in store.graph_names() if "/document/" in name}


def triples(store: EmbeddedStore) -> int:
    rows = store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    return int(next(iter(rows))[0])  # type: ignore[index]


def test_unchanged_documents_are_skipped(corpus: Path, tmp_path: Path) -> None:
    location = tmp_path / "store"
    with EmbeddedStore(location, read_only=False) as store:
        first = build([corpus], store)
        assert first.extracted == len(TEXTS)
        before = generations(location)
        again = build([corpus], store)
    assert again.extracted == 0 and again.skipped == len(TEXTS) and not again.relinked
    assert generations(location) == before  # no new generation written
    assert again.graph_version == first.graph_version


def test_changed_document_replaces_exactly_its_graph(corpus: Path, tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "store", read_only=False) as store:
        build([corpus], store)
        before = named_graphs(store)
        changed = corpus / "breendonk.txt"
        new_text = TEXTS["breendonk.txt"] + " It is now a national memorial."
        changed.write_text(new_text, encoding="utf-8")
        report = build([corpus], store)
        after = named_graphs(store)
    old_iri = str(document_iri(content_hash(TEXTS["breendonk.txt"])))
    new_iri = str(document_iri(content_hash(new_text)))
    assert report.extracted == 1 and report.removed == 1
    assert set(after) == (set(before) - {old_iri}) | {new_iri}
    for name in set(before) - {old_iri}:
        if not name.endswith("/graph/build"):
            assert isomorphic(before[name], after[name]), name


def test_prune_removes_a_removed_document(corpus: Path, tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "store", read_only=False) as store:
        build([corpus], store)
        (corpus / "comet.txt").unlink()
        kept = build([corpus], store)
        assert kept.removed == 0 and len(documents(store)) == len(TEXTS)
        pruned = build([corpus], store, prune=True)
        remaining = documents(store)
    assert pruned.removed == 1 and pruned.extracted == 0
    assert str(document_iri(content_hash(TEXTS["comet.txt"]))) not in remaining
    assert len(remaining) == len(TEXTS) - 1


def test_two_builds_give_isomorphic_graphs(corpus: Path, tmp_path: Path) -> None:
    graphs = []
    for name in ("one", "two"):
        with EmbeddedStore(tmp_path / name, read_only=False) as store:
            build([corpus], store)
            graphs.append(named_graphs(store))
    assert set(graphs[0]) == set(graphs[1])
    for name, graph in graphs[0].items():
        assert isomorphic(graph, graphs[1][name]), name


def remembrance(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "remembrance", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
    )


@pytest.mark.slow
def test_changed_authority_record_relinks_everything(corpus: Path, tmp_path: Path) -> None:
    """A real change of a record file, in a copy of the ontology folder, not a patched hash."""
    ontology = tmp_path / "ontology"
    shutil.copytree(AUTHORITY_DIR.parent, ontology)
    store = str(tmp_path / "store")
    env = {"REMEMBRANCE_ONTOLOGY_DIR": str(ontology)}
    first = remembrance("build", str(corpus), "--store", store, **env)
    assert first.returncode == 0, first.stderr
    records = ontology / "authority" / "places.ttl"
    records.write_text(
        records.read_text(encoding="utf-8").replace(
            '"Belgium"@en,', '"Belgium"@en, "Belgium (test edit)"@en,', 1
        ),
        encoding="utf-8",
    )
    second = remembrance("build", str(corpus), "--store", store, **env)
    assert second.returncode == 0, second.stderr
    assert "every document relinked" in second.stderr
    assert f"({len(TEXTS)} extracted" in second.stderr.replace("\n", " ")
    third = remembrance("build", str(corpus), "--store", store, **env)
    assert "relinked" not in third.stderr and "(0 extracted" in third.stderr.replace("\n", " ")


@pytest.mark.slow
def test_killed_build_leaves_the_previous_store(tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = remembrance("build", str(CORPUS / "en" / "comet-line.txt"), "--store", str(store))
    assert first.returncode == 0, first.stderr
    with EmbeddedStore(store) as before:
        names, count = before.graph_names(), triples(before)
    big = tmp_path / "corpus"
    shutil.copytree(CORPUS, big, ignore=shutil.ignore_patterns("*.py"))
    for text in big.rglob("*.txt"):
        text.write_text(text.read_text(encoding="utf-8") + "\n\nCopy for the test.\n")
    process = subprocess.Popen(
        [sys.executable, "-m", "remembrance", "build", str(big), "--store", str(store)],
        stderr=subprocess.PIPE,
        env={**os.environ, "FORCE_COLOR": "1", "COLUMNS": "120"},  # progress even on a pipe
    )
    assert process.stderr is not None
    os.set_blocking(process.stderr.fileno(), False)
    seen = b""
    deadline = time.monotonic() + 300
    while process.poll() is None and time.monotonic() < deadline:
        seen += process.stderr.read() or b""
        plain = re.sub(rb"\x1b\[[0-9;]*m", b"", seen)  # colour codes would hide "12/46"
        done = [int(n) for n in re.findall(rb"\b(\d+)/\d+\b", plain)]
        if done and max(done) >= 3:
            break
        time.sleep(0.1)
    assert done and max(done) >= 3, seen[-500:]
    assert process.poll() is None, "the build finished before it could be interrupted"
    process.send_signal(signal.SIGKILL)
    process.wait()
    with EmbeddedStore(store) as after:
        assert after.graph_names() == names
        assert triples(after) == count
    resumed = remembrance("build", str(big), "--store", str(store))
    assert resumed.returncode == 0, resumed.stderr
    with EmbeddedStore(store) as final:
        assert len(documents(final)) == 1 + len(list(big.rglob("*.txt")))
    assert len(generations(store)) == 1
