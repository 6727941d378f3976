"""`svodka ingest` and `svodka watch`: sources and feeds into the store."""
from __future__ import annotations

import logging
import re
import signal
import time
from pathlib import Path
from typing import TYPE_CHECKING, List, Optional

import typer

from . import app, err, fail, options, require_extra
from .checks import date_flag
from .safe import say
from ..ingest.text import MAX_BYTES

if TYPE_CHECKING:
    from rich.console import Console

    from ..ingest.runner import Summary, Tally

# Documents per transaction (the runner's BATCH; not imported from it, which
# would load its MinHash dependencies for `svodka --help`).
BATCH = 32
log = logging.getLogger("svodka.ingest")

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


def known_total(sources: List[str]) -> int | None:
    """The number of items `sources` hold, when each is a local file or a
    folder of files that hold one article each; None when one is a URL, a
    feed, a WARC or a JSONL file (their items are known only once read)."""
    from ..ingest.detect import HEAD_BYTES, Kind, detect
    from ..ingest.sources import is_url, walk
    total = 0
    for source in sources:
        if is_url(source) or source == "-":
            return None
        path = Path(source)
        for file in (walk(path) if path.is_dir() else [path]):
            try:
                with open(file, "rb") as f:
                    head = f.read(HEAD_BYTES)
            except OSError:
                head = b""          # reported as one item when read
            if head and detect(head, str(file)) not in (Kind.TEXT, Kind.HTML):
                return None
            total += 1
    return total


def _done(t: Tally) -> int:
    return t.analyzed + t.known + t.duplicates + t.near_duplicates + len(t.skipped) + len(t.failed)


def print_summary(s: Summary, console: Console) -> None:
    """The counts of an ingest run as a table, then its reasons one per line."""
    from rich.table import Table
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
               help="Read the local HTML files a local feed file links, inside its own folder."),
           published: Optional[str] = typer.Option(
               None, "--published", callback=date_flag,
               help="The date of items whose source gives none (plain text without a dated "
                    "file name or dateline), as YYYY-MM-DD.")):
    """Ingest text, HTML, RSS/Atom, WARC and JSONL sources into the store
    (`-` reads one from standard input, up to the size of a feed).

    Example: svodka ingest examples/ feeds/news.xml crawl.warc.gz --db sqlite:///news.db
    """
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn,
                               TextColumn, TimeElapsedColumn, TimeRemainingColumn)

    from ..errors import StoreError
    from ..ingest.fetch import FetchPolicy
    from ..ingest.runner import Ingest
    from ..ingest.sources import iter_items
    from .store import open_store
    if sources.count("-") > 1:
        fail("- (standard input) can be given once")
    if workers > 1 or scheduler:
        require_extra("distributed", "dask", "--workers and --scheduler")
    total = known_total(sources)
    columns = [SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn()]
    if total is not None:       # a bar with the count and the time left
        columns[1:1] = [BarColumn(), MofNCompleteColumn(), TimeRemainingColumn()]
    policy = FetchPolicy(allow_private_network=allow_private_network,
                         allow_local_links=allow_local_links)
    store = open_store(db, create=True)
    try:
        with store, Progress(*columns, console=err.get(), disable=options.quiet) as progress:
            task = progress.add_task("reading", total=total)

            def on_progress(t: Tally) -> None:
                progress.update(task, description=_describe(t), completed=_done(t))
            run = Ingest(store, batch=batch, workers=workers, scheduler=scheduler,
                         on_progress=on_progress)
            summary = run.run(iter_items(sources, max_bytes=max_bytes, policy=policy,
                                         published=published))
    except StoreError as e:
        fail(f"{e}\nBatches saved before it are kept; run the same command again to finish.")
    log.info("ingest: %d analyzed, %d known, %d skipped, %d failed in %.1f s", summary.analyzed,
             summary.known, len(summary.skipped), len(summary.failed), summary.seconds)
    print_summary(summary, Console())
    if not summary.is_ok or summary.failed:
        raise typer.Exit(1)


@app.command()
def watch(feeds: List[str] = typer.Argument(..., help="RSS/Atom feed URLs."),
          every: str = typer.Option("15m", "--every", help="Poll interval: 30s, 15m, 1h."),
          db: Optional[str] = typer.Option(None, "--db", help="Store URL."),
          max_polls: Optional[int] = typer.Option(None, "--max-polls", min=1, help="Stop after N rounds."),
          once: bool = typer.Option(False, "--once", help="Poll each feed once and stop."),
          allow_private_network: bool = PRIVATE):
    """Poll feeds and ingest their new items until Ctrl-C (or SIGTERM).

    Each poll is logged (timestamped lines when stderr is not a terminal); a
    failed poll is a warning. Exits 1 when a feed's last poll failed.

    Example: svodka watch https://example.org/rss.xml --every 15m
    """
    from ..ingest.fetch import FetchPolicy
    from ..ingest.watch import Watcher
    from .store import open_store
    interval = parse_duration(every)
    if interval <= 0:
        fail(f"--every {every}: the interval must be longer than 0 s")
    store = open_store(db, create=True)
    if not options.quiet and not options.verbose:
        logging.getLogger("svodka").setLevel(logging.INFO)     # the polls are watch's output
    failures: dict[str, int] = {}

    def report(message: str) -> None:
        # A message that follows a new failure of some feed is a warning.
        failing = any(f.failures > failures.get(f.url, 0) for f in watcher.feeds)
        failures.update((f.url, f.failures) for f in watcher.feeds)
        (log.warning if failing else log.info)("%s", message)
    watcher = Watcher(feeds, store, every=interval,
                      policy=FetchPolicy(allow_private_network=allow_private_network), log=report)
    def interrupt(*_) -> None:
        # The first Ctrl-C asks the loop to stop at the next safe point, as
        # SIGTERM does (a KeyboardInterrupt could land inside a fetch, a
        # store write or a logging call); a second one interrupts at once.
        if watcher.stopping:
            raise KeyboardInterrupt
        watcher.stop()
    signal.signal(signal.SIGTERM, lambda *_: watcher.stop())
    signal.signal(signal.SIGINT, interrupt)
    with store:
        rounds = watcher.run(1 if once else max_polls)
    down = [f.url for f in watcher.feeds if f.failures]
    log.info("watch stopped after %d polling rounds", rounds)
    if down:
        log.error("%d of %d feeds failed on their last poll: %s", len(down), len(watcher.feeds),
                  ", ".join(down))
        raise typer.Exit(1)
