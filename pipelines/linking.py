"""Entity linking: candidate generation, then selection in context, else a new local entity.

Generation proposes records for a mention (exact name, normalised name, fuzzy match); selection
scores them with the context (category agreement, records related to other entities named in the
same document, dates of the document). Mentions that match nothing become local entities whose id
is the slug of their name, so every document that names them reuses the same entity.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from remembrance.iris import slugify
from remembrance.pipelines.authority import AuthorityIndex, AuthorityRecord, normalise_label
from remembrance.pipelines.components import ARTICLES, TITLES
from remembrance.pipelines.config import DEFAULT_CONFIG
from remembrance.pipelines.dates import bounds, fits_period
from remembrance.pipelines.records import Candidate, DateMention, Entity, LinkedMention, Mention

_LEADING = tuple(a if a.endswith("'") else f"{a} " for a in ARTICLES)  # "the ", "l'" …
_TITLE_KEYS = {normalise_label(title) for title in TITLES}


def generate_candidates(
    mention: Mention,
    index: AuthorityIndex,
    fuzzy_threshold: float,
    weights: Mapping[str, float] = DEFAULT_CONFIG["linking"],
) -> list[Candidate]:
    """Records that could be meant by the mention, each with the generator's score."""
    if mention.record_ids:
        return [Candidate(rid, weights["by_label"], "label") for rid in mention.record_ids]
    key = normalise_label(mention.text)
    for prefix in ("", *_LEADING):
        if key.startswith(prefix) and (ids := index.by_label.get(key[len(prefix) :])):
            return [Candidate(rid, weights["by_normalised_name"], "normalised") for rid in ids]
    if mention.category == "Person" and (ids := index.by_surname.get(key)):
        return [Candidate(rid, weights["by_surname"], "surname") for rid in ids]
    if len(key) < DEFAULT_CONFIG["fuzzy_min_length"]:
        return []
    return [
        Candidate(rid, score / 100 * weights["by_fuzzy_name"], "fuzzy")
        for label, score in index.fuzzy.search(key, fuzzy_threshold, limit=3)
        for rid in index.by_label[label]
    ]


@dataclass(frozen=True, slots=True)
class Selection:
    """The outcome of selection: the chosen candidate, or none; when the best candidates scored
    too close to tell apart, none is chosen and `ambiguous` holds their record ids."""

    chosen: Candidate | None
    ambiguous: tuple[str, ...] = ()


def select(
    mention: Mention,
    candidates: Sequence[Candidate],
    index: AuthorityIndex,
    context_ids: set[str],
    sentence_ids: set[str],
    sentence_dates: Sequence[DateMention] = (),
    weights: Mapping[str, float] = DEFAULT_CONFIG["linking"],
) -> Selection:
    """The best-scoring candidate in context; none when no candidate scores enough, or when
    another scores within the ambiguity margin of it (then reported as ambiguous).

    Context: records related to the candidate (within two steps: its places of birth and death,
    its groups, ...) that the document names, and more strongly those named in the mention's
    sentence; between records with dates, the one whose period fits the dates of the sentence
    (the camp in 1942, its memorial in 2012), and more strongly the one with a date the sentence
    gives (a birth, a death). A statistical mention whose category disagrees with the record's is
    penalised, not excluded: on an exact name the authority record is more reliable than the NER
    label.
    """
    scored: list[tuple[float, str, Candidate]] = []
    several = len({c.entity_id for c in candidates}) > 1
    for candidate in candidates:
        record = index.records[candidate.entity_id]
        related = index.neighbourhood(record.id) if several else record.context
        score = (
            candidate.score
            + weights["related_in_document"] * len(related & context_ids)
            + weights["related_in_sentence"] * len(related & sentence_ids)
            + weights["named_in_document"] * (record.id in context_ids)
        )
        if mention.source == "ner" and record.category != mention.category:
            score += weights["category_disagrees"]
        if several and sentence_dates:
            fits = fits_period(index.period(record.id), sentence_dates)
            score += weights["period_fits"] * (1 if fits else -1)
            if _shares_a_date(record, sentence_dates):
                score += weights["date_matches"]
        scored.append((score, candidate.entity_id, candidate))
    scored.sort(key=lambda item: (-item[0], item[1]))
    if not scored or scored[0][0] < weights["min_score"]:
        return Selection(None)
    best = scored[0][0]
    margin = weights["ambiguity_margin"]
    close = sorted({rid for score, rid, _ in scored if round(best - score, 6) < margin})
    if len(close) > 1:
        return Selection(None, tuple(close))
    return Selection(scored[0][2])


