"""Reads the web pages need beyond the `Store` methods: links from a
document's local entities to merged entities, the busiest country pairs and
the most quoted speakers. Built on the store's engine and schema, with every
value bound."""
from __future__ import annotations

from sqlalchemy import func, select

from ..store.schema import doc_entities, documents, entities, events, quotes


def entity_links(store, key: str) -> dict[str, int]:
    """`Entity.id` in the document with content key `key` -> merged entity id."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(doc_entities.c.local_id, doc_entities.c.entity_id)
                            .join(documents, documents.c.id == doc_entities.c.document_id)
                            .where(documents.c.key == key))
        return {local: merged for local, merged in rows}


def busiest_pairs(store, top: int = 10) -> list[tuple[str, str, int]]:
    """`(a, b, events)` for the country pairs with the most events between
    them in either direction, `a < b`."""
    lo = func.min(events.c.source_country, events.c.target_country)
    hi = func.max(events.c.source_country, events.c.target_country)
    if store.engine.dialect.name == "postgresql":
        lo = func.least(events.c.source_country, events.c.target_country)
        hi = func.greatest(events.c.source_country, events.c.target_country)
    n = func.count().label("n")
    stmt = (select(lo.label("a"), hi.label("b"), n)
            .where(events.c.source_country.is_not(None), events.c.target_country.is_not(None),
                   events.c.source_country != events.c.target_country)
            .group_by(lo, hi).order_by(n.desc(), lo, hi).limit(top))
    with store.engine.connect() as conn:
        return [(r.a, r.b, r.n) for r in conn.execute(stmt)]


def most_quoted(store, top: int = 10) -> list[tuple[int, str, str | None, int]]:
    """`(entity id, name, country, quotes)` for the speakers quoted most often."""
    n = func.count().label("n")
    stmt = (select(entities.c.id, entities.c.name, entities.c.country, n)
            .join(quotes, quotes.c.speaker_id == entities.c.id)
            .group_by(entities.c.id, entities.c.name, entities.c.country)
            .order_by(n.desc(), entities.c.name, entities.c.id)
            .limit(top))
    with store.engine.connect() as conn:
        return [(r.id, r.name, r.country, r.n) for r in conn.execute(stmt)]
