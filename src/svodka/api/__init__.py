"""The JSON API under /api: one router per area (documents, reads), mounted
by `svodka.app.create_app` beside the web pages; OpenAPI at /openapi.json.
Reads are open; writes need the bearer token. This package reads the store
and the shared parameters (`svodka.params`) and never imports `svodka.web`.
"""
from __future__ import annotations

from fastapi import Depends, FastAPI

from ..params import strict_query


def mount(app: FastAPI) -> None:
    """Add the API's routers to `app`."""
    from . import documents, ops, reads
    app.include_router(documents.router, dependencies=[Depends(strict_query)])
    app.include_router(reads.router, dependencies=[Depends(strict_query)])
    ops.install(app)        # /health, /metrics and the request metrics


def create_app(*args, **kwargs):
    """Kept for existing callers (cli/serve.py, tests): see `svodka.app.create_app`."""
    from ..app import create_app as factory
    return factory(*args, **kwargs)
