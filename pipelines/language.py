"""Language of a document: the metadata wins; otherwise a stop-word vote among en, fr and nl."""

from __future__ import annotations

import re

from remembrance.pipelines.config import LANGUAGES

_STOPWORDS = {
    "en": "the of and to in was were is that with for by on from his her which after had this",
    "fr": "le la les des du et est un une dans pour par sur au aux qui que fut été ont il elle",
    "nl": "de het een en van in is was werd zijn met voor door op aan die dat niet ook bij naar",
}
_ALL = {lang: set(words.split()) for lang, words in _STOPWORDS.items()}
#: Only words that belong to one language vote ("in", "was", "de" are shared).
_WORDS = {
    lang: words - set().union(*(other for o, other in _ALL.items() if o != lang))
    for lang, words in _ALL.items()
}
_TOKEN = re.compile(r"[a-zà-ÿ']+")


def detect_language(text: str) -> str | None:
    """The most likely of en/fr/nl, or None when the text gives too little evidence."""
    tokens = _TOKEN.findall(text[:5000].lower())
    scores = {lang: sum(token in words for token in tokens) for lang, words in _WORDS.items()}
    best = max(LANGUAGES, key=lambda lang: scores[lang])
    ranked = sorted(scores.values(), reverse=True)
    if ranked[0] < 2 or ranked[0] < 1.5 * ranked[1]:
        return None
    return best
