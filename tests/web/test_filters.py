"""Template helpers in web/__init__.py."""
from __future__ import annotations

from decimal import Decimal

import pytest

from svodka.store import Hit
from svodka.document import Document
from svodka.store.queries import headline
from svodka.web import country_name, label, number, plural, safe_url, slug
from store_fixture import SEED


@pytest.mark.parametrize("url, expected", [
    ("https://www.belta.by/president/view/1.html", "https://www.belta.by/president/view/1.html"),
    (" http://ria.ru/x ", "http://ria.ru/x"),
    ("javascript:alert(1)", None),
    ("JavaScript:alert(1)", None),
    ("data:text/html,<script>alert(1)</script>", None),
    ("//evil.example/x", None),
    (None, None),
])
def test_only_http_urls_become_links(url, expected):
    assert safe_url(url) == expected


@pytest.mark.parametrize("value, expected", [
    (Decimal("1000000000"), "1\u202f000\u202f000\u202f000"),
    (Decimal("50"), "50"),
    (Decimal("2.5"), "2.5"),
    (1200, "1\u202f200"),
])
def test_numbers_grouped_by_thousands(value, expected):
    assert number(value) == expected


@pytest.mark.parametrize("quad, expected", [
    ("verbal cooperation", "verbal_cooperation"),
    ("MATERIAL_CONFLICT", "material_conflict"),
    (None, ""),
])
def test_slug(quad, expected):
    assert slug(quad) == expected


def test_label_prefers_title_then_first_line_then_key():
    assert label(Hit("document", "1cfcb20b977531e17d5aeb7a60853da4fc029784", "Минск", None,
                     None, "", ())) == "Минск"
    assert label(Hit("document", "1cfcb20b977531e17d5aeb7a60853da4fc029784", None, None,
                     None, "", ())) == "1cfcb20b9775"
    seed = SEED.read_text(encoding="utf-8")
    doc = Document(text=seed, source="/work/shared/corpus/seed/000_ace31b1ed83a096e.txt")
    first = seed.strip().splitlines()[0]
    assert label(doc) == headline(seed)
    assert first.startswith(label(doc).rstrip("…")) and "/" not in label(doc)


@pytest.mark.parametrize("n, word, expected", [(1, "quote", "1 quote"), (2, "quote", "2 quotes"),
                                               (0, "event", "0 events")])
def test_plural(n, word, expected):
    assert plural(n, word) == expected


def test_country_names_in_russian():
    assert country_name("KAZ") == "Казахстан"
    assert country_name("blr") == "Беларусь"
    assert country_name(None) == ""


def test_headline_of_a_lead_paragraph_is_its_first_sentence():
    seed = SEED.read_text(encoding="utf-8")
    assert headline(seed) == ("Беларусь готова активнее торговать с Казахстаном и создавать "
                              "совместные производства")
    assert headline("Минск\nтекст") == "Минск"
    long = "слово " * 40
    assert headline(long).endswith("…") and len(headline(long)) <= 121
