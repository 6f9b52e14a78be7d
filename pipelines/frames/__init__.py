"""Event frames and relation patterns as data tables, one per language."""
