"""`svodka ingest` and `svodka watch`: sources and feeds into the store."""
from __future__ import annotations

import re
import signal
import time
from typing import List, Optional

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import app, err
from .safe import say
from ..errors import StoreError
from ..ingest.runner import BATCH, Summary, Tally
from ..ingest.text import MAX_BYTES

PRIVATE = typer.Option(False, "--allow-private-network",
                       help="Also fetch from loopback, private and link-local addresses "
                            "(intranet feeds); refused by default.")

# Reasons listed one per line in the summary; the rest are counted.
SHOWN_REASONS = 50
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$")
_UNIT_S = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(text: str) -> float:
    """`15m`, `30s`, `1h`, `0.5` (seconds) -> seconds."""
    m = _DURATION.match(text)
    if not m:
        raise typer.BadParameter(f"{text!r}: expected a number with s, m, h or d, e.g. 15m")
    return float(m[1]) * _UNIT_S[m[2] or "s"]


def _describe(t: Tally) -> str:
    rate = (t.analyzed + t.near_duplicates) / max(time.monotonic() - t.started, 1e-6)
    return (f"{t.analyzed} analyzed · {t.known} known · "
            f"{t.duplicates + t.near_duplicates} dup · {len(t.skipped)} skipped · "
            f"{len(t.failed)} failed · {rate:.1f}/s")


def print_summary(s: Summary, console: Console) -> None:
    table = Table(title="ingest summary", show_header=False)
    for name, value in (("analyzed and stored", s.analyzed), ("already in the store", s.known),
                        ("exact duplicates in this run", s.duplicates),
                        ("near-duplicates linked", s.near_duplicates),
                        ("skipped", len(s.skipped)), ("failed", len(s.failed)),
                        ("stored with damage", len(s.damaged)),
                        ("seconds", f"{s.seconds:.1f}")):
        table.add_row(name, str(value))
    console.print(table)
    for title, rows in (("skipped", s.skipped), ("failed", s.failed), ("damaged", s.damaged)):
        for where, why in rows[:SHOWN_REASONS]:
            say(console, f"{title}: {where}: {why}")
        if len(rows) > SHOWN_REASONS:
            console.print(f"... and {len(rows) - SHOWN_REASONS} more {title} (kept in the store)")


@app.command()
def ingest(sources: List[str] = typer.Argument(..., help="Files, folders or http(s) URLs."),
           db: Optional[str] = typer.Option(None, "--db", help="Store URL (default: $SVODKA_DB or the user data dir)."),
           batch: int = typer.Option(BATCH, "--batch", min=1, help="Documents per transaction."),
           max_bytes: int = typer.Option(MAX_BYTES, "--max-bytes", min=1, help="Size limit of one item."),
           workers: int = typer.Option(1, "--workers", min=1, help="Local analysis processes."),
           scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler, tcp://HOST:PORT."),
           allow_private_network: bool = PRIVATE,
           allow_local_links: bool = typer.Option(
               False, "--allow-local-links",
               help="Read the local HTML files a local feed file links, inside its own folder.")):
    """Ingest text, HTML, RSS/Atom, WARC and JSONL sources into the store.

    Example: svodka ingest examples/ feeds/news.xml crawl.warc.gz --db sqlite:///news.db
    """
    from ..ingest.fetch import FetchPolicy
    from ..ingest.runner import Ingest
    from ..ingest.sources import iter_items
    policy = FetchPolicy(allow_private_network=allow_private_network,
                         allow_local_links=allow_local_links)
    from ..store import Store
    try:
        with Store(db) as store, Progress(SpinnerColumn(), TextColumn("{task.description}"),
                                          TimeElapsedColumn(), console=err) as progress:
            task = progress.add_task("reading", total=None)
            run = Ingest(store, batch=batch, workers=workers, scheduler=scheduler,
                         on_progress=lambda t: progress.update(task, description=_describe(t)))
            summary = run.run(iter_items(sources, max_bytes=max_bytes, policy=policy))
    except StoreError as e:
        say(err, f"error: {e}\nBatches saved before it are kept; run the same command "
                 "again to finish.")
        raise typer.Exit(2)
    print_summary(summary, Console())
    if not summary.is_ok:
        raise typer.Exit(1)


@app.command()
def watch(feeds: List[str] = typer.Argument(..., help="RSS/Atom feed URLs."),
          every: str = typer.Option("15m", "--every", help="Poll interval: 30s, 15m, 1h."),
          db: Optional[str] = typer.Option(None, "--db", help="Store URL."),
          max_polls: Optional[int] = typer.Option(None, "--max-polls", min=1, help="Stop after N rounds."),
          once: bool = typer.Option(False, "--once", help="Poll each feed once and stop."),
          allow_private_network: bool = PRIVATE):
    """Poll feeds and ingest their new items until Ctrl-C (or SIGTERM).

    Example: svodka watch https://example.org/rss.xml --every 15m
    """
    from ..ingest.fetch import FetchPolicy
    from ..ingest.watch import Watcher
    from ..store import Store
    try:
        store = Store(db)
    except StoreError as e:
        say(err, f"error: {e}")
        raise typer.Exit(2)
    interval = parse_duration(every)
    if interval <= 0:
        say(err, f"error: --every {every}: the interval must be longer than 0 s")
        raise typer.Exit(2)
    watcher = Watcher(feeds, store, every=interval,
                      policy=FetchPolicy(allow_private_network=allow_private_network),
                      log=lambda m: say(err, m))
    signal.signal(signal.SIGTERM, lambda *_: watcher.stop())
    with store:
        rounds = watcher.run(1 if once else max_polls)
    err.print(f"watch stopped after {rounds} polling rounds", highlight=False)
