"""limits.py and its use in the ingest runner: every item is analyzed in a
worker process or refused with a one-line reason — over the size limit
before any work, over the per-item time limit (the parent kills the
worker) or memory limit (the worker's RLIMIT_AS) — the batch goes on, the
store holds exactly the items analyzed, and a killed worker is replaced by
one whose results are those of a fresh analysis.

Slow and memory-hungry items are made by the test hook `SVODKA_TEST_HOOK`
(the worker sleeps or allocates before the item's analysis) or by a real
megabyte line. Timings have wide margins: CI is a loaded 2-core machine."""
from __future__ import annotations

import threading
import time

import pytest

from hostile_inputs import MB, NEREL_TRAIN, SEED
from svodka.document import Document, to_dict
from svodka.limits import (ITEM_MB, ITEM_SECONDS, MAX_CHARS, ItemRefused, analyze_each,
                           analyze_limited, item_mb, item_seconds, max_chars)

SEED_TEXT = SEED.read_text(encoding="utf-8")
WORDS = " ".join(SEED_TEXT.split())


def spans_hold(doc: Document) -> None:
    for item in (*doc.quotes, *doc.amounts, *(m for e in doc.entities for m in e.mentions)):
        assert doc.text[item.start:item.end] == item.text


def _nerel(name: str) -> str:
    return " ".join((NEREL_TRAIN / name).read_text(encoding="utf-8").split())


