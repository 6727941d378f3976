"""Reads: quotes, events and entities as pages of frozen rows, and the row
types of every read (full-text search itself is in `search.py`).

Every function takes an open `Connection`; `Store` wraps them. All user
values are bound parameters. Dates (`since`, `until`: ISO dates, either may
be a prefix such as `2024-05`) filter on the document's `published` date;
documents without one are left out when a date is given. Near-duplicate
documents are left out of search hits and counts.
"""
from __future__ import annotations

import html
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Select, and_, func, or_, select, text

from . import fts
from .schema import doc_entities, documents, entities, events, quotes
from .write import fold


@dataclass(frozen=True, slots=True)
class Page:
    """One page of rows: `items`, the `total` over all pages, `limit`, `offset`."""
    items: tuple
    total: int      # rows matching, over all pages
    limit: int
    offset: int


@dataclass(frozen=True, slots=True)
class Hit:
    """A search hit. `snippet` is plain, unescaped text; `marks` are the
    `(start, end)` offsets of the matched words in it. Render with
    `snippet_html()`, which escapes the text and wraps hits in `<mark>`."""
    kind: str               # "document" or "quote"
    document: str           # Document.key
    title: str | None
    url: str | None
    source: str | None
    published: str | None
    snippet: str
    marks: tuple[tuple[int, int], ...]
    quote_id: int | None = None
    speaker: str | None = None

    def snippet_html(self) -> str:
        """The snippet as HTML: its text escaped, the matched words in `<mark>`."""
        out, pos = [], 0
        for start, end in self.marks:
            out += [html.escape(self.snippet[pos:start]), "<mark>",
                    html.escape(self.snippet[start:end]), "</mark>"]
            pos = end
        out.append(html.escape(self.snippet[pos:]))
        return "".join(out)


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """A stored quote with its speaker, role and document."""
    id: int
    text: str
    kind: str               # direct, indirect
    speaker: str | None     # the speaker's name as the document gives it
    speaker_id: int | None  # merged entity id
    role: str | None        # the speaker's first role in that document
    cue: str | None
    start: int
    end: int
    document: str           # Document.key
    title: str | None
    url: str | None
    source: str | None
    published: str | None


@dataclass(frozen=True, slots=True)
class ActorRow:
    """An event's source or target as stored: name, merged entity, country, sector."""
    name: str | None
    entity_id: int | None   # merged entity id
    country: str | None
    sector: str | None


@dataclass(frozen=True, slots=True)
class EventRow:
    """A stored PLOVER event with its actors, place, date and document."""
    id: int
    type: str
    mode: str | None
    quad: str | None
    contexts: tuple[str, ...]
    source: ActorRow | None
    target: ActorRow | None
    location: str | None
    date: str | None        # the event's date, else the document's published date
    text: str
    trigger: str
    start: int
    end: int
    document: str
    title: str | None
    url: str | None
    published: str | None


@dataclass(frozen=True, slots=True)
class EntityRow:
    """An entity merged across documents, with its counts."""
    id: int
    name: str
    type: str
    country: str | None
    sector: str | None
    documents: int          # non-duplicate documents naming it
    mentions: int
    quotes: int             # quotes attributed to it


@dataclass(frozen=True, slots=True)
class EntityDetail:
    """One merged entity: aliases, roles, latest quotes and events."""
    entity: EntityRow
    aliases: tuple[str, ...]
    roles: tuple[str, ...]              # distinct role titles, most frequent first
    quotes: tuple[QuoteRow, ...]        # the latest ones
    events: tuple[EventRow, ...]        # latest events it is source or target of


def dated(stmt: Select, since: str | None, until: str | None, published=None) -> Select:
    """Restrict `stmt` to published dates; `published` is the column to test
    (default `documents.published`; quotes, events and amounts carry a copy)."""
    published = documents.c.published if published is None else published
    if since:
        stmt = stmt.where(published >= since)
    if until:
        stmt = stmt.where(func.substr(published, 1, len(until)) <= until)
    return stmt


def count(conn: Connection, stmt: Select) -> int:
    return conn.execute(select(func.count()).select_from(stmt.order_by(None).subquery())).scalar_one()


def newest_first(conn: Connection, table=documents) -> tuple:
    """ORDER BY published date, newest first, undated last, then newest
    stored; items of one document in their order. Matches the `*_newest`
    indexes (SQLite sorts NULLs last in DESC by itself)."""
    published = table.c.published.desc()
    if conn.dialect.name != "sqlite":
        published = published.nulls_last()
    if table is documents:
        return published, documents.c.id.desc()
    return published, table.c.document_id.desc(), table.c.ord


