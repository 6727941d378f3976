"""Faults: an ingest SIGKILLed again and again at random points, a read-only
store, a full disk and a PostgreSQL server that drops the connection
mid-batch each give a clear one-line error (or nothing at all), lose
nothing, duplicate nothing, and the next run finishes the work."""
from __future__ import annotations

import os
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
    keys = articles(tmp_path / "in", 24)
    db = tmp_path / "store" / "svodka.db"
    cmd = ingest_cmd(tmp_path / "in", f"sqlite:///{db}")
    rng = random.Random(20261125)
    history = []
    for _ in range(3):
        before = count(db)
        # Half the kills wait for some more documents, half strike after a
        # random delay (during start-up, analysis or a write).
        more, delay = rng.randint(1, 7), rng.uniform(0.5, 9.0)
        by_count = rng.random() < 0.5
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        started = time.monotonic()
        try:
            while proc.poll() is None:
                if by_count and count(db) >= before + more:
                    break
                if not by_count and time.monotonic() - started >= delay:
                    break
                assert time.monotonic() - started < 240, "the ingest made no progress"
                time.sleep(0.05)
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(10)
        stored = check_consistent(db) if db.exists() else []
        assert set(stored) <= keys and len(stored) >= before     # nothing lost
        history.append(len(stored))
    assert history[-1] < len(keys), f"every kill came too late: {history}"

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
