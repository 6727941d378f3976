"""ingest/feeds.py: RSS and Atom items with the full text of local pages."""
from __future__ import annotations

import pytest

from ingest_pages import atom, html_page, nerel, rss, title_and_body
from svodka.document import Document, content_key
from svodka.errors import IngestError
from svodka.ingest.feeds import read_feed
from svodka.ingest.fetch import FetchPolicy
from svodka.ingest.sources import iter_items

ARTICLES = ["230892_text.txt", "597958_text.txt", "945932_text.txt"]
LOCAL_LINKS = FetchPolicy(allow_local_links=True)
# The test servers listen on 127.0.0.1, which is refused without this.
PRIVATE = FetchPolicy(allow_private_network=True)


def _site(tmp_path, builder):
    """Pages of three real articles under pages/ and a feed linking them
    (relative links); returns (feed path, texts)."""
    (tmp_path / "pages").mkdir()
    items, texts = [], []
    for n, name in enumerate(ARTICLES):
        text = nerel(name)
        texts.append(text)
        (tmp_path / "pages" / f"{n}.html").write_text(
            html_page(text, url=f"https://news.example.ru/{n}"), encoding="utf-8")
        items.append({"title": title_and_body(text)[0], "link": f"pages/{n}.html",
                      "summary": title_and_body(text)[1][0][:80]})
    feed = tmp_path / "news"            # no extension: recognised by content
    feed.write_text(builder(items), encoding="utf-8")
    return feed, texts


@pytest.mark.parametrize("builder", [rss, atom])
def test_feed_items_give_the_full_text_of_the_local_pages(builder, tmp_path):
    feed, texts = _site(tmp_path, builder)
    docs = list(iter_items([feed], policy=LOCAL_LINKS))
    assert all(isinstance(d, Document) for d in docs)
    assert [content_key(d.text) for d in docs] == [content_key(t) for t in texts]
    assert [d.url for d in docs] == [f"https://news.example.ru/{n}" for n in range(3)]
    assert docs[0].title == "Путин уволил двух генералов полиции по делу Голунова"
    assert docs[0].author == "Анна Смирнова"


def test_item_without_a_readable_page_falls_back_to_its_summary(tmp_path):
    text = nerel("945932_text.txt")
    title, paras = title_and_body(text)
    feed = rss([{"title": title, "link": "missing/page.html", "summary": "<p>" + paras[0] + "</p>",
                 "id": "urn:1"}])
    [doc] = read_feed(feed.encode(), str(tmp_path / "feed.xml"), max_bytes=1_000_000)
    assert doc.text == paras[0]
    assert doc.title == title
    assert doc.published == "2019-06-14T07:00:00Z"


def test_item_with_neither_page_nor_summary_is_refused_naming_it(tmp_path):
    feed = rss([{"title": "Пустая новость", "link": "missing.html"}])
    [err] = read_feed(feed.encode(), str(tmp_path / "feed.xml"), max_bytes=1_000_000)
    assert isinstance(err, IngestError)
    assert str(err) == (f"{tmp_path / 'feed.xml'}: item 1 (missing.html) has no readable "
                        "page and no summary")


@pytest.mark.parametrize("data, reason", [
    (b"<rss version='2.0'><channel><item><title>x</ti", "malformed feed"),
    (b"<rss version='2.0'><channel><<<<>>>></channel>", "malformed feed"),
])
def test_malformed_feeds_give_a_clear_error(data, reason, tmp_path):
    path = tmp_path / "feed.xml"
    path.write_bytes(data)
    err = list(iter_items([path]))[-1]
    assert isinstance(err, IngestError)
    assert str(err).startswith(f"{path}: {reason} (")


def test_a_feed_url_gives_the_pages_its_items_link_over_http():
    from ingest_feed_server import ARTICLES, FeedServer
    with FeedServer([("feed", '"v1"', "ab")]) as server:
        docs = list(iter_items([server.url()], policy=PRIVATE))
    assert [content_key(d.text) for d in docs] == [content_key(nerel(ARTICLES[n])) for n in "ab"]
    assert [d.url for d in docs] == [server.url(f"/pages/{n}.html") for n in "ab"]


def test_items_linking_an_unreachable_host_fall_back_to_their_summaries(tmp_path):
    text = nerel("945932_text.txt")
    title, paras = title_and_body(text)
    # Port 9 on 127.0.0.1 (discard) refuses the connection at once.
    items = [{"title": title, "link": f"http://127.0.0.1:9/{n}.html", "summary": paras[n]}
             for n in range(2)]
    docs = list(read_feed(rss(items).encode(), str(tmp_path / "feed.xml"), max_bytes=1_000_000,
                          policy=PRIVATE))
    assert [d.text for d in docs] == paras[:2]
    assert [d.url for d in docs] == ["http://127.0.0.1:9/0.html", "http://127.0.0.1:9/1.html"]
