"""Coverage-guided fuzzing of every ingest reader (atheris).

    .venv/bin/python fuzz/fuzz_readers.py -max_total_time=600 [CORPUS_DIR ...]

The last bytes of an input choose a reader (the content dispatcher
`read_content`, a file through `iter_items`, `decode` + `check_article`,
`read_html`, `read_feed`, `read_warc`, `read_jsonl`) and what is done to the
body first: kept raw, or read as text, sprinkled with NUL/RTL/zero-width
marks or Arabic and Latin words, wrapped as HTML, RSS, Atom, JSON Lines or
WARC, encoded as UTF-8, UTF-16, cp1251, koi8-r or a mix, and gzipped.

Contract checked: each item is a `Document` (text and metadata strings of
valid Unicode) or a one-line `IngestError` (`ItemRefused` included); an item
that passed `checked_items` is non-empty, stripped, free of control
characters and within the size limit. Any other exception is a crash.
"""
from __future__ import annotations

import io
import json
import re
from pathlib import Path

import atheris

from common import (MARKS, article_texts, atom, control, gzipped, instrumented_svodka, main,
                    one_line, rss, sprinkle)
from hostile_inputs import article_html, warc_bytes

with instrumented_svodka():
    from svodka.document import Document
    from svodka.errors import IngestError
    from svodka.ingest.feeds import read_feed
    from svodka.ingest.html import read_html
    from svodka.ingest.jsonl import read_jsonl
    from svodka.ingest.sources import checked_items, iter_items, read_content
    from svodka.ingest.text import check_article, decode
    from svodka.ingest.warc import read_warc

LIMIT = 1 << 20     # the per-item size limit the readers run with (bytes)
READERS = ("content", "file", "text", "html", "feed", "warc", "jsonl")
ENCODINGS = ("raw", "utf-8", "utf-16", "cp1251", "koi8-r", "mixed")
WRAPPERS = ("none", "html", "rss", "atom", "jsonl", "warc")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def encode(text: str, encoding: str) -> bytes:
    if encoding == "mixed":     # a file glued from a UTF-8 and a cp1251 half
        half = len(text) // 2
        return text[:half].encode("utf-8") + text[half:].encode("cp1251", errors="replace")
    return text.encode(encoding, errors="replace")


def wrap(text: str, wrapper: str) -> str:
    if wrapper in ("html", "warc"):
        return article_html(text)
    if wrapper == "rss":
        return rss("Новости", text)
    if wrapper == "atom":
        return atom("Новости", text)
    if wrapper == "jsonl":
        return json.dumps({"text": text, "title": "Новости"}, ensure_ascii=False) + "\n"
    return text


def build(fdp: atheris.FuzzedDataProvider) -> tuple[str, bytes]:
    """The reader to call and the bytes to give it, as the input's last bytes choose."""
    reader = READERS[fdp.ConsumeIntInRange(0, len(READERS) - 1)]
    encoding = ENCODINGS[fdp.ConsumeIntInRange(0, len(ENCODINGS) - 1)]
    wrapper = WRAPPERS[fdp.ConsumeIntInRange(0, len(WRAPPERS) - 1)]
    gz = fdp.ConsumeIntInRange(0, 1)
    mark = fdp.ConsumeIntInRange(0, len(MARKS) - 1)
    stride = fdp.ConsumeIntInRange(0, 255)
    data = fdp.ConsumeBytes(fdp.remaining_bytes())
    if encoding != "raw":
        text = sprinkle(data.decode("utf-8", errors="replace"), mark, stride)
        data = encode(wrap(text, wrapper), encoding)
        if wrapper == "warc":
            data = warc_bytes([("https://example.org/news/1", data, {})], gz=False)
    return reader, gzipped(data) if gz else data


def check_item(item, checked: bool = False) -> None:
    """A `Document` (after `checked_items`: a clean article within the limit)
    or a one-line `IngestError`; anything else fails."""
    if isinstance(item, IngestError):
        assert one_line(item), repr(str(item))
        return
    assert isinstance(item, Document), repr(item)
    for value in (item.text, item.source, item.title, item.url, item.published, item.author):
        assert value is None or isinstance(value, str), repr(value)
        if value:   # valid Unicode, or the store and `Document.key` cannot encode it
            value.encode("utf-8")
    if checked:
        assert item.text and item.text == item.text.strip(), repr(item.text[:80])
        assert not _CONTROL.search(item.text), repr(item.text[:80])
        assert len(item.text.encode("utf-8", errors="replace")) <= LIMIT


