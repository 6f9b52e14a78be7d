"""Facts, scopes, maps and timelines from the corpus store, and their pages (without a browser)."""

import json
import re
import subprocess
from datetime import date
from pathlib import Path

import pytest

from remembrance.graph import vendored
from remembrance.graph.facts import AUTHORITY, Fact, Names, Source, facts, flag_conflicts, names
from remembrance.graph.maps import map_data, map_page, places, render_map
from remembrance.graph.scope import Scope, make_scope
from remembrance.graph.store import Store
from remembrance.graph.timeline import COLUMNS as TIMELINE_COLUMNS
from remembrance.graph.timeline import (
    render_timeline,
    timeline_data,
    timeline_frame,
    timeline_items,
)
from remembrance.graph.when import describe, qualifiers, span

XSS = ["<script>alert(1)</script>", '"onmouseover="alert(1)', "<img src=x onerror=alert(1)>"]
IRI = re.compile(r"https?://|_:|\bn[0-9a-f]{12,}\b|\b[0-9a-f]{16,}\b")


def hostile_names() -> Names:
    nodes = {
        "e:a": {"label": XSS[0], "category": "Person"},
        "e:b": {"label": XSS[1], "category": "Place"},
        "e:c": {"label": XSS[2], "category": "Memorial"},
    }
    return Names(nodes, {"p:at": "executed <b>at</b>", "p:on": "died on"}, {})


def hostile_facts() -> list[Fact]:
    source = Source(XSS[2], "“</script><script>alert(3)</script>”")
    return [
        Fact("e:a", "p:at", "e:b", True, None, date(1944, 2, 17), date(1944, 2, 17), (source,)),
        Fact("e:a", "p:on", "1944-02-17", False, "1944-02-17", date(1944, 2, 17),
             date(1944, 2, 17), (source, Source(AUTHORITY))),
    ]  # fmt: skip


def payload(page: str, element: str) -> dict:
    found = re.search(rf'<script type="application/json" id="{element}">(.*?)</script>', page)
    assert found
    return json.loads(found.group(1))


def test_edtf_in_words() -> None:
    assert describe("1940-05-10") == "10 May 1940"
    assert describe("1943~") == "c. 1943"
    assert describe("1940-05?") == "May 1940?"
    assert describe("194X") == "the 1940s"
    assert describe("XXXX-05-05") == "5 May, year unknown"
    assert describe("1944-09/1944-10") == "September 1944 – October 1944"
    assert span(date(1944, 1, 1), date(1944, 12, 31)) == "1944"
    assert span(date(1944, 2, 1), date(1944, 2, 29)) == "February 1944"
    assert span(date(1943, 9, 1), date(1943, 11, 30)) == "1 September 1943 – 30 November 1943"
    assert qualifiers("1940-05-10") == set()
    assert {"approximate", "imprecise"} <= qualifiers("1943~")
    assert "uncertain" in qualifiers("1940-05?") and "interval" in qualifiers("1914/1918")


def test_one_fact_per_claim_with_all_sources(corpus_reader: Store) -> None:
    known = names(corpus_reader)
    found = facts(corpus_reader, known)
    keys = [(f.subject, f.predicate, f.object) for f in found]
    assert len(keys) == len(set(keys))
    born = [f for f in found if f.subject.endswith("/andree-de-jongh") and
            f.predicate.endswith("#bornOn") and f.value == "1916-11-30"]  # fmt: skip
    assert len(born) == 1 and len(born[0].sources) >= 2
    assert any(s.title == AUTHORITY for s in born[0].sources)
    assert any(s.sentence for s in born[0].sources)


def test_conflicting_dates_and_counts_are_flagged() -> None:
    known = hostile_names()
    one, two = (Source("T1"),), (Source("T2"),)
    found = flag_conflicts([
        Fact("e:a", "p:on", "1916", False, "1916", date(1916, 1, 1), date(1916, 12, 31), one),
        Fact("e:a", "p:on", "2007", False, "2007", date(2007, 1, 1), date(2007, 12, 31), two),
        Fact("e:a", "p:on", "1916-11", False, "1916-11", date(1916, 11, 1), date(1916, 11, 30),
             two),
        Fact("e:a", "p:n", "700", False, None, None, None, one),
        Fact("e:a", "p:n", "776", False, None, None, None, two),
        Fact("e:a", "p:at", "e:b", True, None, None, None, one),
        Fact("e:a", "p:at", "e:c", True, None, None, None, two),
    ], known)  # fmt: skip
    conflicts = [f.conflicts for f in found]
    assert conflicts[0] == ("died on 2007 according to T2",)  # 1916-11 lies within 1916
    assert len(conflicts[1]) == 2 and conflicts[3] and conflicts[4]
    assert conflicts[5] == conflicts[6] == ()  # links to two places do not conflict