# --- quotes -----------------------------------------------------------------

_QUOTE_COLS = (quotes.c.id, quotes.c.text, quotes.c.kind, quotes.c.speaker_name,
               quotes.c.speaker_id, quotes.c.cue_text, quotes.c.start, quotes.c.end,
               doc_entities.c.roles, documents.c.key, documents.c.title, documents.c.url,
               documents.c.source, documents.c.published)


def quote_select() -> Select:
    """Quotes joined with their document and the speaker's entity in it."""
    return (select(*_QUOTE_COLS)
            .join(documents, documents.c.id == quotes.c.document_id)
            .outerjoin(doc_entities, and_(doc_entities.c.document_id == quotes.c.document_id,
                                          doc_entities.c.local_id == quotes.c.speaker_local)))


def quote_row(r) -> QuoteRow:
    roles = json.loads(r.roles) if r.roles else []
    return QuoteRow(r.id, r.text, r.kind, r.speaker_name, r.speaker_id,
                    roles[0]["name"] if roles else None, r.cue_text, r.start, r.end,
                    r.key, r.title, r.url, r.source, r.published)


# Above this many matching rows SQLite does better walking a newest-first
# index and testing each row than collecting and sorting all the matches;
# `hider` makes it do so by turning a column into an expression (`col + 0`),
# which no index serves. PostgreSQL's planner weighs this by itself.
DENSE_ROWS = 1000


def hider(conn: Connection, dense: bool):
    if dense and conn.dialect.name == "sqlite":
        return lambda col: col + 0
    return lambda col: col


def hydrate_quotes(conn: Connection, ids: list[int]) -> tuple[QuoteRow, ...]:
    """Full rows for quote ids, in the given order."""
    by_id = {r.id: quote_row(r) for r in conn.execute(quote_select().where(quotes.c.id.in_(ids)))}
    return tuple(by_id[i] for i in ids)


_UNLINKED_SQLITE = text(
    "SELECT id FROM quotes INDEXED BY ix_quotes_unlinked_speaker WHERE speaker_id IS NULL "
    "AND speaker_folded IS NOT NULL AND speaker_folded LIKE :pattern ESCAPE '/'")


def unlinked_speakers(conn: Connection, folded: str):
    """Ids of quotes whose speaker is not linked to an entity and whose
    name contains `folded`, read from the partial index of those names
    (SQLite's planner, without statistics, would walk every unlinked quote
    instead; PostgreSQL's chooses the index itself)."""
    if conn.dialect.name == "sqlite":
        escaped = folded.replace("/", "//").replace("%", "/%").replace("_", "/_")
        return _UNLINKED_SQLITE.bindparams(pattern=f"%{escaped}%").columns(quotes.c.id)
    return select(quotes.c.id).where(quotes.c.speaker_id.is_(None),
                                     quotes.c.speaker_folded.is_not(None),
                                     quotes.c.speaker_folded.contains(folded, autoescape=True))


def quotes_page(conn: Connection, *, speaker=None, speaker_id=None, q=None, since=None,
                until=None, limit=20, offset=0) -> Page:
    """Quotes, newest first. `speaker` is part of a name (case- and
    ё-insensitive) matched against the merged entity, or for quotes whose
    speaker is not an entity, the name given; `speaker_id` is the merged
    entity; `q` the words."""
    if q is not None and not fts.has_words(q):
        return Page((), 0, limit, offset)

    def conds(hide):
        out = []
        if speaker:
            pattern = fold(speaker.strip())
            named = select(entities.c.id).where(
                entities.c.name_folded.contains(pattern, autoescape=True))
            out.append(or_(hide(quotes.c.speaker_id).in_(named),
                           hide(quotes.c.id).in_(unlinked_speakers(conn, pattern))))
        if speaker_id is not None:
            out.append(quotes.c.speaker_id == speaker_id)
        if q is not None:
            fts_table, fts_id, cond, _order = fts.match(conn.dialect.name, "quotes", q)
            out.append(hide(quotes.c.id).in_(select(fts_id).select_from(fts_table).where(cond))
                       if fts_table is not None else cond)
        return out

    def ids(hide):
        return dated(select(quotes.c.id).where(*conds(hide)), since, until, quotes.c.published)
    total = count(conn, ids(hider(conn, False)))
    page = conn.execute(ids(hider(conn, total > DENSE_ROWS))
                        .order_by(*newest_first(conn, quotes)).limit(limit).offset(offset))
    return Page(hydrate_quotes(conn, page.scalars().all()), total, limit, offset)


# --- events -----------------------------------------------------------------

def event_select() -> Select:
    return select(events, documents.c.key, documents.c.title, documents.c.url,
                  ).join(documents, documents.c.id == events.c.document_id)


