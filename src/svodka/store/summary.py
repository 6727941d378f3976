"""Aggregates: store-wide counts, the busiest country pairs, the most quoted
speakers and the country-pair (dyad) summary."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Connection, func, select

from .queries import (DENSE_ROWS, EVENT_DATE, TITLE, QuoteRow, event_conds, headline, hider,
                      hydrate_quotes, newest_first)
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
    them in either direction, `a <= b`; domestic pairs (`a == b`) included."""
    lo = func.min(events.c.source_country, events.c.target_country)
    hi = func.max(events.c.source_country, events.c.target_country)
    if conn.dialect.name == "postgresql":
        lo = func.least(events.c.source_country, events.c.target_country)
        hi = func.greatest(events.c.source_country, events.c.target_country)
    n = func.count().label("n")
    stmt = (select(lo.label("a"), hi.label("b"), n)
            .where(events.c.source_country.is_not(None), events.c.target_country.is_not(None))
            .group_by(lo, hi).order_by(n.desc(), lo, hi))
    if top:
        stmt = stmt.limit(top)
    return tuple((r.a, r.b, r.n) for r in conn.execute(stmt))


def most_quoted(conn: Connection, top: int = 10) -> tuple[tuple[int, str, str | None, int, str], ...]:
    """`(entity id, name, country, quotes, entity key)` for the speakers quoted most often."""
    n = func.count().label("n")
    stmt = (select(entities.c.id, entities.c.name, entities.c.country, n, entities.c.merge_key)
            .join(quotes, quotes.c.speaker_id == entities.c.id)
            .group_by(entities.c.id, entities.c.name, entities.c.country, entities.c.merge_key)
            .order_by(n.desc(), entities.c.name, entities.c.id)
            .limit(top))
    return tuple((r.id, r.name, r.country, r.n, r.merge_key) for r in conn.execute(stmt))


def quad_side(quad: str | None) -> str | None:
    """"cooperation", "conflict" or None for a PLOVER quad (name or 1-4)."""
    q = (quad or "").lower()
    if "conflict" in q or q in ("3", "4"):
        return "conflict"
    if "coop" in q or q in ("1", "2"):
        return "cooperation"
    return None


def month_range(first: str, last: str) -> list[str]:
    """Every month from `first` to `last` (YYYY-MM), both included."""
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def is_month(key: str | None) -> bool:
    """A YYYY-MM month (a date of only a year has none)."""
    return bool(key) and len(key) == 7 and key[4] == "-" and key[:4].isdigit() and key[5:].isdigit()


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
    key: str | None = None          # the entity's stable key


@dataclass(frozen=True, slots=True)
class AmountRow:
    """An amount stated in an article about a country pair."""
    text: str
    value: Decimal
    unit: str
    document: str
    title: str | None               # the title, else the text's first line
    published: str | None
    start: int = 0                  # offsets in the document's text
    end: int = 0
    ord: int = 0                    # position among the document's amounts (`#am{ord+1}`)


@dataclass(frozen=True, slots=True)
class Dyad:
    """Events between two countries in either direction (or, with a == b,
    within one), by month of the event's date (else the document's), every
    month from the first to the last one present, empty ones at zero;
    speakers, quotes (latest first) and amounts (latest first, at most 50)
    come from the documents reporting those events. Date filters test the
    same date as the months."""
    a: str
    b: str
    events: int
    undated: int                    # events with no date, or a year only
    months: tuple[DyadMonth, ...]
    top_speakers: tuple[Speaker, ...]
    quotes: tuple[QuoteRow, ...]    # latest first
    amounts: tuple[AmountRow, ...]


