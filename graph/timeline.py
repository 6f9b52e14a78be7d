"""Dated facts on an interactive, offline timeline drawn by vis-timeline (vendored).

One item per fact (subject, property, object) with every source that states it; the facts of one
reported event (statements linked to one rem:Occurrence: "executed at the Tir national" and
"executed on 1 April 1916") are one item; an entity that has both a start and an end becomes one
bar (a period). Lanes hold a category each, or an entity
each. Exact days are points; dates known to the month or year are bars with soft ends over the
span they may fall in; approximate (``~``) dates are widened and softer still, uncertain (``?``)
and unspecified (``194X``) ones dashed; a fact that another source contradicts is outlined in
red and says so. Labels are the entities' labels and the ontology's property labels, never an
IRI; the data reaches the page as JSON and is put into it as text.
"""

from __future__ import annotations

import bisect
import html
import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from remembrance.graph import vendored
from remembrance.graph.facts import Fact, Names, facts, names
from remembrance.graph.page_script import EVIDENCE_CSS, page_script
from remembrance.graph.render import (
    CATEGORY_STYLES,
    category_counts,
    page,
    script_json,
    style_table,
)
from remembrance.graph.scope import Scope
from remembrance.graph.store import Store
from remembrance.graph.when import describe, qualifiers, span
from remembrance.ontology.namespace import REM

Lanes = Literal["category", "entity"]
PERIOD = (str(REM.startedOn), str(REM.endedOn))
#: Property labels ending like this lose the ending on the timeline ("born on" → "born").
_DATE_WORDS = re.compile(r" (on|in|from)$")
#: The first view shows at most this many years (where the most facts are); zoom out for more.
WINDOW_YEARS = 7
COLUMNS = [
    "start", "end", "label", "when", "category", "lane", "kind", "sources", "sentences",
    "conflicts",
]  # fmt: skip


def _text(fact: Fact, known: Names) -> str:
    subject = known.label(fact.subject)
    if fact.object_is_entity:
        return f"{subject} {known.property(fact.predicate)} {known.label(fact.object)}"
    if fact.predicate == str(REM.occurredOn) and known.category(fact.subject) == "Event":
        return subject
    return f"{subject} {_DATE_WORDS.sub('', known.property(fact.predicate))}"


def _evidence(group: Iterable[Fact]) -> tuple[list[list[str | None]], list[str]]:
    sources = sorted({(s.title, s.sentence) for f in group for s in f.sources},
                     key=lambda s: (s[0] == "authority record", s[0], s[1] or ""))  # fmt: skip
    conflicts = sorted({note for f in group for note in f.conflicts})
    return [list(s) for s in sources], conflicts


def _kind(value: str | None, low: date, high: date) -> tuple[str, set[str]]:
    """The item's type ("point" or "range") and its qualifiers."""
    found = qualifiers(value) if value else set()
    if low == high and "approximate" not in found:
        found.discard("imprecise")
        return "point", found
    return "range", found


def _event_text(group: list[Fact], known: Names) -> str:
    """One event's facts as one phrase: "Gabrielle Petit executed at Tir national"."""
    linked = [f for f in group if f.object_is_entity]
    if not linked:
        return _text(group[0], known)
    phrases = sorted(f"{known.property(f.predicate)} {known.label(f.object)}" for f in linked)
    return f"{known.label(group[0].subject)} {', '.join(phrases)}"


def _events(dated: list[Fact]) -> list[list[Fact]]:
    """The facts grouped by the reported events they share (transitively); a fact of no event
    is a group of its own."""
    group_of: dict[str, int] = {}
    groups: list[list[Fact]] = []
    for fact in dated:
        joined = sorted({group_of[e] for e in fact.events if e in group_of})
        if not joined:
            groups.append([fact])
            target = len(groups) - 1
        else:
            target = joined[0]
            groups[target].append(fact)
            for other in joined[1:]:  # the fact bridges two events' groups: one item
                groups[target] += groups[other]
                groups[other] = []
                group_of.update({e: target for f in groups[target] for e in f.events})
        group_of.update({e: target for e in fact.events})
    return [g for g in groups if g]


