"""Full-text search: articles, then quotes, as pages of `Hit`s, and the
newest-first listing of articles. Matching itself is in `fts.py`."""
from __future__ import annotations

from sqlalchemy import Connection, Select, func, select

from . import fts
from .queries import TITLE, Hit, Page, count, dated, headline, hider, newest_first
from .schema import documents, quotes


# Ranking reads every hit's index entry (PostgreSQL its tsvector, FTS5 its
# bm25 figures: 16 ms for 5,000 articles on SQLite); past this many hits,
# which are then mostly alike, they are listed newest first instead.
RANKED_HITS = 1000


def _hit_ids(conn: Connection, kind: str, q: str, since, until, ranked: bool = True) -> Select:
    """Ids of matching rows of `kind`, best first (or newest first, when not
    `ranked`). Near-duplicates are kept out of the index (SQLite) or filtered
    here (PostgreSQL)."""
    fts_table, fts_id, cond, order = fts.match(conn.dialect.name, kind, q)
    table = documents if kind == "documents" else quotes
    if fts_table is not None and not ranked:
        # Walk the newest-first index, testing each row against the set of
        # hits: sorting thousands of hits by date costs more.
        hits = select(fts_id).select_from(fts_table).where(cond)
        stmt = select(table.c.id).where(hider(conn, True)(table.c.id).in_(hits))
    elif fts_table is not None:
        stmt = select(fts_id.label("id")).select_from(fts_table).where(cond)
        if since or until:
            stmt = stmt.join(table, table.c.id == fts_id)
    else:
        stmt = select(table.c.id).where(cond)
        if kind == "documents":
            stmt = stmt.where(documents.c.duplicate_of.is_(None))
    stmt = dated(stmt, since, until, table.c.published)
    if not ranked:
        return stmt.order_by(*newest_first(conn, table))
    return stmt.order_by(order, fts_id if fts_id is not None else table.c.id)


def search(conn: Connection, q: str, *, since=None, until=None, limit=20, offset=0,
           kinds=("documents", "quotes")) -> Page:
    """Articles, then quotes, whose words all occur (see `fts`), best first;
    newest first when more than `RANKED_HITS` match.
    `kinds` limits the hits to "documents" or "quotes"."""
    if not fts.has_words(q):
        return Page((), 0, limit, offset)
    doc_ids = _hit_ids(conn, "documents", q, since, until) if "documents" in kinds else None
    quote_ids = _hit_ids(conn, "quotes", q, since, until) if "quotes" in kinds else None
    n_docs = count(conn, doc_ids) if doc_ids is not None else 0
    n_quotes = count(conn, quote_ids) if quote_ids is not None else 0
    doc_ranked, quote_ranked = n_docs <= RANKED_HITS, n_quotes <= RANKED_HITS
    if not doc_ranked:
        doc_ids = _hit_ids(conn, "documents", q, since, until, ranked=False)
    if not quote_ranked:
        quote_ids = _hit_ids(conn, "quotes", q, since, until, ranked=False)
    hits: list[Hit] = []
    if offset < n_docs:
        hits += _document_hits(conn, q, _page(conn, "documents", q, doc_ids, limit, offset,
                                              doc_ranked))
    left = limit - len(hits)
    if left > 0 and n_quotes:
        hits += _quote_hits(conn, q, _page(conn, "quotes", q, quote_ids, left,
                                           max(0, offset - n_docs), quote_ranked))
    return Page(tuple(hits), n_docs + n_quotes, limit, offset)


def _page(conn: Connection, kind: str, q: str, ids: Select, limit: int,
          offset: int, ranked: bool) -> dict[int, str]:
    """id -> marked snippet for one page of hits, in the order of `ids`.
    Ranked by FTS5, the snippets come from the ranking query itself (another
    MATCH would cost as much); otherwise they are cut from the page's texts."""
    snippet = fts.snippet_column(conn.dialect.name, kind) if ranked else None
    if snippet is not None:
        return dict(conn.execute(ids.add_columns(snippet).limit(limit).offset(offset)).all())
    page = conn.execute(ids.limit(limit).offset(offset)).scalars().all()
    snips = fts.snippets(conn, kind, q, page)
    return {i: snips.get(i, "") for i in page}


def documents_page(conn: Connection, *, since=None, until=None, limit=20, offset=0,
                   lead_chars: int = 240) -> Page:
    """Articles that are not near-duplicates, newest first, as `Hit`s whose
    snippet is the article's opening."""
    stmt = dated(select(documents.c.id, documents.c.key, TITLE, documents.c.url,
                        documents.c.published,
                        func.substr(documents.c.text, 1, lead_chars).label("lead"))
                 .where(documents.c.duplicate_of.is_(None)), since, until)
    total = count(conn, stmt)
    rows = conn.execute(stmt.order_by(*newest_first(conn)).limit(limit).offset(offset))
    return Page(tuple(Hit("document", r.key, headline(r.title), r.url, r.published, r.lead, ())
                      for r in rows), total, limit, offset)


def _document_hits(conn, q, snips: dict[int, str]) -> list[Hit]:
    ids = list(snips)
    rows = {r.id: r for r in conn.execute(select(documents.c.id, documents.c.key, TITLE,
                                                 documents.c.url, documents.c.published)
                                          .where(documents.c.id.in_(ids)))}
    out = []
    for i in ids:
        r = rows[i]
        snippet, marks = fts.split_marks(snips.get(i) or "")
        out.append(Hit("document", r.key, headline(r.title), r.url, r.published, snippet, marks))
    return out


def _quote_hits(conn, q, snips: dict[int, str]) -> list[Hit]:
    ids = list(snips)
    rows = {r.id: r for r in conn.execute(
        select(quotes.c.id, quotes.c.speaker_name, quotes.c.ord, documents.c.key, TITLE,
               documents.c.url, documents.c.published)
        .join(documents, documents.c.id == quotes.c.document_id).where(quotes.c.id.in_(ids)))}
    out = []
    for i in ids:
        r = rows[i]
        snippet, marks = fts.split_marks(snips.get(i) or "")
        out.append(Hit("quote", r.key, headline(r.title), r.url, r.published, snippet, marks,
                       quote_id=i, speaker=r.speaker_name, ord=r.ord))
    return out
