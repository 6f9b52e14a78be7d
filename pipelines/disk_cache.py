"""Compiled data kept on disk, named by the content hash of what it was compiled from.

A file is only ever written whole (to a temporary name, then renamed), so a reader never sees a
half-written one; one that cannot be read is compiled again and replaced. Files of other hashes
beyond the most recent few are removed.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from remembrance.config import cache_dir

T = TypeVar("T")
KEEP = 4  # files of one name kept (several record folders in use side by side)


def digest(paths: Iterable[Path], *extra: str) -> str:
    """SHA-256 of the files' names and contents, the Python version, and `extra`."""
    hasher = hashlib.sha256(sys.version.encode())
    for path in paths:
        hasher.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for text in extra:
        hasher.update(text.encode())
    return hasher.hexdigest()[:24]


def cached(name: str, key: str, compile: Callable[[], T]) -> T:
    """The object compiled for `key`, read from the cache directory, else compiled and stored."""
    folder = cache_dir()
    path = folder / f"{name}-{key}.pickle"
    if path.exists():
        try:
            with path.open("rb") as source:
                return pickle.load(source)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
            pass  # unreadable (another version's classes): compiled again below
    result = compile()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=f".{name}-", delete=False) as out:
            pickle.dump(result, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(out.name, path)
    except OSError as error:
        raise OSError(f"{folder}: cannot write the {name} cache ({error.strerror})") from error
    old = sorted(folder.glob(f"{name}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in old[KEEP:]:
        stale.unlink(missing_ok=True)
    return result
