"""Aggregates: store-wide counts, the busiest country pairs, the most quoted
speakers and the country-pair (dyad) summary."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Connection, and_, func, or_, select

from .queries import DENSE_ROWS, QuoteRow, dated, hider, hydrate_quotes, newest_first
from .schema import amounts, documents, entities, events, failures, mentions, quotes


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


def busiest_pairs(conn: Connection, top: int = 10) -> tuple[tuple[str, str, int], ...]:
    """`(a, b, events)` for the country pairs with the most events between
    them in either direction, `a < b`."""
    lo = func.min(events.c.source_country, events.c.target_country)
    hi = func.max(events.c.source_country, events.c.target_country)
    if conn.dialect.name == "postgresql":
        lo = func.least(events.c.source_country, events.c.target_country)
        hi = func.greatest(events.c.source_country, events.c.target_country)
    n = func.count().label("n")
    stmt = (select(lo.label("a"), hi.label("b"), n)
            .where(events.c.source_country.is_not(None), events.c.target_country.is_not(None),
                   events.c.source_country != events.c.target_country)
            .group_by(lo, hi).order_by(n.desc(), lo, hi).limit(top))
    return tuple((r.a, r.b, r.n) for r in conn.execute(stmt))


def most_quoted(conn: Connection, top: int = 10) -> tuple[tuple[int, str, str | None, int], ...]:
    """`(entity id, name, country, quotes)` for the speakers quoted most often."""
    n = func.count().label("n")
    stmt = (select(entities.c.id, entities.c.name, entities.c.country, n)
            .join(quotes, quotes.c.speaker_id == entities.c.id)
            .group_by(entities.c.id, entities.c.name, entities.c.country)
            .order_by(n.desc(), entities.c.name, entities.c.id)
            .limit(top))
    return tuple((r.id, r.name, r.country, r.n) for r in conn.execute(stmt))


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
    """A country pair's events in one month, by PLOVER type."""
    month: str                      # YYYY-MM
    events: int
    types: dict[str, int]           # PLOVER type -> events
    quads: dict[str, int]           # quad -> events
    cooperation: int
    conflict: int
    balance: float | None           # (cooperation - conflict) / (both), None if neither


@dataclass(frozen=True, slots=True)
class Speaker:
    """A speaker quoted about a country pair, with the number of quotes."""
    entity_id: int | None
    name: str
    quotes: int


@dataclass(frozen=True, slots=True)
class AmountRow:
    """An amount stated in an article about a country pair."""
    text: str
    value: Decimal
    unit: str
    document: str
    title: str | None
    published: str | None


@dataclass(frozen=True, slots=True)
class Dyad:
    """Events between two countries in either direction, by month of the
    event's date (else the document's); speakers, quotes (latest first) and
    amounts (latest first, at most 50) come from the documents reporting
    those events."""
    a: str
    b: str
    events: int
    undated: int                    # events with no date at all
    months: tuple[DyadMonth, ...]
    top_speakers: tuple[Speaker, ...]
    quotes: tuple[QuoteRow, ...]    # latest first
    amounts: tuple[AmountRow, ...]


def dyad(conn: Connection, a: str, b: str, *, since=None, until=None,
         top: int = 10, latest: int = 20, amounts_shown: int = 50) -> Dyad:
    a, b = a.upper(), b.upper()
    pair = or_(and_(events.c.source_country == a, events.c.target_country == b),
               and_(events.c.source_country == b, events.c.target_country == a))
    month = func.substr(func.coalesce(events.c.date, events.c.published), 1, 7)
    groups = conn.execute(dated(
        select(month.label("month"), events.c.type, events.c.quad, func.count().label("n"))
        .where(pair), since, until, events.c.published)
        .group_by(month, events.c.type, events.c.quad)).all()
    by_month: dict[str, list] = defaultdict(list)
    undated = 0
    for g in groups:
        if g.month:
            by_month[g.month].append(g)
        else:
            undated += g.n
    months = []
    for key in sorted(by_month):
        types, quads, sides = Counter(), Counter(), Counter()
        for g in by_month[key]:
            types[g.type] += g.n
            if g.quad:
                quads[g.quad] += g.n
            sides[quad_side(g.quad)] += g.n
        coop, conf = sides["cooperation"], sides["conflict"]
        months.append(DyadMonth(key, sum(types.values()), dict(sorted(types.items())),
                                dict(sorted(quads.items())), coop, conf,
                                (coop - conf) / (coop + conf) if coop + conf else None))
    doc_ids = dated(select(events.c.document_id).where(pair), since, until, events.c.published)
    name = func.coalesce(entities.c.name, quotes.c.speaker_name)
    speakers = conn.execute(
        select(quotes.c.speaker_id, name.label("name"), func.count().label("n"))
        .outerjoin(entities, entities.c.id == quotes.c.speaker_id)
        .where(quotes.c.document_id.in_(doc_ids), quotes.c.speaker_name.is_not(None))
        .group_by(quotes.c.speaker_id, name)
        .order_by(func.count().desc(), name).limit(top)).all()
    total = sum(m.events for m in months) + undated
    hide = hider(conn, total > DENSE_ROWS // 4)
    said = hydrate_quotes(conn, conn.execute(
        select(quotes.c.id).where(hide(quotes.c.document_id).in_(doc_ids))
        .order_by(*newest_first(conn, quotes)).limit(latest)).scalars().all())
    sums = conn.execute(
        select(amounts.c.text, amounts.c.value, amounts.c.unit, documents.c.key,
               documents.c.title, amounts.c.published)
        .join(documents, documents.c.id == amounts.c.document_id)
        .where(hide(amounts.c.document_id).in_(doc_ids))
        .order_by(*newest_first(conn, amounts)).limit(amounts_shown)).all()
    return Dyad(a, b, total, undated, tuple(months),
                tuple(Speaker(s.speaker_id, s.name, s.n) for s in speakers), said,
                tuple(AmountRow(r.text, Decimal(r.value), r.unit, r.key, r.title, r.published)
                      for r in sums))
