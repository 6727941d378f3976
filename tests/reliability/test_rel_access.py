"""Access: the real `svodka serve` binds 127.0.0.1 by default and `make
demo` asks for it; write endpoints of the running server refuse requests
without the right token (from SVODKA_TOKEN); no endpoint reads a file by a
path the client gives, and a feed fetched over HTTP cannot make svodka read
local files."""
from __future__ import annotations

import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import psutil
import pytest

from hostile_inputs import NEREL_TRAIN, SEED, article_html
from live_server import serving
from svodka.document import Document
from svodka.ingest.fetch import FetchPolicy
from svodka.ingest.sources import iter_items

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "reliability-token-91c2"
SECRET_ARTICLE = NEREL_TRAIN / "15608_text.txt"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = f"sqlite:///{tmp_path_factory.mktemp('access') / 'a.db'}"
    with serving(db, env={"SVODKA_TOKEN": TOKEN}) as (proc, base):
        yield proc, base


def test_serve_listens_on_127_0_0_1_only_by_default(server):
    proc, base = server
    listening = [c.laddr for c in psutil.Process(proc.pid).net_connections(kind="inet")
                 if c.status == psutil.CONN_LISTEN]
    assert listening and {addr.ip for addr in listening} == {"127.0.0.1"}


def test_several_server_processes_keep_the_token_and_127_0_0_1(tmp_path):
    """`svodka serve --workers 2`: two processes answer, each bound to
    127.0.0.1 and each holding the token read from --token-file."""
    db = f"sqlite:///{tmp_path / 'w.db'}"
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN + "\n", encoding="utf-8")
    with serving(db, "--workers", "2", "--token-file", str(token_file),
                 env={"SVODKA_TOKEN": ""}) as (proc, base):
        # The server answers once one worker is up; the other may still be
        # loading on a busy machine.
        deadline = time.monotonic() + 60
        while True:
            family = [psutil.Process(proc.pid), *psutil.Process(proc.pid).children(recursive=True)]
            sockets = {p.pid: [c.laddr.ip for c in p.net_connections(kind="inet")
                               if c.status == psutil.CONN_LISTEN] for p in family}
            if sum(1 for ips in sockets.values() if ips) >= 2 or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        # Each worker binds its own socket; the supervisor none.
        assert sorted(map(tuple, sockets.values())).count(("127.0.0.1",)) == 2, sockets
        assert {ip for ips in sockets.values() for ip in ips} == {"127.0.0.1"}
        assert sockets[proc.pid] == []
        # A worker that dies is started again; the other answers meanwhile.
        psutil.Process(next(pid for pid, ips in sockets.items() if ips)).kill()
        for _ in range(10):
            assert httpx.get(base + "/api/documents", timeout=30).status_code == 200
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            children = psutil.Process(proc.pid).children(recursive=True)
            serving_now = [p for p in children
                           if any(c.status == psutil.CONN_LISTEN for c in p.net_connections("inet"))]
            if len(serving_now) == 2:
                break
            time.sleep(0.2)
        assert len(serving_now) == 2
        assert httpx.get(base + "/api/documents", timeout=30).json()["total"] == 0
        for _ in range(4):            # whichever process answers
            assert httpx.post(base + "/api/documents", json={"text": 5},
                              timeout=30).status_code == 401
            assert httpx.post(base + "/api/documents", json={"text": 5}, timeout=30,
                              headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 422


def test_make_demo_serves_on_127_0_0_1():
    plan = subprocess.run(["make", "-n", "demo"], cwd=ROOT, capture_output=True, text=True,
                          timeout=60).stdout
    serve_lines = [line for line in plan.splitlines() if " serve " in line]
    assert serve_lines and all("--host 127.0.0.1" in line for line in serve_lines)
    assert "0.0.0.0" not in plan


@pytest.mark.parametrize("path", ["/api/analyze", "/api/documents"])
@pytest.mark.parametrize("headers, status", [
    ({}, 401),
    ({"Authorization": "Bearer not-the-token"}, 403),
    ({"Authorization": f"Bearer {TOKEN}"}, 422),     # let through; the body is invalid
])
def test_the_running_server_checks_the_token_before_the_body(server, path, headers, status):
    _, base = server
    r = httpx.post(base + path, json={"text": 5}, headers=headers, timeout=30)
    assert r.status_code == status, r.text


@pytest.mark.parametrize("path", [
    "/static/../pyproject.toml", "/static/%2e%2e/%2e%2e/pyproject.toml",
    "/static/..%2f..%2f..%2fpyproject.toml", "/static//etc/passwd", "/static/%2fetc%2fpasswd",
    "/api/documents/..%2f..%2fpyproject.toml", "/api/entities/%2fetc%2fpasswd",
    "/dyads/..%2f..%2fetc%2fpasswd", "/documents/%2fetc%2fpasswd",
])
def test_no_path_in_a_url_reaches_a_file_outside_the_static_folder(server, path):
    _, base = server
    r = httpx.get(base + path, timeout=30)
    assert r.status_code in (400, 404, 422), (path, r.status_code)
    assert "[build-system]" not in r.text and "root:" not in r.text


def test_a_posted_document_naming_a_file_is_not_read_from_disk(server):
    _, base = server
    # A Russian sentence (the ingest checks refuse anything else) ending in a path.
    text = " ".join(SEED.read_text(encoding="utf-8").split()[:40]) + " " + str(ROOT / "pyproject.toml")
    r = httpx.post(f"{base}/api/documents", timeout=60,
                   headers={"Authorization": f"Bearer {TOKEN}"},
                   json={"text": text, "source": "/etc/passwd", "url": "file:///etc/passwd"})
    assert r.status_code == 201, r.text
    assert r.json()["text"] == text


class _FeedHandler(BaseHTTPRequestHandler):
    feed = b""

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(self.feed)))
        self.end_headers()
        self.wfile.write(self.feed)


def test_a_remote_feed_cannot_make_svodka_read_local_files(tmp_path):
    secret = tmp_path / "secret.html"
    secret.write_text(article_html(SECRET_ARTICLE.read_text(encoding="utf-8")), encoding="utf-8")
    summary = " ".join(SEED.read_text(encoding="utf-8").split()[:60])
    items = "".join(f"<item><title>{n}</title><link>{link}</link><guid>{n}</guid>"
                    f"<description>{summary}</description></item>"
                    for n, link in enumerate([secret.as_uri(), str(secret)]))
    _FeedHandler.feed = (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
                         f"<title>t</title>{items}</channel></rss>").encode()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _FeedHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        docs = list(iter_items([f"http://127.0.0.1:{httpd.server_port}/feed.xml"],
                               policy=FetchPolicy(allow_private_network=True)))
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert len(docs) == 2 and all(isinstance(d, Document) for d in docs)
    assert [d.text for d in docs] == [summary, summary]
