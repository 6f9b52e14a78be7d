"""Extractions to RDF: one named graph per document, with PROV-O provenance for every statement."""

from __future__ import annotations

import datetime
from functools import cache

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS, DefinedNamespace

from remembrance.config import base_iri
from remembrance.iris import Iris, entity_iri, event_iri, iris, system_graph
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


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_XSD = str(XSD)
_EDTF = f"^^<{REM.edtf}>"
_TRUE = f'"true"^^<{_XSD}boolean>'
_TYPE = f"<{RDF.type}>"


def _text(value: str, suffix: str = "") -> str:
    """A literal in N-Triples: `suffix` is its ``^^<datatype>`` or ``@language``, if any."""
    return f'"{value.translate(_ESCAPES)}"{suffix}'


def _integer(value: int) -> str:
    return f'"{value}"^^<{_XSD}integer>'


def _decimal(value: float) -> str:
    """An xsd:decimal whose lexical form is the number's (as rdflib writes a float)."""
    return f'"{value}"^^<{_XSD}decimal>'


def _date(value: datetime.date) -> str:
    return f'"{value.isoformat()}"^^<{_XSD}date>'


@cache
def _term(namespace: type[DefinedNamespace] | Namespace, name: str) -> str:
    """A class or property in N-Triples (REM raises on a name the ontology lacks)."""
    return f"<{namespace[name]}>"


def _rem(name: str) -> str:
    return _term(REM, name)


