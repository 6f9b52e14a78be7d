"""One contract, two backends: the embedded Oxigraph store and a real `oxigraph serve`."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from clitools import run_cli
from paths import SEED_003, SEEDS
from rdflib import XSD, Graph, Literal, URIRef, Variable
from rdflib.term import Node

from remembrance.graph.remote import RemoteStore
from remembrance.graph.store import EmbeddedStore, Store, StoreError
from remembrance.ontology.namespace import REM

G1, G2 = URIRef("https://example.org/graph/1"), URIRef("https://example.org/graph/2")
ENT = "https://w3id.org/remembrance/entity/"
COMET = URIRef(f"{ENT}comet-line")


def graph(*triples: tuple[Node, Node, Node]) -> Graph:
    result = Graph()
    for triple in triples:
        result.add(triple)
    return result


def label(text: str, lang: str | None = None) -> Graph:
    return graph(
        (COMET, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal(text, lang=lang))
    )


@pytest.fixture(params=["embedded", "remote"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """(kind, location) of an empty writable store."""
    if request.param == "embedded":
        EmbeddedStore(tmp_path / "store", read_only=False).close()
        yield "embedded", str(tmp_path / "store")
    else:
        yield "remote", request.getfixturevalue("oxigraph_server").url


def open_backend(backend: tuple[str, str], *, read_only: bool = False) -> Store:
    kind, location = backend
    if kind == "embedded":
        return EmbeddedStore(Path(location), read_only=read_only)
    return RemoteStore(location, read_only=read_only)


@pytest.fixture
def store(backend: tuple[str, str]) -> Iterator[Store]:
    with open_backend(backend) as opened:
        yield opened


def labels(store: Store) -> set[str]:
    return {str(row[0]) for row in store.query("SELECT ?l WHERE { ent:comet-line rdfs:label ?l }")}


def test_put_graph_replaces(store: Store) -> None:
    store.put_graph(G1, label("Comet"))
    store.put_graph(G1, label("Comet Line"))
    assert labels(store) == {"Comet Line"}


def test_drop_graph_removes_and_tolerates_missing(store: Store) -> None:
    store.put_graph(G1, label("Comet"))
    store.put_graph(G2, label("Comète", "fr"))
    store.drop_graph(G1)
    store.drop_graph(URIRef("https://example.org/graph/none"))
    assert labels(store) == {"Comète"}
    assert store.graph_names() == {str(G2)}


def test_graph_names(store: Store) -> None:
    assert store.graph_names() == set()
    store.put_graph(G1, label("a"))
    store.put_graph(G2, label("b"))
    assert store.graph_names() == {str(G1), str(G2)}


def test_select_ask_construct_over_the_union(store: Store) -> None:
    store.put_graph(G1, label("Comet Line", "en"))
    store.put_graph(G2, label("réseau Comète", "fr"))
    rows = store.query("SELECT ?l WHERE { ?s rdfs:label ?l } ORDER BY ?l")
    assert rows.type == "SELECT"
    assert [str(r[0]) for r in rows] == ["Comet Line", "réseau Comète"]
    assert store.query("ASK { ent:comet-line rdfs:label 'réseau Comète'@fr }").askAnswer is True
    assert store.query("ASK { ent:comet-line rdfs:label 'Kometenlijn'@nl }").askAnswer is False
    built = store.query("CONSTRUCT { ?s skos:prefLabel ?l } WHERE { ?s rdfs:label ?l }")
    assert built.type == "CONSTRUCT" and built.graph is not None and len(built.graph) == 2
    named = store.query("SELECT ?g WHERE { GRAPH ?g { ?s rdfs:label 'Comet Line'@en } }")
    assert [str(r[0]) for r in named] == [str(G1)]


def test_project_prefixes_are_known(store: Store) -> None:
    store.put_graph(G1, graph((COMET, REM.category, Literal("Group"))))
    query = "SELECT ?c WHERE { ent:comet-line rem:category ?c FILTER(?c != 'x'^^xsd:string) }"
    assert [str(r[0]) for r in store.query(query)] == ["Group"]


def test_declared_prefixes_win_and_results_read_like_rdflib(store: Store) -> None:
    store.put_graph(G1, label("Comet Line", "en"))
    store.put_graph(G2, label("réseau Comète", "fr"))
    other = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nPREFIX x: <urn:x:>\n"
    rows = store.query(other + "SELECT ?s ?l ?missing WHERE { ?s rdfs:label ?l } ORDER BY ?l")
    assert len(rows) == 2 and len(list(rows)) == 2  # len() and iteration agree, twice
    assert [row.l.toPython() for row in rows] == ["Comet Line", "réseau Comète"]
    assert rows.bindings[0] == {
        Variable("s"): COMET,
        Variable("l"): Literal("Comet Line", lang="en"),
    }
    rows.bindings = rows.bindings[:1]  # as `remembrance query --limit` does
    assert [str(row.l) for row in rows] == ["Comet Line"] and len(rows) == 1
    redeclared = "PREFIX ent: <urn:elsewhere:>\nASK { ent:comet-line ?p ?o }"
    assert store.query(redeclared).askAnswer is False  # the query's own prefix wins


def test_update(store: Store) -> None:
    store.update(f"INSERT DATA {{ GRAPH <{G1}> {{ <{COMET}> rdfs:label 'Comète'@fr }} }}")
    assert labels(store) == {"Comète"}


@pytest.mark.parametrize(
    "bad", ["SELECT ?x WHERE { ?x", "SELEKT * WHERE {}", "ASK { ?s nope:x ?o }"]
)
def test_bad_sparql_is_a_value_error(store: Store, bad: str) -> None:
    with pytest.raises(ValueError):
        store.query(bad)


def test_read_only_refuses_writes(backend: tuple[str, str]) -> None:
    with open_backend(backend, read_only=True) as reader:
        for write in (
            lambda: reader.put_graph(G1, label("x")),
            lambda: reader.drop_graph(G1),
            lambda: reader.update("INSERT DATA { ent:a rdfs:label 'x' }"),
        ):
            with pytest.raises(StoreError, match="read-only"):
                write()
        assert reader.graph_names() == set()


def test_writing_changes_appear_when_the_block_ends(store: Store) -> None:
    with store.writing() as target:
        target.put_graph(G1, label("Comet Line"))
        target.drop_graph(G2)
        assert labels(store) == set()
    assert labels(store) == {"Comet Line"}


def test_an_error_inside_writing_leaves_the_store_unchanged(store: Store) -> None:
    store.put_graph(G1, label("before"))
    with pytest.raises(RuntimeError), store.writing() as target:
        target.put_graph(G1, label("after"))
        target.put_graph(G2, label("more"))
        raise RuntimeError("interrupted build")
    assert labels(store) == {"before"}
    assert store.graph_names() == {str(G1)}


def test_unicode_literals_round_trip(store: Store) -> None:
    texts = [
        "Enclos des Fusillés",
        "Léopold III « roi »",
        "Wolfenbüttel",
        "Žižkov — 🕯",
        'a "quote"\nline',
    ]
    store.put_graph(
        G1, graph(*[(URIRef(f"{ENT}e{i}"), REM.name, Literal(t)) for i, t in enumerate(texts)])
    )
    assert {str(r[0]) for r in store.query("SELECT ?t WHERE { ?e rem:name ?t }")} == set(texts)
    found = store.query("SELECT ?e WHERE { ?e rem:name 'Wolfenbüttel' }")
    assert [str(r[0]) for r in found] == [f"{ENT}e2"]


def test_typed_literals_round_trip(store: Store) -> None:
    values = [
        Literal("1940-05-28", datatype=XSD.date),
        Literal("1944-09/1944-10", datatype=REM.edtf),
        Literal(776),
        Literal("0.95", datatype=XSD.decimal),
        Literal(True),
    ]
    store.put_graph(
        G1, graph(*[(COMET, URIRef(f"https://example.org/p{i}"), v) for i, v in enumerate(values)])
    )
    rows = store.query("SELECT ?p ?v WHERE { ent:comet-line ?p ?v }")
    assert {row[1] for row in rows} == set(values)  # type: ignore[index]
    dated = store.query(
        "SELECT ?v WHERE { ent:comet-line ?p ?v "
        "FILTER(DATATYPE(?v) = xsd:date && ?v < '1941-01-01'^^xsd:date) }"
    )
    assert [r[0].toPython().isoformat() for r in dated] == ["1940-05-28"]  # type: ignore[index,union-attr]
    edtf = store.query("SELECT ?v WHERE { ent:comet-line ?p ?v FILTER(DATATYPE(?v) = rem:edtf) }")
    assert [r[0].datatype for r in edtf] == [REM.edtf]  # type: ignore[index,union-attr]


@pytest.mark.slow
@pytest.mark.server
@pytest.mark.skipif(not SEEDS.exists(), reason="../shared/seeds is not beside the repo")
def test_build_into_a_remote_store(oxigraph_server) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("build", str(SEED_003), "--endpoint", oxigraph_server.url)
    assert result.returncode == 0, result.stderr
    remote = RemoteStore(oxigraph_server.url)
    documents = remote.query("SELECT ?d WHERE { ?d a rem:Document ; rem:sourcePath ?p }")
    assert len(documents) == 1
    names = remote.graph_names()
    assert {n.rsplit("/", 1)[1] for n in names if "/graph/" in n} == {
        "ontology",
        "authority",
        "build",
    }
    assert remote.query("ASK { ?m rem:refersTo ent:comet-line }").askAnswer is True
    again = run_cli("build", str(SEED_003), "--endpoint", oxigraph_server.url)
    assert again.returncode == 0 and "1 unchanged" in again.stderr, again.stderr
