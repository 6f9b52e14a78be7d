"""Networks as self-contained, offline HTML pages drawn by vis-network.

The page inlines the vis-network script and style that the pyvis package bundles, so it makes no
network request. It does not go through pyvis's template: node and edge lists are built in bulk
and written as JSON inside ``<script type="application/json">`` with ``<``, ``>`` and ``&``
escaped, so no label can close the script. Labels are drawn on the canvas as text, tooltips are
inserted by vis-network as text (``innerText``), and the heading, legend and notes are
HTML-escaped: nothing from the data is ever parsed as HTML.

Nodes are coloured and shaped by category, sized by degree or number of sources; edges carry
their evidence (sources and sentences) in their tooltip. Physics runs a fixed number of
stabilisation iterations, then stops.
"""

from __future__ import annotations

import html
import json
import math
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any, Literal

import networkx as nx

from remembrance.ontology.categories import CATEGORY_TABLE

#: Category → (colour, vis-network shape), from the ontology (ontology/categories.py).
CATEGORY_STYLES: dict[str, tuple[str, str]] = {
    name: (style.colour, style.shape) for name, style in CATEGORY_TABLE.items()
}
OTHER_STYLE = ("#8c8c8c", "hexagon")
#: Shape → the text glyph of the legends.
GLYPHS = {"dot": "●", "square": "■", "triangle": "▲", "star": "★", "diamond": "◆", "hexagon": "⬢"}
#: Shape → SVG path in a 16×16 box, for map markers and timeline lanes.
SYMBOL_PATHS = {
    "dot": "M8 1.5a6.5 6.5 0 1 0 0.01 0Z",
    "square": "M2 2h12v12H2Z",
    "triangle": "M8 1.5L15 14.5H1Z",
    "star": "M8 0.8L10.1 5.6L15.3 6L11.3 9.4L12.6 14.6L8 11.8L3.4 14.6L4.7 9.4L0.7 6L5.9 5.6Z",
    "diamond": "M8 0.8L15.2 8L8 15.2L0.8 8Z",
    "hexagon": "M8 1L14.1 4.5V11.5L8 15L1.9 11.5V4.5Z",
}
MAX_SENTENCES = 5
MAX_SENTENCE_CHARS = 300
EDGE_LABEL_LIMIT = 200
SMOOTH_EDGE_LIMIT = 1000
IMPROVED_LAYOUT_LIMIT = 100
SizeBy = Literal["degree", "sources"]
AUTHORITY = "authority record"


@cache
def _vis_assets() -> tuple[str, str]:
    """vis-network's script and style as bundled by pyvis."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    script = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    return script.replace("</script", "<\\/script"), (lib / "vis-network.css").read_text("utf-8")


def style(category: str | None) -> tuple[str, str]:
    """Colour and shape of a category."""
    return CATEGORY_STYLES.get(category or "", OTHER_STYLE)


def script_json(value: object) -> str:
    """JSON that is safe inside a ``<script>`` element: ``<``, ``>``, ``&`` are escaped."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(raw, escaped)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def node_budget(
    graph: nx.Graph, max_nodes: int | None, keep: Collection[Any] = ()
) -> tuple[nx.Graph, int]:
    """The `max_nodes` most connected nodes (always with `keep`), and how many were left out."""
    if max_nodes is None or graph.number_of_nodes() <= max_nodes:
        return graph, 0
    degree = dict(graph.degree())

    def rank(node: Any) -> tuple[bool, int, int, str]:
        attributes = graph.nodes[node]
        return (
            node not in keep,
            -degree[node],
            -int(attributes.get("sources") or 0),
            str(attributes.get("label", node)),
        )

    chosen = sorted(graph.nodes, key=rank)[: max(max_nodes, len(keep))]
    return graph.subgraph(chosen), graph.number_of_nodes() - len(chosen)


def _dates_text(attributes: Mapping[str, Any]) -> str:
    dates = attributes.get("dates") or {}
    return "; ".join(f"{name} {value}" for name, value in sorted(dates.items()))


def _clip(sentence: str) -> str:
    if len(sentence) <= MAX_SENTENCE_CHARS:
        return sentence
    return sentence[: MAX_SENTENCE_CHARS - 1] + "…"


def merge_edges(edges: list[Mapping[str, Any]]) -> dict[str, Any]:
    """One edge for the parallel edges between two nodes: predicates joined, weights added,
    sources and sentences united, ``authority`` if any of them comes from a record."""
    return {
        "predicate": ", ".join(sorted({edge.get("predicate") or "linked" for edge in edges})),
        "weight": sum(edge.get("weight") or 1 for edge in edges),
        "sources": sorted({s for edge in edges for s in edge.get("sources") or ()}),
        "sentences": sorted({s for edge in edges for s in edge.get("sentences") or ()}),
        "authority": any(edge.get("authority") for edge in edges),
    }


