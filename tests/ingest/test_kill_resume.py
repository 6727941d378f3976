"""A `svodka ingest` of a few hundred real articles killed with SIGKILL
part-way leaves a consistent store; re-running finishes without duplicates."""
from __future__ import annotations

import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from ingest_pages import NEREL_TRAIN
from svodka.document import content_key

ARTICLES = 300
KILL_AFTER_DOCS = 40
SVODKA = str(Path(sys.executable).parent / "svodka")


def _count(db: Path, sql: str) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute(sql).fetchone()[0]
    except sqlite3.Error:   # not created yet, or the schema is being made
        return 0


def test_sigkill_part_way_then_rerun_stores_every_article_exactly_once(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    keys = set()
    for path in sorted(NEREL_TRAIN.glob("*.txt"))[:ARTICLES]:
        shutil.copy(path, folder / path.name)
        keys.add(content_key(path.read_text(encoding="utf-8")))
    assert len(keys) == ARTICLES
    db = tmp_path / "store" / "svodka.db"
    db.parent.mkdir()
    cmd = [SVODKA, "ingest", str(folder), "--db", f"sqlite:///{db}", "--batch", "8"]

    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 180
        while _count(db, "select count(*) from documents") < KILL_AFTER_DOCS:
            assert proc.poll() is None, "the ingest ended before it could be killed"
            assert time.monotonic() < deadline, f"under {KILL_AFTER_DOCS} documents in 180 s"
            time.sleep(0.2)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    at_kill = _count(db, "select count(*) from documents")
    assert KILL_AFTER_DOCS <= at_kill < ARTICLES

    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    with sqlite3.connect(db) as conn:
        assert conn.execute("pragma integrity_check").fetchone() == ("ok",)
        stored = [k for (k,) in conn.execute("select key from documents")]
        orphans = sum(conn.execute(f"select count(*) from {t} where document_id not in "
                                   "(select id from documents)").fetchone()[0]
                      for t in ("quotes", "events", "amounts", "doc_entities"))
    assert sorted(stored) == sorted(keys)          # every article, each exactly once
    assert orphans == 0
