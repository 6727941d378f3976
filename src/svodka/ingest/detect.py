"""Recognise what a source holds from its first bytes, not its file name.

`detect(head)` returns one of the `Kind` values. The file name is only a
tie-breaker for text that could be read two ways (a one-line JSON object).
"""
from __future__ import annotations

import json
import re
import zlib
from enum import Enum

GZIP_MAGIC = b"\x1f\x8b"
# How much of a source `detect` looks at (bytes, after gunzipping).
HEAD_BYTES = 65536


class Kind(str, Enum):
    """The formats `detect` tells apart, each read by its own reader in `sources.py`."""
    TEXT = "text"
    HTML = "html"
    FEED = "feed"
    WARC = "warc"
    JSONL = "jsonl"


_FEED = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.I)
_HTML = re.compile(rb"<(!doctype\s+html|html|head|body|article|div|p|meta|title)[\s>/]", re.I)
_BOMS = (b"\xef\xbb\xbf",)


def gunzip_head(data: bytes, limit: int = HEAD_BYTES) -> bytes:
    """The first `limit` bytes of gzip data, decompressing no more than that
    (a gzip bomb costs nothing here); b"" if it is not valid gzip."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, limit)
    except zlib.error:
        return b""


def _is_json_object(line: bytes) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def detect(head: bytes, name: str = "") -> Kind:
    """The kind of a source whose first bytes are `head` (gzip is looked into:
    a gzipped WARC is a WARC, a gzipped feed a feed)."""
    if head.startswith(GZIP_MAGIC):
        inner = gunzip_head(head)
        return detect(inner, name.removesuffix(".gz")) if inner else Kind.TEXT
    for bom in _BOMS:
        head = head.removeprefix(bom)
    start = head.lstrip()[:HEAD_BYTES]
    if start.startswith(b"WARC/"):
        return Kind.WARC
    if start.startswith(b"{"):
        first = start.split(b"\n", 1)[0]
        if _is_json_object(first) or name.endswith((".jsonl", ".ndjson", ".json")):
            return Kind.JSONL
    if start.startswith(b"<"):
        probe = start[:4096]
        if _FEED.search(probe) and not re.search(rb"<html[\s>]", probe, re.I):
            return Kind.FEED
        if _HTML.search(probe):
            return Kind.HTML
    return Kind.TEXT
