"""Extractions to RDF: one named graph per document, with PROV-O provenance for every statement."""

from __future__ import annotations

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from remembrance.config import base_iri
from remembrance.iris import (
    document_iri,
    entity_iri,
    event_iri,
    extractor_iri,
    mention_iri,
    statement_iri,
    system_graph,
)
from remembrance.ontology.files import load_authority, load_ontology
from remembrance.ontology.namespace import REM
from remembrance.pipelines.authority import load_index
from remembrance.pipelines.occurrences import occurrence_of
from remembrance.pipelines.records import DateMention, Extraction, Occurrence, Statement
from remembrance.pipelines.version import pipeline_version

CRM = Namespace("http://www.cidoc-crm.org/cidoc-crm/")

PREFIXES: dict[str, str] = {
    "rem": str(REM._NS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "schema": "https://schema.org/",
    "crm": str(CRM),
    "owl": "http://www.w3.org/2002/07/owl#",
}


def prefixes() -> dict[str, str]:
    """The project's prefixes, ``ent:`` (entities under the configured base IRI) included."""
    return {**PREFIXES, "ent": f"{base_iri()}entity/"}


def bind_prefixes(graph: Graph) -> None:
    for prefix, namespace in prefixes().items():
        graph.bind(prefix, Namespace(namespace))


def _date_literal(value: str) -> Literal:
    return Literal(value, datatype=REM.edtf)


def _object(statement: Statement) -> URIRef | Literal:
    if statement.object_is_entity:
        return entity_iri(str(statement.object))
    if statement.date is not None:
        return _date_literal(str(statement.object))
    return Literal(statement.object, datatype=XSD.integer)


def _add_bounds(graph: Graph, node: URIRef, date: DateMention) -> None:
    if date.earliest is not None:
        graph.add((node, REM.earliest, Literal(date.earliest, datatype=XSD.date)))
    if date.latest is not None:
        graph.add((node, REM.latest, Literal(date.latest, datatype=XSD.date)))


def document_graph(extraction: Extraction) -> tuple[URIRef, Graph]:
    """The named graph of one document: its metadata, mentions, entities and statements."""
    document = extraction.document
    digest = document.content_hash
    doc = document_iri(digest)
    text = document.text
    graph = Graph(store="SimpleMemory", identifier=doc)  # a quarter of the cost of "Memory"
    add = graph.add

    add((doc, RDF.type, REM.Document))
    add((doc, REM.language, Literal(document.language)))
    if document.language_confidence is not None:
        # xsd:decimal from its lexical form (from a float, SHACL finds the value ill-typed)
        confidence = Literal(str(document.language_confidence), datatype=XSD.decimal)
        add((doc, REM.languageConfidence, confidence))
    add((doc, REM.contentHash, Literal(digest)))
    add((doc, REM.sourcePath, Literal(document.path)))
    add((doc, REM.pipelineVersion, Literal(pipeline_version())))
    if document.title:
        add((doc, DCTERMS.title, Literal(document.title, lang=document.language)))
    if document.published:
        add((doc, DCTERMS.issued, Literal(document.published, datatype=XSD.date)))
    for source in document.sources:
        add((doc, DCTERMS.source, Literal(source)))
    if document.genre:
        add((doc, DCTERMS.type, Literal(document.genre)))

    for item in extraction.mentions:
        mention, entity = item.mention, item.entity
        node = mention_iri(digest, mention.start, mention.end)
        target = entity_iri(entity.id)
        add((node, RDF.type, REM.Mention))
        add((node, REM.text, Literal(mention.text)))
        add((node, REM.start, Literal(mention.start)))
        add((node, REM.end, Literal(mention.end)))
        add((node, REM.sentence, Literal(text[mention.sentence[0] : mention.sentence[1]].strip())))
        add((node, REM.inDocument, doc))
        add((node, REM.refersTo, target))
        for record in item.ambiguous:
            add((node, REM.possiblyRefersTo, entity_iri(record)))
        add((node, REM.source, Literal(mention.source)))
        if mention.title:
            add((node, REM.title, Literal(mention.title)))
        add((node, REM.confidence, Literal(round(item.confidence, 3), datatype=XSD.decimal)))
        add((node, PROV.wasAttributedTo, extractor_iri(mention.source)))
        add((target, PROV.wasDerivedFrom, node))
        if entity.local:
            add((target, RDF.type, getattr(REM, entity.class_name)))
            add((target, RDFS.label, Literal(entity.label)))
            add((target, REM.category, Literal(entity.category)))
            add((target, REM.localEntity, Literal(True)))

    for date in extraction.dates:
        node = mention_iri(digest, date.start, date.end)
        add((node, RDF.type, REM.DateMention))
        add((node, REM.text, Literal(date.text)))
        add((node, REM.start, Literal(date.start)))
        add((node, REM.end, Literal(date.end)))
        add((node, REM.value, _date_literal(date.value)))
        add((node, REM.inDocument, doc))
        _add_bounds(graph, node, date)

    events = {occurrence.key for occurrence in extraction.occurrences}
    for statement in extraction.statements:
        subject, predicate, obj = (
            entity_iri(statement.subject),
            getattr(REM, statement.predicate),
            _object(statement),
        )
        add((subject, predicate, obj))
        key = f"{statement.subject}|{statement.predicate}|{statement.object}|{statement.start}"
        node = statement_iri(digest, key)
        add((node, RDF.type, REM.Statement))
        add((node, RDF.subject, subject))
        add((node, RDF.predicate, predicate))
        add((node, RDF.object, obj))
        add((node, REM.inDocument, doc))
        add((node, REM.start, Literal(statement.start)))
        add((node, REM.end, Literal(statement.end)))
        add(
            (
                node,
                REM.sentence,
                Literal(text[statement.sentence[0] : statement.sentence[1]].strip()),
            )
        )
        add((node, REM.confidence, Literal(statement.confidence, datatype=XSD.decimal)))
        add((node, PROV.wasAttributedTo, extractor_iri(statement.extractor)))
        add((node, PROV.wasDerivedFrom, doc))
        if statement.qualifier:
            add((node, REM.qualifier, Literal(statement.qualifier)))
        if statement.coreference:
            add((node, REM.viaCoreference, Literal(True)))
        if statement.date is not None:
            _add_bounds(graph, node, statement.date)
        event = occurrence_of(statement)
        if event is not None and event in events:
            add((node, REM.occurrence, event_iri(digest, event)))
    for occurrence in extraction.occurrences:
        add_occurrence(graph, doc, digest, text, occurrence)
    return doc, graph


def occurrence_triples(
    digest: str, occurrence: Occurrence
) -> list[tuple[URIRef, URIRef, URIRef | Literal]]:
    """What an event is: its CIDOC-CRM class, participants, arguments, time-span and count (the
    relations the JSONL output carries for it)."""
    node = event_iri(digest, occurrence.key)
    participant = entity_iri(occurrence.participant)
    triples: list[tuple[URIRef, URIRef, URIRef | Literal]] = [
        (node, RDF.type, CRM[occurrence.crm_class]),
        (node, CRM.P11_had_participant, participant),
    ]
    if occurrence.participant_property != "P11_had_participant":
        triples.append((node, CRM[occurrence.participant_property], participant))
    triples += [(node, CRM[p], entity_iri(value)) for p, value in occurrence.arguments]
    if occurrence.date is not None:
        triples.append((node, CRM["P4_has_time-span"], _date_literal(occurrence.date.value)))
    if occurrence.count is not None:
        triples.append((node, REM.count, Literal(occurrence.count, datatype=XSD.integer)))
    return triples


def add_occurrence(
    graph: Graph, doc: URIRef, digest: str, text: str, occurrence: Occurrence
) -> None:
    """An event as CIDOC-CRM with provenance; its time-span is a crm:E52_Time-Span node with the
    EDTF value and its bounds."""
    node = event_iri(digest, occurrence.key)
    for subject, predicate, obj in occurrence_triples(digest, occurrence):
        if predicate != CRM["P4_has_time-span"]:
            graph.add((subject, predicate, obj))
    graph.add((node, RDF.type, REM.Occurrence))
    graph.add((node, REM.frame, Literal(occurrence.frame)))
    if occurrence.date is not None:
        span = URIRef(f"{node}/time-span")
        graph.add((node, CRM["P4_has_time-span"], span))
        graph.add((span, RDF.type, CRM["E52_Time-Span"]))
        graph.add((span, REM.value, _date_literal(occurrence.date.value)))
        _add_bounds(graph, span, occurrence.date)
    sentence = text[occurrence.sentence[0] : occurrence.sentence[1]].strip()
    graph.add((node, REM.inDocument, doc))
    graph.add((node, REM.sentence, Literal(sentence)))
    graph.add((node, REM.start, Literal(occurrence.start)))
    graph.add((node, REM.end, Literal(occurrence.end)))
    graph.add((node, REM.confidence, Literal(occurrence.confidence, datatype=XSD.decimal)))
    graph.add((node, PROV.wasAttributedTo, extractor_iri("frame")))
    graph.add((node, PROV.wasDerivedFrom, doc))
    if occurrence.coreference:
        graph.add((node, REM.viaCoreference, Literal(True)))


def authority_graph() -> Graph:
    """Authority records with derived conveniences: rdfs:label per prefLabel and rem:category."""
    graph = load_authority()
    records = load_index().records
    for record in records.values():
        node = entity_iri(record.id)
        graph.add((node, REM.category, Literal(record.category)))
        for language, label in record.labels.items():
            graph.add((node, RDFS.label, Literal(label, lang=language or None)))
        graph.add((node, RDF.type, REM.AuthorityRecord))
    return graph


def reference_graphs() -> dict[URIRef, Graph]:
    """The named graphs that hold no document: the ontology and the authority records."""
    return {system_graph("ontology"): load_ontology(), system_graph("authority"): authority_graph()}


def extraction_dataset(extractions: list[Extraction]) -> Dataset:
    """Document graphs of several extractions in one rdflib Dataset (for TriG/Turtle output)."""
    dataset = Dataset()
    bind_prefixes(dataset)
    for extraction in extractions:
        iri, graph = document_graph(extraction)
        target = dataset.graph(iri)
        for triple in graph:
            target.add(triple)
    return dataset
