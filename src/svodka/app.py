"""The one app factory: `create_app(store, token)` mounts the JSON API
(`api/`, under /api) and the web pages (`web/`, at /) over one `Store`.

`api/` and `web/` are siblings: each reads the store and the shared query
parameters (`params.py`), neither imports the other. Errors are answered in
the caller's language: JSON under /api, a page in the site's chrome
elsewhere. Static files and pages go out gzip-compressed.
"""
from __future__ import annotations

from contextlib import asynccontextmanager

import anyio
import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exception_handlers import (http_exception_handler,
                                        request_validation_exception_handler)
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from . import __version__
from .errors import StoreError

THREADS = 4     # requests served at once per process (see `_threads`)
HEAVY = 2       # heavy pages (a whole article highlighted) rendered at once, besides THREADS
GZIP_MIN_BYTES = 1000


def create_app(store, token: str | None = None, *,
               max_body_bytes: int | None = None, threads: int = THREADS,
               server_names: list[str] | None = None) -> FastAPI:
    """A FastAPI app serving `store`. With `token` None, write endpoints
    answer 403; otherwise they need `Authorization: Bearer <token>`. With
    `server_names` (as `svodka serve` gives), a request for any other Host
    name than those, localhost and IP addresses is refused (421)."""
    from . import api, web
    from .api.allow import AllowHeader
    from .api.security import MAX_BODY_BYTES, BodyLimit, HostCheck, SecurityHeaders
    app = FastAPI(title="svodka", version=__version__,
                  description="Russian news as entities, attributed quotes, "
                              "PLOVER events and amounts.",
                  # FastAPI's own /docs would load Swagger UI from a CDN; the
                  # web router serves it from an installed package instead.
                  docs_url=None, redoc_url=None, lifespan=_threads(threads))
    app.state.store = store
    app.state.token = token or None
    # Heavy pages run in their own pool, so they cannot take every thread of
    # the cheap reads: four huge articles at once leave /health and the API
    # answering (`web/pages.article`).
    app.state.heavy = anyio.CapacityLimiter(HEAVY)
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes or MAX_BODY_BYTES)
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MIN_BYTES)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(AllowHeader, routes_of=lambda: app.router.routes)
    app.add_middleware(HostCheck, names=server_names)   # outermost: refused before anything runs
    app.add_exception_handler(StoreError, _store_unavailable)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid)
    api.mount(app)
    web.mount(app)
    return app


def _is_api(request: Request) -> bool:
    return request.url.path.startswith(("/api/", "/openapi.json")) or request.url.path == "/api"


async def _http_error(request: Request, exc: HTTPException):
    if _is_api(request):
        return await http_exception_handler(request, exc)
    from .web.pages import error_page
    return error_page(request, exc.status_code, exc.detail, getattr(exc, "headers", None))


async def _invalid(request: Request, exc: RequestValidationError):
    if _is_api(request):
        return await request_validation_exception_handler(request, exc)
    from .web.pages import invalid_page
    return invalid_page(request, exc.errors())


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
