"""Query parameters shared by the list endpoints: paging and a date range.

Every bound is declared, so bad input is a 422 before any query runs."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query
from fastapi.exceptions import RequestValidationError

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


# The dependencies are coroutines: they do no I/O, and a plain function
# would be run in the thread pool, queueing behind the store work of other
# requests (see `create_app`'s `threads`).
async def _paging(limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
            offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> Paging:
    return Paging(limit, offset)


# Only YYYY-MM-DD: a bare number must not pass as a Unix time.
IsoDate = Annotated[str | None, Query(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                                      json_schema_extra={"format": "date"},
                                      description="ISO date (YYYY-MM-DD), inclusive")]


def _iso(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise RequestValidationError([{"type": "date_from_datetime_parsing", "loc": ("query", name),
                                       "msg": f"{value!r} is not a calendar date",
                                       "input": value}]) from None


async def _dates(since: IsoDate = None, until: IsoDate = None) -> Dates:
    return Dates(_iso("since", since), _iso("until", until))


PagingQ = Annotated[Paging, Depends(_paging)]
DatesQ = Annotated[Dates, Depends(_dates)]