def _item(
    group: list[Fact], known: Names, text: str, when: str, period: bool = False
) -> dict[str, Any]:
    low = min(f.earliest for f in group if f.earliest is not None)
    high = max(f.latest for f in group if f.latest is not None)
    values = {f.value for f in group if f.value}
    value = values.pop() if len(values) == 1 else None
    kind, found = _kind(value, low, high)
    if period:
        kind, found = "range", {"period"} | set().union(
            *(qualifiers(f.value) - {"imprecise"} for f in group if f.value)
        )  # fmt: skip
    sources, conflicts = _evidence(group)
    entity = known.entity(group[0].subject)
    return {
        "text": text,
        "when": when,
        "start": low.isoformat(),
        "end": high.isoformat(),
        "kind": kind,
        "qualifiers": sorted(found | ({"conflict"} if conflicts else set())),
        "category": known.category(entity) or "other",
        "entity": known.label(entity),
        "sources": sources,
        "conflicts": conflicts,
    }


def timeline_items(found: Iterable[Fact], known: Names, scope: Scope) -> list[dict[str, Any]]:
    """The timeline's items, in date order: dated facts in scope, periods joined."""
    dated = [f for f in found if f.earliest is not None and f.latest is not None]
    dated = [f for f in dated if scope.admits(f, known)]
    ends: dict[str, dict[str, list[Fact]]] = defaultdict(lambda: defaultdict(list))
    for fact in dated:
        if fact.predicate in PERIOD and not fact.object_is_entity:
            ends[fact.subject][fact.predicate].append(fact)
    periods = {s: e for s, e in ends.items() if len(e) == 2}
    items = []
    for subject, by_end in periods.items():
        starts, stops = by_end[PERIOD[0]], by_end[PERIOD[1]]
        when = (
            " or ".join(describe(f.value or "") for f in starts) + " – "
            + " or ".join(describe(f.value or "") for f in stops)
        )  # fmt: skip
        items.append(_item(starts + stops, known, known.label(subject), when, period=True))
    rest = [f for f in dated if not (f.subject in periods and f.predicate in PERIOD)]
    for group in _events(rest):
        values = {f.value for f in group if f.value}
        low = min(f.earliest for f in group if f.earliest is not None)
        high = max(f.latest for f in group if f.latest is not None)
        when = describe(values.pop()) if len(values) == 1 else span(low, high)
        items.append(_item(group, known, _event_text(group, known), when))
    items.sort(key=lambda i: (i["start"], i["text"]))
    return items


def timeline_data(items: list[dict[str, Any]], lanes: Lanes = "category") -> dict[str, Any]:
    """Items with their lanes (``lane`` index into ``lanes``: label and category)."""
    if lanes not in ("category", "entity"):
        raise ValueError(f"lanes are per 'category' or per 'entity', not {lanes!r}")
    order = [*CATEGORY_STYLES, "other"]
    if lanes == "category":
        keys = sorted({i["category"] for i in items}, key=order.index)
        lane_list = [{"label": k, "category": k} for k in keys]
        index = {k: n for n, k in enumerate(keys)}
        placed = [{**i, "lane": index[i["category"]]} for i in items]
    else:
        first: dict[tuple[str, str], str] = {}
        for item in items:
            first.setdefault((item["category"], item["entity"]), item["start"])
        keys2 = sorted(first, key=lambda k: (order.index(k[0]), first[k], k[1]))
        lane_list = [{"label": e, "category": c} for c, e in keys2]
        index2 = {k: n for n, k in enumerate(keys2)}
        placed = [{**i, "lane": index2[i["category"], i["entity"]]} for i in items]
    return {"lanes": lane_list, "items": placed}


def timeline_frame(store: Store, scope: Scope | None = None) -> pd.DataFrame:
    """The timeline as a table, one row per item (columns: COLUMNS), in date order."""
    known = names(store)
    items = timeline_items(facts(store, known), known, scope or Scope())
    records = [
        {
            "start": pd.Timestamp(i["start"]),
            "end": pd.Timestamp(i["end"]),
            "label": i["text"],
            "when": i["when"],
            "category": i["category"],
            "lane": i["entity"],
            "kind": ", ".join([i["kind"], *i["qualifiers"]]),
            "sources": "; ".join(str(s[0]) for s in i["sources"]),
            "sentences": " | ".join(str(s[1]) for s in i["sources"] if s[1]),
            "conflicts": "; ".join(i["conflicts"]),
        }
        for i in items
    ]
    return pd.DataFrame(records, columns=COLUMNS)


