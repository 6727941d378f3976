"""Per-item limits on analysis, enforced by the operating system: a size
limit checked before any work, and a wall-clock and a memory limit on a
worker process that analyzes the items and is killed when it exceeds them.

```
docs ─► over max_chars? ── ItemRefused("article of N characters is over ...")
  └──► a Guard's worker process (models loaded once per worker)
         batch within the sum of its items' seconds, memory within mb ──► Documents
         over time: the parent SIGKILLs the worker ─┐
         over RLIMIT_AS: MemoryError, worker exits ─┴─► each item again alone, in a
                                                        fresh worker, within its own limits
                                                        ── ItemRefused("analysis took over S s
                                                           (the per-item time limit)" / "analysis
                                                           used over N MB (the per-item memory limit)")
```

Nothing is injected into the caller's threads: the parent only waits on a
socket until the deadline, then kills the worker (SIGKILL) and starts
another. A worker is a fresh interpreter (`python -c`, not a fork: the
caller may run threads, and `multiprocessing`'s spawn and forkserver would
re-run the caller's `__main__`), which loads the models once, in about a
second, and serves call after call. At each call it sets its `RLIMIT_AS`
to its address space then plus `mb`, so an allocation past it fails
(MemoryError) instead of taking the machine; the worker reports it and
exits. Items go to a worker a batch at a time (one article per call would
cost pickling and the models' batching); a batch that fails is split so
that only the culprit is refused. `Guard`s are pooled per process (at most
one per CPU busy at once); a thread waits for a free one. A worker exits
when its socket closes, so none outlives its parent's process.

Defaults come from the environment so a deployment can tune them without
code: `SVODKA_ITEM_SECONDS` (default 120), `SVODKA_ITEM_MB` (default 2048
MB of memory beyond the loaded models) and `SVODKA_MAX_CHARS` (default
1,000,000 characters, about 150 pages). `SVODKA_TEST_HOOK` (tests only)
makes the worker sleep (`sleep:SOURCE`), allocate without end
(`allocate:SOURCE`) or raise ValueError (`fail:SOURCE`) before analyzing
a batch holding the item from SOURCE.
"""
from __future__ import annotations

import atexit
import dataclasses
import os
import pickle
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from multiprocessing.connection import Connection
from typing import Iterator

from .document import Document
from .errors import IngestError

ITEM_SECONDS = 120.0
ITEM_MB = 2048
MAX_CHARS = 1_000_000
# One BLAS/OpenMP thread per worker: workers share the CPUs.
PINNED_ENV = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
              "MKL_NUM_THREADS": "1", "VECLIB_MAXIMUM_THREADS": "1",
              "NUMEXPR_NUM_THREADS": "1"}
# How long a new worker may take to load the models (a loaded 2-core box).
START_SECONDS = 300.0


class ItemRefused(IngestError):
    """An item was not analyzed: too large, or its analysis went over the
    per-item time or memory limit."""


def item_seconds() -> float:
    """The per-item time limit: $SVODKA_ITEM_SECONDS, else `ITEM_SECONDS`."""
    return _env_number("SVODKA_ITEM_SECONDS", ITEM_SECONDS)


def item_mb() -> int:
    """The per-item memory limit in MB: $SVODKA_ITEM_MB, else `ITEM_MB`."""
    return int(_env_number("SVODKA_ITEM_MB", ITEM_MB))


def max_chars() -> int:
    """The per-item size limit: $SVODKA_MAX_CHARS, else `MAX_CHARS`."""
    return int(_env_number("SVODKA_MAX_CHARS", MAX_CHARS))


