"""HTTP query parameters shared by the JSON API (`api/`) and the web pages
(`web/`): paging, a date range, free text, country codes, event types.

Every bound is declared, so bad input is a 422 before any query runs, and a
422 for a value out of a closed set names the valid ones. Blank fields (a
form's empty date input sends `since=`) mean "not given". `strict_query`
makes a router refuse query parameters its routes do not declare.
"""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query, Request
from fastapi.exceptions import RequestValidationError

from .resources import RESOURCE_DIR, read_tsv

MAX_LIMIT = 100
MAX_OFFSET = 1_000_000

# Free text from users: bounded and without NUL, which no store accepts.
Text = Annotated[str | None, Query(max_length=200, pattern=r"^[^\x00]*$")]
# An ISO 3166-1 alpha-3 country code (blank: any).
COUNTRY_PATTERN = r"^([A-Za-z]{3})?$"
Country = Annotated[str | None, Query(pattern=COUNTRY_PATTERN,
                                      description="ISO 3166-1 alpha-3 code: BLR, KAZ")]
PAIR_PATTERN = r"^[A-Za-z]{3}-[A-Za-z]{3}$"
MAX_ID = 2 ** 62        # ids are 64-bit integers in every store


@functools.cache
def plover() -> dict[str, dict[str, str]]:
    """PLOVER type -> its row of resources/plover_types.tsv (quad, modes)."""
    return {r["type"]: dict(r) for r in read_tsv(RESOURCE_DIR / "plover_types.tsv")}


def quads() -> tuple[str, ...]:
    """The PLOVER quad classes of plover.tsv, in their order there."""
    return tuple(dict.fromkeys(r["quad"] for r in plover().values()))


def modes() -> tuple[str, ...]:
    """Every event mode plover.tsv allows for some type, sorted."""
    return tuple(sorted({m for r in plover().values() for m in r["modes"].split("|") if m}))


def _one_of(name: str, value: str | None, valid, *, upper: bool = False) -> str | None:
    """`value` (blank -> None) if it is one of `valid`, else a 422 naming them."""
    if value is None or not value.strip():
        return None
    v = value.strip().upper() if upper else value.strip()
    if v not in valid:
        raise RequestValidationError([{
            "type": "enum", "loc": ("query", name), "input": value,
            "msg": f"{value!r} is not a valid {name}; valid: {', '.join(valid)}"}])
    return v


def _closed(values, description: str):
    """A query parameter of a closed set, the set given in the schema (a
    blank value, which a form sends, is "any")."""
    return Query(max_length=32, description=description,
                 json_schema_extra={"enum": ["", *values]})


async def _type(type: Annotated[str | None, _closed(
        plover(), "PLOVER type (case-insensitive)")] = None):
    return _one_of("type", type, tuple(plover()), upper=True)


async def _quad(quad: Annotated[str | None, _closed(quads(), "PLOVER quad")] = None):
    return _one_of("quad", quad, quads())


async def _mode(mode: Annotated[str | None, _closed(modes(), "PLOVER mode")] = None):
    return _one_of("mode", mode, modes())


async def _kind(type: Annotated[str | None, _closed(
        ("PER", "ORG", "LOC"), "entity type (case-insensitive)")] = None):
    return _one_of("type", type, ("PER", "ORG", "LOC"), upper=True)


PloverTypeQ = Annotated[str | None, Depends(_type)]
QuadQ = Annotated[str | None, Depends(_quad)]
ModeQ = Annotated[str | None, Depends(_mode)]
KindQ = Annotated[str | None, Depends(_kind)]


@dataclass(frozen=True)
class Paging:
    """`limit` and `offset` of a list page, validated by `PagingQ`."""
    limit: int
    offset: int


@dataclass(frozen=True)
class Dates:
    """`since`/`until` as ISO date strings for the store (inclusive bounds)."""
    since: str | None
    until: str | None


