"""The web UI: server-rendered pages over the store, readable without
JavaScript. Templates are Jinja2 with autoescape on for every file, so article
text and extracted strings always reach the page as text.

`mount(app)` adds the pages, /static and the offline API docs to the app
made by `svodka.app.create_app`; this package reads the store and the shared
parameters (`svodka.params`) and never imports `svodka.api`."""
from __future__ import annotations

import functools
import re
from decimal import Decimal
from pathlib import Path

from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from .. import __version__
from ..resources import RESOURCE_DIR, read_tsv

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"


def safe_url(url: str | None) -> str | None:
    """`url` if it is http(s), else None: a stored `javascript:` URL must not
    become a link."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def label(item) -> str:
    """A readable name for a document or a row about one: its title (the
    store gives an untitled text's first line), else the first line of its
    text, else the start of its key. Never a server path."""
    title = getattr(item, "title", None)
    if title:
        return title
    text = getattr(item, "text", None)
    if isinstance(text, str) and text.strip():
        from ..store.queries import headline
        return headline(text) or "untitled"
    key = getattr(item, "document", None) or getattr(item, "key", None) or ""
    return key[:12] or "untitled"


def plural(n: int, word: str, many: str | None = None) -> str:
    """`1 quote`, `2 quotes` (English labels of counts)."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


@functools.cache
def country_names() -> dict[str, str]:
    """ISO alpha-3 -> the country's short Russian name (resources/countries.tsv)."""
    names: dict[str, str] = {}
    for row in read_tsv(RESOURCE_DIR / "countries.tsv"):
        if row["kind"] == "name":
            names.setdefault(row["iso3"], row["name"])
    return names


def country_name(code: str | None) -> str:
    """The short Russian name of the ISO alpha-3 `code`; "" when unknown or None."""
    return country_names().get((code or "").upper(), "") if code else ""


def key_url(key: str | None) -> str:
    """An entity's stable key as a URL path segment."""
    return quote(key or "", safe="")


def slug(value: str | None) -> str:
    """A CSS class from a label: `Verbal cooperation` -> `verbal_cooperation`."""
    return re.sub(r"[^a-z0-9]+", "_", (value or "").lower()).strip("_")


def number(value) -> str:
    """A figure with thin spaces between thousands: 1000000000 -> 1 000 000 000."""
    if isinstance(value, (int, float, Decimal)):
        is_whole = value == int(value)
        text = f"{int(value):,}" if is_whole else f"{value:,f}".rstrip("0")
        return text.replace(",", "\u202f")
    return str(value)


@functools.cache
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.globals["version"] = __version__
    env.filters["safe_url"] = safe_url
    env.filters["label"] = label
    env.filters["slug"] = slug
    env.filters["number"] = number
    env.filters["plural"] = plural
    env.filters["country_name"] = country_name
    env.filters["key_url"] = key_url
    return env


def render(name: str, **context) -> Markup:
    """Template `name` rendered with `context` (autoescaped)."""
    return Markup(environment().get_template(name).render(**context))


def mount(app) -> None:
    """Add the web pages, their static files and the API docs to `app`."""
    from fastapi.staticfiles import StaticFiles

    from . import browse, docs, pages
    app.include_router(pages.router)
    app.include_router(browse.router)
    app.include_router(docs.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
