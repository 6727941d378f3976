"""A huge article as the analysis would store it: a real corpus article
repeated to 400,000 characters, its words marked as mentions of
a few hundred entities (35,000 mentions), plus quotes that cross them. And
a helper timing a call in a child process, so a quadratic old code fails
the test by its time limit instead of holding it for minutes."""
from __future__ import annotations

import os
import pickle
import select
import signal
import time

from hostile_inputs import SEED

CHARS = 400_000
MENTIONS = 35_000


def huge_document(mentions: int = MENTIONS, chars: int = CHARS, marker: str = ""):
    """A `Document` of `chars` characters with `mentions` entity mentions
    (every word of three letters or more, in order), a quote per
    paragraph, and `marker` at the start of its text (distinct keys)."""
    from svodka.document import Document, Entity, Mention, Quote
    base = SEED.read_text(encoding="utf-8").strip() + "\n\n"
    text = (marker + base * (chars // len(base) + 1))[:chars]
    words: list[tuple[int, int]] = []
    at = 0
    while at < len(text) and len(words) < mentions:
        while at < len(text) and not text[at].isalpha():
            at += 1
        end = at
        while end < len(text) and text[end].isalpha():
            end += 1
        if end - at >= 3:
            words.append((at, end))
        at = end
    assert len(words) == mentions, f"only {len(words)} words"
    names = sorted({text[s:e] for s, e in words})
    by_name: dict[str, list[Mention]] = {n: [] for n in names}
    for s, e in words:
        by_name[text[s:e]].append(Mention(text[s:e], s, e, "name"))
    entities = tuple(Entity(f"e{i}", "PER", n, tuple(by_name[n])) for i, n in enumerate(names, 1))
    quotes, start = [], 0
    while (end := text.find("\n", start + 1)) != -1 and len(quotes) < 500:
        if end - start > 20:
            quotes.append(Quote(text[start + 1:end - 1], start + 1, end - 1, "direct"))
        start = end
    return Document(text=text, title=f"{marker}huge", published="2024-03-12",
                    entities=entities, quotes=tuple(quotes))


def timed_in_child(fn, *args, limit: float) -> float | None:
    """Seconds `fn(*args)` took in a forked child, or None when it had not
    finished within `limit` seconds (the child is then killed)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:       # the child: time the call, send the figure, leave at once
        os.close(read)
        try:
            t = time.perf_counter()
            fn(*args)
            os.write(write, pickle.dumps(time.perf_counter() - t))
        finally:
            os._exit(0)
    os.close(write)
    try:
        ready, _, _ = select.select([read], [], [], limit)
        data = os.read(read, 1024) if ready else b""
        return pickle.loads(data) if data else None
    finally:
        os.close(read)
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
