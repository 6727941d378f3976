"""A hostile web server on 127.0.0.1 for the fetch tests: a page sent one
byte every few seconds, nested Content-Encoding bombs, redirect chains and
a real article page. Each route is a function of the request path."""
from __future__ import annotations

import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from hostile_inputs import SEED, article_html, gzip_bomb

GIB = 1 << 30
PAGE = article_html(SEED.read_text(encoding="utf-8")).encode("utf-8")


def gzip_bytes(data: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, 31)
    return c.compress(data) + c.flush()


def nested_bomb(unpacked: int = 8 * GIB) -> bytes:
    """`Content-Encoding: gzip, gzip`: a gzip of a gzip bomb of `unpacked`
    bytes (a page head, then zeros): about 13 KB for 8 GiB."""
    return gzip_bytes(gzip_bomb(PAGE[:200], unpacked))


class HostileServer:
    """Routes: /page (the article), /trickle (headers, then one byte every
    `trickle_s` seconds), /bomb (nested gzip), /hop/N (redirects N more
    times, then the page), /to-localhost (redirect to http://localhost)."""

    def __init__(self, trickle_s: float = 4.0):
        self.trickle_s = trickle_s
        self.stop = threading.Event()
        self.bomb = nested_bomb()
        self.requests: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                path = self.path
                server.requests.append(path)
                try:
                    if path == "/page":
                        return self._send(200, PAGE)
                    if path == "/bomb":
                        return self._send(200, server.bomb, ("Content-Encoding", "gzip, gzip"))
                    if path in ("/deflate", "/deflate-raw"):
                        packed = zlib.compress(PAGE)
                        return self._send(200, packed[2:-4] if path == "/deflate-raw" else packed,
                                          ("Content-Encoding", "deflate"))
                    if path.startswith("/hop/"):
                        left = int(path.rsplit("/", 1)[1])
                        return self._send(302, b"", ("Location", f"/hop/{left - 1}" if left
                                                     else "/page"))
                    if path == "/to-localhost":
                        port = self.server.server_address[1]
                        return self._send(302, b"", ("Location", f"http://localhost:{port}/page"))
                    if path == "/trickle":
                        self.send_response(200)
                        self.send_header("Content-Type", "text/html; charset=utf-8")
                        self.end_headers()
                        for byte in PAGE:
                            self.wfile.write(bytes([byte]))
                            self.wfile.flush()
                            if server.stop.wait(server.trickle_s):
                                return
                    return self._send(404, b"")
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def _send(self, status, body, *headers):
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                for name, value in headers:
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def timed(call):
    """(result or exception, seconds) of `call()`."""
    start = time.monotonic()
    try:
        out = call()
    except Exception as e:      # the tests look at the exception itself
        out = e
    return out, time.monotonic() - start
