"""Tables of the store (SQLAlchemy Core).

```
documents ─┬─ doc_entities ── mentions         entities (merged across documents
           │        └───────────────────────►   by type + normal name + country)
           ├─ document_bands (LSH bands of first copies, migration 0010)
           ├─ quotes  (speaker ─────────────►  entities)
           ├─ events  (source/target/location ► entities)
           └─ amounts
failures   (items an ingest skipped, with the reason)
feed_state (what `svodka watch` remembers of each feed, migration 0008)
```

Each child row keeps `ord`, its position in the `Document` tuple, so that
`Store.load` rebuilds the document exactly. Full-text search lives outside
this metadata: FTS5 virtual tables on SQLite, generated `tsvector` columns on
PostgreSQL (see `fts.py` and the migrations), and so do the indexes that
serve newest-first pages (`*_newest`, migration 0003), and the quote
explorer's and events browser's (`ix_doc_entities_roles`, `ix_events_when`,
migration 0007). The schema is created
by the Alembic migrations, never by `create_all` in production paths.
"""
from __future__ import annotations

from sqlalchemy import (BigInteger, Column, DateTime, Float, ForeignKey, Index, Integer,
                        LargeBinary, MetaData, PrimaryKeyConstraint, SmallInteger, String, Table,
                        Text, UniqueConstraint, text)

metadata = MetaData()

documents = Table(
    "documents", metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(64), nullable=False, unique=True),   # Document.key
    Column("source", Text),
    Column("url", Text),
    Column("title", Text),
    Column("published", String(40)),      # ISO date or datetime, as given
    Column("author", Text),
    Column("text", Text, nullable=False),
    Column("duplicate_of", String(64)),   # key of the first copy, for near-duplicates
    Column("signature", LargeBinary),     # MinHash bytes, for the near-duplicate index
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Index("ix_documents_published", "published"),
    # ix_documents_live and ix_documents_duplicates: partial indexes (migration 0004)
)

# The near-duplicate index (migration 0010): for each stored first copy with
# a signature, one row per LSH band, `hash` the band's 64-bit hash
# (`ingest.dedup.band_hashes`). The primary key leads with (band, hash), so
# it is the lookup index; on SQLite the table is that one b-tree (WITHOUT
# ROWID). Written in the transaction that stores the document.
document_bands = Table(
    "document_bands", metadata,
    Column("band", SmallInteger, nullable=False),
    Column("hash", BigInteger, nullable=False),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"),
           nullable=False),
    PrimaryKeyConstraint("band", "hash", "document_id", name="pk_document_bands"),
    sqlite_with_rowid=False,
)

entities = Table(
    "entities", metadata,
    Column("id", Integer, primary_key=True),
    Column("merge_key", Text, nullable=False, unique=True),   # type|folded name|country
    Column("type", String(8), nullable=False),
    Column("name", Text, nullable=False),
    Column("name_folded", Text, nullable=False),   # casefolded, ё -> е, for LIKE
    Column("country", String(3)),
    Column("sector", String(8)),
    # Kept up to date by the writer (migration 0002): non-duplicate documents
    # naming the entity, its mentions in them, and quotes attributed to it.
    Column("n_documents", Integer, nullable=False, server_default="0"),
    Column("n_mentions", Integer, nullable=False, server_default="0"),
    Column("n_quotes", Integer, nullable=False, server_default="0"),
    # Every alias any document gave it, folded, " | "-separated (migration 0005).
    Column("aliases_folded", Text, nullable=False, server_default=""),
    Index("ix_entities_name_folded", "name_folded"),
    Index("ix_entities_n_documents", "n_documents"),
    Index("ix_entities_country", "country"),
)

doc_entities = Table(
    "doc_entities", metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"),
           nullable=False),
    Column("ord", Integer, nullable=False),
    Column("entity_id", Integer, ForeignKey("entities.id"), nullable=False),
    Column("local_id", Text, nullable=False),      # Entity.id inside the document
    Column("type", String(8), nullable=False),
    Column("name", Text, nullable=False),
    Column("country", String(3)),
    Column("sector", String(8)),
    Column("aliases", Text, nullable=False),       # JSON list of str
    Column("aliases_folded", Text, nullable=False),
    Column("roles", Text, nullable=False),         # JSON list of Role fields
    UniqueConstraint("document_id", "ord"),
    Index("ix_doc_entities_entity", "entity_id"),
)

mentions = Table(
    "mentions", metadata,
    Column("id", Integer, primary_key=True),
    Column("doc_entity_id", Integer, ForeignKey("doc_entities.id", ondelete="CASCADE"),
           nullable=False),
    Column("ord", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Index("ix_mentions_doc_entity", "doc_entity_id"),
)

quotes = Table(
    "quotes", metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"),
           nullable=False),
    Column("ord", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("has_speaker", Integer, nullable=False),  # 0/1: EntityRef present
    Column("speaker_local", Text),                   # EntityRef.id
    Column("speaker_name", Text),                    # EntityRef.name
    Column("speaker_folded", Text),
    Column("speaker_id", Integer, ForeignKey("entities.id")),
    Column("cue_text", Text),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("published", String(40)),   # the document's (migration 0003)
    Index("ix_quotes_document", "document_id"),
    # Names of speakers not linked to an entity (migration 0006).
    Index("ix_quotes_unlinked_speaker", "speaker_folded",
          sqlite_where=text("speaker_id IS NULL AND speaker_folded IS NOT NULL"),
          postgresql_where=text("speaker_id IS NULL AND speaker_folded IS NOT NULL")),
)

events = Table(
    "events", metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"),
           nullable=False),
    Column("ord", Integer, nullable=False),
    Column("type", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("trigger_text", Text, nullable=False),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("mode", String(32)),
    Column("contexts", Text, nullable=False),   # JSON list of str
    Column("quad", String(32)),
    Column("date", String(40)),
    # Actors and place: JSON of the dataclass (null when absent) plus
    # columns to filter on.
    Column("source", Text),
    Column("source_id", Integer, ForeignKey("entities.id")),
    Column("source_country", String(3)),
    Column("source_sector", String(8)),
    Column("target", Text),
    Column("target_id", Integer, ForeignKey("entities.id")),
    Column("target_country", String(3)),
    Column("target_sector", String(8)),
    Column("location", Text),
    Column("location_id", Integer, ForeignKey("entities.id")),
    Column("published", String(40)),   # the document's (migration 0003)
    Index("ix_events_document", "document_id"),
    Index("ix_events_dyad", "source_country", "target_country", "type"),
)

amounts = Table(
    "amounts", metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"),
           nullable=False),
    Column("ord", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("value", Text, nullable=False),       # exact Decimal as a string
    Column("value_num", Float),                  # the same, for sorting and sums
    Column("unit", String(8), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("published", String(40)),   # the document's (migration 0003)
    Index("ix_amounts_document", "document_id"),
)

failures = Table(
    "failures", metadata,
    Column("id", Integer, primary_key=True),
    Column("source", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

# What `svodka watch` remembers of a feed between runs (migration 0008).
feed_state = Table(
    "feed_state", metadata,
    Column("url", Text, primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("seen", Text, nullable=False, server_default="[]"),   # JSON list of item ids
    Column("failures", Integer, nullable=False, server_default="0"),   # failed polls in a row
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
