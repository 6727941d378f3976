"""JSON Lines: one article per line, `{"text": ..., "source"?, "url"?,
"title"?, "published"?, "author"?}`."""
from __future__ import annotations

import json
import zlib
from typing import BinaryIO, Iterator

from ..document import Document
from ..errors import IngestError
from .text import whole_characters

META_KEYS = ("source", "url", "title", "published", "author")


def _lines(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) per line; None for a line over `max_bytes`, whose
    rest is skipped without holding it in memory."""
    n = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        n += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield n, None
            continue
        yield n, line


def parse_record(line: bytes, source: str, n: int) -> Document:
    """One JSON Lines record as an unanalyzed `Document`; raise `IngestError`
    naming `source:n` when it is not an object with a string `text`."""
    try:
        record = json.loads(line.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise IngestError("line is not UTF-8", source=source, line=n) from None
    except ValueError as e:
        raise IngestError(f"not JSON ({e})", source=source, line=n) from None
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise IngestError('expected an object with a string "text"', source=source, line=n)
    meta = {k: whole_characters(str(record[k])) for k in META_KEYS
            if record.get(k) is not None and not isinstance(record[k], (dict, list))}
    meta.setdefault("source", f"{source}:{n}")
    return Document(text=whole_characters(record["text"]), **meta)


def read_jsonl(stream: BinaryIO, source: str, *, max_bytes: int) -> Iterator[Document | IngestError]:
    """Yield a `Document` per record, or an `IngestError` naming `source:line`
    for a record that is malformed or over `max_bytes`; blank lines are skipped."""
    try:
        for n, line in _lines(stream, max_bytes):
            if line is None:
                yield IngestError(f"line is over the limit of {max_bytes} bytes",
                                  source=source, line=n)
            elif line.strip():
                try:
                    yield parse_record(line, source, n)
                except IngestError as e:
                    yield e
    except (OSError, EOFError, zlib.error) as e:    # a damaged gzip stream
        yield IngestError(f"unreadable after the last good line ({e})", source=source)