class _Triples:
    """N-Triples lines of one named graph, as text."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, subject: str, predicate: str, obj: str) -> None:
        self.lines.append(f"{subject} {predicate} {obj} .\n")

    def bounds(self, node: str, date: DateMention) -> None:
        if date.earliest is not None:
            self.add(node, _rem("earliest"), _date(date.earliest))
        if date.latest is not None:
            self.add(node, _rem("latest"), _date(date.latest))

    def text(self) -> str:
        return "".join(self.lines)


def _object(statement: Statement, names: Iris) -> str:
    if statement.object_is_entity:
        return f"<{names.entity(str(statement.object))}>"
    if statement.date is not None:
        return _text(str(statement.object), _EDTF)
    return _integer(statement.object)  # a quantity


def document_ntriples(extraction: Extraction) -> tuple[URIRef, str]:
    """The named graph of one document as N-Triples text: its metadata, mentions, entities and
    statements (what `document_graph` holds, written straight as text: the build's fast path)."""
    document = extraction.document
    names = iris()
    digest = document.content_hash
    name = names.document(digest)
    doc = f"<{name}>"
    text = document.text
    sentences: dict[tuple[int, int], str] = {}  # offsets → the sentence's literal

    def sentence(offsets: tuple[int, int]) -> str:
        if offsets not in sentences:
            sentences[offsets] = _text(text[offsets[0] : offsets[1]].strip())
        return sentences[offsets]

    triples = _Triples()
    add = triples.add
    add(doc, _TYPE, _rem("Document"))
    add(doc, _rem("language"), _text(document.language))
    if document.language_confidence is not None:
        # xsd:decimal from its lexical form (from a float, SHACL finds the value ill-typed)
        add(doc, _rem("languageConfidence"), _decimal(document.language_confidence))
    add(doc, _rem("contentHash"), _text(digest))
    add(doc, _rem("sourcePath"), _text(document.path))
    add(doc, _rem("pipelineVersion"), _text(pipeline_version()))
    if document.title:
        add(doc, _term(DCTERMS, "title"), _text(document.title, f"@{document.language}"))
    if document.published:
        add(doc, _term(DCTERMS, "issued"), _date(document.published))
    for source in document.sources:
        add(doc, _term(DCTERMS, "source"), _text(source))
    if document.genre:
        add(doc, _term(DCTERMS, "type"), _text(document.genre))

    for item in extraction.mentions:
        mention, entity = item.mention, item.entity
        node = f"<{names.mention(digest, mention.start, mention.end)}>"
        target = f"<{names.entity(entity.id)}>"
        add(node, _TYPE, _rem("Mention"))
        add(node, _rem("text"), _text(mention.text))
        add(node, _rem("start"), _integer(mention.start))
        add(node, _rem("end"), _integer(mention.end))
        add(node, _rem("sentence"), sentence(mention.sentence))
        add(node, _rem("inDocument"), doc)
        add(node, _rem("refersTo"), target)
        for record in item.ambiguous:
            add(node, _rem("possiblyRefersTo"), f"<{names.entity(record)}>")
        add(node, _rem("source"), _text(mention.source))
        if mention.title:
            add(node, _rem("title"), _text(mention.title))
        add(node, _rem("confidence"), _decimal(round(item.confidence, 3)))
        add(node, _term(PROV, "wasAttributedTo"), f"<{names.extractor(mention.source)}>")
        add(target, _term(PROV, "wasDerivedFrom"), node)
        if entity.local:
            add(target, _TYPE, _rem(entity.class_name))
            add(target, _term(RDFS, "label"), _text(entity.label))
            add(target, _rem("category"), _text(entity.category))
            add(target, _rem("localEntity"), _TRUE)

    for date in extraction.dates:
        node = f"<{names.mention(digest, date.start, date.end)}>"
        add(node, _TYPE, _rem("DateMention"))
        add(node, _rem("text"), _text(date.text))
        add(node, _rem("start"), _integer(date.start))
        add(node, _rem("end"), _integer(date.end))
        add(node, _rem("value"), _text(date.value, _EDTF))
        add(node, _rem("inDocument"), doc)
        triples.bounds(node, date)

    def said(node: str, claim: Statement | Occurrence, extractor: str) -> None:
        """Where a statement or a reported event was read: document, offsets, sentence,
        confidence, extractor, and whether it went through coreference."""
        add(node, _rem("inDocument"), doc)
        add(node, _rem("start"), _integer(claim.start))
        add(node, _rem("end"), _integer(claim.end))
        add(node, _rem("sentence"), sentence(claim.sentence))
        add(node, _rem("confidence"), _decimal(claim.confidence))
        add(node, _term(PROV, "wasAttributedTo"), f"<{names.extractor(extractor)}>")
        add(node, _term(PROV, "wasDerivedFrom"), doc)
        if claim.coreference:
            add(node, _rem("viaCoreference"), _TRUE)

    events = {occurrence.key for occurrence in extraction.occurrences}
    for statement in extraction.statements:
        subject = f"<{names.entity(statement.subject)}>"
        predicate, obj = _rem(statement.predicate), _object(statement, names)
        add(subject, predicate, obj)
        key = f"{statement.subject}|{statement.predicate}|{statement.object}|{statement.start}"
        node = f"<{names.statement(digest, key)}>"
        add(node, _TYPE, _rem("Statement"))
        add(node, _term(RDF, "subject"), subject)
        add(node, _term(RDF, "predicate"), predicate)
        add(node, _term(RDF, "object"), obj)
        said(node, statement, statement.extractor)
        if statement.qualifier:
            add(node, _rem("qualifier"), _text(statement.qualifier))
        if statement.date is not None:
            triples.bounds(node, statement.date)
        event = occurrence_of(statement)
        if event is not None and event in events:
            add(node, _rem("occurrence"), f"<{names.event(digest, event)}>")
    for occurrence in extraction.occurrences:
        node = f"<{names.event(digest, occurrence.key)}>"
        for subject, predicate, value in occurrence_triples(digest, occurrence):
            if predicate != CRM["P4_has_time-span"]:
                add(subject.n3(), predicate.n3(), value.n3())
        add(node, _TYPE, _rem("Occurrence"))
        add(node, _rem("frame"), _text(occurrence.frame))
        if occurrence.date is not None:
            span = f"<{names.event(digest, occurrence.key)}/time-span>"
            add(node, _term(CRM, "P4_has_time-span"), span)
            add(span, _TYPE, _term(CRM, "E52_Time-Span"))
            add(span, _rem("value"), _text(occurrence.date.value, _EDTF))
            triples.bounds(span, occurrence.date)
        said(node, occurrence, "frame")
    return URIRef(name), triples.text()


def document_graph(extraction: Extraction) -> tuple[URIRef, Graph]:
    """The named graph of one document as an rdflib Graph (see `document_ntriples`)."""
    name, data = document_ntriples(extraction)
    graph = Graph(store="SimpleMemory", identifier=name)  # a quarter of the cost of "Memory"
    graph.parse(data=data, format="nt")
    return name, graph


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
        triples.append(
            (node, CRM["P4_has_time-span"], Literal(occurrence.date.value, datatype=REM.edtf))
        )
    if occurrence.count is not None:
        triples.append((node, REM.count, Literal(occurrence.count, datatype=XSD.integer)))
    return triples


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
        name, data = document_ntriples(extraction)
        dataset.graph(name).parse(data=data, format="nt")
    return dataset
