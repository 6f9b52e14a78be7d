"""Corrections in RDF: the curation graph, and what each correction changed in a named graph.

- ``BASE/graph/curation`` holds every correction (``a rem:Correction, prov:Activity`` with
  ``prov:wasAssociatedWith`` the historian, ``prov:endedAtTime``, ``rem:reason``, its targets and
  ``rem:matched``) and the facts only a historian gives: ``owl:sameAs`` of merges, aliases, code
  names with their period, verified Wikidata ids, promoted authority records, confirmations.
- A document graph (or the authority graph) a correction changed holds the corrected triples, plus
  ``<graph> rem:curatedBy <correction>`` and, for every triple that changed, a
  ``rem:MachineTriple`` (what the extraction said, ``prov:wasInvalidatedBy`` the correction) or a
  ``rem:CuratedTriple`` (what the historian decided, ``prov:wasGeneratedBy`` it).
"""

from __future__ import annotations

import hashlib

from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS
from rdflib.term import Node

from remembrance.config import base_iri
from remembrance.graph.catalogue import bind
from remembrance.graph.correct import Touched
from remembrance.graph.curation import Correction, Curation, Kind, check_class, slug
from remembrance.graph.store import Store
from remembrance.iris import entity_iri, slugify, system_graph
from remembrance.ontology.namespace import REM
from remembrance.pipelines.errors import InputError

CURATION_GRAPH = "curation"


def correction_iri(correction_id: str) -> URIRef:
    return URIRef(f"{base_iri()}correction/{correction_id}")


def agent_iri(who: str) -> URIRef:
    return URIRef(f"{base_iri()}agent/{slugify(who)}")


def term(value: str) -> URIRef | Literal:
    """An ``ent:`` name as its IRI, anything else as a plain literal."""
    return entity_iri(slug(value)) if value.startswith("ent:") else Literal(value)


def _edtf(value: str) -> Literal:
    return Literal(value, datatype=REM.edtf)


def _describe(graph: Graph, correction: Correction, matched: bool) -> None:
    node = correction_iri(correction.id)
    add = graph.add
    add((node, RDF.type, REM.Correction))
    add((node, RDF.type, PROV.Activity))
    add((node, REM.correctionKind, Literal(correction.kind.value)))
    add((node, REM.reason, Literal(correction.why)))
    add((node, REM.matched, Literal(matched)))
    if correction.who:
        agent = agent_iri(correction.who)
        add((node, PROV.wasAssociatedWith, agent))
        add((agent, RDF.type, PROV.Person))
        add((agent, RDFS.label, Literal(correction.who)))
    if correction.when:
        add((node, PROV.endedAtTime, Literal(correction.when, datatype=XSD.dateTime)))
    if correction.entity:
        add((node, REM.target, entity_iri(slug(correction.entity))))
    if correction.predicate:
        add((node, REM.targetProperty, getattr(REM, correction.predicate)))
    if correction.object:
        add((node, REM.targetObject, term(correction.object)))
    if correction.label:
        add((node, REM.decidedLabel, Literal(correction.label)))
    if correction.class_name:
        add((node, REM.decidedClass, getattr(REM, correction.class_name)))
    if correction.period:
        add((node, REM.period, _edtf(correction.period)))
    if correction.is_mention:
        add((node, REM.sourcePath, Literal(correction.document)))
        add((node, REM.text, Literal(correction.quote)))
        add((node, REM.prefix, Literal(correction.prefix)))
        add((node, REM.suffix, Literal(correction.suffix)))
        if correction.start is not None:
            add((node, REM.start, Literal(correction.start)))


def _decide(graph: Graph, correction: Correction) -> None:
    """The facts `correction` asserts on its own (beyond the records it corrects)."""
    node = correction_iri(correction.id)
    target = entity_iri(slug(correction.entity)) if correction.entity else None
    add = graph.add
    if target is None:
        return
    if correction.kind is Kind.MERGE:
        add((target, OWL.sameAs, term(correction.object)))
    elif correction.kind is Kind.LINK:
        if correction.object.startswith("ent:"):
            add((term(correction.object), OWL.sameAs, target))
        else:
            add((target, REM.wikidata, Literal(correction.object)))
    elif correction.kind is Kind.ALIAS:
        add((target, SKOS.altLabel, Literal(correction.label)))
    elif correction.kind is Kind.CODE_NAME:
        code = URIRef(f"{node}/code-name")
        add((target, REM.codeName, code))
        add((code, RDF.type, REM.CodeName))
        add((code, REM.name, Literal(correction.label)))
        add((code, PROV.wasGeneratedBy, node))
        if correction.period:
            first, _, last = correction.period.partition("/")
            for prop, value in ((REM.usedFrom, first), (REM.usedUntil, last or first)):
                if value and value != "..":
                    add((code, prop, _edtf(value)))
    elif correction.kind is Kind.PROMOTE:
        add((target, RDF.type, REM.AuthorityRecord))
        add((target, RDF.type, getattr(REM, correction.class_name)))
        add((target, SKOS.prefLabel, Literal(correction.label, lang="en")))
        add((target, RDFS.label, Literal(correction.label, lang="en")))
        add((target, DCTERMS.source, node))  # the decision, whose reason cites the sources
        add((target, REM.category, Literal(check_class(correction.class_name))))
        add((target, PROV.wasGeneratedBy, node))
    elif correction.kind is Kind.CONFIRM and not (correction.is_mention or correction.is_statement):
        add((target, REM.confirmedBy, node))


