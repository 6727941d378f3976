"""Reads: quotes and events as pages of frozen rows, and the row types of
every read (full-text search is in `search.py`, entities in `entity_rows.py`).

Every function takes an open `Connection`; `Store` wraps them. All user
values are bound parameters. Dates (`since`, `until`: ISO dates, either may
be a prefix such as `2024-05`) filter quotes on their document's `published`
date and events on their own date, else their document's; items without a
date are left out when a date is given. Near-duplicate
documents are left out of search hits and counts.
"""
from __future__ import annotations

import html
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Select, and_, case, func, literal, or_, select, text

from . import fts
from .schema import doc_entities, documents, entities, events, mentions, quotes
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
    title: str | None       # the title, else the text's first line (`headline`)
    url: str | None
    published: str | None
    snippet: str
    marks: tuple[tuple[int, int], ...]
    quote_id: int | None = None
    speaker: str | None = None
    ord: int | None = None  # a quote's position in its document (anchor `#q{ord+1}`)

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
    title: str | None       # the title, else the text's first line (`headline`)
    url: str | None
    published: str | None
    speaker_key: str | None = None   # the speaker entity's stable key (`EntityRow.key`)
    speaker_country: str | None = None
    ord: int = 0            # its position among the document's quotes (anchor `#q{ord+1}`)


@dataclass(frozen=True, slots=True)
class ActorRow:
    """An event's source or target as stored: name, merged entity, country, sector."""
    name: str | None
    entity_id: int | None   # merged entity id
    country: str | None
    sector: str | None
    key: str | None = None  # the entity's stable key (`EntityRow.key`)


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
    title: str | None       # the title, else the text's first line (`headline`)
    url: str | None
    published: str | None
    ord: int = 0            # its position among the document's events (anchor `#ev{ord+1}`)


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
    key: str = ""           # stable across rebuilds: type|folded name|country (merge key)


@dataclass(frozen=True, slots=True)
class Mentioned:
    """An article naming an entity, and the anchor of its first mention there."""
    document: str           # Document.key
    title: str | None       # the title, else the text's first line
    published: str | None
    anchor: str             # element id in the article page: `<Entity.id>-1`


@dataclass(frozen=True, slots=True)
class EntityDetail:
    """One merged entity: aliases, roles, latest quotes and events."""
    entity: EntityRow
    aliases: tuple[str, ...]
    roles: tuple[str, ...]              # distinct role titles, most frequent first
    quotes: tuple[QuoteRow, ...]        # the latest ones
    events: tuple[EventRow, ...]        # latest events it is source or target of
    articles: tuple[Mentioned, ...] = ()    # the latest articles naming it


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
    """The number of rows `stmt` selects (its ORDER BY dropped)."""
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


# --- titles -------------------------------------------------

HEADLINE_CHARS = 120
# The title column of rows: the stored title, else the text's opening, cut
# to its first line by `headline` (plain-text articles come without one).
TITLE = func.coalesce(documents.c.title, func.substr(documents.c.text, 1, 300)).label("title")


def headline(title: str | None) -> str | None:
    """The first non-blank line of `title`; a longer one than HEADLINE_CHARS
    is cut to its first sentence (without the full stop), else at a word
    with an ellipsis."""
    if not title:
        return None
    line = next((ln.strip() for ln in title.splitlines() if ln.strip()), "")
    if len(line) > HEADLINE_CHARS:
        # A lead paragraph: its first sentence, if that is short enough.
        ends = [line.find(p, 20) for p in (". ", "! ", "? ")]
        end = min((e for e in ends if e != -1), default=-1)
        if 0 < end < HEADLINE_CHARS:
            return line[:end + (0 if line[end] == "." else 1)]
        line = line[:HEADLINE_CHARS].rsplit(" ", 1)[0].rstrip(" ,;:—-") + "…"
    return line or None


# --- quotes -----------------------------------------------------------------

speaker_ent = entities.alias("speaker_ent")
_QUOTE_COLS = (quotes.c.id, quotes.c.text, quotes.c.kind, quotes.c.speaker_name,
               quotes.c.speaker_id, quotes.c.cue_text, quotes.c.start, quotes.c.end,
               doc_entities.c.roles, documents.c.key, TITLE, documents.c.url,
               documents.c.published, speaker_ent.c.merge_key.label("speaker_key"),
               speaker_ent.c.country.label("speaker_country"), quotes.c.ord)


