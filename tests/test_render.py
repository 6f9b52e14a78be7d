"""Rendering and files: escaping, offline pages, node budget, GEXF/GraphML, maps, timelines, CLI."""

import json
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx

from remembrance.graph.network_export import flat_graph, write_gexf, write_graphml
from remembrance.graph.render import node_budget, render_html, script_json, vis_data

XSS = ["<script>alert(1)</script>", '"onmouseover="alert(1)', "<img src=x onerror=alert(1)> href"]


def hostile() -> nx.Graph:
    graph = nx.Graph()
    for i, label in enumerate(XSS):
        graph.add_node(f"e:{i}", label=label, category="Person", dates={"bornOn": label})
    graph.add_edge("e:0", "e:1", predicate="<b>knows</b>", sources=XSS, sentences=XSS)
    return graph


def page_data(page: str) -> dict:
    found = re.search(r'<script type="application/json" id="network-data">(.*?)</script>', page)
    assert found
    return json.loads(found.group(1))


def test_script_json_cannot_close_the_script() -> None:
    value = {"label": "</script><script>alert(1)</script> & \u2028"}
    text = script_json(value)
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == value


def test_page_escapes_every_label_title_and_heading() -> None:
    page = render_html(hostile(), title="<script>alert(2)</script>")
    assert "alert(1)" in page  # the data is there …
    assert "<script>alert" not in page and "<img" not in page  # … but never as markup
    assert "<title>&lt;script&gt;alert(2)&lt;/script&gt;</title>" in page
    assert "<h1>&lt;script&gt;alert(2)&lt;/script&gt;</h1>" in page
    data = page_data(page)
    assert data["nodes"]["label"] == XSS  # labels stay exact text for the canvas
    assert sorted(data["sources"]) == sorted(XSS)


def test_page_is_offline() -> None:
    page = render_html(hostile())
    assert not re.search(r"<(script|link|img|iframe)[^>]*\s(src|href)\s*=", page, re.I)
    assert "@import" not in page
    assert not re.search(r"url\(\s*(?!['\"]?data:)", page)  # only data: URLs in the styles
    assert "new vis.Network" in page and "vis-network" in page  # inlined, not linked


def test_parallel_edges_merge_into_one_with_their_evidence() -> None:
    graph = nx.MultiDiGraph()
    graph.add_edge("a", "b", key="ledBy", predicate="ledBy", sources=["T1"], sentences=["s1"])
    graph.add_edge("a", "b", key="foundedBy", predicate="foundedBy", weight=2, authority=True)
    data = vis_data(graph)
    edges = data["edges"]
    assert (edges["from"], edges["to"]) == ([0], [1])
    assert edges["predicates"] == edges["label"] == ["foundedBy, ledBy"]
    assert (edges["weight"], edges["sentences"], edges["more"]) == ([3], [["s1"]], [0])
    assert [data["sources"][i] for i in edges["sources"][0]] == ["T1", "authority record"]


def test_node_budget_keeps_the_most_connected_and_says_so() -> None:
    graph = nx.star_graph(30)  # hub 0 with 30 leaves
    nx.add_path(graph, [1, 100, 101, 102])
    shown, omitted = node_budget(graph, 5)
    assert omitted == graph.number_of_nodes() - 5
    assert {0, 1, 100, 101} <= set(shown)
    shown, _ = node_budget(graph, 5, keep=[102])
    assert 102 in shown and 0 in shown and len(shown) == 5
    page = render_html(graph, max_nodes=5)
    assert f"{graph.number_of_nodes() - 5} less connected nodes left out" in page
    assert len(page_data(page)["nodes"]["label"]) == 5
    assert node_budget(graph, None) == (graph, 0)


def dated() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.add_node("a", label="A", dates={"bornOn": "1916-11-30"}, earliest="1916-11-30",
                   latest="1916-11-30")  # fmt: skip
    graph.add_node("b", label="B", dates={})
    graph.add_edge("a", "b", key="memberOf", predicate="memberOf", sources=["T1", "T2"],
                   earliest="1941-01-01", latest="1944-12-31", authority=False)  # fmt: skip
    graph.add_edge("a", "b", key="ledBy", predicate="ledBy", sources=[])
    return graph


def test_gexf_is_dynamic_with_dates(tmp_path: Path) -> None:
    path = write_gexf(dated(), tmp_path / "n.gexf")
    root = ET.parse(path).getroot()
    ns = {"g": "http://www.gexf.net/1.2draft"}
    graph = root.find("g:graph", ns)
    assert graph is not None
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    node = root.find(".//g:node[@id='a']", ns)
    assert node is not None and (node.get("start"), node.get("end")) == ("1916-11-30",) * 2
    starts = sorted(e.get("start") or "" for e in root.iterfind(".//g:edge", ns))
    assert starts == ["", "1941-01-01"]
    back = nx.read_gexf(path)
    assert back.number_of_edges() == 2


def test_graphml_flattens_lists_and_dates(tmp_path: Path) -> None:
    back = nx.read_graphml(write_graphml(dated(), tmp_path / "n.graphml"))
    assert back.nodes["a"]["dates"] == "bornOn 1916-11-30"
    assert back.edges["a", "b", "memberOf"]["sources"] == "T1; T2"
    assert "start" not in flat_graph(dated()).nodes["a"]


def remembrance(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["remembrance", *args], capture_output=True, text=True, timeout=300)


def test_cli_show_writes_html_gexf_graphml(corpus_store: Path, tmp_path: Path) -> None:
    for format in ("html", "gexf", "graphml"):
        out = tmp_path / f"comet.{format}"
        done = remembrance("show", "Comet Line", "--hops", "2", "--store", str(corpus_store),
                           "--out", str(out), "--format", format)  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert out.stat().st_size > 0
    assert "Comet Line" in (tmp_path / "comet.html").read_text(encoding="utf-8")


def test_cli_show_unknown_entity_lists_close_matches(corpus_store: Path) -> None:
    done = remembrance("show", "Comet Lin", "--store", str(corpus_store))
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1
    assert "comet-line" in done.stderr


def test_cli_network_kinds_and_queries(corpus_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "comention.gexf"
    done = remembrance("network", "--kind", "comention", "--store", str(corpus_store),
                       "--out", str(out), "-f", "gexf")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert nx.read_gexf(out).number_of_edges() > 0
    done = remembrance("network", "--query", "labels", "--store", str(corpus_store))
    assert done.returncode == 2 and "?source and ?target" in done.stderr
