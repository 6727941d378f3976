"""Dates of events: `12 марта`, `1 декабря 2012 года`, `в понедельник`,
`накануне`, `2019 года`, resolved against the article's publication date.

The words live in `resources/dates.tsv`. The most specific expression in a
clause wins: a full date, then a day and month, then a weekday or a relative
day (which need the publication date), then a month and year, then a year.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from ..resources import Resources


@dataclass(frozen=True)
class _Patterns:
    day_month: re.Pattern        # 12 марта [2019 года]
    month_year: re.Pattern       # марте 2019
    year: re.Pattern             # 2019 года
    relative: re.Pattern         # накануне, вчера
    weekday: re.Pattern          # в понедельник
    values: dict[str, int]       # form -> month number / day offset / weekday


def _alternation(forms) -> str:
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))


@functools.cache
def _patterns(res: Resources) -> _Patterns:
    forms: dict[str, list[str]] = {}
    values: dict[str, int] = {}
    for row in res.table("dates"):
        for form in row["forms"].split("|"):
            forms.setdefault(row["kind"], []).append(form)
            values[form] = int(row["value"])
    month, year = _alternation(forms["month"]), _alternation(forms["year"])
    return _Patterns(
        day_month=re.compile(rf"\b(\d{{1,2}})\s+({month})\b(?:\s+(\d{{4}})(?!\d))?", re.I),
        month_year=re.compile(rf"\b({month})\s+(\d{{4}})(?!\d)", re.I),
        year=re.compile(rf"(?<!\d)(\d{{4}})\s+(?:{year})(?!\w)", re.I),
        relative=re.compile(rf"(?<!\w)({_alternation(forms['day'])})(?!\w)", re.I),
        weekday=re.compile(rf"(?<!\w)во?\s+({_alternation(forms['weekday'])})(?!\w)", re.I),
        values=values,
    )


def parse_published(published: str | None) -> dt.date | None:
    """The date part of an ISO date or datetime string; None if unreadable."""
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def _day_month(m: re.Match, pats: _Patterns, base: dt.date | None) -> str | None:
    day, month = int(m.group(1)), pats.values[m.group(2).lower()]
    if m.group(3):
        year = int(m.group(3))
    elif base:
        # A date without a year in a news report is the latest one not after
        # publication: `28 декабря` in an article of 3 January is last year's.
        year = base.year - (1 if (month, day) > (base.month, base.day) else 0)
    else:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def resolve_date(text: str, published: str | None, res: Resources) -> str | None:
    """The date a clause `text` states, as ISO `YYYY-MM-DD` (or `YYYY-MM`,
    `YYYY` when only those are given); relative words need `published`.
    None when the clause states no date."""
    pats = _patterns(res)
    base = parse_published(published)
    for m in pats.day_month.finditer(text):
        if m.group(3) or base:
            found = _day_month(m, pats, base)
            if found:
                return found
    if base:
        m = pats.weekday.search(text)
        if m:
            back = (base.weekday() - pats.values[m.group(1).lower()]) % 7
            return (base - dt.timedelta(days=back)).isoformat()
        m = pats.relative.search(text)
        if m:
            return (base + dt.timedelta(days=pats.values[m.group(1).lower()])).isoformat()
    m = pats.month_year.search(text)
    if m:
        return f"{int(m.group(2)):04d}-{pats.values[m.group(1).lower()]:02d}"
    m = pats.year.search(text)
    if m:
        return m.group(1)
    return None
