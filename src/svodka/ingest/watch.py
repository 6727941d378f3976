"""`watch`: keep a store current from feeds. Each feed is polled every
`every` seconds with a conditional request (ETag / If-Modified-Since); only
items not seen before are read and ingested.

A feed that is down or malformed is logged and retried with exponential
back-off: `min(every, 60 s)` after the first failure, doubling up to
`8 × every`. `Watcher.stop()` (SIGTERM) or Ctrl-C ends the loop between or
within polls (a fetch within half a second, an ingest after the item at
hand; each fetch has its own deadline, so one stuck feed cannot hold the
others for longer than that); the store's per-batch transactions keep it consistent.

The feed state (validators, ids of the items read, failures in a row) lives
in the store (`Store.feed_states` / `save_feed_state`): loaded when `run`
starts, saved after each poll, so a restart neither refetches an unchanged
feed nor reads an item twice. The validators are kept only from a poll whose
new items were all ingested; a poll cut short remembers the items it read.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from ..errors import IngestError, StoreError, SvodkaError
from ..store.feeds import FeedRecord
from .feeds import PageReader, entry_document, parse_feed
from .fetch import FetchPolicy, fetch
from .runner import BATCH, Summary, ingest
from .sources import checked_items, feed_limit
from .text import MAX_BYTES

if TYPE_CHECKING:
    from ..document import Document
    from ..store import Store

RETRY_FIRST_S = 60.0
MAX_BACKOFF_TIMES = 8


@dataclass(slots=True)
class FeedState:
    """What the watcher remembers of one feed between polls."""
    url: str
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0               # consecutive failed polls
    due: float = 0.0                # time.monotonic() of the next poll
    seen: set[str] = field(default_factory=set)   # ids of the entries read already

    def record(self) -> FeedRecord:
        """The part of the state the store keeps between runs."""
        return FeedRecord(self.url, self.etag, self.last_modified, frozenset(self.seen),
                          self.failures)


def retry_delay(every: float, failures: int) -> float:
    """Seconds to wait after `failures` consecutive failed polls (≥ 1)."""
    first = min(every, RETRY_FIRST_S)
    return min(first * 2.0 ** (failures - 1), every * MAX_BACKOFF_TIMES)


class Watcher:
    """Polls `urls` into `store`; `log(message)` hears about every poll."""

    def __init__(self, urls: Iterable[str], store: Store, *, every: float = 900.0,
                 max_bytes: int = MAX_BYTES, batch: int = BATCH,
                 log: Callable[[str], None] = print, policy: FetchPolicy = FetchPolicy()):
        self.feeds = [FeedState(url) for url in urls]
        self.store = store
        self.every = every
        self.max_bytes = max_bytes
        self.batch = batch
        self.log = log
        self.policy = policy
        self.polls = 0
        self._loaded = False
        self._stop = threading.Event()

    def stop(self) -> None:
        """Ask the loop to end (safe from a signal handler)."""
        self._stop.set()

    @property
    def stopping(self) -> bool:
        """True once `stop()` was asked."""
        return self._stop.is_set()

    def run(self, max_polls: int | None = None) -> int:
        """Poll until stopped, Ctrl-C, or `max_polls` rounds (every feed once
        per round); return the number of rounds done."""
        rounds = 0
        if not self._loaded:
            self.load_state()
        try:
            while not self._stop.is_set() and (max_polls is None or rounds < max_polls):
                wait = min(f.due for f in self.feeds) - time.monotonic()
                if wait > 0 and self._stop.wait(wait):
                    break
                now = time.monotonic()
                for feed in self.feeds:
                    if feed.due <= now and not self._stop.is_set():
                        self.poll(feed)
                rounds += 1
        except KeyboardInterrupt:
            self.log("interrupted; the store holds every batch saved so far")
        return rounds

    def load_state(self) -> None:
        """Take each feed's state from the store (feeds it never saw start
        afresh; a store that cannot be read is logged and the feeds start afresh)."""
        self._loaded = True
        try:
            stored = self.store.feed_states(f.url for f in self.feeds)
        except StoreError as e:
            self.log(f"{e}; the feeds start without their saved state")
            return
        for feed in self.feeds:
            if (rec := stored.get(feed.url)) is not None:
                feed.etag, feed.last_modified = rec.etag, rec.last_modified
                feed.seen, feed.failures = set(rec.seen), rec.failures

    def save_state(self, feed: FeedState) -> None:
        """Write `feed`'s state to the store; a failed write is logged only
        (the next poll saves again)."""
        try:
            self.store.save_feed_state(feed.record())
        except StoreError as e:
            self.log(f"{e}; the state of {feed.url} was not saved")

    def poll(self, feed: FeedState) -> Summary | None:
        """One conditional request for `feed`; ingest its new items. Returns the
        ingest summary, or None when the feed was unchanged or failed."""
        self.polls += 1
        try:
            r = fetch(feed.url, max_bytes=feed_limit(self.max_bytes),
                      deadline=self.policy.deadline, stop=self._stop,
                      allow_private=self.policy.allow_private_network,
                      etag=feed.etag, last_modified=feed.last_modified)
            if r.status == 304:
                self.log(f"{feed.url}: not modified")
                return self._done(feed, None)
            entries, damage = parse_feed(r.content, feed.url)
        except IngestError as e:
            return None if self._stop.is_set() else self._failed(feed, e)
        if damage is not None:
            self.log(f"{damage}; reading the {len(entries)} items before the damage")
        new = [e for e in entries if e.id not in feed.seen]
        if not new:
            feed.etag, feed.last_modified = r.etag, r.last_modified
            self.log(f"{feed.url}: no new items")
            return self._done(feed, None)
        read_page = PageReader(feed.url, max_bytes=self.max_bytes, policy=self.policy,
                               stop=self._stop)
        read: list[str] = []

        def documents() -> Iterator[Document | IngestError]:
            # Stopping (SIGTERM) ends the poll after the item at hand: the
            # items read so far are saved, the rest come again at the next start.
            for n, e in enumerate(new, 1):
                if self._stop.is_set():
                    return
                read.append(e.id)
                yield entry_document(e, feed.url, n, read_page)
        items = checked_items(documents(), self.max_bytes)
        try:
            # Near-duplicates of everything stored are found through the
            # store's band index (`dedup.StoredNearDuplicates`): nothing to
            # keep in memory between polls.
            summary = ingest(items, self.store, batch=self.batch)
        except StoreError as e:
            # The items count as unseen and the validators stay the old ones,
            # so the retry reads them again; the whole batches saved before
            # the error are known by their keys.
            return self._failed(feed, e)
        if len(read) == len(new):
            # Items that left the feed never come back: remembering the
            # current ones is enough, and keeps the set as small as the feed.
            feed.seen = {e.id for e in entries}
            feed.etag, feed.last_modified = r.etag, r.last_modified
        else:   # stopped: the next start fetches the feed again for the rest
            feed.seen |= set(read)
        self.log(f"{feed.url}: {len(new)} new items: {summary.analyzed} analyzed, "
                 f"{summary.known} known, {summary.duplicates + summary.near_duplicates} "
                 f"duplicates, {len(summary.skipped)} skipped, {len(summary.failed)} failed")
        return self._done(feed, summary)

    def _failed(self, feed: FeedState, error: SvodkaError) -> Summary | None:
        feed.failures += 1
        delay = retry_delay(self.every, feed.failures)
        feed.due = time.monotonic() + delay
        self.log(f"{error} (failure {feed.failures}; retrying in {delay:g} s)")
        self.save_state(feed)
        return None

    def _done(self, feed: FeedState, summary: Summary | None) -> Summary | None:
        feed.failures = 0
        feed.due = time.monotonic() + self.every
        self.save_state(feed)
        return summary
