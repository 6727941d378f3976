"""Sources -> items: walk files, folders and URLs, recognise each by its
content (`detect`) and yield unanalyzed `Document`s, or an `IngestError`
(a one-line `source: reason`) for each item that cannot be used."""
from __future__ import annotations

import dataclasses
import gzip
import io
import os
import zlib
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from ..document import Document
from ..errors import IngestError
from ..limits import bounded_gunzip
from .detect import GZIP_MAGIC, HEAD_BYTES, Kind, detect
from .feeds import read_feed
from .fields import checked_fields
from .fetch import FetchPolicy, fetch
from .html import read_html
from .jsonl import read_jsonl
from .text import MAX_BYTES, check_article, decode, read_bytes
from .textmeta import text_published, text_title
from .warc import read_warc

Item = Document | IngestError
# A feed is read whole and then item by item, `--max-bytes` applying to each
# item: the feed itself may be this large (a 17 MB feed of 20,000 items).
FEED_MAX_BYTES = 64_000_000


def feed_limit(max_bytes: int) -> int:
    """The size limit of a whole feed when each item may be `max_bytes`."""
    return max(max_bytes, FEED_MAX_BYTES)


def is_url(source: str) -> bool:
    """True when `source` names an http(s) URL rather than a path."""
    return source.startswith(("http://", "https://"))


def iter_items(sources: Iterable[str | Path], *, max_bytes: int = MAX_BYTES,
               fetch_pages: bool = True, policy: FetchPolicy = FetchPolicy(),
               published: str | None = None) -> Iterator[Item]:
    """Every item of every source in order: folders are walked (sorted,
    hidden entries skipped), URLs fetched under `policy`. Each `Document`
    has passed `check_article` and is at most `max_bytes` of UTF-8 text;
    one whose source gives no date takes `published` (`ingest --published`)."""
    opts = {"max_bytes": max_bytes, "fetch_pages": fetch_pages, "policy": policy}
    for source in sources:
        source = str(source)
        if is_url(source):
            items = _read_url(source, **opts)
        elif source == "-":
            items = _read_stdin(**opts)
        elif os.path.isdir(source):
            items = (item for path in walk(source) for item in read_file(path, **opts))
        else:
            items = read_file(source, **opts)
        if published:
            items = (dataclasses.replace(i, published=published)
                     if isinstance(i, Document) and not i.published else i for i in items)
        yield from checked_items(items, max_bytes)


def _read_stdin(*, max_bytes: int, fetch_pages: bool, policy: FetchPolicy) -> Iterator[Item]:
    """The items of standard input (`-`), read whole up to the size of a
    feed (any kind: text, HTML, a feed, JSONL, WARC); more is refused."""
    import sys
    limit = feed_limit(max_bytes)
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        yield IngestError(f"standard input is over {limit} bytes; save it to a file and "
                          "ingest the file", source="-")
        return
    yield from read_content(data, "-", max_bytes=max_bytes, fetch_pages=fetch_pages,
                            policy=policy)


