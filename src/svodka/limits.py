"""Per-item limits on analysis: a size limit checked before any work and a
wall-clock time limit enforced while the pipeline runs.

```
text ─► over max_chars? ── ItemRefused("article of N characters is over ...")
  └──► analyze under time_limit(seconds) ── over time? ── ItemRefused("... took over S s")
                                         └─► Document
```

The time limit interrupts the running stage where it stands, whatever it
is doing in Python code, and the next item starts clean (stages keep no
state between documents). In the main thread it is a `SIGALRM` timer
(`setitimer`); signals reach only the main thread, so in any other thread
(the HTTP server's, a Dask worker's) a watchdog thread raises the
interruption in the analyzing thread with `PyThreadState_SetAsyncExc`.
Either way the interruption lands at the next Python instruction: a single
call into C (one regular expression, one numpy product) finishes first, and
the size limit keeps those short. Both repeat the interruption until it
gets through (an exception raised in a `__del__` or a garbage-collector
callback is printed and dropped), never while `sys.unraisablehook` reports
such a dropped exception, and the pipeline also checks a deadline between
stages (`pipeline.run_stages`).

Defaults come from the environment so a deployment can tune them without
code: `SVODKA_ITEM_SECONDS` (default 120) and `SVODKA_MAX_CHARS`
(default 1,000,000 characters, about 150 pages).
"""
from __future__ import annotations

import ctypes
import io
import os
import signal
import sys
import threading
import time
import zlib
from contextlib import contextmanager
from typing import BinaryIO, Callable, Iterator, TypeVar

from .document import Document
from .errors import IngestError

ITEM_SECONDS = 120.0
MAX_CHARS = 1_000_000
# After the time limit, the timer fires again this often until it gets through.
REPEAT_SECONDS = 0.05


T = TypeVar("T")


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


def by_signal() -> bool:
    """True where `time_limit` uses a `SIGALRM` timer: the main thread of a
    Unix process (elsewhere a watchdog thread interrupts)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _refused(seconds: float, what: str, source: str | None) -> ItemRefused:
    return ItemRefused(f"{what} took over {seconds:g} s (the per-item time limit)", source=source)


@contextmanager
def time_limit(seconds: float, what: str = "analysis", source: str | None = None) -> Iterator[None]:
    """Run the body for at most `seconds` of wall time; past that, interrupt it
    and raise `ItemRefused` naming `source`, in any thread (see the module
    docstring). Nested limits: the inner one is cut to what remains of the
    outer one (in threads each holds on its own)."""
    if seconds <= 0:
        yield
        return
    if not by_signal():
        with _thread_limit(seconds, what, source):
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
        if state["armed"] and not _in_unraisable_hook(frame):
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
    ours = False
    try:
        try:
            yield
        finally:
            restore()
        ours = state["fired"]   # every interruption was swallowed: refuse all the same
    except _Expired as e:
        restore()
        if not (e.args and e.args[0] is token):
            raise
        ours = True
    if ours:    # raised out of the handler: the refusal keeps no frame of the body alive
        raise _refused(seconds, what, source)


def run_limited(fn: Callable[[], T], seconds: float, what: str = "analysis",
                source: str | None = None) -> T:
    """`fn()` within `seconds` (`time_limit`), in any thread; `ItemRefused`
    when over. Prefer it to the bare context manager: an interruption that
    lands in the few instructions between the end of the body and the
    limit's own exit escapes a `with` statement as an `_Expired`; here it
    refuses the item too, and the watchdog is stopped whatever happens."""
    if seconds <= 0:
        return fn()
    # Refusals are raised out of the handlers: one raised inside would keep
    # the interruption as its context, and with it every frame of the body
    # and the data they hold, for as long as the refusal is kept.
    if by_signal():
        try:
            with time_limit(seconds, what, source):
                return fn()
        except _Expired:    # landed in the limit's own exit
            pass
        raise _refused(seconds, what, source)
    dog = _Watchdog(seconds)
    interrupted = False
    try:
        try:
            dog.arm()
            value = fn()
        finally:
            dog.stop()
    except _Expired:        # in the body, or landed at its very end
        dog.stop()
        interrupted = True
    if interrupted or dog.fired:    # an interruption swallowed in the body counts too
        raise _refused(seconds, what, source)
    return value


def _in_unraisable_hook(frame) -> bool:
    """`frame` runs inside `sys.unraisablehook` (a dropped interruption, or
    another error, being reported): an interruption raised there would
    break the report, and is left to the next repeat instead."""
    hook = sys.unraisablehook
    code = getattr(getattr(hook, "func", hook), "__code__", None)   # through a functools.partial
    while code is not None and frame is not None:
        if frame.f_code is code:
            return True
        frame = frame.f_back
    return False


def _set_async_exc(thread_id: int, exc_type: type | None) -> None:
    """Raise `exc_type` in thread `thread_id` at its next Python instruction;
    None takes back one not raised yet."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exc_type) if exc_type else None)


# A watchdog raises the interruption at most this many times: should its
# body never be left as such (an interruption escaping past the limit's own
# exit), it falls silent instead of hitting the thread's later work.
MAX_REPEATS = 100