def _shares_a_date(record: AuthorityRecord, dates: Sequence[DateMention]) -> bool:
    """One of the record's dates (to the day, month or year) is a date of the sentence."""
    for _, value in record.dates:
        earliest, latest = bounds(value)
        if earliest is None or latest is None or (latest - earliest).days > 366:
            continue
        if any(
            d.earliest
            and d.latest
            and (d.latest - d.earliest).days <= 366
            and earliest <= d.latest
            and d.earliest <= latest
            for d in dates
        ):
            return True
    return False


def local_entity(mention: Mention) -> Entity:
    """A new entity named after the mention, shared by every mention of that name and category."""
    key = normalise_label(mention.text)
    for prefix in _LEADING:
        key = key.removeprefix(prefix)
    # The category is part of the id: a name the NER tags as a person in one text and as a
    # group in another names two things, and an id never collides with an authority record.
    slug = f"{slugify(key)}-{mention.category.lower()}"
    label = mention.text[len(mention.text) - len(key) :]
    return Entity(slug, label.strip(), mention.category, mention.category, local=True)


def _name_words(names: Sequence[str]) -> set[str]:
    """The capitalised words of a person's names before any comma, titles left out:
    "Prince Charles, Count of Flanders" → {"charles"}; "Leopold III" → {"leopold", "iii"}."""
    words = set()
    for name in names:
        for word in name.split(",")[0].split():
            if word[:1].isupper() and len(word) > 2:
                words.add(normalise_label(word))
    return words - _TITLE_KEYS


def _short_form_of(
    mention: Mention, linked: Sequence[LinkedMention], index: AuthorityIndex
) -> LinkedMention | None:
    """An earlier Person whose name ends with this mention ("De Jongh" → "Andrée de Jongh"),
    or, for one capitalised word, the latest earlier Person with that word in one of its names
    ("Charles" → "Prince Charles, Count of Flanders", "Leopold" → "Leopold III")."""
    key = normalise_label(mention.text)
    if mention.category != "Person" or " " in key and len(key.split()) > 2:
        return None
    one_word = " " not in key and mention.text[:1].isupper() and key not in _TITLE_KEYS
    for previous in reversed(linked):
        if previous.entity.category == "Person" and previous.mention is not mention:
            name = normalise_label(previous.entity.label)
            if name != key and name.endswith(" " + key):
                return previous
    if not one_word:
        return None
    for previous in reversed(linked):
        entity = previous.entity
        if entity.category != "Person" or previous.mention is mention:
            continue
        record = index.records.get(entity.id)  # None for a local entity
        names = record.names() if record is not None else (entity.label,)
        if key in _name_words(names):
            return previous
    return None


def _at_named_place(
    mention: Mention,
    record: AuthorityRecord,
    index: AuthorityIndex,
    ids_by_sentence: Mapping[tuple[int, int], set[str]],
) -> AuthorityRecord:
    """A bare event noun ("the liberation", "la bataille") linked to a record not tied to the
    places its sentence names means the one other record of the same class that is ("In
    Brussels the liberation is remembered": the liberation of Brussels, not of Belgium)."""
    if record.category != "Event" or not mention.text.islower() or " " in mention.text.strip():
        return record
    places = {
        i for i in ids_by_sentence.get(mention.sentence, ()) if index.records[i].category == "Place"
    }
    if record.context & places:
        return record  # the record is already the one of that place
    local = [
        other
        for other in index.of_class(record.class_name)
        if other.id != record.id and other.context & places
    ]
    return local[0] if len(local) == 1 else record