def walk(folder: str | Path) -> Iterator[Path]:
    """The files under `folder`, sorted, skipping hidden files and folders."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def checked_items(items: Iterable[Item], max_bytes: int) -> Iterator[Item]:
    """`items` with each `Document` passed through `check_article`, the size
    limit and `fields.checked_fields` (no control characters in any field,
    `published` an ISO date), or replaced by the `IngestError` saying why it
    fails them."""
    for item in items:
        if isinstance(item, Document):
            try:
                item = checked_document(item, max_bytes)
            except IngestError as e:
                item = e
        yield item


def checked_document(doc: Document, max_bytes: int = MAX_BYTES) -> Document:
    """`doc` as it may be stored (see `checked_items`); raise `IngestError`."""
    text = check_article(doc.text, doc.source)
    size = len(text.encode("utf-8", errors="replace"))
    if size > max_bytes:
        raise IngestError(f"article of {size} bytes is over the limit of {max_bytes}",
                          source=doc.source)
    doc = dataclasses.replace(doc, text=text) if text != doc.text else doc
    return checked_fields(doc)


def read_file(path: str | Path, *, max_bytes: int = MAX_BYTES, fetch_pages: bool = True,
              policy: FetchPolicy = FetchPolicy()) -> Iterator[Item]:
    """The items of one file of any kind; an unreadable file yields one
    `IngestError` naming it."""
    source = str(path)
    try:
        with open(path, "rb") as f:
            kind = detect(f.read(HEAD_BYTES), source)
            f.seek(0)
            if kind is Kind.WARC:
                yield from read_warc(f, source, max_bytes=max_bytes)
                return
            if kind is Kind.JSONL:
                yield from read_jsonl(_maybe_gunzip(f, source), source, max_bytes=max_bytes)
                return
        data = _read_whole(path, feed_limit(max_bytes) if kind is Kind.FEED else max_bytes)
    except IngestError as e:
        yield e
        return
    except (OSError, EOFError) as e:
        yield IngestError(getattr(e, "strerror", None) or str(e), source=source)
        return
    yield from read_content(data, source, kind, max_bytes=max_bytes, fetch_pages=fetch_pages,
                            policy=policy)


def read_content(data: bytes, source: str, kind: Kind | None = None, *,
                 max_bytes: int = MAX_BYTES, fetch_pages: bool = True,
                 url: str | None = None, policy: FetchPolicy = FetchPolicy()) -> Iterator[Item]:
    """The items of a source already in memory (a file or an HTTP body)."""
    kind = kind or detect(data[:HEAD_BYTES], source)
    try:
        if kind is Kind.WARC:
            yield from read_warc(io.BytesIO(data), source, max_bytes=max_bytes)
        elif kind is Kind.JSONL:
            yield from read_jsonl(_maybe_gunzip(io.BytesIO(data), source), source,
                                  max_bytes=max_bytes)
        elif kind is Kind.FEED:
            yield from read_feed(_gunzip(data, source, feed_limit(max_bytes)), source,
                                 max_bytes=max_bytes, fetch_pages=fetch_pages, policy=policy)
        elif kind is Kind.HTML:
            yield read_html(_gunzip(data, source, max_bytes), source=source, url=url)
        else:
            text = decode(_gunzip(data, source, max_bytes), source=source)
            yield Document(text=text, source=source, url=url, title=text_title(text),
                           published=text_published(text, source))
    except IngestError as e:
        yield e


def _read_url(url: str, *, max_bytes: int, fetch_pages: bool,
              policy: FetchPolicy) -> Iterator[Item]:
    try:
        # Fetched up to a feed's limit; anything else is held to `max_bytes`.
        r = fetch(url, max_bytes=feed_limit(max_bytes), deadline=policy.deadline,
                  allow_private=policy.allow_private_network)
        if len(r.content) > max_bytes and detect(r.content[:HEAD_BYTES], url) is not Kind.FEED:
            raise IngestError(f"response is over the limit of {max_bytes} bytes", source=url)
    except IngestError as e:
        yield e
        return
    yield from read_content(r.content, url, max_bytes=max_bytes,
                            fetch_pages=fetch_pages, url=r.url, policy=policy)


def _read_whole(path: str | Path, max_bytes: int) -> bytes:
    data = read_bytes(path, max_bytes)
    return _gunzip(data, str(path), max_bytes)


def _gunzip(data: bytes, source: str, max_bytes: int) -> bytes:
    """`data` itself, or its gzip content if it is gzip (at most `max_bytes`)."""
    if not data.startswith(GZIP_MAGIC):
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as g:
            out = g.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as e:
        raise IngestError(f"broken gzip data ({e})", source=source) from None
    if len(out) > max_bytes:
        raise IngestError(f"unpacks to over the limit of {max_bytes} bytes", source=source)
    return out


def _maybe_gunzip(stream: BinaryIO, source: str) -> BinaryIO:
    """`stream`, or its gzip content, read with a stop on decompression bombs."""
    head = stream.read(2)
    stream.seek(0)
    return bounded_gunzip(stream, source) if head == GZIP_MAGIC else stream
