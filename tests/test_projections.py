"""Projections: pure functions on hand-made rows and graphs, then on the corpus store."""

from datetime import date

import networkx as nx
import pytest

from remembrance.graph.projections import (
    category_filter,
    comention_graph,
    comention_graph_from_rows,
    ego_network,
    entity_graph,
    entity_graph_from_rows,
    resolve_entity,
    rows_graph,
    time_slice,
)
from remembrance.graph.store import Store
from remembrance.iris import entity_iri

REM = "https://w3id.org/remembrance/ontology#"
A, B, C, D = (f"e:{x}" for x in "abcd")
NODES = {
    A: {"label": "Comet Line", "category": "Group", "dates": {"foundedOn": "1941"}, "sources": 3},
    B: {"label": "Andrée de Jongh", "category": "Person", "dates": {}, "sources": 2},
    C: {"label": "Brussels", "category": "Place", "dates": {}, "sources": 5},
}


def chain() -> nx.MultiDiGraph:
    """a → b → c → d, with b → c dated 1941 and c → d dated 1944-09/1944-10."""
    return entity_graph_from_rows(
        NODES,
        asserted=[
            {"s": A, "p": REM + "foundedBy", "o": B, "g": "doc:1"},
            {"s": B, "p": REM + "bornIn", "o": C, "g": "doc:1"},
            {"s": C, "p": REM + "relatedTo", "o": D, "g": "doc:2"},
        ],
        statements=[
            {"s": B, "p": REM + "bornIn", "o": C, "doc": "doc:1", "sentence": "She was born.",
             "earliest": date(1941, 1, 1), "latest": date(1941, 12, 31)},
            {"s": B, "p": REM + "bornIn", "o": C, "doc": "doc:2", "sentence": "Born there."},
            {"s": C, "p": REM + "relatedTo", "o": D, "doc": "doc:2",
             "earliest": date(1944, 9, 1), "latest": date(1944, 10, 31)},
        ],
        titles={"doc:1": "First text", "doc:2": "Second text"},
    )  # fmt: skip


def test_entity_graph_edges_carry_predicate_and_evidence() -> None:
    graph = chain()
    edge = graph.edges[B, C, "bornIn"]
    assert edge["predicate"] == "bornIn"
    assert edge["weight"] == 2
    assert edge["sources"] == ["First text", "Second text"]
    assert edge["sentences"] == ["Born there.", "She was born."]
    assert (edge["earliest"], edge["latest"]) == ("1941-01-01", "1941-12-31")
    assert graph.edges[A, B, "foundedBy"]["weight"] == 1  # asserted, no statement
    assert graph.edges[A, B, "foundedBy"]["sources"] == []


def test_entity_graph_node_attributes() -> None:
    graph = chain()
    assert graph.nodes[A]["label"] == "Comet Line"
    assert graph.nodes[A]["degree"] == 1
    assert graph.nodes[B]["degree"] == 2
    assert graph.nodes[D] == {
        "label": "e:d",
        "category": "",
        "dates": {},
        "sources": 0,
        "degree": 1,
    }


def test_parallel_predicates_are_separate_edges() -> None:
    graph = entity_graph_from_rows(
        NODES,
        [{"s": A, "p": REM + "ledBy", "o": B}, {"s": A, "p": REM + "foundedBy", "o": B}],
        [],
        {},
    )
    assert sorted(k for _, _, k in graph.edges(keys=True)) == ["foundedBy", "ledBy"]


def test_comention_weights_count_sentences_and_documents() -> None:
    mentions = [
        {"e": A, "doc": "doc:1", "sentence": "s1"},
        {"e": B, "doc": "doc:1", "sentence": "s1"},
        {"e": A, "doc": "doc:1", "sentence": "s2"},
        {"e": B, "doc": "doc:1", "sentence": "s2"},
        {"e": C, "doc": "doc:1", "sentence": "s2"},
        {"e": A, "doc": "doc:2", "sentence": "s1"},
        {"e": B, "doc": "doc:2", "sentence": "s1"},
        {"e": D, "doc": "doc:2", "sentence": "alone"},
    ]
    graph = comention_graph_from_rows(NODES, mentions, {"doc:1": "One", "doc:2": "Two"})
    assert graph.edges[A, B]["weight"] == 3
    assert graph.edges[A, B]["documents"] == 2
    assert graph.edges[A, B]["sources"] == ["One", "Two"]
    assert graph.edges[B, C]["weight"] == 1
    assert graph.edges[A, B]["sentences"] == ["s1", "s2"]
    assert D in graph and graph.degree(D) == 0