class _Watchdog:
    """Raises `expired` (an `_Expired` class of its own, so no `except
    Exception` swallows it) in the thread that made it once `seconds` have
    passed since `arm()`, and again every `REPEAT_SECONDS` until `stop()`:
    one that lands in a garbage-collector callback or a `__del__` is printed
    and dropped. Call `arm()` first thing inside the `try` whose `finally`
    calls `stop()`: no interruption comes before it, so none can land
    outside that `try` (starting a thread waits, and a short limit could
    expire there). `stop()` holds no lock in the analyzing thread: it tells
    the watchdog to end, waits for it, then takes back an interruption
    raised but not yet delivered, so none lands after it returns."""

    def __init__(self, seconds: float):
        self.expired = type("_Expired", (_Expired,), {})
        self.target = threading.current_thread()
        self.fired = False
        self.seconds = seconds
        self._inside = True
        self._deadline = 0.0
        self._armed = threading.Event()
        self._left = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True,
                                        name=f"svodka-time-limit-{self.target.ident}")
        self._thread.start()

    def arm(self) -> None:
        """Start counting the limit."""
        self._deadline = time.monotonic() + self.seconds
        self._armed.set()

    def _watch(self) -> None:
        self._armed.wait()
        if self._left.wait(max(self._deadline - time.monotonic(), 0)):
            return
        for _ in range(MAX_REPEATS):
            if not self._inside or not self.target.is_alive():
                return
            if not _in_unraisable_hook(sys._current_frames().get(self.target.ident)):
                self.fired = True
                _set_async_exc(self.target.ident, self.expired)
            if self._left.wait(REPEAT_SECONDS):
                return

    def stop(self) -> None:
        # An interruption may land on any instruction here until it is taken
        # back after the watchdog has ended; then the steps are done again.
        while True:
            try:
                self._inside = False
                self._left.set()
                self._armed.set()
                self._thread.join()
                _set_async_exc(self.target.ident, None)
                return
            except self.expired:
                pass


@contextmanager
def _thread_limit(seconds: float, what: str, source: str | None) -> Iterator[None]:
    """`time_limit` outside the main thread, by a `_Watchdog`. An interruption
    raised while another is being handled can escape the handlers here,
    which is why callers use `run_limited`."""
    dog = _Watchdog(seconds)
    interrupted = False
    try:
        dog.arm()
        yield
    except dog.expired:
        interrupted = True
    finally:
        dog.stop()
    if interrupted or dog.fired:   # an interruption swallowed in the body counts too
        raise _refused(seconds, what, source)


def check_size(text: str, source: str | None = None, limit: int | None = None) -> None:
    """Raise `ItemRefused` if `text` is over `limit` characters (default
    `max_chars()`)."""
    limit = max_chars() if limit is None else limit
    if len(text) > limit:
        raise ItemRefused(f"article of {len(text)} characters is over the limit of {limit}",
                          source=source)


def analyze_each(docs: list[Document], seconds: float | None = None) -> list[Document | Exception]:
    """Each of `docs` analyzed, in order, or the exception that stopped it:
    `ItemRefused` for one over `max_chars()` or over `seconds` (default
    `item_seconds()`), any other for a failure in the pipeline. The
    documents go through the models together, the batch within the sum of
    their limits; if that fails, they are analyzed one by one, each within
    its own, so that only the culprit fails. Works in any thread."""
    from .pipeline import analyze_many
    seconds = item_seconds() if seconds is None else seconds
    results: list[Document | Exception | None] = [None] * len(docs)
    fit = []
    for i, doc in enumerate(docs):
        try:
            check_size(doc.text, doc.source)
            fit.append(i)
        except ItemRefused as e:
            results[i] = e
    try:
        analyzed = run_limited(lambda: list(analyze_many([docs[i] for i in fit], seconds=seconds,
                                                         batch_docs=len(fit) or 1)),
                               seconds * len(fit))
        for i, doc in zip(fit, analyzed):
            results[i] = doc
        return results  # type: ignore[return-value]
    except Exception:   # retried below, out of the handler: its frames are let go
        pass
    for i in fit:
        try:
            results[i] = run_limited(lambda i=i: list(analyze_many([docs[i]], seconds=seconds))[0],
                                     seconds, source=docs[i].source)
        except Exception as e:  # refused by a limit, or a failure: the caller says which
            results[i] = e
    return results  # type: ignore[return-value]


def analyze_limited(text: str, *, seconds: float | None = None, limit: int | None = None,
                    name: str | None = None, **meta) -> Document:
    """`svodka.analyze(text, **meta)` within the size and time limits
    (defaults: `max_chars()`, `item_seconds()`); raise `ItemRefused` with a
    one-line reason naming the item (`name`, else its source) when the
    item is refused."""
    from .pipeline import analyze
    source = name or meta.get("source")
    check_size(text, source, limit)
    seconds = item_seconds() if seconds is None else seconds
    # the deadline between stages backs the interruption, as in `analyze_each`
    return run_limited(lambda: analyze(text, seconds=seconds, **meta), seconds, source=source)


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
        """True: the stream is for reading (`io.RawIOBase`)."""
        return True

    def readinto(self, buffer) -> int:
        """Unpack up to `len(buffer)` bytes into `buffer`; the count written, 0 at
        the end. Raises `ItemRefused` for a decompression bomb."""
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
