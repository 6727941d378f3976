"""Store queries on the command line: search, events, entities, stats, export.

Each command opens the store given by `--db` (default: $SVODKA_DB, else
svodka.db in the user's data directory), calls one `Store` method and prints
the rows as a table, one JSON document, JSON Lines or CSV. These commands
only read: a store that does not exist is an error, never created.
"""
from __future__ import annotations

import csv
import dataclasses
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Iterable, Optional, Sequence

import typer

from . import Format, app, err, fail, options, require_extra
from .checks import date_flag
from .safe import cell, clean, json_line

DB = typer.Option(None, "--db", help="Store URL: sqlite:///path.db or postgresql://user@host/db.")
SINCE = typer.Option(None, "--since", callback=date_flag,
                     help="Published on or after this ISO date.")
UNTIL = typer.Option(None, "--until", callback=date_flag,
                     help="Published on or before this ISO date (or month).")
LIMIT = typer.Option(20, "--limit", min=1, help="Rows to show.")
# The largest offset a store's 64-bit OFFSET takes.
MAX_OFFSET = 2**63 - 1
OFFSET = typer.Option(0, "--offset", min=0, max=MAX_OFFSET, help="Rows to skip.")

RowFormat = Format


class ExportFormat(str, Enum):
    """`svodka export` formats: the row formats and Parquet."""
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


class ExportTable(str, Enum):
    """The tables `svodka export` writes."""
    documents = "documents"
    quotes = "quotes"
    events = "events"
    entities = "entities"


FORMAT = typer.Option(RowFormat.table, "--format", "-f")


def store_url(db: str | None) -> str:
    """The store URL of `--db` (else $SVODKA_DB, else the user data dir's
    svodka.db), found without creating anything."""
    import os

    from ..store.engine import normalize_url
    if not db and not os.environ.get("SVODKA_DB"):
        from platformdirs import user_data_dir
        db = str(Path(user_data_dir("svodka")) / "svodka.db")
    return normalize_url(db)


