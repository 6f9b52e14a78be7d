"""remembrance: a knowledge graph of Belgian Second World War resistance and memorials."""

__version__ = "0.1.0"
