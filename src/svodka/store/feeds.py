"""Feed state of `svodka watch` in the store: per feed URL the validators of
its last answer (ETag, Last-Modified), the ids of the items read already and
the count of failed polls in a row, so that a restarted watcher neither
refetches an unchanged feed nor ingests an item twice."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone

from sqlalchemy import Connection, select
from sqlalchemy.dialects import postgresql, sqlite

from .schema import feed_state


@dataclass(frozen=True, slots=True)
class FeedRecord:
    """The stored state of one feed."""
    url: str
    etag: str | None = None
    last_modified: str | None = None
    seen: frozenset[str] = field(default_factory=frozenset)   # ids of items read
    failures: int = 0                                         # failed polls in a row


def load_feeds(conn: Connection, urls: list[str]) -> dict[str, FeedRecord]:
    """The stored records of these URLs (URLs never saved are left out)."""
    found: dict[str, FeedRecord] = {}
    if not urls:
        return found
    rows = conn.execute(select(feed_state).where(feed_state.c.url.in_(urls)))
    for row in rows:
        found[row.url] = FeedRecord(row.url, row.etag, row.last_modified,
                                    frozenset(json.loads(row.seen)), row.failures)
    return found


def save_feed(conn: Connection, record: FeedRecord) -> None:
    """Insert or replace the record of `record.url`."""
    values = {"etag": record.etag, "last_modified": record.last_modified,
              "seen": json.dumps(sorted(record.seen), ensure_ascii=False),
              "failures": record.failures, "updated_at": datetime.now(timezone.utc)}
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(feed_state).values(url=record.url, **values)
    conn.execute(stmt.on_conflict_do_update(index_elements=["url"], set_=values))
