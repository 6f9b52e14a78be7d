"""The catalogue's network queries drawn by ``remembrance network --query NAME``."""

import json
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx

from remembrance.graph.catalogue import named_query
from remembrance.graph.projections import (
    comention_graph,
    entity_graph,
    node_rows,
    rows,
    rows_graph,
)
from remembrance.graph.store import Store

ENT = "https://w3id.org/remembrance/entity/"


def network(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "remembrance", "network", *args, "--store", str(store)],
        capture_output=True,
        text=True,
    )


def test_network_relations_as_gexf(corpus_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "relations.gexf"
    done = network(corpus_store, "--query", "network-relations", "--format", "gexf", "-o", str(out))
    assert done.returncode == 0, done.stderr
    graph = nx.read_gexf(out)
    assert graph.number_of_nodes() > 100 and graph.number_of_edges() > 100
    assert f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} links" in " ".join(
        done.stderr.split()
    )
    founded = graph.edges[f"{ENT}comet-line", f"{ENT}andree-de-jongh"]
    assert "foundedBy" in founded["predicate"] and "authority record" in founded["sources"]
    assert graph.nodes[f"{ENT}comet-line"]["label"] == "Comet Line"
    assert {c for _, c in graph.nodes(data="category")} >= {"Person", "Group", "Place", "Event"}
    assert any(attributes.get("sentences") for *_, attributes in graph.edges(data=True))


def test_network_relations_as_html(corpus_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "relations.html"
    done = network(corpus_store, "--query", "network-relations", "--format", "html", "-o", str(out))
    assert done.returncode == 0, done.stderr
    found = re.search(
        r'<script type="application/json" id="network-data">(.*?)</script>', out.read_text()
    )
    assert found
    data = json.loads(found.group(1))
    nodes, edges = data["nodes"], data["edges"]
    assert len(nodes["label"]) > 100 and len(edges["from"]) > 100
    assert "Comet Line" in nodes["label"] and "Group" in nodes["category"]
    assert "authority record" in data["sources"] and any(edges["sentences"])


def test_network_of_a_group_takes_its_parameter(corpus_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "clarence.graphml"
    done = network(
        corpus_store, "-q", "network-of-a-group", "-p", "group=clarence-network", "-f", "graphml",
        "-o", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    graph = nx.read_graphml(out)
    assert graph.has_edge(f"{ENT}clarence-network", f"{ENT}walthere-dewe")
    assert f"{ENT}comet-line" not in graph
    done = network(corpus_store, "-q", "network-of-a-group", "-p", "network=x")
    assert done.returncode == 2 and "no parameter network" in done.stderr


def query_rows(store: Store, name: str) -> list[dict[str, object]]:
    return rows(store.query(named_query(name).bound({})))


def test_query_networks_match_the_projections(corpus_reader: Store) -> None:
    relations = rows_graph(query_rows(corpus_reader, "network-relations"), node_rows(corpus_reader))
    assert set(relations.edges) == {(u, v) for u, v, _ in entity_graph(corpus_reader).edges}
    comentions = rows_graph(query_rows(corpus_reader, "network-comentions"))
    expected = comention_graph(corpus_reader)
    assert {frozenset(e) for e in comentions.edges} == {frozenset(e) for e in expected.edges}
    for u, v, weight in comentions.edges(data="weight"):
        assert weight == expected.edges[u, v]["weight"]
        assert comentions.edges[u, v]["sentences"] == expected.edges[u, v]["sentences"]
    assert comentions.nodes[f"{ENT}comet-line"]["category"] == "Group"
