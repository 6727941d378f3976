"""The HTTP API and web UI over one `Store`: `create_app(store, token)`.

JSON endpoints live under `/api` (one router per area), pages at `/`;
OpenAPI at `/openapi.json`. Reads are open; writes need the bearer token.
"""
from __future__ import annotations

from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..errors import StoreError
from .allow import AllowHeader
from .security import MAX_BODY_BYTES, BodyLimit, HostCheck, SecurityHeaders

THREADS = 4     # requests served at once per process (see `_threads`)


def create_app(store, token: str | None = None, *,
               max_body_bytes: int = MAX_BODY_BYTES, threads: int = THREADS) -> FastAPI:
    """A FastAPI app serving `store`. With `token` None, write endpoints
    answer 403; otherwise they need `Authorization: Bearer <token>`."""
    from ..web import STATIC, pages
    from . import documents, reads
    app = FastAPI(title="svodka", version=__version__,
                  description="Russian news as entities, attributed quotes, "
                              "PLOVER events and amounts.",
                  # Swagger UI and ReDoc would load their scripts from a CDN.
                  docs_url=None, redoc_url=None, lifespan=_threads(threads))
    app.state.store = store
    app.state.token = token or None
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(AllowHeader, routes_of=lambda: app.router.routes)
    app.add_middleware(HostCheck)       # outermost: refused before anything runs
    app.add_exception_handler(StoreError, _store_unavailable)
    app.include_router(documents.router)
    app.include_router(reads.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def _threads(n: int):
    """A lifespan that runs at most `n` requests' store work at once: the
    endpoints are synchronous and run in anyio's thread pool (40 threads by
    default); on a 2-core machine 40 threads contending for the GIL and
    the database make every request slower, and the slowest far slower."""
    @asynccontextmanager
    async def lifespan(app):
        anyio.to_thread.current_default_thread_limiter().total_tokens = n
        yield
    return lifespan


async def _store_unavailable(request: Request, exc: StoreError) -> JSONResponse:
    """The database failed (gone, locked, disk full): a 503 saying so, the
    request may be retried; never a traceback."""
    return JSONResponse({"detail": f"the store is unavailable, retry later: {exc.message}"},
                        status_code=503, headers={"Retry-After": "5"})
