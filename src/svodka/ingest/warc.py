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


def _records(archive: ArchiveIterator):
    """warcio's records; its warnings about damaged records (written straight
    to stderr) are dropped: the damage is reported as an `IngestError`."""
    records = iter(archive)
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


def _missing(record) -> int:
    """Bytes of `record` that its Content-Length promises and the archive
    does not hold (after its content has been read to the end)."""
    raw = record.raw_stream
    while raw.read(1 << 16):            # what a decoder left unread, if any
        pass
    return max(0, getattr(raw, "limit", 0) or 0)


def _unread_tail(stream: BinaryIO, end: int) -> int:
    """How many bytes follow `end`, the end of the last whole record, other
    than white space (some writers end an archive with blank lines)."""
    try:
        stream.seek(end)
        tail = stream.read(1 << 16)
    except (OSError, ValueError):
        return 0
    return len(tail.strip())


def read_warc(stream: BinaryIO, source: str, *, max_bytes: int) -> Iterator[Document | IngestError]:
    """Yield the article of each 2xx HTML response record in the archive, or an
    `IngestError` naming the record's URL. Each payload is read to at most
    `max_bytes` (a gzip bomb stops there). A record cut short (its
    Content-Length not reached) is reported and skipped, never stored in
    part; a damaged archive ends with an `IngestError` after the records read
    before the damage, and so does a tail that is not a whole record."""
    try:
        archive = ArchiveIterator(stream)
        for record in _records(archive):
            if not _is_html_response(record):
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or "?"
            where = f"{source} [{uri}]"
            payload = record.content_stream().read(max_bytes + 1)
            if len(payload) <= max_bytes and (missing := _missing(record)):
                yield IngestError(f"record cut short: {missing} of its "
                                  f"{record.length} bytes are missing", source=where)
                continue
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
        if tail := _unread_tail(stream, archive.offset):
            yield IngestError(f"damaged WARC: {tail} bytes after the last whole record "
                              "are not a record", source=source)
    except Exception as e:  # warcio raises many kinds on damaged archives
        # warcio quotes the damaged record's first line, which may be binary
        # with line breaks in it: folded onto one line and cut short.
        reason = " ".join(f"{type(e).__name__}: {e}".split())[:300]
        yield IngestError(f"malformed WARC ({reason})", source=source)
