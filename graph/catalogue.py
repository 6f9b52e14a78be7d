"""The catalogue of named SPARQL queries for historians (``graph/queries/NAME.rq``).

Each file starts with a header of comment lines::

    # title: Who belonged to which network
    # title_fr: Qui appartenait à quel réseau
    # description: …            (a repeated key continues the text)
    # description_fr: …
    # level: beginner            (beginner | intermediate | advanced)
    # param: network iri -  Only this network ("-": no default, any value)

Parameters are bound safely: each value becomes an RDF term built with rdflib (an IRI, a plain
string, an ``xsd:date`` or an ``xsd:integer``) and serialized with ``.n3()`` into a ``VALUES``
row inserted at the start of the query's first ``WHERE`` group; a missing value is ``UNDEF``
(no constraint). A value is never pasted into the query text as text, so ``"} ; DROP ALL ; {``
stays a string literal. Filters on parameters must therefore sit at the top level of that group.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from remembrance.graph.rdf import PREFIXES

LEVELS = ("beginner", "intermediate", "advanced")
TYPES = ("iri", "string", "date", "int")
NO_DEFAULT = "-"
_HEADER = re.compile(r"^#\s*(?P<key>[a-z_]+)\s*:\s*(?P<value>.*)$")
_WHERE = re.compile(r"^(?!\s*#).*?\bWHERE\s*\{", re.IGNORECASE | re.MULTILINE)
_IRI_FORBIDDEN = re.compile(r'[\s<>"{}|^`\\]')


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    default: str | None
    description: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    sparql: str
    level: str
    titles: dict[str, str] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    parameters: tuple[Parameter, ...] = ()

    @property
    def title(self) -> str:
        return self.titles["en"]

    @property
    def description(self) -> str:
        return self.descriptions["en"]

    def bound(self, values: Mapping[str, object] | None = None) -> str:
        """The query with its parameters bound: `values` (text or RDF terms) over the defaults."""
        given = dict(values or {})
        known = {p.name for p in self.parameters}
        if unknown := sorted(set(given) - known):
            raise ValueError(
                f"query {self.name!r} has no parameter {', '.join(unknown)} "
                f"(its parameters: {', '.join(sorted(known)) or 'none'})"
            )
        terms: dict[str, Identifier | None] = {}
        for parameter in self.parameters:
            value = given.get(parameter.name, parameter.default)
            terms[parameter.name] = (
                value
                if value is None or isinstance(value, Identifier)
                else to_term(parameter.type, str(value), parameter.name)
            )
        return bind(self.sparql, terms)


def _expand(value: str) -> str:
    from remembrance.config import base_iri

    if value.startswith("<") and value.endswith(">"):
        return value[1:-1]
    if value.startswith(("http://", "https://", "urn:")):
        return value
    prefix, colon, local = value.partition(":")
    namespaces = {**PREFIXES, "ent": f"{base_iri()}entity/"}
    if colon and prefix in namespaces:
        return namespaces[prefix] + local
    if not colon:
        return f"{base_iri()}entity/{value}"  # a bare slug names an entity
    raise ValueError(f"{value!r}: unknown prefix {prefix!r}")


def to_term(kind: str, value: str, name: str = "value") -> Identifier:
    """An RDF term from the text of a parameter of type `kind` (iri, string, date, int)."""
    try:
        if kind == "iri":
            iri = _expand(value.strip())
            if _IRI_FORBIDDEN.search(iri) or ":" not in iri:
                raise ValueError("not an IRI")
            return URIRef(iri)
        if kind == "date":
            return Literal(datetime.date.fromisoformat(value.strip()))
        if kind == "int":
            return Literal(int(value))
        if kind == "string":
            return Literal(value)
    except ValueError as error:
        raise ValueError(f"parameter {name}={value!r}: not a valid {kind} ({error})") from None
    raise ValueError(f"parameter {name}: unknown type {kind!r} (one of {', '.join(TYPES)})")


def python_term(value: object) -> Identifier:
    """An RDF term for a Python value: terms pass, dates, numbers and text become literals."""
    if isinstance(value, Identifier):
        return value
    if isinstance(value, bool | int | float | datetime.date | str):
        return Literal(value)
    raise ValueError(f"cannot bind {value!r} ({type(value).__name__}) in a query")


def bind(sparql: str, terms: Mapping[str, Identifier | None]) -> str:
    """`sparql` with a VALUES row for `terms` at the start of its first WHERE group."""
    if not terms:
        return sparql
    where = _WHERE.search(sparql)
    if where is None:
        raise ValueError("cannot bind parameters: the query has no 'WHERE {'")
    for name in terms:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise ValueError(f"{name!r} is not a SPARQL variable name")
    variables = " ".join(f"?{name}" for name in terms)
    row = " ".join("UNDEF" if term is None else term.n3() for term in terms.values())
    values = f"\n  VALUES ({variables}) {{ ({row}) }}\n"
    return sparql[: where.end()] + values + sparql[where.end() :]


def parse(name: str, text: str) -> NamedQuery:
    """A named query from the text of its .rq file; errors name the file."""
    fields: dict[str, str] = {}
    parameters: list[Parameter] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if match is None:
            continue
        key, value = match["key"], match["value"].strip()
        if key == "param":
            parts = value.split(maxsplit=3)
            if len(parts) < 4 or parts[1] not in TYPES:
                raise ValueError(f"{name}.rq: '# param: {value}' is not 'NAME TYPE DEFAULT text'")
            default = None if parts[2] == NO_DEFAULT else parts[2]
            parameters.append(Parameter(parts[0], parts[1], default, parts[3]))
        else:
            fields[key] = f"{fields[key]} {value}" if key in fields else value

    def by_language(key: str) -> dict[str, str]:
        found = {
            k.partition("_")[2] or "en": v for k, v in fields.items() if k.split("_")[0] == key
        }
        if "en" not in found:
            raise ValueError(f"{name}.rq: no '# {key}:' line")
        return found

    level = fields.get("level", "")
    if level not in LEVELS:
        raise ValueError(f"{name}.rq: level {level!r} is not one of {', '.join(LEVELS)}")
    query = NamedQuery(
        name, text, level, by_language("title"), by_language("description"), tuple(parameters)
    )
    for parameter in parameters:
        if parameter.default is not None:
            to_term(parameter.type, parameter.default, parameter.name)
    return query


def load_catalogue() -> dict[str, NamedQuery]:
    """Every named query shipped with the package, by name."""
    folder = resources.files("remembrance.graph") / "queries"
    return {
        entry.name[:-3]: parse(entry.name[:-3], entry.read_text(encoding="utf-8"))
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".rq")
    }


def named_query(name: str) -> NamedQuery:
    """One named query; the error lists the names."""
    catalogue = load_catalogue()
    if name not in catalogue:
        raise ValueError(f"no query named {name!r}; known: {', '.join(catalogue)}")
    return catalogue[name]