def quote_select() -> Select:
    """Quotes joined with their document and the speaker's entity in it."""
    return (select(*_QUOTE_COLS)
            .join(documents, documents.c.id == quotes.c.document_id)
            .outerjoin(doc_entities, and_(doc_entities.c.document_id == quotes.c.document_id,
                                          doc_entities.c.local_id == quotes.c.speaker_local))
            .outerjoin(speaker_ent, speaker_ent.c.id == quotes.c.speaker_id))


def quote_row(r) -> QuoteRow:
    """A `QuoteRow` from a row of `quote_select()`."""
    roles = json.loads(r.roles) if r.roles else []
    return QuoteRow(r.id, r.text, r.kind, r.speaker_name, r.speaker_id,
                    roles[0]["name"] if roles else None, r.cue_text, r.start, r.end,
                    r.key, headline(r.title), r.url, r.published, r.speaker_key,
                    r.speaker_country, r.ord)


# Above this many matching rows SQLite does better walking a newest-first
# index and testing each row than collecting and sorting all the matches;
# `hider` makes it do so by turning a column into an expression (`col + 0`),
# which no index serves. PostgreSQL's planner weighs this by itself.
DENSE_ROWS = 1000


def hider(conn: Connection, dense: bool):
    """A function applied to a column in a WHERE clause: on SQLite with `dense`
    (many matching rows) it hides the column's index (`col + 0`), else it
    returns the column unchanged."""
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


def mentioned_in_quotes(entity_ids: Select) -> Select:
    """Ids of quotes in whose span, or in whose attribution, one of
    `entity_ids` (a select of merged entity ids) is mentioned."""
    # min/max of two values, written so that PostgreSQL takes it too
    lo = case((quotes.c.cue_start < quotes.c.start, quotes.c.cue_start), else_=quotes.c.start)
    hi = case((quotes.c.cue_end > quotes.c.end, quotes.c.cue_end), else_=quotes.c.end)
    return (select(quotes.c.id)
            .join(doc_entities, doc_entities.c.document_id == quotes.c.document_id)
            .join(mentions, mentions.c.doc_entity_id == doc_entities.c.id)
            .where(doc_entities.c.entity_id.in_(entity_ids),
                   mentions.c.start >= lo, mentions.c.end <= hi))


def quotes_page(conn: Connection, *, speaker=None, speaker_id=None, q=None, since=None,
                until=None, country=None, role=None, about=None, about_country=None,
                limit=20, offset=0) -> Page:
    """Quotes, newest first. `speaker` is part of a name (case- and
    ё-insensitive) matched against the merged entity, or for quotes whose
    speaker is not an entity, the name given; `speaker_id` is the merged
    entity; `q` the words; `country` the speaker entity's country; `role`
    part of the speaker's role in that article (as written, or capitalised);
    `about` an entity id and `about_country` a country (its places) named
    in the quote or its attribution."""
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
        if country:
            out.append(hide(quotes.c.speaker_id).in_(
                select(entities.c.id).where(entities.c.country == country.upper())))
        if role:
            # JSON keeps the role as written: "Президент Беларуси", "министр"
            words = {role.strip(), role.strip().lower(), role.strip().capitalize()}
            said = quotes.alias("said")
            # From the speakers that have a role (one in ten links) to their
            # quotes: cheaper than testing each quote's link.
            linked = (select(said.c.id).select_from(doc_entities)
                      .join(said, and_(said.c.document_id == doc_entities.c.document_id,
                                       said.c.speaker_local == doc_entities.c.local_id))
                      .where(doc_entities.c.roles != "[]",
                             or_(*(doc_entities.c.roles.contains(w, autoescape=True)
                                   for w in words))))
            out.append(hide(quotes.c.id).in_(linked))
        if about is not None:
            out.append(hide(quotes.c.id).in_(mentioned_in_quotes(select(literal(about)))))
        if about_country:
            places = select(entities.c.id).where(entities.c.country == about_country.upper(),
                                                 entities.c.type == "LOC")
            out.append(hide(quotes.c.id).in_(mentioned_in_quotes(places)))
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

