"""The ``remembrance`` command line."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from remembrance.cli_app import (
    FailFastOption,
    StoreOption,
    T,
    _store_path,
    app,
    console,
    error,
    report_failures,
    warning,
)
from remembrance.corpus import bundled_corpus
from remembrance.graph.store import StoreError
from remembrance.graph.stores import open_store
from remembrance.pipelines.errors import InputError
from remembrance.pipelines.records import Failure

if TYPE_CHECKING:
    from remembrance.pipelines.evaluate import Counts


class ExtractFormat(StrEnum):
    jsonl = "jsonl"
    ttl = "ttl"
    trig = "trig"


@app.command()
def build(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Text files or folders (default: the bundled corpus)."),
    ] = None,
    store: StoreOption = None,
    prune: Annotated[bool, typer.Option(help="Remove documents that are not in PATHS.")] = False,
    dask: Annotated[
        str | None,
        typer.Option("--dask", metavar="SCHEDULER", help="Extract on this Dask scheduler."),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=1, help="Extract on a local Dask cluster of N processes."),
    ] = None,
    endpoint: Annotated[
        str | None, typer.Option("--endpoint", help="Load into a SPARQL server instead of --store.")
    ] = None,
    fail_fast: FailFastOption = False,
    curation: Annotated[
        Path | None,
        typer.Option(
            help="Corrections folder (default: $REMEMBRANCE_CURATION, else beside store)."
        ),
    ] = None,
) -> None:
    """Build the graph of texts into the store; unchanged documents are skipped.

    A document that cannot be read or extracted is reported on a line of its own and the others
    are built (its previous version stays in the store); the exit status is then 1. The
    corrections of the curation folder (see 'remembrance curate') are applied.
    """
    from contextlib import AbstractContextManager, nullcontext

    from remembrance.graph.build import Extractor
    from remembrance.graph.build import build as run_build
    from remembrance.graph.curation import curation_folder, load_curation
    from remembrance.pipelines.extract import extract as run_extract
    from remembrance.pipelines.reader import collect_paths

    sources = paths or [bundled_corpus()]
    location = endpoint or _store_path(store)
    files = collect_paths(sources)  # walked once: the progress bar's total and the build's input
    corrections = load_curation(curation_folder(curation, location))
    extraction: AbstractContextManager[Extractor]
    if dask or workers:
        from remembrance.pipelines.distributed import dask_extractor

        extraction = dask_extractor(dask, workers)
    else:
        extraction = nullcontext(run_extract)
    with open_store(location, read_only=False) as target, extraction as extractor:
        with Progress(
            TextColumn("extracting"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        ) as bar:
            task = bar.add_task("extract", total=len(files))
            report = run_build(
                files,
                target,
                prune=prune,
                extractor=extractor,
                progress=lambda n: bar.advance(task, n),
                fail_fast=fail_fast,
                curation=corrections,
            )
        counts = target.query(
            "SELECT (COUNT(DISTINCT ?e) AS ?entities) (COUNT(DISTINCT ?s) AS ?statements) "
            "(COUNT(DISTINCT ?g) AS ?graphs) WHERE { "
            "{ ?m rem:refersTo ?e } UNION { ?s a rem:Statement } UNION { GRAPH ?g { ?x ?y ?z } } }"
        )
        row = next(iter(counts))
    for message in report.warnings:
        warning(message)
    if report.relinked:
        console.print("ontology, authority records or pipeline changed: every document relinked")
    console.print(
        f"store {location}: {report.documents} documents ({report.extracted} extracted, "
        f"{report.skipped} unchanged, {report.removed} removed, {len(report.failures)} failed), "
        f"{row[0]} entities, {row[1]} statements, {row[2]} named graphs, "
        f"{report.corrections} corrections, graph version {report.graph_version}, "
        f"{report.seconds:.1f} s"
    )
    report_failures(report.failures, len(files))


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Text files or folders.")],
    format: Annotated[ExtractFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ExtractFormat.jsonl
    ),
    fail_fast: FailFastOption = False,
) -> None:
    """Extract entities, dates and relations from texts, without a store (to standard output).

    A document that cannot be read or extracted is reported on a line of its own and the others
    are written; the exit status is then 1.
    """
    from remembrance.graph.jsonl import write_record
    from remembrance.graph.rdf import extraction_dataset
    from remembrance.pipelines.extract import PartError, extract_each, extract_parts
    from remembrance.pipelines.reader import read_each

    failures: list[Failure] = []

    def succeeded(items: Iterable[T | Failure]) -> Iterator[T]:
        for item in items:
            if not isinstance(item, Failure):
                yield item
            elif fail_fast:
                raise InputError(item.message)
            else:
                failures.append(item)

    documents = succeeded(read_each(paths))
    written = 0
    if format is ExtractFormat.jsonl:
        for parts in succeeded(extract_parts(documents)):
            try:  # a long text's parts are written as they come
                write_record(parts, sys.stdout)
                written += 1
            except PartError as error:  # nothing of that document was written
                if fail_fast:
                    raise
                failures.append(error.failure)
    else:
        done = list(succeeded(extract_each(documents)))
        written = len(done)
        dataset = extraction_dataset(done)
        if format is ExtractFormat.trig:
            sys.stdout.write(dataset.serialize(format="trig"))
        else:
            merged = dataset.graph()
            for graph in dataset.graphs():
                merged += graph
            sys.stdout.write(merged.serialize(format="turtle"))
    sys.stdout.flush()
    report_failures(failures, written + len(failures))


def main() -> None:
    """Entry point: known errors become one line on standard error and exit status 2."""
    try:
        app()
    except (InputError, StoreError, ValueError, OSError) as message:
        error(str(message))
        sys.exit(2)


def _default_gold() -> Path:
    """The test split of the gold set, shipped in the package (tests/gold/ in the repository)."""
    from importlib import resources

    return Path(str(resources.files("remembrance.gold"))) / "test"


@app.command()
def evaluate(
    gold: Annotated[
        Path | None,
        typer.Argument(
            help="A gold split folder (default: the test split shipped in the package)."
        ),
    ] = None,
    errors: Annotated[int, typer.Option(help="Print up to N errors for analysis.")] = 0,
    outside: Annotated[
        str | None,
        typer.Option(
            help="Score entities on this outside test split instead (e.g. icdar-nl-test)."
        ),
    ] = None,
    data: Annotated[
        Path, typer.Option(help="Folder of the training manifests' files (for --outside).")
    ] = Path("training-data"),
) -> None:
    """Precision, recall and F1 of entities, date and linking accuracy, relations, on gold data.

    With --outside, strict and fuzzy entity scores on a held-out public test split, for the
    pipeline, the spaCy model alone and the blank pipeline with the gazetteer and the rules."""
    if outside is not None:
        from remembrance.cli_outside import print_outside

        print_outside(outside, data)
        return
    from remembrance.pipelines.evaluate import evaluate as run_evaluate
    from remembrance.pipelines.evaluate import load_gold, read_gold_documents
    from remembrance.pipelines.extract import extract as run_extract

    folder = gold or _default_gold()
    if not folder.is_dir():
        raise InputError(f"{folder}: no such gold folder")
    documents = load_gold(folder)
    scores = run_evaluate(documents, run_extract(read_gold_documents(documents)))
    out = Console(width=max(Console().width, 110), markup=False)
    table = Table(
        "entities",
        "P exact",
        "R exact",
        "F1 exact",
        "P lenient",
        "R lenient",
        "F1 lenient",
        "gold",
        title=f"{folder}: {len(documents)} documents",
    )
    for key in sorted(scores.lenient, key=lambda k: (k == "overall", k)):
        e, le = scores.exact[key], scores.lenient[key]
        table.add_row(
            key,
            *(f"{v:.3f}" for v in (e.precision, e.recall, e.f1, le.precision, le.recall, le.f1)),
            str(le.gold),
        )
    for language, counts in sorted(scores.by_language.items()):
        table.add_row(
            f"language {language}",
            "",
            "",
            "",
            f"{counts.precision:.3f}",
            f"{counts.recall:.3f}",
            f"{counts.f1:.3f}",
            str(counts.gold),
        )
    out.print(table)
    cross = scores.cross_language
    out.print(
        f"dates: exact EDTF accuracy {scores.date_accuracy:.3f} ({scores.dates_correct}/"
        f"{scores.dates_gold}); spans P {scores.dates_found.precision:.3f} "
        f"R {scores.dates_found.recall:.3f}\n"
        f"linking: accuracy {scores.linking_accuracy:.3f} ({scores.links_correct}/"
        f"{scores.links_total} found mentions); cross-language entities linked everywhere: "
        f"{sum(cross.values())}/{len(cross)}\n"
        f"relations: P {scores.relations.precision:.3f} R {scores.relations.recall:.3f} "
        f"F1 {scores.relations.f1:.3f} ({scores.relations.tp} of {scores.relations.gold} gold, "
        f"{scores.relations.predicted} predicted)"
    )
    _relation_table(out, "relations per language", scores.relations_by_language)
    _relation_table(out, "relations per frame", scores.relations_by_frame)
    for line in scores.errors[:errors]:
        out.print(line, highlight=False)


def _relation_table(out: Console, title: str, counts: dict[str, Counts]) -> None:
    table = Table(title.split()[-1], "P", "R", "F1", "gold", "predicted", title=title)
    for key, c in sorted(counts.items()):
        table.add_row(
            key, *(f"{v:.3f}" for v in (c.precision, c.recall, c.f1)), str(c.gold), str(c.predicted)
        )
    out.print(table)


# Register the commands defined in the other CLI modules.
from remembrance import (  # noqa: E402, F401
    cli_curate,
    cli_maps,
    cli_network,
    cli_records,
    cli_sparql,
    cli_validate,
)
