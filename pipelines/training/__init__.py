"""Training the shipped spaCy pipelines: pinned data (manifest), readers, silver labels."""
