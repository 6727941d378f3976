"""The HTTP API and web UI over one `Store`: `create_app(store, token)`.

JSON endpoints live under `/api` (one router per area), pages at `/`;
OpenAPI at `/openapi.json`. Reads are open; writes need the bearer token.
"""
from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from .. import __version__
from .security import MAX_BODY_BYTES, BodyLimit, SecurityHeaders


def create_app(store, token: str | None = None, *,
               max_body_bytes: int = MAX_BODY_BYTES) -> FastAPI:
    """A FastAPI app serving `store`. With `token` None, write endpoints
    answer 403; otherwise they need `Authorization: Bearer <token>`."""
    from ..web import STATIC, pages
    from . import documents, reads
    app = FastAPI(title="svodka", version=__version__,
                  description="Russian news as entities, attributed quotes, "
                              "PLOVER events and amounts.",
                  # Swagger UI and ReDoc would load their scripts from a CDN.
                  docs_url=None, redoc_url=None)
    app.state.store = store
    app.state.token = token or None
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)
    app.add_middleware(SecurityHeaders)
    app.include_router(documents.router)
    app.include_router(reads.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
