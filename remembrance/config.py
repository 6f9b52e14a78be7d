"""Configuration values: the base IRI, the default store location, the query limits and the
cache directory.

The base IRI and the store come from an environment variable when it is set, else from a
default; the query limits from command-line options, else from ``QUERY_LIMITS``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

#: The languages of texts, labels and models: English, French, Dutch.
LANGUAGES = ("en", "fr", "nl")


def checked_language(language: str) -> str:
    """`language`, when it is one of LANGUAGES; else a ValueError listing them."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}; choose one of {', '.join(LANGUAGES)}")
    return language


DEFAULT_BASE = "https://w3id.org/remembrance/"
BASE_ENV = "REMEMBRANCE_BASE"
STORE_ENV = "REMEMBRANCE_STORE"
CACHE_ENV = "REMEMBRANCE_CACHE"


def base_iri() -> str:
    """The base IRI under which entities, documents and mentions are named."""
    base = os.environ.get(BASE_ENV, DEFAULT_BASE)
    if not base.endswith(("/", "#")):
        raise ValueError(f"{BASE_ENV}={base!r}: the base IRI must end with '/' or '#'")
    return base


def default_store() -> Path:
    """The embedded store directory: $REMEMBRANCE_STORE, else a per-user data directory."""
    if env := os.environ.get(STORE_ENV):
        return Path(env)
    return Path(platformdirs.user_data_dir("remembrance")) / "store"


@dataclass(frozen=True)
class QueryLimits:
    """What one query may cost: on the endpoint (``serve``) and on the command line (``query``)."""

    timeout: float = 60.0  # seconds a query may run (as the Wikidata Query Service)
    max_bytes: int = 50_000_000  # endpoint: largest answer sent; a larger one is refused
    workers: int = 2  # endpoint: queries answered at the same time (one process each)


QUERY_LIMITS = QueryLimits()


@dataclass(frozen=True)
class ReviewThresholds:
    """What ``remembrance review`` lists (it changes nothing that is extracted)."""

    low_confidence: float = 0.7  # a link below this confidence needs a human
    near_duplicate: int = 90  # two labels at least this alike (rapidfuzz ratio, 0-100)


REVIEW = ReviewThresholds()


def cache_dir() -> Path:
    """Where compiled data (the authority index) is kept: $REMEMBRANCE_CACHE, else a per-user
    cache directory. Deleting it is always safe."""
    if env := os.environ.get(CACHE_ENV):
        return Path(env)
    return Path(platformdirs.user_cache_dir("remembrance"))
