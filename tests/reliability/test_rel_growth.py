"""No pathological growth (issue 16, findings 1 and 6): every reader and the
pipeline get a Russian sentence followed by a run of one ASCII punctuation
character, or of mixed markup, at 10k, 100k and 1M characters; their time
and peak memory grow at most linearly (ratios within one run).

Before: `<[^>]+>` on a feed summary of 400k `<` took 50 s (quadratic);
the NER tagger read a 1M-character article of `<` as one sequence (9.5 GB);
razdel spent 45 s on a 1M run of one character."""
from __future__ import annotations

import html
import io
import json
import string

import pytest

from growth import RUSSIAN, growth, superlinear
from svodka.ingest.feeds import read_feed
from svodka.ingest.html import read_html
from svodka.ingest.jsonl import read_jsonl
from svodka.ingest.text import check_article, decode

SIZES = (10_000, 100_000, 1_000_000)
MARKUP = '<p class="x">Минск</p>&amp;<br/><a href=\'#\'>[/b]</a><!-- -->'
FILLS = [*string.punctuation, MARKUP]
LIMIT = 50_000_000


def _text(fill: str, size: int) -> str:
    return RUSSIAN + (fill * (size // len(fill) + 1))[:size]


def _as_text(text: str):
    return check_article(decode(text.encode("utf-8")), "x.txt")


def _as_feed(text: str):
    item = (f"<item><title>t</title><guid>1</guid><description>{html.escape(text)}"
            "</description></item>")
    data = f"<rss version='2.0'><channel><title>t</title>{item}</channel></rss>".encode()
    return list(read_feed(data, "feed.xml", max_bytes=LIMIT, fetch_pages=False))


def _as_html(text: str):
    return read_html(f"<html><body><article><p>{text}</p></article></body></html>".encode(),
                     source="page.html")


def _as_jsonl(text: str):
    line = json.dumps({"text": text}, ensure_ascii=False).encode() + b"\n"
    return list(read_jsonl(io.BytesIO(line), "x.jsonl", max_bytes=LIMIT))


READERS = {"text": _as_text, "feed": _as_feed, "html": _as_html, "jsonl": _as_jsonl}


# trafilatura and feedparser take a few seconds a megabyte: every run at
# 10k and 100k, the 1M step for the runs that are markup to them.
CASES = [("text", FILLS, SIZES), ("jsonl", FILLS, SIZES),
         ("feed", FILLS, SIZES[:2]), ("html", FILLS, SIZES[:2]),
         ("feed", ["<"], SIZES[1:]), ("html", ["<", MARKUP], SIZES[1:])]


@pytest.mark.parametrize("reader, fills, sizes", CASES,
                         ids=[f"{r}-{len(f)}-{s[-1]}" for r, f, s in CASES])
def test_readers_grow_linearly_on_punctuation_runs_and_markup(reader, fills, sizes):
    bad = {}
    for fill in fills:
        rows = growth(lambda n: _text(fill, n), READERS[reader], sizes)
        if problems := superlinear(rows):
            bad[fill[:12]] = problems
    assert not bad, bad


def test_feed_summaries_are_stripped_of_tags_in_linear_time():
    # The regular expression `<[^>]+>` tried every `<` to the end of the text.
    from svodka.ingest.feeds import _plain
    rows = growth(lambda n: "Минск " + "<" * n, _plain, SIZES)
    assert not superlinear(rows), rows
    assert _plain("<p>Минск</p><br/>и <b>Астана</b> <<< a > b") == "Минск\nи Астана b"


# The pipeline costs about 25 µs a character on this input: the runs of
# characters of each kind, at 10k and 100k; the 1M step for the two runs
# of the findings (`<`, and the full stop that razdel's sentences split on).
PIPELINE_FILLS = ['<', '.', '"', "'", '-', '_', '$', '%', '[', '(', '!', '*', '\\']


@pytest.mark.parametrize("fill, sizes", [(f, SIZES[:2]) for f in PIPELINE_FILLS]
                         + [("<", SIZES), (".", SIZES)])
def test_the_pipeline_grows_linearly_on_punctuation_runs(fill, sizes, models):
    import svodka
    rows = growth(lambda n: _text(fill, n), svodka.analyze, sizes)
    assert not superlinear(rows), rows


def test_a_megabyte_of_one_character_is_analyzed_with_the_sentence_before_it(models):
    import svodka
    doc = svodka.analyze(_text("<", 1_000_000))
    assert {e.name for e in doc.entities} >= {"Александр Лукашенко", "Минск"}
    assert max(t.end for s in doc.sentences for t in s.tokens) <= len(RUSSIAN)
