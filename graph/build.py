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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import PROV

from remembrance.graph.iris import document_iri, system_graph
from remembrance.graph.rdf import document_graph, reference_graphs
from remembrance.graph.store import Store
from remembrance.ontology.files import ONTOLOGY_FILE, authority_files
from remembrance.ontology.namespace import REM
from remembrance.pipelines.config import pipeline_version
from remembrance.pipelines.extract import extract
from remembrance.pipelines.reader import collect_paths, read_document
from remembrance.pipelines.records import Document, Extraction

BUILD_GRAPH = "build"

#: Runs extraction over documents; the default is in-process spaCy, Dask plugs in here.
Extractor = Callable[[Iterable[Document]], Iterator[Extraction]]


@dataclass
class BuildReport:
    documents: int = 0
    extracted: int = 0
    skipped: int = 0
    removed: int = 0
    relinked: bool = False
    graph_version: str = ""
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)


def reference_version() -> str:
    """Hash of the ontology, the authority records and the pipeline version."""
    digest = hashlib.sha256(pipeline_version().encode())
    for path in [ONTOLOGY_FILE, *authority_files()]:
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


def build(
    paths: Iterable[Path],
    store: Store,
    *,
    prune: bool = False,
    extractor: Extractor = extract,
    progress: Callable[[int], None] | None = None,
) -> BuildReport:
    """Build the graph of the texts under `paths` into `store`; see the module docstring."""
    started = time.perf_counter()
    report = BuildReport()
    files = collect_paths(paths)
    hashes: dict[str, str] = {}
    seen: dict[str, str] = {}
    for path in files:
        document = read_document(path)
        digest = document.content_hash
        if digest in seen:
            report.warnings.append(f"{path}: same text as {seen[digest]}; built once")
            continue
        seen[digest] = str(path)
        hashes[str(path)] = digest
    report.documents = len(hashes)

    reference = reference_version()
    stored_reference = stored_reference_version(store)
    previous = stored_documents(store)
    report.relinked = stored_reference not in (None, reference)
    stored_hashes = {digest for _, digest in previous.values()}
    todo = [p for p, h in hashes.items() if report.relinked or h not in stored_hashes]
    stale = {
        iri
        for path, (iri, digest) in previous.items()
        if (path in hashes and hashes[path] != digest) or (prune and path not in hashes)
    }
    kept = ({iri for iri, _ in previous.values()} - stale) | {
        str(document_iri(h)) for h in hashes.values()
    }
    report.graph_version = hashlib.sha256(
        ("|".join(sorted(kept)) + reference).encode()
    ).hexdigest()[:16]
    report.skipped = report.documents - len(todo)
    if not todo and not stale and stored_reference == reference:
        report.seconds = time.perf_counter() - started
        return report

    with store.writing() as target:
        if stored_reference != reference:
            for name, graph in reference_graphs().items():
                target.put_graph(name, graph)
        for iri in stale:
            target.drop_graph(URIRef(iri))
        documents = (read_document(Path(p)) for p in todo)
        for extraction in extractor(documents):
            name, graph = document_graph(extraction)
            target.put_graph(name, graph)
            report.extracted += 1
            if progress:
                progress(1)
        target.put_graph(
            system_graph(BUILD_GRAPH), _build_graph(report.graph_version, reference, sorted(kept))
        )
    report.removed = len(stale)
    for message in report.warnings:
        warnings.warn(message, stacklevel=2)
    report.seconds = time.perf_counter() - started
    return report
