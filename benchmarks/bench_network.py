"""Network pages: the bulk path of remembrance.graph.render vs pyvis's add_node/add_edge path.

Builds a random network of 20,000 nodes and about 40,000 edges with labels, categories and
evidence, and times writing it as HTML both ways (pyvis with a directed network, which skips its
quadratic duplicate-edge scan). Prints both times and the ratio.

    python -m benchmarks.bench_network [--nodes 20000] [--edges 40000]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import networkx as nx
from pyvis.network import Network

from remembrance.graph.render import render_html, style
from remembrance.ontology.categories import CATEGORIES


def synthetic(nodes: int, edges: int) -> nx.Graph:
    """A random network with the attributes the projections produce."""
    graph = nx.gnm_random_graph(nodes, edges, seed=1)
    for node, attributes in graph.nodes(data=True):
        attributes.update(label=f"Entity {node}", category=CATEGORIES[node % 5], sources=node % 7)
    for u, v, attributes in graph.edges(data=True):
        attributes.update(
            predicate="relatedTo",
            weight=1,
            sources=[f"Document {u % 50}"],
            sentences=[f"Entity {u} and Entity {v} appear together."],
        )
    return graph


def pyvis_page(graph: nx.Graph) -> str:
    """The same network written through pyvis, one add_node/add_edge call at a time."""
    net = Network(directed=True, cdn_resources="in_line")
    for node, attributes in graph.nodes(data=True):
        color, shape = style(attributes["category"])
        net.add_node(node, label=attributes["label"], color=color, shape=shape,
                     title=f"{attributes['label']}\n{attributes['category']}")  # fmt: skip
    for u, v, attributes in graph.edges(data=True):
        net.add_edge(u, v, title="\n".join(attributes["sentences"]), width=1)
    return net.generate_html()


def timed(function: Callable[[], str]) -> tuple[float, int]:
    started = time.perf_counter()
    page = function()
    return time.perf_counter() - started, len(page)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=20_000)
    parser.add_argument("--edges", type=int, default=40_000)
    options = parser.parse_args(argv)
    graph = synthetic(options.nodes, options.edges)
    label = f"{graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges"
    bulk, bulk_size = timed(lambda: render_html(graph, max_nodes=None))
    print(f"remembrance bulk render_html ({label}): {bulk:.3f} s, {bulk_size / 1e6:.1f} MB")
    slow, slow_size = timed(lambda: pyvis_page(graph))
    print(f"pyvis add_node/add_edge + generate_html: {slow:.3f} s, {slow_size / 1e6:.1f} MB")
    print(f"ratio pyvis / bulk: {slow / bulk:.1f}x")


if __name__ == "__main__":
    main()
