"""Web pages: overview, search, article, entity and speaker, country pair,
and the error pages every web route answers with, in the site's chrome.

Each route reads the store through `Store` and renders one template;
parameters are validated like the JSON API's (`svodka.params`), so bad input
is a 422 page naming the field and an unknown id a 404 page, never a server
error or raw JSON. Every page answers HEAD too.
"""
from __future__ import annotations

import functools
import re
from typing import Annotated
from urllib.parse import urlencode

import anyio.to_thread
from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, Response

from ..params import PAIR_PATTERN, Country, DatesQ, KindQ, PagingQ, Text, entity_id_of
from . import STATIC, render
from .charts import month_bars
from .highlight import Mark, render_capped, render_marked, speaker_colours

router = APIRouter(include_in_schema=False)
page = functools.partial(router.api_route, methods=["GET", "HEAD"], response_class=HTMLResponse)
KEY = re.compile(r"[0-9a-f]{40}")
QUAD_CLASSES = {"verbal cooperation": "verbal_cooperation",
                "material cooperation": "material_cooperation",
                "verbal conflict": "verbal_conflict", "material conflict": "material_conflict"}


def _page(request: Request, name: str, status: int = 200, headers=None, **context) -> HTMLResponse:
    def request_args(**changes) -> str:
        """The page's query string with `changes` applied (None drops a key)."""
        args = {**request.query_params, **changes}
        return urlencode({k: v for k, v in args.items() if v not in (None, "")})
    return HTMLResponse(render(name, request_args=request_args, path=request.url.path,
                               last_days=request.query_params.get("last", ""), **context),
                        status_code=status, headers=headers)


def error_page(request: Request, status: int, detail, headers=None) -> HTMLResponse:
    """An HTTP error on a web route as a page in the site's chrome."""
    return _page(request, "error.html", status, headers, code=status, detail=detail)


def invalid_page(request: Request, errors) -> HTMLResponse:
    """A 422 page listing each invalid parameter and what it must be."""
    problems = [(".".join(str(p) for p in e.get("loc", ())[1:]) or "request", e.get("msg", ""))
                for e in errors]
    return _page(request, "error.html", 422, code=422, detail=None, problems=problems)


def _not_found(request: Request, what: str) -> HTMLResponse:
    return _page(request, "missing.html", 404, what=what)


def snippet(hit) -> str:
    """A search hit's snippet, escaped, with its matched words in `<mark>`."""
    marks = [Mark(s, e, 0, "hit", "match") for s, e in hit.marks]
    return render_marked(hit.snippet, marks, tag="mark")


@router.get("/favicon.ico", include_in_schema=False)
def favicon():
    """The site icon (an SVG), cached for a day."""
    return Response((STATIC / "favicon.svg").read_bytes(), media_type="image/svg+xml",
                    headers={"Cache-Control": "max-age=86400"})


@page("/")
def overview(request: Request):
    """The start page: store counts, the busiest country pairs, the most quoted
    speakers and the newest articles."""
    store = request.app.state.store
    return _page(request, "overview.html", stats=store.stats(), pairs=store.busiest_pairs(),
                 speakers=store.most_quoted(), latest=store.documents(limit=10).items,
                 snippet=snippet)


@page("/search")
def search(request: Request, paging: PagingQ, dates: DatesQ, q: Text = None):
    """Full-text search over articles and quotes, with matching people on the
    first page; the form alone without `q`."""
    store = request.app.state.store
    hits = people = None
    if q and q.strip():
        hits = store.search(q, since=dates.since, until=dates.until,
                            limit=paging.limit, offset=paging.offset)
        people = store.entities(q=q, type="PER", limit=5).items if not paging.offset else ()
    return _page(request, "search.html", q=q, dates=dates, hits=hits, people=people,
                 snippet=snippet, export="/api/search?" + _export_args(request))


def _export_args(request: Request) -> str:
    """The page's filters for the API's export (paging left out)."""
    return urlencode({k: v for k, v in request.query_params.items()
                      if v and k not in ("limit", "offset")})


@page("/documents/{key}")
async def article(request: Request, key: Annotated[str, Path(max_length=64)]):
    """One stored article with its quotes, events, entities and amounts marked
    in the text; 404 for an unknown key. A heavy page (a 400k-character
    article has 35,000 marks): it is rendered in the app's small pool of
    heavy work (`app.state.heavy`), apart from the threads of the cheap
    reads, so four such requests cannot hold up /health or the API."""
    return await anyio.to_thread.run_sync(_article, request, key,
                                          limiter=request.app.state.heavy)


