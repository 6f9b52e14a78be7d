"""Shared fixtures: a real oxigraph server, a store built once from the corpus and seeds, and a
small store whose cross products never end."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from chain import build_chain
from paths import CORPUS, SEEDS

from remembrance.graph.build import build
from remembrance.graph.server import Server, serve
from remembrance.graph.store import EmbeddedStore, Store
from remembrance.graph.stores import open_store


@pytest.fixture
def oxigraph_server(tmp_path: Path) -> Iterator[Server]:
    """A writable `oxigraph serve` on a free port of 127.0.0.1, over its own tmp directory."""
    with serve(tmp_path / "oxigraph", writable=True) as server:
        yield server


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An embedded store built from the bundled corpus and the seed articles (built once)."""
    root = tmp_path_factory.mktemp("corpus") / "store"
    sources = [CORPUS] + ([SEEDS] if SEEDS.exists() else [])
    with EmbeddedStore(root, read_only=False) as store:
        build(sources, store)
    return root


@pytest.fixture(scope="session")
def corpus_reader(corpus_store: Path) -> Iterator[Store]:
    """The corpus store, open read-only for the whole session."""
    with open_store(corpus_store) as store:
        yield store


@pytest.fixture(scope="session")
def chain_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small store whose cross products never end (see chain.py)."""
    return build_chain(tmp_path_factory.mktemp("chain") / "store")
