"""``remembrance show`` and ``remembrance network``: networks as HTML, GEXF or GraphML files."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import networkx as nx
import typer

from remembrance.cli_app import ParamOption, StoreOption, _store_path, app, console
from remembrance.cli_curate import CurationOption, unbuilt_warning
from remembrance.graph.store import Store
from remembrance.graph.stores import open_store
from remembrance.pipelines.errors import InputError


class NetworkFormat(StrEnum):
    html = "html"
    gexf = "gexf"
    graphml = "graphml"


class NetworkKind(StrEnum):
    entity = "entity"
    comention = "comention"


FormatOption = Annotated[
    NetworkFormat, typer.Option("--format", "-f", help="html (vis-network page), gexf or graphml.")
]
MaxNodesOption = Annotated[
    int, typer.Option("--max-nodes", min=1, help="Draw at most this many nodes (most connected).")
]


def _write(graph: nx.Graph, out: Path, format: NetworkFormat, title: str, max_nodes: int,
           keep: tuple[str, ...] = ()) -> None:  # fmt: skip
    from remembrance.graph.network_export import write_network
    from remembrance.graph.render import write_html

    if format is NetworkFormat.html:
        write_html(graph, out, title=title, max_nodes=max_nodes, keep=keep)
    else:
        write_network(graph, out, format.value)
    console.print(
        f"{out}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} links ({format.value})"
    )


@app.command()
def show(
    entity: Annotated[
        str, typer.Argument(help='An entity IRI, slug ("comet-line") or label ("Comet Line").')
    ],
    hops: Annotated[int, typer.Option("--hops", min=1, help="Links away from the entity.")] = 1,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Output file.")] = None,
    store: StoreOption = None,
    format: FormatOption = NetworkFormat.html,
    max_nodes: MaxNodesOption = 500,
    comention: Annotated[
        bool, typer.Option(help="Co-mentions in sentences instead of asserted relations.")
    ] = False,
    curation: CurationOption = None,
) -> None:
    """Write the network around one entity (its ego network) to a file."""
    from remembrance.graph.projections import (
        comention_graph,
        ego_network,
        entity_graph,
        resolve_entity,
    )

    with open_store(_store_path(store)) as source:
        unbuilt_warning(source, curation, _store_path(store))
        try:
            iri = resolve_entity(source, entity)
        except LookupError as error:
            raise InputError(str(error).strip("'\"")) from None
        graph = comention_graph(source) if comention else entity_graph(source)
    if iri not in graph:
        graph.add_node(iri, label=entity, category="", dates={}, sources=0)
    ego = ego_network(graph, iri, hops)
    label = str(ego.nodes[iri].get("label", entity))
    target = out or Path(f"{iri.rstrip('/').rsplit('/', 1)[-1]}.{format.value}")
    title = f"{label}: {'co-mentions' if comention else 'relations'} within {hops} link(s)"
    _write(ego, target, format, title, max_nodes, keep=(iri,))


@app.command()
def network(
    query: Annotated[
        str | None,
        typer.Option("--query", "-q", help="A named query whose rows have ?source and ?target."),
    ] = None,
    param: ParamOption = None,
    kind: Annotated[
        NetworkKind, typer.Option("--kind", help="entity (relations) or comention (sentences).")
    ] = NetworkKind.entity,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Output file.")] = None,
    store: StoreOption = None,
    format: FormatOption = NetworkFormat.html,
    max_nodes: MaxNodesOption = 500,
    curation: CurationOption = None,
) -> None:
    """Write a whole network to a file: the entity or co-mention network, or a named query's.

    Query rows may describe their nodes (?sourceLabel, ?sourceCategory…) and edges (?predicate,
    ?weight, ?sentence, ?title), e.g. remembrance network --query network-relations.
    """
    from remembrance.cli_sparql import _parameters
    from remembrance.graph import projections

    if param and query is None:
        raise InputError("--param binds the parameters of a named query (--query)")
    with open_store(_store_path(store)) as source:
        unbuilt_warning(source, curation, _store_path(store))
        if query is not None:
            found = _query_rows(source, query, _parameters(param or []))
            graph = projections.rows_graph(found, projections.node_rows(source))
            name = query
        else:
            build = projections.entity_graph if kind is NetworkKind.entity else (
                projections.comention_graph
            )  # fmt: skip
            graph, name = build(source), kind.value
    target = out or Path(f"network-{name}.{format.value}")
    _write(graph, target, format, f"Network: {name}", max_nodes)


def _query_rows(source: Store, name: str, values: dict[str, str]) -> list[dict[str, Any]]:
    """The rows of the named query `name` bound to `values`; they must make a network (see
    `network_columns`)."""
    from remembrance.graph.catalogue import named_query
    from remembrance.graph.projections import network_columns, rows

    result = source.query(named_query(name).bound(values))
    try:
        network_columns(str(v) for v in result.vars or [])
    except ValueError as error:
        raise InputError(f"query {name!r}: {error}") from None
    return rows(result)
