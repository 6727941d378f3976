"""`svodka search|events|entities|stats|export` over a filled store."""
from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from svodka.cli import app
import svodka.cli.quotes  # noqa: F401 - registers `quotes`
import svodka.cli.store  # noqa: F401 - registers the store commands

runner = CliRunner()


def run(*args):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_stats_json(annotated):
    counts = json.loads(run("stats", "--db", annotated.url, "--format", "json"))
    assert counts == annotated.stats()
    assert {"documents", "entities", "quotes", "events", "amounts", "duplicates"} <= set(counts)
    assert (counts["documents"], counts["duplicates"], counts["quotes"]) == (4, 1, 5)


def test_events_as_csv(annotated):
    out = run("events", "--source", "KAZ", "--target", "BLR", "--db", annotated.url,
              "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["type"], r["source_country"], r["target_country"]) for r in rows] == [
        ("CONSULT", "KAZ", "BLR"), ("SUPPORT", "KAZ", "BLR")]
    out = run("events", "--source", "KAZ", "--target", "BLR", "--type", "CONSULT",
              "--db", annotated.url, "--format", "jsonl")
    assert [json.loads(line)["location"] for line in out.splitlines()] == ["Минск"]


def test_entities_and_search(annotated):
    out = run("entities", "Лукашенко", "--db", annotated.url, "--format", "jsonl")
    assert [json.loads(line)["name"] for line in out.splitlines()] == ["Александр Лукашенко"]
    out = run("search", "благодарны", "--db", annotated.url, "--format", "jsonl")
    assert [json.loads(line)["kind"] for line in out.splitlines()] == ["document", "quote"]
    assert "благодарны" in run("search", "благодарны", "--db", annotated.url)


@pytest.mark.parametrize("table", ["documents", "quotes", "events", "entities"])
def test_export_parquet_and_jsonl(annotated, table, tmp_path):
    target = tmp_path / f"{table}.parquet"
    run("export", "--table", table, "--format", "parquet", "-o", target, "--db", annotated.url)
    expected = annotated.stats()[table]
    assert pq.read_table(target).num_rows == expected
    out = run("export", "--table", table, "--format", "jsonl", "--db", annotated.url)
    assert len(out.splitlines()) == expected


def test_export_parquet_needs_a_file(annotated):
    result = runner.invoke(app, ["export", "--format", "parquet", "--db", annotated.url])
    assert result.exit_code == 2


def test_a_bad_store_url_is_a_usage_error():
    result = runner.invoke(app, ["stats", "--db", "mysql://u@h/db"])
    assert result.exit_code == 2


def test_quotes_without_files_come_from_the_store(annotated):
    out = run("quotes", "--speaker", "Лукашенко", "--db", annotated.url, "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["role"] for r in rows] == ["Президент Беларуси"] * 4
    assert rows[0]["text"].startswith("Что касается международной повестки")
    out = run("quotes", "--speaker", "Лукашенко", "--since", "2024-05-15", "--db", annotated.url,
              "--format", "csv")
    assert out == ""