def curation_graph(curation: Curation, matched: set[str]) -> Graph:
    """The curation graph: every correction with its provenance, and the facts it asserts."""
    graph = Graph(identifier=system_graph(CURATION_GRAPH))
    for correction in curation.corrections:
        _describe(graph, correction, correction.id in matched)
        _decide(graph, correction)
    return graph


def _keys(node: Node) -> set[str | tuple[int, int]]:
    """The entity slug or mention span a node of a triple stands for (what Touched records)."""
    text = str(node)
    base = base_iri()
    if text.startswith(f"{base}entity/"):
        return {text[len(base) + 7 :]}
    if text.startswith(f"{base}mention/"):
        start, _, end = text.rsplit("/", 1)[1].partition("-")
        return {(int(start), int(end))}
    return set()


def record_changes(graph: Graph, machine: Graph, touched: Touched, name: URIRef, key: str) -> None:
    """Add to `graph` (the named graph `name`, corrected) what differs from `machine`, each
    change with the corrections that touched its subject or object (else all that touched it);
    `key` names the change nodes (``BASE/curation/<key>/<hash>``)."""
    if not touched.ids:
        return
    for correction_id in sorted(touched.ids):
        graph.add((name, REM.curatedBy, correction_iri(correction_id)))
    removed = [t for t in machine if t not in graph]
    added = [t for t in graph if t not in machine and t[1] != REM.curatedBy]
    for kind, link, triples in (
        (REM.MachineTriple, PROV.wasInvalidatedBy, removed),
        (REM.CuratedTriple, PROV.wasGeneratedBy, added),
    ):
        for s, p, o in triples:
            keys = _keys(s) | _keys(o)
            by = sorted(i for i, seen in touched.by.items() if seen & keys) or sorted(touched.ids)
            digest = hashlib.sha1(f"{kind} {s.n3()} {p.n3()} {o.n3()}".encode()).hexdigest()[:16]
            node = URIRef(f"{base_iri()}curation/{key}/{digest}")
            graph.add((node, RDF.type, kind))
            graph.add((node, REM.tripleSubject, s))
            graph.add((node, REM.triplePredicate, p))
            graph.add((node, REM.tripleObject, o))
            for correction_id in by:
                graph.add((node, link, correction_iri(correction_id)))


def curate_authority(authority: Graph, curation: Curation) -> Touched:
    """Retype and relabel the authority records in `authority` (in place); what was touched.

    Relabelling sets a record's English label; the former one becomes a ``skos:altLabel``.
    """
    from remembrance.pipelines.authority import load_index

    touched = Touched()
    records = load_index().records
    for correction in curation.of_kind(Kind.RETYPE, Kind.RELABEL):
        record = records.get(slug(correction.entity))
        if record is None:
            continue
        node = entity_iri(record.id)
        touched.add(correction, record.id)
        if correction.kind is Kind.RETYPE:
            authority.remove((node, RDF.type, getattr(REM, record.class_name)))
            authority.add((node, RDF.type, getattr(REM, correction.class_name)))
            authority.set((node, REM.category, Literal(check_class(correction.class_name))))
        else:
            for prop in (SKOS.prefLabel, RDFS.label):
                for label in list(authority.objects(node, prop)):
                    if isinstance(label, Literal) and label.language == "en":
                        authority.remove((node, prop, label))
                        authority.add((node, SKOS.altLabel, label))
                authority.add((node, prop, Literal(correction.label, lang="en")))
    return touched


def correction_effect(
    store: Store, curation: Curation, correction_id: str
) -> list[tuple[str, str, str]]:  # fmt: skip
    """(graph, "-" or "+", triple in N-Triples) of what a correction changed in `store`: the
    machine's triples it invalidated and those it generated, and the facts it asserts on its own
    (aliases, code names, Wikidata ids, …; from `curation`) as "+" in the curation graph."""
    node = correction_iri(correction_id)
    if not store.query(
        bind("ASK WHERE { GRAPH ?g { ?c a rem:Correction } }", {"c": node})
    ).askAnswer:
        raise InputError(f"no correction {correction_id} in the store {store.location}")
    rows = store.query(
        bind(
            "SELECT ?g ?k ?s ?p ?o WHERE { GRAPH ?g { ?t rem:tripleSubject ?s ; "
            "rem:triplePredicate ?p ; rem:tripleObject ?o ; a ?k "
            "{ ?t prov:wasInvalidatedBy ?c } UNION { ?t prov:wasGeneratedBy ?c } } }",
            {"c": node},
        )
    )
    changes = [
        (str(g), "-" if k == REM.MachineTriple else "+", f"{s.n3()} {p.n3()} {o.n3()} .")
        for g, k, s, p, o in rows
    ]
    own = Graph()
    for correction in curation.corrections:
        if correction.id == correction_id:
            _decide(own, correction)
    name = str(system_graph(CURATION_GRAPH))
    changes += [(name, "+", f"{s.n3()} {p.n3()} {o.n3()} .") for s, p, o in own]
    return sorted(changes, key=lambda c: (c[0], c[1] == "+", c[2]))
