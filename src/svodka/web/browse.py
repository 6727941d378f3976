"""The analyst's lists: the events browser (filters, facet counts, sortable
columns), the quote explorer, and the countries with their pairs. Each list
links every row to its place in the article (`#evN`, `#qN` anchors) and
offers the same view as CSV or JSON from the API (`format=`)."""
from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Query, Request

from ..params import (Country, DatesQ, EntityText, EventFiltersQ, PagingQ, Text, modes, plover,
                      quads)
from ..store.queries import EVENT_SORTS
from . import country_names, maps
from .pages import _export_args, _not_found, _page, find_entity, page

router = APIRouter(include_in_schema=False)
Sort = Annotated[str, Query(pattern="^(" + "|".join(EVENT_SORTS) + ")$")]


def _with_actor(store, filters: dict) -> tuple[dict, str | None]:
    """`filters` with the actor resolved to an entity id, and its name."""
    if not filters["actor"]:
        return filters, None
    actor_id = find_entity(store, filters["actor"])
    name = store.entity(actor_id).entity.name if actor_id else None
    return {**filters, "actor": actor_id}, name


@page("/events")
def events(request: Request, paging: PagingQ, filters: EventFiltersQ, sort: Sort = "newest"):
    """The events browser: a page of events matching the filters, with facets
    of type, quad, mode and country and links to the map and the export."""
    store = request.app.state.store
    filters, actor_name = _with_actor(store, filters)
    rows = store.events(sort=sort, limit=paging.limit, offset=paging.offset, **filters)
    facets = store.event_facets(**filters)
    return _page(request, "events.html", page=rows, facets=facets, f=request.query_params,
                 types=tuple(plover()), quads=quads(), modes=modes(), sort=sort,
                 sorts=EVENT_SORTS, actor_name=actor_name,
                 map_link="/map?" + _export_args(request),
                 export="/api/events?" + _export_args(request))


@page("/map")
def event_map(request: Request, filters: EventFiltersQ):
    """The events matching the filters on an SVG map, per place; events whose
    place has no coordinates are listed apart."""
    store = request.app.state.store
    filters, actor_name = _with_actor(store, filters)
    rows = store.event_places(**filters)
    args = {k: v for k, v in request.query_params.items() if v and k not in ("place", "offset")}
    svg, unplaced = maps.event_map(rows, args)
    return _page(request, "map.html", svg=svg, rows=rows, unplaced=unplaced,
                 actor_name=actor_name, events_link="/events?" + urlencode(args))


@page("/quotes")
def quotes(request: Request, paging: PagingQ, dates: DatesQ, speaker: Text = None,
           q: Text = None, country: Country = None, role: Text = None,
           about: EntityText = None, about_country: Country = None,
           speaker_key: EntityText = None):
    """The quote explorer: a page of quotes filtered by speaker, words, dates,
    country, role and the entity or country they are about."""
    store = request.app.state.store
    about_id = find_entity(store, about) if about else None
    speaker_id = find_entity(store, speaker_key) if speaker_key else None
    rows = store.quotes(speaker=speaker or None, q=q or None, country=country or None,
                        role=role or None, about=about_id, about_country=about_country or None,
                        speaker_id=speaker_id, since=dates.since, until=dates.until,
                        limit=paging.limit, offset=paging.offset)
    about_name = store.entity(about_id).entity.name if about_id else None
    return _page(request, "quotes.html", page=rows, f=request.query_params, dates=dates,
                 about_name=about_name, export="/api/quotes?" + _export_args(request))


@page("/countries")
def countries(request: Request):
    """Countries ranked by the events they take part in (either side)."""
    store = request.app.state.store
    per: dict[str, int] = {}
    for a, b, n in store.busiest_pairs(top=0):
        per[a] = per.get(a, 0) + n
        if b != a:
            per[b] = per.get(b, 0) + n
    ranked = sorted(per.items(), key=lambda kv: (-kv[1], kv[0]))
    return _page(request, "countries.html", countries=ranked)


@page("/countries/{code}")
def country(request: Request, code: Annotated[str, Path(pattern=r"^[A-Za-z]{3}$")]):
    """One country: its busiest partners by events and its most-named people;
    404 for a code neither known nor in the store."""
    store = request.app.state.store
    code = code.upper()
    pairs = [(a, b, n) for a, b, n in store.busiest_pairs(top=0) if code in (a, b)]
    if not pairs and code not in country_names():
        return _not_found(request, "country")
    people = store.entities(country=code, type="PER", limit=10).items
    return _page(request, "country.html", code=code, pairs=pairs, people=people,
                 events_link="/events?" + urlencode({"country": code}))
