"""Generate docs/ontology.html, a self-contained HTML page describing the ontology.

Run ``python -m remembrance.ontology.document [OUTPUT]`` after changing the ontology; a test
checks that the committed page is up to date. (pyLODE 3.4.1 does not run from its wheel.)
"""

from __future__ import annotations

import sys
from html import escape
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from remembrance.config import LANGUAGES
from remembrance.ontology.files import ONTOLOGY_FILE, ONTOLOGY_IRI, parse_turtle
from remembrance.ontology.generate import NAMESPACE

CATEGORY = URIRef(NAMESPACE + "category")
DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "docs" / "ontology.html"
PREFIXES = {
    NAMESPACE: "rem:",
    "http://www.cidoc-crm.org/cidoc-crm/": "crm:",
    "https://schema.org/": "schema:",
    "http://www.w3.org/ns/prov#": "prov:",
    str(SKOS): "skos:",
    str(DCTERMS): "dcterms:",
    str(RDF): "rdf:",
    str(RDFS): "rdfs:",
    str(OWL): "owl:",
    "http://www.w3.org/2001/XMLSchema#": "xsd:",
}
STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.5; color: #222; }
h1, h2, h3 { line-height: 1.2; }
h3 { margin-top: 2rem; border-top: 1px solid #ddd; padding-top: 1rem; }
code { background: #f4f4f4; padding: 0 .2rem; } table { border-collapse: collapse; }
th, td { text-align: left; vertical-align: top; padding: .2rem .6rem; }
td, th { border-bottom: 1px solid #eee; }
th { width: 9rem; color: #555; font-weight: normal; }
ul.tree { list-style: none; padding-left: 1.2rem; }
a { color: #0645ad; text-decoration: none; }
"""


def _curie(term: URIRef | Literal) -> str:
    text = str(term)
    for namespace, prefix in PREFIXES.items():
        if text.startswith(namespace):
            return prefix + text[len(namespace) :]
    return text


def _ref(term: URIRef | Literal) -> str:
    """A term as HTML: a local link for ontology terms, an external link otherwise."""
    curie = escape(_curie(term))
    if isinstance(term, URIRef) and str(term).startswith(NAMESPACE):
        return f'<a href="#{escape(str(term)[len(NAMESPACE) :])}"><code>{curie}</code></a>'
    if isinstance(term, URIRef):
        return f'<a href="{escape(str(term))}"><code>{curie}</code></a>'
    return escape(str(term))


def _local(term: URIRef) -> str:
    return str(term)[len(NAMESPACE) :]


def _ours(graph: Graph, kind: URIRef) -> list[URIRef]:
    found = {s for s in graph.subjects(RDF.type, kind) if isinstance(s, URIRef)}
    return sorted((s for s in found if str(s).startswith(NAMESPACE)), key=_local)


def _by_language(graph: Graph, term: URIRef, predicate: URIRef) -> dict[str, str]:
    values = [o for o in graph.objects(term, predicate) if isinstance(o, Literal)]
    return {value.language or "": str(value) for value in values}


def _row(label: str, cells: list[str]) -> str:
    return f"<tr><th>{label}</th><td>{', '.join(cells)}</td></tr>" if cells else ""


def _term(graph: Graph, term: URIRef, kind: str) -> str:
    labels = _by_language(graph, term, RDFS.label)
    definitions = _by_language(graph, term, SKOS.definition)
    name = _local(term)
    rows = [_row("IRI", [f"<code>{escape(str(term))}</code>"])]
    rows += [
        _row(f"label ({lang})", [escape(labels[lang])]) for lang in LANGUAGES if lang in labels
    ]
    rows += [
        _row(f"definition ({lang})", [escape(definitions[lang])])
        for lang in LANGUAGES
        if lang in definitions
    ]
    for predicate, title in (
        (RDFS.subClassOf, "subclass of"),
        (OWL.equivalentClass, "equivalent to"),
        (RDFS.subPropertyOf, "subproperty of"),
        (RDFS.domain, "domain"),
        (RDFS.range, "range"),
        (RDFS.seeAlso, "see also"),
        (RDFS.comment, "note"),
        (CATEGORY, "category"),
    ):
        values = sorted(graph.objects(term, predicate), key=str)
        rows.append(_row(title, [_ref(v) for v in values if isinstance(v, URIRef | Literal)]))
    heading = escape(labels.get("en", name))
    small = f"<small>({kind} <code>rem:{escape(name)}</code>)</small>"
    return f'<h3 id="{escape(name)}">{heading} {small}</h3>\n<table>{"".join(rows)}</table>'


def _tree(graph: Graph, classes: list[URIRef], parent: URIRef | None) -> str:
    """Nested list of the classes under `parent` (None: classes without an ontology parent)."""
    ours = set(classes)
    children = [
        c
        for c in classes
        if (parent in set(graph.objects(c, RDFS.subClassOf)))
        or (parent is None and not ours & set(graph.objects(c, RDFS.subClassOf)))
    ]
    if not children:
        return ""
    items = "".join(f"<li>{_ref(c)}{_tree(graph, classes, c)}</li>" for c in children)
    return f'<ul class="tree">{items}</ul>'


def render(graph: Graph) -> str:
    """The HTML page of an ontology graph."""
    ontology = URIRef(ONTOLOGY_IRI)
    title = escape(str(graph.value(ontology, RDFS.label) or "ontology"))
    description = escape(str(graph.value(ontology, DCTERMS.description) or ""))
    version = escape(str(graph.value(ontology, OWL.versionInfo) or ""))
    classes = _ours(graph, OWL.Class)
    sections = [
        ("Object properties", "object property", _ours(graph, OWL.ObjectProperty)),
        ("Datatype properties", "datatype property", _ours(graph, OWL.DatatypeProperty)),
        ("Annotation properties", "annotation property", _ours(graph, OWL.AnnotationProperty)),
        ("Datatypes", "datatype", _ours(graph, RDFS.Datatype)),
    ]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{title}</title><style>{STYLE}</style></head><body>",
        f"<h1>{title}</h1>",
        f"<p>{description}</p>",
        f"<p>Namespace <code>{escape(NAMESPACE)}</code> (prefix <code>rem:</code>), "
        f"version {version}. Generated from <code>ontology/remembrance.ttl</code> by "
        "<code>python -m remembrance.ontology.document</code>.</p>",
        "<h2>Contents</h2><ul>",
        '<li><a href="#classes">Classes</a></li>',
        *[
            f'<li><a href="#{kind.replace(" ", "-")}s">{title_}</a></li>'
            for title_, kind, _ in sections
        ],
        "</ul>",
        '<h2 id="classes">Classes</h2>',
        _tree(graph, classes, None),
        *[_term(graph, c, "class") for c in classes],
    ]
    for title_, kind, terms in sections:
        parts.append(f'<h2 id="{kind.replace(" ", "-")}s">{title_}</h2>')
        parts += [_term(graph, t, kind) for t in terms]
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def main() -> None:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUTPUT
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(parse_turtle(ONTOLOGY_FILE)), encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
