"""Ingest throughput with 1 and 2 local worker processes, as a ratio, and
peak memory per worker; and `svodka ingest` against `analyze_many` alone.

    python benchmarks/workers.py [--limit 300] [--skip-ingest] [--ratio-only] [--repeat 2]

Three measures: (1) analysis on warm Dask workers (`analyze_parallel` on a
LocalCluster of 1 or 2 single-threaded processes, models already loaded);
(2) `svodka ingest` end to end into a fresh SQLite store, `workers=1` (one
process, no Dask) against `workers=2` (cluster start-up included);
(3) on the same articles, `svodka.analyze_many` alone in this process
against `svodka ingest` with `workers=1` into a fresh SQLite store, both
warm (models loaded here; the ingest's analysis process started before the
clock), interleaved, best of `--repeat`, the ratio printed: what the ingest
costs beyond the analysis (key checks, MinHash and the near-duplicate
lookup, moving documents between processes, store writes)."""
from __future__ import annotations

import argparse
import resource
import tempfile
import time

from corpus import articles, cpu_model, peak_rss_mb


def _analysis_processes() -> list:
    """The calling process and its children: a Dask worker analyzes in a
    child process of its own (`limits.Guard`), which holds the models."""
    import psutil
    me = psutil.Process()
    return [me, *me.children(recursive=True)]


def worker_peak_mb() -> float:
    """Peak resident memory, in MB, of the largest of the calling process
    and its analysis processes (VmHWM; run on a worker)."""
    peaks = []
    for proc in _analysis_processes():
        try:
            with open(f"/proc/{proc.pid}/status") as f:
                peaks += [int(line.split()[1]) / 1024 for line in f if line.startswith("VmHWM:")]
        except OSError:
            pass
    return max(peaks, default=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def worker_cpu_s() -> float:
    """CPU seconds used so far by the calling process and its analysis
    processes (run on a worker)."""
    import psutil
    total = 0.0
    for proc in _analysis_processes():
        try:
            t = proc.cpu_times()
            total += t.user + t.system
        except psutil.Error:
            pass
    return total


def on_warm_workers(docs, n: int, batch_docs: int) -> tuple[float, float, float, list[float]]:
    """Wall seconds to analyze `docs` on `n` warm workers, the CPU seconds the
    workers and the client (with the scheduler) spent on it, and each
    worker's peak MB."""
    from distributed import Client
    from svodka.distributed import local_cluster, analyze_parallel
    with local_cluster(n) as cluster, Client(cluster) as client:
        for _ in analyze_parallel(docs[:2 * n], client=client, batch_docs=1):
            pass                                    # models loaded on every worker
        cpu = sum(client.run(worker_cpu_s).values())
        t, own = time.perf_counter(), time.process_time()
        count = sum(1 for _ in analyze_parallel(docs, client=client, batch_docs=batch_docs))
        secs, own = time.perf_counter() - t, time.process_time() - own
        cpu = sum(client.run(worker_cpu_s).values()) - cpu
        assert count == len(docs)
        return secs, cpu, own, sorted(client.run(worker_peak_mb).values())


def ingest_end_to_end(docs, n: int) -> float:
    """Seconds for `ingest(docs)` into a new SQLite store with `workers=n`."""
    from svodka.ingest.runner import ingest
    from svodka.store import Store
    with tempfile.TemporaryDirectory() as tmp, Store(f"sqlite:///{tmp}/bench.db") as store:
        t = time.perf_counter()
        summary = ingest(docs, store, workers=n)
        secs = time.perf_counter() - t
        assert summary.analyzed + summary.near_duplicates == len(docs), summary
        return secs


def analyze_many_alone(docs) -> float:
    """Seconds for `analyze_many(docs)` in this process, models loaded before."""
    import svodka
    for _ in svodka.analyze_many(docs[:2]):
        pass
    t = time.perf_counter()
    count = sum(1 for _ in svodka.analyze_many(docs))
    assert count == len(docs)
    return time.perf_counter() - t


def ingest_warm(docs) -> float:
    """Seconds for `ingest(docs)` with `workers=1` into a new SQLite store,
    its analysis process (`limits.warm_up`) started and loaded before."""
    from svodka.limits import warm_up
    warm_up()
    return ingest_end_to_end(docs, 1)


def ingest_against_analysis(docs, repeat: int) -> None:
    """Measure (3) of the module docstring, printed."""
    import os
    alone, ingested = [], []
    for _ in range(repeat):
        alone.append(analyze_many_alone(docs))
        ingested.append(ingest_warm(docs))
    a, i = min(alone), min(ingested)
    print(f"analyze_many alone: {len(docs) / a:6.1f} articles/s ({a:.1f} s; runs: "
          f"{', '.join(f'{x:.1f}' for x in alone)})")
    print(f"svodka ingest --workers 1, warm, into SQLite: {len(docs) / i:6.1f} articles/s "
          f"({i:.1f} s; runs: {', '.join(f'{x:.1f}' for x in ingested)})")
    print(f"ratio ingest / analyze_many alone: {a / i:.2f} (load average {os.getloadavg()[0]:.2f})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=300, help="NEREL train articles")
    ap.add_argument("--batch-docs", type=int, default=16)
    ap.add_argument("--skip-ingest", action="store_true", help="only the warm-worker measure")
    ap.add_argument("--ratio-only", action="store_true",
                    help="only ingest against analyze_many alone")
    ap.add_argument("--repeat", type=int, default=2, help="runs of each measure, interleaved (best kept)")
    args = ap.parse_args()
    from svodka.distributed import pin_threads
    from svodka.document import Document
    pin_threads()
    docs = [Document(text=text, source=src) for src, text in articles(args.limit, split="train")]
    chars = sum(len(d.text) for d in docs)
    print(f"CPU: {cpu_model()}; {len(docs)} articles, {chars} chars")
    if args.ratio_only:
        ingest_against_analysis(docs, args.repeat)
        return
    # 1 and 2 workers interleaved, `--repeat` times, the best of each kept:
    # a short run on a shared machine is easily slowed, never sped up
    rates: dict[int, float] = {1: 0.0, 2: 0.0}
    for run in range(args.repeat):
        for n in (1, 2):
            secs, cpu, own, peaks = on_warm_workers(docs, n, args.batch_docs)
            rates[n] = max(rates[n], len(docs) / secs)
            print(f"warm Dask workers: {n}  {len(docs) / secs:6.1f} articles/s {chars / secs:8.0f} chars/s"
                  f"  peak memory per worker: {', '.join(f'{p:.0f}' for p in peaks)} MB (run {run + 1})")
            print(f"    CPU s: workers {cpu:.1f} (busy {cpu / secs / n:.0%} of the wall time),"
                  f" client+scheduler {own:.1f}")
    print(f"ratio 2 workers / 1 (best of {args.repeat} each): {rates[2] / rates[1]:.2f}")
    if not args.skip_ingest:
        times = {n: ingest_end_to_end(docs, n) for n in (1, 2)}
        for n, secs in times.items():
            print(f"svodka ingest --workers {n}: {len(docs) / secs:6.1f} articles/s ({secs:.1f} s)")
        print(f"ratio ingest 2 workers / 1 process: {times[1] / times[2]:.2f}")
        ingest_against_analysis(docs, args.repeat)
    print(f"client peak memory: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
