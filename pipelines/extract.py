"""Extraction: a pure function of (document, models, authority records) → Extraction.

Documents are processed in batches; within a batch each language goes through its own spaCy
pipeline with ``nlp.pipe``; results come back in input order. A document longer than
``chunk_characters`` is analysed chunk by chunk (see chunks.py), in bounded memory.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import replace
from functools import cache
from itertools import chain, islice

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from remembrance.config import checked_language
from remembrance.pipelines import components  # noqa: F401  (registers the factories)
from remembrance.pipelines.appositions import apposition_statements
from remembrance.pipelines.authority import AuthorityIndex, load_index
from remembrance.pipelines.chunks import shifted, split
from remembrance.pipelines.config import DEFAULT_CONFIG
from remembrance.pipelines.coreference import pronoun_subjects
from remembrance.pipelines.dated import date_statements, dated
from remembrance.pipelines.dates import continue_dates, find_dates
from remembrance.pipelines.dependency import dependency_statements
from remembrance.pipelines.errors import InputError
from remembrance.pipelines.events import frame_statements
from remembrance.pipelines.frames.tables import load_table
from remembrance.pipelines.historical.normalise import for_models, restored
from remembrance.pipelines.historical.titles import Titles
from remembrance.pipelines.kin_descriptions import kin_descriptions
from remembrance.pipelines.kinship import kinship_statements
from remembrance.pipelines.lifespan import lifespan_statements
from remembrance.pipelines.linking import link_mentions
from remembrance.pipelines.models import MODELS_DIR
from remembrance.pipelines.occurrences import occurrences
from remembrance.pipelines.patterns import pattern_statements
from remembrance.pipelines.pool import in_order, process_pool
from remembrance.pipelines.quantities import quantity_statements
from remembrance.pipelines.records import DateMention, Document, Extraction, Failure, Mention
from remembrance.pipelines.relations import combine
from remembrance.pipelines.rules import definite_descriptions, event_mentions
from remembrance.pipelines.tense import publication_dates


def model_pipeline(language: str, own_ner: bool = True) -> Language:
    """The statistical model of a language alone (a new copy): an installed package, or a folder
    of pipelines/models; its NER replaced by the language's `ner_models` entry if it has one
    (unless `own_ner` is false: the model as it was installed)."""
    model = DEFAULT_CONFIG["models"][language]
    if model is None:
        raise ValueError(f"no statistical model for language {language!r}")
    bundled = MODELS_DIR / model
    nlp = spacy.load(bundled if bundled.is_dir() else model)
    ner = DEFAULT_CONFIG["ner_models"].get(language)
    if ner is not None and own_ner:
        position = nlp.pipe_names.index("ner")
        nlp.remove_pipe("ner")
        nlp.add_pipe(
            "ner",
            # read with the model's vocabulary: its vectors, if any, are the NER's too
            source=spacy.load(MODELS_DIR / ner, vocab=nlp.vocab),
            first=position == 0 or None,  # spaCy takes False as a second constraint
            after=nlp.pipe_names[position - 1] if position else None,
        )
    return nlp


def _add_rules(nlp: Language, language: str) -> Language:
    """The person-name rule where configured, the gazetteer and the mention merger."""
    if language in DEFAULT_CONFIG["rule_person_names"]:
        nlp.add_pipe("remembrance_person_names")
    nlp.add_pipe("remembrance_gazetteer")
    nlp.add_pipe("remembrance_mentions")
    return nlp


def blank_pipeline(language: str) -> Language:
    """A blank pipeline of a language: a sentencizer, the rules and the gazetteer."""
    nlp = spacy.blank(language)
    nlp.add_pipe("sentencizer")
    return _add_rules(nlp, language)


@cache
def load_nlp(language: str) -> Language:
    """The spaCy pipeline of a language: its model (or a blank one), the gazetteer, the merger."""
    if DEFAULT_CONFIG["models"][checked_language(language)] is None:
        return blank_pipeline(language)
    nlp = model_pipeline(language)
    if language in DEFAULT_CONFIG["rule_sentences"]:
        nlp.add_pipe("sentencizer", before="parser")
    return _add_rules(nlp, language)


def _mentions(doc: Doc, sentences: list[tuple[int, int]], index: AuthorityIndex) -> list[Mention]:
    confidence: dict[str, float] = DEFAULT_CONFIG["confidence"]
    titles = Titles.of(doc.lang_)
    text = doc.text  # built from the tokens at each call: read once
    starts = [start for start, _ in sentences]
    result = []
    for span in doc.spans["mentions"]:
        source = "gazetteer" if span.id_ else "ner"
        # the sentence of its first token, as span.sent, which walks the Doc at each call
        sentence = sentences[bisect_right(starts, span.start_char) - 1]
        person = span.label_ == "Person"
        result.append(
            Mention(
                span.text,
                span.start_char,
                span.end_char,
                span.label_,
                source,
                confidence[source],
                sentence,
                index.by_label.get(span.id_, ()),
                titles.before(text, span.start_char) if person else None,
            )
        )
    return result


def _inside_a_date(mention: Mention, dates: Sequence[DateMention], starts: list[int]) -> bool:
    """Whether the mention lies within one of the dates (sorted, disjoint; `starts` theirs)."""
    position = bisect_right(starts, mention.start) - 1
    return position >= 0 and mention.end <= dates[position].end


def analyse(
    doc: Doc, document: Document, index: AuthorityIndex, dates: list[DateMention] | None = None
) -> Extraction:
    """Everything found in one parsed document; `dates` when they were found already."""
    text = document.text
    sentences = [(s.start_char, s.end_char) for s in doc.sents]
    if dates is None:
        dates = find_dates(text, document.language, published=document.published)
    starts = [d.start for d in dates]
    mentions = [  # "8 May 1945" is a date, even where a record has it as a name
        m for m in _mentions(doc, sentences, index) if not _inside_a_date(m, dates, starts)
    ]
    table = load_table(document.language)
    mentions += event_mentions(text, sentences, mentions, dates, index, table)
    mentions.sort(key=lambda m: m.start)
    linked = link_mentions(
        mentions, index, dates=dates, undated=publication_dates(doc, document, dates)
    )
    reliable = [item for item in linked if item.mention.source != "ner"]
    descriptions = definite_descriptions(text, sentences, reliable, index, table)
    linked = [  # a resolved "the Memorial" replaces whatever the NER made of it
        item
        for item in linked
        if not any(
            d.mention.start < item.mention.end and item.mention.start < d.mention.end
            for d in descriptions
        )
    ]
    linked = sorted([*linked, *descriptions], key=lambda item: item.mention.start)
    kinship = kinship_statements(text, linked, table)
    # what kin descriptions ("her father") resolve through (they read only the kin predicates)
    kin = [*dependency_statements(doc, linked, table), *kinship]
    described = kin_descriptions(text, linked, sentences, table, kin)
    named = sorted([*linked, *described], key=lambda item: item.mention.start)
    anaphors = [*described, *pronoun_subjects(text, named, sentences, table)]
    with_pronouns = sorted([*linked, *anaphors], key=lambda item: item.mention.start)
    nominal = [a for a in anaphors if a.mention.text.lower() not in table.pronouns]
    relations = combine(  # the parse resolves pronouns itself; "le camp" it takes resolved
        dependency_statements(
            doc, sorted([*linked, *nominal], key=lambda item: item.mention.start), table
        ),
        pattern_statements(text, with_pronouns, dates, table),
        apposition_statements(text, linked, table),
        kinship,
    )
    statements = combine(
        dated(relations, dates),
        frame_statements(doc, with_pronouns, dates, sentences, table),
        date_statements(text, linked, dates, sentences, table, index),
        quantity_statements(text, linked, dates, sentences, table),
        lifespan_statements(text, linked, dates),
    )
    return Extraction(document, linked, dates, statements, sentences, occurrences(statements))


def spacy_batch_size(texts: int, batch_size: int, n_process: int) -> int:
    """Documents per task for `texts` documents: `batch_size`, or less to give every process 4."""
    return batch_size if n_process == 1 else max(1, min(batch_size, texts // (4 * n_process)))


#: Runs extraction over documents, a Failure in place of a document that fails: `extract_each`
#: in this process, or `pipelines.distributed.DaskExtractor` on a cluster.
Extractor = Callable[[Iterable[Document]], Iterator[Extraction | Failure]]


def _analysed(doc: Doc, document: Document, index: AuthorityIndex) -> Extraction | Failure:
    try:
        return analyse(doc, document, index)
    except Exception as error:  # one document's failure is its own
        return Failure.of(document.path, error)


def _language_batch(
    documents: list[Document], language: str, index: AuthorityIndex
) -> list[Extraction | Failure]:
    """One language's documents of a batch, streamed through spaCy; if spaCy fails on the
    batch, the documents it had not yet given back are parsed again one by one."""
    nlp = load_nlp(language)  # a missing model is everyone's problem: it raises
    results: list[Extraction | Failure] = []
    try:
        docs = nlp.pipe((d.text for d in documents), batch_size=len(documents))
        for doc, document in zip(docs, documents, strict=True):
            results.append(_analysed(doc, document, index))
    except Exception as error:
        rest = documents[len(results) :]
        if len(rest) == 1:
            return [*results, Failure.of(rest[0].path, error)]
        return [*results, *(r for d in rest for r in _language_batch([d], language, index))]
    return results


@cache
def _acronyms() -> frozenset[str]:
    """The acronyms of the authority records, which normalisation keeps in upper case."""
    return frozenset(name for name, (label, _) in load_index().exact.items() if label == "NAME")


def extract_batch(documents: list[Document]) -> list[Extraction | Failure | None]:
    """The Extraction of each document of a batch, in order, or its Failure; None for a text
    longer than ``chunk_characters``, which `extract_parts` analyses in parts. The task of a
    worker process, and the same call in this process."""
    index = load_index()
    normalised = [for_models(document, _acronyms()) for document in documents]
    by_language: dict[str, list[int]] = defaultdict(list)
    for position, (document, _) in enumerate(normalised):
        if len(document.text) <= DEFAULT_CONFIG["chunk_characters"]:
            by_language[document.language].append(position)
    results: list[Extraction | Failure | None] = [None] * len(documents)
    for language, positions in by_language.items():
        done = _language_batch([normalised[p][0] for p in positions], language, index)
        for position, result in zip(positions, done, strict=True):
            normal, original = normalised[position][1], documents[position]
            if isinstance(result, Extraction):
                result = restored(result, normal=normal, original=original)
            results[position] = result
    return results


class PartError(InputError):
    """A chunk of a long document could not be analysed (raised while its parts are read)."""

    def __init__(self, failure: Failure) -> None:
        super().__init__(failure.message)
        self.failure = failure


def _chunked(original: Document, index: AuthorityIndex) -> Iterator[Extraction]:
    """The Extraction of a long document in parts, one per chunk, each made when it is read."""
    document, normal = for_models(original, _acronyms())
    nlp = load_nlp(document.language)
    limit = min(DEFAULT_CONFIG["chunk_characters"], nlp.max_length)
    start, year = 0, None
    for chunk in split(document.text, limit):
        try:
            dates, year = continue_dates(
                chunk, document.language, published=document.published, year=year
            )
            part = analyse(nlp(chunk), replace(document, text=chunk), index, dates)
        except Exception as error:  # one document's failure is its own
            raise PartError(Failure.of(document.path, error)) from error
        yield restored(shifted(part, start, document), normal=normal, original=original)
        start += len(chunk)


def merged(parts: Iterable[Extraction]) -> Extraction:
    """One Extraction of the parts of one document (in text order)."""
    result: Extraction | None = None
    for part in parts:
        if result is None:
            result = Extraction(part.document)
        result.mentions += part.mentions
        result.dates += part.dates
        result.statements += part.statements
        result.sentences += part.sentences
        result.occurrences += part.occurrences
    if result is None:
        raise ValueError("no parts to merge")
    return result


def _windows(
    documents: Iterable[Document], size: int, n_process: int
) -> Iterator[list[list[Document]]]:
    """The documents in batches of `size`; with several processes, in windows of `size` × 4 ×
    `n_process` documents cut into batches that give every process 4 (`spacy_batch_size`)."""
    iterator = iter(documents)
    while window := list(islice(iterator, size if n_process == 1 else size * n_process * 4)):
        step = spacy_batch_size(len(window), size, n_process)
        yield [window[i : i + step] for i in range(0, len(window), step)]


def _batches(
    windows: Iterable[list[list[Document]]], n_process: int
) -> Iterator[tuple[list[Document], list[Extraction | Failure | None]]]:
    """Each batch with its `extract_batch` results: here, or on `n_process` worker processes
    forked once the index and the first window's pipelines are loaded here (they share them)."""
    iterator = iter(windows)
    first = next(iterator, None)
    if first is None:
        return
    batches = chain.from_iterable(chain([first], iterator))
    if n_process == 1:
        for batch in batches:
            yield batch, extract_batch(batch)
        return
    _acronyms()  # loads the index
    for language in sorted({document.language for batch in first for document in batch}):
        load_nlp(language)
    with process_pool(n_process) as pool:
        submitted: deque[list[Document]] = deque()

        def submit(batch: list[Document]) -> Future[list[Extraction | Failure | None]]:
            submitted.append(batch)
            return pool.submit(extract_batch, batch)

        for results in in_order(submit, batches, 2 * n_process):
            yield submitted.popleft(), results