def _edge_list(graph: nx.Graph) -> list[tuple[Any, Any, Mapping[str, Any]]]:
    if not graph.is_multigraph():
        return list(graph.edges(data=True))
    grouped: dict[tuple[Any, Any], list[Mapping[str, Any]]] = defaultdict(list)
    for u, v, attributes in graph.edges(data=True):
        grouped[u, v].append(attributes)
    return [(u, v, merge_edges(group)) for (u, v), group in grouped.items()]


def _sizes(graph: nx.Graph, size_by: SizeBy) -> list[float]:
    if size_by == "degree":
        values = [d for _, d in graph.degree()]
    else:
        values = [int(s or 0) for _, s in graph.nodes(data="sources")]
    top = max(values, default=0) or 1
    return [round(8 + 30 * math.sqrt(v / top), 1) for v in values]


def vis_data(graph: nx.Graph, size_by: SizeBy = "degree") -> dict[str, Any]:
    """Nodes, edges and source titles for the page, as columns (lists by attribute).

    Parallel edges between two nodes become one (`merge_edges`). Edge ``sources`` index the
    ``sources`` list of titles; ``sentences`` holds at most MAX_SENTENCES clipped sentences and
    ``more`` the number left out. The page's script turns the columns into vis-network items
    with plain-text tooltips.
    """
    index = {node: i for i, node in enumerate(graph.nodes)}
    styles = {category: i for i, category in enumerate(CATEGORY_STYLES)}
    attributes = [a for _, a in graph.nodes(data=True)]
    nodes = {
        "label": [str(a.get("label", n)) for n, a in zip(index, attributes, strict=True)],
        "category": [a.get("category") or "entity" for a in attributes],
        "style": [styles.get(a.get("category"), len(styles)) for a in attributes],
        "size": _sizes(graph, size_by),
        "degree": [d for _, d in graph.degree()],
        "sources": [int(a.get("sources") or 0) for a in attributes],
        "dates": [_dates_text(a) for a in attributes],
        "iri": [str(n) for n in index],
    }
    listed = _edge_list(graph)
    found = [a for _, _, a in listed]
    predicates = [str(a.get("predicate") or "linked") for a in found]
    sentences = [list(a.get("sentences") or ()) for a in found]
    titles: dict[str, int] = {}
    labelled = len(listed) <= EDGE_LABEL_LIMIT
    edges = {
        "from": [index[u] for u, _, _ in listed],
        "to": [index[v] for _, v, _ in listed],
        "predicates": predicates,
        "label": [p if labelled and p not in ("linked", "comention") else None for p in predicates],
        "weight": [a.get("weight") or 1 for a in found],
        "sources": [
            [titles.setdefault(s, len(titles)) for s in a.get("sources") or ()]
            + ([titles.setdefault(AUTHORITY, len(titles))] if a.get("authority") else [])
            for a in found
        ],
        "sentences": [[_clip(s) for s in group[:MAX_SENTENCES]] for group in sentences],
        "more": [max(0, len(group) - MAX_SENTENCES) for group in sentences],
    }
    palette = [*CATEGORY_STYLES.values(), OTHER_STYLE]
    return {"nodes": nodes, "edges": edges, "sources": list(titles), "styles": palette}


def vis_options(nodes: int, edges: int, directed: bool, iterations: int) -> dict[str, Any]:
    """vis-network options: physics that stabilises in `iterations` steps, then stops."""
    return {
        "autoResize": True,
        "layout": {"improvedLayout": nodes <= IMPROVED_LAYOUT_LIMIT, "randomSeed": 7},
        "physics": {
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120},
            "stabilization": {"enabled": True, "iterations": iterations, "updateInterval": 25},
        },
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": edges > 2000},
        "nodes": {"font": {"size": 14, "face": "sans-serif"}, "borderWidth": 1},
        "edges": {
            "arrows": {"to": {"enabled": directed, "scaleFactor": 0.5}},
            "color": {"color": "#9aa4ad", "highlight": "#333333", "hover": "#333333"},
            "font": {"size": 10, "align": "middle", "color": "#555555"},
            "smooth": {"type": "continuous"} if edges <= SMOOTH_EDGE_LIMIT else False,
        },
    }


