"""Read endpoints over the store: search, quotes, events, entities, dyads.

Each route only validates its parameters, calls one `Store` method and
returns the store's rows as JSON (`json_of`), or with `format=csv|json`
every matching row as a download (`export.py`); the response models, those
rows' dataclasses, document the answers. Unknown query parameters are a 422
(`params.strict_query`, set where the router is mounted).
"""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Request

from ..params import (PAIR_PATTERN, Country, DatesQ, EntityText, EventFiltersQ, KindQ, PagingQ,
                      Text, entity_id_of)
from ..store.queries import EVENT_SORTS, EntityDetail, EntityRow, EventRow, Hit, QuoteRow
from ..store.summary import Dyad
from .export import CSV_RESPONSE, EXPORT_ROWS, Format, download
from .schemas import Problem, json_of, model_of, page_of

router = APIRouter(prefix="/api", tags=["read"])


def _store(request: Request):
    return request.app.state.store


def resolve_entity(store, text: str | None, by_name: bool = True) -> int | None:
    """The merged entity id named by `text`: a stable key (`EntityRow.key`),
    a numeric id or (`by_name`) part of a name, the entity in the most
    articles; 0 (matching nothing) when there is none such."""
    if not text:
        return None
    found = entity_id_of(text) or store.entity_id(text)
    if not found and by_name:
        rows = store.entities(q=text, limit=1).items
        found = rows[0].id if rows else 0
    return found or 0


def _answer(page_of_rows, fmt, name):
    return json_of(page_of_rows) if fmt is None else download(page_of_rows, fmt, name)


def _limit(paging, fmt) -> dict:
    return {"limit": paging.limit if fmt is None else EXPORT_ROWS, "offset": paging.offset}


@router.get("/documents", response_model=page_of(Hit), responses=CSV_RESPONSE)
def list_documents(request: Request, paging: PagingQ, dates: DatesQ, q: Text = None,
                   format: Format = None):
    """Articles: with `q`, those containing all its words, best first, each
    with a snippet and the offsets of the matched words in it; without `q`,
    the newest. A hit's `document` is the id for /api/documents/{id}."""
    page = _store(request).documents(q=q or None, since=dates.since, until=dates.until,
                                     **_limit(paging, format))
    return _answer(page, format, "documents")


@router.get("/search", response_model=page_of(Hit), responses=CSV_RESPONSE)
def search(request: Request, paging: PagingQ, dates: DatesQ, q: Text = None,
           format: Format = None):
    """Articles, then quotes, containing all the words of `q` (as the web's
    search page)."""
    page = _store(request).search(q or "", since=dates.since, until=dates.until,
                                  **_limit(paging, format))
    return _answer(page, format, "search")


@router.get("/quotes", response_model=page_of(QuoteRow), responses=CSV_RESPONSE)
def list_quotes(request: Request, paging: PagingQ, dates: DatesQ,
                speaker: Text = None, q: Text = None, speaker_key: EntityText = None,
                country: Country = None, role: Text = None, about: EntityText = None,
                about_country: Country = None, format: Format = None):
    """Quotes, newest first, with speaker, role, document and date; `speaker`
    matches part of the speaker's name, `speaker_key` is one entity, `q`
    words of the quote; `country` the speaker's country, `role` part of the
    speaker's role; `about` an entity and `about_country` a country named in
    the quote or its attribution."""
    store = _store(request)
    page = store.quotes(speaker=speaker or None, q=q or None,
                        speaker_id=resolve_entity(store, speaker_key), country=country or None,
                        role=role or None, about=resolve_entity(store, about),
                        about_country=about_country or None, since=dates.since,
                        until=dates.until, **_limit(paging, format))
    return _answer(page, format, "quotes")


def _resolved(store, filters: dict) -> dict:
    return {**filters, "actor": resolve_entity(store, filters["actor"])}


@router.get("/events", response_model=page_of(EventRow), responses=CSV_RESPONSE)
def list_events(request: Request, paging: PagingQ, filters: EventFiltersQ,
                sort: Annotated[str, Query(pattern="^(" + "|".join(EVENT_SORTS) + ")$")] = "newest",
                format: Format = None):
    """Coded PLOVER events, newest first (by the event's date, else its
    article's); `source`/`target` are ISO 3166-1 alpha-3 codes of the
    actors' countries (BLR, KAZ), `country` either side, `pair` both sides
    either way, `domestic` yes or no; `type` a PLOVER type, `quad`, `mode`;
    `actor` an entity on either side; `place` part of the location's name."""
    store = _store(request)
    page = store.events(sort=sort, **_resolved(store, filters), **_limit(paging, format))
    return _answer(page, format, "events")


@router.get("/events/facets")
def event_facets(request: Request, filters: EventFiltersQ) -> dict[str, list[list[str | int]]]:
    """Counts of the matching events per type, quad, mode, source and target
    country: `[value, events]`, most first."""
    store = _store(request)
    return json_of(store.event_facets(**_resolved(store, filters)))


@router.get("/entities", response_model=page_of(EntityRow), responses=CSV_RESPONSE)
def list_entities(request: Request, paging: PagingQ, q: Text = None, type: KindQ = None,
                  country: Country = None, format: Format = None):
    """Entities merged across documents, most documents first; `q` matches
    part of a name or alias, `type` is PER, ORG or LOC."""
    page = _store(request).entities(q=q or None, type=type, country=country or None,
                                    **_limit(paging, format))
    return _answer(page, format, "entities")


@router.get("/entities/{entity_id:path}", response_model=model_of(EntityDetail),
            responses={404: {"model": Problem, "description": "No such entity"}})
def get_entity(request: Request, entity_id: Annotated[str, Path(max_length=300)]):
    """One merged entity: aliases, roles, its latest quotes and events. Ids
    are the `key` (stable across rebuilds of the store) or the `id` of
    `/api/entities` rows; anything else is a 404."""
    store = _store(request)
    number = resolve_entity(store, entity_id, by_name=False)
    detail = store.entity(number) if number else None
    if detail is None:
        raise HTTPException(404, f"no entity {entity_id}; list them at /api/entities")
    return json_of(detail)


@router.get("/dyads/{pair}", response_model=model_of(Dyad))
def get_dyad(request: Request, dates: DatesQ,
             pair: Annotated[str, Path(pattern=PAIR_PATTERN,
                                       description="Two ISO alpha-3 codes: BLR-KAZ")]):
    """Events between two countries (either direction) per month by type and
    quad, the cooperation-conflict balance per month, top speakers, amounts.
    Dates filter on the event's date, else its article's, as the months."""
    a, b = pair.upper().split("-")
    return json_of(_store(request).dyad(a, b, since=dates.since, until=dates.until))
