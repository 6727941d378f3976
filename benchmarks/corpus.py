"""Real articles for the benchmarks: the seed article and NEREL (Russian
Wikinews) from `../shared/corpus`, read once; optionally many copies."""
from __future__ import annotations

import os
import resource
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("SVODKA_CORPUS", ROOT.parent / "shared" / "corpus"))
SEED = CORPUS / "seed" / "000_ace31b1ed83a096e.txt"


def articles(limit: int | None = None, copies: int = 1, split: str = "dev",
             with_seed: bool = True) -> list[tuple[str, str]]:
    """`(source, text)` pairs: the seed (if `with_seed`) then NEREL `split`
    articles in name order, `limit` of them in all, the whole list repeated
    `copies` times."""
    paths = [SEED] * with_seed + sorted((CORPUS / "nerel" / split).glob("*.txt"))
    items = [(str(p), p.read_text(encoding="utf-8")) for p in paths[:limit]]
    return items * copies


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux: KiB units)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_model() -> str:
    """The CPU model name from /proc/cpuinfo, for the record."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"