def page(title: str, body: str, head: str = "") -> str:
    """A minimal self-contained HTML page; `title` is escaped, `body` and `head` are trusted."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n{head}\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


_CSS = """
html, body { margin: 0; height: 100%; font-family: sans-serif; }
body { display: flex; flex-direction: column; }
header { padding: 0.4em 1em; border-bottom: 1px solid #ddd; }
header h1 { font-size: 1.2em; margin: 0.2em 0; }
.legend span { margin-right: 1.2em; white-space: nowrap; }
.note, #status { color: #555; font-size: 0.9em; margin: 0.2em 0; }
#network { flex: 1; min-height: 300px; }
div.vis-tooltip { white-space: pre-wrap; max-width: 40em; font: 13px sans-serif; }
"""

_SCRIPT = r"""
(function () {
  var data = JSON.parse(document.getElementById("network-data").textContent);
  var status = document.getElementById("status");
  var N = data.nodes, E = data.edges;
  var nodes = N.label.map(function (label, i) {
    var lines = [label, N.category[i] + " · " + N.degree[i] + " links · mentioned in " +
                 N.sources[i] + (N.sources[i] === 1 ? " document" : " documents")];
    if (N.dates[i]) lines.push(N.dates[i]);
    lines.push(N.iri[i]);
    var style = data.styles[N.style[i]];
    return {id: i, label: label, title: lines.join("\n"), color: style[0], shape: style[1],
            size: N.size[i]};
  });
  var edges = E.from.map(function (from, i) {
    var lines = [N.label[from] + " — " + E.predicates[i] + " → " + N.label[E.to[i]],
                 "weight " + E.weight[i]];
    if (E.sources[i].length) lines.push("Sources:");
    E.sources[i].forEach(function (s) { lines.push("• " + data.sources[s]); });
    if (E.sentences[i].length) lines.push("Evidence:");
    E.sentences[i].forEach(function (s) { lines.push("“" + s + "”"); });
    if (E.more[i]) lines.push("(+" + E.more[i] + " more)");
    var edge = {id: i, from: from, to: E.to[i], title: lines.join("\n"),
                width: E.weight[i] > 1 ? 1 + Math.log2(E.weight[i]) : 1};
    if (E.label[i]) edge.label = E.label[i];
    return edge;
  });
  var network = new vis.Network(
    document.getElementById("network"),
    {nodes: new vis.DataSet(nodes), edges: new vis.DataSet(edges)},
    data.options
  );
  network.on("stabilizationProgress", function (p) {
    status.textContent = "Laying out: " + Math.round(100 * p.iterations / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({physics: false});
    status.textContent = "Layout done. Drag to move, scroll to zoom, hover for evidence.";
    document.body.dataset.settled = "true";
  });
  window.remembranceNetwork = network;
})();
"""


def category_counts(categories: Iterable[str | None]) -> dict[str, int]:
    """How many of each category (those outside CATEGORY_STYLES count as "other"), in legend
    order, present ones only."""
    counts: dict[str, int] = defaultdict(int)
    for category in categories:
        counts[category if category in CATEGORY_STYLES else "other"] += 1
    return {c: counts[c] for c in [*CATEGORY_STYLES, "other"] if counts.get(c)}


def style_table() -> dict[str, dict[str, str]]:
    """Category → colour, glyph and SVG path ("other" included), for a page's script."""
    return {
        category: {"color": color, "glyph": GLYPHS[shape], "path": SYMBOL_PATHS[shape]}
        for category, (color, shape) in [*CATEGORY_STYLES.items(), ("other", OTHER_STYLE)]
    }


def legend_html(graph: nx.Graph) -> str:
    """The categories present in `graph`, with their colour, shape and count (escaped)."""
    items = []
    for category, count in category_counts(c for _, c in graph.nodes(data="category")).items():
        color, shape = style(category)
        items.append(
            f'<span><span style="color:{color}">{GLYPHS[shape]}</span> '
            f"{html.escape(category)} ({count})</span>"
        )
    return f'<div class="legend">{"".join(items)}</div>'


def render_html(
    graph: nx.Graph,
    *,
    title: str = "Network",
    max_nodes: int | None = 500,
    keep: Collection[Any] = (),
    size_by: SizeBy = "degree",
    iterations: int = 300,
) -> str:
    """A self-contained, offline HTML page drawing `graph` (see the module docstring).

    Only the `max_nodes` most connected nodes are drawn (always with the nodes in `keep`);
    the page says how many were left out.
    """
    shown, omitted = node_budget(graph, max_nodes, keep)
    data = vis_data(shown, size_by)
    nodes, edges = len(data["nodes"]["label"]), len(data["edges"]["from"])
    data["options"] = vis_options(nodes, edges, shown.is_directed(), iterations)
    script, css = _vis_assets()
    note = f"{nodes} nodes, {edges} links"
    if omitted:
        note += (
            f". {omitted} less connected node{'s' if omitted != 1 else ''} left out "
            f"(showing the {nodes} most connected of {graph.number_of_nodes()})"
        )
    head = f"<style>{css}</style>\n<style>{_CSS}</style>\n<script>{script}</script>"
    body = (
        f"<header><h1>{html.escape(title)}</h1>{legend_html(shown)}"
        f'<p class="note" id="note">{html.escape(note)}</p><p id="status"></p></header>\n'
        '<div id="network"></div>\n<script type="application/json" id="network-data">'
        f"{script_json(data)}</script>\n"
        f"<script>{_SCRIPT}</script>"
    )
    return page(title, body, head)


def iframe(page_html: str, height: int = 650) -> str:
    """`page_html` in an ``<iframe srcdoc>``, for a notebook cell (``IPython.display.HTML``)."""
    return (
        f'<div><iframe srcdoc="{html.escape(page_html, quote=True)}" width="100%" '
        f'height="{height}" style="border: 1px solid #ddd"></iframe></div>'
    )


def write_html(graph: nx.Graph, path: str | Path, **options: Any) -> Path:
    """Write `render_html(graph, **options)` to `path`."""
    target = Path(path)
    target.write_text(render_html(graph, **options), encoding="utf-8")
    return target
