"""The batch ingest: items -> skip known keys -> link near-duplicates ->
analyze -> save per batch, one transaction each.

```
items ─► bad item? ── record (source, reason) ─────────────────────────┐
  │      key stored already / seen this run? ── count, drop            │
  │      near-duplicate of a first copy? ── keep unanalyzed, linked ──►│
  └──► analyze (analyze_many, or Dask with workers/scheduler) ────────►├─► store.save_many
                                                                       │   per `batch` docs
```

A run killed at any moment leaves whole batches in the store; re-running
skips their keys and finishes the rest. Near-duplicates are not analyzed:
their quotes and events are their first copy's. They are found by
`dedup.StoredNearDuplicates`: the store's band index for every stored first
copy, and in memory only this run's first copies not yet saved, so the
client's memory does not grow with the run or the store.
"""
from __future__ import annotations

import dataclasses
import threading
import time
from dataclasses import dataclass, field
from itertools import islice
from typing import Callable, Iterable, Iterator, TypeVar

from ..document import Document
from ..errors import IngestError, SvodkaError
from .dedup import StoredNearDuplicates, minhash, to_bytes
from .text import replacements

BATCH = 32
T = TypeVar("T")
# Keys of this run's items remembered to tell an exact copy of an earlier
# item ("duplicates") from one stored before the run ("known"); either is
# dropped, and a copy older than this many items counts as known.
RECENT_KEYS = 10_000


@dataclass(frozen=True, slots=True)
class Summary:
    """What one ingest run did. `skipped` and `failed` hold (source, reason)."""
    analyzed: int = 0           # new documents analyzed and stored
    known: int = 0              # stored already before this run
    duplicates: int = 0         # exact copies of an earlier item of this run
    near_duplicates: int = 0    # stored, linked to their first copy
    skipped: tuple[tuple[str, str], ...] = ()   # unusable input
    failed: tuple[tuple[str, str], ...] = ()    # analysis or store errors
    seconds: float = 0.0
    damaged: tuple[tuple[str, str], ...] = ()   # stored, with invalid bytes replaced

    @property
    def is_ok(self) -> bool:
        """True when something was ingested now or was there already."""
        return bool(self.analyzed or self.known or self.duplicates or self.near_duplicates)


@dataclass(slots=True)
class Tally:
    """Running counts of a run, passed to the progress callback."""
    analyzed: int = 0
    known: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    skipped: list = field(default_factory=list)
    failed: list = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)
    damaged: list = field(default_factory=list)

    def summary(self) -> Summary:
        """The counts so far as a frozen `Summary`, with the seconds since the start."""
        return Summary(self.analyzed, self.known, self.duplicates, self.near_duplicates,
                       tuple(self.skipped), tuple(self.failed),
                       round(time.monotonic() - self.started, 3), tuple(self.damaged))


def reason(error: SvodkaError) -> tuple[str, str]:
    """(where, what) of an error: `path:line` or `path`, and its message."""
    where = error.source or "?"
    if error.line is not None:
        where += f":{error.line}"
    return where, error.message


def _lean(doc: Document) -> Document:
    return dataclasses.replace(doc, sentences=(), ner_spans=()) if doc.sentences else doc


def analyze_local(docs: Iterable[Document], on_error: Callable[[Document, SvodkaError], None],
                  batch: int = 16, seconds: float | None = None) -> Iterator[Document]:
    """The analyzed `docs`, in order, `batch` at a time (`limits.analyze_each`:
    in a worker process, each must fit `limits.max_chars()` and be analyzed
    within `seconds` and `limits.item_mb()`); each one refused or failed
    goes to `on_error` with its one-line reason.

    The next batch goes to the worker process before this one's documents
    are yielded, so the worker analyzes while the caller checks keys,
    computes signatures and writes the store. `docs` is read in the
    caller's thread only; a helper thread just waits on the worker."""
    from ..limits import analyze_each
    docs = iter(docs)
    chunk = list(islice(docs, batch))
    result = _in_background(analyze_each, chunk, seconds) if chunk else None
    while result is not None:
        ahead = list(islice(docs, batch))
        outs = result()
        result = _in_background(analyze_each, ahead, seconds) if ahead else None
        for doc, out in zip(chunk, outs):
            if isinstance(out, SvodkaError):
                on_error(doc, out)
            elif isinstance(out, Exception):    # the run records it and goes on
                on_error(doc, SvodkaError(f"analysis failed ({type(out).__name__}: {out})",
                                          source=doc.source))
            else:
                yield _lean(out)
        chunk = ahead


def _in_background(fn: Callable[..., T], *args) -> Callable[[], T]:
    """Start `fn(*args)` in a daemon thread (an interrupted run does not wait
    for it at exit); the returned call waits for its value or raises its
    exception."""
    box: dict[str, object] = {}

    def run() -> None:
        try:
            box["value"] = fn(*args)
        except BaseException as e:  # noqa: BLE001 - raised again in the caller's thread
            box["error"] = e
    thread = threading.Thread(target=run, name="svodka-analyze", daemon=True)
    thread.start()

    def result() -> T:
        thread.join()
        if "error" in box:
            raise box["error"]  # type: ignore[misc]
        return box["value"]  # type: ignore[return-value]
    return result


