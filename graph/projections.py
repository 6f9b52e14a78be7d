"""Projections of the knowledge graph onto networkx graphs.

Nodes are entity IRIs with the attributes ``label``, ``category``, ``dates`` (property → EDTF),
``earliest``/``latest`` (ISO dates, where known), ``degree`` and ``sources`` (number of documents
that mention the entity). Edges carry ``predicate``, ``weight``, ``sources`` (document titles),
``sentences`` and, where their statements are dated, ``earliest``/``latest``.

The store is read with a few bulk SPARQL queries; the functions taking rows or graphs are pure.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

import networkx as nx
from rdflib import Literal
from rdflib.query import Result

from remembrance.graph.store import Store
from remembrance.iris import entity_iri, slugify, system_graph
from remembrance.ontology.namespace import REM
from remembrance.pipelines.dates import bounds

Row = Mapping[str, Any]
REM_NS = str(REM._NS)
LABEL_LANGUAGES = ("en", "", "fr", "nl")

_NODES = """
SELECT ?e ?category ?label (LANG(?label) AS ?lang) WHERE {
  ?e rem:category ?category . OPTIONAL { ?e rdfs:label ?label }
}"""
_DATES = """
SELECT ?e ?p ?value WHERE {
  ?e rem:category ?c ; ?p ?value . FILTER(DATATYPE(?value) = rem:edtf)
}"""
_SOURCES = """
SELECT ?e (COUNT(DISTINCT ?doc) AS ?n) WHERE { ?m rem:refersTo ?e ; rem:inDocument ?doc }
GROUP BY ?e"""
_TITLES = "SELECT ?doc ?title WHERE { ?doc a rem:Document OPTIONAL { ?doc dcterms:title ?title } }"
_ASSERTED = """
SELECT DISTINCT ?s ?p ?o ?g WHERE {
  GRAPH ?g { ?s ?p ?o }
  FILTER(isIRI(?o) && STRSTARTS(STR(?p), STR(rem:)))
  ?s rem:category ?cs . ?o rem:category ?co .
}"""
_STATEMENTS = """
SELECT ?s ?p ?o ?doc ?sentence ?earliest ?latest WHERE {
  ?st a rem:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; rem:inDocument ?doc .
  FILTER(isIRI(?o))
  OPTIONAL { ?st rem:sentence ?sentence }
  OPTIONAL { ?st rem:earliest ?earliest }
  OPTIONAL { ?st rem:latest ?latest }
}"""
_MENTIONS = """
SELECT DISTINCT ?e ?doc ?sentence WHERE {
  ?m rem:refersTo ?e ; rem:inDocument ?doc ; rem:sentence ?sentence .
}"""
_LABELS = """
SELECT ?e ?label WHERE {
  ?e rem:category ?c .
  { ?e rdfs:label ?label } UNION { ?e skos:prefLabel ?label } UNION { ?e skos:altLabel ?label }
}"""


def rows(result: Result) -> list[dict[str, Any]]:
    """SPARQL result rows as dicts of Python values (IRIs as strings, literals converted)."""
    names = [str(v) for v in result.vars or []]
    out = []
    for row in result:
        values = {}
        for name, term in zip(names, row, strict=True):  # type: ignore[arg-type]
            if term is None:
                continue
            python = term.toPython() if isinstance(term, Literal) else None
            if isinstance(python, Decimal):
                python = float(python)
            values[name] = python if isinstance(python, int | float | date) else str(term)
        out.append(values)
    return out


def local_name(iri: str) -> str:
    """The local name of an ontology IRI (``rem:memberOf`` → ``memberOf``)."""
    return iri[len(REM_NS) :] if iri.startswith(REM_NS) else iri.rsplit("/", 1)[-1].rsplit("#")[-1]


def _iso(value: date | str) -> str:
    return str(value)[:10]


def _edtf_bound(value: date | str, side: int) -> str:
    """An ISO date for a date or an EDTF value (its lower bound if `side` is 0, else upper)."""
    if isinstance(value, date):
        return value.isoformat()
    bound = bounds(value)[side]
    if bound is None:
        raise ValueError(f"{value!r} has no {('lower', 'upper')[side]} bound")
    return bound.isoformat()


def node_rows(store: Store) -> dict[str, dict[str, Any]]:
    """Attributes of every entity (label, category, dates, sources), from four bulk queries."""
    nodes: dict[str, dict[str, Any]] = {}
    ranks: dict[str, int] = {}
    for row in rows(store.query(_NODES)):
        iri = row["e"]
        node = nodes.setdefault(iri, {"category": row["category"], "dates": {}, "sources": 0})
        lang = row.get("lang", "")
        rank = LABEL_LANGUAGES.index(lang) if lang in LABEL_LANGUAGES else len(LABEL_LANGUAGES)
        if "label" in row and rank < ranks.get(iri, len(LABEL_LANGUAGES) + 1):
            node["label"], ranks[iri] = row["label"], rank
    for row in rows(store.query(_DATES)):
        if row["e"] in nodes:
            nodes[row["e"]]["dates"][local_name(row["p"])] = row["value"]
    for row in rows(store.query(_SOURCES)):
        if row["e"] in nodes:
            nodes[row["e"]]["sources"] = int(row["n"])
    for iri, node in nodes.items():
        node.setdefault("label", _fallback_label(iri))
        node.update(_date_bounds(node["dates"].values()))
    return nodes


def _fallback_label(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].replace("-", " ")


def _date_bounds(values: Iterable[str]) -> dict[str, str]:
    """``earliest``/``latest`` (ISO) over EDTF values; invalid or open bounds are skipped."""
    lows, highs = [], []
    for value in values:
        try:
            low, high = bounds(value)
        except ValueError:
            continue
        lows += [low] if low else []
        highs += [high] if high else []
    out = {}
    if lows:
        out["earliest"] = min(lows).isoformat()
    if highs:
        out["latest"] = max(highs).isoformat()
    return out


def document_titles(store: Store) -> dict[str, str]:
    """Document IRI → title (the IRI where a document has no title)."""
    return {r["doc"]: r.get("title", r["doc"]) for r in rows(store.query(_TITLES))}


def with_degrees(graph: nx.Graph) -> nx.Graph:
    """Set the ``degree`` attribute of every node to its degree in `graph` (in place)."""
    nx.set_node_attributes(graph, dict(graph.degree()), "degree")
    return graph


def _node(nodes: Mapping[str, Mapping[str, Any]], iri: str) -> dict[str, Any]:
    """The attributes of `iri`, with defaults for an entity the store does not describe."""
    return {
        "label": _fallback_label(iri),
        "category": "",
        "dates": {},
        "sources": 0,
        **nodes.get(iri, {}),
    }


def _add_nodes(
    graph: nx.Graph, nodes: Mapping[str, Mapping[str, Any]], iris: Iterable[str]
) -> None:
    graph.add_nodes_from((iri, _node(nodes, iri)) for iri in iris if iri not in graph)


def entity_graph_from_rows(
    nodes: Mapping[str, Mapping[str, Any]],
    asserted: Iterable[Row],
    statements: Iterable[Row],
    titles: Mapping[str, str],
) -> nx.MultiDiGraph:
    """Typed edges: one per asserted (subject, predicate, object), with its statements' evidence.

    `asserted` rows have ``s``, ``p``, ``o``, ``g`` (the graph that asserts it); `statements`
    rows have ``s``, ``p``, ``o``, ``doc`` and optionally ``sentence``, ``earliest``, ``latest``.
    """
    graph = nx.MultiDiGraph()
    _add_nodes(graph, nodes, nodes)
    evidence: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
    for row in statements:
        evidence[row["s"], row["p"], row["o"]].append(row)
    in_authority = str(system_graph("authority"))
    authority = {(r["s"], r["p"], r["o"]) for r in asserted if r.get("g") == in_authority}
    triples = {(r["s"], r["p"], r["o"]) for r in asserted} | set(evidence)
    for s, p, o in sorted(triples):
        found = evidence.get((s, p, o), [])
        _add_nodes(graph, nodes, (s, o))
        attributes: dict[str, Any] = {
            "predicate": local_name(p),
            "weight": max(1, len(found)),
            "sources": sorted({titles.get(r["doc"], r["doc"]) for r in found}),
            "sentences": sorted({r["sentence"] for r in found if "sentence" in r}),
            "authority": (s, p, o) in authority,
        }
        lows = [_iso(r["earliest"]) for r in found if "earliest" in r]
        highs = [_iso(r["latest"]) for r in found if "latest" in r]
        if lows:
            attributes["earliest"] = min(lows)
        if highs:
            attributes["latest"] = max(highs)
        graph.add_edge(s, o, key=attributes["predicate"], **attributes)
    return with_degrees(graph)


def entity_graph(store: Store) -> nx.MultiDiGraph:
    """Entities linked by the relations asserted between them (documents and authority records)."""
    return entity_graph_from_rows(
        node_rows(store),
        rows(store.query(_ASSERTED)),
        rows(store.query(_STATEMENTS)),
        document_titles(store),
    )


def comention_graph_from_rows(
    nodes: Mapping[str, Mapping[str, Any]], mentions: Iterable[Row], titles: Mapping[str, str]
) -> nx.Graph:
    """Entities mentioned in the same sentence; `mentions` rows have ``e``, ``doc``, ``sentence``.

    ``weight`` is the number of shared sentences, ``documents`` the number of shared documents.
    """
    sentences: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in mentions:
        sentences[row["doc"], row["sentence"]].add(row["e"])
    pairs: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for key, entities in sentences.items():
        ordered = sorted(entities)
        for i, first in enumerate(ordered):
            for second in ordered[i + 1 :]:
                pairs[first, second].append(key)
    graph = nx.Graph()
    _add_nodes(graph, nodes, {e for entities in sentences.values() for e in entities})
    for (first, second), shared in pairs.items():
        documents = {doc for doc, _ in shared}
        graph.add_edge(
            first,
            second,
            predicate="comention",
            weight=len(shared),
            documents=len(documents),
            sources=sorted({titles.get(doc, doc) for doc in documents}),
            sentences=sorted({sentence for _, sentence in shared}),
        )
    return with_degrees(graph)


def comention_graph(store: Store) -> nx.Graph:
    """Entities linked when they are mentioned in the same sentence of a document."""
    return comention_graph_from_rows(
        node_rows(store), rows(store.query(_MENTIONS)), document_titles(store)
    )


#: Query columns whose values collect on the edge of their pair (column → edge attribute).
_EVIDENCE = {"predicate": "predicate", "sentence": "sentences", "title": "sources"}

#: Column pairs that make a network of query rows, in order of preference.
NETWORK_COLUMNS = (("source", "target"), ("subject", "object"))


def network_columns(columns: Iterable[str]) -> tuple[str, str]:
    """The pair of NETWORK_COLUMNS present in `columns`; ValueError if there is none."""
    present = set(columns)
    for pair in NETWORK_COLUMNS:
        if set(pair) <= present:
            return pair
    raise ValueError("a network needs ?source and ?target (or ?subject and ?object) columns")


def rows_graph(
    result_rows: Iterable[Row], nodes: Mapping[str, Mapping[str, Any]] | None = None
) -> nx.DiGraph:
    """A network from query rows with ``source`` and ``target`` (or ``subject``/``object``) columns.

    ``sourceLabel``/``targetLabel`` and ``sourceCategory``/``targetCategory`` describe nodes that
    `nodes` does not. Each pair makes one edge: its rows' ``sentence`` and ``title`` values collect
    in ``sentences`` and ``sources``, distinct ``predicate`` values join with ", ", and the rows
    add up in ``weight`` (or a ``weight`` column gives it). Other columns become edge attributes.
    """
    graph = nx.DiGraph()
    known = nodes or {}
    found: dict[tuple[str, str], dict[str, set[str]]] = {}
    for row in result_rows:
        ends = network_columns(row)
        described = {f"{end}{suffix}" for end in ends for suffix in ("Label", "Category")}
        for end in ends:
            iri = str(row[end])
            if iri not in graph:
                given = {"label": row.get(f"{end}Label"), "category": row.get(f"{end}Category")}
                named = {k: str(v) for k, v in given.items() if v} if iri not in known else {}
                graph.add_node(iri, **{**_node(known, iri), **named})
        pair = (str(row[ends[0]]), str(row[ends[1]]))
        evidence = found.setdefault(pair, {name: set() for name in _EVIDENCE.values()})
        for column, name in _EVIDENCE.items():
            if row.get(column):
                evidence[name].add(str(row[column]))
        extra = {k: v for k, v in row.items() if k not in {*ends, *described, *_EVIDENCE}}
        if graph.has_edge(*pair) and "weight" not in row:
            extra["weight"] = graph.edges[pair]["weight"] + 1
        graph.add_edge(*pair, **{"weight": 1, **extra})
    for pair, evidence in found.items():
        graph.edges[pair].update(
            predicate=", ".join(sorted(evidence.pop("predicate"))),
            **{name: sorted(values) for name, values in evidence.items()},
        )
    return with_degrees(graph)


def ego_network(graph: nx.Graph, entity: str, hops: int = 1) -> nx.Graph:
    """The entity and everything within `hops` links of it, in either direction."""
    if entity not in graph:
        raise KeyError(f"{entity} is not in the graph")
    return with_degrees(nx.ego_graph(graph, entity, radius=hops, undirected=True).copy())


def _overlaps(attributes: Mapping[str, Any], start: str, end: str) -> bool:
    low = attributes.get("earliest") or attributes.get("latest")
    high = attributes.get("latest") or attributes.get("earliest")
    return low is not None and high is not None and low <= end and high >= start


def time_slice(graph: nx.Graph, start: date | str, end: date | str) -> nx.Graph:
    """Edges whose statements' dates (``earliest``..``latest``) meet [start, end], with their nodes.

    Undated edges are left out. `start` and `end` are dates or EDTF values, inclusive:
    ``time_slice(g, "1940", "1941")`` keeps 1940-01-01 to 1941-12-31.
    """
    low, high = _edtf_bound(start, 0), _edtf_bound(end, 1)
    keep = [e for e, attributes in _edges(graph) if _overlaps(attributes, low, high)]
    return with_degrees(graph.edge_subgraph(keep).copy())


def _edges(graph: nx.Graph) -> Iterable[tuple[tuple[Any, ...], Mapping[str, Any]]]:
    if graph.is_multigraph():
        for u, v, k, attributes in graph.edges(keys=True, data=True):
            yield (u, v, k), attributes
    else:
        for u, v, attributes in graph.edges(data=True):
            yield (u, v), attributes


def category_filter(graph: nx.Graph, categories: Iterable[str]) -> nx.Graph:
    """Only the nodes of the given categories (Person, Group, Place, Memorial, Event)."""
    wanted = {c.casefold() for c in categories}
    keep = [n for n, c in graph.nodes(data="category") if str(c).casefold() in wanted]
    return with_degrees(graph.subgraph(keep).copy())


def resolve_entity(store: Store, text: str) -> str:
    """The IRI of an entity given as an IRI, a slug or a label (any language, any case).

    Raises LookupError naming the closest labels when nothing matches.
    """
    labels: dict[str, tuple[str, str]] = {}
    for row in rows(store.query(_LABELS)):
        labels.setdefault(row["label"].casefold(), (row["label"], row["e"]))
    entities = {iri for _, iri in labels.values()}
    if text in entities:
        return text
    if text.casefold() in labels:
        return labels[text.casefold()][1]
    try:
        slug_iri = str(entity_iri(slugify(text)))
    except ValueError:
        slug_iri = ""
    if slug_iri in entities:
        return slug_iri
    close = difflib.get_close_matches(text.casefold(), list(labels), n=10, cutoff=0.5)
    suggestions: dict[str, str] = {}  # entity → its best-matching label
    for match in close:
        suggestions.setdefault(labels[match][1], labels[match][0])
    names = [f"{label} ({iri.rsplit('/', 1)[-1]})" for iri, label in suggestions.items()][:5]
    hint = f"; did you mean {', '.join(names)}?" if names else ""
    raise LookupError(f"no entity {text!r} in the store{hint}")
