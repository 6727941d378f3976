"""ingest/warc.py: the HTML responses of a WARC, gzipped or not."""
from __future__ import annotations

import pytest

from ingest_pages import html_page, nerel, write_warc
from svodka.document import Document, content_key
from svodka.errors import IngestError
from svodka.ingest.sources import iter_items

URLS = ["https://news.example.ru/a", "https://news.example.ru/b"]
TEXTS = [nerel("230892_text.txt"), nerel("1718154_text.txt")]


@pytest.mark.parametrize("gz", [True, False])
def test_warc_yields_one_document_per_html_response(gz, tmp_path):
    path = write_warc(tmp_path / "crawl.dat", [(u, html_page(t, url=u)) for u, t in zip(URLS, TEXTS)],
                      gzip=gz)
    docs = list(iter_items([path]))
    assert all(isinstance(d, Document) for d in docs)
    assert [content_key(d.text) for d in docs] == [content_key(t) for t in TEXTS]
    assert [d.url for d in docs] == URLS
    assert {d.source for d in docs} == {str(path)}


def test_damaged_warc_keeps_the_records_before_the_damage(tmp_path):
    path = write_warc(tmp_path / "crawl.warc", [(u, html_page(t, url=u)) for u, t in zip(URLS, TEXTS)],
                      gzip=False)
    data = path.read_bytes()
    second = data.index(b"WARC/1", data.index(b"WARC-Type: response") + 10)
    path.write_bytes(data[:second] + b"garbage\r\n\r\n" + data[second + 300:])
    items = list(iter_items([path]))
    assert isinstance(items[0], Document) and content_key(items[0].text) == content_key(TEXTS[0])
    assert isinstance(items[-1], IngestError)
    assert str(items[-1]).startswith(f"{path}: malformed WARC (")


def test_oversize_page_in_a_warc_is_skipped_naming_its_url(tmp_path):
    page = html_page(TEXTS[0], url=URLS[0])
    path = write_warc(tmp_path / "crawl.warc.gz", [(URLS[0], page)])
    [err] = list(iter_items([path], max_bytes=1000))
    assert str(err) == f"{path} [{URLS[0]}]: page is over the limit of 1000 bytes"


def test_a_gzip_bomb_record_stops_the_archive_without_unpacking_it(tmp_path):
    bomb = "<html><body><p>" + "а" * 30_000_000 + "</p></body></html>"
    path = write_warc(tmp_path / "bomb.warc.gz", [(URLS[0], bomb), (URLS[1], html_page(TEXTS[1], url=URLS[1]))])
    items = [str(i) for i in iter_items([path], max_bytes=100_000)]
    assert items == [f"{path} [{URLS[0]}]: page is over the limit of 100000 bytes",
                     f"{path}: a record unpacks to over 2000000 bytes; the rest of the archive is not read"]
