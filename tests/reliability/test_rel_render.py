"""One article cannot freeze the server (issue 16, finding 4): the article
page's highlighting takes time linear in its marks (it was quadratic: a
400k-character article with 35,000 mentions took 53 s), and a page draws at
most `MAX_MARKS` of them, saying so."""
from __future__ import annotations

import html as html_module
import re

import pytest
from fastapi.testclient import TestClient

from huge_article import MENTIONS, huge_document, timed_in_child


def _best(fn, *args, limit: float) -> float | None:
    """The faster of two timed runs (a shared machine's noise), None if one
    ran past `limit`."""
    times = [timed_in_child(fn, *args, limit=limit) for _ in range(2)]
    return None if None in times else min(times)


def test_highlighting_time_grows_linearly_with_the_marks():
    from svodka.web.highlight import marks_of, render_marked
    small, large = huge_document(4_000), huge_document(40_000)
    marks_small, marks_large = marks_of(small), marks_of(large)
    t_small = _best(render_marked, small.text, marks_small, limit=60)
    assert t_small is not None
    # Ten times the marks: linear is about 10x (the text's escaping is the
    # same in both); quadratic was 100x. Past 40x the run is cut short.
    t_large = _best(render_marked, large.text, marks_large, limit=max(5.0, 40 * t_small))
    assert t_large is not None, f"40,000 marks took over 40x the time of 4,000 ({t_small:.2f} s)"
    assert t_large / t_small < 25, (t_small, t_large)


@pytest.fixture
def huge_store(tmp_path):
    """A store holding the 400k-character article with 35,000 mentions and
    one with 4,000; yields (store, the huge document, the small one)."""
    from svodka.store import Store
    huge, small = huge_document(), huge_document(4_000, marker="Малая. ")
    with Store(f"sqlite:///{tmp_path / 'huge.db'}") as store:
        store.save_many([huge, small])
        yield store, huge, small


def test_a_huge_article_page_draws_the_first_marks_and_says_so(huge_store):
    from svodka.app import create_app
    from svodka.web.highlight import MAX_MARKS
    store, huge_doc, small_doc = huge_store
    huge, small = huge_doc.key, small_doc.key
    client = TestClient(create_app(store))

    def page(key):
        r = client.get(f"/documents/{key}")
        assert r.status_code == 200
        return r.text

    html = page(huge)
    total = MENTIONS + 500      # the mentions and a quote per paragraph
    assert (f"showing the first {MAX_MARKS:,} of {total:,} marks".replace(",", "\u202f")
            in html)
    # Each drawn mark has exactly one first piece (class without "cont").
    body = html[html.index('<div class="text">'):html.index("</article>")]
    assert len(re.findall(r'<span class="[^"]*(?<! cont)" title=', body)) == MAX_MARKS
    # The whole text is there, highlighted or not.
    text = html_module.unescape(re.sub(r"<[^>]*>", "", body[len('<div class="text">'):]))
    assert text.rstrip().removesuffix("</div>").rstrip() == huge_doc.text.rstrip()
    assert "showing the first" not in page(small)
    t_small = _best(page, small, limit=60)
    assert t_small is not None
    t_huge = _best(page, huge, limit=max(10.0, 40 * t_small))
    assert t_huge is not None, f"the huge page took over 40x the small one's {t_small:.2f} s"
    assert t_huge / t_small < 25, (t_small, t_huge)
