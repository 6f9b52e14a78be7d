"""The ontology, SHACL shapes and authority records, as data."""
