"""Benchmarks of speed, scale and memory; run ``python -m benchmarks`` (see README.md)."""
