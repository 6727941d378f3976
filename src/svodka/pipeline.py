"""`analyze()`: the stages in order, models and resources loaded once."""
from __future__ import annotations

import time
from typing import Iterable, Iterator

from .document import Document
from .errors import StageError
from .limits import ItemRefused
from .quotes import extract_quotes
from .resources import Resources, load_resources
from .stages.amounts import find_amounts
from .stages.chains import link_chains
from .stages.entities import find_entities
from .events import code_events
from .stages.parse import parse, parse_many
from .stages.roles import resolve_roles

STAGES = (parse, find_entities, resolve_roles, link_chains, extract_quotes,
          find_amounts, code_events)

# How many documents `analyze_many` sends through the models at once.
BATCH_DOCS = 16


def run_stages(doc: Document, res: Resources, seconds: float | None = None) -> Document:
    """Run every stage on `doc`. With `seconds`, refuse the item (`ItemRefused`)
    once that much wall time has passed, checked between stages: a
    cooperative deadline for in-process callers (the fuzzers). The limits
    that hold whatever a stage does are `limits.analyze_each`'s: a worker
    process killed at its deadline, under RLIMIT_AS."""
    deadline = time.monotonic() + seconds if seconds else None
    for stage in STAGES:
        out = stage(doc, res)
        if not isinstance(out, Document):
            raise StageError(f"stage {stage.__name__} returned {type(out).__name__}, "
                             "not a Document", source=doc.source)
        doc = out
        if deadline is not None and time.monotonic() > deadline:
            raise ItemRefused(f"analysis took over {seconds:g} s (the per-item time limit), "
                              f"stopped after stage {stage.__name__}", source=doc.source)
    return doc


def analyze(text: str, *, seconds: float | None = None, **meta) -> Document:
    """Analyze one article: `meta` may give source, title, url, published,
    author; `seconds` is an optional per-item time limit (see `run_stages`)."""
    return run_stages(Document(text=text, **meta), load_resources(), seconds)


def as_document(item: Document | str | tuple[str, dict]) -> Document:
    """A `Document` from a document, a text, or a `(text, meta)` pair."""
    if isinstance(item, str):
        return Document(text=item)
    if isinstance(item, tuple):
        return Document(text=item[0], **item[1])
    return item


def analyze_many(items: Iterable[Document | str | tuple[str, dict]],
                 batch_docs: int = BATCH_DOCS, seconds: float | None = None
                 ) -> Iterator[Document]:
    """Analyze many articles, sending the sentences of `batch_docs` of them
    through the models together. Items are `Document`s, texts, or
    `(text, meta)` pairs; results come out in input order. `seconds` limits
    each article's own stages (see `run_stages`)."""
    res = load_resources()
    batch: list[Document] = []
    for item in items:
        batch.append(as_document(item))
        if len(batch) >= batch_docs:
            yield from (run_stages(d, res, seconds) for d in parse_many(batch))
            batch = []
    if batch:
        yield from (run_stages(d, res, seconds) for d in parse_many(batch))
