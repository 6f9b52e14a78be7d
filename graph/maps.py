"""Places on an interactive, offline map: Leaflet over Natural Earth's countries, vendored.

Every entity with coordinates is a marker with its category's colour and symbol (those of the
network legend); markers cluster when they crowd, and their labels are placed so that none
overlaps another (a label that would is hidden until zooming makes room). A marker's popup says
what happened there (events, executions, births, deaths, deportations, memorials), each fact with
its date and evidence (source titles and sentences) and its conflicts. Filters by category and
date range run in the page. Tiles are drawn only when the caller passes a tile URL.

Nothing from the data is parsed as HTML: it travels as JSON in a ``<script type="application/
json">`` element and the page's script puts it into the document as text.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from remembrance.graph import vendored
from remembrance.graph.facts import Fact, Names, coordinates, facts, names
from remembrance.graph.page_script import EVIDENCE_CSS, page_script
from remembrance.graph.render import category_counts, page, script_json, style_table
from remembrance.graph.scope import Scope
from remembrance.graph.store import Store
from remembrance.graph.when import describe, span

#: A tile URL template: http(s), a host, and the {z}, {x} and {y} placeholders.
_TILES = re.compile(r"^https?://[^/\s\"'<>]+/(?=.*\{z\})(?=.*\{x\})(?=.*\{y\})[^\s\"'<>]*$")


def _item(fact: Fact, known: Names, category: str, dates: tuple[Any, Any]) -> dict[str, Any]:
    subject = known.label(fact.subject)
    obj = known.label(fact.object) if fact.object_is_entity else describe(fact.object)
    low, high = dates
    return {
        "text": f"{subject} {known.property(fact.predicate)} {obj}",
        "category": category,
        "when": describe(fact.value) if fact.value else (span(low, high) if low else ""),
        "earliest": low.isoformat() if low else None,
        "latest": high.isoformat() if high else None,
        "sources": [[s.title, s.sentence] for s in fact.sources],
        "conflicts": list(fact.conflicts),
    }


def _dates(fact: Fact, other: str, known: Names) -> tuple[Any, Any]:
    """The fact's own dates, else those of the event it places (an event's date is when it
    happened there)."""
    if fact.earliest is not None:
        return fact.earliest, fact.latest
    node = known.nodes.get(other, {})
    if node.get("category") == "Event" and node.get("earliest"):
        low = pd.Timestamp(node["earliest"]).date()
        return low, pd.Timestamp(node.get("latest", node["earliest"])).date()
    return None, None


def _order(item: Mapping[str, Any]) -> tuple[bool, str, str]:
    """Dated facts first, by date; then the others, by text."""
    return (item["earliest"] is None, item["earliest"] or "", item["text"])


def map_data(
    found: Iterable[Fact], known: Names, coords: Mapping[str, tuple[float, float]], scope: Scope
) -> dict[str, Any]:
    """Places (label, category, latitude, longitude, facts) and the facts told at each (in date
    order, undated last).

    A fact belongs to its subject if the subject has coordinates, and to its object if the
    object has coordinates and the subject is not itself a Place (so "Brussels part of Belgium"
    stays with Brussels, while "Mardasson Memorial located in Bastogne" shows at both).
    """
    items: list[dict[str, Any]] = []
    at: dict[str, list[int]] = defaultdict(list)
    for fact in found:
        if not scope.admits(fact, known):
            continue
        subject = known.entity(fact.subject)
        places = []
        if subject in coords:
            places.append((subject, fact.object if fact.object_is_entity else subject))
        if fact.object_is_entity and fact.object in coords and known.category(subject) != "Place":
            places.append((fact.object, subject))
        for place, other in places:
            category = known.category(other) if other != place else known.category(place)
            at[place].append(len(items))
            items.append(_item(fact, known, category, _dates(fact, other, known)))
    undated = scope.start is None and scope.end is None
    keep = [
        p
        for p in coords
        if p in at or (undated and (scope.entities is None or p in scope.entities))
    ]
    keep.sort(key=lambda p: (-len(at.get(p, ())), known.label(p)))
    return {
        "places": [
            {
                "label": known.label(p),
                "category": known.category(p) or "other",
                "lat": coords[p][0],
                "lon": coords[p][1],
                "items": sorted(at.get(p, []), key=lambda i: _order(items[i])),
            }
            for p in keep
        ],
        "items": items,
    }


def places(store: Store, scope: Scope | None = None) -> pd.DataFrame:
    """The places of the map as a table: label, category, latitude, longitude, facts (count),
    earliest and latest date told there."""
    known = names(store)
    data = map_data(facts(store, known), known, coordinates(store), scope or Scope())
    records = []
    for place in data["places"]:
        told = [data["items"][i] for i in place["items"]]
        lows = [t["earliest"] for t in told if t["earliest"]]
        highs = [t["latest"] for t in told if t["latest"]]
        records.append(
            {
                "label": place["label"],
                "category": place["category"],
                "latitude": place["lat"],
                "longitude": place["lon"],
                "facts": len(told),
                "earliest": pd.Timestamp(min(lows)) if lows else pd.NaT,
                "latest": pd.Timestamp(max(highs)) if highs else pd.NaT,
            }
        )
    columns = ["label", "category", "latitude", "longitude", "facts", "earliest", "latest"]
    return pd.DataFrame(records, columns=columns)


def render_map(data: Mapping[str, Any], *, title: str, tiles: str | None = None) -> str:
    """A self-contained offline page drawing `data` (from `map_data`); `tiles` is a tile URL
    template (``https://…/{z}/{x}/{y}.png``) for an online base layer, drawn only if given."""
    if tiles is not None and not _TILES.match(tiles):
        raise ValueError(
            f"tile URL {tiles!r}: expected http(s)://host/…{{z}}…{{x}}…{{y}}… "
            "(e.g. https://tile.example.org/{z}/{x}/{y}.png)"
        )
    counts = category_counts(p["category"] for p in data["places"])
    payload = {
        **data,
        "styles": style_table(),
        "countries": vendored.countries(),
        "tiles": tiles,
        "credits": vendored.credits(),
    }
    styles = [*map(vendored.style, ("leaflet.css", "MarkerCluster.css")), _CSS + EVIDENCE_CSS]
    scripts = [vendored.script("leaflet.js"), vendored.script("leaflet.markercluster.js")]
    head = "\n".join(
        [f"<style>{style}</style>" for style in styles]
        + [f"<script>{script}</script>" for script in scripts]
    )
    note = (
        f"{len(data['places'])} places, {len(data['items'])} facts told at them. "
        "Click a place for what happened there and the evidence; scroll to zoom."
        if data["places"]
        else "No places in this scope."
    )
    legend = ", ".join(f"{category} ({count})" for category, count in counts.items())
    body = (
        f'<header><h1>{html.escape(title)}</h1><p class="note" id="note">{html.escape(note)}'
        f' <span class="quiet">Places: {html.escape(legend)}</span></p>'
        '<form id="filters" onsubmit="return false"></form></header>\n'
        '<div id="map"></div>\n<script type="application/json" id="map-data">'
        f"{script_json(payload)}</script>\n<script>{_SCRIPT}</script>"
    )
    return page(title, body, head)


def map_page(store: Store, scope: Scope | None = None, *, tiles: str | None = None) -> str:
    """The map page of `scope` (default: everything) in `store`."""
    scope = scope or Scope()
    known = names(store)
    data = map_data(facts(store, known), known, coordinates(store), scope)
    return render_map(data, title=f"Map: {scope.title}", tiles=tiles)


def write_map(store: Store, path: str | Path, scope: Scope | None = None, **options: Any) -> Path:
    """Write `map_page(store, scope, **options)` to `path`."""
    target = Path(path)
    target.write_text(map_page(store, scope, **options), encoding="utf-8")
    return target


_CSS = """
html, body { margin: 0; height: 100%; font-family: sans-serif; }
body { display: flex; flex-direction: column; }
header { padding: 0.3em 1em; border-bottom: 1px solid #ddd; }
header h1 { font-size: 1.15em; margin: 0.2em 0; }
.note { color: #555; font-size: 0.9em; margin: 0.2em 0; }
.quiet { color: #777; margin-left: 1em; }
#filters { font-size: 0.9em; display: flex; flex-wrap: wrap; gap: 0.3em 1.2em; align-items: center;
  margin: 0.2em 0; }
#filters label { white-space: nowrap; cursor: pointer; }
#filters input[type=number] { width: 4.5em; }
#map { flex: 1; min-height: 300px; background: #dfe9f0; }
.place { position: relative; }
.place svg { position: absolute; left: 0; top: 0; overflow: visible; }
.place .label { position: absolute; white-space: nowrap; font: 12px/1.2 sans-serif; color: #222;
  text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff; pointer-events: none; }
.place .label.hidden { visibility: hidden; }
.place.country .label { font: italic 11px/1.2 sans-serif; color: #8a8275; letter-spacing: 0.04em;
  text-shadow: none; }
.place .cluster { position: absolute; left: 0; top: 0; box-sizing: border-box;
  background: rgba(60, 70, 80, 0.82); color: #fff; border: 2px solid #fff; border-radius: 50%;
  text-align: center; font: bold 12px sans-serif; box-shadow: 0 0 3px rgba(0,0,0,0.4); }
.leaflet-popup-content { max-height: 320px; overflow-y: auto; font-size: 13px; margin: 10px 12px; }
.popup h3 { font-size: 1.05em; margin: 0 0 0.3em; }
.popup .fact { margin: 0.4em 0; padding-top: 0.3em; border-top: 1px solid #eee; }
.popup .when { color: #555; }
"""

_SCRIPT = page_script(
    "map-data",
    r"""
  function symbol(category, size) {
    var ns = "http://www.w3.org/2000/svg", svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", size); svg.setAttribute("height", size);
    svg.setAttribute("viewBox", "0 0 16 16");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", styleOf(category).path);
    path.setAttribute("fill", styleOf(category).color);
    path.setAttribute("stroke", "#222"); path.setAttribute("stroke-width", "0.9");
    svg.appendChild(path);
    return svg;
  }

  var map = L.map("map", {zoomSnap: 0.25, minZoom: 2, maxZoom: 16, preferCanvas: false});
  L.control.scale({imperial: false}).addTo(map);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(data.credits.replace(/[<>&]/g, ""));
  if (data.tiles) {
    L.tileLayer(data.tiles, {maxZoom: 19, attribution: "tiles: " +
      data.tiles.split("/")[2].replace(/[<>&"]/g, "")}).addTo(map);
  } else {
    L.geoJSON(data.countries, {interactive: false, style: {color: "#a9a39a", weight: 0.8,
      fillColor: "#f6f3ec", fillOpacity: 1}}).addTo(map);
    nameCountries();
  }

  // Country names, at the mean of the outline of each country's largest polygon; they give
  // way to the places' labels.
  function nameCountries() {
    map.createPane("countryNames").style.zIndex = 550;
    data.countries.features.forEach(function (feature, index) {
      var best = null, area = -1;
      feature.geometry.coordinates.forEach(function (polygon) {
        var ring = polygon[0], lons = ring.map(function (p) { return p[0]; });
        var lats = ring.map(function (p) { return p[1]; });
        var size = (Math.max.apply(null, lons) - Math.min.apply(null, lons)) *
                   (Math.max.apply(null, lats) - Math.min.apply(null, lats));
        if (size > area) {
          area = size;
          best = [lats.reduce(function (a, b) { return a + b; }) / ring.length,
                  lons.reduce(function (a, b) { return a + b; }) / ring.length];
        }
      });
      var node = el("div", "place country");
      node.appendChild(el("span", "symbol"));
      node.appendChild(el("span", "label", feature.properties.name));
      node.dataset.priority = 1e6 + index; node.dataset.size = 0; node.dataset.centred = "1";
      L.marker(best, {
        pane: "countryNames", interactive: false, keyboard: false,
        icon: L.divIcon({html: node, className: "", iconSize: [0, 0]})
      }).addTo(map);
    });
  }

  // Categories present among the facts and places, and the years they span.
  var present = {}, years = [];
  data.places.forEach(function (p) { present[p.category] = true; });
  data.items.forEach(function (item) {
    present[item.category || "other"] = true;
    if (item.earliest) years.push(+item.earliest.slice(0, 4));
    if (item.latest) years.push(+item.latest.slice(0, 4));
  });
  var first = years.length ? Math.min.apply(null, years) : 1900;
  var last = years.length ? Math.max.apply(null, years) : 2025;

  var form = document.getElementById("filters");
  var checks = categoryChecks(form, function (category) { return present[category]; });
  function yearInput(name, value) {
    var input = el("input"); input.type = "number"; input.name = name;
    input.min = first; input.max = last; input.value = value; return input;
  }
  var from = yearInput("from", first), to = yearInput("to", last);
  var range = el("label", null, "Years "); range.appendChild(from);
  range.appendChild(document.createTextNode(" – ")); range.appendChild(to);
  form.appendChild(range);
  var undatedLabel = el("label"), undated = el("input");
  undated.type = "checkbox"; undated.checked = true; undated.name = "undated";
  undatedLabel.appendChild(undated);
  undatedLabel.appendChild(document.createTextNode(" undated facts"));
  form.appendChild(undatedLabel);
  var shown = el("span", "quiet"); shown.id = "shown"; form.appendChild(shown);

  function passes(item) {
    var check = checks[item.category || "other"];
    if (!check || !check.checked) return false;
    if (!item.earliest) return undated.checked;
    return +item.latest.slice(0, 4) >= +from.value && +item.earliest.slice(0, 4) <= +to.value;
  }
  function visibleItems(place) {
    var items = place.items.map(function (i) { return data.items[i]; }).filter(passes);
    return items;
  }
  // A place shows if its own category is ticked and something told there passes the filters
  // (a place where nothing is told counts as undated).
  function placeShown(place, items) {
    var own = checks[place.category];
    if (!own || !own.checked) return false;
    return items.length > 0 || (place.items.length === 0 && undated.checked);
  }

  function popup(place, items) {
    var box = el("div", "popup"), head = el("h3");
    head.appendChild(glyph(place.category));
    head.appendChild(document.createTextNode(place.label));
    box.appendChild(head);
    box.appendChild(el("div", "when", place.category + " · " + place.lat.toFixed(4) + ", " +
                       place.lon.toFixed(4)));
    if (!items.length) box.appendChild(el("div", "fact", "Nothing told here in this selection."));
    items.forEach(function (item) {
      var fact = el("div", "fact"), line = el("div");
      line.appendChild(glyph(item.category || "other"));
      line.appendChild(document.createTextNode(item.text));
      if (item.when) line.appendChild(el("span", "when", " (" + item.when + ")"));
      fact.appendChild(line);
      evidence(fact, item);
      box.appendChild(fact);
    });
    return box;
  }

  // An icon is a symbol with a label beside it; a cluster is a disc with the count, labelled
  // with its most told place ("Brussels +25").
  function labelled(symbolNode, text, size, priority) {
    var box = el("div", "place");
    symbolNode.classList.add("symbol");
    box.appendChild(symbolNode);
    var label = el("span", "label", text);
    label.style.left = (size + 2) + "px";
    box.appendChild(label);
    box.dataset.priority = priority;
    box.dataset.size = size;
    return box;
  }
  var clusters = L.markerClusterGroup({
    maxClusterRadius: function (zoom) { return zoom < 9 ? 30 : 20; },
    showCoverageOnHover: false, spiderfyOnMaxZoom: true,
    iconCreateFunction: function (cluster) {
      var children = cluster.getAllChildMarkers(), n = children.length;
      var top = children.reduce(function (a, b) { return a.priority <= b.priority ? a : b; });
      var size = n < 10 ? 26 : n < 50 ? 32 : 38;
      var disc = el("div", "cluster", String(n));
      disc.style.width = disc.style.height = size + "px";
      disc.style.lineHeight = (size - 4) + "px";
      var box = labelled(disc, top.options.title + " +" + (n - 1), size, top.priority);
      return L.divIcon({html: box, className: "", iconSize: [size, size]});
    }
  });
  map.addLayer(clusters);
  var markers = [];

  function icon(place, priority) {
    var size = place.category === "Memorial" ? 18 : 14;
    return L.divIcon({html: labelled(symbol(place.category, size), place.label, size, priority),
                      className: "", iconSize: [size, size], iconAnchor: [size / 2, size / 2],
                      popupAnchor: [0, -size / 2]});
  }

  function redraw() {
    clusters.clearLayers();
    markers = [];
    var count = 0;
    data.places.forEach(function (place, index) {
      var items = visibleItems(place);
      if (!placeShown(place, items)) return;
      count++;
      var marker = L.marker([place.lat, place.lon], {icon: icon(place, index),
                                                     title: place.label, riseOnHover: true});
      marker.priority = index;
      marker.bindPopup(function () { return popup(place, visibleItems(place)); },
                       {maxWidth: 420, minWidth: 260});
      markers.push(marker);
    });
    clusters.addLayers(markers);
    shown.textContent = count + " of " + data.places.length + " places shown";
    declutter();
  }

  // Labels: the most told place keeps its label; a label that would overlap a label already
  // placed or a symbol tries the other sides, then hides until zooming makes room.
  function boxOf(node) { return node.getBoundingClientRect(); }
  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }
  function declutter() {
    var frame = document.getElementById("map").getBoundingClientRect();
    var taken = [].map.call(document.querySelectorAll("#map .place:not(.country) .symbol"), boxOf);
    var icons = [].slice.call(document.querySelectorAll("#map .leaflet-marker-icon .place"));
    icons.sort(function (a, b) { return a.dataset.priority - b.dataset.priority; });
    icons.forEach(function (icon) {
      var label = icon.querySelector(".label"), size = +icon.dataset.size;
      label.classList.remove("hidden");
      var width = label.offsetWidth, height = label.offsetHeight;
      var spots = icon.dataset.centred ? [[-width / 2, -height / 2]] :
        [[size + 2, (size - height) / 2], [-width - 3, (size - height) / 2],
         [(size - width) / 2, -height - 1], [(size - width) / 2, size + 1]];
      var placed = false;
      for (var i = 0; i < spots.length && !placed; i++) {
        label.style.left = spots[i][0] + "px"; label.style.top = spots[i][1] + "px";
        var box = boxOf(label);
        var inside = box.left >= frame.left && box.right <= frame.right &&
                     box.top >= frame.top && box.bottom <= frame.bottom;
        if (inside && !taken.some(function (t) { return overlaps(t, box); })) {
          taken.push(box); placed = true;
        }
      }
      if (!placed) label.classList.add("hidden");
    });
  }

  // Declutter again whenever markers come or go or the view changes (once per frame).
  var pending = false;
  function soon() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; declutter(); });
  }
  form.addEventListener("change", redraw);
  map.on("zoomend moveend", soon);
  clusters.on("animationend spiderfied unspiderfied", soon);
  new MutationObserver(soon).observe(map.getPane("markerPane"), {childList: true});
  map.getPane("markerPane").addEventListener("transitionend", soon);  // clusters' animations

  // The first view frames where most places are (within 2.5 degrees of the median place); the
  // note says how many lie outside it.
  function median(values) {
    var sorted = values.slice().sort(function (a, b) { return a - b; });
    return sorted[Math.floor(sorted.length / 2)];
  }
  var all = data.places.map(function (p) { return [p.lat, p.lon]; });
  if (all.length) {
    var mid = [median(all.map(function (p) { return p[0]; })),
               median(all.map(function (p) { return p[1]; }))];
    var core = all.filter(function (p) {
      return Math.abs(p[0] - mid[0]) <= 2.5 && Math.abs(p[1] - mid[1]) <= 2.5;
    });
    var framed = core.length >= 0.6 * all.length ? core : all;
    map.fitBounds(framed, {padding: [30, 30], maxZoom: 11});
    var outside = all.filter(function (p) { return !map.getBounds().contains(p); }).length;
    if (outside) {
      document.getElementById("note").appendChild(el("span", "quiet",
        outside + " more places outside this view: zoom out to see them."));
    }
  } else {
    map.setView([50.6, 4.5], 7);
  }
  redraw();
  window.remembranceMap = {map: map, clusters: clusters, markers: function () { return markers; },
                           declutter: declutter};
  document.body.dataset.settled = "true";
""",
)
