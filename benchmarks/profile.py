"""Where `analyze_many`'s time goes, by stage and, inside the parse, by
model: CPU seconds of each part on NEREL test and dev, caches cold at the
start of each run (as in a fresh process), best of `--repeat` runs.

    python benchmarks/profile.py [--splits test dev] [--repeat 3]

The parts are timed by wrapping them, so the figures add up to the run's
CPU time: segmentation (razdel), the morphology, syntax and NER models
(encoding, network and decoding of their batches), lemmas (natasha's
lemmatizer on each new word and tag), normal forms of NER spans (natasha's
normalizer), the rest of the parse (our tokens, trees, batching), then each
later stage."""
from __future__ import annotations

import argparse
import os
import time
from collections import defaultdict

from corpus import articles, cpu_model

SECONDS: dict[str, float] = defaultdict(float)


def timed(name: str, fn):
    def wrapper(*args, **kwargs):
        t = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            SECONDS[name] += time.process_time() - t
    return wrapper


def instrument() -> None:
    from svodka import pipeline
    from svodka.models import load_models
    from svodka.stages import parse
    from svodka.stages.inference import runner
    run = runner(load_models())
    run._morph = timed("morphology model", run._morph)
    run._syntax = timed("syntax model", run._syntax)
    run.ner_tags = timed("NER model", run.ner_tags)
    run._lemmatize = timed("lemmas (natasha lemmatizer)", run._lemmatize)
    parse._segment = timed("segmentation (razdel)", parse._segment)
    parse._adapt_span = timed("span normal forms (natasha)", parse._adapt_span)
    pipeline.parse_many = timed("parse", parse.parse_many)
    pipeline.STAGES = pipeline.STAGES[:1] + tuple(timed(s.__name__, s) for s in pipeline.STAGES[1:])


def profile(texts: list[str], repeat: int) -> dict[str, float]:
    from svodka.pipeline import analyze_many
    from throughput import clear_caches
    best: dict[str, float] = {}
    for _ in range(repeat):
        SECONDS.clear()
        clear_caches()
        t = time.process_time()
        for _ in analyze_many(texts):
            pass
        SECONDS["total"] = time.process_time() - t
        if not best or SECONDS["total"] < best["total"]:
            best = dict(SECONDS)
    inner = [k for k in best if k not in ("parse", "total") and k in _PARSE_PARTS]
    best["parse: our tokens, trees, batching"] = best["parse"] - sum(best[k] for k in inner)
    return best


_PARSE_PARTS = ("segmentation (razdel)", "morphology model", "syntax model", "NER model",
                "lemmas (natasha lemmatizer)", "span normal forms (natasha)")
_ORDER = ("parse", *_PARSE_PARTS, "parse: our tokens, trees, batching", "find_entities",
          "resolve_roles", "link_chains", "extract_quotes", "find_amounts", "code_events", "total")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--splits", nargs="+", default=["test", "dev"])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    from svodka.distributed import pin_threads
    pin_threads()
    instrument()
    print(f"CPU: {cpu_model()}; CPU seconds, best of {args.repeat}, caches cold, "
          f"BLAS pinned to 1 thread; load average {os.getloadavg()[0]:.2f}")
    figures = {}
    for split in args.splits:
        texts = [text for _, text in articles(split=split, with_seed=False)]
        profile(texts[:2], 1)   # warm the code paths
        figures[split] = profile(texts, args.repeat)
    print("| part | " + " | ".join(f"NEREL {s} (s, %)" for s in figures) + " |")
    print("|---|" + "---|" * len(figures))
    for name in _ORDER:
        cells = [f"{f.get(name, 0):.2f} ({100 * f.get(name, 0) / f['total']:.0f} %)"
                 for f in figures.values()]
        label = f"  {name}" if name in _PARSE_PARTS or name.startswith("parse:") else name
        print(f"| {label} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
