"""Analyzed corpus articles for the quote tests, each analyzed once."""
from __future__ import annotations

import functools

from paths import CORPUS


@functools.cache
def analyzed(doc_id: str):
    import svodka
    from svodka.ingest.text import read_text
    return svodka.analyze(read_text(CORPUS / f"{doc_id}.txt"), source=f"{doc_id}.txt")


def quote_at(doc_id: str, words: str, kind: str, cue: str | None = None):
    """The `kind` quote of the article starting with `words` (and with cue
    text `cue`, when given)."""
    doc = analyzed(doc_id)
    found = [q for q in doc.quotes if q.text.startswith(words) and q.kind == kind
             and (cue is None or q.cue is not None and q.cue.text == cue)]
    assert found, f"no {kind} quote starting {words!r} (cue {cue!r}) in {doc_id}: " \
                  f"{[(q.kind, q.text[:40], q.cue and q.cue.text) for q in doc.quotes]}"
    return found[0]


def speaker_name(q) -> str | None:
    return q.speaker.name if q.speaker else None
