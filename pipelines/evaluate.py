"""Accuracy on the annotated gold set: entities, dates, linking and relations.

Gold documents are ``NAME.txt`` + ``NAME.json`` (format in tests/gold/README.md). Entity scores are
given for exact spans (same offsets and category) and lenient ones (overlapping, same category).
Linking accuracy counts gold mentions with an id that the system found (lenient span): correct when
the system linked them to that authority record, or, for a ``local:`` id, to one local entity that
every mention with that id shares. Relations are compared as (subject, predicate, object) sets per
document, on the predicates the gold set annotates, overall, per language and per event frame
(the frame a predicate belongs to in pipelines/frames/frames.toml, else the predicate itself).
"""

from __future__ import annotations

import datetime
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from remembrance.ontology.files import symmetric_properties
from remembrance.pipelines.authority import load_index
from remembrance.pipelines.frames.tables import frame_of_predicate
from remembrance.pipelines.reader import read_document
from remembrance.pipelines.records import Document, Extraction


@dataclass(frozen=True, slots=True)
class GoldDocument:
    path: Path
    language: str
    annotations: dict[str, Any]


def _share(part: int, whole: int) -> float:
    """part / whole, 0.0 when there is nothing to divide by."""
    return part / whole if whole else 0.0


@dataclass
class Counts:
    """True positives, predicted and gold totals, with precision, recall and F1."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, tp: int, predicted: int, gold: int) -> None:
        self.tp, self.predicted, self.gold = (
            self.tp + tp,
            self.predicted + predicted,
            self.gold + gold,
        )

    @property
    def precision(self) -> float:
        return _share(self.tp, self.predicted)

    @property
    def recall(self) -> float:
        return _share(self.tp, self.gold)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    exact: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    lenient: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    by_language: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    dates_correct: int = 0
    dates_gold: int = 0
    dates_found: Counts = field(default_factory=Counts)
    links_correct: int = 0
    links_total: int = 0
    cross_language: dict[str, bool] = field(default_factory=dict)
    relations: Counts = field(default_factory=Counts)
    relations_by_language: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    relations_by_frame: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    errors: list[str] = field(default_factory=list)

    @property
    def date_accuracy(self) -> float:
        return _share(self.dates_correct, self.dates_gold)

    @property
    def linking_accuracy(self) -> float:
        return _share(self.links_correct, self.links_total)


def load_gold(folder: Path) -> list[GoldDocument]:
    """The gold documents of one split folder."""
    paths = sorted(folder.glob("*.txt"))
    if not paths:
        raise ValueError(f"{folder}: no gold documents (*.txt with *.json) here")
    result = []
    for path in paths:
        annotations = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        result.append(GoldDocument(path, annotations["language"], annotations))
    return result


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _match_lenient(
    gold: Sequence[dict[str, Any]], predicted: Sequence[tuple[int, int, str]]
) -> int:
    """Gold spans matched one-to-one by an overlapping predicted span of the same category."""
    used: set[int] = set()
    matched = 0
    for item in gold:
        for i, (start, end, category) in enumerate(predicted):
            if (
                i not in used
                and category == item["category"]
                and _overlap((start, end), (item["start"], item["end"]))
            ):
                used.add(i)
                matched += 1
                break
    return matched


def _object_key(value: object) -> str:
    return str(value).removeprefix("local:")


def _relation(subject: str, predicate: str, object: str) -> tuple[str, str, str]:
    """A relation as compared: a symmetric one reads the same both ways round."""
    if predicate in symmetric_properties() and object < subject:
        subject, object = object, subject
    return subject, predicate, object


def score_document(
    gold: GoldDocument,
    extraction: Extraction,
    scores: Scores,
    local_links: dict[str, set[str]],
    links_by_id: dict[str, list[tuple[str, bool]]],
    predicates: set[str],
) -> None:
    annotations = gold.annotations
    gold_entities: list[dict[str, Any]] = annotations["entities"]
    predicted = [(m.mention.start, m.mention.end, m.entity.category) for m in extraction.mentions]
    for category in {*(e["category"] for e in gold_entities), *(p[2] for p in predicted)}:
        gold_c = [e for e in gold_entities if e["category"] == category]
        pred_c = [p for p in predicted if p[2] == category]
        exact = len({(e["start"], e["end"]) for e in gold_c} & {(p[0], p[1]) for p in pred_c})
        lenient = _match_lenient(gold_c, pred_c)
        for key in (category, "overall"):
            scores.exact[key].add(exact, len(pred_c), len(gold_c))
            scores.lenient[key].add(lenient, len(pred_c), len(gold_c))
        scores.by_language[gold.language].add(lenient, len(pred_c), len(gold_c))

    for item in gold_entities:
        if not any(_overlap((p[0], p[1]), (item["start"], item["end"])) for p in predicted):
            scores.errors.append(
                f"missed {gold.path.name}:{item['start']} {item['text']!r} {item['category']}"
            )
    for mention in extraction.mentions:
        span = (mention.mention.start, mention.mention.end)
        if not any(_overlap(span, (g["start"], g["end"])) for g in gold_entities):
            scores.errors.append(
                f"spurious {gold.path.name}:{span[0]} {mention.mention.text!r} "
                f"{mention.entity.category} ({mention.mention.source})"
            )

    records = load_index().records
    local_entities: dict[str, str] = {}  # a gold local: id → the local entity found at its mention
    for item in gold_entities:
        if not item.get("id"):
            continue
        found = next(
            (
                m
                for m in extraction.mentions
                if _overlap((m.mention.start, m.mention.end), (item["start"], item["end"]))
            ),
            None,
        )
        if found is None:
            continue
        scores.links_total += 1
        gold_id = str(item["id"])
        if gold_id.startswith("local:"):
            local_links[gold_id].add(found.entity.id)
            correct = found.entity.id not in records
            if correct:
                local_entities.setdefault(gold_id, found.entity.id)
        else:
            correct = found.entity.id == gold_id
        scores.links_correct += correct
        links_by_id[gold_id].append((gold.language, correct))
        if not correct:
            scores.errors.append(
                f"link {gold.path.name}:{item['start']} {item['text']!r}: "
                f"gold {gold_id}, system {found.entity.id}"
            )

    for date in annotations.get("dates", []):
        scores.dates_gold += 1
        found_date = next(
            (
                d
                for d in extraction.dates
                if _overlap((d.start, d.end), (date["start"], date["end"]))
            ),
            None,
        )
        if found_date is not None and found_date.value == date["value"]:
            scores.dates_correct += 1
        else:
            got = found_date.value if found_date else "nothing"
            scores.errors.append(
                f"date {gold.path.name}:{date['start']} {date['text']!r}: "
                f"gold {date['value']}, system {got}"
            )
    scores.dates_found.add(
        sum(
            any(_overlap((d.start, d.end), (g["start"], g["end"])) for g in annotations["dates"])
            for d in extraction.dates
        ),
        len(extraction.dates),
        len(annotations.get("dates", [])),
    )

    def resolved(value: object) -> str:  # "local:baugnez" is the local entity "baugnez-place"
        return local_entities.get(str(value), _object_key(value))

    gold_relations = {
        _relation(resolved(r["subject"]), r["predicate"], resolved(r["object"]))
        for r in annotations.get("relations", [])
    }
    system_relations = {
        _relation(s.subject, s.predicate, _object_key(s.object))
        for s in extraction.statements
        if s.predicate in predicates
    }
    scores.relations.add(
        len(gold_relations & system_relations), len(system_relations), len(gold_relations)
    )
    scores.relations_by_language[gold.language].add(
        len(gold_relations & system_relations), len(system_relations), len(gold_relations)
    )
    frames = frame_of_predicate()
    for frame in {frames.get(t[1], t[1]) for t in gold_relations | system_relations}:
        gold_f = {t for t in gold_relations if frames.get(t[1], t[1]) == frame}
        system_f = {t for t in system_relations if frames.get(t[1], t[1]) == frame}
        scores.relations_by_frame[frame].add(len(gold_f & system_f), len(system_f), len(gold_f))
    for kind, missing in (
        ("relation missed", gold_relations - system_relations),
        ("relation spurious", system_relations - gold_relations),
    ):
        scores.errors.extend(f"{kind} {gold.path.name}: {triple}" for triple in sorted(missing))


def evaluate(gold_documents: Sequence[GoldDocument], extractions: Iterable[Extraction]) -> Scores:
    """Scores of the extractions against the gold documents (same order)."""
    scores = Scores()
    local_links: dict[str, set[str]] = defaultdict(set)
    links_by_id: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    predicates = {
        r["predicate"] for g in gold_documents for r in g.annotations.get("relations", [])
    }
    for gold, extraction in zip(gold_documents, extractions, strict=True):
        score_document(gold, extraction, scores, local_links, links_by_id, predicates)
    for gold_id, ids in local_links.items():
        if len(ids) > 1:  # one local entity must serve every mention of it
            scores.links_correct -= len(ids) - 1
            scores.errors.append(f"link {gold_id}: split into {sorted(ids)}")
    for gold_id, outcomes in links_by_id.items():
        if len({language for language, _ in outcomes}) > 1:
            scores.cross_language[gold_id] = all(correct for _, correct in outcomes)
    return scores


def read_gold_documents(gold_documents: Sequence[GoldDocument]) -> list[Document]:
    """The gold texts as pipeline Documents (language and publication date from the gold)."""
    documents = []
    for gold in gold_documents:
        document = read_document(gold.path)
        published = gold.annotations.get("published")
        if published:
            document = replace(document, published=datetime.date.fromisoformat(published))
        documents.append(replace(document, language=gold.language))
    return documents