def test_code_names_read_as_names_of_their_holder(corpus_reader: Store) -> None:
    known = names(corpus_reader)
    assert known.code_names
    code, (name, holder) = next(iter(known.code_names.items()))
    assert known.label(code) == f"“{name}” (code name of {known.label(holder)})"
    assert not IRI.search(known.label(code))


def test_places_tell_what_happened_there_with_evidence(corpus_reader: Store) -> None:
    known = names(corpus_reader)
    from remembrance.graph.facts import coordinates

    data = map_data(facts(corpus_reader, known), known, coordinates(corpus_reader), Scope())
    by_label = {p["label"]: p for p in data["places"]}
    tir = [data["items"][i] for i in by_label["Tir national"]["items"]]
    executed = [t for t in tir if t["text"] == "Youra Livchitz executed at Tir national"]
    assert executed and any(sentence for _, sentence in executed[0]["sources"])
    for place in data["places"]:
        assert -90 <= place["lat"] <= 90 and -180 <= place["lon"] <= 180
        dates = [data["items"][i]["earliest"] for i in place["items"]]
        known_dates = [d for d in dates if d]
        assert dates[: len(known_dates)] == sorted(known_dates)  # in date order, undated last
        assert not IRI.search(place["label"])
    for item in data["items"]:
        assert not IRI.search(item["text"]) and not IRI.search(item["when"]), item


def test_scope_by_entity_query_and_dates(corpus_reader: Store) -> None:
    everything = places(corpus_reader)
    comet = make_scope(corpus_reader, entity="comet-line", hops=1)
    assert comet.entities and "Comet Line" in comet.title
    near = places(corpus_reader, comet)
    assert 0 < len(near) < len(everything)
    assert set(near["label"]) >= {"Schaerbeek"}
    window = places(corpus_reader, Scope(None, date(1944, 1, 1), date(1944, 12, 31)))
    assert 0 < len(window) < len(everything)
    assert (window["earliest"] <= "1944-12-31").all() and (window["latest"] >= "1944-01-01").all()
    executions = make_scope(corpus_reader, query="executions")
    assert executions.entities and len(places(corpus_reader, executions)) > 0
    with pytest.raises(ValueError, match="no query named"):
        make_scope(corpus_reader, query="no-such-query")
    with pytest.raises(ValueError, match="not both"):
        make_scope(corpus_reader, entity="comet-line", query="executions")


def test_map_page_is_offline_and_inert() -> None:
    known = hostile_names()
    coords = {"e:b": (50.8, 4.4), "e:c": (50.0, 5.7)}
    page = render_map(map_data(hostile_facts(), known, coords, Scope()), title=XSS[0])
    assert "<script>alert" not in page and "<img" not in page and "<b>at" not in page
    assert "<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>" in page
    assert not re.search(r"<(script|link|img|iframe)[^>]*\s(src|href)\s*=", page, re.I)
    styles = "".join(re.findall(r"<style>(.*?)</style>", page, re.S))
    assert "@import" not in styles and not re.search(r"url\(", styles)
    data = payload(page, "map-data")
    assert data["places"][0]["label"] in XSS and data["tiles"] is None
    assert data["items"][0]["sources"][0] == [XSS[2], "“</script><script>alert(3)</script>”"]
    assert len(data["countries"]["features"]) > 150  # the base map is inlined


def test_map_tiles_only_when_asked(corpus_reader: Store) -> None:
    page = map_page(corpus_reader, tiles="https://tiles.example/{z}/{x}/{y}.png")
    assert payload(page, "map-data")["tiles"] == "https://tiles.example/{z}/{x}/{y}.png"
    assert payload(map_page(corpus_reader), "map-data")["tiles"] is None
    for bad in ("tiles.example/{z}/{x}/{y}.png", "https://tiles.example/{z}.png",
                'https://x/{z}/{x}/{y}"><script>'):  # fmt: skip
        with pytest.raises(ValueError, match="tile URL"):
            map_page(corpus_reader, tiles=bad)