def _article(request: Request, key: str) -> HTMLResponse:
    store = request.app.state.store
    doc = store.get(key) if KEY.fullmatch(key) else None
    if doc is None:
        return _not_found(request, "article")
    links = {local: k for local, (_id, k) in store.entity_links(key).items()}
    body = render_capped(doc)
    return _page(request, "article.html", doc=doc, body=body.html, drawn=body.drawn,
                 total_marks=body.total, colours=speaker_colours(doc), entity_keys=links)


@page("/entities")
def entities(request: Request, paging: PagingQ, q: Text = None, type: KindQ = None,
             country: Country = None):
    """A page of merged entities, filtered by name or alias, type and country."""
    page_ = request.app.state.store.entities(q=q or None, type=type, country=country or None,
                                             limit=paging.limit, offset=paging.offset)
    return _page(request, "entities.html", q=q, type=type, country=country, page=page_,
                 export="/api/entities?" + _export_args(request))


def resolve(store, text: str) -> int | None:
    """An entity id from a stable key or a numeric id."""
    return entity_id_of(text) or store.entity_id(text)


def find_entity(store, text: str) -> int:
    """An entity id from a key, an id or a name typed in a filter (the entity
    named in the most articles whose name or alias contains it); 0, which
    matches nothing, when there is none."""
    found = resolve(store, text)
    if found:
        return found
    rows = store.entities(q=text, limit=1).items
    return rows[0].id if rows else 0


def _entity_page(request: Request, key: str, paging, is_speaker: bool):
    store = request.app.state.store
    entity_id = resolve(store, key)
    detail = store.entity(entity_id) if entity_id else None
    if detail is None:
        return _not_found(request, "entity")
    quotes = store.quotes(speaker_id=entity_id, limit=paging.limit, offset=paging.offset)
    t = store.timeline(entity_id)
    chart = month_bars(list(t.months), [("quotes", "s-quotes", list(t.quotes)),
                                        ("events", "s-events", list(t.events))],
                       label=f"{detail.entity.name}: quotes and events per month")
    return _page(request, "entity.html", d=detail, e=detail.entity, quotes=quotes,
                 is_speaker=is_speaker, counterparts=counterparts(detail), timeline=t,
                 chart=chart)


@page("/entities/{key:path}")
def entity(request: Request, key: Annotated[str, Path(max_length=300)], paging: PagingQ):
    """One merged entity by its stable key: aliases, roles, quotes and events."""
    return _entity_page(request, key, paging, is_speaker=False)


@page("/speakers/{key:path}")
def speaker(request: Request, key: Annotated[str, Path(max_length=300)], paging: PagingQ):
    """One speaker by its stable key: the entity page centred on its quotes."""
    return _entity_page(request, key, paging, is_speaker=True)


def counterparts(detail) -> list[tuple[str, str, str | None, str, int]]:
    """`(direction, other actor, its entity key, event type, events)` for the
    entity's latest events: whom it meets, praises, accuses, most frequent first."""
    me = detail.entity.id
    counts: dict[tuple[str, str, str | None, str], int] = {}
    for ev in detail.events:
        mine_is_source = ev.source is not None and ev.source.entity_id == me
        other = ev.target if mine_is_source else ev.source
        name = (other.name or other.country) if other else None
        key = ("→" if mine_is_source else "←", name or "?", other.key if other else None, ev.type)
        counts[key] = counts.get(key, 0) + 1
    return sorted(((*k, n) for k, n in counts.items()), key=lambda t: (-t[4], t[1], t[3]))


@page("/dyads/{pair}")
def dyad(request: Request, dates: DatesQ, pair: Annotated[str, Path(pattern=PAIR_PATTERN)]):
    """Events between two countries (`RUS-UKR`) per month by quad, with the
    cooperation − conflict balance, speakers, quotes and amounts."""
    a, b = pair.upper().split("-")
    d = request.app.state.store.dyad(a, b, since=dates.since, until=dates.until)
    quads = sorted({q for m in d.months for q in m.quads})
    chart = month_bars([m.month for m in d.months],
                       [(q, QUAD_CLASSES.get(q, "other"), [m.quads.get(q, 0) for m in d.months])
                        for q in quads],
                       line=("cooperation − conflict balance", [m.balance for m in d.months]),
                       label=f"{a}–{b}: events per month by quad")
    return _page(request, "dyad.html", d=d, dates=dates, chart=chart,
                 events_link=f"/events?pair={a}-{b}",
                 export=f"/api/events?pair={a}-{b}&" + _export_args(request))
