"""HTML pages: the main text and its metadata, extracted with trafilatura."""
from __future__ import annotations

import functools

import trafilatura
from trafilatura.settings import use_config

from ..document import Document
from ..errors import IngestError
from .text import decode

# trafilatura gives up on larger trees; pages this big are not news articles.
MAX_TREE_SIZE = 200_000


@functools.cache
def _config():
    config = use_config()
    config.set("DEFAULT", "MAX_TREE_SIZE", str(MAX_TREE_SIZE))
    return config


def _adapt_extraction(found, source: str | None, url: str | None) -> Document:
    """trafilatura's result -> our `Document` (text and metadata, unanalyzed)."""
    return Document(text=found.text or "", source=source,
                    title=found.title or None,
                    url=found.url or url or None,
                    published=found.date or None,
                    author=found.author or None)


def read_html(data: bytes | str, source: str | None = None,
              url: str | None = None) -> Document:
    """Extract the main text, title, date, author and canonical URL of an HTML
    page (`url` is where it was found, the fallback for its canonical URL).
    Raise `IngestError` naming `source` when no article text can be found."""
    html = data if isinstance(data, str) else _decode_html(data, source)
    try:
        found = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False,
            include_tables=False, deduplicate=False, config=_config())
    except Exception as e:  # trafilatura/lxml raise many kinds on broken pages
        raise IngestError(f"broken HTML ({type(e).__name__}: {e})", source=source) from None
    if found is None or not (found.text or "").strip():
        raise IngestError("no article text found in the HTML page", source=source)
    return _adapt_extraction(found, source, url)


def _decode_html(data: bytes, source: str | None) -> str:
    """HTML bytes as text: a declared charset first, else the text detection."""
    head = data[:2048].lower()
    for enc in ("utf-8", "windows-1251", "cp1251", "koi8-r"):
        if f"charset={enc}".encode() in head or f'charset="{enc}"'.encode() in head:
            return data.decode(enc, errors="replace")
    return decode(data, source=source)
