"""Authority records at archive scale: ``python -m benchmarks.bench_authority``.

For the bundled records topped up to 400, and with 50,000 and 150,000 records (synthetic people
with many homonyms, benchmarks/synthetic.py), side by side in one run, each in fresh processes:
- compile: the first start-up with an empty cache (once per set of records; a note);
- start-up: ``remembrance extract`` of one short text, cache warm (interpreter to output);
- time per document and peak memory (VmHWM) extracting a synthetic corpus;
- linking accuracy on a gold set with planted homonyms (pairs of people of one name whose
  records differ by birth place, birth date and group; a sentence gives one of these, or none,
  when the right answer is "ambiguous"), and on the gold set's test split (``evaluate``).
Targets, with 50,000 extra records: start-up +5 s at most, time per document 1.3× at most, peak
memory +300 MB at most, accuracy not lower. ``--sizes`` picks other sizes.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.synthetic import synthetic_people, write_corpus, write_records

SIZES = (400, 50_000, 150_000)
PLANTED_SURNAMES = ["Plantaert", "Gheysens", "Verhaeghe", "Moerman", "Cnudde", "Dierickx"]
PLANTED_GIVEN = ["Achille", "Berthe", "Cyriel", "Denise", "Emile", "Fernande"]

CHILD = """
import json, sys, time
from pathlib import Path
from remembrance.pipelines.extract import extract
from remembrance.pipelines.reader import read_documents

documents = list(read_documents([Path(sys.argv[1])]))
gold = json.loads(Path(sys.argv[2]).read_text())
list(extract(documents[:1]))
started = time.perf_counter()
results = {r.document.path: r for r in extract(documents[1:])}
seconds = (time.perf_counter() - started) / (len(documents) - 1)
right = 0
for path, (name, expected) in gold.items():
    linked = [m for m in results[path].mentions if m.mention.text == name]
    if not linked:
        continue
    got = sorted(linked[0].ambiguous) if linked[0].ambiguous else linked[0].entity.id
    right += got == expected
status = open("/proc/self/status").read().split("VmHWM:")[1].split()[0]
print(json.dumps({"per_document": seconds, "accuracy": right / len(gold),
                  "peak_mb": int(status) / 1024}))
