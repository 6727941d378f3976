"""The web UI: server-rendered pages over the store, readable without
JavaScript. Templates are Jinja2 with autoescape on for every file, so article
text and extracted strings always reach the page as text."""
from __future__ import annotations

import functools
import re
from decimal import Decimal
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from .. import __version__

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
    """A readable name for a document or a row about one: its title, else
    the file name of its source, else the start of its key."""
    title = getattr(item, "title", None)
    if title:
        return title
    source = getattr(item, "source", None)
    if source:
        return source.rstrip("/").rsplit("/", 1)[-1]
    key = getattr(item, "document", None) or getattr(item, "key", None) or ""
    return key[:12] or "untitled"


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
    return env


def render(name: str, **context) -> Markup:
    """Template `name` rendered with `context` (autoescaped)."""
    return Markup(environment().get_template(name).render(**context))
