"""Feeds are read item by item (issue 16, finding 9): `--max-bytes` limits
each item, not the feed, so a feed of thousands of items larger than the
limit is read, and only its over-size items are refused."""
from __future__ import annotations

import html

from hostile_inputs import SEED
from svodka.document import Document
from svodka.errors import IngestError
from svodka.ingest.sources import iter_items

MB = 1 << 20


def test_a_feed_larger_than_the_item_limit_is_read_item_by_item(tmp_path):
    words = SEED.read_text(encoding="utf-8").split()
    summary = " ".join(words[:300])                     # about 2.5 KB
    big = " ".join(words) * (2 * MB // len(" ".join(words)) + 1)   # over 2 MB
    items = [f"<item><title>{n}</title><guid>{n}</guid><description>"
             f"{html.escape(big if n == 7 else f'{n}. {summary}')}</description></item>"
             for n in range(1500)]
    path = tmp_path / "feed.xml"
    path.write_text("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
                    f"<title>t</title>{''.join(items)}</channel></rss>", encoding="utf-8")
    assert path.stat().st_size > 5 * MB
    out = list(iter_items([path], max_bytes=MB, fetch_pages=False))
    assert len(out) == 1500
    assert isinstance(out[7], IngestError) and "over the limit of 1048576" in out[7].message
    docs = [d for n, d in enumerate(out) if n != 7]
    assert all(isinstance(d, Document) for d in docs)
    assert [d.text.split(".", 1)[0] for d in docs] == [str(n) for n in range(1500) if n != 7]
