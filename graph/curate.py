"""Making corrections from what a store holds: the CLI's ``curate`` verbs and ``api.curate``.

A historian names entities (``ent:`` names or IRIs) and mentions (mention IRIs, as the review and
the queries show them); this module looks up what the correction must record so that it applies
to later builds on its own: a local entity's label and class, a mention's quote and context.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import URIRef

from remembrance.config import base_iri
from remembrance.graph.catalogue import bind
from remembrance.graph.correct import squash
from remembrance.graph.curation import (
    ANCHOR,
    Correction,
    Kind,
    check_class,
    entity_name,
    new_correction,
    ontology_classes,
    slug,
)
from remembrance.graph.store import Store
from remembrance.iris import content_hash, entity_iri, slugify
from remembrance.pipelines.authority import load_index
from remembrance.pipelines.errors import InputError
from remembrance.pipelines.reader import read_document


def describe(store: Store, name: str) -> tuple[str, str]:
    """Label and class of an entity: its authority record, else what the store says of it."""
    record = load_index().records.get(slug(entity_name(name)))
    if record is not None:
        return record.label, record.class_name
    node = entity_iri(slug(entity_name(name)))
    rows = list(
        store.query(
            bind("SELECT ?label ?class WHERE { ?e rdfs:label ?label ; a ?class }", {"e": node})
        )
    )
    classes = ontology_classes()
    for label, cls in sorted(rows, key=str):
        local = str(cls).rsplit("#", 1)[-1]
        if local in classes:
            return str(label), local
    raise InputError(f"{entity_name(name)}: no such entity in the store {store.location}")


def mention_fields(store: Store, mention: str) -> dict[str, object]:
    """Where a mention is, as a correction records it: the document's source path, the quote
    with its context, the start offset; and the entity it refers to."""
    iri = mention.strip().strip("<>")
    if not iri.startswith(f"{base_iri()}mention/"):
        raise InputError(f"{mention!r} is not a mention IRI (under {base_iri()}mention/)")
    rows = list(
        store.query(
            bind(
                "SELECT ?path ?hash ?start ?end ?entity WHERE { ?m rem:inDocument ?doc ; "
                "rem:start ?start ; rem:end ?end ; rem:refersTo ?entity . "
                "?doc rem:sourcePath ?path ; rem:contentHash ?hash }",
                {"m": URIRef(iri)},
            )
        )
    )
    if not rows:
        raise InputError(f"{iri}: no such mention in the store {store.location}")
    path, digest, start, end, entity = rows[0]
    try:
        text = read_document(Path(str(path))).text
    except (InputError, OSError) as error:
        raise InputError(f"{path}: the text is needed to anchor the mention: {error}") from None
    if content_hash(text) != str(digest):
        raise InputError(f"{path}: changed since the build; build again, then correct it")
    first, last = int(start), int(end)
    return {
        "document": str(path),
        "start": first,
        "quote": squash(text[first:last]),
        "prefix": squash(text[max(0, first - ANCHOR) : first]),
        "suffix": squash(text[last : last + ANCHOR]),
        "entity": entity_name(str(entity)),
    }


def correction_for(
    store: Store,
    kind: Kind | str,
    targets: list[str],
    *,
    why: str,
    who: str | None = None,
    label: str | None = None,
    class_name: str | None = None,
    period: str | None = None,
    document: str | None = None,
) -> Correction:
    """A correction of `kind` about `targets` (as the CLI takes them), completed from `store`.

    merge KEEP OTHER · split MENTION [ENTITY] (else a new entity named `label`) ·
    reject-mention MENTION · reject-statement SUBJECT PROPERTY OBJECT · retype ENTITY CLASS ·
    relabel ENTITY LABEL · alias ENTITY ALIAS · code-name ENTITY NAME · link ENTITY QID|RECORD ·
    promote ENTITY · confirm ENTITY | MENTION | SUBJECT PROPERTY OBJECT.
    """
    kind = Kind(kind)
    arity = {
        Kind.MERGE: (2,),
        Kind.SPLIT: (1, 2),
        Kind.REJECT_MENTION: (1,),
        Kind.REJECT_STATEMENT: (3,),
        Kind.RETYPE: (2,),
        Kind.RELABEL: (2,),
        Kind.ALIAS: (2,),
        Kind.CODE_NAME: (2,),
        Kind.LINK: (2,),
        Kind.PROMOTE: (1,),
        Kind.CONFIRM: (1, 3),
    }[kind]
    if len(targets) not in arity:
        raise InputError(f"{kind.value} takes {' or '.join(map(str, arity))} arguments")
    values: dict[str, object] = {}
    if kind is Kind.MERGE:
        values = {"entity": targets[0], "object": targets[1]}
        values["label"], values["class_name"] = describe(store, targets[0])
    elif kind is Kind.SPLIT:
        values = mention_fields(store, targets[0])
        if len(targets) == 2:
            values["entity"] = entity_name(targets[1])
            values["label"], values["class_name"] = describe(store, targets[1])
        else:
            if not label or not class_name:
                raise InputError(
                    "split: give the entity the mention belongs to, or --label and --class "
                    "of a new entity"
                )
            category = check_class(class_name)
            values.update(
                entity=f"ent:{slugify(label)}-{category.lower()}",
                label=label,
                class_name=class_name,
            )
    elif kind is Kind.REJECT_MENTION or (kind is Kind.CONFIRM and "/mention/" in targets[0]):
        values = mention_fields(store, targets[0])
    elif kind in (Kind.REJECT_STATEMENT, Kind.CONFIRM) and len(targets) == 3:
        values = {"entity": targets[0], "predicate": targets[1], "object": targets[2]}
        if document:
            values["document"] = document
    elif kind is Kind.RETYPE:
        values = {"entity": targets[0], "class_name": targets[1]}
    elif kind in (Kind.RELABEL, Kind.ALIAS, Kind.CODE_NAME):
        values = {"entity": targets[0], "label": targets[1], "period": period or ""}
    elif kind is Kind.LINK:
        values = {"entity": targets[0], "object": targets[1]}
    elif kind is Kind.PROMOTE:
        known_label, known_class = describe(store, targets[0])
        values = {
            "entity": targets[0],
            "label": label or known_label,
            "class_name": class_name or known_class,
        }
    else:  # confirm an entity
        values = {"entity": targets[0]}
    return new_correction(kind, why=why, who=who, **values)
