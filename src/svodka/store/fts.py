"""Full-text search over article text and quotes, per database dialect.

SQLite: FTS5 external-content tables `documents_fts(title, text)` and
`quotes_fts(text)` whose rowids are `documents.id` / `quotes.id`; the writer
fills them in the same transaction as the rows (`index_documents`).
The tables and columns are made by the migrations.
PostgreSQL: stored generated `tsv` columns, `to_tsvector('russian', ...)`,
with GIN indexes.

Both match the same way: every word of the query must occur, as a word that
begins with its Snowball stem (the `russian` stemmer PostgreSQL uses), so
`Казахстан` finds `Казахстаном` and `казахстанский`. Stems shorter than
`MIN_PREFIX` must match a whole word. PostgreSQL also drops stop words.

User text never becomes SQL: the query string is always a bound parameter
(for FTS5 it is first rewritten into quoted terms, so operators in it are
plain words).
"""
from __future__ import annotations

import re
import threading
from typing import Sequence

from sqlalchemy import Connection, bindparam, column, literal_column, table, text

# Snippet markers: private-use characters, turned into offsets by `split_marks`.
START, STOP = "\ue000", "\ue001"
SNIPPET_WORDS = 24
# PostgreSQL indexes at most this many characters of an article (a tsvector
# is limited to 1 MB); SQLite indexes all of it.
PG_INDEX_CHARS = 300_000

_WORD = re.compile(r"\w+")

_documents_fts = table("documents_fts", column("rowid"), column("rank"))
_quotes_fts = table("quotes_fts", column("rowid"), column("rank"))
_FTS = {"documents": _documents_fts, "quotes": _quotes_fts}


MIN_PREFIX = 3
# The tsquery of `:pg_q`: its lexemes under the `russian` configuration,
# each as a prefix when long enough, all required.
PG_QUERY = ("to_tsquery('simple', array_to_string(ARRAY(SELECT quote_literal(lexeme) || "
            f"CASE WHEN length(lexeme) >= {MIN_PREFIX} THEN ':*' ELSE '' END "
            "FROM unnest(to_tsvector('russian', :pg_q))), ' & '))")


_local = threading.local()


