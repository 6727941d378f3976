"""Builders of realistic sources around real corpus articles: an HTML page
with navigation and footer boilerplate, a WARC holding pages, RSS and Atom
feeds. The article text always comes from `shared/corpus`."""
from __future__ import annotations

import html
import io
from email.utils import format_datetime
from datetime import datetime, timezone
from pathlib import Path

from paths import CORPUS

NEREL_DEV = CORPUS / "nerel" / "dev"
NEREL_TRAIN = CORPUS / "nerel" / "train"


def nerel(name: str, part: Path = NEREL_DEV) -> str:
    return (part / name).read_text(encoding="utf-8")


def title_and_body(text: str) -> tuple[str, list[str]]:
    """A NEREL article's first line is its headline; the rest its paragraphs."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[0], lines[1:]


def html_page(text: str, *, url: str, published: str = "2019-06-14T10:00:00+03:00",
              author: str = "Анна Смирнова") -> str:
    """The article as a news site would serve it: menu, headline, byline,
    paragraphs, a related-links box and a footer."""
    title, paras = title_and_body(text)
    body = "\n".join(f"    <p>{html.escape(p)}</p>" for p in paras)
    return f"""<!DOCTYPE html>
<html lang="ru">
<head>
  <meta charset="utf-8">
  <title>{html.escape(title)} | Новости дня</title>
  <link rel="canonical" href="{url}">
  <meta name="author" content="{author}">
  <meta property="article:published_time" content="{published}">
  <link rel="stylesheet" href="/static/site.css">
</head>
<body>
  <header class="site-header">
    <a class="logo" href="/">Новости дня</a>
    <nav><ul>
      <li><a href="/politics">Политика</a></li><li><a href="/economy">Экономика</a></li>
      <li><a href="/world">В мире</a></li><li><a href="/sport">Спорт</a></li>
    </ul></nav>
    <form action="/search"><input name="q" placeholder="Поиск"></form>
  </header>
  <main>
  <article>
    <h1>{html.escape(title)}</h1>
    <div class="byline">{author}, 14 июня 2019</div>
{body}
  </article>
  <aside class="related"><h3>Читайте также</h3><ul>
    <li><a href="/economy/1">Курс рубля на торгах Мосбиржи</a></li>
    <li><a href="/world/2">Погода в Европе на выходные</a></li>
  </ul></aside>
  </main>
  <footer><p>© 2019 Новости дня. Все права защищены.</p>
    <p>При перепечатке ссылка на сайт обязательна.</p>
    <a href="/about">О редакции</a> · <a href="/ads">Реклама</a></footer>
</body>
</html>
"""


def write_warc(path: Path, pages: list[tuple[str, str]], *, gzip: bool = True) -> Path:
    """A WARC (gzip records by default) with a request and an HTML response
    per `(url, html)` page, plus a non-HTML response that must be ignored."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=gzip)
        for url, page in pages:
            body = page.encode("utf-8")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                                  ("Content-Length", str(len(body)))],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(
                f"GET {url} HTTP/1.1\r\n\r\n".encode())))
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))
        css = b"body { color: black }"
        writer.write_record(writer.create_warc_record(
            "https://news.example.ru/static/site.css", "response", payload=io.BytesIO(css),
            http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/css")],
                                          protocol="HTTP/1.1")))
    return path


def rss(items: list[dict], *, title: str = "Новости дня") -> str:
    """RSS 2.0 with `link`, `title`, `summary` and a `published` datetime per item."""
    out = []
    for it in items:
        date = format_datetime(it.get("published", datetime(2019, 6, 14, 7, tzinfo=timezone.utc)))
        out.append(f"""  <item>
    <title>{html.escape(it['title'])}</title>
    <link>{html.escape(it['link'])}</link>
    <guid>{html.escape(it.get('id', it['link']))}</guid>
    <description>{html.escape(it.get('summary', ''))}</description>
    <pubDate>{date}</pubDate>
  </item>""")
    items_xml = "\n".join(out)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
  <title>{title}</title><link>https://news.example.ru/</link><description>Лента</description>
{items_xml}
</channel></rss>
"""


def atom(items: list[dict], *, title: str = "Новости дня") -> str:
    out = []
    for it in items:
        out.append(f"""  <entry>
    <title>{html.escape(it['title'])}</title>
    <link href="{html.escape(it['link'])}"/>
    <id>{html.escape(it.get('id', it['link']))}</id>
    <updated>2019-06-14T07:00:00Z</updated>
    <summary>{html.escape(it.get('summary', ''))}</summary>
  </entry>""")
    entries = "\n".join(out)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>{title}</title><id>urn:news</id><updated>2019-06-14T07:00:00Z</updated>
{entries}
</feed>
"""
