"""The named queries on a store built from the corpus and seeds; the notebook API; the CLI."""

import datetime
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from paths import SEEDS
from rdflib import Dataset, URIRef

from remembrance import api
from remembrance.graph.catalogue import load_catalogue, parse
from remembrance.graph.store import EmbeddedStore, Store
from remembrance.ontology.categories import CATEGORIES

CATALOGUE = load_catalogue()
ENT = "https://w3id.org/remembrance/entity/"


@pytest.fixture(scope="module")
def store(corpus_store: Path) -> Iterator[Store]:
    with EmbeddedStore(corpus_store) as opened:
        yield opened


def test_the_catalogue_is_complete() -> None:
    assert len(CATALOGUE) >= 15
    for query in CATALOGUE.values():
        assert query.title and query.description and query.level
        assert {"fr", "nl"} & set(query.titles) and {"fr", "nl"} & set(query.descriptions)


@pytest.mark.parametrize("name", list(CATALOGUE))
def test_every_named_query_answers(store: Store, name: str) -> None:
    assert len(api.run(store, name)) >= 1


def test_entities_by_category(store: Store) -> None:
    counts = api.run(store, "entities-by-category").set_index("category")
    assert set(counts.index) == set(CATEGORIES)
    assert (counts["entities"] > 0).all() and counts["entities"].dtype == "Int64"
    assert len(api.run(store, "entities-by-category", category="Memorial")) == 1


def test_network_members(store: Store) -> None:
    rows = api.run(store, "network-members", network="ent:comet-line")
    members = rows[rows.role == "member"]
    nothomb = members[members.person == f"{ENT}jean-francois-nothomb"]
    assert "authority record" in set(nothomb.source) and nothomb.sentence.notna().any()
    founders = api.run(store, "network-members", network="clarence-network")
    assert f"{ENT}walthere-dewe" in set(founders[founders.role == "founder"].person)


def test_executions(store: Store) -> None:
    rows = api.run(store, "executions")
    assert (f"{ENT}frederic-de-jongh", f"{ENT}mont-valerien") in set(
        zip(rows.person, rows.site, strict=True)
    )
    schaerbeek = api.run(store, "executions", site="ent:tir-national")
    assert "Enclos des Fusillés (Schaerbeek)" in set(schaerbeek.memorialLabel)


def test_memorials_dedicated_between(store: Store) -> None:
    rows = api.run(
        store, "memorials-dedicated-between", **{"from": "1947-01-01", "to": "1947-12-31"}
    )
    assert "Enclos des Fusillés (Liège)" in set(rows.label)
    assert (rows.earliest >= pd.Timestamp("1947-01-01")).all()
    later = api.run(
        store, "memorials-dedicated-between", **{"from": "1950-07-01", "to": "1950-07-31"}
    )
    # The record's date and the text's ("the monument was dedicated on July 16, 1950"), each
    # with its source.
    assert set(later.label) == {"Mardasson Memorial"}
    assert "authority record" in set(later.source) and len(set(later.source)) == 2


def test_figures_and_disagreements_about_the_comet_line(store: Store) -> None:
    figures = api.run(store, "figures-by-source", entity="ent:comet-line")
    helped = figures[figures.property.str.endswith("helpedCount")]
    assert helped.title.nunique() >= 2 and helped.value.dtype == "Int64"
    disagreements = api.run(store, "disagreements", entity="ent:comet-line")
    assert set(helped.value) <= set(disagreements.value) and disagreements.value.nunique() >= 2


@pytest.mark.skipif(not SEEDS.exists(), reason="'about 700' is the seed article's figure")
def test_the_comet_line_700_and_776(store: Store) -> None:
    values = set(api.run(store, "disagreements", entity="ent:comet-line").value)
    assert {700, 776} <= values


def test_statement_provenance(store: Store) -> None:
    rows = api.run(store, "statement-provenance", entity="ent:comet-line")
    assert len(rows) >= 2
    assert (rows.start < rows.end).all() and rows.confidence.between(0, 1).all()
    assert rows.extractor.str.contains("/extractor/").all()