def make_test(work: Path):
    # A feed read from `work` may link the local page next to it.
    (work / "page.html").write_text(article_html(article_texts()[0]), encoding="utf-8")
    item_path = work / "item"
    feed_source = str(work / "feed.xml")

    def test_one_input(data: bytes) -> None:
        reader, data = build(atheris.FuzzedDataProvider(data))
        if reader == "content":
            for item in checked_items(read_content(data, "fuzz", max_bytes=LIMIT,
                                                   fetch_pages=False), LIMIT):
                check_item(item, checked=True)
        elif reader == "file":
            item_path.write_bytes(data)
            for item in iter_items([item_path], max_bytes=LIMIT, fetch_pages=False):
                check_item(item, checked=True)
        elif reader == "warc":      # these two report every problem as an item
            for item in read_warc(io.BytesIO(data), "fuzz.warc", max_bytes=LIMIT):
                check_item(item)
        elif reader == "jsonl":
            for item in read_jsonl(io.BytesIO(data), "fuzz.jsonl", max_bytes=LIMIT):
                check_item(item)
        else:
            try:
                if reader == "text":
                    text = check_article(decode(data, "fuzz.txt"), "fuzz.txt")
                    assert text and not _CONTROL.search(text)
                elif reader == "html":
                    check_item(read_html(data, source="fuzz.html"))
                else:
                    for item in read_feed(data, feed_source, max_bytes=LIMIT, fetch_pages=False):
                        check_item(item)
            except IngestError as e:
                check_item(e)

    return test_one_input


def seeds():
    """Real articles as the readers meet them (plain, cp1251, koi8-r, UTF-16,
    HTML, RSS, Atom, JSON Lines, WARC, gzipped) and with each reader's control
    suffix, so mutation starts from every reader's happy path."""
    texts = article_texts()
    first = texts[0]
    page = article_html(first).encode()
    raw = {
        "article.txt": first.encode(), "article.cp1251.txt": first.encode("cp1251"),
        "article.koi8r.txt": first.encode("koi8-r"), "article.utf16.txt": first.encode("utf-16"),
        "page.html": page, "page.html.gz": gzipped(page),
        "feed.rss": rss("Новости", first.replace("\n", " ")).encode(),
        "feed.atom.gz": gzipped(atom("Новости", first.replace("\n", " ")).encode()),
        "records.jsonl": "".join(json.dumps({"text": t, "source": f"a{i}"}, ensure_ascii=False)
                                 + "\n" for i, t in enumerate(texts)).encode(),
        "crawl.warc.gz": warc_bytes([(f"https://example.org/{i}", article_html(t).encode(), {})
                                     for i, t in enumerate(texts[:2])]),
        "crawl.warc": warc_bytes([("https://example.org/0", page, {})], gz=False),
    }
    raw["records.jsonl.gz"] = gzipped(raw["records.jsonl"])
    # \uXXXX escapes: one changed digit makes a lone surrogate
    raw["records.ascii.jsonl"] = json.dumps({"text": texts[1], "title": "Новости"}).encode()
    for name, data in raw.items():
        for reader in ("content", "file"):
            yield f"raw-{reader}-{name}", data + control(READERS.index(reader), 0, 0, 0, 0, 0)
    pairs = {"text": ("none",), "html": ("html",), "feed": ("rss", "atom"), "warc": ("warc",),
             "jsonl": ("jsonl",), "content": WRAPPERS, "file": ("none", "jsonl")}
    for reader, wrappers in pairs.items():
        for wrapper in wrappers:
            for enc in ("utf-8", "cp1251", "mixed"):
                yield (f"{reader}-{wrapper}-{enc}", first.encode()
                       + control(READERS.index(reader), ENCODINGS.index(enc),
                                 WRAPPERS.index(wrapper), 0, 0, 0))
    # hostile marks over a short article, gzipped
    short = texts[1].encode()
    for mark in range(1, len(MARKS)):
        yield (f"content-marks-{mark}", short
               + control(0, ENCODINGS.index("utf-8"), WRAPPERS.index("none"), mark % 2, mark, 17))


if __name__ == "__main__":
    main(make_test, "readers", seeds)
