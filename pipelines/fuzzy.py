"""Fuzzy look-up of names without a scan: an inverted index of character trigrams.

A name within rapidfuzz's ``fuzz.ratio`` threshold of the query is at most D insertions or
deletions away from it, and each of them destroys at most three of the query's trigrams; so it
shares all but 3·D of them, and holds at least one of any 3·D + 1 of them. Only the names under
the query's 3·D + 1 rarest trigrams are scored: the same result as scoring every name.
"""

from __future__ import annotations

import math
from array import array
from collections import defaultdict
from collections.abc import Iterable

from rapidfuzz import fuzz, process


def trigrams(text: str) -> set[str]:
    """The distinct character trigrams of a text (the text itself when shorter)."""
    return {text[i : i + 3] for i in range(max(1, len(text) - 2))}


class TrigramIndex:
    """Strings by their trigrams; `search` gives what a full rapidfuzz scan would give."""

    def __init__(self, keys: Iterable[str]) -> None:
        self.keys = sorted(set(keys))
        postings: dict[str, list[int]] = defaultdict(list)
        for number, key in enumerate(self.keys):
            for gram in trigrams(key):
                postings[gram].append(number)
        self.postings = {gram: array("I", numbers) for gram, numbers in postings.items()}

    def candidates(self, query: str, threshold: float) -> list[str]:
        """Keys that may score at least `threshold` (0-100) against the query."""
        ratio = threshold / 100
        if ratio <= 0:
            return self.keys
        longest = len(query) * (2 - ratio) / ratio
        edits = math.floor((1 - ratio) * (len(query) + longest) + 1e-9)
        grams = sorted(trigrams(query), key=lambda g: len(self.postings.get(g, ())))
        if 3 * edits + 1 > len(grams):
            return self.keys  # too short to filter: every key may match
        numbers: set[int] = set()
        for gram in grams[: 3 * edits + 1]:
            numbers.update(self.postings.get(gram, ()))
        return [self.keys[n] for n in sorted(numbers)]

    def search(self, query: str, threshold: float, limit: int) -> list[tuple[str, float]]:
        """The `limit` keys scoring best, at least `threshold`, with their fuzz.ratio score."""
        matches = process.extract(
            query,
            self.candidates(query, threshold),
            scorer=fuzz.ratio,
            score_cutoff=threshold,
            limit=limit,
        )
        return [(key, score) for key, score, _ in matches]
