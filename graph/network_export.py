"""Networks to files for Gephi, Cytoscape and others: dynamic GEXF and GraphML.

GEXF and GraphML hold scalar attributes only: lists become "; "-joined text, date maps
("bornOn 1907-11-30; diedOn 2007-10-13") text as well, and missing values are left out. In GEXF,
nodes and edges with known dates carry ``start``/``end`` (their earliest/latest ISO dates), which
makes the file dynamic (``mode="dynamic"``, ``timeformat="date"``) so Gephi's timeline plays.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import networkx as nx

ExportFormat = Literal["gexf", "graphml"]


def _scalar(value: Any) -> str | int | float | bool | None:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, Mapping):
        return "; ".join(f"{k} {v}" for k, v in sorted(value.items())) or None
    if isinstance(value, list | tuple | set | frozenset):
        return "; ".join(str(v) for v in value) or None
    return str(value)


def _flat(attributes: Mapping[str, Any], dynamic: bool) -> dict[str, Any]:
    out = {k: v for k, v in ((k, _scalar(v)) for k, v in attributes.items()) if v is not None}
    if dynamic:
        if "earliest" in out:
            out["start"] = out["earliest"]
        if "latest" in out:
            out["end"] = out["latest"]
    return out


def flat_graph(graph: nx.Graph, *, dynamic: bool = False) -> nx.Graph:
    """A copy of `graph` with scalar attributes only (and start/end where `dynamic`)."""
    flat = graph.__class__()
    flat.graph.update(_flat(graph.graph, dynamic=False))
    flat.add_nodes_from((n, _flat(a, dynamic)) for n, a in graph.nodes(data=True))
    if graph.is_multigraph():
        flat.add_edges_from(
            (u, v, k, _flat(a, dynamic)) for u, v, k, a in graph.edges(keys=True, data=True)
        )
    else:
        flat.add_edges_from((u, v, _flat(a, dynamic)) for u, v, a in graph.edges(data=True))
    return flat


def write_gexf(graph: nx.Graph, path: str | Path) -> Path:
    """Write a dynamic GEXF 1.2 file (static if nothing in `graph` is dated)."""
    nx.write_gexf(flat_graph(graph, dynamic=True), path, version="1.2draft")
    return Path(path)


def write_graphml(graph: nx.Graph, path: str | Path) -> Path:
    """Write a GraphML file."""
    nx.write_graphml(flat_graph(graph), path)
    return Path(path)


def write_network(graph: nx.Graph, path: str | Path, format: ExportFormat) -> Path:
    """Write `graph` in `format`."""
    writer = write_gexf if format == "gexf" else write_graphml
    return writer(graph, path)