def _window(items: list[dict[str, Any]], scope: Scope) -> tuple[str, str] | None:
    """The first view: the scope's dates; else all the items if they span at most
    WINDOW_YEARS, else the WINDOW_YEARS that hold the most items; padded, more on the right."""
    if scope.start and scope.end:
        return scope.start.isoformat(), scope.end.isoformat()
    starts = sorted(date.fromisoformat(i["start"]) for i in items)
    if not starts:
        return None
    span = timedelta(days=round(365.25 * WINDOW_YEARS))
    low, high = starts[0], starts[-1]
    if high - low > span:
        counts = [bisect.bisect_right(starts, s + span) - n for n, s in enumerate(starts)]
        first = counts.index(max(counts))
        low, high = starts[first], starts[first + counts[first] - 1]
    pad = max(timedelta(days=120), (high - low) / 10)
    return (low - pad).isoformat(), (high + 3 * pad).isoformat()  # labels run to the right


def _category_css() -> str:
    rules = []
    for category, table in style_table().items():
        color = table["color"]
        rules.append(
            f".vis-item.cat-{category} {{ border-color: {color}; background-color: {color}33; }}"
            f".vis-item.vis-point.cat-{category} .vis-dot, .vis-item.vis-dot.cat-{category} "
            f"{{ border-color: {color}; background: {color}; }}"
            f".vis-item.vis-range.cat-{category}.imprecise {{ background: linear-gradient(to right,"
            f" {color}00, {color}66 25%, {color}66 75%, {color}00); }}"
        )
    return "\n".join(rules)


def render_timeline(data: dict[str, Any], *, title: str, window: tuple[str, str] | None) -> str:
    """A self-contained offline page drawing `data` (from `timeline_data`)."""
    counts = category_counts(i["category"] for i in data["items"])
    payload = {**data, "styles": style_table(), "window": window}
    note = (
        f"{len(data['items'])} dated facts in {len(data['lanes'])} lanes "
        f"({', '.join(f'{c} {n}' for c, n in counts.items())}). Drag to move, scroll to zoom, "
        "hover or click an item for its sources."
        if data["items"]
        else "No dated facts in this scope."
    )
    head = (
        f"<style>{vendored.style('vis-timeline-graph2d.min.css')}</style>\n"
        f"<style>{_CSS}{EVIDENCE_CSS}\n{_category_css()}</style>\n"
        f"<script>{vendored.script('vis-timeline-graph2d.min.js')}</script>"
    )
    body = (
        f'<header><h1>{html.escape(title)}</h1><p class="note" id="note">{html.escape(note)}</p>'
        f'{_KEY}<form id="filters" onsubmit="return false"></form></header>\n'
        '<div id="timeline"></div><div id="details" aria-live="polite"></div><div id="tip"></div>'
        '\n<script type="application/json" id="timeline-data">'
        f"{script_json(payload)}</script>\n<script>{_SCRIPT}</script>"
    )
    return page(title, body, head)


def timeline_page(store: Store, scope: Scope | None = None, *, lanes: Lanes = "category") -> str:
    """The timeline page of `scope` (default: everything) in `store`."""
    scope = scope or Scope()
    known = names(store)
    items = timeline_items(facts(store, known), known, scope)
    data = timeline_data(items, lanes)
    return render_timeline(data, title=f"Timeline: {scope.title}", window=_window(items, scope))


def write_timeline(
    store: Store, path: str | Path, scope: Scope | None = None, **options: Any
) -> Path:
    """Write `timeline_page(store, scope, **options)` to `path`."""
    target = Path(path)
    target.write_text(timeline_page(store, scope, **options), encoding="utf-8")
    return target


_KEY = (
    '<p class="key">How dates are drawn: '
    '<span class="sample exact">●</span> a known day '
    '<span class="sample imprecise"></span> a month or a year (it falls somewhere in the span) '
    '<span class="sample approximate"></span> approximate (~) '
    '<span class="sample uncertain"></span> uncertain (?) or partly unknown (194X) '
    '<span class="sample period"></span> a period (start – end) '
    '<span class="sample conflict"></span> contradicted by another source</p>'
)

