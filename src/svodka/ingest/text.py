"""Plain text in UTF-8, cp1251 or koi8-r, detected from the bytes, and the
checks every ingested article passes (`check_article`)."""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import EncodingError, IngestError

# Lower-case Russian letters. Read in the wrong single-byte code page, Russian
# text turns into upper-case letters (koi8-r <-> cp1251 swap the cases) or
# Latin-1 symbols, so the share of these tells the right reading.
_COMMON = set("оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё ")
# Default size limit of one article's source (bytes); `--max-bytes` changes it.
MAX_BYTES = 5_000_000
# An article needs at least this many letters, and at least this share of its
# letters Cyrillic, to be worth analyzing as Russian news.
MIN_LETTERS = 20
MIN_CYRILLIC_SHARE = 0.5
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
# Control characters other than tab, newline and carriage return: C0, DEL
# and C1 (U+0080-U+009F, never in Russian text; U+009B starts a terminal
# escape sequence).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Prose has sentences: a text of at least PROSE_MIN_LINES lines none of which
# holds PROSE_MIN_WORDS Russian words is a list of records (annotations,
# token tables), not an article. Short items (feed summaries) are exempt.
PROSE_MIN_LINES = 5
PROSE_MIN_WORDS = 8
_RUSSIAN_WORD = re.compile(r"[\u0400-\u04ff]+(?:-[\u0400-\u04ff]+)*")


# A JSON "\ud800" escape not paired with another gives a lone surrogate,
# which no encoder (hashing, the store, the models) accepts.
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def whole_characters(text: str) -> str:
    """`text` with each lone surrogate made U+FFFD, as invalid bytes are:
    one character for one, so offsets into it stay the same."""
    return _LONE_SURROGATE.sub("\ufffd", text)


# The share of lower-case Russian letters and spaces among all characters:
# about 0.9 in news text, under 0.2 in a wrong reading of it.
MIN_SCORE = 0.35


def _score(text: str) -> float:
    sample = text[:20000]
    return sum(c in _COMMON for c in sample) / len(sample) if sample else 0.0


# UTF-8 with a few invalid bytes (one bad byte, a file cut mid-character)
# still has far more valid multi-byte characters than invalid bytes; Russian
# cp1251 or koi8-r read as UTF-8 has almost none (their letters are lead
# bytes followed by lead bytes). At least this many valid non-ASCII
# characters per invalid byte makes damaged UTF-8, read with U+FFFD.
UTF8_GOOD_PER_BAD = 4


def damaged_utf8(data: bytes) -> str | None:
    """`data` read as UTF-8 with each invalid byte sequence made U+FFFD, if it
    is UTF-8 with some damage rather than another encoding; else None."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    good = len(text) - len(text.encode("ascii", errors="ignore")) - bad
    return text if good >= UTF8_GOOD_PER_BAD * max(bad, 1) else None


def replacements(text: str) -> int:
    """How many U+FFFD (replaced invalid bytes or characters) `text` holds."""
    return text.count("\ufffd")


def decode(data: bytes, source: str | None = None) -> str:
    """Decode article bytes: a BOM or valid UTF-8 first; UTF-8 with a few
    invalid bytes as UTF-8 with U+FFFD in their place (the ingest reports
    them); else the single-byte Cyrillic encoding whose reading looks most
    like Russian."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError("binary content (NUL bytes), not a text article", source=source)
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                raise EncodingError(f"invalid {enc} after its byte-order mark",
                                    source=source) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if (text := damaged_utf8(data)) is not None:
        return text
    best = max(("cp1251", "koi8-r"), key=lambda enc: _score(data.decode(enc, errors="replace")))
    text = data.decode(best, errors="replace")
    if _score(text) < MIN_SCORE:
        raise EncodingError("not UTF-8, cp1251 or koi8-r text", source=source)
    return text


def check_article(text: str, source: str | None = None) -> str:
    """Return `text` without NUL/control characters and outer white space, or
    raise `IngestError` if it is empty, binary-looking, tabular (most lines
    hold tab-separated fields), records rather than prose, or not Russian
    (too few letters, or mostly Latin letters)."""
    sample = text[:100_000]
    controls = len(_CONTROL.findall(sample))
    if controls > max(8, len(sample) // 100):
        raise IngestError(f"binary content ({controls} control characters), not a text article",
                          source=source)
    text = _CONTROL.sub("", text).strip()
    if not text:
        raise IngestError("empty article", source=source)
    lines = [line.strip() for line in sample.splitlines() if line.strip()]
    tabbed = sum("\t" in line for line in lines)
    if len(lines) >= 3 and tabbed * 2 >= len(lines):
        raise IngestError(f"tabular data ({tabbed} of {len(lines)} lines have tab-separated "
                          "fields), not an article", source=source)
    cyr = len(_CYRILLIC.findall(sample))
    lat = len(_LATIN.findall(sample))
    if cyr + lat < MIN_LETTERS:
        raise IngestError(f"too little text ({cyr + lat} letters) to be an article", source=source)
    if cyr < MIN_CYRILLIC_SHARE * (cyr + lat):
        raise IngestError(f"not Russian text ({lat} Latin letters, {cyr} Cyrillic)", source=source)
    if len(lines) >= PROSE_MIN_LINES and max(
            len(_RUSSIAN_WORD.findall(line)) for line in lines) < PROSE_MIN_WORDS:
        raise IngestError(f"no line of {PROSE_MIN_WORDS} or more Russian words in "
                          f"{len(lines)} lines: records, not an article", source=source)
    return text


def read_bytes(path: str | Path, max_bytes: int = MAX_BYTES) -> bytes:
    """Read a file of at most `max_bytes`; raise `IngestError` naming it."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(f"{size} bytes is over the limit of {max_bytes}", source=str(path))
        return path.read_bytes()
    except FileNotFoundError:
        raise IngestError("no such file", source=str(path)) from None
    except IsADirectoryError:
        raise IngestError("is a directory, not a file", source=str(path)) from None
    except PermissionError:
        raise IngestError("permission denied", source=str(path)) from None
    except OSError as e:
        raise IngestError(e.strerror or str(e), source=str(path)) from None


def read_text(path: str | Path, max_bytes: int = MAX_BYTES) -> str:
    """Read and decode one text file; raise `IngestError` naming it."""
    return decode(read_bytes(path, max_bytes), source=str(path))
