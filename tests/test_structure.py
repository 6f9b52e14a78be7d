"""The structure stays easy to change: no import cycles, layers that only look down, and a
pipeline version that follows exactly what extraction depends on."""

import ast
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import networkx as nx
import pytest
from paths import ROOT

from remembrance.pipelines.version import PACKAGE, pipeline_version, version_of


def modules() -> dict[str, Path]:
    """Module name → file, from pyproject's package-dir mapping."""
    setup = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    found = {}
    for package, folder in setup["package-dir"].items():
        for path in (ROOT / folder).glob("*.py"):
            found[package if path.stem == "__init__" else f"{package}.{path.stem}"] = path
    return found


def import_graph() -> nx.DiGraph:
    """Every import between the project's modules, at the top and inside functions alike."""
    known = modules()
    graph = nx.DiGraph()
    graph.add_nodes_from(known)
    for name, path in known.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                submodules = [f"{node.module}.{alias.name}" for alias in node.names]
                targets = [t for t in submodules if t in known] or [node.module]
            else:
                continue
            graph.add_edges_from((name, t) for t in targets if t in known and t != name)
    return graph


def test_the_import_graph_has_no_cycles() -> None:
    graph = import_graph()
    assert len(graph) > 40  # the mapping found the modules
    assert list(nx.simple_cycles(graph)) == []


def test_pipelines_never_import_the_graph_or_the_command_line() -> None:
    graph = import_graph()
    upward = [
        (source, target)
        for source, target in graph.edges
        if source.startswith("remembrance.pipelines")
        and target.startswith(("remembrance.graph", "remembrance.cli", "remembrance.api"))
    ]
    assert upward == []


def test_the_pipeline_version_follows_the_extraction_code_and_tables(tmp_path: Path) -> None:
    copy = tmp_path / "pipelines"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = version_of(copy)
    assert before == pipeline_version()  # the same files give the same version
    (copy / "__pycache__").mkdir(exist_ok=True)
    (copy / "__pycache__" / "x.pyc").write_bytes(b"compiled")
    assert version_of(copy) == before  # byte code is not a change
    table = next(copy.glob("frames/*.toml"))
    table.write_text(table.read_text(encoding="utf-8") + "\n# a new trigger\n", encoding="utf-8")
    changed = version_of(copy)
    assert changed != before
    (copy / "linking.py").write_text("# edited\n", encoding="utf-8")
    assert version_of(copy) not in (before, changed)


@pytest.mark.slow
def test_the_wheel_ships_the_data_the_package_reads(tmp_path: Path) -> None:
    """Gold set, corpus, ontology, frame tables, queries, the Dutch model and its training
    manifest and config: an installed package has them all."""
    source = tmp_path / "source"  # pip builds in the source tree: a copy keeps ours clean
    shutil.copytree(
        ROOT, source, ignore=shutil.ignore_patterns(".*", "build", "*.egg-info", "artifacts")
    )
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(source), "-w", str(tmp_path)],
        check=True,
    )
    [wheel] = tmp_path.glob("remembrance-*.whl")
    names = zipfile.ZipFile(wheel).namelist()

    def shipped(folder: str, pattern: str) -> set[str]:
        return {p.relative_to(ROOT / folder).as_posix() for p in (ROOT / folder).glob(pattern)}

    for package, folder, pattern in [
        ("remembrance/gold", "tests/gold", "*/*.json"),
        ("remembrance/gold", "tests/gold", "*/*.txt"),
        ("remembrance/corpus", "corpus", "*/*.txt"),
        ("remembrance/ontology", "ontology", "authority/*.ttl"),
        ("remembrance/pipelines", "pipelines", "frames/*.toml"),
        ("remembrance/pipelines", "pipelines", "historical/*.toml"),
        ("remembrance/pipelines", "pipelines", "date_words/*.toml"),
        ("remembrance/pipelines", "pipelines", "models/remembrance_*/*/*"),
        ("remembrance/pipelines", "pipelines", "models/remembrance_*/*.*"),
        ("remembrance/pipelines", "pipelines", "training/*-manifest.json"),
        ("remembrance/pipelines", "pipelines", "training/*.cfg"),
        ("remembrance/graph", "graph", "queries/*.rq"),
    ]:
        expected = shipped(folder, pattern)
        assert expected, (folder, pattern)
        assert {f"{package}/{name}" for name in expected} <= set(names), (folder, pattern)