_CSS = """
html, body { margin: 0; height: 100%; font-family: sans-serif; }
body { display: flex; flex-direction: column; }
header { padding: 0.3em 1em; border-bottom: 1px solid #ddd; }
header h1 { font-size: 1.15em; margin: 0.2em 0; }
.note, .key { color: #555; font-size: 0.85em; margin: 0.2em 0; }
.key .sample { display: inline-block; width: 2.2em; height: 0.8em; margin: 0 0.3em 0 0.8em;
  vertical-align: middle; border: 1px solid #777; border-radius: 2px; }
.key .sample.exact { width: auto; border: none; color: #555; }
.key .sample.imprecise { background: linear-gradient(to right, #7770, #777a 25%, #777a 75%, #7770);
  border-color: transparent; }
.key .sample.approximate { background: linear-gradient(to right, #7770, #7776 40%, #7776 60%,
  #7770); border-color: transparent; }
.key .sample.uncertain { border-style: dashed; background: #eee; }
.key .sample.period { background: #bbb; }
.key .sample.conflict { border: 2px solid #c00; }
#timeline { flex: 1; min-height: 200px; overflow: auto; }
#details { max-height: 30%; overflow-y: auto; border-top: 1px solid #ddd; padding: 0.3em 1em;
  font-size: 0.9em; }
#details:empty { display: none; }
#tip { position: fixed; display: none; z-index: 10; max-width: 36em; background: #fff;
  border: 1px solid #999; border-radius: 4px; padding: 0.4em 0.6em; font-size: 12px;
  box-shadow: 0 2px 6px rgba(0,0,0,0.2); pointer-events: none; white-space: normal; }
#filters { font-size: 0.85em; display: flex; flex-wrap: wrap; gap: 0.3em 1.2em;
  align-items: center; margin: 0.2em 0; }
#filters label { white-space: nowrap; cursor: pointer; }
#filters .glyph { margin: 0 0.2em; }
.quiet { color: #777; }
.fact-head { font-weight: bold; }
.fact-when { color: #555; }
.lane { white-space: nowrap; }
.lane .glyph { margin-right: 0.35em; }
.vis-item { font-size: 12px; color: #222; }
.vis-item.vis-range { border-width: 1px; border-radius: 3px; }
.vis-item.vis-range.imprecise { border-color: transparent; }
.vis-item.vis-range.approximate { border-color: transparent; opacity: 0.85; }
.vis-item.vis-range.uncertain, .vis-item.vis-range.unspecified { border-style: dashed; }
.vis-item.vis-point.uncertain .vis-dot, .vis-item.vis-point.approximate .vis-dot {
  background: #fff !important; border-style: dashed; }
.vis-item.vis-range.period { border-width: 2px; }
.vis-item.conflict { outline: 2px solid #c00; outline-offset: 1px; }
.vis-item.vis-selected { outline: 2px solid #333; }
.vis-item .vis-item-content { padding: 1px 4px; }
.vis-item.vis-range .vis-item-overflow { overflow: visible; }
"""

