"""Extraction on Dask gives the same graph as a single-process build, named graph by named graph."""

import shutil
from pathlib import Path

import pytest
from distributed import Client, LocalCluster
from paths import CORPUS
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic, to_canonical_graph

from remembrance.graph.build import build
from remembrance.graph.store import EmbeddedStore, Store
from remembrance.pipelines.distributed import DaskExtractor

DOCUMENTS = ["en/comet-line", "en/breendonk-memorial", "fr/faux-soir", "nl/kazerne-dossin"]


def named_graphs(store: Store) -> dict[str, Graph]:
    """Every named graph of the store, canonicalised."""
    result = {}
    for name in store.graph_names():
        constructed = store.query(
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}"
        )
        assert constructed.graph is not None
        result[name] = to_canonical_graph(constructed.graph)
    return result


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for name in DOCUMENTS:
        for suffix in (".txt", ".json"):
            source = CORPUS / f"{name}{suffix}"
            shutil.copy(source, folder / f"{name.replace('/', '-')}{suffix}")
    return folder


@pytest.mark.slow
def test_dask_build_is_isomorphic_to_single_process(corpus: Path, tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "single", read_only=False) as single:
        build([corpus], single)
        expected = named_graphs(single)
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster,
        Client(cluster) as client,
        EmbeddedStore(tmp_path / "dask", read_only=False) as distributed,
    ):
        extractor = DaskExtractor(client, batch_size=1, in_flight=2)  # several batches in flight
        report = build([corpus], distributed, extractor=extractor)
        actual = named_graphs(distributed)
    assert report.extracted == len(DOCUMENTS)
    assert set(actual) == set(expected)
    documents = [name for name in expected if "/document/" in name]
    assert len(documents) == len(DOCUMENTS)
    for name in expected:
        assert len(expected[name]) > 0
        assert isomorphic(actual[name], expected[name]), name
    assert URIRef(documents[0]) in {s for s, _, _ in actual[documents[0]]}