def test_rows_graph_from_source_target_or_subject_object() -> None:
    graph = rows_graph(
        [
            {"source": A, "target": B, "targetLabel": "Dédée"},
            {"source": A, "target": B},
            {"source": B, "target": "e:x", "targetLabel": "X", "role": "chief"},
        ],
        NODES,
    )
    assert graph.edges[A, B]["weight"] == 2
    assert graph.nodes[B]["label"] == "Andrée de Jongh"  # the store's label wins
    assert graph.nodes["e:x"]["label"] == "X"
    assert graph.edges[B, "e:x"]["role"] == "chief"
    assert rows_graph([{"subject": A, "object": C}]).has_edge(A, C)
    with pytest.raises(ValueError, match="source and \\?target"):
        rows_graph([{"entity": A}])


def test_ego_network_follows_links_both_ways() -> None:
    graph = chain()
    assert set(ego_network(graph, B, 1)) == {A, B, C}
    assert set(ego_network(graph, A, 2)) == {A, B, C}
    assert set(ego_network(graph, D, 3)) == {A, B, C, D}
    assert ego_network(graph, A, 1).nodes[A]["degree"] == 1
    with pytest.raises(KeyError):
        ego_network(graph, "e:nowhere", 1)


def test_time_slice_keeps_dated_edges_that_meet_the_range() -> None:
    graph = chain()
    assert {k for *_, k in time_slice(graph, "1941", "1941").edges(keys=True)} == {"bornIn"}
    assert {k for *_, k in time_slice(graph, "1941-06", "1944-09-15").edges(keys=True)} == {
        "bornIn",
        "relatedTo",
    }
    late = time_slice(graph, date(1944, 10, 31), date(1950, 1, 1))
    assert set(late) == {C, D}
    assert time_slice(graph, "1939", "1940").number_of_edges() == 0  # undated edges left out


def test_category_filter() -> None:
    graph = chain()
    kept = category_filter(graph, ["person", "Place"])
    assert set(kept) == {B, C}
    assert kept.nodes[B]["degree"] == 1


# On the corpus store ---------------------------------------------------------------------------

COMET = str(entity_iri("comet-line"))


def test_entity_graph_of_the_corpus(corpus_reader: Store) -> None:
    graph = entity_graph(corpus_reader)
    assert graph.nodes[COMET]["category"] == "Group"
    assert graph.nodes[COMET]["label"] == "Comet Line"
    assert graph.nodes[COMET]["sources"] >= 1
    assert graph.degree(COMET) >= 1
    for _, _, attributes in graph.edges(data=True):
        assert attributes["predicate"] and attributes["weight"] >= 1
    with_evidence = [a for *_, a in graph.edges(data=True) if a["sources"]]
    assert with_evidence and all(a["sentences"] for a in with_evidence)


def test_comention_graph_of_the_corpus(corpus_reader: Store) -> None:
    graph = comention_graph(corpus_reader)
    assert graph.number_of_edges() > 0
    heaviest = max(graph.edges(data=True), key=lambda e: e[2]["weight"])[2]
    assert len(heaviest["sentences"]) == heaviest["weight"]
    assert 1 <= heaviest["documents"] <= len(heaviest["sources"])


@pytest.mark.parametrize(
    "text",
    [COMET, "comet-line", "Comet Line", "comet line", "réseau Comète", "KOMETENLIJN"],
)
def test_resolve_entity_by_iri_slug_or_label(corpus_reader: Store, text: str) -> None:
    assert resolve_entity(corpus_reader, text) == COMET


def test_resolve_entity_suggests_close_matches(corpus_reader: Store) -> None:
    with pytest.raises(LookupError, match="Comet Line \\(comet-line\\)"):
        resolve_entity(corpus_reader, "Comet Lin")
