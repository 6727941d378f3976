"""svodka `analyze_many` throughput against bare Natasha on the same real
articles in the same process, with the time per stage: NEREL test (93
articles) and NEREL dev (94), each with its own ratio.

    python benchmarks/throughput.py [--splits test dev] [--limit N] [--copies 1] [--repeat 3]

Bare Natasha is its full `Doc` pipeline: segmenter, morphology, syntax, NER,
lemmas of every token and normal forms of every span."""
from __future__ import annotations

import argparse
import os
import time
from collections import defaultdict

from corpus import articles, cpu_model, peak_rss_mb


def bare_natasha(texts, m) -> None:
    from natasha import Doc
    for text in texts:
        doc = Doc(text)
        doc.segment(m.segmenter)
        doc.tag_morph(m.morph)
        doc.parse_syntax(m.syntax)
        doc.tag_ner(m.ner)
        for token in doc.tokens:
            token.lemmatize(m.morph_vocab)
        for span in doc.spans:
            span.normalize(m.morph_vocab)


def svodka_many(texts, batch_docs: int) -> None:
    from svodka.pipeline import analyze_many
    for _ in analyze_many(texts, batch_docs=batch_docs):
        pass


def stage_times(texts, batch_docs: int) -> dict[str, float]:
    """Seconds per stage over all texts: `parse_many` per batch, then each
    later stage per document."""
    from svodka.document import Document
    from svodka.pipeline import STAGES
    from svodka.resources import load_resources
    from svodka.stages.parse import parse_many
    res, out = load_resources(), defaultdict(float)
    for i in range(0, len(texts), batch_docs):
        t = time.perf_counter()
        docs = parse_many([Document(text=x) for x in texts[i:i + batch_docs]])
        out["parse"] += time.perf_counter() - t
        for doc in docs:
            for stage in STAGES[1:]:
                t = time.perf_counter()
                doc = stage(doc, res)
                out[stage.__name__] += time.perf_counter() - t
    return out


def clear_caches() -> None:
    """Forget every lemma and pymorphy parse (of the vocabulary both paths
    use, svodka's pymorphy3 one) and every bounded memo of svodka's stages
    (`functools.lru_cache` with a maxsize: word-level look-ups), so each run
    pays for its vocabulary as a fresh process would (the conservative
    figure). What a process builds once (models, resource indexes) stays."""
    import sys
    from svodka.models import clear_caches as clear_svodka
    clear_svodka()
    for name, module in list(sys.modules.items()):
        if name.startswith("svodka."):
            for obj in list(vars(module).values()):
                params = getattr(obj, "cache_parameters", None)
                if params and params()["maxsize"] is not None:
                    obj.cache_clear()


def measure(repeat: int, runs: dict) -> dict[str, tuple[float, float]]:
    """Best (wall s, CPU s) of `repeat` runs of each `name -> fn`, the runs
    interleaved so that load from other processes hits all of them alike."""
    best = {name: (float("inf"), float("inf")) for name in runs}
    for _ in range(repeat):
        for name, fn in runs.items():
            clear_caches()
            wall, cpu = time.perf_counter(), time.process_time()
            fn()
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            best[name] = (min(best[name][0], wall), min(best[name][1], cpu))
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--splits", nargs="+", default=["test", "dev"], help="NEREL splits, one ratio each")
    ap.add_argument("--limit", type=int, default=None, help="articles per split (default: all)")
    ap.add_argument("--copies", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3, help="runs; the best is reported")
    ap.add_argument("--batch-docs", type=int, default=16)
    args = ap.parse_args()

    from svodka.distributed import pin_threads
    from svodka.models import load_models
    pin_threads()   # one BLAS thread, as in a worker: comparable and stable
    t = time.perf_counter()
    m = load_models()
    print(f"models loaded in {time.perf_counter() - t:.2f} s; CPU: {cpu_model()}; "
          f"best of {args.repeat}, BLAS pinned to 1 thread, load average {os.getloadavg()[0]:.2f}")
    for split in args.splits:
        texts = [text for _, text in articles(args.limit, args.copies, split=split, with_seed=False)]
        chars = sum(map(len, texts))
        bare_natasha(texts[:2], m)                     # warm both paths
        svodka_many(texts[:2], args.batch_docs)
        best = measure(args.repeat, {
            "bare natasha": lambda: bare_natasha(texts, m),
            "svodka analyze_many": lambda: svodka_many(texts, args.batch_docs)})
        print(f"NEREL {split}: {len(texts)} articles, {chars} chars")
        for name, (wall, cpu) in best.items():
            print(f"  {name:20} {len(texts) / wall:6.1f} articles/s {chars / wall:8.0f} chars/s"
                  f"  (by CPU time: {len(texts) / cpu:6.1f} articles/s)")
        (n_wall, n_cpu), (s_wall, s_cpu) = best.values()
        print(f"  ratio svodka / natasha on NEREL {split}: {n_wall / s_wall:.2f} "
              f"(by CPU time: {n_cpu / s_cpu:.2f})")
        clear_caches()
        stages = stage_times(texts, args.batch_docs)
        total = sum(stages.values())
        for name, secs in stages.items():
            print(f"    {name:20} {secs:7.3f} s  {100 * secs / total:5.1f} %")
    print(f"peak memory: {peak_rss_mb():.0f} MB; load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
