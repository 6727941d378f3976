"""Reads of merged entities: pages of them, one with its aliases, roles,
latest quotes and events, look-ups by stable key, and the links from a
document's own entities to the merged ones. Row types are in `queries`."""
from __future__ import annotations

import json

from sqlalchemy import Connection, Select, or_, select

from .queries import (TITLE, EntityDetail, EntityRow, Mentioned, Page, count, event_row,
                      event_select, headline, hydrate_quotes, newest_first)
from .schema import doc_entities, documents, entities, events, quotes
from .write import fold


def entity_by_key(conn: Connection, key: str) -> int | None:
    """The merged entity id of stable key `key` (its merge key), or None."""
    return conn.execute(select(entities.c.id).where(entities.c.merge_key == key)).scalar()


def entity_select() -> Select:
    """SELECT of the merged-entity columns `entity_row` reads."""
    return select(entities.c.id, entities.c.name, entities.c.type, entities.c.country,
                  entities.c.sector, entities.c.n_documents.label("documents"),
                  entities.c.n_mentions.label("mentions"), entities.c.n_quotes.label("quotes"),
                  entities.c.merge_key)


def entity_row(r) -> EntityRow:
    """An `EntityRow` from a row of `entity_select()`."""
    return EntityRow(r.id, r.name, r.type, r.country, r.sector, r.documents, r.mentions,
                     r.quotes, r.merge_key)


def entities_page(conn: Connection, *, q=None, type=None, country=None, limit=20,
                  offset=0) -> Page:
    """Merged entities whose name or an alias contains `q` (case- and
    ё-insensitive), most documents first; `country` their country."""
    stmt = entity_select()
    if country:
        stmt = stmt.where(entities.c.country == country.upper())
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
    articles: list[Mentioned] = []
    for link in conn.execute(select(doc_entities.c.aliases, doc_entities.c.roles,
                                    doc_entities.c.local_id, documents.c.key, TITLE,
                                    documents.c.published)
                             .join(documents, documents.c.id == doc_entities.c.document_id)
                             .where(doc_entities.c.entity_id == entity_id)
                             .order_by(doc_entities.c.id.desc()).limit(links)):
        aliases.update(dict.fromkeys(json.loads(link.aliases)))
        for role in json.loads(link.roles):
            roles[role["name"]] = roles.get(role["name"], 0) + 1
        if len(articles) < latest:
            articles.append(Mentioned(link.key, headline(link.title), link.published,
                                      f"{link.local_id}-1"))
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
                        said, tuple(event_row(r) for r in newest), tuple(articles))


def entity_links(conn: Connection, key: str) -> dict[str, tuple[int, str]]:
    """`Entity.id` in the document with content key `key` -> (merged entity
    id, its stable key)."""
    rows = conn.execute(select(doc_entities.c.local_id, doc_entities.c.entity_id,
                               entities.c.merge_key)
                        .join(documents, documents.c.id == doc_entities.c.document_id)
                        .join(entities, entities.c.id == doc_entities.c.entity_id)
                        .where(documents.c.key == key))
    return {local: (merged, mkey) for local, merged, mkey in rows}
