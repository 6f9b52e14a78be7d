"""Language of a document: py3langid's classifier (its model ships in its wheel), limited to the
pipeline's languages; the metadata's language wins over it (see reader.py)."""

from __future__ import annotations

from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from remembrance.config import LANGUAGES
from remembrance.pipelines.config import DEFAULT_CONFIG


@cache
def _identifier() -> LanguageIdentifier:
    """py3langid's model restricted to en/fr/nl, probabilities normalised over the three
    (loaded once per process, on first use: about 2 s)."""
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def identify_language(text: str) -> tuple[str, float]:
    """The most likely of en/fr/nl for the start of `text`, and its probability among the three
    (1/3 when the text has no letters to go by)."""
    sample = text[: DEFAULT_CONFIG["language_sample_characters"]]
    language, confidence = _identifier().classify(sample)
    return str(language), round(float(confidence), 3)
