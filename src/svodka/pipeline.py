"""`analyze()`: the stages in order, models and resources loaded once."""
from __future__ import annotations

from typing import Iterable, Iterator

from .document import Document
from .errors import StageError
from .resources import Resources, load_resources
from .stages.amounts import find_amounts
from .stages.entities import find_entities
from .stages.events import code_events
from .stages.parse import parse, parse_many
from .stages.quotes import find_quotes
from .stages.roles import resolve_roles
from .stages.speakers import attribute_speakers

STAGES = (parse, find_entities, resolve_roles, find_quotes,
          attribute_speakers, find_amounts, code_events)

# How many documents `analyze_many` sends through the models at once.
BATCH_DOCS = 16


def run_stages(doc: Document, res: Resources) -> Document:
    for stage in STAGES:
        out = stage(doc, res)
        if not isinstance(out, Document):
            raise StageError(f"stage {stage.__name__} returned {type(out).__name__}, "
                             "not a Document", source=doc.source)
        doc = out
    return doc


def analyze(text: str, **meta) -> Document:
    """Analyze one article: `meta` may give source, title, url, published, author."""
    return run_stages(Document(text=text, **meta), load_resources())


def as_document(item: Document | str | tuple[str, dict]) -> Document:
    """A `Document` from a document, a text, or a `(text, meta)` pair."""
    if isinstance(item, str):
        return Document(text=item)
    if isinstance(item, tuple):
        return Document(text=item[0], **item[1])
    return item


def analyze_many(items: Iterable[Document | str | tuple[str, dict]],
                 batch_docs: int = BATCH_DOCS) -> Iterator[Document]:
    """Analyze many articles, sending the sentences of `batch_docs` of them
    through the models together. Items are `Document`s, texts, or
    `(text, meta)` pairs; results come out in input order."""
    res = load_resources()
    batch: list[Document] = []
    for item in items:
        batch.append(as_document(item))
        if len(batch) >= batch_docs:
            yield from (run_stages(d, res) for d in parse_many(batch))
            batch = []
    if batch:
        yield from (run_stages(d, res) for d in parse_many(batch))