def test_vendored_files_match_the_manifest() -> None:
    import hashlib
    from importlib import resources

    manifest = vendored.manifest()
    assert {p["package"] for p in manifest["packages"]} >= {"leaflet", "vis-timeline"}
    folder = resources.files("remembrance.graph").joinpath("assets")
    for package in manifest["packages"]:
        assert package["licence"] and any(name.startswith("LICENSE") for name in package["files"])
        for name, digest in package["files"].items():
            assert hashlib.sha256(folder.joinpath(name).read_bytes()).hexdigest() == digest
    for data in manifest["data"]:
        file = folder.joinpath(data["file"]).read_bytes()
        assert hashlib.sha256(file).hexdigest() == data["sha256"]


def test_timeline_one_item_per_fact_periods_joined(corpus_reader: Store) -> None:
    known = names(corpus_reader)
    found = facts(corpus_reader, known)
    items = timeline_items(found, known, Scope())
    texts = [i["text"] for i in items]
    assert "Youra Livchitz executed at Tir national" in texts
    for item in items:
        assert not IRI.search(item["text"]) and not IRI.search(item["entity"]), item
        assert item["start"] <= item["end"] and item["sources"]
    periods = [i for i in items if "period" in i["qualifiers"]]
    assert periods and all(i["kind"] == "range" for i in periods)
    started = {f.subject for f in found if f.predicate.endswith("#startedOn")}
    ended = {f.subject for f in found if f.predicate.endswith("#endedOn")}
    assert len(periods) == len(started & ended)  # one bar each, no separate start and end
    assert any("conflict" in i["qualifiers"] and i["conflicts"] for i in items)
    # her birth's date and place are one event: one item with the sources of both
    born = [i for i in items if i["text"].startswith("Andrée de Jongh born")]
    assert [(i["text"], i["start"], i["kind"]) for i in born] == [
        ("Andrée de Jongh born in Schaerbeek", "1916-11-30", "point")
    ]
    assert len(born[0]["sources"]) >= 2


def test_timeline_lanes_and_frame(corpus_reader: Store) -> None:
    known = names(corpus_reader)
    comet = make_scope(corpus_reader, entity="comet-line")
    items = timeline_items(facts(corpus_reader, known), known, comet)
    by_entity = timeline_data(items, "entity")
    assert {lane["label"] for lane in by_entity["lanes"]} >= {"Comet Line"}
    by_category = timeline_data(items, "category")
    assert [lane["label"] for lane in by_category["lanes"]] == sorted(
        {lane["category"] for lane in by_entity["lanes"]},
        key=["Person", "Group", "Place", "Memorial", "Event", "other"].index,
    )
    with pytest.raises(ValueError, match="lanes"):
        timeline_data(items, "decade")  # type: ignore[arg-type]
    frame = timeline_frame(corpus_reader, Scope(None, date(1940, 5, 1), date(1940, 5, 31)))
    assert list(frame.columns) == TIMELINE_COLUMNS and not frame.empty
    assert (frame["end"] >= "1940-05-01").all() and (frame["start"] <= "1940-05-31").all()


def test_the_facts_of_one_reported_event_are_one_item() -> None:
    known = hostile_names()
    one, two = (Source("T1", "arrested"),), (Source("T2", "executed"),)
    day = date(1944, 2, 17)
    found = [
        Fact("e:a", "p:at", "e:b", True, None, day, day, one, events=frozenset({"ev:1"})),
        Fact("e:a", "p:on", "1944-02-17", False, "1944-02-17", day, day, one + two,
             events=frozenset({"ev:1", "ev:2"})),
        Fact("e:a", "p:at", "e:c", True, None, day, day, two, events=frozenset({"ev:2"})),
        Fact("e:c", "p:on", "1944-02-17", False, "1944-02-17", day, day, two),
    ]  # fmt: skip
    items = timeline_items(found, known, Scope())
    assert len(items) == 2  # the three facts of the two events told of one day, and the other
    (event,) = [i for i in items if i["entity"] == XSS[0]]
    assert event["text"] == f"{XSS[0]} executed <b>at</b> {XSS[1]}, executed <b>at</b> {XSS[2]}"
    assert event["kind"] == "point" and event["when"] == describe("1944-02-17")
    assert {s[0] for s in event["sources"]} == {"T1", "T2"}


