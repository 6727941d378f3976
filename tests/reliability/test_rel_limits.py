"""limits.py and its use in the ingest runner: every item is analyzed or
refused with a one-line reason — over the size limit before any work, over
the per-item time limit by interrupting the analysis — and an interrupted
analysis leaves nothing behind that changes the next document's result."""
from __future__ import annotations

import time

import pytest

import svodka
from hostile_inputs import MB, NEREL_TRAIN, SEED
from svodka.document import Document, to_dict
from svodka.limits import (ITEM_SECONDS, MAX_CHARS, ItemRefused, analyze_limited, item_seconds,
                           max_chars, time_limit)

SEED_TEXT = SEED.read_text(encoding="utf-8")
WORDS = " ".join(SEED_TEXT.split())


def spans_hold(doc: Document) -> None:
    for item in (*doc.quotes, *doc.amounts, *(m for e in doc.entities for m in e.mentions)):
        assert doc.text[item.start:item.end] == item.text


def test_a_megabyte_line_is_interrupted_at_the_time_limit_and_the_next_analysis_is_intact(
        seed_doc):
    line = (WORDS + " ") * (MB // len(WORDS.encode()))
    assert len(line) < MAX_CHARS
    started = time.monotonic()
    with pytest.raises(ItemRefused) as refused:
        analyze_limited(line, seconds=3, source="line.txt")
    took = time.monotonic() - started
    # The timer fires between Python bytecodes; a model batch in numpy may
    # delay it by a few seconds, while the whole analysis takes far longer.
    assert 3 <= took < 20, took
    assert str(refused.value) == "line.txt: analysis took over 3 s (the per-item time limit)"
    after = analyze_limited(SEED_TEXT, seconds=120, source=str(SEED))
    assert to_dict(after) == to_dict(seed_doc)


def test_a_10_mb_article_is_refused_by_size_before_any_work():
    text = SEED_TEXT * (10 * MB // len(SEED_TEXT) + 1)
    started = time.monotonic()
    with pytest.raises(ItemRefused) as refused:
        analyze_limited(text, source="big.txt")
    assert time.monotonic() - started < 1
    assert refused.value.message == (f"article of {len(text)} characters is over the limit "
                                     f"of {MAX_CHARS}")


def test_rtl_marks_nul_and_mixed_scripts_in_a_real_article_are_analyzed(models):
    article = (NEREL_TRAIN / "15608_text.txt").read_text(encoding="utf-8")
    text = (article.replace(" ", " \u200f", 30).replace(".", ".\u202e", 5)
            + "\nالعربية 中文 Ελληνικά עברית 😀\x00 Mинск (с латинской M).")
    doc = analyze_limited(text, seconds=60)
    assert doc.text == text and doc.entities
    spans_hold(doc)


def test_limits_come_from_the_environment(monkeypatch):
    assert (item_seconds(), max_chars()) == (ITEM_SECONDS, MAX_CHARS)
    monkeypatch.setenv("SVODKA_ITEM_SECONDS", "2.5")
    monkeypatch.setenv("SVODKA_MAX_CHARS", "5000")
    assert (item_seconds(), max_chars()) == (2.5, 5000)
    monkeypatch.setenv("SVODKA_ITEM_SECONDS", "soon")
    monkeypatch.setenv("SVODKA_MAX_CHARS", str(len(SEED_TEXT) - 1))
    assert item_seconds() == ITEM_SECONDS
    with pytest.raises(ItemRefused, match="over the limit"):
        analyze_limited(SEED_TEXT, seconds=60)


def test_nested_limits_and_no_interrupt_after_the_block():
    with pytest.raises(ItemRefused, match="outer"):
        with time_limit(1, source="outer"):
            with time_limit(30, source="inner"):
                time.sleep(0.2)
            while True:
                pass
    with time_limit(0.2):
        pass
    time.sleep(0.4)         # the disarmed timer does not fire later


def test_the_ingest_runner_refuses_slow_and_huge_items_and_stores_the_rest(
        tmp_path, monkeypatch, models):
    from svodka.ingest.runner import Ingest
    from svodka.store import Store
    monkeypatch.setenv("SVODKA_ITEM_SECONDS", "1")
    # Other articles than the seed, so that neither is its near-duplicate.
    one, two = (" ".join((NEREL_TRAIN / name).read_text(encoding="utf-8").split())
                for name in ("19361_text.txt", "055.txt"))
    slow = (one + " ") * (600_000 // len(one))  # a 600k-character line: over 10 s here
    huge = (two + "\n") * (MAX_CHARS // len(two) + 1)
    items = [Document(text=slow, source="slow.txt"), Document(text=SEED_TEXT, source="seed.txt"),
             Document(text=huge, source="huge.txt")]
    started = time.monotonic()
    with Store(f"sqlite:///{tmp_path / 's.db'}") as store:
        summary = Ingest(store).run(items)
        assert store.has_keys([d.key for d in items]) == {items[1].key}
    assert time.monotonic() - started < 60
    assert summary.analyzed == 1
    assert sorted(summary.failed) == [
        ("huge.txt", f"article of {len(huge)} characters is over the limit of {MAX_CHARS}"),
        ("slow.txt", "analysis took over 1 s (the per-item time limit)")]
