"""The IRI scheme: one base IRI, stable names for entities, documents and mentions."""

from __future__ import annotations

import hashlib
import re
import unicodedata

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


def entity_iri(slug: str) -> URIRef:
    return URIRef(f"{base_iri()}entity/{slug}")


def entity_slug(iri: str) -> str:
    """The slug of an entity IRI under the configured base."""
    prefix = f"{base_iri()}entity/"
    if not iri.startswith(prefix):
        raise ValueError(f"{iri} is not an entity IRI under {prefix}")
    return iri[len(prefix) :]


def document_iri(digest: str) -> URIRef:
    return URIRef(f"{base_iri()}document/{digest}")


def mention_iri(digest: str, start: int, end: int) -> URIRef:
    return URIRef(f"{base_iri()}mention/{digest}/{start}-{end}")


def statement_iri(digest: str, key: str) -> URIRef:
    """A statement of a document, named by a hash of its content so rebuilds keep the IRI."""
    return URIRef(f"{base_iri()}statement/{digest}/{hashlib.sha1(key.encode()).hexdigest()[:12]}")


def event_iri(digest: str, key: str) -> URIRef:
    """An event a document reports, named by a hash of its frame, participant and sentence."""
    return URIRef(f"{base_iri()}event/{digest}/{hashlib.sha1(key.encode()).hexdigest()[:12]}")


def extractor_iri(name: str) -> URIRef:
    return URIRef(f"{base_iri()}extractor/{name}")


def system_graph(name: str) -> URIRef:
    """Named graphs that hold no document: "ontology", "authority", "build"."""
    return URIRef(f"{base_iri()}graph/{name}")
