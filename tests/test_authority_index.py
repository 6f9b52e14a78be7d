"""The authority index at scale: the fuzzy index agrees with a scan, the compiled index is kept
on disk and recompiled when the records change, and records decoded from it are unchanged."""

import random
import shutil
import subprocess
import sys
from pathlib import Path

from rapidfuzz import fuzz, process

from remembrance.ontology.files import AUTHORITY_DIR
from remembrance.pipelines.authority import AuthorityRecord, load_index
from remembrance.pipelines.fuzzy import TrigramIndex


def test_trigram_index_finds_what_a_full_scan_finds() -> None:
    rng = random.Random(3)
    names = sorted(load_index().by_label)
    index = TrigramIndex(names)
    queries = []
    for name in rng.sample(names, 150):
        position = rng.randrange(len(name))
        queries += [
            name,
            name[:position] + name[position + 1 :],  # a letter dropped
            name[:position] + "e" + name[position + 1 :],  # a letter changed
            name[:position] + "xy" + name[position:],  # two letters inserted
        ]
    checked = 0
    for query in queries:
        for threshold in (80, 92):
            scan = process.extract(query, names, scorer=fuzz.ratio, score_cutoff=threshold)
            found = index.search(query, threshold, limit=len(names))
            assert {(k, round(s, 6)) for k, s, _ in scan} == {(k, round(s, 6)) for k, s in found}
            checked += bool(scan)
    assert checked > 300  # most queries have matches: the comparison is not vacuous
    assert len(index.candidates("comet line", 92)) < len(names) / 20  # an index, not a scan


def test_records_survive_their_compact_encoding() -> None:
    for record in load_index().records.values():
        assert AuthorityRecord.decode(record.encode()) == record


def _index_in_subprocess(ontology: Path, cache: Path, record_id: str) -> str:
    code = (
        "from remembrance.pipelines.authority import load_index\n"
        f"index = load_index()\nprint(len(index.records), {record_id!r} in index.records)"
    )
    env = {"REMEMBRANCE_ONTOLOGY_DIR": str(ontology), "REMEMBRANCE_CACHE": str(cache)}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    return result.stdout.strip()


def test_compiled_index_is_cached_and_recompiled_when_records_change(tmp_path: Path) -> None:
    ontology, cache = tmp_path / "ontology", tmp_path / "cache"
    shutil.copytree(AUTHORITY_DIR.parent, ontology, ignore=shutil.ignore_patterns("*.py"))
    count = len(load_index().records)
    assert _index_in_subprocess(ontology, cache, "pierre-testaert") == f"{count} False"
    first = list(cache.glob("authority-*.pickle"))
    assert len(first) == 1
    stamp = first[0].stat().st_mtime_ns
    assert _index_in_subprocess(ontology, cache, "pierre-testaert") == f"{count} False"
    assert first[0].stat().st_mtime_ns == stamp  # read, not written again
    (ontology / "authority" / "extra.ttl").write_text(
        "@prefix rem: <https://w3id.org/remembrance/ontology#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix dcterms: <http://purl.org/dc/terms/> .\n"
        '<entity/pierre-testaert> a rem:Person ; skos:prefLabel "Pierre Testaert"@en ;\n'
        '    dcterms:source "test" .\n',
        encoding="utf-8",
    )
    assert _index_in_subprocess(ontology, cache, "pierre-testaert") == f"{count + 1} True"
    assert len(list(cache.glob("authority-*.pickle"))) == 2


def test_a_label_s_bracketed_qualifier_is_left_out_unless_it_names_a_period() -> None:
    index = load_index()
    assert index.by_label["nationaal monument voor het verzet"] == (
        "national-monument-to-the-resistance-liege",
    )
    assert (
        "twentieth-convoy-memorial-boortmeerbeek"
        in index.by_label["gedenkteken voor het twintigste konvooi"]
    )
    # "Duitse inval in België (1914)" and "(1940)": a year tells two records apart
    assert "duitse inval in belgie" not in index.by_label
