"""Run every benchmark and print figures and ratios with their targets: ``python -m benchmarks``.

``--full`` uses the 1M-quad SPARQL/load sizes and a larger corpus; see benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import gc
import json
import shutil
import subprocess
import sys
import tempfile
import time
import timeit
from collections.abc import Callable
from functools import partial
from pathlib import Path

from benchmarks.synthetic import write_corpus, write_long_text, write_nquads

ROWS: list[tuple[str, str, str, str]] = []


def report(name: str, value: float, target: str, passed: bool | None, unit: str = "") -> None:
    verdict = "-" if passed is None else ("PASS" if passed else "MISS")
    ROWS.append((name, f"{value:,.3g}{unit}", target, verdict))
    print(f"{name:<58} {value:>12,.3g}{unit:<6} {target:<10} {verdict}", flush=True)


def note(text: str) -> None:
    print(f"  {text}", flush=True)


def best(function: Callable[[], object], repeat: int = 3) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return min(timings)


def per_call(function: Callable[[], object], repeat: int = 5) -> float:
    """Seconds per call: the best of `repeat` batches of calls, each batch at least 0.2 s long
    (one call of a 0.1 ms query is below the machine's noise)."""
    timer = timeit.Timer(function)
    number, _ = timer.autorange()
    number = max(1, number)
    return min(timer.repeat(repeat=repeat, number=number)) / number


def throughput(folder: Path, language: str) -> None:
    """Words/s through extract() + RDF vs bare nlp.pipe, same model and texts, n_process 1 and 2."""
    from remembrance.graph.rdf import document_ntriples
    from remembrance.pipelines.config import DEFAULT_CONFIG
    from remembrance.pipelines.extract import extract, load_nlp, model_pipeline, spacy_batch_size
    from remembrance.pipelines.reader import read_documents

    documents = list(read_documents([folder]))
    words = sum(len(d.text.split()) for d in documents)
    bare = model_pipeline(language)
    load_nlp(language)
    list(extract(documents[:2]))  # warm up: models, authority index
    ours = {}
    texts = [d.text for d in documents]
    for n in (1, 2):

        def run_bare(n: int = n) -> None:  # the batch size extract() gives spaCy
            size = spacy_batch_size(len(texts), DEFAULT_CONFIG["batch_size"], n)
            list(bare.pipe(texts, batch_size=size, n_process=n))

        def run_ours(n: int = n) -> None:  # each document's graph as the build writes it
            [document_ntriples(x) for x in extract(documents, n_process=n)]

        bare_seconds, ours_seconds = best(run_bare, 1), best(run_ours, 1)
        ours[n] = words / ours_seconds
        note(
            f"{language} n_process={n}: bare {words / bare_seconds:,.0f} words/s, "
            f"ours {ours[n]:,.0f}"
        )
        report(
            f"build ÷ bare spaCy throughput ({language}), n_process={n}",
            bare_seconds / ours_seconds,
            "≥ 0.6",
            bare_seconds / ours_seconds >= 0.6,
        )
    scaling = ours[2] / ours[1]
    report(f"n_process scaling 1 → 2 (ours, {language})", scaling, "≥ 1.5", scaling >= 1.5)


QUERIES = {
    "label lookup": ('SELECT ?e WHERE { ?e rdfs:label "Entity 4321" }', 10.0),
    "date range FILTER": (
        "SELECT ?s ?d WHERE { ?s rem:earliest ?d "
        'FILTER(?d >= "1943-01-01"^^xsd:date && ?d < "1943-02-01"^^xsd:date) }',
        50.0,
    ),
    "two-hop join + COUNT": (
        "SELECT ?e (COUNT(DISTINCT ?doc) AS ?n) WHERE { ?m rem:refersTo ?e ; rem:inDocument ?doc ."
        ' ?doc rem:language "fr" } GROUP BY ?e ORDER BY DESC(?n) ?e LIMIT 10',
        3.0,
    ),
}
PROLOGUE = (
    "PREFIX rem: <https://w3id.org/remembrance/ontology#>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
)


def sparql(nquads: Path, work: Path) -> None:
    """Per query: rdflib in-memory ÷ our store, and our store ÷ bare pyoxigraph."""
    import pyoxigraph as ox
    from rdflib import Dataset

    from remembrance.graph.store import EmbeddedStore, OxigraphGeneration

    memory = Dataset(default_union=True)
    memory.parse(nquads, format="nquads")
    # The in-memory Dataset's millions of Python objects would otherwise be rescanned by every
    # full garbage collection, a cost charged to whichever engine allocates at that moment.
    gc.collect()
    gc.freeze()
    with EmbeddedStore(work / "store", read_only=False) as store:
        with store.writing() as target:
            assert isinstance(target, OxigraphGeneration)
            target.load_nquads(nquads)
        bare = ox.Store.read_only(str(store.generation))
        runners: dict[str, Callable[[str], int]] = {
            "rdflib": lambda text: len(list(memory.query(text))),
            "ours": lambda text: len(list(store.query(text))),
            "pyoxigraph": lambda text: len(  # every value read, as from our rows
                [tuple(row) for row in bare.query(text, use_default_graph_as_union=True)]  # type: ignore[union-attr]
            ),
        }
        for name, (query, target_ratio) in QUERIES.items():
            text = PROLOGUE + query
            rows = {engine: run(text) for engine, run in runners.items()}
            assert len(set(rows.values())) == 1, rows
            seconds = {engine: per_call(partial(run, text)) for engine, run in runners.items()}
            note(
                f"{name}: {rows['ours']} rows; "
                + ", ".join(f"{k} {v * 1000:.2f} ms" for k, v in seconds.items())
            )
            speedup = seconds["rdflib"] / seconds["ours"]
            report(
                f"SPARQL {name}: rdflib ÷ ours",
                speedup,
                f"≥ {target_ratio:g}×",
                speedup >= target_ratio,
            )
            overhead = seconds["ours"] / seconds["pyoxigraph"]
            report(f"SPARQL {name}: ours ÷ bare pyoxigraph", overhead, "≤ 1.3", overhead <= 1.3)


def child(code: str, *args: str) -> dict[str, float]:
    """Run `code` in a fresh interpreter; return its time and peak resident memory (MB).

    The peak is the kernel's VmHWM of the child's own address space: getrusage's ru_maxrss
    also counts the parent's memory copied by fork before exec, which hides the difference.
    """
    wrapper = (
        "import json, sys, time\n"
        "started = time.perf_counter()\n"
        f"{code}\n"
        "status = open('/proc/self/status').read().split('VmHWM:')[1].split()[0]\n"
        "print(json.dumps({'seconds': time.perf_counter() - started, 'peak_mb': "
        "int(status) / 1024}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", wrapper, *args], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr.strip().splitlines()[-1])
    return json.loads(result.stdout.strip().splitlines()[-1])


