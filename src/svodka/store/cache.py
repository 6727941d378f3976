"""Store-wide aggregates computed once per version of the store.

The overview counts, the busiest country pairs, the most quoted speakers and
a country pair's summary read every matching row; analysts open them again
and again while the store changes only when an ingest commits. The store is
append-only (documents and failures are added, never changed or removed,
and every other row comes with its document), so the number and the newest
id of documents and of failures name a version of all of it: an aggregate
is kept under the version it was computed at and recomputed when the
version moves. The version is read in the same transaction as the data on
SQLite; on PostgreSQL an aggregate computed just after a commit may be kept
under the version before it, which only makes the next read recompute.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, Callable, Hashable

from sqlalchemy import Connection, func, select

from .schema import documents, failures

ENTRIES = 256       # aggregates kept (a dyad per pair and date range, ...)


def version(conn: Connection) -> tuple:
    """What changes whenever a document or a failure is stored."""
    docs = conn.execute(select(func.count(), func.max(documents.c.id))).one()
    failed = conn.execute(select(func.max(failures.c.id))).scalar_one()
    return (*docs, failed)


class VersionCache:
    """A bounded, thread-safe map from (key, store version) to a computed
    value; least recently used entries go first. Values must be immutable
    (the store's frozen rows, tuples) or treated as such by callers."""

    def __init__(self, entries: int = ENTRIES):
        self.entries = entries
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, conn: Connection, key: Hashable, compute: Callable[[Connection], Any]) -> Any:
        """The value of `compute(conn)` for `key` at the store's current version."""
        full = (key, version(conn))
        with self._lock:
            if full in self._items:
                self._items.move_to_end(full)
                self.hits += 1
                return self._items[full]
            self.misses += 1
        value = compute(conn)
        with self._lock:
            self._items[full] = value
            self._items.move_to_end(full)
            while len(self._items) > self.entries:
                self._items.popitem(last=False)
        return value
