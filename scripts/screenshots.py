"""Regenerate the README's screenshots from the bundled corpus, in headless Chromium.

    python scripts/screenshots.py [--out docs/images] [--store DIR]

Builds the bundled corpus into a temporary store (or reads --store), writes the map, timeline
and network pages with the public API, opens each from disk in Debian's Chromium (offline) and
saves a PNG of it. Needs /usr/bin/chromium and the test extras (playwright).
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from remembrance import api

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
VIEWPORT = {"width": 1280, "height": 760}


def open_place(label: str) -> Callable[[Page], None]:
    """Zoom until the marker of `label` is out of its cluster, then click it (a real click)."""

    def action(page: Page) -> None:
        page.evaluate(
            """(label) => new Promise(done => {
                 const m = window.remembranceMap.markers().find(m => m.options.title === label);
                 window.remembranceMap.clusters.zoomToShowLayer(m, () => setTimeout(done, 600));
               })""",
            label,
        )
        x, y = page.evaluate(
            """(label) => { const m = window.remembranceMap.markers()
                              .find(m => m.options.title === label);
                            const r = m.getElement().querySelector(".symbol")
                                       .getBoundingClientRect();
                            return [r.left + r.width / 2, r.top + r.height / 2]; }""",
            label,
        )
        page.mouse.click(x, y)
        page.wait_for_selector(".leaflet-popup-content", state="visible")

    return action


def hover(text: str) -> Callable[[Page], None]:
    """Hover the first timeline item that shows `text` (its sources appear)."""

    def action(page: Page) -> None:
        page.locator("#timeline .vis-item", has_text=text).first.hover()
        page.wait_for_selector("#tip", state="visible")

    return action


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    parser.add_argument("--store", type=Path, help="A built store (default: build the corpus)")
    options = parser.parse_args()
    options.out.mkdir(parents=True, exist_ok=True)
    store = api.open_store(options.store) if options.store else api.build_store()
    pages: list[tuple[str, api.Page, Callable[[Page], None] | None]] = [
        ("map", api.map_page(store), None),
        ("map-popup", api.map_page(store), open_place("Schaerbeek")),
        ("timeline", api.timeline_page(store, start="1939-09", end="1945-09"), None),
        (
            "timeline-comet-line",
            api.timeline_page(store, entity="Comet Line", hops=2, lanes="entity"),
            hover("founded by"),
        ),
    ]
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for name, page_html, action in pages:
            path = page_html.write(Path(folder) / f"{name}.html")
            page = browser.new_page(viewport=VIEWPORT)  # type: ignore[arg-type]
            page.goto(path.as_uri())
            page.wait_for_selector("body[data-settled='true']", state="attached")
            if action:
                action(page)
            page.wait_for_timeout(500)
            page.screenshot(path=str(options.out / f"{name}.png"))
            page.close()
            print(options.out / f"{name}.png")
        browser.close()
    store.close()


if __name__ == "__main__":
    main()
