"""ingest/runner.py against a real SQLite store: one document per article
whatever the source, near-duplicates linked, bad items skipped with reasons."""
from __future__ import annotations

import gzip

from ingest_pages import html_page, nerel, write_warc
from svodka.document import content_key
from svodka.ingest.runner import ingest
from svodka.ingest.sources import iter_items
from test_dedup import lightly_edited

URL = "https://news.example.ru/politics/golunov"


def test_one_article_in_three_encodings_html_and_warc_is_one_document(store, tmp_path):
    text = nerel("2045.txt")
    for enc in ("utf-8", "cp1251", "koi8-r"):
        (tmp_path / f"a.{enc}.txt").write_bytes(text.encode(enc))
    page = html_page(text, url=URL)
    (tmp_path / "page.txt").write_text(page, encoding="utf-8")    # HTML named .txt
    write_warc(tmp_path / "crawl.warc.gz", [(URL, page)])
    summary = ingest(iter_items([tmp_path]), store, batch=2)
    assert (summary.analyzed, summary.duplicates, summary.skipped, summary.failed) == (1, 4, (), ())
    assert store.stats()["documents"] == 1
    assert store.load(content_key(text)).text.split() == text.split()


def test_a_rerun_analyzes_nothing_and_finds_everything_known(store, tmp_path):
    for name in ("230892_text.txt", "597958_text.txt"):
        (tmp_path / name).write_text(nerel(name), encoding="utf-8")
    first = ingest(iter_items([tmp_path]), store)
    again = ingest(iter_items([tmp_path]), store)
    assert (first.analyzed, first.known) == (2, 0)
    assert (again.analyzed, again.known, again.is_ok) == (0, 2, True)
    assert store.stats()["documents"] == 2


def test_a_lightly_edited_copy_is_linked_to_its_first_copy_across_runs(store, tmp_path):
    text = nerel("230892_text.txt")
    (tmp_path / "first.txt").write_text(text, encoding="utf-8")
    ingest(iter_items([tmp_path / "first.txt"]), store)
    (tmp_path / "copy.txt").write_text(lightly_edited(text), encoding="utf-8")
    summary = ingest(iter_items([tmp_path / "copy.txt"]), store)
    assert (summary.analyzed, summary.near_duplicates) == (0, 1)
    stats = store.stats()
    assert (stats["documents"], stats["duplicates"]) == (2, 1)
    copy = store.load(content_key(lightly_edited(text)))
    assert (copy.quotes, copy.events, copy.amounts) == ((), (), ())
    assert [k for k, _ in store.signatures()] == [content_key(text)]


def test_bad_items_are_skipped_with_one_line_reasons_and_the_batch_goes_on(store, tmp_path):
    good = nerel("945932_text.txt")
    files = {
        "good.txt": good.encode("utf-8"),
        "empty.txt": b"",
        "english.txt": b"Boris Johnson, the Prime Minister, has tested positive for coronavirus.",
        "binary.dat": bytes(range(256)) * 8,
        "huge.txt": ("Москва. " * 2000).encode("utf-8"),
        "bomb.txt.gz": gzip.compress(b"\xd0\x9f" * 1_000_000),
        "broken.html": b"<html><body><div><script>var a = 1;</script></div></body></html>",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    summary = ingest(iter_items([tmp_path], max_bytes=12_000), store)
    assert summary.analyzed == 1
    assert dict(summary.skipped) == {
        str(tmp_path / "binary.dat"): "binary content (NUL bytes), not a text article",
        str(tmp_path / "bomb.txt.gz"): "unpacks to over the limit of 12000 bytes",
        str(tmp_path / "broken.html"): "no article text found in the HTML page",
        str(tmp_path / "empty.txt"): "empty article",
        str(tmp_path / "english.txt"): "not Russian text (59 Latin letters, 0 Cyrillic)",
        str(tmp_path / "huge.txt"): "28000 bytes is over the limit of 12000",
    }
    assert store.stats()["failures"] == 6


def test_nothing_usable_is_not_ok(store, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    summary = ingest(iter_items([tmp_path, tmp_path / "missing.txt"]), store)
    assert not summary.is_ok
    assert summary.skipped == ((str(tmp_path / "empty.txt"), "empty article"),
                               (str(tmp_path / "missing.txt"), "No such file or directory"))


def test_a_document_whose_analysis_fails_is_recorded_and_the_rest_stored(store, tmp_path,
                                                                          monkeypatch):
    # The analysis runs in a worker process: the limits' test hook makes it
    # raise ValueError("stage failed") on this one article.
    monkeypatch.setenv("SVODKA_TEST_HOOK", f"fail:{tmp_path / '230892_text.txt'}")
    for name in ("230892_text.txt", "597958_text.txt", "945932_text.txt"):
        (tmp_path / name).write_text(nerel(name), encoding="utf-8")
    summary = ingest(iter_items([tmp_path]), store)
    assert summary.analyzed == 2
    assert summary.failed == ((str(tmp_path / "230892_text.txt"),
                               "analysis failed (ValueError: stage failed)"),)
    assert store.has_keys([content_key(nerel("230892_text.txt"))]) == set()
    assert store.stats()["documents"] == 2