def open_store(db: str | None, *, create: bool = False):
    """The `Store` for `--db`; exit 2 with the reason when it cannot be
    opened, or (unless `create`) when it is a SQLite file that does not exist."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from ..errors import StoreError
    from ..store import Store
    try:
        url = store_url(db)
        parsed = make_url(url)
    except (ArgumentError, ValueError) as e:
        fail(f"{db}: not a store URL ({e}); use sqlite:///path.db or postgresql://user@host/db")
    if parsed.get_backend_name() == "postgresql":
        require_extra("psycopg2", "postgres", "a PostgreSQL store")
    database = parsed.database if parsed.get_backend_name() == "sqlite" else None
    local = bool(database) and database != ":memory:" and not database.startswith("file:")
    if local and not create and not Path(database).expanduser().exists():
        fail(f"no store at {database} (`svodka ingest --db ...` creates one)")
    if local and create:
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    try:
        return Store(url)
    except StoreError as e:
        fail(str(e))


def flatten(row) -> dict:
    """A dataclass or dict as one flat dict: nested fields as `outer_inner`,
    sequences joined with `;`."""
    if dataclasses.is_dataclass(row):
        row = {f.name: getattr(row, f.name) for f in dataclasses.fields(row)}
    out = {}
    for key, value in row.items():
        if dataclasses.is_dataclass(value):
            value = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
        if isinstance(value, dict):
            out.update({f"{key}_{k}": v for k, v in flatten(value).items()})
        elif isinstance(value, (tuple, list)):
            out[key] = ";".join(str(v) for v in value)
        else:
            out[key] = value
    return out


def emit_rows(rows: Iterable, fmt: RowFormat, columns: Sequence[str], *,
              title: str | None = None) -> None:
    """Print rows: a Rich table of `columns`, or every field as one JSON list,
    JSON Lines or CSV."""
    flat = (flatten(r) for r in rows)
    if fmt.value == "json":
        print(json_line(json.dumps(list(flat), ensure_ascii=False, default=str, indent=2)))
    elif fmt.value == "jsonl":
        for row in flat:
            print(json_line(json.dumps(row, ensure_ascii=False, default=str)))
    elif fmt.value == "csv":
        writer = None
        for row in flat:
            if writer is None:
                writer = csv.DictWriter(sys.stdout, fieldnames=list(row))
                writer.writeheader()
            writer.writerow({k: clean(v) if isinstance(v, str) else v for k, v in row.items()})
    else:
        from rich.console import Console
        from rich.table import Table
        table = Table(title=cell(title) if title else None, show_lines=False)
        for col in columns:
            table.add_column(col, overflow="fold")
        for row in flat:
            table.add_row(*(cell(row.get(c)) for c in columns))
        Console().print(table)


def page_footer(page) -> None:
    """`first-last of total` of a page, on stderr (not with --quiet)."""
    if options.quiet:
        return
    shown = len(page.items)
    first = page.offset + 1 if shown else 0
    err.print(f"{first}-{page.offset + shown} of {page.total}", highlight=False)


@app.command()
def search(text: str = typer.Argument(..., help="Words to find in articles and quotes."),
           db: Optional[str] = DB, since: Optional[str] = SINCE, until: Optional[str] = UNTIL,
           limit: int = LIMIT, offset: int = OFFSET, format: RowFormat = FORMAT):
    """Full-text search over stored articles and quotes.

    Example: svodka search "Шанхайской организации" --since 2024-01-01
    """
    with open_store(db) as store:
        page = store.search(text, since=since, until=until, limit=limit, offset=offset)
    emit_rows(page.items, format, ["kind", "published", "title", "speaker", "snippet"],
              title=f"search: {text}")
    page_footer(page)


def show_stored_quotes(db: str | None, *, speaker, since, until, limit: int,
                       fmt: RowFormat) -> None:
    """`svodka quotes` without files: stored quotes, newest first."""
    with open_store(db) as store:
        page = store.quotes(speaker=speaker, since=since, until=until, limit=limit)
    emit_rows(page.items, fmt, ["published", "speaker", "role", "text", "title"], title="quotes")
    page_footer(page)


@app.command()
def events(source: Optional[str] = typer.Option(None, "--source", help="Source country, ISO alpha-3."),
           target: Optional[str] = typer.Option(None, "--target", help="Target country, ISO alpha-3."),
           type: Optional[str] = typer.Option(None, "--type", help="PLOVER type, e.g. CONSULT."),
           db: Optional[str] = DB, since: Optional[str] = SINCE, until: Optional[str] = UNTIL,
           limit: int = LIMIT, offset: int = OFFSET, format: RowFormat = FORMAT):
    """Coded events between actors' countries.

    Example: svodka events --source BLR --target KAZ --type CONSULT
    """
    with open_store(db) as store:
        page = store.events(source=source, target=target, type=type, since=since,
                            until=until, limit=limit, offset=offset)
    emit_rows(page.items, format, ["date", "type", "source_name", "source_country",
                                   "target_name", "target_country", "quad", "text"],
              title="events")
    page_footer(page)


@app.command()
def entities(name: Optional[str] = typer.Argument(None, help="Part of a name or alias."),
             type: Optional[str] = typer.Option(None, "--type", help="PER, ORG or LOC."),
             db: Optional[str] = DB, limit: int = LIMIT, offset: int = OFFSET,
             format: RowFormat = FORMAT):
    """Entities merged across articles, most often named first.

    Example: svodka entities Лукашенко --type PER
    """
    with open_store(db) as store:
        page = store.entities(q=name, type=type, limit=limit, offset=offset)
    emit_rows(page.items, format, ["id", "name", "type", "country", "documents", "mentions",
                                   "quotes"], title="entities")
    page_footer(page)


@app.command()
def stats(db: Optional[str] = DB,
          format: Format = FORMAT):
    """Counts of stored documents, duplicates, entities, quotes, events, amounts.

    Example: svodka stats --format json
    """
    with open_store(db) as store:
        counts = store.stats()
    if format is Format.json:        # one object: {"documents": 4, ...}
        print(json.dumps(counts))
    else:
        emit_rows(({"what": k, "count": v} for k, v in counts.items()), format,
                  ["what", "count"], title=store.name)


@app.command()
def export(format: ExportFormat = typer.Option(ExportFormat.jsonl, "--format", "-f"),
           table: ExportTable = typer.Option(ExportTable.events, "--table"),
           output: Optional[Path] = typer.Option(None, "--output", "-o",
                                                 help="File to write (needed for parquet)."),
           db: Optional[str] = DB):
    """Export a table: documents, quotes, events (GDELT-like) or entities.

    Example: svodka export --table events --format parquet -o events.parquet
    """
    if format is ExportFormat.parquet and output is None:
        fail("parquet is binary: give a file with --output")
    if format is ExportFormat.parquet:
        require_extra("pyarrow", "parquet", "--format parquet")
    with open_store(db) as store:
        rows = store.export(table.value)
        if format is ExportFormat.parquet:
            import pyarrow as pa
            import pyarrow.parquet as pq
            pq.write_table(pa.Table.from_pylist(list(rows)), str(output))
            return
        out = open(output, "w", encoding="utf-8", newline="") if output else None
        stdout, sys.stdout = sys.stdout, out or sys.stdout
        try:
            emit_rows(rows, RowFormat(format.value), [])
        finally:
            sys.stdout = stdout
            if out:
                out.close()
