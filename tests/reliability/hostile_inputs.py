"""Hostile inputs for the reliability tests, built from real corpus articles:
gzip bombs, deeply nested HTML, WARC records, feeds and JSON Lines."""
from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
SEED = CORPUS / "seed" / "000_ace31b1ed83a096e.txt"
NEREL_TRAIN = CORPUS / "nerel" / "train"
GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
MB = 1 << 20


def gzip_bomb(prefix: bytes, total: int, fill: bytes = b"\0") -> bytes:
    """A gzip member that unpacks to `prefix` and then `total` bytes of `fill`
    (e.g. 2 GB) while being about a thousandth of that. Made by repeating one
    fully flushed deflate block, so it costs milliseconds to build. Its CRC is
    only computed for bombs up to 64 MB (readers must stop long before the
    end of larger ones)."""
    block = fill * MB
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = c.compress(prefix) + c.flush(zlib.Z_FULL_FLUSH)
    repeated = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    n = total // MB
    crc = zlib.crc32(prefix)
    if total <= 64 * MB:
        for _ in range(n):
            crc = zlib.crc32(block, crc)
    size = (len(prefix) + n * MB) & 0xFFFFFFFF
    return GZIP_HEADER + head + repeated * n + c.flush() + struct.pack("<II", crc, size)


def article_html(text: str, title: str = "Новости") -> str:
    paragraphs = "".join(f"<p>{line}</p>" for line in text.splitlines() if line.strip())
    return (f"<!doctype html><html><head><meta charset=\"utf-8\"><title>{title}</title></head>"
            f"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>")


def nested_divs(depth: int, inner: str) -> str:
    return "<!doctype html><html><body>" + "<div>" * depth + inner + "</div>" * depth + "</body></html>"


def warc_bytes(records: list[tuple[str, bytes, dict[str, str]]], gz: bool = True) -> bytes:
    """A WARC of HTTP response records: (uri, body, extra HTTP headers)."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for uri, body, extra in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                              *extra.items()], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                      http_headers=headers))
    return out.getvalue()


def rss(items: list[tuple[str, str]]) -> bytes:
    """An RSS 2.0 feed of (title, description) items."""
    body = "".join(f"<item><title>{t}</title><guid>id-{i}</guid><description>{d}</description></item>"
                   for i, (t, d) in enumerate(items))
    return (f"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel>"
            f"<title>Лента</title>{body}</channel></rss>").encode()
