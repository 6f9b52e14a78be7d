"""RDF, stores, SPARQL, projections and renderers."""
