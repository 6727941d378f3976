"""Hostile input to every ingest parser (ingest/sources.py and the readers
it dispatches to): arbitrary bytes (hypothesis) and crafted attacks built
from real articles — gzip bombs in feeds, WARC and JSON Lines, 100,000
nested divs, 10 MB articles, megabyte-long lines, NUL bytes, RTL marks and
mixed scripts. Each item comes out as a `Document` or a one-line
`IngestError`, within a bounded time and memory."""
from __future__ import annotations

import gzip
import io
import json
import resource
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostile_inputs import (MB, NEREL_TRAIN, SEED, article_html, gzip_bomb, nested_divs, rss,
                            warc_bytes)
from svodka.document import Document
from svodka.errors import IngestError
from svodka.ingest.feeds import read_feed
from svodka.ingest.html import read_html
from svodka.ingest.jsonl import read_jsonl
from svodka.ingest.sources import checked_items, iter_items, read_content
from svodka.ingest.text import MAX_BYTES, check_article, decode
from svodka.ingest.warc import read_warc

LIMIT = 1 * MB          # the per-item size limit these tests ingest with
BOMB = 2 << 30          # what a streamed bomb (JSONL, WARC) unpacks to: 2 GB
WHOLE_BOMB = 1 << 30    # what a whole-file bomb unpacks to: 1 GB from 1 MB packed
SEED_TEXT = SEED.read_text(encoding="utf-8")
FUZZ = settings(max_examples=150, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def one_line(error: IngestError) -> bool:
    return "\n" not in str(error) and "\r" not in str(error) and bool(error.message)


def check_items(items) -> list:
    """The items, after asserting each is a Document with text or a one-line error."""
    items = list(items)
    for item in items:
        assert isinstance(item, (Document, IngestError)), item
        if isinstance(item, IngestError):
            assert one_line(item), str(item)
    return items


class Budget:
    """Asserts a block took at most `seconds` and grew the peak RSS by at most `mb`."""

    def __init__(self, seconds: float, mb: int = 300):
        self.seconds, self.mb = seconds, mb

    def __enter__(self):
        self.t0 = time.monotonic()
        self.rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return self

    def __exit__(self, *exc):
        took = time.monotonic() - self.t0
        grew = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - self.rss0) / 1024
        if exc[0] is None:
            assert took < self.seconds, f"took {took:.1f} s"
            assert grew < self.mb, f"peak memory grew by {grew:.0f} MB"


# --- arbitrary bytes ---------------------------------------------------------

PREFIXES = [b"", b"WARC/1.0\r\n", b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5\r\n\r\n",
            b'{"text": ', b"<?xml version='1.0'?><rss version='2.0'><channel><item>",
            b"<feed xmlns='http://www.w3.org/2005/Atom'><entry>", b"<!doctype html><html><body>",
            b"\x1f\x8b\x08\x00", b"\xef\xbb\xbf", b"\xff\xfe"]
raw = st.builds(lambda prefix, body, gz: gzip.compress(prefix + body) if gz else prefix + body,
                st.sampled_from(PREFIXES), st.binary(max_size=3000), st.booleans())


@FUZZ
@given(data=raw)
def test_read_content_of_arbitrary_bytes_gives_documents_or_one_line_errors(data):
    items = check_items(checked_items(read_content(data, "fuzz", max_bytes=LIMIT,
                                                   fetch_pages=False), LIMIT))
    for item in items:
        if isinstance(item, Document):
            assert item.text.strip() and "\x00" not in item.text


@FUZZ
@given(data=raw)
def test_each_reader_on_arbitrary_bytes_yields_or_raises_only_ingest_errors(data):
    check_items(read_jsonl(io.BytesIO(data), "fuzz.jsonl", max_bytes=LIMIT))
    check_items(read_warc(io.BytesIO(data), "fuzz.warc", max_bytes=LIMIT))
    for call in (lambda: list(read_feed(data, "fuzz.xml", max_bytes=LIMIT, fetch_pages=False)),
                 lambda: [read_html(data, source="fuzz.html")],
                 lambda: [check_article(decode(data, "fuzz.txt"), "fuzz.txt")]):
        try:
            check_items(call())
        except IngestError as e:
            assert one_line(e)


@FUZZ
@given(text=st.text(max_size=2000))
def test_arbitrary_unicode_as_a_jsonl_record_or_a_page_is_read_or_refused(text):
    line = json.dumps({"text": text, "title": text[:50]}, ensure_ascii=False).encode() + b"\n"
    check_items(checked_items(read_jsonl(io.BytesIO(line), "u.jsonl", max_bytes=LIMIT), LIMIT))
    check_items(checked_items(read_content(f"<html><body><p>{text}</p></body></html>".encode(),
                                           "u.html", max_bytes=LIMIT), LIMIT))


# --- crafted attacks from real articles ----------------------------------------

