"""Faults: an ingest SIGKILLed again and again at random points, a read-only
store, a full disk and a PostgreSQL server that drops the connection
mid-batch each give a clear one-line error (or nothing at all), lose
nothing, duplicate nothing, and the next run finishes the work."""
from __future__ import annotations

import random
import shutil
import signal
import sqlite3
import subprocess
import time
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

from hostile_inputs import NEREL_TRAIN
from live_server import SVODKA
from svodka.document import content_key

CHILD_TABLES = ("quotes", "events", "amounts", "doc_entities")


def articles(folder: Path, n: int, skip: int = 0) -> set[str]:
    """Copy n real NEREL articles into folder; return their content keys."""
    folder.mkdir(parents=True, exist_ok=True)
    keys = set()
    for path in sorted(NEREL_TRAIN.glob("*.txt"))[skip:skip + n]:
        shutil.copy(path, folder / path.name)
        keys.add(content_key(path.read_text(encoding="utf-8")))
    assert len(keys) == n
    return keys


def count(db: Path) -> int:
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)) as conn:
            return conn.execute("select count(*) from documents").fetchone()[0]
    except sqlite3.Error:       # not created yet, or the schema is being made
        return 0


def check_consistent(db: Path) -> list[str]:
    """The stored keys, after asserting integrity, no orphans, no duplicates."""
    with closing(sqlite3.connect(db, timeout=30)) as conn:
        assert conn.execute("pragma integrity_check").fetchone() == ("ok",)
        keys = [k for (k,) in conn.execute("select key from documents")]
        for table in CHILD_TABLES:
            orphans = conn.execute(f"select count(*) from {table} where document_id not in "
                                   "(select id from documents)").fetchone()[0]
            assert orphans == 0, table
    assert len(keys) == len(set(keys))
    return keys


def ingest_cmd(folder: Path, db_url: str, batch: int = 4) -> list[str]:
    return [SVODKA, "ingest", str(folder), "--db", db_url, "--batch", str(batch)]


def one_line_error(stderr: str) -> str:
    """The `error: ...` line of a failed run; asserts there is no traceback."""
    assert "Traceback" not in stderr, stderr[-3000:]
    lines = [line for line in stderr.splitlines() if line.startswith("error: ")]
    assert len(lines) == 1, stderr[-3000:]
    return lines[0]


def test_repeated_sigkill_at_random_points_then_rerun_stores_each_article_once(tmp_path):
    # Analysis goes 16 articles at a time, saved in batches of 4: enough
    # articles that three kills cannot come after the last batch.
    keys = articles(tmp_path / "in", 64)
    db = tmp_path / "store" / "svodka.db"
    cmd = ingest_cmd(tmp_path / "in", f"sqlite:///{db}")
    rng = random.Random(20261125)
    history, running = [], []
    for _ in range(3):
        before = count(db)
        # A third of the kills strike during start-up (models loading, the
        # schema being made); the others once 1-6 more documents are stored,
        # after a random extra moment (mid-analysis or mid-write).
        at_startup = rng.random() < 1 / 3
        delay, more, jitter = rng.uniform(0.2, 3.0), rng.randint(1, 6), rng.uniform(0, 0.5)
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        started = time.monotonic()
        try:
            while proc.poll() is None:
                if at_startup and time.monotonic() - started >= delay:
                    break
                if not at_startup and count(db) >= before + more:
                    time.sleep(jitter)
                    break
                assert time.monotonic() - started < 240, "the ingest made no progress"
                time.sleep(0.02)
        finally:
            running.append(proc.poll() is None)
            proc.send_signal(signal.SIGKILL)
            proc.wait(10)
        stored = check_consistent(db) if db.exists() else []
        assert set(stored) <= keys and len(stored) >= before     # nothing lost
        history.append(len(stored))
    assert all(running) and history[-1] < len(keys), f"a kill came too late: {history}"

    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert sorted(check_consistent(db)) == sorted(keys), history


@contextmanager
def tmpfs(path: Path, size: str):
    """A tmpfs of `size` mounted at `path` (needs root; skips otherwise)."""
    path.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


def remount(path: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(path)], check=True)


def test_a_read_only_store_gives_one_clear_line_and_the_next_run_recovers(tmp_path, filled_db):
    keys = articles(tmp_path / "in", 3)
    with tmpfs(tmp_path / "ro", "64m") as mnt:
        db = mnt / "svodka.db"
        shutil.copy(filled_db, db)
        before = check_consistent(db)
        remount(mnt, "ro")
        failed = subprocess.run(ingest_cmd(tmp_path / "in", f"sqlite:///{db}"),
                                capture_output=True, text=True, timeout=300)
        assert failed.returncode == 2
        line = one_line_error(failed.stderr)
        assert str(db) in line and "read" in line.lower()
        remount(mnt, "rw")
        ok = subprocess.run(ingest_cmd(tmp_path / "in", f"sqlite:///{db}"),
                            capture_output=True, text=True, timeout=300)
        assert ok.returncode == 0, ok.stderr[-2000:]
        assert sorted(check_consistent(db)) == sorted({*before, *keys})


