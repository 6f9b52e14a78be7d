"""Generated network, map and timeline pages in a real headless Chromium (Debian's), offline,
from file:// URLs.

Needs /usr/bin/chromium (``apt-get install -y chromium``); run the rest with ``-m "not browser"``.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import networkx as nx
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from remembrance.graph.facts import Fact, Names, Source, flag_conflicts
from remembrance.graph.maps import map_data, render_map, write_map
from remembrance.graph.projections import ego_network, entity_graph
from remembrance.graph.render import write_html
from remembrance.graph.scope import Scope, make_scope
from remembrance.graph.store import Store
from remembrance.graph.timeline import (
    render_timeline,
    timeline_data,
    timeline_items,
    write_timeline,
)
from remembrance.iris import entity_iri

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


# Maps and timelines -----------------------------------------------------------------------------

#: Elements that a hostile label would have injected.
INJECTED = "img, b, [onmouseover], [onerror]"
#: Something that looks like an IRI or a blank-node identifier.
IDENTIFIER = re.compile(r"https?://|urn:|_:[A-Za-z0-9]|\b[0-9a-f]{8,}\b")

#: Bounding boxes of the visible elements matching a selector.
BOXES = """(selector) => [...document.querySelectorAll(selector)]
  .filter(e => getComputedStyle(e).visibility !== "hidden" && e.offsetParent !== null)
  .map(e => { const r = e.getBoundingClientRect();
              return [r.left, r.top, r.right, r.bottom, e.textContent]; })"""


def overlapping(boxes: list[list]) -> list[tuple[str, str]]:
    """Pairs of boxes that overlap by more than a pixel either way."""
    found = []
    for i, (l1, t1, r1, b1, text1) in enumerate(boxes):
        for l2, t2, r2, b2, text2 in boxes[i + 1 :]:
            if min(r1, r2) - max(l1, l2) > 1 and min(b1, b2) - max(t1, t2) > 1:
                found.append((text1, text2))
    return found


def open_place(page: Page, label: str) -> str:
    """Zoom until the marker of `label` is out of its cluster, click it; the popup's text."""
    page.evaluate(
        """(label) => new Promise(done => {
             const m = window.remembranceMap.markers().find(m => m.options.title === label);
             window.remembranceMap.clusters.zoomToShowLayer(m, () => setTimeout(done, 400));
           })""",
        label,
    )
    box = page.evaluate(
        """(label) => { const m = window.remembranceMap.markers()
                          .find(m => m.options.title === label);
                        const r = m.getElement().querySelector("svg").getBoundingClientRect();
                        return [r.left + r.width / 2, r.top + r.height / 2]; }""",
        label,
    )
    page.mouse.click(*box)
    popup = page.wait_for_selector(".leaflet-popup-content", state="visible", timeout=5_000)
    assert popup is not None
    return popup.inner_text()


def test_corpus_map_offline_uncluttered_with_evidence(
    watched: Watched, corpus_reader: Store, tmp_path: Path
) -> None:
    path = write_map(corpus_reader, tmp_path / "map.html")
    watched.open(path)
    page = watched.page
    labels = page.evaluate(BOXES, ".place .label")
    assert len(labels) >= 8  # most places named at the first view …
    assert overlapping(labels) == []  # … and no label over another
    assert page.evaluate("document.querySelectorAll('.leaflet-overlay-pane path').length") > 100
    screenshot(page, "map")
    text = open_place(page, "Tir national")
    assert "Youra Livchitz executed at Tir national" in text
    assert "Source: " in text and "“" in text  # the document and its sentence
    screenshot(page, "map-popup")
    assert not IDENTIFIER.search(page.inner_text("body")), page.inner_text("body")
    watched.assert_clean(path)