def test_a_megabyte_line_is_stopped_at_the_time_limit_and_the_next_analysis_is_intact(
        seed_doc):
    line = (WORDS + " ") * (MB // len(WORDS.encode()))
    assert len(line) < MAX_CHARS
    analyze_limited(SEED_TEXT, seconds=300)     # a worker is up: its start is not timed
    started = time.monotonic()
    with pytest.raises(ItemRefused) as refused:
        analyze_limited(line, seconds=3, source="line.txt")
    took = time.monotonic() - started
    # The whole analysis takes minutes; the parent kills the worker at 3 s.
    assert 3 <= took < 60, took
    assert str(refused.value) == "line.txt: analysis took over 3 s (the per-item time limit)"
    after = analyze_limited(SEED_TEXT, seconds=300, source=str(SEED))   # in a new worker
    assert to_dict(after) == to_dict(seed_doc)


def test_a_10_mb_article_is_refused_by_size_before_any_work():
    text = SEED_TEXT * (10 * MB // len(SEED_TEXT) + 1)
    started = time.monotonic()
    with pytest.raises(ItemRefused) as refused:
        analyze_limited(text, source="big.txt")
    assert time.monotonic() - started < 5
    assert refused.value.message == (f"article of {len(text)} characters is over the limit "
                                     f"of {MAX_CHARS}")


def test_rtl_marks_nul_and_mixed_scripts_in_a_real_article_are_analyzed():
    article = (NEREL_TRAIN / "15608_text.txt").read_text(encoding="utf-8")
    text = (article.replace(" ", " \u200f", 30).replace(".", ".\u202e", 5)
            + "\nالعربية 中文 Ελληνικά עברית 😀\x00 Mинск (с латинской M).")
    doc = analyze_limited(text, seconds=300)
    assert doc.text == text and doc.entities
    spans_hold(doc)


def test_limits_come_from_the_environment(monkeypatch):
    assert (item_seconds(), item_mb(), max_chars()) == (ITEM_SECONDS, ITEM_MB, MAX_CHARS)
    monkeypatch.setenv("SVODKA_ITEM_SECONDS", "2.5")
    monkeypatch.setenv("SVODKA_ITEM_MB", "300")
    monkeypatch.setenv("SVODKA_MAX_CHARS", "5000")
    assert (item_seconds(), item_mb(), max_chars()) == (2.5, 300, 5000)
    monkeypatch.setenv("SVODKA_ITEM_SECONDS", "soon")
    monkeypatch.setenv("SVODKA_ITEM_MB", "-1")
    monkeypatch.setenv("SVODKA_MAX_CHARS", str(len(SEED_TEXT) - 1))
    assert (item_seconds(), item_mb()) == (ITEM_SECONDS, ITEM_MB)
    with pytest.raises(ItemRefused, match="over the limit"):
        analyze_limited(SEED_TEXT, seconds=60)


def test_a_sleeping_and_an_allocating_item_are_refused_and_the_rest_of_the_batch_analyzed(
        monkeypatch, seed_doc):
    """The sleeping worker is killed at its deadline, the allocating one
    stops at its RLIMIT_AS; both are replaced, and the two good articles
    between them come back as a fresh analysis makes them."""
    monkeypatch.setenv("SVODKA_TEST_HOOK", "sleep:slow.txt,allocate:greedy.txt")
    docs = [Document(text=SEED_TEXT + " Пауза.", source="slow.txt"),
            Document(text=SEED_TEXT, source=str(SEED)),
            Document(text=SEED_TEXT + " Память.", source="greedy.txt"),
            Document(text=_nerel("055.txt"), source="055.txt")]
    started = time.monotonic()
    out = analyze_each(docs, seconds=5, mb=300)
    assert time.monotonic() - started < 120     # 20 s for the batch, 5 for the sleeper alone
    assert [str(o) for o in out if isinstance(o, Exception)] == [
        "slow.txt: analysis took over 5 s (the per-item time limit)",
        "greedy.txt: analysis used over 300 MB (the per-item memory limit)"]
    assert to_dict(out[1]) == to_dict(seed_doc)
    assert out[3].source == "055.txt" and out[3].entities
    spans_hold(out[3])


def test_the_analysis_runs_outside_the_callers_threads(monkeypatch):
    """No interruption is injected: the caller's threads are the same before
    and after a refused item, and a refusal in a thread is a plain return."""
    before = threading.active_count()
    caught = []

    def work():
        caught.extend(analyze_each([Document(text=SEED_TEXT + " Сон.", source="s.txt")],
                                   seconds=2))
    monkeypatch.setenv("SVODKA_TEST_HOOK", "sleep:s.txt")
    t = threading.Thread(target=work)
    t.start()
    t.join(120)
    assert [str(c) for c in caught] == ["s.txt: analysis took over 2 s (the per-item time limit)"]
    assert threading.active_count() == before


def test_the_ingest_runner_refuses_slow_greedy_and_huge_items_and_stores_the_rest(
        tmp_path, monkeypatch):
    from svodka.ingest.runner import Ingest
    from svodka.store import Store
    monkeypatch.setenv("SVODKA_ITEM_SECONDS", "5")
    monkeypatch.setenv("SVODKA_ITEM_MB", "300")
    monkeypatch.setenv("SVODKA_TEST_HOOK", "allocate:greedy.txt")
    # Other articles than the seed, so that none is another's near-duplicate.
    one, two, three = (_nerel(name) for name in ("19361_text.txt", "055.txt", "15608_text.txt"))
    slow = (one + " ") * (600_000 // len(one))  # a 600k-character line: minutes here
    huge = (two + "\n") * (MAX_CHARS // len(two) + 1)
    items = [Document(text=slow, source="slow.txt"), Document(text=SEED_TEXT, source="seed.txt"),
             Document(text=huge, source="huge.txt"), Document(text=three, source="greedy.txt")]
    started = time.monotonic()
    with Store(f"sqlite:///{tmp_path / 's.db'}") as store:
        summary = Ingest(store).run(items)
        assert store.has_keys([d.key for d in items]) == {items[1].key}
        assert store.stats()["documents"] == 1
    assert time.monotonic() - started < 180
    assert summary.analyzed == 1
    assert sorted(summary.failed) == [
        ("greedy.txt", "analysis used over 300 MB (the per-item memory limit)"),
        ("huge.txt", f"article of {len(huge)} characters is over the limit of {MAX_CHARS}"),
        ("slow.txt", "analysis took over 5 s (the per-item time limit)")]


def test_svodka_analyze_runs_each_file_under_the_limits(monkeypatch, tmp_path):
    """`svodka analyze` (CLI) analyzes in the guarded worker too: a file
    that sleeps is refused with its reason in one line, the others are
    printed, and the exit status says that one failed."""
    import json

    from typer.testing import CliRunner

    import svodka.cli.analyze  # noqa: F401  (registers the command)
    from svodka.cli import app
    slow, good = tmp_path / "slow.txt", tmp_path / "good.txt"
    slow.write_text(SEED_TEXT + " Пауза.", encoding="utf-8")
    good.write_text(SEED_TEXT, encoding="utf-8")
    monkeypatch.setenv("SVODKA_TEST_HOOK", f"sleep:{slow}")
    monkeypatch.setenv("SVODKA_ITEM_SECONDS", "5")
    result = CliRunner().invoke(app, ["analyze", str(slow), str(good), "--format", "jsonl"])
    assert result.exit_code == 1
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == [str(good)]
    assert f"{slow}: analysis took over 5 s (the per-item time limit)" in result.stderr
