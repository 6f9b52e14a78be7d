"""Build: texts → extraction → one named graph per document in a store, incrementally.

A document is identified by the hash of its text. An unchanged document is skipped; a changed
one replaces the graph of its previous version (same source path); with ``prune`` a document no
longer in the input is removed. A change of the ontology, the authority records or the pipeline
configuration (the reference version) re-extracts everything. Everything is written inside
``store.writing()``, so an interrupted build leaves the store as it was.
"""

from __future__ import annotations

import hashlib
import time
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import PROV

from remembrance.graph.curation import Curation
from remembrance.graph.curation_build import CurationStep
from remembrance.graph.rdf import reference_graphs
from remembrance.graph.store import Store
from remembrance.iris import system_graph
from remembrance.ontology.files import authority_files, ontology_file
from remembrance.ontology.namespace import REM
from remembrance.pipelines.errors import InputError
from remembrance.pipelines.extract import Extractor, extract_each
from remembrance.pipelines.reader import read_each
from remembrance.pipelines.records import Document, Failure
from remembrance.pipelines.version import pipeline_version

BUILD_GRAPH = "build"


@dataclass
class BuildReport:
    documents: int = 0
    extracted: int = 0
    skipped: int = 0
    removed: int = 0
    relinked: bool = False
    corrections: int = 0
    graph_version: str = ""
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)


def reference_version() -> str:
    """Hash of the ontology, the authority records and the pipeline version."""
    digest = hashlib.sha256(pipeline_version().encode())
    for path in [ontology_file(), *authority_files()]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def stored_documents(store: Store) -> dict[str, tuple[str, str]]:
    """Source path → (document IRI, content hash) of the documents in the store."""
    rows = store.query(
        "SELECT ?doc ?path ?hash WHERE { GRAPH ?doc { ?doc a rem:Document ; "
        "rem:sourcePath ?path ; rem:contentHash ?hash } }"
    )
    return {str(r["path"]): (str(r["doc"]), str(r["hash"])) for r in rows}


def stored_reference_version(store: Store) -> str | None:
    rows = list(
        store.query(
            f"SELECT ?v WHERE {{ GRAPH <{system_graph(BUILD_GRAPH)}> "
            "{ ?b rem:referenceVersion ?v } }"
        )
    )
    return str(rows[0][0]) if rows else None


def _build_graph(version: str, reference: str, documents: list[str]) -> Graph:
    node = system_graph(BUILD_GRAPH)
    graph = Graph(identifier=node)
    graph.add((node, RDF.type, REM.Build))
    graph.add((node, REM.graphVersion, Literal(version)))
    graph.add((node, REM.referenceVersion, Literal(reference)))
    for doc in documents:
        graph.add((node, PROV.used, URIRef(doc)))
    return graph


def _graph_version(documents: Iterable[str], reference: str) -> str:
    return hashlib.sha256(("|".join(sorted(documents)) + reference).encode()).hexdigest()[:16]


def build(
    paths: Iterable[Path],
    store: Store,
    *,
    prune: bool = False,
    extractor: Extractor = extract_each,
    progress: Callable[[int], None] | None = None,
    fail_fast: bool = False,
    curation: Curation | None = None,
) -> BuildReport:
    """Build the graph of the texts under `paths` into `store`, with the corrections of
    `curation` applied (graph/curation_build.py); see the module docstring.

    A document that cannot be read, extracted or converted is listed in the report's
    `failures` and the others are built; its previous version, if any, stays in the store.
    With `fail_fast` the first failure raises its InputError and nothing is written.
    """
    started = time.perf_counter()
    report = BuildReport()

    def failed(failure: Failure) -> None:
        if fail_fast:
            raise InputError(failure.message)
        report.failures.append(failure)
        if progress:
            progress(1)

    hashes: dict[str, str] = {}  # source path → content hash, for every readable document
    pending: dict[str, Document] = {}  # read once, kept for extraction if it is new
    seen: dict[str, str] = {}
    for item in read_each(paths):
        if isinstance(item, Failure):
            failed(item)
            continue
        digest = item.content_hash
        if digest in seen:
            report.warnings.append(f"{item.path}: same text as {seen[digest]}; built once")
            continue
        seen[digest] = item.path
        hashes[item.path] = digest
        pending[item.path] = item
    report.documents = len(hashes)

    reference = reference_version()
    stored_reference = stored_reference_version(store)
    previous = stored_documents(store)
    report.relinked = stored_reference not in (None, reference)
    stored_hashes = {digest for _, digest in previous.values()}
    todo = [d for p, d in pending.items() if report.relinked or hashes[p] not in stored_hashes]
    curating = CurationStep.start(curation or Curation(), store)
    for path in sorted(curating.affected(store, previous) - {d.path for d in todo}):
        if path in pending:
            todo.append(pending[path])
        else:
            report.warnings.append(f"{path}: not among the inputs; its corrections wait")
    report.corrections = len(curating.curation.corrections)
    pending.clear()  # unchanged documents are not kept in memory
    # A changed document's previous graph is dropped only once its new version is written;
    # a document that failed to read is neither changed nor gone.
    replaced = {
        p: iri for p, (iri, digest) in previous.items() if p in hashes and hashes[p] != digest
    }
    failed_paths = {f.path for f in report.failures}
    gone = {
        iri
        for p, (iri, _) in previous.items()
        if prune and p not in hashes and p not in failed_paths
    }
    kept = {iri for iri, _ in previous.values()} - gone
    report.skipped = report.documents - len(todo)
    reference_and_curation = reference + curating.version
    if not todo and not gone and stored_reference == reference and not curating.changed:
        report.graph_version = _graph_version(kept, reference_and_curation)
        report.seconds = time.perf_counter() - started
        return report

    with store.writing() as target:
        if stored_reference != reference or curating.changed:
            for name, graph in curating.reference_graphs(reference_graphs()).items():
                target.put_graph(name, graph)
        for iri in gone:
            target.drop_graph(URIRef(iri))
        for result in extractor(todo):
            if isinstance(result, Failure):
                failed(result)
                continue
            path = result.document.path
            try:
                name, graph = curating.document_graph(result)
            except (ValueError, TypeError) as error:  # e.g. a value RDF cannot hold
                failed(Failure.of(path, error))
                continue
            if path in replaced:
                target.drop_graph(URIRef(replaced[path]))
                kept.discard(replaced[path])
            target.put_graph(name, graph)
            kept.add(str(name))
            report.extracted += 1
            if progress:
                progress(1)
        report.graph_version = _graph_version(kept, reference_and_curation)
        name, graph, unmatched = curating.finish(target, kept)
        if curating.curation.corrections:
            target.put_graph(name, graph)
        else:
            target.drop_graph(name)
        report.warnings += unmatched
        target.put_graph(
            system_graph(BUILD_GRAPH), _build_graph(report.graph_version, reference, sorted(kept))
        )
    report.removed = len(gone) + sum(1 for iri in replaced.values() if iri not in kept)
    for message in report.warnings:
        warnings.warn(message, stacklevel=2)
    report.seconds = time.perf_counter() - started
    return report
