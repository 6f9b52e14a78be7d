"""spaCy pipelines trained by the project and shipped in the package (one folder each)."""

from pathlib import Path

MODELS_DIR = Path(__file__).parent
