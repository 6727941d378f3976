"""Web pages: overview, search, article, entity and speaker, country pair.

Each route reads the store through `Store` (and `api.lookups`) and renders
one template; parameters are validated like the JSON API's, so bad input is
a 422 and an unknown id a 404 page, never a server error.
"""
from __future__ import annotations

import re
from importlib.resources import files
from urllib.parse import urlencode
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import FileResponse, HTMLResponse

from ..api.lookups import entity_links
from ..api.params import DatesQ, PagingQ, Text
from ..api.reads import PAIR_PATTERN, entity_id_of
from . import render
from .highlight import Mark, render_document, render_marked, speaker_colours

router = APIRouter(include_in_schema=False)
KEY = re.compile(r"[0-9a-f]{40}")

# plotly's bundled library, served from the installed package (never a CDN).
PLOTLY_JS = files("plotly") / "package_data" / "plotly.min.js"


def _page(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
    def request_args(**changes) -> str:
        """The page's query string with `changes` applied (for pagers)."""
        return urlencode({**request.query_params, **changes})
    return HTMLResponse(render(name, request_args=request_args, **context), status_code=status)


def _not_found(request: Request, what: str) -> HTMLResponse:
    return _page(request, "missing.html", 404, what=what)


def snippet(hit) -> str:
    """A search hit's snippet, escaped, with its matched words in `<mark>`."""
    marks = [Mark(s, e, 0, "hit", "match") for s, e in hit.marks]
    return render_marked(hit.snippet, marks, tag="mark")


@router.get("/static/plotly.min.js")
def plotly_js():
    return FileResponse(str(PLOTLY_JS), media_type="text/javascript",
                        headers={"Cache-Control": "max-age=86400"})


@router.get("/", response_class=HTMLResponse)
def overview(request: Request):
    store = request.app.state.store
    return _page(request, "overview.html", stats=store.stats(), pairs=store.busiest_pairs(),
                 speakers=store.most_quoted(), latest=store.documents(limit=10).items,
                 snippet=snippet)


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, paging: PagingQ, dates: DatesQ, q: Text = None):
    store = request.app.state.store
    hits = people = None
    if q and q.strip():
        hits = store.search(q, since=dates.since, until=dates.until,
                            limit=paging.limit, offset=paging.offset)
        people = store.entities(q=q, type="PER", limit=5).items if not paging.offset else ()
    return _page(request, "search.html", q=q, dates=dates, hits=hits, people=people, snippet=snippet)


@router.get("/documents/{key}", response_class=HTMLResponse)
def article(request: Request, key: Annotated[str, Path(max_length=64)]):
    store = request.app.state.store
    doc = store.get(key) if KEY.fullmatch(key) else None
    if doc is None:
        return _not_found(request, "article")
    links = entity_links(store, key)
    return _page(request, "article.html", doc=doc, body=render_document(doc),
                 colours=speaker_colours(doc), entity_ids=links, speaker_ids=links)


@router.get("/entities", response_class=HTMLResponse)
def entities(request: Request, paging: PagingQ, q: Text = None,
             type: Annotated[str | None, Query(pattern=r"^(PER|ORG|LOC)?$")] = None):
    page = request.app.state.store.entities(q=q, type=type or None, limit=paging.limit,
                                            offset=paging.offset)
    return _page(request, "entities.html", q=q, type=type, page=page)


def _entity_page(request: Request, entity_id: str, paging, is_speaker: bool):
    store = request.app.state.store
    entity_id = entity_id_of(entity_id)
    detail = store.entity(entity_id) if entity_id else None
    if detail is None:
        return _not_found(request, "entity")
    quotes = store.quotes(speaker_id=entity_id, limit=paging.limit, offset=paging.offset)
    return _page(request, "entity.html", d=detail, e=detail.entity, quotes=quotes,
                 is_speaker=is_speaker, counterparts=counterparts(detail))


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity(request: Request, entity_id: Annotated[str, Path(max_length=40)], paging: PagingQ):
    return _entity_page(request, entity_id, paging, is_speaker=False)


@router.get("/speakers/{entity_id}", response_class=HTMLResponse)
def speaker(request: Request, entity_id: Annotated[str, Path(max_length=40)], paging: PagingQ):
    return _entity_page(request, entity_id, paging, is_speaker=True)


def counterparts(detail) -> list[tuple[str, str, int | None, str, int]]:
    """`(direction, other actor, its entity id, event type, events)` for the
    entity's latest events: whom it meets, praises, accuses, most frequent first."""
    me = detail.entity.id
    counts: dict[tuple[str, str, int | None, str], int] = {}
    for ev in detail.events:
        mine_is_source = ev.source is not None and ev.source.entity_id == me
        other = ev.target if mine_is_source else ev.source
        name = (other.name or other.country) if other else None
        key = ("→" if mine_is_source else "←", name or "?",
               other.entity_id if other else None, ev.type)
        counts[key] = counts.get(key, 0) + 1
    return sorted(((*k, n) for k, n in counts.items()), key=lambda t: (-t[4], t[1], t[3]))


@router.get("/dyads/{pair}", response_class=HTMLResponse)
def dyad(request: Request, dates: DatesQ,
         pair: Annotated[str, Path(pattern=PAIR_PATTERN)]):
    a, b = pair.upper().split("-")
    d = request.app.state.store.dyad(a, b, since=dates.since, until=dates.until)
    quads = sorted({q for m in d.months for q in m.quads})
    chart = {"months": [m.month for m in d.months],
             "quads": {q: [m.quads.get(q, 0) for m in d.months] for q in quads},
             "balance": [m.balance for m in d.months],
             "title": f"{a}–{b}: events per month by quad"}
    return _page(request, "dyad.html", d=d, dates=dates, chart=chart)
