"""web/highlight.py: items highlighted in place, overlaps split, all escaped."""
from __future__ import annotations

from html.parser import HTMLParser

import pytest

from svodka.document import Cue, Document, EntityRef, Quote
from svodka.web.highlight import Mark, highlight_terms, marks_of, render_document, render_marked

SENTENCE = 'Лукашенко сказал: "Мы готовы поставлять товары", - отметил он.'


class _Tree(HTMLParser):
    """Checks nesting and collects the text and the text under each id."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.text, self.by_id = [], [], {}

    def handle_starttag(self, tag, attrs):
        self.stack.append((tag, dict(attrs).get("id")))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1][0] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)
        for _, ident in self.stack:
            if ident:
                self.by_id[ident] = self.by_id.get(ident, "") + data


def parse(html: str) -> _Tree:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    assert not tree.stack
    return tree


@pytest.mark.parametrize("spans, expected", [
    # nested: the inner span stays inside the outer one
    ([(0, 47, "a"), (19, 21, "b")],
     '<span class="a" title="a" id="a">Лукашенко сказал: &#34;<span class="b" title="b" id="b">Мы</span>'
     ' готовы поставлять товары&#34;</span>, - отметил он.'),
    # crossing: b starts inside a and ends after it, so b is split in two
    ([(10, 20, "a"), (18, 28, "b")],
     'Лукашенко <span class="a" title="a" id="a">сказал: <span class="b" title="b" id="b">&#34;М</span></span>'
     '<span class="b cont" title="b">ы готовы</span> поставлять товары&#34;, - отметил он.'),
    # same span twice: both kept, ordered by layer
    ([(0, 9, "a"), (0, 9, "b")],
     '<span class="a" title="a" id="a"><span class="b" title="b" id="b">Лукашенко</span></span>'
     ' сказал: &#34;Мы готовы поставлять товары&#34;, - отметил он.'),
])
def test_render_marked_nests_or_splits(spans, expected):
    marks = [Mark(s, e, layer, css, css, css) for layer, (s, e, css) in enumerate(spans)]
    assert render_marked(SENTENCE, marks) == expected


def test_marks_out_of_range_or_empty_are_dropped():
    marks = [Mark(5, 5, 0, "x", "x"), Mark(-1, 3, 0, "x", "x"), Mark(60, 99, 0, "x", "x")]
    assert render_marked(SENTENCE, marks) == SENTENCE.replace('"', "&#34;")


def test_markup_in_text_and_titles_is_escaped():
    text = 'Он сказал: "<script>alert(1)</script><img src=x onerror=alert(2)>"'
    doc = Document(text=text, quotes=(Quote(text=text[12:-1], start=12, end=len(text) - 1,
                                            kind="direct", speaker=EntityRef("e1", "<b>Он</b>"),
                                            cue=Cue("сказал", 3, 9)),))
    html = str(render_document(doc))
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;" in html
    assert "".join(parse(html).text) == text


def test_seed_article_renders_whole_text_with_every_item(seed_doc):
    tree = parse(str(render_document(seed_doc)))
    assert "".join(tree.text) == seed_doc.text
    anchors = {m.anchor: seed_doc.text[m.start:m.end] for m in marks_of(seed_doc) if m.anchor}
    for anchor, text in anchors.items():
        # the first piece of each item holds the start of its text
        assert text.startswith(tree.by_id[anchor])
    names = [m for e in seed_doc.entities for m in e.mentions]
    assert len([a for a in anchors if a.startswith("e")]) >= len(names)


def test_search_terms_highlighted_case_and_yo_insensitive():
    html = highlight_terms("Лукашенко и ЛУКАШЕНКО прибыли; всё ещё", ["лукашенко", "все"])
    assert html == ('<mark class="hit" title="лукашенко">Лукашенко</mark> и '
                    '<mark class="hit" title="лукашенко">ЛУКАШЕНКО</mark> прибыли; '
                    '<mark class="hit" title="все">всё</mark> ещё')


def test_a_capped_render_draws_the_first_marks_and_the_whole_text(seed_doc):
    from svodka.web.highlight import render_capped
    marks = sorted(marks_of(seed_doc), key=lambda m: (m.start, -m.end, m.layer))
    out = render_capped(seed_doc, max_marks=5)
    assert (out.drawn, out.total, out.capped) == (5, len(marks), True)
    tree = parse(str(out.html))
    assert "".join(tree.text) == seed_doc.text
    assert sorted(tree.by_id) == sorted(m.anchor for m in marks[:5] if m.anchor)
    whole = render_capped(seed_doc)
    assert (whole.drawn, whole.capped, whole.html) == (len(marks), False, render_document(seed_doc))
