"""Paths the tests share."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
CORPUS = ROOT / "corpus"
SEED_003 = SEEDS / "003_a46310c3712a617e.txt"
SEED_000 = SEEDS / "000_f7dd72df6cf2def8.txt"
