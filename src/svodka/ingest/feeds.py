"""RSS and Atom feeds (feedparser): one `Document` per item, with the full
text of the page it links (a local HTML file, or an http(s) URL that answers
in time), else the item's own summary or content."""
from __future__ import annotations

import dataclasses
import html
import time
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote, urljoin, urlsplit

import feedparser

from ..document import Document
from ..errors import IngestError
from .fetch import FetchPolicy, fetch
from .html import read_html
from .text import read_bytes

# Tags that end a line of text in a feed item's HTML.
_BLOCKS = frozenset("p div br li h1 h2 h3 h4 h5 h6 blockquote".split())


@dataclasses.dataclass(frozen=True, slots=True)
class FeedEntry:
    """What a feed says about one item, before its page is read."""
    id: str                     # guid, else link, else title
    link: str | None
    title: str | None
    published: str | None
    author: str | None
    summary: str                # plain text of the item's content or summary


def _iso(parsed: time.struct_time | None) -> str | None:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed) if parsed else None


def _strip_tags(fragment: str) -> str:
    """`fragment` with each tag (`<` up to the next `>`) removed, a block
    tag made a line break. One scan with `str.find`, linear in the length
    (a regular expression like `<[^>]+>` is quadratic on a run of `<`)."""
    out, pos = [], 0
    while (start := fragment.find("<", pos)) >= 0:
        end = fragment.find(">", start + 1)
        if end < 0:
            break                   # no tag closes after here: the rest is text
        if end == start + 1:        # "<>" is no tag
            out.append(fragment[pos:end])
            pos = end
            continue
        out.append(fragment[pos:start])
        name = fragment[start + 1:min(end, start + 13)].lstrip("/").lower()
        name = name.split(None, 1)[0].rstrip("/") if name.strip() else ""
        out.append("\n" if name in _BLOCKS else "")
        pos = end + 1
    out.append(fragment[pos:])
    return "".join(out)


def _plain(fragment: str) -> str:
    """An HTML fragment of a feed item as plain text, one block per line."""
    text = _strip_tags(fragment)
    lines = (" ".join(html.unescape(line).split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _adapt_entry(entry, base: str | None) -> FeedEntry:
    """A feedparser entry -> our `FeedEntry`; a relative link is resolved
    against `base` (the feed's URL or file path)."""
    link = entry.get("link") or None
    if link and base:
        link = urljoin(base, link) if "://" in base else link
    content = entry.get("content") or ()
    body = max((c.get("value", "") for c in content), key=len, default="")
    summary = body if len(body) > len(entry.get("summary", "")) else entry.get("summary", "")
    return FeedEntry(
        id=entry.get("id") or link or entry.get("title") or "",
        link=link, title=entry.get("title") or None,
        published=_iso(entry.get("published_parsed") or entry.get("updated_parsed")),
        author=entry.get("author") or None, summary=_plain(summary))


# feedparser flags these but reads the feed correctly.
_HARMLESS = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


def parse_feed(data: bytes, source: str) -> tuple[list[FeedEntry], IngestError | None]:
    """The items of an RSS/Atom feed, and the damage found in it if any (a
    feed with a broken tail keeps the items before it). Raise `IngestError`
    when no item can be read."""
    try:
        parsed = feedparser.parse(data, sanitize_html=False,
                                  response_headers={"content-location": source}
                                  if "://" in source else None)
    except Exception as e:  # feedparser trips over some damaged feeds itself
        raise IngestError(f"malformed feed ({type(e).__name__}: {e})", source=source) from None
    problem = parsed.get("bozo_exception") if parsed.bozo else None
    damage = None
    if problem is not None and not isinstance(problem, _HARMLESS):
        damage = IngestError(f"malformed feed ({problem})", source=source)
    if not parsed.entries:
        if damage is not None:
            raise damage
        if not parsed.get("version"):
            raise IngestError("not an RSS or Atom feed", source=source)
    base = source if "://" in source else None
    return [_adapt_entry(e, base) for e in parsed.entries], damage


class PageReader:
    """Reads the page an item links, remembering hosts that did not answer
    so an offline feed costs one time-out per host, not one per item. Local
    links are read only for a feed that is itself a local file, only with
    `policy.allow_local_links`, and only inside the feed's own folder."""

    def __init__(self, feed_source: str, *, max_bytes: int, fetch_pages: bool = True,
                 policy: FetchPolicy = FetchPolicy(), stop=None):
        self.folder = None if "://" in feed_source else Path(feed_source).parent
        self.max_bytes = max_bytes
        self.fetch_pages = fetch_pages
        self.policy = policy
        self.stop = stop            # a threading.Event that ends fetches early
        self.dead_hosts: set[str] = set()

    def __call__(self, link: str) -> Document | None:
        """The page at `link` as a `Document`, or None if it cannot be had."""
        try:
            parts = urlsplit(link)
            if parts.scheme in ("http", "https"):
                if not self.fetch_pages or parts.netloc in self.dead_hosts:
                    return None
                try:
                    r = fetch(link, max_bytes=self.max_bytes, deadline=self.policy.deadline,
                              allow_private=self.policy.allow_private_network,
                              stop=self.stop)
                except IngestError:
                    self.dead_hosts.add(parts.netloc)
                    return None
                return read_html(r.content, source=link, url=r.url)
            path = self._local(link, parts)
            if path is None:
                return None
            return read_html(read_bytes(path, self.max_bytes), source=str(path))
        except (IngestError, ValueError, OSError):
            return None

    def _local(self, link: str, parts) -> Path | None:
        """The local file `link` names, if this feed may read it."""
        if (parts.scheme not in ("", "file") or self.folder is None
                or not self.policy.allow_local_links):
            return None     # a feed fetched over HTTP never reads local files
        path = Path(unquote(parts.path)) if parts.scheme == "file" else Path(link)
        folder = self.folder.resolve()
        path = (folder / path).resolve()        # an absolute path stays itself
        if not path.is_relative_to(folder) or not path.is_file():
            return None     # `../`, `/home/...` and symlinks out of the folder
        return path


def read_feed(data: bytes, source: str, *, max_bytes: int, fetch_pages: bool = True,
              policy: FetchPolicy = FetchPolicy()) -> Iterator[Document | IngestError]:
    """One unanalyzed `Document` per feed item (page text, else summary), or
    an `IngestError` naming the item when it has neither; an `IngestError`
    last if the feed is damaged."""
    read_page = PageReader(source, max_bytes=max_bytes, fetch_pages=fetch_pages,
                           policy=policy)
    entries, damage = parse_feed(data, source)
    for n, entry in enumerate(entries, 1):
        yield entry_document(entry, source, n, read_page)
    if damage is not None:
        yield damage


def entry_document(entry: FeedEntry, source: str, n: int, read_page) -> Document | IngestError:
    """The `Document` of one feed item: its linked page's text where
    `read_page(link)` gives one, else the item's summary."""
    page = read_page(entry.link) if entry.link else None
    if page is not None:
        return dataclasses.replace(
            page, source=page.source, url=page.url or entry.link,
            title=page.title or entry.title,
            published=page.published or entry.published,
            author=page.author or entry.author)
    if not entry.summary:
        return IngestError(f"item {n} ({entry.link or entry.title or 'untitled'}) "
                           "has no readable page and no summary", source=source)
    return Document(text=entry.summary, source=entry.link or f"{source}#{n}",
                    title=entry.title, url=entry.link if entry.link and "://" in entry.link else None,
                    published=entry.published, author=entry.author)