def test_map_filters_by_category_and_years(
    watched: Watched, corpus_reader: Store, tmp_path: Path
) -> None:
    path = write_map(corpus_reader, tmp_path / "map.html")
    watched.open(path)
    page = watched.page

    def shown() -> int:
        return int(page.inner_text("#shown").split(" ")[0])

    everything = shown()
    page.uncheck("#filters input[name=Memorial]")
    without_memorials = shown()
    assert 0 < without_memorials < everything
    page.check("#filters input[name=Memorial]")
    page.uncheck("#filters input[name=undated]")
    page.fill("#filters input[name=from]", "1944")
    page.fill("#filters input[name=to]", "1944")
    page.dispatch_event("#filters input[name=to]", "change")
    assert 0 < shown() < everything
    assert overlapping(page.evaluate(BOXES, ".place .label")) == []
    # every place again, zoomed in on Brussels: clusters open up, labels are placed again, apart
    page.fill("#filters input[name=from]", page.get_attribute("#filters input[name=from]", "min"))
    page.fill("#filters input[name=to]", page.get_attribute("#filters input[name=to]", "max"))
    page.check("#filters input[name=undated]")
    assert shown() == everything
    page.evaluate("window.remembranceMap.map.setView([50.85, 4.37], 12)")
    page.wait_for_timeout(1500)  # the clusters' animations
    labels = page.evaluate(BOXES, ".place:not(.country) .label")
    assert len(labels) >= 5 and overlapping(labels) == []
    watched.assert_clean(path)


def test_corpus_timeline_readable_with_evidence(
    watched: Watched, corpus_reader: Store, tmp_path: Path
) -> None:
    path = write_timeline(corpus_reader, tmp_path / "timeline.html")
    watched.open(path)
    page = watched.page
    contents = page.evaluate(BOXES, "#timeline .vis-item .vis-item-content")
    assert len(contents) >= 10
    assert overlapping(contents) == []
    lanes = page.inner_text("#timeline .vis-labelset")
    assert "Person" in lanes and "Event" in lanes
    assert page.evaluate("document.querySelectorAll('.vis-item.imprecise').length") > 0
    item = page.wait_for_selector(".vis-item.vis-point", state="visible")
    assert item is not None
    item.hover()
    tip = page.wait_for_selector("#tip", state="visible", timeout=5_000)
    assert tip is not None and "Source: " in tip.inner_text()
    screenshot(page, "timeline")
    page.mouse.move(5, 5)
    assert not IDENTIFIER.search(page.inner_text("body")), page.inner_text("body")

    def shown() -> int:
        return int(page.inner_text("#shown").split(" ")[0])

    everything = shown()
    page.uncheck("#filters input[name=Person]")
    assert 0 < shown() < everything
    assert page.evaluate("document.querySelectorAll('.vis-item.cat-Person').length") == 0
    assert "Person" not in page.inner_text("#timeline .vis-labelset")
    page.check("#filters input[name=Person]")
    page.fill("#filters input[name=find]", "livchitz")
    assert 0 < shown() < everything
    page.wait_for_function(  # the timeline redraws on the next frames (text or evidence match)
        """(n) => { const items = [...document.querySelectorAll("#timeline .vis-item-content")];
                    return items.length <= n
                           && items.some(e => e.textContent.includes("Livchitz")); }""",
        arg=shown(),
    )
    assert overlapping(page.evaluate(BOXES, "#timeline .vis-item .vis-item-content")) == []
    watched.assert_clean(path)


def test_timeline_of_a_neighbourhood_in_entity_lanes(
    watched: Watched, corpus_reader: Store, tmp_path: Path
) -> None:
    scope = make_scope(corpus_reader, entity="comet-line", hops=1)
    path = write_timeline(corpus_reader, tmp_path / "comet.html", scope, lanes="entity")
    watched.open(path)
    page = watched.page
    lanes = page.inner_text("#timeline .vis-labelset")
    assert "Comet Line" in lanes and "Andrée de Jongh" in lanes
    assert overlapping(page.evaluate(BOXES, "#timeline .vis-item .vis-item-content")) == []
    page.click("#timeline .vis-item")
    assert "Source: " in page.inner_text("#details")
    assert not IDENTIFIER.search(page.inner_text("body"))
    screenshot(page, "timeline-comet-line")
    watched.assert_clean(path)


