"""`svodka quotes`: who said what, as a table of speaker, role, quote and source."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, List, Optional

import typer

from . import Format, analyzed, app, read_files
from .checks import date_flag
from .safe import cell

if TYPE_CHECKING:
    from rich.console import Console

    from ..document import Document


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """One quote as the table shows it; direct quotes keep their marks."""
    speaker: str
    role: str
    quote: str
    kind: str           # direct, indirect
    source: str


def quote_rows(docs: Iterable[Document], speaker: str | None = None) -> list[QuoteRow]:
    """A row per quote of `docs`, in order; with `speaker`, only quotes whose
    speaker's name contains it (case-insensitive, ё = е)."""
    wanted = _fold(speaker) if speaker else None
    rows = []
    for doc in docs:
        for q in doc.quotes:
            name = q.speaker.name if q.speaker else ""
            if wanted is not None and wanted not in _fold(name):
                continue
            ent = doc.entity(q.speaker.id) if q.speaker else None
            role = ent.roles[0].name if ent and ent.roles else ""
            text = f"«{q.text}»" if q.kind == "direct" else q.text
            rows.append(QuoteRow(name or "—", role, text, q.kind, doc.source or doc.title or ""))
    return rows


def print_rows(rows: list[QuoteRow], console: Console | None = None) -> None:
    """The rows as a Rich table of speaker, role, quote and source."""
    from rich.console import Console
    from rich.table import Table
    table = Table("speaker", "role", "quote", "source", show_lines=True)
    for r in rows:
        table.add_row(cell(r.speaker), cell(r.role), cell(r.quote), cell(r.source))
    (console or Console()).print(table)


def _fold(text: str) -> str:
    return text.lower().replace("ё", "е")


@app.command()
def quotes(paths: Optional[List[Path]] = typer.Argument(
               None, help="Article text files; without them, quotes come from the store."),
           speaker: Optional[str] = typer.Option(None, "--speaker", "-s",
                                                 help="Only quotes whose speaker's name contains this."),
           since: Optional[str] = typer.Option(None, "--since", callback=date_flag,
                                               help="Store: published on or after this ISO date."),
           until: Optional[str] = typer.Option(None, "--until", callback=date_flag,
                                               help="Store: published on or before this ISO date."),
           db: Optional[str] = typer.Option(None, "--db", help="Store URL (default: $SVODKA_DB or svodka.db)."),
           limit: int = typer.Option(20, "--limit", min=1, help="Store: rows to show."),
           format: Format = typer.Option(Format.table, "--format", "-f")):
    """List the quotes of articles, or of the store, with who said them.

    Example: svodka quotes article.txt --speaker Лукашенко
    Example: svodka quotes --speaker Лукашенко --since 2024-01-01 --format csv
    """
    from .store import emit_rows, show_stored_quotes
    if not paths:
        show_stored_quotes(db, speaker=speaker, since=since, until=until, limit=limit, fmt=format)
    elif format is Format.table:
        print_rows(quote_rows(analyzed(read_files(paths)), speaker))
    else:
        emit_rows(quote_rows(analyzed(read_files(paths)), speaker), format, [])
