"""Paths to the shared corpus and gold. Import these with `from paths import
...`, never `from conftest import ...`: with a conftest.py in several test
folders, the module named `conftest` may be another folder's."""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SEED = CORPUS / "seed" / "000_ace31b1ed83a096e.txt"
GOLD = SHARED / "eval" / "quotes-dev.gold.jsonl"
POLITICAL_GOLD = SHARED / "eval" / "political-dev.gold.jsonl"
