"""ingest/html.py: main text and metadata of a page, boilerplate left out."""
from __future__ import annotations

import pytest

from ingest_pages import html_page, nerel
from svodka.document import content_key
from svodka.errors import IngestError
from svodka.ingest.html import read_html

URL = "https://news.example.ru/politics/2019/06/14/golunov"


def test_page_gives_article_text_and_metadata_without_boilerplate():
    text = nerel("230892_text.txt")
    doc = read_html(html_page(text, url=URL).encode("utf-8"), source="page.html")
    assert doc.title == "Путин уволил двух генералов полиции по делу Голунова"
    assert doc.url == URL
    assert doc.published == "2019-06-14"
    assert doc.author == "Анна Смирнова"
    assert doc.source == "page.html"
    assert content_key(doc.text) == content_key(text)
    for boilerplate in ("Политика", "Читайте также", "Все права защищены", "Поиск"):
        assert boilerplate not in doc.text


def test_cp1251_page_with_declared_charset():
    text = nerel("2045.txt")
    page = html_page(text, url=URL).replace('charset="utf-8"', 'charset="windows-1251"')
    page = page.replace('<meta charset="utf-8">', '<meta charset="windows-1251">')
    doc = read_html(page.encode("cp1251"), source="page.html")
    assert content_key(doc.text) == content_key(text)


@pytest.mark.parametrize("page", [
    b"",
    b"<html><head><title>x</title></head><body></body></html>",
    b"<<<>>> <div <p </",
    b"<div>" * 300_000,
])
def test_pages_without_article_text_give_a_clear_error(page):
    with pytest.raises(IngestError, match="^bad.html: no article text found in the HTML page$"):
        read_html(page, source="bad.html")
