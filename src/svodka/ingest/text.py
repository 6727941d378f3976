"""Plain text files in UTF-8, cp1251 or koi8-r, detected from the bytes."""
from __future__ import annotations

from pathlib import Path

from ..errors import EncodingError, IngestError

# Cyrillic letters that are common in Russian; a wrong single-byte decoding
# turns them into rare letters or Latin-1 symbols.
_COMMON = set("оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё ОЕАИНТСРВЛКМДПУЯЫЬГЗБЧЙХЖШЮЦЩЭФЪЁ")
MAX_BYTES = 20_000_000


def _score(text: str) -> float:
    letters = [c for c in text[:20000] if c.isalpha() or c == " "]
    if not letters:
        return 0.0
    return sum(c in _COMMON for c in letters) / len(letters)


def decode(data: bytes, source: str | None = None) -> str:
    """Decode article bytes: a BOM or valid UTF-8 first, else the single-byte
    Cyrillic encoding whose reading looks most like Russian."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError("binary content (NUL bytes), not a text article", source=source)
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(enc)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = max(("cp1251", "koi8-r"), key=lambda enc: _score(data.decode(enc, errors="replace")))
    text = data.decode(best, errors="replace")
    if _score(text) < 0.5:
        raise EncodingError("not UTF-8, cp1251 or koi8-r text", source=source)
    return text


def read_text(path: str | Path, max_bytes: int = MAX_BYTES) -> str:
    """Read and decode one text file; raise `IngestError` naming it."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(f"{size} bytes is over the limit of {max_bytes}", source=str(path))
        data = path.read_bytes()
    except FileNotFoundError:
        raise IngestError("no such file", source=str(path)) from None
    except IsADirectoryError:
        raise IngestError("is a directory, not a file", source=str(path)) from None
    except PermissionError:
        raise IngestError("permission denied", source=str(path)) from None
    except OSError as e:
        raise IngestError(e.strerror or str(e), source=str(path)) from None
    return decode(data, source=str(path))
