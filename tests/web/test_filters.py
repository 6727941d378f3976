"""Template helpers in web/__init__.py."""
from __future__ import annotations

from decimal import Decimal

import pytest

from svodka.store import Hit
from svodka.web import label, number, safe_url, slug


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


def test_label_prefers_title_then_file_name_then_key():
    hit = Hit("document", "1cfcb20b977531e17d5aeb7a60853da4fc029784", None, None,
              "/work/shared/corpus/seed/000_ace31b1ed83a096e.txt", None, "", ())
    assert label(hit) == "000_ace31b1ed83a096e.txt"
    assert label(Hit("document", "1cfcb20b977531e17d5aeb7a60853da4fc029784", "Минск", None,
                     None, None, "", ())) == "Минск"
    assert label(Hit("document", "1cfcb20b977531e17d5aeb7a60853da4fc029784", None, None,
                     None, None, "", ())) == "1cfcb20b9775"