def dyad(conn: Connection, a: str, b: str, *, since=None, until=None,
         top: int = 10, latest: int = 20, amounts_shown: int = 50) -> Dyad:
    """Events between countries `a` and `b` (either direction) per month by type
    and quad, with the `top` speakers of their articles, the `latest` quotes
    and up to `amounts_shown` amounts; `since`/`until` bound the dates."""
    a, b = a.upper(), b.upper()
    conds = event_conds(pair=f"{a}-{b}", since=since, until=until)
    month = func.substr(EVENT_DATE, 1, 7)
    groups = conn.execute(
        select(month.label("month"), events.c.type, events.c.quad, func.count().label("n"))
        .where(*conds).group_by(month, events.c.type, events.c.quad)).all()
    by_month: dict[str, list] = defaultdict(list)
    undated = 0
    for g in groups:
        if is_month(g.month):
            by_month[g.month].append(g)
        else:
            undated += g.n
    months = []
    for key in month_range(min(by_month), max(by_month)) if by_month else ():
        types, quads, sides = Counter(), Counter(), Counter()
        for g in by_month.get(key, ()):
            types[g.type] += g.n
            if g.quad:
                quads[g.quad] += g.n
            sides[quad_side(g.quad)] += g.n
        coop, conf = sides["cooperation"], sides["conflict"]
        months.append(DyadMonth(key, sum(types.values()), dict(sorted(types.items())),
                                dict(sorted(quads.items())), coop, conf,
                                (coop - conf) / (coop + conf) if coop + conf else None))
    doc_ids = select(events.c.document_id).where(*conds)
    name = func.coalesce(entities.c.name, quotes.c.speaker_name)
    speakers = conn.execute(
        select(quotes.c.speaker_id, name.label("name"), entities.c.merge_key,
               func.count().label("n"))
        .outerjoin(entities, entities.c.id == quotes.c.speaker_id)
        .where(quotes.c.document_id.in_(doc_ids), quotes.c.speaker_name.is_not(None))
        .group_by(quotes.c.speaker_id, name, entities.c.merge_key)
        .order_by(func.count().desc(), name).limit(top)).all()
    total = sum(m.events for m in months) + undated
    hide = hider(conn, total > DENSE_ROWS // 4)
    said = hydrate_quotes(conn, conn.execute(
        select(quotes.c.id).where(hide(quotes.c.document_id).in_(doc_ids))
        .order_by(*newest_first(conn, quotes)).limit(latest)).scalars().all())
    sums = conn.execute(
        select(amounts.c.text, amounts.c.value, amounts.c.unit, documents.c.key,
               TITLE, amounts.c.published, amounts.c.start, amounts.c.end, amounts.c.ord)
        .join(documents, documents.c.id == amounts.c.document_id)
        .where(hide(amounts.c.document_id).in_(doc_ids))
        .order_by(*newest_first(conn, amounts)).limit(amounts_shown)).all()
    return Dyad(a, b, total, undated, tuple(months),
                tuple(Speaker(s.speaker_id, s.name, s.n, s.merge_key) for s in speakers), said,
                tuple(AmountRow(r.text, Decimal(r.value), r.unit, r.key, headline(r.title),
                                r.published, r.start, r.end, r.ord) for r in sums))


# --- the events browser's facets and the timelines ----------------------------

FACETS = ("type", "quad", "mode", "source_country", "target_country")


def event_facets(conn: Connection, top: int = 40, **filters) -> dict[str, tuple[tuple[str, int], ...]]:
    """For each facet column, `(value, events)` among the events matching
    `filters` (see `queries.event_conds`), most first, at most `top`."""
    conds = event_conds(**filters)
    out = {}
    for name in FACETS:
        col = events.c[name]
        n = func.count().label("n")
        rows = conn.execute(select(col, n).where(*conds, col.is_not(None))
                            .group_by(col).order_by(n.desc(), col).limit(top)).all()
        out[name] = tuple((v, k) for v, k in rows)
    return out


@dataclass(frozen=True, slots=True)
class Timeline:
    """Quotes and events per month, every month from the first to the last
    present, empty ones at zero; `undated`: items without a month."""
    months: tuple[str, ...]
    quotes: tuple[int, ...]
    events: tuple[int, ...]
    undated: int


def timeline(conn: Connection, entity_id: int) -> Timeline:
    """Per month: quotes the entity said (by its article's date) and events
    it is source or target of (by the event's date, else the article's)."""
    counts: dict[str, Counter] = {"quotes": Counter(), "events": Counter()}
    qm = func.substr(quotes.c.published, 1, 7)
    for m, n in conn.execute(select(qm, func.count()).where(quotes.c.speaker_id == entity_id)
                             .group_by(qm)):
        counts["quotes"][m] += n
    em = func.substr(EVENT_DATE, 1, 7)
    for col in (events.c.source_id, events.c.target_id):
        for m, n in conn.execute(select(em, func.count()).where(col == entity_id).group_by(em)):
            counts["events"][m] += n
    keys = {m for c in counts.values() for m in c if is_month(m)}
    months = month_range(min(keys), max(keys)) if keys else []
    undated = sum(n for c in counts.values() for m, n in c.items() if not is_month(m))
    return Timeline(tuple(months), tuple(counts["quotes"][m] for m in months),
                    tuple(counts["events"][m] for m in months), undated)


def event_places(conn: Connection, **filters) -> tuple[tuple[str, str | None, int], ...]:
    """`(place name, its country, events)` for the events matching `filters`
    (see `queries.event_conds`) that have a location, most first."""
    import json
    n = func.count().label("n")
    counts: Counter = Counter()
    for raw, k in conn.execute(select(events.c.location, n)
                               .where(*event_conds(**filters), events.c.location.is_not(None))
                               .group_by(events.c.location)):
        place = json.loads(raw)
        if place.get("name"):
            counts[(place["name"], place.get("country"))] += k
    return tuple((name, country, k) for (name, country), k in
                 sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0])))