def extract_parts(
    documents: Iterable[Document], *, batch_size: int | None = None, n_process: int = 1
) -> Iterator[Iterator[Extraction] | Failure]:
    """Per document, in input order, its Extraction in parts, or a `Failure` in its place (the
    others go on). The models read each text normalised (historical/normalise.py); the records
    point into the original text. One part for a text of at most ``chunk_characters``, one per
    chunk for a longer one, made as it is read in this process (read them in order); a chunk
    that cannot be analysed raises a `PartError` holding the document's Failure.

    Documents go through `extract_batch` in batches of `batch_size`, in this process or, with
    `n_process` above 1, in that many worker processes, each extracting whole batches (spaCy
    and the analysis) and sending back the records, two batches per process in flight; batches
    are cut smaller when there are fewer documents, so that every process gets work (`_windows`).
    """
    size: int = batch_size or DEFAULT_CONFIG["batch_size"]
    for batch, results in _batches(_windows(documents, size, n_process), n_process):
        for document, result in zip(batch, results, strict=True):
            if result is None:
                yield _chunked(document, load_index())
            elif isinstance(result, Failure):
                yield result
            else:
                yield iter([result])


def extract_each(
    documents: Iterable[Document], *, batch_size: int | None = None, n_process: int = 1
) -> Iterator[Extraction | Failure]:
    """Extractions of the documents, in input order, streaming batch by batch (see
    `extract_parts`; a long document's parts are merged). A document that cannot be extracted
    becomes a `Failure` in its place and the others go on."""
    for parts in extract_parts(documents, batch_size=batch_size, n_process=n_process):
        if isinstance(parts, Failure):
            yield parts
            continue
        try:
            yield merged(parts)
        except PartError as error:
            yield error.failure


def extract(
    documents: Iterable[Document], *, batch_size: int | None = None, n_process: int = 1
) -> Iterator[Extraction]:
    """Like `extract_each`, but the first document that fails raises its one-line InputError."""
    for result in extract_each(documents, batch_size=batch_size, n_process=n_process):
        if isinstance(result, Failure):
            raise InputError(result.message)
        yield result
