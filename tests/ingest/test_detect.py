"""ingest/detect.py: a source's kind from its content, not its name."""
from __future__ import annotations

import gzip
import json

import pytest

from ingest_pages import atom, html_page, nerel, rss, write_warc
from svodka.ingest.detect import Kind, detect

TEXT = nerel("230892_text.txt")
PAGE = html_page(TEXT, url="https://news.example.ru/a")
FEED = rss([{"title": "Путин уволил двух генералов", "link": "a.html"}])


@pytest.mark.parametrize("head, name, kind", [
    (TEXT.encode("utf-8"), "article.txt", Kind.TEXT),
    (TEXT.encode("cp1251"), "article", Kind.TEXT),
    (PAGE.encode(), "article.txt", Kind.HTML),                  # HTML named .txt
    (b"\xef\xbb\xbf" + PAGE.encode(), "page", Kind.HTML),
    (FEED.encode(), "news", Kind.FEED),                         # RSS without .xml
    (atom([{"title": "x", "link": "a.html"}]).encode(), "feed.html", Kind.FEED),
    (gzip.compress(FEED.encode()), "news.gz", Kind.FEED),
    ((json.dumps({"text": TEXT}, ensure_ascii=False) + "\n").encode(), "dump.txt", Kind.JSONL),
    (gzip.compress(b'{"text": "\xd0\x9f"}\n'), "dump.gz", Kind.JSONL),
    (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "crawl.bin", Kind.WARC),
    (b"", "empty.txt", Kind.TEXT),
])
def test_kind_is_recognised_by_content(head, name, kind):
    assert detect(head, name) is kind


def test_a_gzipped_warc_is_a_warc(tmp_path):
    path = write_warc(tmp_path / "crawl", [("https://news.example.ru/a", PAGE)], gzip=True)
    assert detect(path.read_bytes()[:65536], "crawl") is Kind.WARC


def test_a_gzip_bomb_is_only_read_as_far_as_the_head():
    bomb = gzip.compress(b"WARC/1.0\r\n" + b"\0" * 50_000_000)
    assert detect(bomb, "x") is Kind.WARC
