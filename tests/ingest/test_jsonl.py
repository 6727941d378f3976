"""ingest/jsonl.py: JSON Lines with text and metadata; bad lines named."""
from __future__ import annotations

import json

from ingest_pages import nerel
from svodka.document import Document
from svodka.errors import IngestError
from svodka.ingest.sources import iter_items


def test_records_with_metadata_and_bad_lines_named_by_number(tmp_path):
    text = nerel("213197_text.txt")
    lines = [
        json.dumps({"text": text, "url": "https://ru.wikinews.org/wiki/213197",
                    "title": "Твиттеру грозит штраф в 5000 рублей", "published": "2019-04-05",
                    "author": "Викиновости", "source": "wikinews", "extra": 1}, ensure_ascii=False),
        "",
        "{not json",
        json.dumps({"title": "без текста"}, ensure_ascii=False),
        json.dumps({"text": nerel("2045.txt")}, ensure_ascii=False),
    ]
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(iter_items([path]))
    assert [type(i) for i in items] == [Document, IngestError, IngestError, Document]
    first = items[0]
    assert (first.text, first.url, first.title, first.published, first.author, first.source) == (
        text.strip(), "https://ru.wikinews.org/wiki/213197", "Твиттеру грозит штраф в 5000 рублей",
        "2019-04-05", "Викиновости", "wikinews")
    assert str(items[1]).startswith(f"{path}:3: not JSON (")
    assert str(items[2]) == f'{path}:4: expected an object with a string "text"'
    assert items[3].source == f"{path}:5"


def test_an_oversize_line_is_skipped_and_the_next_read(tmp_path):
    path = tmp_path / "dump.jsonl"
    big = json.dumps({"text": "а" * 5000}, ensure_ascii=False)
    path.write_text(big + "\n" + json.dumps({"text": nerel("2045.txt")}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    err, doc = iter_items([path], max_bytes=4000)
    assert str(err) == f"{path}:1: line is over the limit of 4000 bytes"
    assert doc.source == f"{path}:2"
