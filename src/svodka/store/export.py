"""Flat tables for export: documents, quotes, events (GDELT-like), entities.

Each `export_*` yields plain dicts with the same keys on every row, streaming
from the database in chunks.
"""
from __future__ import annotations

from typing import Iterator

from sqlalchemy import Connection, select

from .entity_rows import entity_row, entity_select
from .queries import event_row, event_select, quote_row, quote_select
from .schema import documents, entities, events, quotes

TABLES = ("documents", "quotes", "events", "entities")
CHUNK = 500


def export(conn: Connection, table: str) -> Iterator[dict]:
    """Rows of `table` (one of `TABLES`) as dicts, in storage order."""
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
    yield from globals()[f"_export_{table}"](conn.execution_options(yield_per=CHUNK))


def _export_documents(conn: Connection) -> Iterator[dict]:
    cols = [documents.c[n] for n in ("key", "source", "url", "title", "published", "author",
                                     "duplicate_of", "ingested_at", "text")]
    for r in conn.execute(select(*cols).order_by(documents.c.id)):
        row = dict(r._mapping)
        row["ingested_at"] = row["ingested_at"].isoformat() if row["ingested_at"] else None
        yield row


def _export_quotes(conn: Connection) -> Iterator[dict]:
    # The local export keeps where each article came from (the rows served
    # over HTTP do not).
    for r in conn.execute(quote_select().add_columns(documents.c.source.label("doc_source"))
                          .order_by(quotes.c.id)):
        q = quote_row(r)
        yield {"id": q.id, "document": q.document, "published": q.published, "url": q.url,
               "source": r._mapping["doc_source"], "speaker": q.speaker, "speaker_id": q.speaker_id,
               "role": q.role, "kind": q.kind, "text": q.text, "cue": q.cue,
               "start": q.start, "end": q.end}


def _actor_cols(prefix: str, actor) -> dict:
    return {f"{prefix}_name": actor.name if actor else None,
            f"{prefix}_country": actor.country if actor else None,
            f"{prefix}_sector": actor.sector if actor else None,
            f"{prefix}_entity_id": actor.entity_id if actor else None}


def _export_events(conn: Connection) -> Iterator[dict]:
    """GDELT-like: date, source actor, target actor, type, mode, quad, location, URL."""
    for r in conn.execute(event_select().add_columns(documents.c.source.label("doc_source"))
                          .order_by(events.c.id)):
        e = event_row(r)
        yield {"id": e.id, "date": e.date, **_actor_cols("source", e.source),
               **_actor_cols("target", e.target), "type": e.type, "mode": e.mode,
               "quad": e.quad, "contexts": ";".join(e.contexts), "location": e.location,
               "text": e.text, "document": e.document,
               "source_url": e.url or r._mapping["doc_source"]}


def _export_entities(conn: Connection) -> Iterator[dict]:
    for r in conn.execute(entity_select().order_by(entities.c.id)):
        e = entity_row(r)
        yield {"id": e.id, "name": e.name, "type": e.type, "country": e.country,
               "sector": e.sector, "documents": e.documents, "mentions": e.mentions,
               "quotes": e.quotes}