# The dependencies are coroutines: they do no I/O, and a plain function
# would be run in the thread pool, queueing behind the store work of other
# requests (see `create_app`'s `threads`).
async def _paging(limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
                  offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> Paging:
    return Paging(limit, offset)


# Only YYYY-MM-DD (or blank): a bare number must not pass as a Unix time.
IsoDate = Annotated[str | None, Query(pattern=r"^([0-9]{4}-[0-9]{2}-[0-9]{2})?$",
                                      json_schema_extra={"format": "date"},
                                      description="ISO date (YYYY-MM-DD), inclusive; blank: open")]
LAST_DAYS = (7, 30, 365)


def _iso(name: str, value: str | None) -> str | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise RequestValidationError([{"type": "date_from_datetime_parsing", "loc": ("query", name),
                                       "msg": f"{value!r} is not a calendar date",
                                       "input": value}]) from None


async def _dates(since: IsoDate = None, until: IsoDate = None,
                 last: Annotated[str | None, Query(
                     pattern=r"^(7|30|365)?$",
                     description="the last 7, 30 or 365 days (overrides since)")] = None) -> Dates:
    start = _iso("since", since)
    if last:
        start = (dt.date.today() - dt.timedelta(days=int(last))).isoformat()
    return Dates(start, _iso("until", until))


PagingQ = Annotated[Paging, Depends(_paging)]
DatesQ = Annotated[Dates, Depends(_dates)]


EntityText = Annotated[str | None, Query(max_length=300, description="an entity's `key`, `id` "
                                         "or part of its name")]
Pair = Annotated[str | None, Query(pattern=r"^([A-Za-z]{3}-[A-Za-z]{3})?$",
                                   description="two alpha-3 codes, either direction: BLR-KAZ")]
Domestic = Annotated[str | None, Query(pattern="^(|yes|no|true|false)$",
                                       description="yes: both sides of one country; no: of two")]


async def _event_filters(dates: DatesQ, source: Country = None, target: Country = None,
                         country: Country = None, pair: Pair = None, domestic: Domestic = None,
                         type: PloverTypeQ = None, quad: QuadQ = None, mode: ModeQ = None,
                         actor: EntityText = None, place: Text = None) -> dict:
    """The events filters as `Store.events` takes them, blank ones left out;
    `actor` is still the text given (the caller resolves it to an id)."""
    return {"source": source or None, "target": target or None, "country": country or None,
            "pair": pair or None,
            "domestic": {"yes": True, "true": True, "no": False, "false": False}.get(domestic or ""),
            "type": type, "quad": quad, "mode": mode, "actor": actor or None,
            "place": place or None, "since": dates.since, "until": dates.until}


EventFiltersQ = Annotated[dict, Depends(_event_filters)]


def entity_id_of(text: str) -> int | None:
    """The merged entity id written in `text`, or None if it cannot be one."""
    return int(text) if text.isascii() and text.isdigit() and 0 < int(text) <= MAX_ID else None


def _query_names(dependant) -> set[str]:
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def _declared(route) -> frozenset[str]:
    """The query parameter names `route` takes, kept on the route."""
    names = getattr(route, "_svodka_query_names", None)
    if names is None:
        names = frozenset(_query_names(route.dependant))
        route._svodka_query_names = names
    return names


async def strict_query(request: Request) -> None:
    """A router dependency: 422 for a query parameter the route does not
    declare (`country=KAZ` on /api/events would otherwise be ignored and
    every event returned), naming the ones it takes."""
    route = request.scope.get("route")
    if route is None or not hasattr(route, "dependant"):
        return
    known = _declared(route)
    unknown = [k for k in request.query_params if k not in known]
    if unknown:
        raise RequestValidationError([{
            "type": "extra_forbidden", "loc": ("query", name), "input": request.query_params[name],
            "msg": f"unknown parameter {name!r}; valid: {', '.join(sorted(known)) or 'none'}"}
            for name in unknown])
