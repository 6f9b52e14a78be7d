"""The one store factory: a location → the embedded store or a remote SPARQL server.

Every command, the Python API and the tests open stores here, so both backends are reached by the
same code (the contract suite in tests/test_store_contract.py runs over both).
"""

from __future__ import annotations

from pathlib import Path

from remembrance.graph.remote import RemoteStore
from remembrance.graph.store import EmbeddedStore, Store


def open_store(location: str | Path, *, read_only: bool = True) -> Store:
    """The store at `location`: a SPARQL endpoint URL or an embedded store directory."""
    text = str(location)
    if text.startswith(("http://", "https://")):
        return RemoteStore(text, read_only=read_only)
    return EmbeddedStore(Path(location), read_only=read_only)
