"""WARC archives (warcio, gzipped or not): one `Document` per HTML response."""
from __future__ import annotations

import dataclasses
from typing import BinaryIO, Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..document import Document
from ..errors import IngestError
from .html import read_html


def _is_html_response(record) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = record.http_headers.get_statuscode() or ""
    ctype = (record.http_headers.get_header("Content-Type") or "text/html").lower()
    return status.startswith("2") and "html" in ctype


def read_warc(stream: BinaryIO, source: str, *, max_bytes: int) -> Iterator[Document | IngestError]:
    """Yield the article of each 2xx HTML response record in the archive, or an
    `IngestError` naming the record's URL. Each payload is read to at most
    `max_bytes` (a gzip bomb stops there). A damaged archive ends with an
    `IngestError` after the records read before the damage."""
    try:
        for record in ArchiveIterator(stream):
            if not _is_html_response(record):
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or "?"
            where = f"{source} [{uri}]"
            payload = record.content_stream().read(max_bytes + 1)
            if len(payload) > max_bytes:
                yield IngestError(f"page is over the limit of {max_bytes} bytes", source=where)
                continue
            try:
                doc = read_html(payload, source=where, url=uri)
            except IngestError as e:
                yield e
                continue
            yield dataclasses.replace(doc, source=source)
    except (ArchiveLoadFailed, EOFError, OSError, ValueError) as e:
        yield IngestError(f"malformed WARC ({type(e).__name__}: {e})", source=source)

