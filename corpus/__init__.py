"""The bundled corpus."""
