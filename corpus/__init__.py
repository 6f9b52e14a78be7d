"""The bundled corpus: original texts with metadata and sources."""

from importlib import resources
from pathlib import Path


def bundled_corpus() -> Path:
    """The folder of the corpus shipped with the package."""
    return Path(str(resources.files(__name__)))
