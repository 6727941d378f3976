"""`Store`: the durable, queryable store behind the CLI, HTTP API and web UI.

A thin facade: it opens the database (`engine.py`), runs each call in its
own transaction, and hands the connection to `write`, `load`, `queries`,
`summary` and `export`. Database errors come out as `StoreError` naming the
store (password hidden).
"""
from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence, TypeVar, cast

from sqlalchemy import Connection, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from ..document import Document
from ..errors import StoreError
from . import export as _export
from . import load as _load
from . import bands, entity_rows, queries, search as _search, summary, write
from .cache import VersionCache
from .engine import WRITE, normalize_url, open_engine
from .feeds import FeedRecord, load_feeds, save_feed
from .schema import documents

KEYS_PER_QUERY = 500
# A batch that loses a deadlock or a serialization conflict to a concurrent
# writer (PostgreSQL), or outwaits SQLite's busy timeout, is tried again.
WRITE_ATTEMPTS = 4
T = TypeVar("T")
# A date bound as the queries take it: an ISO date, month or year, or None.
DateBound = str | None
TRANSIENT_PGCODES = {"40P01", "40001"}


def _one_line(e: BaseException) -> str:
    """The driver's message of `e` on one line (psycopg2's span several)."""
    return " ".join(str(e.args[0] if e.args else e).split())


def _is_transient(exc: BaseException | None) -> bool:
    orig = getattr(exc, "orig", None)
    if getattr(orig, "pgcode", None) in TRANSIENT_PGCODES:
        return True
    return "database is locked" in str(orig or "")