"""


def planted(count: int = 36) -> tuple[list[dict[str, str]], list[tuple[str, str, object]]]:
    """Pairs of homonyms, their records differing by birth place, birth date and group, and
    gold sentences (text with {record id} placeholders, name, expected id or sorted ids)."""
    rng = random.Random(7)
    template = synthetic_people(count, seed=11)
    cities = sorted({p["born_in"] for p in template})
    groups = sorted({p["group"] for p in template})
    people, gold = [], []
    for number in range(0, count, 2):
        given, surname = PLANTED_GIVEN[number // 2 % 6], PLANTED_SURNAMES[number // 12 % 6]
        a, b = (
            dict(template[number + i], id=f"planted-{number + i}", given=given, surname=surname)
            for i in (0, 1)
        )
        b["born_in"] = rng.choice([c for c in cities if c != a["born_in"]])
        b["group"] = rng.choice([g for g in groups if g != a["group"]])
        people += [a, b]
        target = rng.choice([a, b])
        sentence = rng.choice(
            [
                "{name} was born in {{{born_in}}}.",
                "{name} was a member of the {{{group}}} during the war.",
                "{name}, born on {born}, was arrested.",
            ]
        )
        full = f"{given} {surname}"
        gold.append((sentence.format(name=full, **target), full, target["id"]))
        gold.append((f"{full} was a baker.", full, sorted([a["id"], b["id"]])))
    return people, gold


def _label(record_id: str) -> str:
    from remembrance.pipelines.authority import load_index

    return load_index().records[record_id].labels["en"]


def write_gold(folder: Path, gold: list[tuple[str, str, object]]) -> dict[str, object]:
    """One English text per gold sentence; {path: (name, expected)}."""
    from datetime import date

    expected = {}
    for number, (sentence, name, answer) in enumerate(gold):
        text = re.sub(r"\{([^}]+)\}", lambda m: _label(m.group(1)), sentence)
        text = re.sub(
            r"\d{4}-\d\d-\d\d",
            lambda m: date.fromisoformat(m.group()).strftime("%-d %B %Y"),
            text,
        )
        path = folder / f"gold-{number:03d}.txt"
        path.write_text(text + "\n", encoding="utf-8")
        path.with_suffix(".json").write_text('{"language": "en"}', encoding="utf-8")
        expected[str(path)] = (name, answer)
    return expected


def run(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(
        command, capture_output=True, text=True, env={**os.environ, **env}, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr.strip().splitlines()[-1])
    return time.perf_counter() - started, result.stdout


def measure(size: int, work: Path, corpus: Path, gold: Path, people: list[dict[str, str]]) -> dict:
    from remembrance.pipelines.authority import load_index

    extra = size - len(load_index().records) - len(people)
    ontology = work / f"ontology-{size}"
    write_records(ontology, people + synthetic_people(max(0, extra), seed=size))
    env = {"REMEMBRANCE_ONTOLOGY_DIR": str(ontology), "REMEMBRANCE_CACHE": str(work / "cache")}
    one = sorted(corpus.glob("*.txt"))[0]
    extract = [sys.executable, "-m", "remembrance", "extract", str(one), "--format", "jsonl"]
    compiled, _ = run(extract, env)
    startup = min(run(extract, env)[0] for _ in range(2))
    _, output = run([sys.executable, "-c", CHILD, str(corpus), str(gold)], env)
    figures = json.loads(output.strip().splitlines()[-1])
    _, evaluation = run([sys.executable, "-m", "remembrance", "evaluate"], env)
    match = re.search(r"linking: accuracy ([0-9.]+)", evaluation)
    figures.update(
        records=size,
        compile=compiled,
        startup=startup,
        evaluate=float(match.group(1)) if match else float("nan"),
    )
    return figures


def main(arguments: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_authority")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--documents", type=int, default=40)
    options = parser.parse_args(arguments)
    people, gold = planted()
    with tempfile.TemporaryDirectory(prefix="remembrance-authority-") as temporary:
        work = Path(temporary)
        corpus = work / "corpus"
        write_corpus(corpus, options.documents, words=150, languages="en")
        expected = write_gold(corpus, gold)
        (work / "gold.json").write_text(json.dumps(expected), encoding="utf-8")
        rows = []
        for size in options.sizes:
            figures = measure(size, work, corpus, work / "gold.json", people)
            rows.append(figures)
            print(
                f"{size:>8,} records: compile {figures['compile']:.1f} s, start-up "
                f"{figures['startup']:.2f} s, {figures['per_document'] * 1000:.0f} ms/document, "
                f"peak {figures['peak_mb']:.0f} MB, planted homonyms "
                f"{figures['accuracy']:.3f}, gold test split linking {figures['evaluate']:.3f}",
                flush=True,
            )
    base = rows[0]
    print(f"\n{'figure':<44} " + " ".join(f"{r['records']:>10,}" for r in rows) + "   target")
    for key, unit, label in (
        ("startup", "s", "start-up, one text (cache warm)"),
        ("per_document", "ms", "time per document"),
        ("peak_mb", "MB", "peak memory"),
        ("accuracy", "", "accuracy, planted homonyms"),
        ("evaluate", "", "linking accuracy, gold test split"),
        ("compile", "s", "first start-up (compiles the index)"),
    ):
        scale = 1000 if unit == "ms" else 1
        print(
            f"{label + (f' ({unit})' if unit else ''):<44} "
            + " ".join(f"{r[key] * scale:>10,.3g}" for r in rows)
        )
    for row in rows[1:]:
        checks = (
            ("start-up growth (s)", row["startup"] - base["startup"], "≤ 5", 5),
            ("time per document ratio", row["per_document"] / base["per_document"], "≤ 1.3", 1.3),
            ("peak memory growth (MB)", row["peak_mb"] - base["peak_mb"], "≤ 300", 300),
        )
        for name, value, target, limit in checks:
            verdict = "PASS" if value <= limit else "MISS"
            print(
                f"{row['records']:>8,} vs {base['records']:,}: {name:<28} {value:>8.3g} "
                f"{target:<7} {verdict}"
            )
        for key in ("accuracy", "evaluate"):
            verdict = "PASS" if row[key] >= base[key] else "MISS"
            print(
                f"{row['records']:>8,} vs {base['records']:,}: {key + ' not lower':<28} "
                f"{row[key]:>8.3g} ≥ {base[key]:.3g} {verdict}"
            )


if __name__ == "__main__":
    main()