def test_a_full_disk_gives_one_clear_line_and_the_next_run_recovers(tmp_path, filled_db):
    keys = articles(tmp_path / "in", 12)
    with tmpfs(tmp_path / "full", "16m") as mnt:
        db = mnt / "svodka.db"
        shutil.copy(filled_db, db)
        before = check_consistent(db)
        free = shutil.disk_usage(mnt).free
        filler = mnt / "filler"
        filler.write_bytes(b"\0" * (free - 96 * 1024))     # leave 96 KB
        failed = subprocess.run(ingest_cmd(tmp_path / "in", f"sqlite:///{db}", batch=2),
                                capture_output=True, text=True, timeout=300)
        assert failed.returncode == 2, failed.stderr[-2000:]
        line = one_line_error(failed.stderr)
        assert str(db) in line and "full" in line.lower()
        stored = check_consistent(db)
        assert set(before) <= set(stored) <= {*before, *keys}
        filler.unlink()
        ok = subprocess.run(ingest_cmd(tmp_path / "in", f"sqlite:///{db}"),
                            capture_output=True, text=True, timeout=300)
        assert ok.returncode == 0, ok.stderr[-2000:]
        assert sorted(check_consistent(db)) == sorted({*before, *keys})


def test_postgresql_dropping_the_connection_mid_batch_then_rerun(tmp_path, models):
    """The backend serving the ingest is terminated (pg_terminate_backend from
    another connection) in the middle of a batch's INSERTs: the run stops
    with one clear `StoreError`, the batch is rolled back, and a second run
    stores every article exactly once."""
    from sqlalchemy import event, text

    from pgdb import fresh_database

    from svodka.errors import StoreError
    from svodka.ingest.runner import Ingest
    from svodka.ingest.sources import iter_items
    from svodka.store import Store

    keys = articles(tmp_path / "in", 8)
    db = fresh_database("svodka_rel")
    url, name, admin = db.url, db.name, db.admin
    try:
        store = Store(url)
        inserts = {"n": 0}

        @event.listens_for(store.engine, "before_cursor_execute")
        def pull_the_plug(conn, cursor, statement, *args):
            if statement.lstrip().upper().startswith("INSERT INTO QUOTES"):
                inserts["n"] += 1
                if inserts["n"] == 2:       # the second batch holding quotes
                    pid = conn.exec_driver_sql("select pg_backend_pid()").scalar()
                    with admin.connect() as other:
                        other.execute(text("select pg_terminate_backend(:p)"), {"p": pid})

        with pytest.raises(StoreError) as failure:
            Ingest(store, batch=2).run(iter_items([tmp_path / "in"]))
        message = str(failure.value)
        assert "\n" not in message.strip() and name in message and "svodka:svodka@" not in message
        store.close()
        with Store(url) as first_look:
            saved = first_look.has_keys(keys)
        assert saved < keys                 # the failed batch left nothing behind ...

        with Store(url) as again:           # ... and the next run finishes the rest
            summary = Ingest(again, batch=2).run(iter_items([tmp_path / "in"]))
            assert summary.known == len(saved) and summary.analyzed == len(keys) - len(saved)
            assert again.has_keys(keys) == keys
            with again.engine.connect() as conn:
                stored = [k for (k,) in conn.execute(text("select key from documents"))]
        assert sorted(stored) == sorted(keys)
    finally:
        db.drop()


def test_the_server_answers_reads_while_an_ingest_writes(tmp_path, filled_db):
    """SQLite in WAL mode: a running `svodka serve` keeps answering every read
    with 200 while `svodka ingest` writes batches into the same file."""
    import httpx

    from live_server import serving
    keys = articles(tmp_path / "in", 8, skip=100)
    url = f"sqlite:///{filled_db}"
    reads = ["/api/documents?q=Минск", "/api/quotes?limit=20", "/api/events?limit=20",
             "/api/entities?q=Лукашенко", "/api/dyads/BLR-KAZ", "/api/documents?limit=5", "/"]
    with serving(url) as (_, base):
        ingest = subprocess.Popen(ingest_cmd(tmp_path / "in", url, batch=1),
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        statuses, bad, counts = [], [], set()
        with httpx.Client(base_url=base, timeout=30) as client:
            while ingest.poll() is None:
                for path in reads:
                    r = client.get(path)
                    statuses.append(r.status_code)
                    if r.status_code != 200 or "locked" in r.text:
                        bad.append((path, r.status_code, r.text[:200]))
                counts.add(client.get("/api/documents", params={"limit": 1}).json()["total"])
        assert ingest.wait(5) == 0, ingest.stderr.read().decode()[-2000:]
        ingest.stderr.close()
    assert not bad, bad[:5]
    assert len(statuses) >= 50 and len(counts) >= 2     # reads overlapped the writes
    assert set(keys) <= set(check_consistent(filled_db))