def test_mentions_and_labels(store: Store) -> None:
    mentions = api.run(store, "mentions", entity="ent:comet-line")
    assert {"en", "fr"} <= set(mentions.language)
    assert all(t in s for t, s in zip(mentions.text, mentions.sentence, strict=True))
    labels = api.run(store, "labels", entity="ent:comet-line")
    assert {("fr", "réseau Comète"), ("nl", "Kometenlijn")} <= set(
        zip(labels.language, labels.label, strict=True)
    )
    assert (labels[labels.kind == "as written"].uses > 0).all()


def test_code_names_coordinates_and_located_in(store: Store) -> None:
    codes = api.run(store, "code-names", person="ent:andree-de-jongh")
    assert "Dédée" in set(codes.codeName)
    places = api.run(store, "coordinates").set_index("entity")
    liege = places.loc[[f"{ENT}enclos-des-fusilles-liege"]]
    assert (
        "Citadel of Liège" in set(liege.locatedInLabel) and (liege.latitude.between(50, 51)).all()
    )
    links = api.run(store, "relations", property="rem:locatedIn")
    pairs = set(zip(links.subject, links.object, links.source, strict=True))
    assert (
        f"{ENT}enclos-des-fusilles-liege",
        f"{ENT}citadel-of-liege",
        "authority record",
    ) in pairs


def test_the_surrender_was_ordered_by_leopold_iii(store: Store) -> None:
    ordered = api.run(store, "relations", property="rem:orderedBy")
    assert f"{ENT}leopold-iii" in set(ordered.object)
    assert (
        ordered[ordered.object == f"{ENT}leopold-iii"]
        .sentence.str.contains("Leopold|Léopold")
        .any()
    )


def test_documents_local_entities_and_wikidata(store: Store) -> None:
    documents = api.run(store, "documents-by-language")
    assert {"en", "fr", "nl"} <= set(documents.language)
    local = api.run(store, "local-entities")
    assert (local.mentions >= 1).all() and local.mentions.is_monotonic_decreasing
    missing = api.run(store, "without-wikidata", category="Group")
    assert f"{ENT}comet-line" in set(missing.entity) and set(missing.category) == {"Group"}


def test_co_mentions_and_timeline(store: Store) -> None:
    together = api.run(store, "co-mentions", entity="ent:comet-line")
    assert f"{ENT}andree-de-jongh" in set(together.other)
    timeline = api.run(store, "timeline")
    assert timeline.earliest.dtype.kind == "M" and timeline.earliest.is_monotonic_increasing


def test_typed_columns(store: Store) -> None:
    frame = api.query(
        store,
        "SELECT ?doc ?n ?c ?d ?ok ?t WHERE { ?m rem:inDocument ?doc ; rem:start ?n ; "
        "rem:confidence ?c ; rem:text ?t . BIND(xsd:date('1940-05-10') AS ?d) BIND(?n > 0 AS ?ok) "
        "} LIMIT 5",
    )
    assert frame.n.dtype == "Int64" and frame.c.dtype == "float64" and frame.ok.dtype == "boolean"
    assert frame.d.dtype.kind == "M" and frame.doc.map(type).eq(str).all()


def test_parameters_are_bound_as_terms_never_as_text(store: Store) -> None:
    hostile = '"} ; DROP ALL ; {'
    echoed = api.query(store, "SELECT ?x WHERE { BIND(?v AS ?x) }", v=hostile)
    assert list(echoed.x) == [hostile]
    assert api.run(store, "entities-by-category", category=hostile).empty
    assert api.query(
        store, "SELECT ?x WHERE { BIND(?when AS ?x) }", when=datetime.date(1944, 9, 3)
    ).x[0] == pd.Timestamp("1944-09-03")
    with pytest.raises(ValueError, match="not a valid iri"):
        api.run(store, "mentions", entity=hostile)
    with pytest.raises(ValueError, match="no parameter"):
        api.run(store, "mentions", nope="x")
    assert len(store.graph_names()) > 3


