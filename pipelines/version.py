"""The pipeline version: what decides whether a stored extraction is still current.

It is a hash of the configuration, of every file of the pipelines package (the extraction code,
the pattern and frame tables, models shipped inside it), of spaCy's version and of the version of
each model package the configuration names. A change to any of them re-extracts every document
at the next build (through the build's reference version); a change anywhere else does not.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

import spacy
from spacy.util import get_package_version

from remembrance.pipelines.config import DEFAULT_CONFIG

PACKAGE = Path(__file__).resolve().parent


def _files(root: Path) -> list[Path]:
    return sorted(
        p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.relative_to(root).parts
    )


@cache
def pipeline_version() -> str:
    """The version of the installed pipeline (computed once per process)."""
    return version_of(PACKAGE)


def version_of(root: Path) -> str:
    """A short hash of the pipelines package at `root` and everything else extraction depends
    on (see the module docstring)."""
    digest = hashlib.sha256(json.dumps(DEFAULT_CONFIG, sort_keys=True).encode())
    digest.update(f"spacy {spacy.__version__}".encode())
    for model in sorted(filter(None, DEFAULT_CONFIG["models"].values())):
        digest.update(f"{model} {get_package_version(model)}".encode())
    for path in _files(root):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
