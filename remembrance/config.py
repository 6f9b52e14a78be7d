"""Configuration values: the base IRI and the default store location.

Each value comes from an environment variable when it is set, else from a default.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

DEFAULT_BASE = "https://w3id.org/remembrance/"
BASE_ENV = "REMEMBRANCE_BASE"
STORE_ENV = "REMEMBRANCE_STORE"


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