def test_approximate_uncertain_and_conflicting_dates_are_marked() -> None:
    known = hostile_names()
    one = (Source("T1"),)
    found = [
        Fact("e:a", "p:on", "1943~", False, "1943~", date(1943, 1, 1), date(1943, 12, 31), one),
        Fact("e:c", "p:on", "1940-05?", False, "1940-05?", date(1940, 5, 1), date(1940, 5, 31),
             one),
        Fact("e:b", "p:on", "1944-02-17", False, "1944-02-17", date(1944, 2, 17),
             date(1944, 2, 17), one, ("died on 1950 according to T2",)),
    ]  # fmt: skip
    items = {i["entity"]: i for i in timeline_items(found, known, Scope())}
    assert items[XSS[0]]["kind"] == "range" and "approximate" in items[XSS[0]]["qualifiers"]
    assert items[XSS[0]]["when"] == "c. 1943"
    assert {"uncertain", "imprecise"} <= set(items[XSS[2]]["qualifiers"])
    assert items[XSS[1]]["kind"] == "point" and "conflict" in items[XSS[1]]["qualifiers"]


def test_timeline_page_is_offline_and_inert() -> None:
    items = timeline_items(hostile_facts(), hostile_names(), Scope())
    page = render_timeline(timeline_data(items), title=XSS[1], window=None)
    assert "<script>alert" not in page and "<img" not in page and "<b>at" not in page
    assert not re.search(r"<(script|link|img|iframe)[^>]*\s(src|href)\s*=", page, re.I)
    styles = "".join(re.findall(r"<style>(.*?)</style>", page, re.S))
    assert "@import" not in styles and not re.search(r"url\(", styles)
    data = payload(page, "timeline-data")
    assert {i["text"] for i in data["items"]} == {f"{XSS[0]} executed <b>at</b> {XSS[1]}",
                                                  f"{XSS[0]} died"}  # fmt: skip


def remembrance(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["remembrance", *args], capture_output=True, text=True, timeout=300)


def test_cli_map_and_timeline(corpus_store: Path, tmp_path: Path) -> None:
    store = ["--store", str(corpus_store)]
    done = remembrance("map", "comet-line", "--hops", "2", "--out", str(tmp_path / "m.html"),
                       *store)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Comet Line" in (tmp_path / "m.html").read_text("utf-8")
    done = remembrance("timeline", "--query", "executions", "--lanes", "entity", "--from", "1944",
                       "--out", str(tmp_path / "t.html"), *store)  # fmt: skip
    assert done.returncode == 0, done.stderr
    data = payload((tmp_path / "t.html").read_text("utf-8"), "timeline-data")
    assert data["items"] and all(i["end"] >= "1944-01-01" for i in data["items"])
    for bad, message in [
        (["map", "Comet Lin"], "comet-line"),
        (["timeline", "--query", "nope"], "known: "),
        (["timeline", "--from", "someday"], "someday"),
        (["map", "--param", "site=ent:x"], "named query"),
    ]:
        done = remembrance(*bad, *store)
        assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1, done.stderr
        assert message in done.stderr


def test_api_pages_and_tables(corpus_reader: Store, tmp_path: Path) -> None:
    from remembrance import api

    page = api.map_page(corpus_reader, entity="Comet Line", hops=2, start="1940", end="1945")
    assert "<iframe srcdoc=" in page._repr_html_()
    assert page.write(tmp_path / "map.html").read_text("utf-8") == page.html
    table = api.timeline(corpus_reader, query="executions")  # the executed and the places
    categories = set(table["category"])
    assert "Person" in categories and categories <= {"Person", "Place"}
    assert table["label"].str.contains(" executed at ").any()
    assert (
        "Comet Line" in api.timeline_page(corpus_reader, entity="comet-line", lanes="entity").html
    )
    assert len(api.places(corpus_reader, start="1944", end="1944")) > 0


def test_api_builds_a_store_for_a_notebook(tmp_path: Path) -> None:
    from paths import CORPUS

    from remembrance import api

    with api.build_store(tmp_path / "store", [CORPUS / "en" / "mardasson-memorial.txt"]) as store:
        places = api.places(store)
        assert "Mardasson Memorial" in set(places["label"])
