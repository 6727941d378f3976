"""The real server (`svodka serve`) driven by Chromium through Playwright:
search for a speaker, read an article with its quotes highlighted, see the
country-pair chart drawn, and see hostile markup as text with no alert.
Screenshots go to artifacts/screenshots/."""
from __future__ import annotations

from urllib.parse import quote as urlquote

from pathlib import Path

from store_fixture import HOSTILE_TEXT_MARKUP, HOSTILE_TITLE, analyzed, hostile

SPEAKER = "Александр Лукашенко"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


def shot(page, name):
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_search_for_a_speaker_and_open_their_page(page, server):
    page.goto(server + "/")
    page.fill("header input[name=q]", "Лукашенко")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=*")
    people = page.locator("section.people a", has_text=SPEAKER)
    assert people.count() >= 1
    hits = page.locator("ol.results > li")
    assert hits.count() > 0
    assert page.locator("ol.results mark.hit").first.inner_text() == "Лукашенко"
    shot(page, "search-speaker")
    people.first.click()
    page.wait_for_url("**/speakers/*")
    assert page.locator("h1").inner_text() == SPEAKER
    seed_quotes = [q for q in analyzed()[0].quotes if q.speaker and "Лукашенко" in q.speaker.name]
    shown = page.locator("blockquote.quote-text").all_inner_texts()
    for q in seed_quotes:
        assert q.text.strip() in [s.strip() for s in shown]
    shot(page, "speaker")
    assert page.dialogs == []


def test_article_shows_quotes_highlighted_in_place(page, server):
    seed = analyzed()[0]
    page.goto(f"{server}/documents/{seed.key}")
    assert page.locator(".text").inner_text().strip() == seed.text.strip()
    for i, q in enumerate(seed.quotes, 1):
        mark = page.locator(f".text #q{i}")
        assert mark.is_visible()
        colour = mark.evaluate("el => getComputedStyle(el).backgroundColor")
        assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
        whole = page.locator(f".text .quote[title='{mark.get_attribute('title')}']").all_inner_texts()
        assert q.text.startswith(whole[0])
    # one colour per speaker: quotes of one speaker share it, others differ
    speakers = {}
    for i, q in enumerate(seed.quotes, 1):
        if q.speaker:
            css = page.locator(f".text #q{i}").evaluate("el => getComputedStyle(el).backgroundColor")
            speakers.setdefault(q.speaker.name, set()).add(css)
    assert all(len(c) == 1 for c in speakers.values())
    assert len({next(iter(c)) for c in speakers.values()}) == len(speakers)
    assert page.locator("aside .items li").count() >= len(seed.quotes) + len(seed.entities)
    shot(page, "article")


def test_country_pair_chart_is_drawn(page, server):
    page.goto(server + "/dyads/BLR-KAZ")
    page.wait_for_selector("#chart svg.chart")
    months = page.locator("#chart text.month").all_text_contents()
    assert months and all(len(m) == 7 and m[4] == "-" for m in months)
    assert page.locator("#chart rect").count() >= 1
    assert page.locator("h1").inner_text() == "BLR – KAZ"
    shot(page, "dyad-BLR-KAZ")
    assert page.dialogs == []


def test_hostile_article_shows_markup_as_text_everywhere(page, server):
    doc = hostile()
    for name, path in (("hostile-article", f"/documents/{doc.key}"),
                       ("hostile-search", "/search?q=" + urlquote("onerror")),
                       ("hostile-overview", "/")):
        page.goto(server + path)
        page.wait_for_load_state("load")
        body = page.locator("main").inner_text()
        assert HOSTILE_TEXT_MARKUP in body or HOSTILE_TITLE in body
        assert page.locator("main script, main img").count() == 0
        shot(page, name)
    assert page.dialogs == []
