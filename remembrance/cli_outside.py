"""`remembrance evaluate --outside NAME`: entity scores on an outside test split."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from remembrance.pipelines.outside import evaluate_outside, load_split, split_language


def print_outside(name: str, data: Path) -> None:
    language = split_language(name)
    documents = load_split(language, name, data)
    table = Table(
        "system",
        "category",
        "P strict",
        "R strict",
        "F1 strict",
        "P fuzzy",
        "R fuzzy",
        "F1 fuzzy",
        "gold",
        title=f"outside split {name} ({language}): {len(documents)} documents",
    )
    for system, scores in evaluate_outside(language, documents).items():
        for key in sorted(scores.fuzzy, key=lambda k: (k == "overall", k)):
            s, f = scores.strict[key], scores.fuzzy[key]
            values = (s.precision, s.recall, s.f1, f.precision, f.recall, f.f1)
            table.add_row(system, key, *(f"{v:.3f}" for v in values), str(f.gold))
    Console(width=max(Console().width, 110)).print(table)
