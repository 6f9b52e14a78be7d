"""SHACL validation of the graph against ontology/shapes.ttl.

Named graphs are validated one at a time, each with the ontology's class tree added (see the
comment at the top of shapes.ttl); the one constraint that spans graphs, one category per entity,
is checked with a SPARQL query over the union.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from pyshacl import validate as shacl_validate
from rdflib import RDF, RDFS, XSD, BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from remembrance.graph.rdf import bind_prefixes
from remembrance.graph.store import Store
from remembrance.iris import system_graph
from remembrance.ontology.files import load_ontology, parse_turtle, shapes_file

#: Entities given different categories in different graphs (or twice in one).
CATEGORY_CONFLICTS = """
SELECT ?entity (GROUP_CONCAT(DISTINCT STR(?category); separator=", ") AS ?categories)
WHERE { GRAPH ?g { ?entity <https://w3id.org/remembrance/ontology#category> ?category } }
GROUP BY ?entity HAVING (COUNT(DISTINCT STR(?category)) > 1)
ORDER BY ?entity
"""

SEVERITIES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}


@dataclass(frozen=True)
class Violation:
    """One validation result, as readable text."""

    focus: str
    path: str
    message: str
    severity: str
    graph: str
    value: str = ""


@dataclass
class Report:
    """The outcome of a validation: conforms when no result has severity Violation."""

    violations: list[Violation] = field(default_factory=list)
    graphs: int = 0

    @property
    def conforms(self) -> bool:
        return not any(v.severity == "Violation" for v in self.violations)


@lru_cache(maxsize=1)
def shapes() -> Graph:
    """The SHACL shapes graph."""
    return parse_turtle(shapes_file())


@lru_cache(maxsize=1)
def class_tree() -> Graph:
    """The ontology's rdfs:subClassOf triples, added to every graph validated."""
    tree = Graph()
    for triple in load_ontology().triples((None, RDFS.subClassOf, None)):
        tree.add(triple)
    return tree


def _path(results: Graph, node: Node | None) -> str:
    """A SHACL path as text: an IRI, ^inverse, (a b) sequence, [a|b] alternatives or a* / a+."""
    if node is None:
        return ""
    if isinstance(node, URIRef):
        return results.namespace_manager.normalizeUri(node)
    for predicate, template in (
        (SH.inversePath, "^{}"),
        (SH.zeroOrMorePath, "{}*"),
        (SH.oneOrMorePath, "{}+"),
        (SH.zeroOrOnePath, "{}?"),
    ):
        inner = results.value(node, predicate)
        if inner is not None:
            return template.format(_path(results, inner))
    alternatives = results.value(node, SH.alternativePath)
    if alternatives is not None:
        return "[" + "|".join(_path(results, n) for n in results.items(alternatives)) + "]"
    return "(" + " ".join(_path(results, n) for n in results.items(node)) + ")"


def _text(results: Graph, node: Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, BNode):
        return "[blank node]"
    if isinstance(node, Literal):
        return repr(str(node)) if node.datatype is None else f"{node!s} ({node.datatype})"
    return results.namespace_manager.normalizeUri(str(node))


def _severity(node: Node | None) -> str:
    return SEVERITIES.get(node, "Violation") if isinstance(node, URIRef) else "Violation"


def validate_graph(graph: Graph, name: str = "") -> list[Violation]:
    """Validation results of one graph (validated with the ontology's class tree)."""
    data = Graph()
    data += class_tree()
    data += graph
    _, results, _ = shacl_validate(
        data, shacl_graph=shapes(), inference="none", advanced=True, inplace=True
    )
    assert isinstance(results, Graph)
    bind_prefixes(results)
    rows = []
    nested = set(results.objects(None, SH.detail))  # details of a result that is reported itself
    for result in set(results.subjects(RDF.type, SH.ValidationResult)) - nested:
        message = results.value(result, SH.resultMessage)
        rows.append(
            Violation(
                focus=_text(results, results.value(result, SH.focusNode)),
                path=_path(results, results.value(result, SH.resultPath)),
                message=str(message) if message is not None else "",
                severity=_severity(results.value(result, SH.resultSeverity)),
                graph=name,
                value=_text(results, results.value(result, SH.value)),
            )
        )
    return sorted(rows, key=lambda v: (v.graph, v.focus, v.path, v.message))


def _store_graphs(store: Store) -> Iterator[tuple[str, Graph]]:
    skip = str(system_graph("ontology"))
    for name in sorted(store.graph_names() - {skip}):
        result = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")
        assert result.graph is not None
        graph = Graph()
        for s, p, o in result.graph:  # stores type simple literals xsd:string; sh:in compares terms
            plain = isinstance(o, Literal) and o.datatype == XSD.string
            graph.add((s, p, Literal(str(o)) if plain else o))
        yield name, graph


def _dataset_graphs(dataset: Dataset) -> Iterator[tuple[str, Graph]]:
    skip = system_graph("ontology")
    for graph in dataset.graphs():
        if graph.identifier != skip and len(graph):
            yield str(graph.identifier), graph


def validate(target: Store | Dataset | Graph) -> Report:
    """Validate a store or rdflib Dataset (graph by graph, ontology graph skipped) or a Graph."""
    graphs: Iterable[tuple[str, Graph]]
    if isinstance(target, Store):
        graphs = _store_graphs(target)
    elif isinstance(target, Dataset):
        graphs = _dataset_graphs(target)
    else:
        identifier = target.identifier
        graphs = [("" if isinstance(identifier, BNode) else str(identifier), target)]
    report = Report()
    for name, graph in graphs:
        report.graphs += 1
        report.violations.extend(validate_graph(graph, name))
    if isinstance(target, Store | Dataset):
        report.violations.extend(_category_conflicts(target))
    return report


def _category_conflicts(target: Store | Dataset) -> list[Violation]:
    rows = target.query(CATEGORY_CONFLICTS)
    names = Graph()
    bind_prefixes(names)
    namespaces = names.namespace_manager
    return [
        Violation(
            focus=namespaces.normalizeUri(str(row[0])),  # type: ignore[index]
            path="rem:category",
            message="the entity has several categories (in one graph or across graphs)",
            severity="Violation",
            graph="(union)",
            value=str(row[1]),  # type: ignore[index]
        )
        for row in rows
    ]