def _actor(raw: str | None, entity_id: int | None) -> ActorRow | None:
    if raw is None:
        return None
    a = json.loads(raw)
    return ActorRow(a.get("name"), entity_id, a.get("country"), a.get("sector"))


def event_row(r) -> EventRow:
    m: Any = r._mapping
    place = json.loads(m["location"]) if m["location"] else None
    return EventRow(m["id"], m["type"], m["mode"], m["quad"], tuple(json.loads(m["contexts"])),
                    _actor(m["source"], m["source_id"]), _actor(m["target"], m["target_id"]),
                    place["name"] if place else None, m["date"] or m["published"],
                    m["text"], m["trigger_text"], m["start"], m["end"],
                    m["key"], m["title"], m["url"], m["published"])


def events_page(conn: Connection, *, source=None, target=None, type=None, since=None,
                until=None, limit=20, offset=0) -> Page:
    """Coded events, newest first; `source`/`target` are ISO alpha-3 country
    codes of the actors, `type` a PLOVER type (case-insensitive)."""
    conds = []
    if source:
        conds.append(events.c.source_country == source.upper())
    if target:
        conds.append(events.c.target_country == target.upper())
    if type:
        conds.append(events.c.type == type.upper())
    total = count(conn, dated(select(events.c.id).where(*conds), since, until,
                               events.c.published))
    rows = conn.execute(dated(event_select().where(*conds), since, until, events.c.published)
                        .order_by(*newest_first(conn, events)).limit(limit).offset(offset)).all()
    return Page(tuple(event_row(r) for r in rows), total, limit, offset)


# --- entities ---------------------------------------------------------------

def entity_select() -> Select:
    return select(entities.c.id, entities.c.name, entities.c.type, entities.c.country,
                  entities.c.sector, entities.c.n_documents.label("documents"),
                  entities.c.n_mentions.label("mentions"), entities.c.n_quotes.label("quotes"))


def entity_row(r) -> EntityRow:
    return EntityRow(r.id, r.name, r.type, r.country, r.sector, r.documents, r.mentions, r.quotes)


def entities_page(conn: Connection, *, q=None, type=None, limit=20, offset=0) -> Page:
    """Merged entities whose name or an alias contains `q` (case- and
    ё-insensitive), most documents first."""
    stmt = entity_select()
    if q:
        pattern = fold(q.strip())
        stmt = stmt.where(or_(entities.c.name_folded.contains(pattern, autoescape=True),
                              entities.c.aliases_folded.contains(pattern, autoescape=True)))
    if type:
        stmt = stmt.where(entities.c.type == type.upper())
    total = count(conn, stmt)
    rows = conn.execute(stmt.order_by(entities.c.n_documents.desc(), entities.c.n_mentions.desc(),
                                      entities.c.name, entities.c.id)
                        .limit(limit).offset(offset)).all()
    return Page(tuple(entity_row(r) for r in rows), total, limit, offset)


def entity_detail(conn: Connection, entity_id: int, *, latest: int = 50,
                  links: int = 200) -> EntityDetail | None:
    """One merged entity with its aliases and roles (from the `links` latest
    documents naming it), latest quotes and events."""
    row = conn.execute(entity_select().where(entities.c.id == entity_id)).first()
    if row is None:
        return None
    aliases: dict[str, None] = {}
    roles: dict[str, int] = {}
    for link in conn.execute(select(doc_entities.c.aliases, doc_entities.c.roles)
                             .where(doc_entities.c.entity_id == entity_id)
                             .order_by(doc_entities.c.id.desc()).limit(links)):
        aliases.update(dict.fromkeys(json.loads(link.aliases)))
        for role in json.loads(link.roles):
            roles[role["name"]] = roles.get(role["name"], 0) + 1
    said = hydrate_quotes(conn, conn.execute(
        select(quotes.c.id).where(quotes.c.speaker_id == entity_id)
        .order_by(*newest_first(conn, quotes)).limit(latest)).scalars().all())
    # One indexed query per role instead of an OR, which would sort them all.
    acts = {}
    for column in (events.c.source_id, events.c.target_id):
        for r in conn.execute(event_select().where(column == entity_id)
                              .order_by(*newest_first(conn, events)).limit(latest)):
            acts[r.id] = r
    newest = sorted(acts.values(), key=lambda r: (r.published is not None, r.published or "",
                                                  r.document_id, -r.ord), reverse=True)[:latest]
    return EntityDetail(entity_row(row), tuple(aliases),
                        tuple(sorted(roles, key=lambda k: (-roles[k], k))),
                        said, tuple(event_row(r) for r in newest))