def _env_number(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    try:
        value = float(raw) if raw else default
    except ValueError:
        return default
    return value if value > 0 else default


def check_size(text: str, source: str | None = None, limit: int | None = None) -> None:
    """Raise `ItemRefused` if `text` is over `limit` characters (default
    `max_chars()`)."""
    limit = max_chars() if limit is None else limit
    if len(text) > limit:
        raise ItemRefused(f"article of {len(text)} characters is over the limit of {limit}",
                          source=source)


# ---- the worker process -------------------------------------------------

def _lean(doc: Document) -> Document:
    return dataclasses.replace(doc, sentences=(), ner_spans=()) if doc.sentences else doc


def _address_space() -> int:
    """This process's virtual memory size in bytes (VmSize)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _run_hooks(docs: list[Document], hooks: str) -> None:
    """The test hooks of `SVODKA_TEST_HOOK` (see the module docstring)."""
    for doc in docs:
        for hook in filter(None, hooks.split(",")):
            action, _, source = hook.partition(":")
            if source != doc.source:
                continue
            if action == "sleep":
                time.sleep(3600)
            elif action == "fail":
                raise ValueError("stage failed")
            elif action == "allocate":
                held = []
                while True:
                    held.append(b"x" * (16 << 20))


def _orphan_exit() -> None:
    """End this process once its parent has gone (it was killed in the
    middle of a batch): no one is left to enforce the deadline."""
    parent = os.getppid()
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def _worker(fd: int) -> None:
    """The worker's loop on the socket `fd`: load the models, then answer each
    `(docs, mb, keep_internals, hooks)` with `("ok", documents)`,
    `("memory", None)` (and exit: its heap may be left fragmented) or
    `("error", (type name, message, source, is a SvodkaError))`. Exits when
    the socket closes or the parent is gone."""
    import resource

    from .errors import SvodkaError
    from .models import load_models
    from .pipeline import analyze_many
    from .resources import load_resources
    threading.Thread(target=_orphan_exit, daemon=True).start()
    load_models()
    load_resources()
    conn = Connection(fd)
    usual = resource.getrlimit(resource.RLIMIT_AS)
    conn.send(("ready", None))
    while True:
        try:
            docs, mb, keep_internals, hooks, packed = conn.recv()
        except (EOFError, OSError):
            return
        try:
            soft = _address_space() + mb * (1 << 20)
            if usual[0] != resource.RLIM_INFINITY:
                soft = min(soft, usual[0])
            resource.setrlimit(resource.RLIMIT_AS, (soft, usual[1]))
            try:
                if hooks:
                    _run_hooks(docs, hooks)
                out = list(analyze_many(docs, batch_docs=len(docs) or 1))
            finally:
                resource.setrlimit(resource.RLIMIT_AS, usual)
            out = out if keep_internals else [_lean(d) for d in out]
            # (packed: each document pickled here, once, for a caller that
            # only passes it on: a Dask worker to its client)
            answer = ("ok", [pickle.dumps(d, pickle.HIGHEST_PROTOCOL) for d in out] if packed else out)
        except MemoryError:
            answer = ("memory", None)
        except Exception as e:      # noqa: BLE001 - reported to the parent, which goes on
            ours = isinstance(e, SvodkaError)
            answer = ("error", (type(e).__name__, e.message if ours else str(e),
                                e.source if ours else None, ours))
        conn.send(answer)
        if answer[0] == "memory":
            return


class _Stopped(Exception):
    """The worker was killed or died before answering: `reason` says why."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class Guard:
    """One worker process (started on first use) that analyzes batches of
    documents within a wall-clock deadline and a memory limit; killed with
    SIGKILL and replaced when it goes over either. Not thread-safe: the
    pool hands each one to one thread at a time."""

    def __init__(self):
        self.process = None
        self.conn = None

    def _start(self) -> None:
        # A fresh interpreter, not a fork: the caller may run threads (the
        # server's, Dask's), and nothing of its state is wanted here.
        ours, theirs = socket.socketpair()
        code = (f"import sys; sys.path[:0] = {sys.path!r}; "
                f"from svodka.limits import _worker; _worker({theirs.fileno()})")
        # No standard streams: a caller reading our output to its end must
        # not wait for a worker still busy after the caller has exited.
        self.process = subprocess.Popen([sys.executable, "-c", code], pass_fds=[theirs.fileno()],
                                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL,
                                        env={**os.environ, **PINNED_ENV})
        theirs.close()
        self.conn = Connection(ours.detach())
        if not self.conn.poll(START_SECONDS):
            self.stop()
            raise RuntimeError("the analysis worker did not start")
        self.conn.recv()

    def alive(self) -> bool:
        """True while the worker process runs."""
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        """Kill the worker (if any); the next call starts a new one."""
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.conn.close()
        self.process = self.conn = None

    def analyze(self, docs: list[Document], seconds: float, mb: int,
                keep_internals: bool = False, packed: bool = False) -> list[Document] | list[bytes]:
        """`docs` analyzed by the worker within `seconds` in all and `mb` MB
        beyond its memory at the start (with `packed`, each pickled, as
        bytes); `_Stopped` with the reason when over either (the worker is
        then gone), any other exception as the pipeline raised it (its type
        name, message and source kept)."""
        if not self.alive():
            self.stop()
            self._start()
        deadline = time.monotonic() + seconds
        try:
            self.conn.send((docs, mb, keep_internals, os.environ.get("SVODKA_TEST_HOOK", ""), packed))
            while not self.conn.poll(min(max(deadline - time.monotonic(), 0), 1.0)):
                if time.monotonic() >= deadline:
                    raise _Stopped("time")
                if not self.alive():
                    raise _Stopped("died")
            kind, value = self.conn.recv()
        except (EOFError, OSError):
            kind, value = "died", None
        except _Stopped as stopped:
            kind, value = stopped.reason, None
        if kind == "ok":
            return value
        if kind == "error":
            raise _rebuilt(*value, docs[0].source if len(docs) == 1 else None)
        code = self.process.poll() if self.process is not None else None
        self.stop()
        raise _Stopped(kind if kind != "died" else f"died (exit code {code})")


def _rebuilt(name: str, message: str, source: str | None, ours: bool,
             item: str | None) -> Exception:
    """The worker's exception as the caller would have met it: a
    `SvodkaError` (with its source, else the item's), a built-in exception
    of the same type, else a `RuntimeError` naming the type."""
    import builtins

    from .errors import SvodkaError
    if ours:
        return SvodkaError(message, source=source or item)
    kind = getattr(builtins, name, None)
    if isinstance(kind, type) and issubclass(kind, Exception):
        try:
            return kind(message)
        except Exception:  # noqa: BLE001 - a constructor of other arguments
            pass
    return RuntimeError(f"{name}: {message}")


_idle: list[Guard] = []
_busy = 0
_free = threading.Condition()


@atexit.register
def _stop_all() -> None:
    # Workers exit by themselves when their socket closes; this spares the
    # wait for one in the middle of a batch.
    for g in list(_idle):
        g.stop()


@contextmanager
def guard() -> Iterator[Guard]:
    """A `Guard` of this process's pool for the body's use: an idle one, a
    new one while fewer than one per CPU are busy, else wait for one."""
    global _busy
    with _free:
        while not _idle and _busy >= (os.cpu_count() or 1):
            _free.wait()
        g = _idle.pop() if _idle else Guard()
        _busy += 1
    try:
        yield g
    finally:
        with _free:
            _busy -= 1
            _idle.append(g)
            _free.notify()


def warm_up() -> None:
    """Start a worker of this process's pool now (it loads the models), so
    that the first item does not wait for it."""
    with guard() as g:
        if g.process is None:
            g._start()


def _refusal(reason: str, seconds: float, mb: int, source: str | None) -> ItemRefused:
    if reason == "time":
        return ItemRefused(f"analysis took over {seconds:g} s (the per-item time limit)",
                           source=source)
    if reason == "memory":
        return ItemRefused(f"analysis used over {mb} MB (the per-item memory limit)",
                           source=source)
    return ItemRefused(f"analysis stopped: its worker process {reason}", source=source)


def analyze_each(docs: list[Document], seconds: float | None = None, mb: int | None = None,
                 keep_internals: bool = False, packed: bool = False
                 ) -> list[Document | bytes | Exception]:
    """Each of `docs` analyzed in a worker process (with `packed`, as its
    pickle: `pickle.loads` gives the document), in order, or the
    exception that stopped it: `ItemRefused` for one over `max_chars()`,
    over `seconds` (default `item_seconds()`) or over `mb` MB (default
    `item_mb()`), a `SvodkaError` for a failure in the pipeline. The
    documents go through the models together, the batch within the sum of
    their time limits; if that fails, they are analyzed one by one, each
    within its own, so that only the culprit fails. Without
    `keep_internals` the documents come back without `sentences` and
    `ner_spans`. Works in any thread."""
    seconds = item_seconds() if seconds is None else seconds
    mb = item_mb() if mb is None else mb
    results: list[Document | Exception | None] = [None] * len(docs)
    fit = []
    for i, doc in enumerate(docs):
        try:
            check_size(doc.text, doc.source)
            fit.append(i)
        except ItemRefused as e:
            results[i] = e
    if not fit:
        return results  # type: ignore[return-value]
    with guard() as g:
        try:
            analyzed = g.analyze([docs[i] for i in fit], seconds * len(fit), mb, keep_internals, packed)
            for i, doc in zip(fit, analyzed):
                results[i] = doc
            return results  # type: ignore[return-value]
        except Exception as e:     # noqa: BLE001 - each item again, alone
            if len(fit) == 1:
                i = fit[0]
                results[i] = (_refusal(e.reason, seconds, mb, docs[i].source)
                              if isinstance(e, _Stopped) else e)
                return results  # type: ignore[return-value]
        for i in fit:
            try:
                results[i] = g.analyze([docs[i]], seconds, mb, keep_internals, packed)[0]
            except _Stopped as e:
                results[i] = _refusal(e.reason, seconds, mb, docs[i].source)
            except Exception as e:  # noqa: BLE001 - the caller records it
                results[i] = e
    return results  # type: ignore[return-value]


def analyze_limited(text: str, *, seconds: float | None = None, mb: int | None = None,
                    limit: int | None = None, name: str | None = None, **meta) -> Document:
    """`svodka.analyze(text, **meta)` in a worker process within the size,
    time and memory limits (defaults: `max_chars()`, `item_seconds()`,
    `item_mb()`); raise `ItemRefused` with a one-line reason naming the
    item (`name`, else its source) when it is refused, `SvodkaError` when
    the analysis failed. The document comes back without `sentences` and
    `ner_spans`."""
    source = name or meta.get("source")
    check_size(text, source, limit)
    out = analyze_each([Document(text=text, **meta)], seconds, mb)[0]
    if isinstance(out, ItemRefused):
        raise ItemRefused(out.message, source=source)
    if isinstance(out, Exception):
        raise out
    return out


# The gzip reader of the ingest, kept importable from here (it raises ItemRefused).
from .gunzip import BOMB_FLOOR, BOMB_RATIO, BoundedGunzip, bounded_gunzip  # noqa: E402,F401
