"""Fill a store with at least 20,000 documents for the load benchmark:
real corpus articles, each analyzed once, and variants of them.

    python benchmarks/load/fill.py --db sqlite:///load.db [--documents 20000] [--articles 80]

A variant is an analyzed article with its own date, title, source and a
numbered line appended to its text: appending keeps every offset valid
(`doc.text[start:end] == item.text` still holds) and gives a new content
key, so each variant is a distinct stored document with the quotes, events,
amounts and entities of a real article, spread over 2008-2024. The analyzed
originals are cached next to the store (`<store>.analyzed.jsonl`) so a
re-fill skips the analysis.
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from corpus import CORPUS, SEED  # noqa: E402

FIRST_DAY = dt.date(2008, 1, 1)
DAYS = 17 * 365


def real_articles(limit: int) -> list[tuple[str, str]]:
    """(source, text): the seed, then NEREL dev, test and train articles."""
    paths = [SEED] + [p for split in ("dev", "test", "train")
                      for p in sorted((CORPUS / "nerel" / split).glob("*.txt"))]
    return [(str(p), p.read_text(encoding="utf-8")) for p in paths[:limit]]


def analyzed(limit: int, cache: Path):
    """The first `limit` real articles analyzed (from `cache` when it has them)."""
    from svodka.document import from_dict, to_dict
    if cache.exists():
        docs = [from_dict(json.loads(line)) for line in cache.open(encoding="utf-8")]
        if len(docs) >= limit:
            return docs[:limit]
    import svodka
    started = time.monotonic()
    items = [(text, {"source": source, "title": text.split("\n", 1)[0].strip()[:200] or None})
             for source, text in real_articles(limit)]
    docs = [dataclasses.replace(d, sentences=(), ner_spans=()) for d in svodka.analyze_many(items)]
    print(f"analyzed {len(docs)} articles in {time.monotonic() - started:.0f} s", flush=True)
    with cache.open("w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(to_dict(d), ensure_ascii=False) + "\n")
    return docs


def variant(doc, n: int):
    """Variant n of an analyzed document (see the module docstring)."""
    day = FIRST_DAY + dt.timedelta(days=(n * 7919) % DAYS)
    return dataclasses.replace(doc, text=f"{doc.text}\n\n#{n}", published=day.isoformat(),
                               title=f"{doc.title or 'article'} #{n}",
                               source=f"{doc.source}#v{n}", url=None)


def fill(db: str, documents: int, limit: int, batch: int = 500) -> int:
    from svodka.store import Store
    with Store(db) as store:
        path = Path(store.engine.url.database or "load.db")
        base = analyzed(limit, path.with_suffix(".analyzed.jsonl"))
        have = store.stats()["documents"] if hasattr(store, "stats") else 0
        started, saved = time.monotonic(), 0
        for first in range(0, documents, batch):
            docs = [variant(base[n % len(base)], n) for n in range(first, min(first + batch, documents))]
            saved += store.save_many(docs)
            print(f"\r{first + len(docs)} / {documents} documents "
                  f"({(first + len(docs)) / (time.monotonic() - started):.0f}/s)", end="", flush=True)
        print(f"\nstored {saved} new documents ({have} before) in "
              f"{time.monotonic() - started:.0f} s", flush=True)
        return saved


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True, help="store URL, e.g. sqlite:///load.db")
    ap.add_argument("--documents", type=int, default=20_000)
    ap.add_argument("--articles", type=int, default=80, help="real articles to analyze")
    args = ap.parse_args()
    fill(args.db, args.documents, args.articles)


if __name__ == "__main__":
    main()
