"""The gold set, shipped in the package: `remembrance evaluate` runs wherever it is installed."""
