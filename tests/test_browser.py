"""Generated network pages in a real headless Chromium (Debian's), offline, from file:// URLs.

Needs /usr/bin/chromium (``apt-get install -y chromium``); run the rest with ``-m "not browser"``.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from remembrance.graph.iris import entity_iri
from remembrance.graph.projections import ego_network, entity_graph
from remembrance.graph.render import write_html
from remembrance.graph.store import Store

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
ARTIFACTS = Path(__file__).parent / "artifacts"
SETTLED = "body[data-settled='true']"
HOSTILE = ["<script>alert(1)</script>", '"onmouseover="alert(1)']

#: Opaque pixels of the canvas (a blank canvas has none).
INK = """() => {
  const canvas = document.querySelector("#network canvas");
  const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  let ink = 0;
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) ink++;
  return ink;
}"""


@dataclass
class Watched:
    """A page with everything it requested, logged and raised."""

    page: Page
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def open(self, path: Path, timeout_ms: float = 60_000) -> None:
        self.page.goto(path.as_uri())
        self.page.wait_for_selector(SETTLED, state="attached", timeout=timeout_ms)

    def assert_clean(self, path: Path) -> None:
        assert self.requests == [path.as_uri()], self.requests
        assert self.errors == [] and self.dialogs == []


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    page = context.new_page()
    seen = Watched(page)
    page.on("request", lambda request: seen.requests.append(request.url))
    page.on("console", lambda m: seen.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: seen.errors.append(str(error)))
    page.on("dialog", lambda dialog: (seen.dialogs.append(dialog.message), dialog.dismiss()))
    yield seen
    context.close()


def screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def test_corpus_network_draws_offline(watched: Watched, corpus_reader: Store, tmp_path: Path):
    graph = ego_network(entity_graph(corpus_reader), str(entity_iri("comet-line")), 2)
    path = write_html(graph, tmp_path / "comet.html", title="Comet Line")
    watched.open(path)
    assert watched.page.evaluate(INK) > 1000
    assert "Comet Line" in watched.page.inner_text("h1")
    screenshot(watched.page, "comet-line")
    watched.assert_clean(path)


def test_hostile_labels_stay_text(watched: Watched, tmp_path: Path) -> None:
    graph = nx.Graph()
    for i, label in enumerate(HOSTILE):
        graph.add_node(i, label=label, category="Person")
    graph.add_edge(0, 1, predicate="knows", sources=HOSTILE, sentences=["<b>bold</b> href"])
    path = write_html(graph, tmp_path / "hostile.html", title=HOSTILE[0])
    watched.open(path)
    page = watched.page
    assert page.inner_text("h1") == HOSTILE[0]
    assert page.evaluate("document.querySelectorAll('script').length") == 3  # vis, data, ours
    assert page.evaluate("document.querySelectorAll('img, b, [onmouseover]').length") == 0
    # hover each node: its tooltip shows the label as text
    for node in (0, 1):
        x, y = page.evaluate(
            f"""() => {{
              const n = window.remembranceNetwork;
              const p = n.canvasToDOM(n.getPositions([{node}])[{node}]);
              const box = document.querySelector("#network canvas").getBoundingClientRect();
              return [box.left + p.x, box.top + p.y];
            }}"""
        )
        page.mouse.move(x, y)
        tooltip = page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
        assert tooltip is not None
        assert tooltip.inner_text().startswith(HOSTILE[node])
        tags = tooltip.evaluate("t => [...t.querySelectorAll('*')].map(e => e.tagName)")
        assert set(tags) <= {"BR"}  # innerText turns line breaks into <br>, nothing else
        page.mouse.move(5, 5)
    screenshot(page, "hostile-labels")
    watched.assert_clean(path)


def test_500_node_ego_network_settles(watched: Watched, tmp_path: Path) -> None:
    graph = nx.barabasi_albert_graph(3_000, 2, seed=3)
    for node, attributes in graph.nodes(data=True):
        attributes.update(label=f"Entity {node}", category=("Person", "Group", "Place")[node % 3])
    ego = ego_network(graph, 0, 2)
    assert ego.number_of_nodes() >= 500
    path = write_html(ego, tmp_path / "ego.html", max_nodes=500, keep=[0])
    watched.open(path, timeout_ms=90_000)
    assert watched.page.evaluate("window.remembranceNetwork.body.nodeIndices.length") == 500
    assert "left out" in watched.page.inner_text("#note")
    assert watched.page.evaluate(INK) > 1000
    screenshot(watched.page, "ego-500")
    watched.assert_clean(path)