def bulk_load(nquads: Path, work: Path) -> None:
    """Time and peak memory of loading the N-Quads: rdflib in memory vs our store's bulk load."""
    rdflib = child(
        "from rdflib import Dataset\nDataset().parse(sys.argv[1], format='nquads')", str(nquads)
    )
    ours = child(
        "from pathlib import Path\nfrom remembrance.graph.store import EmbeddedStore\n"
        "with EmbeddedStore(Path(sys.argv[2]), read_only=False) as store:\n"
        "    with store.writing() as target:\n"
        "        target.load_nquads(Path(sys.argv[1]))",
        str(nquads),
        str(work / "load-store"),
    )
    note(
        f"rdflib {rdflib['seconds']:.1f} s, {rdflib['peak_mb']:.0f} MB; "
        f"ours {ours['seconds']:.1f} s, {ours['peak_mb']:.0f} MB"
    )
    faster = rdflib["seconds"] / ours["seconds"]
    report("bulk load: rdflib time ÷ ours", faster, "≥ 3×", faster >= 3)
    memory = ours["peak_mb"] / rdflib["peak_mb"]
    report("bulk load: our peak memory ÷ rdflib", memory, "≤ 0.6", memory <= 0.6)


def rebuild(work: Path) -> None:
    """No-change rebuild ÷ full build of the bundled corpus; one changed document, one graph."""
    from remembrance.corpus import bundled_corpus
    from remembrance.graph.build import build
    from remembrance.graph.store import EmbeddedStore

    corpus = work / "corpus"
    shutil.copytree(bundled_corpus(), corpus, ignore=shutil.ignore_patterns("*.py", "*.md"))
    with EmbeddedStore(work / "rebuild", read_only=False) as store:
        full = build([corpus], store)
        again = build([corpus], store)
        note(
            f"full build {full.seconds:.1f} s ({full.extracted} documents), "
            f"no-change rebuild {again.seconds:.2f} s"
        )
        report(
            "no-change rebuild ÷ full build",
            again.seconds / full.seconds,
            "≤ 0.05",
            again.seconds / full.seconds <= 0.05,
        )
        before = store.graph_names()
        text = next(corpus.rglob("*.txt"))
        text.write_text(text.read_text(encoding="utf-8") + "\nOne more sentence.\n", "utf-8")
        changed = build([corpus], store)
        after = store.graph_names()
    replaced = len(before - after) == 1 and len(after - before) == 1
    report(
        "one changed document: graphs re-extracted",
        changed.extracted,
        "= 1",
        changed.extracted == 1 and replaced,
    )