class Ingest:
    """One ingest run into `store` (see the module docstring)."""

    def __init__(self, store, *, batch: int = BATCH, workers: int | None = None,
                 scheduler: str | None = None,
                 on_progress: Callable[[Tally], None] | None = None):
        self.store = store
        self.batch = max(1, batch)
        self.workers = workers
        self.scheduler = scheduler
        self.on_progress = on_progress or (lambda tally: None)
        self.tally = Tally()
        # The near-duplicate index: the store's, plus this run's unsaved first copies.
        self.near = StoredNearDuplicates(store)
        # keys met lately in this run, the last RECENT_KEYS (stored ones the
        # store answers for)
        self.seen: dict[str, None] = {}
        self.duplicate_of: dict[str, str] = {}
        self.signatures: dict[str, bytes] = {}
        self.ready: list[Document] = []     # to save with the next batch
        self.failures: list[tuple[str, str]] = []

    def run(self, items: Iterable[Document | IngestError]) -> Summary:
        """Analyze the new items and save them in batches (each batch one transaction);
        refused and failed items are recorded, not raised. Returns the `Summary`."""
        for doc in self._analyze(self._new_docs(items)):
            self.tally.analyzed += 1
            self.ready.append(doc)
            if len(self.ready) >= self.batch:
                self._flush()
            self.on_progress(self.tally)
        self._flush()
        self.on_progress(self.tally)
        return self.tally.summary()

    def _analyze(self, docs: Iterator[Document]) -> Iterator[Document]:
        if (self.workers or 1) > 1 or self.scheduler:
            from ..distributed import analyze_parallel
            return analyze_parallel(docs, workers=self.workers, scheduler=self.scheduler,
                                    on_error=self._failed)
        return analyze_local(docs, self._failed)

    def _failed(self, doc: Document, error: SvodkaError) -> None:
        self.tally.failed.append(reason(error))
        self.failures.append(reason(error))
        self.signatures.pop(doc.key, None)
        self.near.remove(doc.key)      # never stored, so never a first copy

    def _new_docs(self, items: Iterable[Document | IngestError]) -> Iterator[Document]:
        """The documents to analyze; records bad items, drops known keys and
        exact copies, and sets near-duplicates aside for saving."""
        items = iter(items)
        while chunk := list(islice(items, self.batch)):
            docs = []
            for item in chunk:
                if isinstance(item, IngestError):
                    self.tally.skipped.append(reason(item))
                    self.failures.append(reason(item))
                else:
                    docs.append(item)
            known = self.store.has_keys({d.key for d in docs}) if docs else set()
            for doc in docs:
                key = doc.key
                if key in self.seen:
                    self.tally.duplicates += 1
                elif key in known:
                    self.tally.known += 1
                else:
                    self.seen[key] = None
                    if len(self.seen) > RECENT_KEYS:
                        del self.seen[next(iter(self.seen))]
                    self._flag_damage(doc)
                    mh = minhash(doc.text)
                    first = self.near.first_copy(mh)
                    if first is not None:
                        self.tally.near_duplicates += 1
                        self.duplicate_of[key] = first
                        self.ready.append(doc)
                    else:
                        self.near.add(key, mh)
                        self.signatures[key] = to_bytes(mh)
                        yield doc
            if len(self.ready) >= self.batch or len(self.failures) >= self.batch:
                self._flush()
            self.on_progress(self.tally)

    def _flag_damage(self, doc: Document) -> None:
        """Report (and record in the store) a document stored with invalid
        bytes or characters of its source replaced by U+FFFD."""
        if n := replacements(doc.text):
            note = (doc.source or "?", f"stored with damage: {n} invalid byte sequence"
                    f"{'s' if n > 1 else ''} or character{'s' if n > 1 else ''} "
                    "replaced by U+FFFD")
            self.tally.damaged.append(note)
            self.failures.append(note)

    def _stored_meanwhile(self, missing: int, analyzed: int) -> None:
        """Count as known the `missing` docs of a batch that another run
        stored between our key check and our save (two ingests at once);
        they were counted as analyzed (up to `analyzed`), else as
        near-duplicates."""
        if missing > 0:
            from_analyzed = min(missing, analyzed, self.tally.analyzed)
            self.tally.analyzed -= from_analyzed
            self.tally.near_duplicates -= missing - from_analyzed
            self.tally.known += missing

    def _flush(self) -> None:
        """Save the ready docs in one transaction and record the failures."""
        docs, self.ready = self.ready, []
        if docs:
            keys = {d.key for d in docs}
            near = {k: v for k, v in self.duplicate_of.items() if k in keys}
            new = self.store.save_many(
                docs, duplicate_of=near,
                signatures={k: v for k, v in self.signatures.items() if k in keys})
            self._stored_meanwhile(len(docs) - new, len(docs) - len(near))
            self.near.written(keys)
            for k in keys:
                self.duplicate_of.pop(k, None)
                self.signatures.pop(k, None)
        if self.failures:
            failures, self.failures = self.failures, []
            self.store.record_failures(failures)


def ingest(items: Iterable[Document | IngestError], store, **options) -> Summary:
    """Ingest `items` (from `sources.iter_items`) into `store`; `options` are
    those of `Ingest`. Returns the `Summary`."""
    return Ingest(store, **options).run(items)
