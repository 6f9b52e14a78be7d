"""What needs a historian's eye, ranked: the items ``remembrance review`` lists.

Five kinds, each from the built graph: links the pipeline was unsure of, local entities several
documents name (candidates for an authority record), names whose category differs between
documents, claims the sources disagree on, and labels so alike they may name one entity. An item
a correction already confirmed is left out. Items are ranked by how many mentions (or claims)
they touch, most first: fixing those changes the graph most. Thresholds: config.REVIEW.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from rapidfuzz import fuzz

from remembrance.config import REVIEW
from remembrance.graph.curation_rdf import CURATION_GRAPH
from remembrance.graph.store import Store
from remembrance.iris import system_graph
from remembrance.pipelines.authority import normalise_label

KINDS = (
    "low-confidence link",
    "local entity in several documents",
    "category differs between documents",
    "conflicting claims",
    "near-duplicate labels",
)


@dataclass(frozen=True)
class ReviewItem:
    kind: str
    weight: int  # mentions or claims it touches (the rank)
    entity: str  # ent: name
    label: str
    other: str  # a second entity, or the values that disagree
    documents: int
    detail: str
    suggestion: str  # a curate command to act on it
    property: str = ""  # the property of conflicting claims


def _ent(iri: object) -> str:
    return f"ent:{str(iri).rsplit('/', 1)[-1]}"


def _confirmed(store: Store) -> set[tuple[str, str]]:
    """(entity, property) of the confirmations: the property is "" for a whole entity."""
    rows = store.query(
        f"SELECT ?e ?p WHERE {{ GRAPH <{system_graph(CURATION_GRAPH)}> {{ "
        "?c rem:correctionKind 'confirm' ; rem:target ?e OPTIONAL { ?c rem:targetProperty ?p } "
        "FILTER NOT EXISTS { ?c rem:text ?quote } } }"
    )
    return {(_ent(e), "" if p is None else f"rem:{str(p).rsplit('#', 1)[-1]}") for e, p in rows}


def low_confidence(store: Store) -> list[ReviewItem]:
    floor = REVIEW.low_confidence
    rows = store.query(
        "SELECT ?e (SAMPLE(?l) AS ?label) (MIN(?c) AS ?lowest) (COUNT(DISTINCT ?m) AS ?n) "
        "(COUNT(DISTINCT ?d) AS ?docs) (SAMPLE(?m) AS ?one) WHERE { "
        "?m rem:refersTo ?e ; rem:confidence ?c ; rem:inDocument ?d . "
        f"FILTER(?c < {float(floor)}) OPTIONAL {{ ?e rdfs:label ?l }} }} GROUP BY ?e"
    )
    return [
        ReviewItem(
            KINDS[0],
            int(n),
            _ent(e),
            str(label or ""),
            "",
            int(docs),
            f"{int(n)} mention(s), lowest confidence {float(lowest):.2f}, e.g. {one}",
            f"remembrance curate confirm {_ent(e)} --why …  (or split/reject-mention {one})",
        )
        for e, label, lowest, n, docs, one in rows
    ]


def several_documents(store: Store) -> list[ReviewItem]:
    rows = store.query(
        "SELECT ?e (SAMPLE(?l) AS ?label) (COUNT(DISTINCT ?m) AS ?n) (COUNT(DISTINCT ?d) AS ?docs) "
        "WHERE { ?e rem:localEntity true ; rdfs:label ?l . ?m rem:refersTo ?e ; rem:inDocument ?d }"
        " GROUP BY ?e HAVING (COUNT(DISTINCT ?d) > 1)"
    )
    return [
        ReviewItem(
            KINDS[1],
            int(n),
            _ent(e),
            str(label),
            "",
            int(docs),
            f"a local entity named in {int(docs)} documents: a candidate authority record",
            f"remembrance curate promote {_ent(e)} --why …",
        )
        for e, label, n, docs in rows
    ]


def _entities(store: Store) -> dict[str, tuple[str, str, int, int]]:
    """ent: name → (label, category, mentions, documents) of every entity mentioned."""
    rows = store.query(
        "SELECT ?e (SAMPLE(?l) AS ?label) (SAMPLE(?cat) AS ?category) (COUNT(DISTINCT ?m) AS ?n) "
        "(COUNT(DISTINCT ?d) AS ?docs) WHERE { ?m rem:refersTo ?e ; rem:inDocument ?d . "
        "?e rdfs:label ?l ; rem:category ?cat FILTER(LANG(?l) IN ('en', '')) } GROUP BY ?e"
    )
    return {_ent(e): (str(label), str(cat), int(n), int(docs)) for e, label, cat, n, docs in rows}


def category_differs(entities: dict[str, tuple[str, str, int, int]]) -> list[ReviewItem]:
    by_name: dict[str, list[str]] = defaultdict(list)
    for name, (label, *_) in entities.items():
        by_name[normalise_label(label)].append(name)
    items = []
    for names in by_name.values():
        if len({entities[n][1] for n in names}) < 2:
            continue
        names.sort(key=lambda n: (-entities[n][2], n))
        first, *others = names
        label, category, mentions, docs = entities[first]
        what = ", ".join(f"{n} ({entities[n][1]})" for n in names)
        items.append(
            ReviewItem(
                KINDS[2],
                sum(entities[n][2] for n in names),
                first,
                label,
                " ".join(others),
                sum(entities[n][3] for n in names),
                f"one name, several categories: {what}",
                f"remembrance curate merge {first} {others[0]} --why …  (or retype {others[0]})",
            )
        )
    return items


def conflicting_claims(store: Store) -> list[ReviewItem]:
    rows = store.query(
        "SELECT ?s ?p (SAMPLE(?l) AS ?label) "
        "(GROUP_CONCAT(DISTINCT STR(?o); separator=' | ') AS ?values) "
        "(COUNT(DISTINCT ?st) AS ?n) (COUNT(DISTINCT ?d) AS ?docs) WHERE { ?st a rem:Statement ; "
        "rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; rem:inDocument ?d "
        "FILTER(isLiteral(?o)) OPTIONAL { ?s rdfs:label ?l FILTER(LANG(?l) IN ('en', '')) } } "
        "GROUP BY ?s ?p HAVING (COUNT(DISTINCT ?o) > 1 && COUNT(DISTINCT ?d) > 1)"
    )
    items = []
    for s, p, label, values, n, docs in rows:
        prop = f"rem:{str(p).rsplit('#', 1)[-1]}"
        first = str(values).split(" | ")[0]
        items.append(
            ReviewItem(
                KINDS[3],
                int(n),
                _ent(s),
                str(label or ""),
                str(values),
                int(docs),
                f"{prop}: the sources disagree ({values})",
                f"remembrance curate confirm {_ent(s)} {prop} {first} --why …  "
                f"(or reject-statement)",
                prop,
            )
        )
    return items


def near_duplicates(entities: dict[str, tuple[str, str, int, int]]) -> list[ReviewItem]:
    floor = REVIEW.near_duplicate
    keyed = sorted((normalise_label(v[0]), n) for n, v in entities.items())
    items = []
    for (a_key, a), (b_key, b) in combinations(keyed, 2):
        if a_key == b_key or fuzz.ratio(a_key, b_key) < floor:
            continue
        keep, other = sorted((a, b), key=lambda n: (-entities[n][2], n))
        items.append(
            ReviewItem(
                KINDS[4],
                entities[a][2] + entities[b][2],
                keep,
                entities[keep][0],
                other,
                entities[a][3] + entities[b][3],
                f"{entities[keep][0]!r} and {entities[other][0]!r} "
                f"({fuzz.ratio(a_key, b_key):.0f}% alike)",
                f"remembrance curate merge {keep} {other} --why …",
            )
        )
    return items


def review(store: Store) -> list[ReviewItem]:
    """Every item, ranked (most mentions first), confirmed entities left out."""
    entities = _entities(store)
    confirmed = _confirmed(store)
    items = [
        *low_confidence(store),
        *several_documents(store),
        *category_differs(entities),
        *conflicting_claims(store),
        *near_duplicates(entities),
    ]
    return sorted(
        (i for i in items if not {(i.entity, ""), (i.entity, i.property)} & confirmed),
        key=lambda i: (-i.weight, KINDS.index(i.kind), i.entity, i.other),
    )
