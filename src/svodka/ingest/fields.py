"""The checks every ingested item's fields pass, wherever it comes from (a
reader, `POST /api/documents`): no control characters in any stored field,
and `published` a real ISO 8601 date (or datetime), else the item is refused.

Control characters are C0 (U+0000-U+001F), DEL and C1 (U+0080-U+009F): in a
terminal they move the cursor, clear the screen, set the window title or
start an escape sequence (C1 U+009B is CSI). An article's text keeps its
line breaks and tabs; a one-line field (title, author, ...) keeps none.
"""
from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime

from ..document import Document
from ..errors import IngestError

# Every C0 control but tab and newline, DEL and every C1 control.
TEXT_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Every control character, line breaks included (one-line fields).
LINE_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]+")
META_FIELDS = ("source", "title", "url", "published", "author")
MIN_YEAR = 1800
MAX_DATE_CHARS = 64
_ISO = re.compile(r"\d{4}-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?"
                  r"(Z|[+-]\d{2}(:?\d{2})?)?)?)?")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


def clean_text(text: str) -> str:
    """An article's text without control characters; CR LF and lone CR
    become LF (line breaks and tabs are kept)."""
    return TEXT_CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def clean_line(value: str) -> str:
    """A one-line field with each run of control characters (line breaks
    included) and white space made one space, outer white space removed."""
    return " ".join(LINE_CONTROLS.sub(" ", value).split())


def iso_published(value: str, source: str | None = None) -> str | None:
    """`value` as an ISO 8601 date or datetime: ISO as given, RFC 2822
    (`Tue, 12 Mar 2024 10:00:00 +0300`) and `12.03.2024` converted; None when
    empty. Raise `IngestError` for anything else, or a year before
    `MIN_YEAR` or after next year (a date that would sort first forever)."""
    value = value.strip()
    if not value:
        return None
    try:
        # No date is longer; a long value is not parsed at all.
        when = _parse(value) if len(value) <= MAX_DATE_CHARS else None
    except (ValueError, TypeError, IndexError, OverflowError):
        when = None
    if when is None:
        raise IngestError(f"published {value[:60]!r} is not a date (expected ISO 8601, "
                          "e.g. 2024-03-12)", source=source)
    day, text = when
    if not MIN_YEAR <= day.year <= date.today().year + 1:
        raise IngestError(f"published {value[:60]!r} is out of range "
                          f"({MIN_YEAR} to next year)", source=source)
    return text


def _parse(value: str) -> tuple[date, str] | None:
    """(the date, the ISO text) of `value`, or None if it is no date."""
    if _ISO.fullmatch(value):
        if len(value) == 7:                                  # 2024-03
            return date.fromisoformat(value + "-01"), value
        when = datetime.fromisoformat(value.replace(" ", "T", 1))
        return when.date(), value.replace(" ", "T", 1)
    if m := _DOTTED.fullmatch(value):
        day = date(int(m[3]), int(m[2]), int(m[1]))
        return day, day.isoformat()
    if "," in value or value[:1].isalpha() or value.count(" ") >= 3:
        when = parsedate_to_datetime(value)
        if when.tzinfo is not None:
            when = when.astimezone(timezone.utc)
            return when.date(), when.strftime("%Y-%m-%dT%H:%M:%SZ")
        return when.date(), when.isoformat()
    return None


def checked_fields(doc: Document) -> Document:
    """`doc` with control characters gone from its text and every metadata
    field, and `published` an ISO date; raise `IngestError` naming its source
    when `published` is not a date. (The text's article checks are
    `text.check_article`.)"""
    changes = {}
    text = clean_text(doc.text)
    if text != doc.text:
        changes["text"] = text
    for name in META_FIELDS:
        value = getattr(doc, name)
        if value is None:
            continue
        new = clean_line(str(value)) or None
        if name == "published" and new is not None:
            new = iso_published(new, source=doc.source)
        if new != value:
            changes[name] = new
    return dataclasses.replace(doc, **changes) if changes else doc
