"""The Dask runner: `analyze_parallel` spreads `analyze_many` over worker
processes, local (`workers=N`) or on an existing cluster
(`scheduler="tcp://HOST:PORT"`).

```
client                                   worker process (one thread each)
  docs ──► batches of `batch_docs` ──►   SvodkaWorker.setup: pin BLAS threads,
  ≤ `in_flight` batches submitted        start its analysis process (models loaded once)
  ◄── analyzed batch (any order) ◄────   limits.analyze_each(batch): in that process,
  next batch submitted, results yielded  killed and replaced past the per-item limits
```

Only `in_flight` batches exist at any time, so the client's memory is bounded
whatever the size of the input. A document that fails is reported to
`on_error` (or raised) and the run moves on. The per-item time and memory
limits hold in the analysis process of each Dask worker (`limits.Guard`);
Dask's own memory limit and nanny bound the worker process itself.
"""
from __future__ import annotations

import logging
import os
import pickle
from dataclasses import dataclass
from itertools import islice
from typing import Callable, Iterable, Iterator

from .document import Document
from .errors import SvodkaError
from .pipeline import BATCH_DOCS, as_document

# The variables the BLAS/OpenMP runtimes read when they start: one thread per
# worker process. Unpinned, two processes on two cores fight over threads and
# run several times slower than one.
PINNED_ENV = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
              "MKL_NUM_THREADS": "1", "VECLIB_MAXIMUM_THREADS": "1",
              "NUMEXPR_NUM_THREADS": "1"}

# Dask's housekeeping made quieter for long CPU-bound tasks: no statistical
# profiler sampling the worker's stack every 10 ms, a slower event-loop
# watchdog and system monitor. On two cores every percent goes to the models.
QUIET_DASK = {"distributed.worker.profile.enabled": False,
              "distributed.admin.tick.interval": "1s",
              "distributed.admin.system-monitor.interval": "2s",
              # The scheduler's log of the last transitions holds each task's
              # arguments (a batch of articles): 1,000 of them kept a
              # scheduler 300-400 MB larger; 64 keep it small.
              "distributed.admin.low-level-log-length": 64}

# Batches submitted per worker thread before waiting for results.
IN_FLIGHT_PER_THREAD = 2


def pin_threads() -> None:
    """Limit this process's BLAS/OpenMP pools to one thread: sets the
    environment for runtimes not yet loaded and threadpoolctl for loaded ones."""
    from threadpoolctl import threadpool_limits
    os.environ.update(PINNED_ENV)
    threadpool_limits(limits=1)


try:
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # pragma: no cover - dask is a hard dependency
    WorkerPlugin = object


class SvodkaWorker(WorkerPlugin):
    """Worker plugin: on start-up (and on workers joining later) pins threads
    and starts the worker's analysis process (`limits.Guard`, which loads
    the models), so no task pays for loading."""
    name = "svodka"

    def setup(self, worker) -> None:
        """Called by Dask when the plugin reaches `worker`: pin its BLAS
        threads and start its per-item guard (`limits.warm_up`)."""
        from .limits import warm_up as start_guard
        pin_threads()
        start_guard()


@dataclass(frozen=True, slots=True)
class Failure:
    """A document the worker could not analyze, sent back instead of it."""
    source: str | None
    key: str
    message: str


def analyze_batch(batch: list[Document], keep_internals: bool = False, packed: bool = False
                  ) -> list[Document | bytes | Failure]:
    """Analyze one batch in this process (the task a worker runs), within
    the size, time and memory limits (`limits.analyze_each`, in this
    worker's analysis process); in input order, a `Failure` in place of
    each document refused or failed. With `packed`, each document comes as
    the bytes its analysis process pickled (`pickle.loads` gives it): the
    worker passes it on to the client without reading it."""
    from .limits import analyze_each
    out: list[Document | bytes | Failure] = []
    for doc, result in zip(batch, analyze_each(batch, keep_internals=keep_internals, packed=packed)):
        if isinstance(result, SvodkaError):     # refused by a limit: its one-line reason
            out.append(Failure(doc.source, doc.key, result.message))
        elif isinstance(result, Exception):
            out.append(Failure(doc.source, doc.key, f"{type(result).__name__}: {result}"))
        else:
            out.append(result)
    return out


def worker_environ() -> dict:
    """The environment nannies set before starting a worker: Dask's own
    without `MALLOC_TRIM_THRESHOLD_`, plus one BLAS thread. Dask sets that
    variable to 64 KiB, which also freezes glibc's mmap threshold: every
    large numpy temporary of the models is then mmap'd and faulted in anew,
    and a worker spends a fifth of its time in the kernel."""
    import dask
    env = dict(dask.config.get("distributed.nanny.pre-spawn-environ", {}))
    env.pop("MALLOC_TRIM_THRESHOLD_", None)
    return {**env, **PINNED_ENV}


def local_cluster(workers: int):
    """A LocalCluster of `workers` single-threaded, thread-pinned processes
    (the nannies hand the quiet config to the processes they start), each
    under Dask's memory limit of `limits.item_mb()` MB: its nanny restarts
    a worker process that grows past it. The analysis itself runs in each
    worker's own analysis process, under the per-item limits."""
    import dask
    from distributed import LocalCluster

    from .limits import item_mb
    with dask.config.set({**QUIET_DASK,
                          "distributed.nanny.pre-spawn-environ": worker_environ()}):
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                            dashboard_address=None, silence_logs=logging.ERROR,
                            env=dict(PINNED_ENV), memory_limit=f"{item_mb()}MiB")


def analyze_parallel(docs: Iterable[Document | str | tuple[str, dict]], *,
                     workers: int | None = None, scheduler: str | None = None,
                     batch_docs: int = BATCH_DOCS, client=None,
                     on_error: Callable[[Document, SvodkaError], None] | None = None,
                     keep_internals: bool = False) -> Iterator[Document]:
    """Analyze `docs` on Dask: on `client` if given, else on the cluster at
    `scheduler`, else on a local cluster of `workers` single-threaded
    processes (default: one per CPU). Yields analyzed documents in completion
    order, without `sentences`/`ner_spans` unless `keep_internals`. A failed
    document goes to `on_error(doc, error)`; without it, `SvodkaError` is raised."""
    from distributed import Client, as_completed

    cluster = own_client = None
    if client is None:
        if scheduler:
            client = own_client = Client(scheduler)
        else:
            cluster = local_cluster(workers or os.cpu_count() or 1)
            client = own_client = Client(cluster)
    try:
        client.register_plugin(SvodkaWorker())
        threads = sum(client.nthreads().values()) or 1
        in_flight = max(2, IN_FLIGHT_PER_THREAD * threads)
        items = (as_document(item) for item in docs)
        sent: dict = {}
        pending = as_completed()

        def submit_next() -> bool:
            batch = list(islice(items, batch_docs))
            if not batch:
                return False
            future = client.submit(analyze_batch, batch, keep_internals, True, pure=False)
            sent[future.key] = batch
            pending.add(future)
            return True

        for _ in range(in_flight):
            if not submit_next():
                break
        for future in pending:
            results = future.result()
            batch = sent.pop(future.key)
            future.release()
            submit_next()   # keep the workers busy while the caller consumes
            for doc, out in zip(batch, results):
                if isinstance(out, Failure):
                    error = SvodkaError(f"analysis failed: {out.message}", source=out.source)
                    if on_error is None:
                        raise error
                    on_error(doc, error)
                else:
                    yield pickle.loads(out)
    finally:
        if own_client is not None:
            own_client.close()
        if cluster is not None:
            cluster.close()
