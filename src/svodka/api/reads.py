"""Read endpoints over the store: search, quotes, events, entities, dyads.

Each route only validates its parameters, calls one `Store` method and
returns the store's rows as JSON (`json_of`); the response models, those
rows' dataclasses, document the answers.
"""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Request

from ..store.queries import EntityDetail, EntityRow, EventRow, Hit, QuoteRow
from ..store.summary import Dyad
from .params import Country, DatesQ, PagingQ, Text
from .schemas import Problem, json_of, model_of, page_of

router = APIRouter(prefix="/api", tags=["read"])

MAX_ID = 2 ** 62        # ids are 64-bit integers in every store
PAIR_PATTERN = r"^[A-Za-z]{3}-[A-Za-z]{3}$"
Kind = Annotated[str | None, Query(pattern=r"^(PER|ORG|LOC|per|org|loc)$")]
PloverType = Annotated[str | None, Query(pattern=r"^[A-Za-z]{2,16}$")]


def entity_id_of(text: str) -> int | None:
    """The merged entity id written in `text`, or None if it cannot be one."""
    return int(text) if text.isascii() and text.isdigit() and 0 < int(text) <= MAX_ID else None


def _store(request: Request):
    return request.app.state.store


@router.get("/documents", response_model=page_of(Hit))
def list_documents(request: Request, paging: PagingQ, dates: DatesQ, q: Text = None):
    """Articles: with `q`, those containing all its words, best first, each
    with a snippet and the offsets of the matched words in it; without `q`,
    the newest. A hit's `document` is the id for /api/documents/{id}."""
    return json_of(_store(request).documents(q=q, since=dates.since, until=dates.until,
                                           limit=paging.limit, offset=paging.offset))


@router.get("/quotes", response_model=page_of(QuoteRow))
def list_quotes(request: Request, paging: PagingQ, dates: DatesQ,
                speaker: Text = None, q: Text = None):
    """Quotes, newest first, with speaker, role, document and date; `speaker`
    matches part of the speaker's name, `q` words of the quote."""
    return json_of(_store(request).quotes(speaker=speaker, q=q, since=dates.since,
                                        until=dates.until, limit=paging.limit,
                                        offset=paging.offset))


@router.get("/events", response_model=page_of(EventRow))
def list_events(request: Request, paging: PagingQ, dates: DatesQ,
                source: Country = None, target: Country = None, type: PloverType = None):
    """Coded PLOVER events, newest first; `source`/`target` are ISO 3166-1
    alpha-3 codes of the actors' countries (BLR, KAZ), `type` a PLOVER type."""
    return json_of(_store(request).events(source=source, target=target, type=type,
                                        since=dates.since, until=dates.until,
                                        limit=paging.limit, offset=paging.offset))


@router.get("/entities", response_model=page_of(EntityRow))
def list_entities(request: Request, paging: PagingQ, q: Text = None, type: Kind = None):
    """Entities merged across documents, most documents first; `q` matches
    part of a name or alias, `type` is PER, ORG or LOC."""
    return json_of(_store(request).entities(q=q, type=type, limit=paging.limit,
                                          offset=paging.offset))


@router.get("/entities/{entity_id}", response_model=model_of(EntityDetail),
            responses={404: {"model": Problem, "description": "No such entity"}})
def get_entity(request: Request, entity_id: Annotated[str, Path(max_length=40)]):
    """One merged entity: aliases, roles, its latest quotes and events. Ids
    are the `id` of `/api/entities` rows; anything else is a 404."""
    number = entity_id_of(entity_id)
    detail = _store(request).entity(number) if number else None
    if detail is None:
        raise HTTPException(404, f"no entity {entity_id}; list them at /api/entities")
    return json_of(detail)


@router.get("/dyads/{pair}", response_model=model_of(Dyad))
def get_dyad(request: Request, dates: DatesQ,
             pair: Annotated[str, Path(pattern=PAIR_PATTERN,
                                       description="Two ISO alpha-3 codes: BLR-KAZ")]):
    """Events between two countries (either direction) per month by type and
    quad, the cooperation-conflict balance per month, top speakers, amounts."""
    a, b = pair.upper().split("-")
    return json_of(_store(request).dyad(a, b, since=dates.since, until=dates.until))
