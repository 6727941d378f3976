"""Title and date of a plain-text article, which carries no metadata: the
title is its first line when that line reads as a headline; the date comes
from the file name (`2024-03-12-minsk.txt`, `20240312.txt`) or from a
dateline near the top (`05/08/2008`, `12.03.2024`, `2013-01-10`, `5 августа
2008 года`).
Each is None when the text does not say it."""
from __future__ import annotations

import datetime as dt
import functools
import re

from ..resources import load_resources

# A headline: one line, not too long, not ending as a sentence of a body does.
TITLE_MAX_CHARS = 200
# How far into the text a dateline may stand.
DATELINE_CHARS = 400

_FILE_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)")
_ISO = re.compile(r"(?<!\d)((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?!\d)")
_NUMERIC = re.compile(r"(?<!\d)(0?[1-9]|[12]\d|3[01])[./](0?[1-9]|1[0-2])[./]((?:19|20)\d\d)(?!\d)")
_WORDS = re.compile(r"(?<!\d)(0?[1-9]|[12]\d|3[01])\s+([а-яё]+)\s+((?:19|20)\d\d)(?!\d)", re.IGNORECASE)


def text_title(text: str) -> str | None:
    """The first non-empty line when it reads as a headline (short, no final
    full stop), else None."""
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    if not line or len(line) > TITLE_MAX_CHARS or line.endswith((".", ":", ";", ",")):
        return None
    return line


def text_published(text: str, source: str | None = None) -> str | None:
    """The ISO date the file name or a dateline at the top of `text` gives,
    else None. (A date without a year is not enough.)"""
    if source:
        name = re.split(r"[\\/]", source)[-1]
        if m := _FILE_DATE.search(name):
            return _iso(int(m[1]), int(m[2]), int(m[3]))
    head = text[:DATELINE_CHARS]
    found = []
    if m := _ISO.search(head):
        found.append((m.start(), _iso(int(m[1]), int(m[2]), int(m[3]))))
    if m := _NUMERIC.search(head):
        found.append((m.start(), _iso(int(m[3]), int(m[2]), int(m[1]))))
    for m in _WORDS.finditer(head):
        month = _months().get(m[2].lower())
        if month:
            found.append((m.start(), _iso(int(m[3]), month, int(m[1]))))
            break
    found = [f for f in found if f[1]]
    return min(found)[1] if found else None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


@functools.cache
def _months() -> dict[str, int]:
    """Month names in every form (dates.tsv) -> month number."""
    return {form: int(r["value"]) for r in load_resources().table("dates")
            if r["kind"] == "month" for form in r["forms"].split("|")}
