"""The web UI: server-rendered pages over the store, readable without
JavaScript. Templates are Jinja2 with autoescape on for every file, so article
text and extracted strings always reach the page as text."""
from __future__ import annotations

import functools
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


@functools.cache
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.globals["version"] = __version__
    env.filters["safe_url"] = safe_url
    env.filters["label"] = label
    return env


def render(name: str, **context) -> Markup:
    """Template `name` rendered with `context` (autoescaped)."""
    return Markup(environment().get_template(name).render(**context))
