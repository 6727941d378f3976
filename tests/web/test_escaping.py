"""Every page shows markup from an article as text: an ingested article with
`<script>` and `<img onerror>` in its title, text and a quote (see
tests/api/store_fixture.py) never reaches the HTML as markup."""
from __future__ import annotations

import pytest

from store_fixture import HOSTILE_TEXT_MARKUP, HOSTILE_TITLE, HOSTILE_URL, hostile

RAW = ("<script>alert", "<img src=x", "onerror=alert(2)>", '="javascript:')
ESCAPED_TEXT = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"
ESCAPED_TITLE = "Встреча &lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;"


@pytest.fixture(scope="module")
def hostile_pages(web_client, web_store):
    doc = hostile()
    assert web_store.get(doc.key) == doc
    speaker = web_client.get("/api/quotes", params={"q": "здорово помогли"}).json()["items"]
    speaker_id = next(q["speaker_id"] for q in speaker if q["document"] == doc.key)
    return {
        "article": f"/documents/{doc.key}",
        "overview": "/",
        "search text": "/search?q=onerror",
        "search title": "/search?q=Встреча",
        "speaker": f"/speakers/{speaker_id}",
        "entity": f"/entities/{speaker_id}",
        "events": "/events?pair=BLR-KAZ",
        "quotes": "/quotes?q=здорово",
        "country": "/countries/BLR",
        "entities": "/entities?q=лукашенко",
        "dyad": "/dyads/BLR-KAZ",
    }


@pytest.mark.parametrize("name", ["article", "overview", "search text", "search title",
                                  "speaker", "entity", "entities", "dyad", "events", "quotes",
                                  "country"])
def test_no_page_renders_article_markup(web_client, hostile_pages, name):
    r = web_client.get(hostile_pages[name])
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    for raw in RAW:
        assert raw not in r.text, f"{name} page renders {raw!r} as markup"


def test_markup_is_shown_as_text_where_it_appears(web_client, hostile_pages):
    article = web_client.get(hostile_pages["article"]).text
    # twice in the text, once more in the side list of quotes
    assert article.count(ESCAPED_TEXT) == 3
    assert ESCAPED_TITLE in article
    assert 'href="javascript' not in article and HOSTILE_URL.replace("'", "&#39;") in article
    assert ESCAPED_TITLE in web_client.get(hostile_pages["overview"]).text
    speaker = web_client.get(hostile_pages["speaker"]).text
    assert ESCAPED_TEXT in speaker and ESCAPED_TITLE in speaker
    assert ESCAPED_TITLE in web_client.get(hostile_pages["events"]).text
    assert ESCAPED_TEXT in web_client.get(hostile_pages["quotes"]).text


def test_fixture_really_is_hostile():
    doc = hostile()
    assert doc.title == HOSTILE_TITLE and doc.text.count(HOSTILE_TEXT_MARKUP) == 2
    assert any(HOSTILE_TEXT_MARKUP in q.text for q in doc.quotes)
