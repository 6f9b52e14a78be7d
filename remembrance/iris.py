"""The IRI scheme: one base IRI, stable names for entities, documents and mentions."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from rdflib import URIRef

from remembrance.config import base_iri


def content_hash(text: str) -> str:
    """A short, stable hash of a document's text (the document's identity)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def slugify(label: str) -> str:
    """ASCII kebab-case of a label: "Enclos des Fusillés" → "enclos-des-fusilles"."""
    ascii_label = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_label.lower()).strip("-")
    if not slug:
        raise ValueError(f"cannot make a slug from {label!r}")
    return slug


@dataclass(frozen=True, slots=True)
class Iris:
    """The IRIs under one base, as plain strings (for writing many without reading the
    configuration each time); the functions below give them as rdflib terms."""

    base: str

    def entity(self, slug: str) -> str:
        return f"{self.base}entity/{slug}"

    def document(self, digest: str) -> str:
        return f"{self.base}document/{digest}"

    def mention(self, digest: str, start: int, end: int) -> str:
        return f"{self.base}mention/{digest}/{start}-{end}"

    def statement(self, digest: str, key: str) -> str:
        """A statement of a document, named by a hash of its content so rebuilds keep the IRI."""
        return f"{self.base}statement/{digest}/{hashlib.sha1(key.encode()).hexdigest()[:12]}"

    def event(self, digest: str, key: str) -> str:
        """An event a document reports, named by a hash of its frame, participant and sentence."""
        return f"{self.base}event/{digest}/{hashlib.sha1(key.encode()).hexdigest()[:12]}"

    def extractor(self, name: str) -> str:
        return f"{self.base}extractor/{name}"

    def system_graph(self, name: str) -> str:
        return f"{self.base}graph/{name}"


def iris() -> Iris:
    """The IRIs under the configured base IRI."""
    return Iris(base_iri())


def entity_iri(slug: str) -> URIRef:
    return URIRef(iris().entity(slug))


def entity_slug(iri: str) -> str:
    """The slug of an entity IRI under the configured base."""
    prefix = iris().entity("")
    if not iri.startswith(prefix):
        raise ValueError(f"{iri} is not an entity IRI under {prefix}")
    return iri[len(prefix) :]


def document_iri(digest: str) -> URIRef:
    return URIRef(iris().document(digest))


def event_iri(digest: str, key: str) -> URIRef:
    return URIRef(iris().event(digest, key))


def system_graph(name: str) -> URIRef:
    """Named graphs that hold no document: "ontology", "authority", "build"."""
    return URIRef(iris().system_graph(name))
