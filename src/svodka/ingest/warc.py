"""WARC archives (warcio, gzipped or not): one `Document` per HTML response."""
from __future__ import annotations

import contextlib
import dataclasses
import io
from typing import BinaryIO, Iterator

from warcio.archiveiterator import ArchiveIterator

from ..document import Document
from ..errors import IngestError
from .html import read_html

# An over-size record is read on to its end (warcio must reach the next
# record) only up to this many times the item limit; past that it is a
# decompression bomb and the rest of the archive is left unread.
DRAIN_TIMES = 20


def _is_html_response(record) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = record.http_headers.get_statuscode() or ""
    ctype = (record.http_headers.get_header("Content-Type") or "text/html").lower()
    return status.startswith("2") and "html" in ctype


def _records(stream: BinaryIO):
    """warcio's records; its warnings about damaged records (written straight
    to stderr) are dropped: the damage is reported as an `IngestError`."""
    records = iter(ArchiveIterator(stream))
    while True:
        with contextlib.redirect_stderr(io.StringIO()):
            record = next(records, None)
        if record is None:
            return
        yield record


def _drain(stream, limit: int) -> bool:
    """Read `stream` to its end; False if it holds more than `limit` bytes."""
    total = 0
    while chunk := stream.read(1 << 20):
        total += len(chunk)
        if total > limit:
            return False
    return True


def read_warc(stream: BinaryIO, source: str, *, max_bytes: int) -> Iterator[Document | IngestError]:
    """Yield the article of each 2xx HTML response record in the archive, or an
    `IngestError` naming the record's URL. Each payload is read to at most
    `max_bytes` (a gzip bomb stops there). A damaged archive ends with an
    `IngestError` after the records read before the damage."""
    try:
        for record in _records(stream):
            if not _is_html_response(record):
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or "?"
            where = f"{source} [{uri}]"
            payload = record.content_stream().read(max_bytes + 1)
            if len(payload) > max_bytes:
                yield IngestError(f"page is over the limit of {max_bytes} bytes", source=where)
                if not _drain(record.content_stream(), DRAIN_TIMES * max_bytes):
                    yield IngestError(f"a record unpacks to over {DRAIN_TIMES * max_bytes} bytes; "
                                      "the rest of the archive is not read", source=source)
                    return
                continue
            try:
                doc = read_html(payload, source=where, url=uri)
            except IngestError as e:
                yield e
                continue
            yield dataclasses.replace(doc, source=source)
    except Exception as e:  # warcio raises many kinds on damaged archives
        # warcio quotes the damaged record's first line, which may be binary
        # with line breaks in it: folded onto one line and cut short.
        reason = " ".join(f"{type(e).__name__}: {e}".split())[:300]
        yield IngestError(f"malformed WARC ({reason})", source=source)
