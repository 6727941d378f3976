"""The per-article cost of the near-duplicate lookup: a store holding N
first copies (made-up distinct articles, as `sustained.py` makes them, saved
unanalyzed with their signatures and band rows), then M new articles looked
up, timing apart the MinHash signature, the store-backed lookup
(`StoredNearDuplicates.first_copy`, one query) and, for comparison, the
in-memory index holding the same N signatures (`NearDuplicates`).

    python benchmarks/dedup_lookup.py [--stored 20000] [--lookups 1000] [--db sqlite|URL]
"""
from __future__ import annotations

import argparse
import tempfile
import time

from sustained import distinct_articles


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stored", type=int, default=20_000)
    ap.add_argument("--lookups", type=int, default=1_000)
    ap.add_argument("--db", default="sqlite", help="sqlite (a temporary file) or a store URL")
    args = ap.parse_args()
    from svodka.document import Document
    from svodka.ingest.dedup import NearDuplicates, StoredNearDuplicates, minhash, to_bytes
    from svodka.store import Store
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/lookup.db" if args.db == "sqlite" else args.db
        with Store(url) as store:
            texts = distinct_articles(1, float("inf"))
            t0 = time.perf_counter()
            for _ in range(0, args.stored, 500):
                docs = [next(texts) for _ in range(500)]
                store.save_many(docs, signatures={d.key: to_bytes(minhash(d.text)) for d in docs})
            n = store.stats()["documents"]      # a made-up text may repeat: one key
            print(f"stored {n} first copies in {time.perf_counter() - t0:.0f} s")
            memory = NearDuplicates(store.signatures())
            near = StoredNearDuplicates(store)
            # new articles; every tenth a light edit of a stored one, so the
            # confirmation path runs too
            new = [next(texts) for _ in range(args.lookups)]
            keys = list(memory.kept)
            for i in range(0, len(new), 10):
                new[i] = Document(text=store.load(keys[i]).text + "\nФото: ТАСС")
            t = time.perf_counter()
            signatures = [minhash(d.text) for d in new]
            t_minhash = time.perf_counter() - t
            t = time.perf_counter()
            stored = [near.first_copy(mh) for mh in signatures]
            t_store = time.perf_counter() - t
            t = time.perf_counter()
            in_memory = [memory.first_copy(mh) for mh in signatures]
            t_memory = time.perf_counter() - t
            assert stored == in_memory, "the two indexes disagree"
            ms = 1000 / len(new)
            print(f"{len(new)} lookups ({sum(k is not None for k in stored)} near-duplicates) "
                  f"against {n} first copies ({store.engine.dialect.name}): "
                  f"minhash {t_minhash * ms:.3f} ms/article, store lookup {t_store * ms:.3f} "
                  f"ms/article, in-memory index {t_memory * ms:.3f} ms/article")


if __name__ == "__main__":
    main()