source_ent, target_ent = entities.alias("source_ent"), entities.alias("target_ent")
# The date an event is filed under: its own, else its article's.
EVENT_DATE = func.coalesce(events.c.date, events.c.published)


def event_select() -> Select:
    """SELECT of an event with its article's key, title and URL and its actors'
    stable entity keys, the columns `event_row` reads."""
    return (select(events, documents.c.key, TITLE, documents.c.url,
                   source_ent.c.merge_key.label("source_key"),
                   target_ent.c.merge_key.label("target_key"))
            .join(documents, documents.c.id == events.c.document_id)
            .outerjoin(source_ent, source_ent.c.id == events.c.source_id)
            .outerjoin(target_ent, target_ent.c.id == events.c.target_id))


def _actor(raw: str | None, entity_id: int | None, key: str | None) -> ActorRow | None:
    if raw is None:
        return None
    a = json.loads(raw)
    return ActorRow(a.get("name"), entity_id, a.get("country"), a.get("sector"), key)


def event_row(r) -> EventRow:
    """An `EventRow` from a row of `event_select()`."""
    m: Any = r._mapping
    place = json.loads(m["location"]) if m["location"] else None
    return EventRow(m["id"], m["type"], m["mode"], m["quad"], tuple(json.loads(m["contexts"])),
                    _actor(m["source"], m["source_id"], m.get("source_key")),
                    _actor(m["target"], m["target_id"], m.get("target_key")),
                    place["name"] if place else None, m["date"] or m["published"],
                    m["text"], m["trigger_text"], m["start"], m["end"],
                    m["key"], headline(m["title"]), m["url"], m["published"], m["ord"])


EVENT_SORTS = ("newest", "oldest", "type", "source", "target")


def event_conds(*, source=None, target=None, country=None, pair=None, domestic=None,
                type=None, quad=None, mode=None, actor=None, place=None,
                since=None, until=None) -> list:
    """WHERE clauses of the events browser. `source`/`target`: the actors'
    countries; `country`: either side; `pair` ("BLR-KAZ"): between the two
    either way; `domestic`: both sides of one country (True) or of two
    (False); `actor`: a merged entity id on either side; `place`: part of
    the location's name; dates on the event's date, else its article's."""
    conds = []
    if source:
        conds.append(events.c.source_country == source.upper())
    if target:
        conds.append(events.c.target_country == target.upper())
    if country:
        c = country.upper()
        conds.append(or_(events.c.source_country == c, events.c.target_country == c))
    if pair:
        a, b = pair.upper().split("-")
        conds.append(or_(and_(events.c.source_country == a, events.c.target_country == b),
                         and_(events.c.source_country == b, events.c.target_country == a)))
    if domestic is not None:
        same = events.c.source_country == events.c.target_country
        conds.append(same if domestic else and_(events.c.source_country != events.c.target_country))
    if type:
        conds.append(events.c.type == type.upper())
    if quad:
        conds.append(events.c.quad == quad)
    if mode:
        conds.append(events.c.mode == mode)
    if actor is not None:
        conds.append(or_(events.c.source_id == actor, events.c.target_id == actor))
    if place:
        conds.append(events.c.location.contains(place.strip(), autoescape=True))
    if since:
        conds.append(EVENT_DATE >= since)
    if until:
        conds.append(func.substr(EVENT_DATE, 1, len(until)) <= until)
    return conds


def events_page(conn: Connection, *, sort: str = "newest", limit=20, offset=0,
                **filters) -> Page:
    """Coded events matching `event_conds(**filters)`, newest first by
    default (by the event's own date, else its article's); `sort` is one of
    EVENT_SORTS."""
    conds = event_conds(**filters)
    total = count(conn, select(events.c.id).where(*conds))
    order = {"newest": (EVENT_DATE.desc(), events.c.id.desc()),
             "oldest": (EVENT_DATE, events.c.id),
             "type": (events.c.type, EVENT_DATE.desc(), events.c.id),
             "source": (events.c.source_country, EVENT_DATE.desc(), events.c.id),
             "target": (events.c.target_country, EVENT_DATE.desc(), events.c.id)}[sort]
    rows = conn.execute(event_select().where(*conds).order_by(*order)
                        .limit(limit).offset(offset)).all()
    return Page(tuple(event_row(r) for r in rows), total, limit, offset)