def _of_the_place_before(
    mention: Mention,
    proposed: list[Candidate],
    before: LinkedMention,
    index: AuthorityIndex,
    weights: Mapping[str, float],
) -> list[Candidate]:
    """Candidates of an ambiguous name right after a place name ("the Liège Enclos"): the one
    record tied to that place (in its context or its label) gains `place_before`."""
    if before.entity.category != "Place" or not 0 < mention.start - before.mention.end <= 1:
        return proposed
    place = normalise_label(before.entity.label)
    tied = {
        c.entity_id
        for c in proposed
        if before.entity.id in index.records[c.entity_id].context
        or place in normalise_label(index.records[c.entity_id].label)
    }
    if len(tied) != 1:
        return proposed
    return [
        replace(c, score=c.score + weights["place_before"]) if c.entity_id in tied else c
        for c in proposed
    ]


def link_mentions(
    mentions: Sequence[Mention],
    index: AuthorityIndex,
    fuzzy_threshold: float = DEFAULT_CONFIG["fuzzy_threshold"],
    dates: Sequence[DateMention] = (),
    undated: Mapping[tuple[int, int], DateMention] | None = None,
) -> list[LinkedMention]:
    """Link every mention of one document, in text order; `dates` are the document's dates,
    `undated` the date a sentence without a date expression speaks of, where one is known (the
    publication date of a sentence in the present tense)."""
    weights: dict[str, float] = DEFAULT_CONFIG["linking"]
    candidates = [generate_candidates(m, index, fuzzy_threshold, weights) for m in mentions]
    # Context: records proposed unambiguously anywhere in the document, and in each sentence.
    unambiguous = [
        (m, c[0].entity_id)
        for m, c in zip(mentions, candidates, strict=True)
        if c and c[0].reason != "surname" and len({x.entity_id for x in c}) == 1
    ]
    context_ids = {rid for _, rid in unambiguous}
    ids_by_sentence: dict[tuple[int, int], set[str]] = defaultdict(set)
    for m, rid in unambiguous:
        ids_by_sentence[m.sentence].add(rid)
    dates_by_sentence: dict[tuple[int, int], list[DateMention]] = defaultdict(list)
    for sentence in {m.sentence for m in mentions}:
        dates_by_sentence[sentence] = [d for d in dates if sentence[0] <= d.start < sentence[1]]
        if not dates_by_sentence[sentence] and undated and sentence in undated:
            dates_by_sentence[sentence] = [undated[sentence]]
    linked: list[LinkedMention] = []
    for mention, proposed in zip(mentions, candidates, strict=True):
        if len(proposed) > 1 and linked:  # the latest of the candidates named before wins ties
            latest = next(
                (
                    item.entity.id
                    for item in reversed(linked)
                    if item.entity.id in {c.entity_id for c in proposed}
                ),
                None,
            )
            bonus = weights["named_before"]
            proposed = [
                replace(c, score=c.score + bonus) if c.entity_id == latest else c for c in proposed
            ]
        if len(proposed) > 1 and linked:
            proposed = _of_the_place_before(mention, proposed, linked[-1], index, weights)
        selection = select(
            mention,
            proposed,
            index,
            context_ids,
            ids_by_sentence[mention.sentence],
            dates_by_sentence[mention.sentence],
            weights,
        )
        if (chosen := selection.chosen) is not None:
            record = _at_named_place(
                mention, index.records[chosen.entity_id], index, ids_by_sentence
            )
            entity = record.entity()
            confidence = round(min(1.0, mention.confidence * chosen.score), 3)
            linked.append(LinkedMention(mention, entity, confidence))
        elif (antecedent := _short_form_of(mention, linked, index)) is not None:
            confidence = antecedent.confidence * weights["short_form"]
            linked.append(LinkedMention(mention, antecedent.entity, confidence))
        else:
            entity = local_entity(mention)
            linked.append(LinkedMention(mention, entity, mention.confidence, selection.ambiguous))
    return linked
