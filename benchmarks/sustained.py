"""A sustained ingest: `svodka ingest` (its Python API, the same `Ingest`
run the CLI makes) with `--workers 2` into a fresh SQLite store for N
minutes, over distinct articles, printing articles/s and the resident
memory of every process each minute; at the end the mean rate, whether it
reaches one million articles a day (≥ 11.6/s), and whether memory stayed flat.

    python benchmarks/sustained.py [--minutes 30] [--workers 2] [--seed 17]

The corpus has about a thousand texts, so the articles are made distinct:
each is a random run of paragraphs of corpus articles (NEREL train, dev and
test), drawn with a seeded RNG until it is as long as a corpus article
picked at random, so lengths follow the corpus. Two such articles share few
paragraphs, far below the near-duplicate threshold (MinHash over 5-word
shingles, Jaccard 0.8: `ingest/dedup.py`), and no two have the same key, so
every one is analyzed and stored (the counts are checked at the end)."""
from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from typing import Iterator

from corpus import CORPUS, cpu_model

ONE_MILLION_A_DAY = 1_000_000 / 86_400


def paragraphs_and_lengths() -> tuple[list[str], list[int]]:
    """The paragraphs of all NEREL texts, and the texts' lengths."""
    paragraphs, lengths = [], []
    for split in ("train", "dev", "test"):
        for path in sorted((CORPUS / "nerel" / split).glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            lengths.append(len(text))
            paragraphs += [p.strip() for p in text.split("\n") if len(p.strip()) > 40]
    return paragraphs, lengths


def distinct_articles(seed: int, until: float) -> Iterator:
    """Made-up articles (see the module docstring) until `time.monotonic()`
    passes `until`."""
    from svodka.document import Document
    rng = random.Random(seed)
    paragraphs, lengths = paragraphs_and_lengths()
    n = 0
    while time.monotonic() < until:
        target, parts, size = rng.choice(lengths), [], 0
        while size < target:
            parts.append(rng.choice(paragraphs))
            size += len(parts[-1]) + 1
        n += 1
        yield Document(text="\n".join(parts), source=f"sustained/{seed}/{n}")


def rss_by_process() -> dict[str, float]:
    """Resident MB of this process and of each process under it (the Dask
    nanny, workers and their analysis processes)."""
    import psutil
    me = psutil.Process()
    out = {f"client {me.pid}": me.memory_info().rss / 2**20}
    for child in me.children(recursive=True):
        try:
            name = " ".join(child.cmdline()[-2:])[-40:] or child.name()
            out[f"{child.pid} {name}"] = child.memory_info().rss / 2**20
        except psutil.Error:
            pass
    return out


class Meter:
    """Called with the tally after each document: prints a line a minute."""

    def __init__(self):
        self.start = self.last = time.monotonic()
        self.done_last = 0
        self.rows: list[tuple[float, float, dict[str, float]]] = []

    def __call__(self, tally) -> None:
        now = time.monotonic()
        if now - self.last < 60:
            return
        done = tally.analyzed + tally.near_duplicates
        rate = (done - self.done_last) / (now - self.last)
        rss = rss_by_process()
        self.rows.append((now - self.start, rate, rss))
        big = {k: v for k, v in rss.items() if v >= 150 or k.startswith("client")}
        print(f"{(now - self.start) / 60:5.1f} min  {rate:5.1f} articles/s  ({done} so far)  RSS MB: "
              + ", ".join(f"{k.split()[0]}={v:.0f}" for k, v in sorted(big.items())), flush=True)
        self.last, self.done_last = now, done


def memory_flat(rows, client: bool = False) -> tuple[bool, str]:
    """Flat: the largest process's (with `client`: the client's, which writes
    the store and holds the near-duplicate index) peak over the second half
    of the run is within 5 % (+ 20 MB) of its peak over the first half."""
    if len(rows) < 2:
        return True, "too short to tell"

    def peak(rss: dict[str, float]) -> float:
        return next(v for k, v in rss.items() if k.startswith("client")) if client \
            else max(rss.values())
    half = len(rows) // 2
    first = max(peak(r[2]) for r in rows[:half])
    second = max(peak(r[2]) for r in rows[half:])
    return second <= first * 1.05 + 20, (f"{'client' if client else 'largest process'}: "
                                          f"{first:.0f} MB, then {second:.0f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=float, default=30)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=17)
    args = ap.parse_args()
    from svodka.distributed import pin_threads
    from svodka.ingest.runner import Ingest
    from svodka.store import Store
    pin_threads()
    print(f"CPU: {cpu_model()}, {os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f}; "
          f"{args.minutes:g} min of ingest, workers={args.workers}", flush=True)
    meter = Meter()
    with tempfile.TemporaryDirectory() as tmp, Store(f"sqlite:///{tmp}/sustained.db") as store:
        until = time.monotonic() + args.minutes * 60
        summary = Ingest(store, workers=args.workers, on_progress=meter).run(
            distinct_articles(args.seed, until))
        secs = time.monotonic() - meter.start
        stats = store.stats()
    done = summary.analyzed + summary.near_duplicates
    rate = done / secs
    flat, why = memory_flat(meter.rows)
    client_flat, client_why = memory_flat(meter.rows, client=True)
    print(f"articles: {done} in {secs / 60:.1f} min (analyzed {summary.analyzed}, near-duplicates "
          f"{summary.near_duplicates}, failed {len(summary.failed)}); in the store: "
          f"{stats['documents']} documents, {stats['entities']} entities, {stats['quotes']} quotes, "
          f"{stats['events']} events")
    print(f"mean rate: {rate:.1f} articles/s = {rate * 86400 / 1e6:.2f} million a day "
          f"({'reaches' if rate >= ONE_MILLION_A_DAY else 'below'} one million a day)")
    for source, reason in summary.failed[:5]:
        print(f"  failed: {source}: {reason}")
    print(f"memory flat: {'yes' if flat else 'NO'} ({why}); client memory flat: "
          f"{'yes' if client_flat else 'NO'} ({client_why}); "
          f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
