"""Load and check the hand-annotated gold set (see README.md and GUIDELINES.md).

python tests/gold/tools.py          # check every document, print counts
"""

import json
import pathlib
import sys
from collections import Counter

from edtf import parse_edtf

from remembrance.config import LANGUAGES as PROJECT_LANGUAGES
from remembrance.ontology.categories import CATEGORIES as TOP_CATEGORIES

GOLD = pathlib.Path(__file__).resolve().parent
CATEGORIES = set(TOP_CATEGORIES)
LANGUAGES = set(PROJECT_LANGUAGES)


def documents(split=None):
    """Yield (split, doc_id, text, annotation) for every gold document."""
    for s in [split] if split else ["dev", "test"]:
        for path in sorted((GOLD / s).glob("*.json")):
            text = path.with_suffix(".txt").read_text(encoding="utf-8")
            yield s, path.stem, text, json.loads(path.read_text(encoding="utf-8"))


def check(doc_id, text, ann):
    """Return a list of problems found in one document."""
    errors = []
    if ann["language"] not in LANGUAGES:
        errors.append(f"{doc_id}: language {ann['language']!r}")
    spans = []
    for kind in ("entities", "dates"):
        for a in ann[kind]:
            if text[a["start"] : a["end"]] != a["text"]:
                errors.append(f"{doc_id}: offsets of {a['text']!r} do not match the text")
            if kind == "entities":
                spans.append((a["start"], a["end"], a["text"]))
                if a["category"] not in CATEGORIES:
                    errors.append(f"{doc_id}: category {a['category']!r}")
            else:
                try:
                    parse_edtf(a["value"])
                except Exception:
                    errors.append(f"{doc_id}: invalid EDTF {a['value']!r}")
    spans.sort()
    for (_, e1, t1), (s2, _, t2) in zip(spans, spans[1:], strict=False):
        if s2 < e1:
            errors.append(f"{doc_id}: overlapping entities {t1!r} and {t2!r}")
    ids = {a["id"] for a in ann["entities"]}
    values = {a["value"] for a in ann["dates"]}  # a date property's object is a date of the text
    for r in ann["relations"]:
        for end in ("subject", "object"):
            value = str(r[end])
            if end == "object" and value in values:
                continue
            if value not in ids and not value.replace(".", "").isdigit():
                errors.append(f"{doc_id}: relation {end} {value!r} is not annotated in the text")
    return errors


def stats():
    """Counts per split, language and category."""
    c = Counter()
    for split, _, text, ann in documents():
        key = (split, ann["language"])
        c[key + ("documents",)] += 1
        c[key + ("words",)] += len(text.split())
        c[key + ("dates",)] += len(ann["dates"])
        c[key + ("relations",)] += len(ann["relations"])
        for a in ann["entities"]:
            c[key + (a["category"],)] += 1
    return c


def main():
    errors = [e for _, doc_id, text, ann in documents() for e in check(doc_id, text, ann)]
    c = stats()
    cols = [
        "documents",
        "words",
        "Person",
        "Group",
        "Place",
        "Memorial",
        "Event",
        "dates",
        "relations",
    ]
    print("| split | lang | " + " | ".join(cols) + " |")
    print("|---|---|" + "---|" * len(cols))
    rows = sorted({k[:2] for k in c}) + [("all", "all")]
    for split, lang in rows:
        counts = [
            sum(
                v
                for k, v in c.items()
                if k[2] == col and split in ("all", k[0]) and lang in ("all", k[1])
            )
            for col in cols
        ]
        print(f"| {split} | {lang} | " + " | ".join(str(n) for n in counts) + " |")
    print("\n".join(errors) or "all checks passed", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