def test_a_contradicted_date_is_marked_on_the_timeline(watched: Watched, tmp_path: Path) -> None:
    """Two sources that give dates which do not meet: both items are outlined and their evidence
    names the other claim (the corpus, as built, holds no such contradiction)."""
    known = Names(
        {"e:a": {"label": "Youra Livchitz", "category": "Person"}}, {"p:on": "executed on"}, {}
    )
    found = flag_conflicts(
        [
            Fact("e:a", "p:on", "1944-02-17", False, "1944-02-17", date(1944, 2, 17),
                 date(1944, 2, 17), (Source("A notice", "He was shot on 17 February 1944."),)),
            Fact("e:a", "p:on", "1943-04-19", False, "1943-04-19", date(1943, 4, 19),
                 date(1943, 4, 19), (Source("A report", "He was shot on 19 April 1943."),)),
        ],
        known,
    )  # fmt: skip
    path = tmp_path / "conflict.html"
    items = timeline_items(found, known, Scope())
    path.write_text(render_timeline(timeline_data(items), title="t", window=None), "utf-8")
    watched.open(path)
    page = watched.page
    assert page.evaluate("document.querySelectorAll('.vis-item.conflict').length") > 0
    page.hover(".vis-item.conflict >> nth=0")
    tip = page.wait_for_selector("#tip", state="visible", timeout=5_000)
    assert tip is not None and "according to A " in tip.inner_text()
    watched.assert_clean(path)


def test_hostile_labels_stay_text_on_map_and_timeline(watched: Watched, tmp_path: Path) -> None:
    known = Names(
        {"e:a": {"label": HOSTILE[0], "category": "Person"},
         "e:b": {"label": HOSTILE[1], "category": "Place"}},
        {"p:at": "executed <b>at</b>", "p:on": "died on"}, {},
    )  # fmt: skip
    source = Source("<img src=x onerror=alert(2)>", "</script><script>alert(3)</script>")
    found = [
        Fact("e:a", "p:at", "e:b", True, None, date(1944, 2, 17), date(1944, 2, 17), (source,)),
        Fact("e:a", "p:on", "1944~", False, "1944~", date(1944, 1, 1), date(1944, 12, 31),
             (source,)),
    ]  # fmt: skip
    map_path = tmp_path / "hostile-map.html"
    data = map_data(found, known, {"e:b": (50.85, 4.35)}, Scope())
    map_path.write_text(render_map(data, title=HOSTILE[0]), encoding="utf-8")
    watched.open(map_path)
    page = watched.page
    assert page.inner_text("h1") == HOSTILE[0]
    assert page.inner_text(".place .label") == HOSTILE[1]
    text = open_place(page, HOSTILE[1])
    assert f"{HOSTILE[0]} executed <b>at</b> {HOSTILE[1]}" in text
    assert "<img src=x onerror=alert(2)>" in text and "alert(3)" in text
    assert (
        page.evaluate("document.querySelectorAll('img, b, [onmouseover], [onerror]').length") == 0
    )
    watched.assert_clean(map_path)

    timeline_path = tmp_path / "hostile-timeline.html"
    items = timeline_items(found, known, Scope())
    page_html = render_timeline(timeline_data(items), title=HOSTILE[1], window=None)
    timeline_path.write_text(page_html, encoding="utf-8")
    watched.requests.clear()
    watched.open(timeline_path)
    assert page.inner_text("h1") == HOSTILE[1]
    assert f"{HOSTILE[0]} died" in page.inner_text("#timeline")
    page.hover(".vis-item.vis-point")
    assert "<img src=x onerror=alert(2)>" in page.inner_text("#tip")
    assert (
        page.evaluate("document.querySelectorAll('img, b, [onmouseover], [onerror]').length") == 0
    )
    assert page.evaluate("document.querySelectorAll('.vis-item.approximate').length") == 1
    watched.assert_clean(timeline_path)