def test_header_errors_name_the_file() -> None:
    with pytest.raises(ValueError, match="broken.rq: level"):
        parse("broken", "# title: t\n# description: d\n# level: expert\nSELECT * WHERE {}")


def run_cli(*args: str, store: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "remembrance", *args, "--store", str(store)],
        capture_output=True,
        text=True,
    )


def test_cli_named_query_json_and_csv_carry_the_graph_version(corpus_store: Path) -> None:
    result = run_cli(
        "query",
        "--name",
        "mentions",
        "--param",
        "entity=ent:comet-line",
        "--format",
        "json",
        "--limit",
        "2",
        store=corpus_store,
    )
    data = json.loads(result.stdout)
    assert len(data["results"]["bindings"]) == 2
    assert data["head"]["link"][0].startswith("urn:remembrance:graph-version:")
    csv = run_cli("query", "--name", "timeline", "--format", "csv", "--stamp", store=corpus_store)
    assert csv.stdout.startswith("# graph version: ")
    assert (
        list(pd.read_csv(__import__("io").StringIO(csv.stdout), comment="#").columns)[0]
        == "earliest"
    )
    listing = run_cli("query", "--list", store=corpus_store)
    assert "beginner" in listing.stdout and "Qui appartenait" in listing.stdout


def test_cli_export_and_diff(corpus_store: Path, tmp_path: Path) -> None:
    trig = run_cli("export", "--format", "trig", store=corpus_store)
    dataset = Dataset().parse(data=trig.stdout, format="trig")
    with EmbeddedStore(corpus_store) as store:
        assert {str(g.identifier) for g in dataset.graphs()} >= store.graph_names()
    out = tmp_path / "authority.jsonld"
    run_cli(
        "export",
        "--format",
        "jsonld",
        "--graph",
        "https://w3id.org/remembrance/graph/authority",
        "--out",
        str(out),
        store=corpus_store,
    )
    assert '"ent": "https://w3id.org/remembrance/entity/"' in out.read_text()
    copy = tmp_path / "copy"
    shutil.copytree(corpus_store, copy, symlinks=True)
    with EmbeddedStore(copy, read_only=False) as changed:
        changed.drop_graph(URIRef("https://w3id.org/remembrance/graph/build"))
    result = subprocess.run(
        [sys.executable, "-m", "remembrance", "diff", str(corpus_store), str(copy), "--verbose"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "graph/build  +0 -" in result.stdout and "1 named graph(s) differ" in result.stdout
    assert "  - <https://w3id.org/remembrance/graph/build>" in result.stdout


NETWORK_QUERIES = ["network-relations", "network-comentions", "network-of-a-group"]
NETWORK_COLUMNS = {"source", "target", "sourceLabel", "targetLabel", "sourceCategory"}


@pytest.mark.parametrize("name", NETWORK_QUERIES)
def test_network_queries_describe_their_nodes_and_edges(store: Store, name: str) -> None:
    rows = api.run(store, name)
    assert NETWORK_COLUMNS | {"targetCategory", "title", "sentence"} <= set(rows.columns)
    assert {"predicate", "weight"} & set(rows.columns)
    assert rows.source.str.startswith(ENT).all() and rows.target.str.startswith(ENT).all()
    assert rows.sourceLabel.notna().all() and rows.targetCategory.notna().all()
    assert rows.sentence.notna().any() and rows.title.notna().all()


def test_network_relations(store: Store) -> None:
    rows = api.run(store, "network-relations")
    edges = set(zip(rows.source, rows.predicate, rows.target, rows.title, strict=True))
    assert (f"{ENT}comet-line", "foundedBy", f"{ENT}andree-de-jongh", "authority record") in edges
    ordered = rows[(rows.predicate == "orderedBy") & (rows.target == f"{ENT}leopold-iii")]
    assert ordered.sentence.str.contains("Leopold|Léopold").any() and ordered.title.nunique() >= 3
    members = api.run(store, "network-relations", property="rem:memberOf")
    assert set(members.predicate) == {"memberOf"} and set(members.targetCategory) == {"Group"}


def test_network_comentions(store: Store) -> None:
    rows = api.run(store, "network-comentions")
    pair = rows[(rows.source == f"{ENT}andree-de-jongh") & (rows.target == f"{ENT}comet-line")]
    assert len(pair) >= 2 and pair.weight.nunique() == 1 and pair.weight.iloc[0] >= len(pair)
    assert (pair.documents <= pair.weight).all() and (rows.source < rows.target).all()
    strong = api.run(store, "network-comentions", minimum=3)
    assert (strong.weight >= 3).all() and 0 < len(strong) < len(rows)


def test_network_of_a_group(store: Store) -> None:
    rows = api.run(store, "network-of-a-group")
    edges = set(zip(rows.source, rows.predicate, rows.target, strict=True))
    assert (f"{ENT}jean-francois-nothomb", "memberOf", f"{ENT}comet-line") in edges
    assert (f"{ENT}frederic-de-jongh", "executedAt", f"{ENT}mont-valerien") in edges
    assert (f"{ENT}villa-voisin-plaque", "commemorates", f"{ENT}comet-line") in edges
    ends = set(rows.sourceCategory) | set(rows.targetCategory)
    assert ends <= set(CATEGORIES)
    clarence = api.run(store, "network-of-a-group", group="ent:clarence-network")
    assert f"{ENT}walthere-dewe" in set(clarence.target) and f"{ENT}comet-line" not in set(
        clarence.target
    )


def test_biography_is_a_dated_timeline_of_events(store: Store) -> None:
    rows = api.run(store, "biography", person="ent:andree-de-jongh")
    assert set(rows.person) == {f"{ENT}andree-de-jongh"}
    born = rows[rows.what == "birth"]
    assert "1916-11-30" in set(born.date) and "Schaerbeek" in set(born.placeLabel)
    assert {"birth", "arrest", "death"} <= set(rows.what)
    dated = rows.dropna(subset=["earliest"])
    assert list(dated.earliest) == sorted(dated.earliest)  # a timeline
    assert dated.source.notna().all() and dated.sentence.notna().all()


def test_repression_where_and_when_filtered(store: Store) -> None:
    rows = api.run(store, "repression")
    assert {"arrest", "execution", "deportation"} <= set(rows.what)
    executed = rows[rows.what == "execution"]
    assert (f"{ENT}frederic-de-jongh", "1944-03-28") in set(
        zip(executed.person, executed.date, strict=True)
    )
    site = api.run(store, "repression", site="ent:tir-national")
    assert len(site) and set(site.place) == {f"{ENT}tir-national"}
    window = api.run(store, "repression", **{"from": "1943-01-01", "to": "1943-12-31"})
    assert len(window) and (window.earliest >= pd.Timestamp("1943-01-01")).all()
    assert (window.latest <= pd.Timestamp("1943-12-31")).all()
    members = api.run(store, "repression", group="ent:comet-line")
    assert f"{ENT}andree-de-jongh" in set(members.person)
    assert len(members) < len(rows)


def test_memorials_with_what_and_whom_they_commemorate(store: Store) -> None:
    rows = api.run(store, "memorials-and-whom")
    assert {"Event", "Person"} <= set(rows.category) or {"Event", "Group"} <= set(rows.category)
    mardasson = rows[rows.memorial == f"{ENT}mardasson-memorial"]
    assert f"{ENT}battle-of-the-bulge" in set(mardasson.commemorated)
    assert "Bastogne" in " ".join(mardasson.places)
    events = api.run(store, "memorials-and-whom", kind="Event")
    assert set(events.category) == {"Event"} and len(events) < len(rows)