def _stemmer():
    """This thread's Snowball stemmer: one keeps its state between calls, so
    server threads sharing one would corrupt each other's stems."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        import snowballstemmer
        stemmer = _local.stemmer = snowballstemmer.stemmer("russian")
    return stemmer


def terms(q: str) -> list[tuple[str, bool]]:
    """The words of `q` as `(term, is_prefix)`: each word's stem, matched as
    a word prefix when at least `MIN_PREFIX` long, else the whole word."""
    out = []
    for word in _WORD.findall(q.lower()):
        stem = _stemmer().stemWord(word)
        out.append((stem, True) if len(stem) >= MIN_PREFIX else (word, False))
    return out


def fts5_query(q: str) -> str | None:
    """The words of `q` as an FTS5 query of quoted stems, as prefixes (all
    must occur); None when `q` has no words."""
    return " ".join(f'"{t}"*' if prefix else f'"{t}"' for t, prefix in terms(q)) or None


def words_of(q: str) -> re.Pattern | None:
    """A pattern of the words a term of `q` matches, as FTS5 matches them;
    None when `q` has no words."""
    alternatives = "|".join(re.escape(t) + (r"\w*" if prefix else "") for t, prefix in terms(q))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE) if alternatives else None


def has_words(q: str | None) -> bool:
    """True when `q` contains a word the full-text search can look for."""
    return bool(q and _WORD.search(q))


def index_documents(conn: Connection, docs: Sequence[tuple[int, str | None, str]],
                    quotes: Sequence[tuple[int, str]]) -> None:
    """Add stored `(id, title, text)` documents and `(id, text)` quotes to the
    FTS5 tables (SQLite only; PostgreSQL keeps its generated columns itself).
    Near-duplicates are not indexed: the writer leaves them out."""
    if conn.dialect.name != "sqlite":
        return
    if docs:
        conn.execute(text("INSERT INTO documents_fts(rowid, title, text) "
                          "VALUES (:id, :title, :text)"),
                     [{"id": i, "title": title, "text": body} for i, title, body in docs])
    if quotes:
        conn.execute(text("INSERT INTO quotes_fts(rowid, text) VALUES (:id, :text)"),
                     [{"id": qid, "text": qt} for qid, qt in quotes])


def match(dialect: str, kind: str, q: str):
    """`(from_table, id_column, condition, order)` selecting the ids of rows
    of `kind` ("documents" or "quotes") that match `q`, best first. On
    SQLite `from_table` is the FTS5 table (join the rows on `id_column`)."""
    if dialect == "sqlite":
        fts = _FTS[kind]
        cond = text(f"{kind}_fts MATCH :fts_q").bindparams(bindparam("fts_q", fts5_query(q)))
        return fts, fts.c.rowid, cond, fts.c.rank.asc()
    return (None, None, text(f"{kind}.tsv @@ {PG_QUERY}").bindparams(pg_q=q),
            text(f"ts_rank({kind}.tsv, {PG_QUERY}) DESC").bindparams(pg_q=q))


def snippet_column(dialect: str, kind: str):
    """On SQLite, the marked snippet as a column of a `match` query (None on
    PostgreSQL: use `snippets`)."""
    if dialect != "sqlite":
        return None
    col = -1 if kind == "documents" else 0
    return literal_column(f"snippet({kind}_fts, {col}, '{START}', '{STOP}', '…', {SNIPPET_WORDS})")


def snippets(conn: Connection, kind: str, q: str, ids: Sequence[int]) -> dict[int, str]:
    """Marked snippets (`START`/`STOP` around hits) of the rows `ids` of
    `kind`, keyed by id; rows without a hit in their text get none."""
    if not ids:
        return {}
    params = {f"i{n}": i for n, i in enumerate(ids)}
    in_list = ", ".join(f":i{n}" for n in range(len(ids)))
    if conn.dialect.name == "sqlite":
        # FTS5's snippet() would run the whole query again for each row.
        rows = conn.execute(text(f"SELECT id, text FROM {kind} WHERE id IN ({in_list})"), params)
        pattern = words_of(q)
        return {row[0]: window(row[1], set(pattern.findall(row[1])) if pattern else set())
                for row in rows}
    # ts_headline drops markup-like tokens from what it returns, so it only
    # tells which words matched; the snippet is cut from the text itself.
    options = f"StartSel={START}, StopSel={STOP}, MaxFragments=1"
    sql = (f"SELECT id, ts_headline('russian', left(text, {PG_INDEX_CHARS}), {PG_QUERY}, "
           f":opts), left(text, {PG_INDEX_CHARS}) FROM {kind} WHERE id IN ({in_list})")
    rows = conn.execute(text(sql), {**params, "pg_q": q, "opts": options})
    return {row[0]: window(row[2], _marked_words(row[1])) for row in rows}


def _marked_words(headline: str) -> set[str]:
    return set(re.findall(f"{START}(.*?){STOP}", headline or "", flags=re.S))


def window(body: str, words: set[str], before: int = 90, after: int = 150) -> str:
    """About `before + after` characters of `body` around the first of
    `words`, cut at spaces, with every occurrence of `words` marked."""
    words = {w for w in words if w.strip()}
    if not words:
        return body[:before + after]
    alternatives = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
    first = pattern.search(body)
    if first is None:
        return body[:before + after]
    start, end = max(0, first.start() - before), min(len(body), first.end() + after)
    if start > 0:
        start = body.find(" ", start, first.start()) + 1 or start
    if end < len(body):
        cut = body.rfind(" ", first.end(), end)
        end = cut if cut > 0 else end
    piece = pattern.sub(lambda m: START + m.group(0) + STOP, body[start:end])
    return ("…" if start > 0 else "") + piece + ("…" if end < len(body) else "")


def split_marks(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Plain snippet text and the `(start, end)` offsets of the hits in it."""
    out: list[str] = []
    marks: list[tuple[int, int]] = []
    pos, open_at = 0, None
    for ch in marked:
        if ch == START:
            open_at = pos
        elif ch == STOP:
            if open_at is not None and pos > open_at:
                marks.append((open_at, pos))
            open_at = None
        else:
            out.append(ch)
            pos += 1
    return "".join(out), tuple(marks)
