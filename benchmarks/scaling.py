"""How analysis time grows with article length: the seed article repeated
1x, 4x and 16x, NEREL articles joined to the same lengths (distinct text, so
the lemma cache does not flatter), and a 128k-character article.

    python benchmarks/scaling.py [--repeat 2]

Linear means 16x the text takes at most 20x the time. Per-stage times of the
longest text show which stage grows faster than the rest."""
from __future__ import annotations

import argparse
import time

from corpus import SEED, articles, cpu_model, peak_rss_mb
from throughput import clear_caches

SIZES = (1, 4, 16)
LONG_CHARS = 128_000


def joined(texts: list[str], chars: int) -> str:
    """Whole articles joined by blank lines until the text reaches `chars`."""
    out, n = [], 0
    for text in texts:
        if n >= chars:
            break
        out.append(text.strip())
        n += len(out[-1]) + 2
    return "\n\n".join(out)


def timed(text: str, repeat: int) -> tuple[float, dict[str, float]]:
    """Best CPU time of `analyze(text)` with cold caches, and the CPU seconds
    per stage of the best run. CPU time, not wall time: other processes on
    the machine disturb it much less, and with BLAS pinned to one thread a
    quiet machine gives the same figure either way."""
    from svodka.document import Document
    from svodka.pipeline import STAGES
    from svodka.resources import load_resources
    res, best = load_resources(), (float("inf"), {})
    for _ in range(repeat):
        clear_caches()
        doc, stages = Document(text=text), {}
        for stage in STAGES:
            t = time.process_time()
            doc = stage(doc, res)
            stages[stage.__name__] = time.process_time() - t
        if sum(stages.values()) < best[0]:
            best = (sum(stages.values()), stages)
    return best


def report(label: str, text: str, secs: float, stages: dict[str, float], note: str) -> None:
    print(f"{label:24} {len(text):6} chars {secs:6.2f} s {note:>20}"
          f" {1e6 * secs / len(text):5.1f} ms per 1k chars")
    print("    " + "  ".join(f"{name} {s:.2f}" for name, s in stages.items()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=2, help="runs; the best is reported")
    args = ap.parse_args()
    from svodka.distributed import pin_threads
    from svodka.pipeline import analyze
    pin_threads()
    seed = SEED.read_text(encoding="utf-8").strip()
    others = [t for _, t in articles(split="train", with_seed=False)]
    analyze(seed)                                   # load models and resources
    print(f"CPU: {cpu_model()}; CPU seconds, cold caches, best of {args.repeat}, BLAS pinned to 1 thread")
    for label, make in (("seed x{n}", lambda n: "\n\n".join([seed] * n)),
                        ("NEREL {n}x seed length", lambda n: joined(others, n * len(seed)))):
        base = None
        for n in SIZES:
            text = make(n)
            secs, stages = timed(text, args.repeat)
            base = base or secs
            report(label.format(n=n), text, secs, stages, f"{secs / base:5.1f}x the 1x time")
    text = joined(others, LONG_CHARS)
    secs, stages = timed(text, args.repeat)
    report("NEREL 128k article", text, secs, stages, "")
    print(f"peak memory: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