class Store:
    """Documents and what was extracted from them, in SQLite or PostgreSQL.

    `url`: None -> $SVODKA_DB, else `svodka.db` in the user's data directory;
    `sqlite:///path.db`, a bare file path, or `postgresql://user@host:port/db`.
    Opening upgrades the schema to the newest migration.
    """

    def __init__(self, url: str | None = None):
        self.url = normalize_url(url)
        self.name = make_url(self.url).render_as_string(hide_password=True)
        self.engine = open_engine(self.url)
        self._aggregates = VersionCache()

    def close(self) -> None:
        """Close the store's connections (a closed store reopens on use)."""
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.name!r})"

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn:
                yield conn
        except SQLAlchemyError as e:
            raise StoreError(f"read failed: {e.__class__.__name__}: {_one_line(e)}",
                             source=self.name) from e

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        try:
            with self.engine.connect().execution_options(**WRITE) as conn, conn.begin():
                yield conn
        except (SQLAlchemyError, ValueError) as e:
            # ValueError: the driver refused a value (PostgreSQL takes no NUL
            # characters or lone surrogates in text).
            raise StoreError(f"write failed, nothing of this batch was stored: "
                             f"{e.__class__.__name__}: {_one_line(e)}",
                             source=self.name) from e

    # --- writing ------------------------------------------------------------

    def has_keys(self, keys: Iterable[str]) -> set[str]:
        """Which of these content keys (`Document.key`) are stored already."""
        keys = list(dict.fromkeys(keys))
        found: set[str] = set()
        with self._read() as conn:
            for i in range(0, len(keys), KEYS_PER_QUERY):
                chunk = keys[i:i + KEYS_PER_QUERY]
                found.update(conn.execute(select(documents.c.key)
                                          .where(documents.c.key.in_(chunk))).scalars())
        return found

    def save_many(self, docs: Sequence[Document], *, duplicate_of: Mapping[str, str] = {},
                  signatures: Mapping[str, bytes] = {}) -> int:
        """Store a batch in ONE transaction, skipping docs stored already; a doc
        whose key is in `duplicate_of` is linked to that first copy and stored
        without quotes, events and amounts. Returns how many were new."""
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                with self._write() as conn:
                    return write.save_many(conn, docs, duplicate_of=duplicate_of,
                                           signatures=signatures)
            except StoreError as e:
                if attempt == WRITE_ATTEMPTS or not _is_transient(e.__cause__):
                    raise
                time.sleep(0.05 * 2 ** attempt)
        raise AssertionError("unreachable")

    def save(self, doc: Document) -> str:
        """Store one document (if new); return its key, for `load`."""
        self.save_many([doc])
        return doc.key

    def record_failures(self, items: Sequence[tuple[str, str]]) -> None:
        """Record `(source, reason)` of items an ingest skipped or failed on."""
        with self._write() as conn:
            write.record_failures(conn, items)

    def save_feed_state(self, record: FeedRecord) -> None:
        """Remember what `svodka watch` knows of a feed (replaces the URL's record)."""
        with self._write() as conn:
            save_feed(conn, record)

    # --- reading ------------------------------------------------------------

    def feed_states(self, urls: Iterable[str]) -> dict[str, FeedRecord]:
        """URL -> the stored `FeedRecord`, for the URLs saved before."""
        with self._read() as conn:
            return load_feeds(conn, list(dict.fromkeys(urls)))

    def near_candidates(self, hashes: Sequence[int]) -> list[tuple[str, bytes]]:
        """`(key, MinHash bytes)` of the stored first copies sharing an LSH
        band with a text whose band hashes (`ingest.dedup.band_hashes`) are
        `hashes`: one query on the band table (`bands.candidates`)."""
        with self._read() as conn:
            return bands.candidates(conn, hashes)

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        """`(key, MinHash bytes)` of stored documents that are not duplicates
        (for inspection and tests; an ingest asks `near_candidates`)."""
        with self._read() as conn:
            rows = conn.execution_options(yield_per=1000).execute(
                select(documents.c.key, documents.c.signature)
                .where(documents.c.duplicate_of.is_(None), documents.c.signature.is_not(None))
                .order_by(documents.c.id))
            for key, sig in rows:
                yield key, bytes(sig)

    def get(self, key: str) -> Document | None:
        """The stored document with this content key, or None."""
        with self._read() as conn:
            return _load.load(conn, key)

    def load(self, key: str) -> Document:
        """The stored document with this content key (`load(d.key) == d`);
        raises KeyError when there is none."""
        doc = self.get(key)
        if doc is None:
            raise KeyError(key)
        return doc

    def search(self, q: str, *, since: DateBound = None, until: DateBound = None,
               limit: int = 20, offset: int = 0,
               kinds: Sequence[str] = ("documents", "quotes")) -> queries.Page:
        """Full-text hits (`queries.Hit`) over articles, then quotes."""
        with self._read() as conn:
            return _search.search(conn, q, since=since, until=until, limit=limit,
                                  offset=offset, kinds=kinds)

    def documents(self, *, q: str | None = None, since: DateBound = None,
                  until: DateBound = None, limit: int = 20, offset: int = 0) -> queries.Page:
        """Articles as `Hit`s: matching `q` best first, or without `q` newest first."""
        with self._read() as conn:
            if q is not None:
                return _search.search(conn, q, since=since, until=until, limit=limit,
                                      offset=offset, kinds=("documents",))
            return _search.documents_page(conn, since=since, until=until, limit=limit,
                                          offset=offset)

    def quotes(self, *, limit: int = 20, offset: int = 0, **filters: Any) -> queries.Page:
        """`QuoteRow`s, newest first; filters as `queries.quotes_page` (speaker
        name part, speaker_id, q words, since/until, country, role, about,
        about_country)."""
        with self._read() as conn:
            return queries.quotes_page(conn, limit=limit, offset=offset, **filters)

    def events(self, *, limit: int = 20, offset: int = 0, sort: str = "newest",
               **filters: Any) -> queries.Page:
        """`EventRow`s; filters as `queries.event_conds` (source, target,
        country, pair, domestic, type, quad, mode, actor, place, since, until)."""
        with self._read() as conn:
            return queries.events_page(conn, sort=sort, limit=limit, offset=offset, **filters)

    def entities(self, *, q: str | None = None, type: str | None = None,
                 country: str | None = None, limit: int = 20, offset: int = 0) -> queries.Page:
        """Merged `EntityRow`s whose name or alias contains `q`, most documents first."""
        with self._read() as conn:
            return entity_rows.entities_page(conn, q=q, type=type, country=country, limit=limit,
                                         offset=offset)

    def entity_id(self, key: str) -> int | None:
        """The merged entity id of a stable key (`EntityRow.key`), or None."""
        with self._read() as conn:
            return entity_rows.entity_by_key(conn, key)

    def entity(self, entity_id: int | str) -> queries.EntityDetail | None:
        """One merged entity with aliases, roles, latest quotes and events; None if unknown."""
        try:
            entity_id = int(entity_id)
        except (TypeError, ValueError):
            return None
        with self._read() as conn:
            return entity_rows.entity_detail(conn, entity_id)

    def entity_links(self, key: str) -> dict[str, tuple[int, str]]:
        """`Entity.id` in the document `key` -> (merged entity id, stable key)."""
        with self._read() as conn:
            return entity_rows.entity_links(conn, key)

    # Aggregates are computed once per version of the store (`cache.py`).

    def _aggregate(self, key: tuple[Any, ...], compute: Callable[[Connection], T]) -> T:
        with self._read() as conn:
            return cast(T, self._aggregates.get(conn, key, compute))

    def dyad(self, a: str, b: str, *, since: DateBound = None,
             until: DateBound = None) -> summary.Dyad:
        """Events between countries `a` and `b` per month, speakers, quotes, amounts."""
        a, b = a.upper(), b.upper()
        return self._aggregate(("dyad", a, b, since, until),
                               lambda conn: summary.dyad(conn, a, b, since=since, until=until))

    def event_facets(self, **filters: Any) -> dict[str, Any]:
        """`summary.event_facets`: counts per type, quad, mode and country."""
        key = ("facets", *sorted(filters.items()))
        return self._aggregate(key, lambda conn: summary.event_facets(conn, **filters))

    def event_places(self, **filters: Any) -> tuple[tuple[str, str | None, int], ...]:
        """`summary.event_places`: events per location."""
        key = ("places", *sorted(filters.items()))
        return self._aggregate(key, lambda conn: summary.event_places(conn, **filters))

    def timeline(self, entity_id: int) -> summary.Timeline:
        """Quotes and events of an entity per month (`summary.timeline`)."""
        return self._aggregate(("timeline", entity_id),
                               lambda conn: summary.timeline(conn, entity_id))

    def stats(self) -> dict[str, int]:
        """Counts: documents, duplicates, entities, mentions, quotes, speakers,
        events, amounts, failures."""
        return dict(self._aggregate(("stats",), summary.stats))

    def busiest_pairs(self, top: int = 10) -> tuple[tuple[str, str, int], ...]:
        """`(a, b, events)` for the country pairs with the most events between
        them in either direction, `a <= b` (0: all pairs)."""
        return self._aggregate(("pairs", top), lambda conn: summary.busiest_pairs(conn, top))

    def most_quoted(self, top: int = 10) -> tuple[tuple[int, str, str | None, int, str], ...]:
        """`(entity id, name, country, quotes, key)` for the speakers quoted most often."""
        return self._aggregate(("quoted", top), lambda conn: summary.most_quoted(conn, top))

    def export(self, table: str) -> Iterator[dict[str, Any]]:
        """Rows of `documents`, `quotes`, `events` (GDELT-like) or `entities`."""
        with self._read() as conn:
            yield from _export.export(conn, table)
