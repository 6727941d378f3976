"""ingest/watch.py and `svodka watch` against feeds served on 127.0.0.1 that
change between polls, answer 304, fail with 500 or send garbage."""
from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ingest_feed_server import ARTICLES, FeedServer
from ingest_pages import nerel
from svodka.document import content_key
from svodka.ingest.fetch import FetchPolicy
from svodka.ingest.watch import Watcher, retry_delay
from svodka.store import FeedRecord, Store

SVODKA = str(Path(sys.executable).parent / "svodka")


def test_watch_ingests_only_new_items_and_survives_a_feed_that_fails(store):
    script = [("feed", '"v1"', "ab"), ("feed", '"v1"', "ab"), ("error",), ("garbage",),
              ("feed", '"v2"', "abc")]
    log: list[str] = []
    with FeedServer(script) as server:
        watcher = Watcher([server.url()], store, every=0.05, log=log.append,
                          policy=FetchPolicy(allow_private_network=True))
        assert watcher.run(max_polls=5) == 5
    feed_requests = [r for r in server.requests if r[0] == "/feed.xml"]
    pages = [r[0] for r in server.requests if r[0].startswith("/pages/")]
    assert feed_requests[1][1:] == ('"v1"', "Fri, 14 Jun 2019 07:00:00 GMT")   # conditional
    assert pages == ["/pages/a.html", "/pages/b.html", "/pages/c.html"]       # each page once
    assert store.has_keys(content_key(nerel(f)) for f in ARTICLES.values()) == {
        content_key(nerel(f)) for f in ARTICLES.values()}
    assert store.stats()["documents"] == 3
    url = server.url()
    assert log[0].startswith(f"{url}: 2 new items: 2 analyzed")
    assert log[1:] == [
        f"{url}: not modified",
        f"{url}: HTTP 500 Internal Server Error (failure 1; retrying in 0.05 s)",
        f"{url}: not an RSS or Atom feed (failure 2; retrying in 0.1 s)",
        f"{url}: 1 new items: 1 analyzed, 0 known, 0 duplicates, 0 skipped, 0 failed",
    ]


def test_a_restarted_watch_keeps_its_feed_state_from_the_store(store):
    # Each round is a new process's watcher on a newly opened store: an
    # unchanged feed is asked for conditionally and not read, the items read
    # before are not read again, and failures count on across restarts.
    script = [("feed", '"v1"', "ab"), ("feed", '"v1"', "ab"), ("error",), ("error",),
              ("feed", '"v2"', "abc"), ("feed", '"v2"', "abc")]
    log: list[str] = []
    with FeedServer(script) as server:
        for _ in range(len(script)):
            with Store(store.url) as reopened:
                Watcher([server.url()], reopened, every=0.05, log=log.append,
                        policy=FetchPolicy(allow_private_network=True)).run(max_polls=1)
    url = server.url()
    assert [line.split(": ", 1)[1] for line in log] == [
        "2 new items: 2 analyzed, 0 known, 0 duplicates, 0 skipped, 0 failed",
        "not modified",
        "HTTP 500 Internal Server Error (failure 1; retrying in 0.05 s)",
        "HTTP 500 Internal Server Error (failure 2; retrying in 0.1 s)",
        "1 new items: 1 analyzed, 0 known, 0 duplicates, 0 skipped, 0 failed",
        "not modified",
    ]
    feed_requests = [r[1] for r in server.requests if r[0] == "/feed.xml"]
    assert feed_requests == [None, '"v1"', '"v1"', '"v1"', '"v1"', '"v2"']
    pages = [r[0] for r in server.requests if r[0].startswith("/pages/")]
    assert pages == ["/pages/a.html", "/pages/b.html", "/pages/c.html"]
    assert store.stats()["documents"] == 3
    seen = store.feed_states([url, "http://127.0.0.1:1/other.xml"])
    assert list(seen) == [url]
    assert (seen[url].etag, seen[url].failures, len(seen[url].seen)) == ('"v2"', 0, 3)


def test_a_watch_stopped_within_a_poll_reads_the_rest_at_the_next_start(store, monkeypatch):
    import svodka.ingest.watch as watch
    read = watch.entry_document

    def read_then_stop(entry, source, n, read_page):
        doc = read(entry, source, n, read_page)
        stopping.stop()
        return doc
    with FeedServer([("feed", '"v1"', "abc")]) as server:
        policy = FetchPolicy(allow_private_network=True)
        stopping = Watcher([server.url()], store, every=0.05, log=lambda m: None, policy=policy)
        monkeypatch.setattr(watch, "entry_document", read_then_stop)
        stopping.run(max_polls=1)
        monkeypatch.setattr(watch, "entry_document", read)
        log: list[str] = []
        Watcher([server.url()], store, every=0.05, log=log.append, policy=policy).run(max_polls=1)
    # the feed's validators were not kept, so it is fetched whole again, and
    # only the two items not read before are read
    assert [r[1] for r in server.requests if r[0] == "/feed.xml"] == [None, None]
    assert [r[0] for r in server.requests if r[0].startswith("/pages/")] == [
        "/pages/a.html", "/pages/b.html", "/pages/c.html"]
    assert log == [f"{server.url()}: 2 new items: 2 analyzed, 0 known, 0 duplicates, "
                   "0 skipped, 0 failed"]
    assert store.stats()["documents"] == 3


def test_feed_state_is_replaced_per_url(store):
    first = FeedRecord("https://ria.ru/export/rss2/archive/index.xml", etag='"a1"',
                       last_modified="Fri, 14 Jun 2019 07:00:00 GMT",
                       seen=frozenset({"https://ria.ru/20190614/1555460000.html"}))
    store.save_feed_state(first)
    assert store.feed_states([first.url]) == {first.url: first}
    failing = FeedRecord(first.url, etag='"a1"', seen=first.seen, failures=3)
    store.save_feed_state(failing)
    assert store.feed_states([first.url]) == {first.url: failing}


@pytest.mark.parametrize("every, failures, seconds", [
    (900, 1, 60), (900, 2, 120), (900, 7, 3840), (900, 9, 7200), (10, 1, 10), (10, 5, 80)])
def test_back_off_doubles_from_a_minute_up_to_eight_intervals(every, failures, seconds):
    assert retry_delay(every, failures) == seconds


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_svodka_watch_stops_cleanly_on_a_signal(sig, tmp_path):
    with FeedServer([("feed", '"v1"', "a")]) as server:
        proc = subprocess.Popen([SVODKA, "watch", server.url(), "--every", "0.2s",
                                 "--allow-private-network",
                                 "--db", f"sqlite:///{tmp_path / 'svodka.db'}"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 120
            while sum(r[1] == '"v1"' for r in server.requests) < 2:   # two polls after the first
                assert proc.poll() is None, proc.stderr.read()
                assert time.monotonic() < deadline
                time.sleep(0.05)
            proc.send_signal(sig)
            _, stderr = proc.communicate(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert proc.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert "1 new items: 1 analyzed" in stderr
    assert "watch stopped after" in stderr
