"""Aggregates: store-wide counts and the country-pair (dyad) summary."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Connection, and_, func, or_, select

from .queries import QuoteRow, dated, event_select, event_row, quote_row, quote_select
from .schema import amounts, doc_entities, documents, entities, events, failures, mentions, quotes


def stats(conn: Connection) -> dict[str, int]:
    """Row counts: documents (duplicates included), duplicates (near-duplicate
    copies among them), merged entities, mentions, quotes, distinct quoted
    speakers, events, amounts and recorded failures."""
    def count(table, *where):
        return conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one()
    return {
        "documents": count(documents),
        "duplicates": count(documents, documents.c.duplicate_of.is_not(None)),
        "entities": count(entities),
        "mentions": count(mentions),
        "quotes": count(quotes),
        "speakers": conn.execute(select(func.count(func.distinct(quotes.c.speaker_id)))).scalar_one(),
        "events": count(events),
        "amounts": count(amounts),
        "failures": count(failures),
    }


def quad_side(quad: str | None) -> str | None:
    """"cooperation", "conflict" or None for a PLOVER quad (name or 1-4)."""
    q = (quad or "").lower()
    if "conflict" in q or q in ("3", "4"):
        return "conflict"
    if "coop" in q or q in ("1", "2"):
        return "cooperation"
    return None


@dataclass(frozen=True, slots=True)
class DyadMonth:
    month: str                      # YYYY-MM
    events: int
    types: dict[str, int]           # PLOVER type -> events
    quads: dict[str, int]           # quad -> events
    cooperation: int
    conflict: int
    balance: float | None           # (cooperation - conflict) / (both), None if neither


@dataclass(frozen=True, slots=True)
class Speaker:
    entity_id: int | None
    name: str
    quotes: int


@dataclass(frozen=True, slots=True)
class AmountRow:
    text: str
    value: Decimal
    unit: str
    document: str
    title: str | None
    published: str | None


@dataclass(frozen=True, slots=True)
class Dyad:
    """Events between two countries in either direction, by month of the
    event's date (else the document's); speakers, quotes and amounts come
    from the documents that report those events."""
    a: str
    b: str
    events: int
    undated: int                    # events with no date at all
    months: tuple[DyadMonth, ...]
    top_speakers: tuple[Speaker, ...]
    quotes: tuple[QuoteRow, ...]    # latest first
    amounts: tuple[AmountRow, ...]


def dyad(conn: Connection, a: str, b: str, *, since=None, until=None,
         top: int = 10, latest: int = 20) -> Dyad:
    a, b = a.upper(), b.upper()
    pair = or_(and_(events.c.source_country == a, events.c.target_country == b),
               and_(events.c.source_country == b, events.c.target_country == a))
    rows = [event_row(r) for r in conn.execute(dated(event_select().where(pair), since, until)
                                               .order_by(events.c.id))]
    by_month: dict[str, list] = defaultdict(list)
    undated = 0
    for ev in rows:
        if ev.date:
            by_month[ev.date[:7]].append(ev)
        else:
            undated += 1
    months = []
    for month in sorted(by_month):
        evs = by_month[month]
        sides = Counter(quad_side(e.quad) for e in evs)
        coop, conf = sides["cooperation"], sides["conflict"]
        months.append(DyadMonth(month, len(evs), dict(Counter(e.type for e in evs)),
                                dict(Counter(e.quad for e in evs if e.quad)), coop, conf,
                                (coop - conf) / (coop + conf) if coop + conf else None))
    doc_ids = select(events.c.document_id).where(pair)
    speakers = conn.execute(
        select(quotes.c.speaker_id, func.coalesce(entities.c.name, quotes.c.speaker_name).label("name"),
               func.count().label("n"))
        .outerjoin(entities, entities.c.id == quotes.c.speaker_id)
        .join(documents, documents.c.id == quotes.c.document_id)
        .where(quotes.c.document_id.in_(doc_ids), quotes.c.speaker_name.is_not(None))
        .group_by(quotes.c.speaker_id, func.coalesce(entities.c.name, quotes.c.speaker_name))
        .order_by(func.count().desc(), func.coalesce(entities.c.name, quotes.c.speaker_name))
        .limit(top)).all()
    said = conn.execute(dated(quote_select().where(quotes.c.document_id.in_(doc_ids)), since, until)
                        .order_by(documents.c.published.desc().nulls_last(), documents.c.id.desc(),
                                  quotes.c.ord).limit(latest)).all()
    sums = conn.execute(dated(
        select(amounts.c.text, amounts.c.value, amounts.c.unit, documents.c.key,
               documents.c.title, documents.c.published)
        .join(documents, documents.c.id == amounts.c.document_id)
        .where(amounts.c.document_id.in_(doc_ids)), since, until)
        .order_by(documents.c.published.desc().nulls_last(), documents.c.id.desc(),
                  amounts.c.ord)).all()
    return Dyad(a, b, len(rows), undated, tuple(months),
                tuple(Speaker(s.speaker_id, s.name, s.n) for s in speakers),
                tuple(quote_row(r) for r in said),
                tuple(AmountRow(r.text, Decimal(r.value), r.unit, r.key, r.title, r.published)
                      for r in sums))
