"""A feed server on 127.0.0.1 (random port) for the feed and watch tests."""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from ingest_pages import html_page, nerel, rss, title_and_body

ARTICLES = {"a": "230892_text.txt", "b": "597958_text.txt", "c": "945932_text.txt"}


class FeedServer:
    """Serves /feed.xml from a script of answers (one per request, the last
    repeated) and /pages/<name>.html for the articles; logs every request."""

    def __init__(self, script):
        self.script = list(script)
        self.requests: list[tuple[str, str | None, str | None]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                server.requests.append((self.path, self.headers.get("If-None-Match"),
                                        self.headers.get("If-Modified-Since")))
                if self.path.startswith("/pages/"):
                    name = self.path.split("/")[-1].removesuffix(".html")
                    return self._send(200, html_page(nerel(ARTICLES[name]),
                                                     url=server.url(f"/pages/{name}.html")))
                answer = server.script.pop(0) if len(server.script) > 1 else server.script[0]
                kind, *rest = answer
                if kind == "feed":
                    etag, names = rest
                    if self.headers.get("If-None-Match") == etag:
                        return self._send(304, "")
                    return self._send(200, server.feed(names), etag=etag)
                if kind == "error":
                    return self._send(500, "Internal Server Error")
                return self._send(200, "<html><body>Сайт на обслуживании</body></html>")

            def _send(self, status, body, etag=None):
                data = body.encode("utf-8")
                self.send_response(status)
                if etag:
                    self.send_header("ETag", etag)
                    self.send_header("Last-Modified", "Fri, 14 Jun 2019 07:00:00 GMT")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str = "/feed.xml") -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def feed(self, names) -> str:
        return rss([{"title": title_and_body(nerel(ARTICLES[n]))[0],
                     "link": self.url(f"/pages/{n}.html")} for n in names])

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
