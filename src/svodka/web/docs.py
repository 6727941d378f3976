"""Offline API documentation: Swagger UI at /docs, its script and styles
served from the installed `swagger-ui-py` package (never a CDN), started by
our own /static/docs.js so the page keeps the site's content-security
policy (no inline script). Without the package /docs says how to get it."""
from __future__ import annotations

import importlib.util
from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse

router = APIRouter(include_in_schema=False)
FILES = {"swagger-ui-bundle.js": "text/javascript", "swagger-ui.css": "text/css"}

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API · svodka</title>
<link rel="icon" href="/favicon.ico">
<link rel="stylesheet" href="/docs/static/swagger-ui.css">
</head><body>
<p style="font:14px system-ui;margin:.5rem 1rem"><a href="/">← svodka</a></p>
<div id="swagger-ui"></div>
<script src="/docs/static/swagger-ui-bundle.js"></script>
<script src="/static/docs.js"></script>
</body></html>"""


def swagger_dir() -> Path | None:
    """The static files of the installed swagger-ui-py package, if any."""
    spec = importlib.util.find_spec("swagger_ui")
    if spec is None or not spec.submodule_search_locations:
        return None
    static = Path(next(iter(spec.submodule_search_locations))) / "static"
    return static if (static / "swagger-ui-bundle.js").is_file() else None


@router.get("/docs", response_class=HTMLResponse)
def docs():
    """Swagger UI for /openapi.json, served offline from swagger-ui-py's files;
    404 naming the package when it is not installed."""
    if swagger_dir() is None:
        raise HTTPException(404, "the API documentation needs the swagger-ui-py package "
                                 "(pip install swagger-ui-py); the schema is at /openapi.json")
    return HTMLResponse(PAGE)


@router.get("/redoc")
def redoc():
    """A permanent redirect to /docs (the one API documentation page)."""
    return RedirectResponse("/docs", status_code=308)


@router.get("/docs/static/{name}")
def docs_static(name: str):
    """One of Swagger UI's files (`FILES`), cached for a day; 404 for any other name."""
    folder = swagger_dir()
    if folder is None or name not in FILES:
        raise HTTPException(404, "no such file")
    return FileResponse(folder / name, media_type=FILES[name],
                        headers={"Cache-Control": "max-age=86400"})
