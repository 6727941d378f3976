"""Query parameters shared by the list endpoints: paging and a date range.

Every bound is declared, so bad input is a 422 before any query runs."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query

MAX_LIMIT = 100
MAX_OFFSET = 1_000_000

# Free text from users: bounded and without NUL, which no store accepts.
Text = Annotated[str | None, Query(max_length=200, pattern=r"^[^\x00]*$")]
# An ISO 3166-1 alpha-3 country code.
COUNTRY_PATTERN = r"^[A-Za-z]{3}$"
Country = Annotated[str | None, Query(pattern=COUNTRY_PATTERN)]


@dataclass(frozen=True)
class Paging:
    limit: int
    offset: int


@dataclass(frozen=True)
class Dates:
    """`since`/`until` as ISO date strings for the store (inclusive bounds
    on the document's `published` date)."""
    since: str | None
    until: str | None


def _paging(limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
            offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> Paging:
    return Paging(limit, offset)


def _dates(since: Annotated[dt.date | None, Query(description="ISO date, inclusive")] = None,
           until: Annotated[dt.date | None, Query(description="ISO date, inclusive")] = None) -> Dates:
    return Dates(since.isoformat() if since else None, until.isoformat() if until else None)


PagingQ = Annotated[Paging, Depends(_paging)]
DatesQ = Annotated[Dates, Depends(_dates)]
