"""`svodka ingest`: summary, reasons and exit status."""
from __future__ import annotations

import re

from typer.testing import CliRunner

from ingest_pages import nerel
from svodka.cli import app
from svodka.cli import ingest as _ingest  # noqa: F401  (registers the commands)
from svodka.cli.ingest import parse_duration

import pytest


def _run(*args):
    result = CliRunner().invoke(app, ["ingest", *map(str, args)])
    return result.exit_code, re.sub(r"[│┃|]", " ", result.stdout)


def _row(out: str, name: str) -> str:
    return re.search(rf"{name}\s+(\S+)", out)[1]


def test_ingest_reports_counts_and_reasons_and_exits_zero(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(nerel("213197_text.txt"), encoding="utf-8")
    (src / "b.txt").write_bytes(nerel("213197_text.txt").encode("cp1251"))
    (src / "empty.txt").write_bytes(b"")
    db = f"sqlite:///{tmp_path / 'svodka.db'}"
    code, out = _run(src, "--db", db, "--batch", "1")
    assert code == 0
    assert (_row(out, "analyzed and stored"), _row(out, "exact duplicates in this run"),
            _row(out, "skipped"), _row(out, "failed")) == ("1", "1", "1", "0")
    assert f"skipped: {src / 'empty.txt'}: empty article" in out
    code, out = _run(src / "a.txt", "--db", db)      # already there: still a success
    assert (code, _row(out, "already in the store")) == (0, "1")


def test_ingest_exits_non_zero_when_nothing_could_be_ingested(tmp_path):
    (tmp_path / "english.txt").write_text("Nothing here is written in Russian at all, sorry.")
    code, out = _run(tmp_path / "english.txt", tmp_path / "missing.txt",
                     "--db", f"sqlite:///{tmp_path / 'svodka.db'}")
    assert code == 1
    assert f"skipped: {tmp_path / 'missing.txt'}: No such file or directory" in out


@pytest.mark.parametrize("text, seconds", [("15m", 900), ("30s", 30), ("1h", 3600),
                                           ("0.5", 0.5), ("250ms", 0.25), ("2d", 172800)])
def test_durations(text, seconds):
    assert parse_duration(text) == seconds


def test_a_store_that_cannot_be_opened_is_a_clear_error(tmp_path):
    (tmp_path / "not-a-store.db").write_text("this file is not a database")
    (tmp_path / "a.txt").write_text(nerel("213197_text.txt"), encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "a.txt"),
                                      "--db", f"sqlite:///{tmp_path / 'not-a-store.db'}"])
    assert result.exit_code == 2
    assert "cannot open the store" in result.stderr
    assert "Traceback" not in result.stderr