@pytest.mark.parametrize("name, data, reason", [
    ("feed.xml.gz", lambda: gzip_bomb(b"<?xml version='1.0'?><rss version='2.0'><channel><item>"
                                      b"<description>", WHOLE_BOMB, b" "), "unpacks to over the limit"),
    ("page.html.gz", lambda: gzip_bomb(b"<!doctype html><html><body><p>", WHOLE_BOMB, b"a"),
     "unpacks to over the limit"),
    ("article.txt.gz", lambda: gzip_bomb("Минск. ".encode(), WHOLE_BOMB), "unpacks to over the limit"),
])
def test_gzip_bombs_are_refused_by_the_unpacked_size_limit(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data())
    assert path.stat().st_size < 4 * LIMIT
    with Budget(seconds=10):
        items = check_items(iter_items([path], max_bytes=4 * LIMIT))
    assert len(items) == 1 and isinstance(items[0], IngestError)
    assert reason in items[0].message and items[0].source == str(path)


def test_a_gzip_bomb_jsonl_is_refused_without_unpacking_it(tmp_path):
    good = json.dumps({"text": SEED_TEXT}, ensure_ascii=False).encode() + b"\n"
    for fill in (b"a", b"{}\n"):        # one endless line; endless bad records
        path = tmp_path / "bomb.jsonl.gz"
        path.write_bytes(gzip.compress(good) + gzip_bomb(b"", BOMB, fill))
        with Budget(seconds=15):
            items = check_items(iter_items([path], max_bytes=LIMIT))
        assert isinstance(items[0], Document) and items[0].text == SEED_TEXT.strip()
        assert "decompression bomb" in items[-1].message and items[-1].source == str(path)
        assert len(items) < 100_000


def test_a_warc_whose_page_is_a_content_encoding_gzip_bomb(tmp_path):
    page = article_html(SEED_TEXT).encode()
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(warc_bytes([
        ("https://example.org/bomb", gzip_bomb(b"<html><body><p>", BOMB, b"a"),
         {"Content-Encoding": "gzip"}),
        ("https://example.org/seed", page, {})]))
    with Budget(seconds=60):
        items = check_items(iter_items([path], max_bytes=LIMIT))
    assert isinstance(items[0], IngestError) and "https://example.org/bomb" in items[0].source
    assert "over the limit" in items[0].message or "rest of the archive" in items[-1].message


def test_100k_nested_divs_around_a_real_article(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text(nested_divs(100_000, article_html(SEED_TEXT)), encoding="utf-8")
    with Budget(seconds=60, mb=1000):
        items = check_items(iter_items([path]))
    assert len(items) == 1


def test_a_10_mb_article_is_refused_naming_it_and_the_next_is_read(tmp_path):
    big = tmp_path / "a_big.txt"
    big.write_text(SEED_TEXT * (10 * MB // len(SEED_TEXT.encode()) + 1), encoding="utf-8")
    assert big.stat().st_size > 10 * MB > MAX_BYTES
    (tmp_path / "b_seed.txt").write_text(SEED_TEXT, encoding="utf-8")
    jsonl = tmp_path / "c_big.jsonl"
    jsonl.write_bytes(json.dumps({"text": big.read_text(encoding="utf-8")}).encode() + b"\n"
                      + json.dumps({"text": SEED_TEXT}).encode() + b"\n")
    with Budget(seconds=20):
        items = check_items(iter_items([tmp_path]))
    assert [type(i).__name__ for i in items] == ["IngestError", "Document", "IngestError",
                                                 "Document"]
    assert items[0].source == str(big) and "over the limit" in items[0].message
    assert items[2].source == str(jsonl) and items[2].line == 1


def test_a_megabyte_long_line_is_read_as_one_article(tmp_path):
    words = " ".join(SEED_TEXT.split())
    line = (words + " ") * (MB // len(words.encode()) + 1)
    path = tmp_path / "line.txt"
    path.write_text(line, encoding="utf-8")
    items = check_items(iter_items([path], max_bytes=5 * MB))
    assert len(items) == 1 and items[0].text == line.strip()


def test_nul_bytes_rtl_marks_and_mixed_scripts(tmp_path):
    article = (NEREL_TRAIN / "15608_text.txt").read_text(encoding="utf-8")
    cases = {
        "nul.txt": article.replace(" ", "\x00").encode("utf-8"),
        "rtl.txt": article.replace(" ", " \u200f\u202e", 40).encode("utf-8"),
        "mixed.txt": (article + "\nالعربية 中文 Ελληνικά עברית 😀").encode("utf-8"),
        # a few NULs past the first 4 KB are dropped, not taken for binary
        "cp1251_with_nul.txt": (article * 10).encode("cp1251") + b"\x00" * 8,
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    items = dict(zip(sorted(cases), check_items(iter_items([tmp_path]))))
    assert isinstance(items["nul.txt"], IngestError) and "binary" in items["nul.txt"].message
    for name in ("rtl.txt", "mixed.txt", "cp1251_with_nul.txt"):
        assert isinstance(items[name], Document), items[name]
        assert "\x00" not in items[name].text
    assert "\u202e" in items["rtl.txt"].text and "中文" in items["mixed.txt"].text


def test_a_feed_of_hostile_items(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_bytes(rss([("Длинная строка", ("Минск " * 200_000)),
                          ("Вложенность", "&lt;div&gt;" * 50_000 + "Минск и Астана подписали договор о сотрудничестве"),
                          ("Пусто", ""),
                          ("Статья", SEED_TEXT.replace("\n", " "))]))
    with Budget(seconds=30):
        items = check_items(iter_items([path], max_bytes=5 * LIMIT))
    assert len(items) == 4
    assert isinstance(items[2], IngestError) and isinstance(items[3], Document)