def memory_scaling(work: Path, documents: int) -> None:
    """Peak memory of `remembrance build` on a synthetic corpus 10× larger ÷ 1×."""
    peaks = {}
    for scale in (1, 10):
        folder = work / f"scale-{scale}"
        words = write_corpus(folder, documents * scale, seed=scale)
        peaks[scale] = child(
            "from remembrance.cli import app\n"
            "app(['build', sys.argv[1], '--store', sys.argv[2]], standalone_mode=False)",
            str(folder),
            str(work / f"store-{scale}"),
        )
        note(
            f"{scale}× ({documents * scale} documents, {words:,} words): "
            f"{peaks[scale]['seconds']:.1f} s, peak {peaks[scale]['peak_mb']:.0f} MB"
        )
    ratio = peaks[10]["peak_mb"] / peaks[1]["peak_mb"]
    report("peak memory building 10× corpus ÷ 1×", ratio, "≤ 1.5", ratio <= 1.5)


def long_text_memory(work: Path, language: str) -> None:
    """Peak memory of `remembrance extract` on one 20 MB text ÷ on one 2 MB text (the 20 MB
    text just under the reader's MAX_BYTES)."""
    from remembrance.pipelines.reader import MAX_BYTES

    peaks = {}
    for megabytes in (2, 20):
        size = min(megabytes * 1_000_000, MAX_BYTES)
        path = write_long_text(work / f"long-{megabytes}mb.txt", size, language)
        peaks[megabytes] = child(
            "import contextlib, os\n"
            "from remembrance.cli import app\n"
            "with open(os.devnull, 'w') as out, contextlib.redirect_stdout(out):\n"
            "    status = app(['extract', sys.argv[1]], standalone_mode=False)\n"
            "assert not status, f'extract failed with status {status}'",
            str(path),
        )
        note(
            f"{megabytes} MB {language} text ({path.stat().st_size:,} bytes): "
            f"{peaks[megabytes]['seconds']:.0f} s, "
            f"peak {peaks[megabytes]['peak_mb']:.0f} MB"
        )
    ratio = peaks[20]["peak_mb"] / peaks[2]["peak_mb"]
    report(f"peak memory extracting a 20 MB text ÷ 2 MB ({language})", ratio, "≤ 1.5", ratio <= 1.5)


def network() -> None:
    """The 20,000-node network HTML benchmark, when benchmarks/bench_network.py exists."""
    path = Path(__file__).with_name("bench_network.py")
    if not path.exists():
        note("benchmarks/bench_network.py not present: network benchmark skipped")
        return
    from benchmarks import bench_network

    bench_network.main([])


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--full", action="store_true", help="1M quads and a larger corpus")
    parser.add_argument("--skip-throughput", action="store_true", help="skip the spaCy figures")
    parser.add_argument(
        "--throughput-only", action="store_true", help="only the spaCy figures (en, fr, nl)"
    )
    parser.add_argument(
        "--long-text",
        choices=["en", "fr", "nl", "none"],
        default="nl",
        help="language of the 2 MB and 20 MB texts of the long-text memory figure (none: skip)",
    )
    options = parser.parse_args()
    entities, graphs = (100_000, 10_000) if options.full else (10_000, 1_000)
    documents = 40 if options.full else 10
    with tempfile.TemporaryDirectory(prefix="remembrance-bench-") as temporary:
        work = Path(temporary)
        print(f"{'figure':<58} {'measured':>12}       {'target':<10} verdict")
        if not options.skip_throughput:
            for language in ("en", "fr", "nl"):
                corpus = work / f"throughput-{language}"
                words = write_corpus(corpus, documents * 4, words=300, languages=language)
                note(f"throughput corpus: {documents * 4} {language} documents, {words:,} words")
                throughput(corpus, language)
        if not options.throughput_only:
            quads = write_nquads(work / "data.nq", entities, graphs)
            note(f"{quads:,} synthetic quads, {entities:,} entities, {graphs:,} named graphs")
            sparql(work / "data.nq", work)
            bulk_load(work / "data.nq", work)
            memory_scaling(work, documents)
            if options.long_text != "none":
                long_text_memory(work, options.long_text)
            rebuild(work)
            network()
    misses = [row[0] for row in ROWS if row[3] == "MISS"]
    print(f"{len(ROWS)} figures, {len(misses)} MISS" + (f": {', '.join(misses)}" if misses else ""))


if __name__ == "__main__":
    main()
