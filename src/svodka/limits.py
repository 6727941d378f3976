"""Per-item limits on analysis: a size limit checked before any work and a
wall-clock time limit enforced while the pipeline runs.

```
text ─► over max_chars? ── ItemRefused("article of N characters is over ...")
  └──► analyze under time_limit(seconds) ── over time? ── ItemRefused("... took over S s")
                                         └─► Document
```

The time limit is a `SIGALRM` timer (`setitimer`), so the running stage is
interrupted where it stands, whatever it is doing in Python code, and the
next item starts clean (stages keep no state between documents). Signals
reach only the main thread: in any other thread (the HTTP server's worker
threads) `time_limit` cannot interrupt and enforces nothing; there the size
limit (and the HTTP body limit) bound the work instead.

Defaults come from the environment so a deployment can tune them without
code: `SVODKA_ITEM_SECONDS` (default 120) and `SVODKA_MAX_CHARS`
(default 1,000,000 characters, about 150 pages).
"""
from __future__ import annotations

import io
import os
import signal
import threading
import time
import zlib
from contextlib import contextmanager
from typing import BinaryIO, Iterator

from .document import Document
from .errors import IngestError

ITEM_SECONDS = 120.0
MAX_CHARS = 1_000_000
# After the time limit, the timer fires again this often until it gets through.
REPEAT_SECONDS = 0.05


class ItemRefused(IngestError):
    """An item was not analyzed: too large, or its analysis ran out of time."""


class _Expired(BaseException):
    """Raised by the timer inside the analysis; a BaseException so that no
    `except Exception` in a stage can swallow it."""


def item_seconds() -> float:
    """The per-item time limit: $SVODKA_ITEM_SECONDS, else `ITEM_SECONDS`."""
    return _env_number("SVODKA_ITEM_SECONDS", ITEM_SECONDS)


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


def can_interrupt() -> bool:
    """True where `time_limit` is enforced: the main thread of a Unix process."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float, what: str = "analysis", source: str | None = None) -> Iterator[None]:
    """Run the body for at most `seconds` of wall time; past that, interrupt it
    and raise `ItemRefused` naming `source`. Nested limits: the inner one is
    cut to what remains of the outer one. Outside the main thread the body
    runs unlimited (see the module docstring)."""
    if not can_interrupt() or seconds <= 0:
        yield
        return
    previous_handler = signal.getsignal(signal.SIGALRM)
    outer_left, _ = signal.getitimer(signal.ITIMER_REAL)
    started = time.monotonic()
    budget = min(seconds, outer_left) if outer_left > 0 else seconds
    token = object()
    state = {"armed": True, "restored": False, "fired": False}

    def expire(signum, frame):
        # The timer repeats (see setitimer below): an exception raised while
        # Python runs a __del__ or a weakref callback is printed and dropped,
        # so it is raised again until it reaches the body.
        if state["armed"]:
            state["fired"] = True
            raise _Expired(token)

    def restore() -> None:      # idempotent: may run twice if the timer fires in it
        state["armed"] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        if not state["restored"]:
            state["restored"] = True
            signal.signal(signal.SIGALRM, previous_handler)
            if outer_left > 0:  # give the outer limit back what it has left
                left = outer_left - (time.monotonic() - started)
                signal.setitimer(signal.ITIMER_REAL, max(left, 1e-3), REPEAT_SECONDS)

    signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, budget, REPEAT_SECONDS)
    try:
        try:
            yield
        finally:
            restore()
        if state["fired"]:   # every interruption was swallowed: refuse all the same
            raise _Expired(token)
    except _Expired as e:
        restore()
        if e.args and e.args[0] is token:
            raise ItemRefused(f"{what} took over {seconds:g} s (the per-item time limit)",
                              source=source) from None
        raise


def check_size(text: str, source: str | None = None, limit: int | None = None) -> None:
    """Raise `ItemRefused` if `text` is over `limit` characters (default
    `max_chars()`)."""
    limit = max_chars() if limit is None else limit
    if len(text) > limit:
        raise ItemRefused(f"article of {len(text)} characters is over the limit of {limit}",
                          source=source)


def within_size(docs, on_refused) -> list[Document]:
    """The documents of `docs` that fit `max_chars()`; each other one goes to
    `on_refused(doc, ItemRefused)` with its one-line reason."""
    fit = []
    for doc in docs:
        try:
            check_size(doc.text, doc.source)
            fit.append(doc)
        except ItemRefused as e:
            on_refused(doc, e)
    return fit


def analyze_limited(text: str, *, seconds: float | None = None, limit: int | None = None,
                    **meta) -> Document:
    """`svodka.analyze(text, **meta)` within the size and time limits
    (defaults: `max_chars()`, `item_seconds()`); raise `ItemRefused` with a
    one-line reason when the item is refused."""
    from .pipeline import analyze
    source = meta.get("source")
    check_size(text, source, limit)
    with time_limit(item_seconds() if seconds is None else seconds, source=source):
        return analyze(text, **meta)


# A gzip stream unpacking to over this many times its packed size, once past
# `BOMB_FLOOR` unpacked bytes, is a decompression bomb: news text packs 3-10
# times, a bomb a thousand times.
BOMB_RATIO = 100
BOMB_FLOOR = 256 * 1024


class BoundedGunzip(io.RawIOBase):
    """A read-only binary stream of the gzip data in `raw` (any number of
    members) that raises `ItemRefused` naming `source` as soon as it has
    unpacked over `ratio` times the packed bytes it consumed (past `floor`
    bytes). Packed input is counted exactly, so a bomb is stopped after
    about `floor` bytes whatever it would unpack to; `zlib.error`/`EOFError`
    surface for damaged data."""

    CHUNK = 16 * 1024

    def __init__(self, raw: BinaryIO, source: str | None = None, *,
                 ratio: int = BOMB_RATIO, floor: int = BOMB_FLOOR):
        self.raw, self.source, self.ratio, self.floor = raw, source, ratio, floor
        self.z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self.pending = b""      # packed bytes read from raw, not yet fed
        self.packed = 0         # packed bytes consumed by the decompressor
        self.unpacked = 0
        self.done = False
        self.in_member = False  # inside a member whose end is not reached yet

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._unpack(len(buffer))
        buffer[:len(data)] = data
        return len(data)

    def _unpack(self, size: int) -> bytes:
        while not self.done:
            if not self.pending:
                self.pending = self.raw.read(self.CHUNK)
                if not self.pending:
                    if self.in_member:
                        raise EOFError("gzip data ends before its end-of-stream marker")
                    self.done = True
                    break
            fed = self.pending
            out = self.z.decompress(fed, size)
            self.in_member = not self.z.eof
            if self.z.eof:      # a member ended: the rest may be another member
                self.pending = self.z.unused_data
                self.z = zlib.decompressobj(16 + zlib.MAX_WBITS)
            else:
                self.pending = self.z.unconsumed_tail
            self.packed += len(fed) - len(self.pending)
            self.unpacked += len(out)
            if self.unpacked > self.floor and self.unpacked > self.ratio * max(self.packed, 1):
                raise ItemRefused(f"gzip data unpacks to over {self.ratio} times its size "
                                  f"(a decompression bomb); not read further",
                                  source=self.source)
            if out:
                return out
        return b""


def bounded_gunzip(raw: BinaryIO, source: str | None = None) -> io.BufferedReader:
    """`BoundedGunzip` with buffering (`readline`, `read`)."""
    return io.BufferedReader(BoundedGunzip(raw, source))
