"""Nothing corrupt is stored silently (issue 16, finding 7): UTF-8 with one
bad byte or cut mid-character is read as UTF-8 with U+FFFD and reported,
not guessed as KOI8-R; a WARC record cut short is reported and skipped, not
stored in part. (Real cp1251 and koi8-r texts: tests/ingest/test_text_encodings.py.)"""
from __future__ import annotations

import pytest

from hostile_inputs import CORPUS, SEED, article_html, warc_bytes
from svodka.document import Document
from svodka.errors import IngestError
from svodka.ingest.sources import iter_items
from svodka.ingest.text import decode

TEXT = SEED.read_text(encoding="utf-8")


def _with_bad_byte(text: str) -> tuple[bytes, str]:
    """The UTF-8 of `text` with one 0xFF inserted after its 1000th
    character, and the text expected from it."""
    data = text.encode("utf-8")
    cut = len(text[:1000].encode("utf-8"))
    return data[:cut] + b"\xff" + data[cut:], text[:1000] + "\ufffd" + text[1000:]


def test_one_bad_byte_in_utf8_is_one_replacement_character_not_koi8r():
    data, expected = _with_bad_byte(TEXT)
    assert decode(data, source="a.txt") == expected


def test_utf8_cut_in_the_middle_of_a_character_keeps_all_before_it():
    text = TEXT[:TEXT.index("Беларусь", 1000) + 3]        # ends in a two-byte letter
    data = text.encode("utf-8")
    assert decode(data[:-1], source="a.txt") == text[:-1] + "\ufffd"


def test_a_damaged_utf8_html_page_without_a_charset_is_read_as_utf8(tmp_path):
    html = article_html(TEXT).replace('<meta charset="utf-8">', "")
    data, _ = _with_bad_byte(html)
    (tmp_path / "page.html").write_bytes(data)
    [doc] = iter_items([tmp_path / "page.html"])
    assert isinstance(doc, Document)
    assert doc.text.count("\ufffd") == 1
    assert " ".join(TEXT.split()[:30]) in " ".join(doc.text.split())


def test_the_ingest_stores_a_damaged_text_and_reports_the_damage(tmp_path, models):
    from svodka.ingest.runner import Ingest
    from svodka.store import Store
    data, expected = _with_bad_byte(TEXT)
    path = tmp_path / "damaged.txt"
    path.write_bytes(data)
    with Store(f"sqlite:///{tmp_path / 'svodka.db'}") as store:
        summary = Ingest(store).run(iter_items([path]))
        [doc] = [store.load(key) for key in store.has_keys([Document(expected.strip()).key])]
    assert summary.analyzed == 1
    assert summary.damaged == ((str(path), "stored with damage: 1 invalid byte sequence or "
                                           "character replaced by U+FFFD"),)
    assert doc.text == expected.strip()


def _two_page_warc(gz: bool) -> bytes:
    other = (CORPUS / "nerel" / "dev" / "kuleshov.txt").read_text(encoding="utf-8")
    return warc_bytes([("https://news.example.ru/1", article_html(TEXT).encode(), {}),
                       ("https://news.example.ru/2", article_html(other).encode(), {})], gz=gz)


@pytest.mark.parametrize("gz", [False, True])
def test_a_warc_whose_last_record_is_cut_short_reports_it_and_stores_none_of_it(gz, tmp_path):
    data = _two_page_warc(gz)
    path = tmp_path / "crawl.warc"
    path.write_bytes(data[:-300])
    items = list(iter_items([path]))
    assert isinstance(items[0], Document) and items[0].url == "https://news.example.ru/1"
    assert len(items) == 2 and isinstance(items[1], IngestError)
    assert str(items[1]).startswith(f"{path} [https://news.example.ru/2]: record cut short: ")
    assert str(items[1]).endswith(" bytes are missing")


def test_a_warc_cut_inside_a_records_headers_reports_the_damaged_tail(tmp_path):
    data = _two_page_warc(False)
    second = data.index(b"WARC/1.", 10)
    path = tmp_path / "crawl.warc"
    path.write_bytes(data[:second + 120])
    items = list(iter_items([path]))
    assert isinstance(items[0], Document)
    assert [str(i) for i in items[1:]] == [
        f"{path}: damaged WARC: 120 bytes after the last whole record are not a record"]