_SCRIPT = page_script(
    "timeline-data",
    r"""
  function nextDay(iso) {
    var d = new Date(iso + "T00:00:00"); d.setDate(d.getDate() + 1); return d;
  }
  function widen(item) {
    // An approximate date may lie outside its strict bounds: draw it half its span wider.
    var start = new Date(item.start + "T00:00:00"), end = nextDay(item.end);
    if (item.qualifiers.indexOf("approximate") >= 0) {
      var half = Math.max((end - start) / 2, 3 * 86400000);
      start = new Date(start.getTime() - half); end = new Date(end.getTime() + half);
    }
    return [start, end];
  }
  var items = data.items.map(function (item, i) {
    var span = widen(item);
    var out = {id: i, group: item.lane, content: item.text, start: span[0],
               className: ["cat-" + (styles[item.category] ? item.category : "other")]
                 .concat(item.qualifiers).join(" ")};
    if (item.kind === "range") { out.end = span[1]; out.type = "range"; }
    else { out.type = "point"; }
    return out;
  });
  var groups = data.lanes.map(function (lane, i) {
    return {id: i, content: lane.label, category: lane.category, order: i};
  });
  function facts(item) {
    var box = el("div"), head = el("div", "fact-head", (item.conflicts.length ? "⚠ " : "") +
                                    item.text);
    box.appendChild(head);
    box.appendChild(el("div", "fact-when", item.when + " · " + item.category +
      (item.qualifiers.length ? " · " + item.qualifiers.join(", ") : "")));
    evidence(box, item);
    return box;
  }
  var options = {
    stack: true, showCurrentTime: false, zoomMin: 86400000 * 7, zoomMax: 86400000 * 365 * 250,
    orientation: {axis: "both", item: "top"}, margin: {item: {horizontal: 6, vertical: 3}},
    groupOrder: "order", verticalScroll: true, maxHeight: "100%",
    template: function (item) {
      var source = data.items[item.id];
      return el("span", null, (source.conflicts.length ? "⚠ " : "") + source.text);
    },
    groupTemplate: function (group) {
      var box = el("span", "lane");
      box.appendChild(glyph(group.category));
      box.appendChild(document.createTextNode(group.content));
      return box;
    }
  };
  if (data.window) { options.start = data.window[0]; options.end = data.window[1]; }
  // Filters: categories and a text to find (in the facts, their sources and sentences).
  var form = document.getElementById("filters");
  var checks = categoryChecks(form, function (category) {
    return data.items.some(function (item) { return item.category === category; });
  });
  var find = el("input"); find.type = "search"; find.name = "find"; find.placeholder = "Find…";
  form.appendChild(find);
  var shown = el("span", "quiet"); shown.id = "shown"; form.appendChild(shown);
  var haystacks = data.items.map(function (item) {
    return [item.text, item.when].concat(item.sources.map(function (s) {
      return s[0] + " " + (s[1] || "");
    })).join(" ").toLowerCase();
  });
  function passes(id) {
    var item = data.items[id], check = checks[item.category];
    var needle = find.value.trim().toLowerCase();
    return (!check || check.checked) && (!needle || haystacks[id].indexOf(needle) >= 0);
  }
  var itemView = new vis.DataView(new vis.DataSet(items), {
    filter: function (item) { return passes(item.id); }
  });
  var groupSet = new vis.DataSet(groups);
  function count() {
    shown.textContent = itemView.length + " of " + data.items.length + " facts shown";
  }
  // Lanes with something to show appear before their items, empty ones hide after theirs left.
  function refilter() {
    var full = {};
    data.items.forEach(function (item, id) { if (passes(id)) full[item.lane] = true; });
    groupSet.update(groups.filter(function (g) { return full[g.id]; })
      .map(function (g) { return {id: g.id, visible: true}; }));
    itemView.refresh();
    groupSet.update(groups.filter(function (g) { return !full[g.id]; })
      .map(function (g) { return {id: g.id, visible: false}; }));
    count();
  }
  form.addEventListener("change", refilter);
  find.addEventListener("input", refilter);
  count();
  var timeline = new vis.Timeline(document.getElementById("timeline"), itemView, groupSet,
                                  options);
  var tip = document.getElementById("tip"), details = document.getElementById("details");
  timeline.on("itemover", function (props) {
    tip.textContent = "";
    tip.appendChild(facts(data.items[props.item]));
    tip.style.display = "block";
    var x = props.event.clientX, y = props.event.clientY;
    tip.style.left = Math.min(x + 12, window.innerWidth - tip.offsetWidth - 8) + "px";
    tip.style.top = (y + 16 + tip.offsetHeight > window.innerHeight ?
                     y - tip.offsetHeight - 8 : y + 16) + "px";
  });
  timeline.on("itemout", function () { tip.style.display = "none"; });
  timeline.on("select", function (props) {
    details.textContent = "";
    props.items.forEach(function (id) { details.appendChild(facts(data.items[id])); });
  });
  // Settled once vis-timeline shows its first complete drawing (it stays hidden until then).
  function settle() {
    var root = document.querySelector("#timeline .vis-timeline");
    if (root && getComputedStyle(root).visibility !== "hidden") {
      document.body.dataset.settled = "true";
    } else {
      setTimeout(settle, 50);
    }
  }
  timeline.once("changed", settle);
  window.remembranceTimeline = timeline;
""",
)
