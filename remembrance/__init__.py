"""remembrance: a knowledge graph of Belgian Second World War resistance and memorials."""

__version__ = "0.1.0"

_API = ("open_store", "query", "run", "catalogue")


def __getattr__(name: str) -> object:
    """The notebook API (remembrance.api), imported on first use to keep the package light."""
    if name in _API:
        from remembrance import api

        return getattr(api, name)
    raise AttributeError(f"module 'remembrance' has no attribute {name!r}")
