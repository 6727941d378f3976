"""Limits where the analysis is called from a thread — the HTTP server's,
a Dask worker's: the item goes to a worker process all the same, is
refused there alone when over a limit, and the others of its batch are
analyzed. The pipeline's own deadline between stages still holds in any
thread. Timings have wide margins: CI is a loaded 2-core machine."""
from __future__ import annotations

import threading
import time

import pytest
from fastapi.testclient import TestClient

from paths import SEED

TEXT = SEED.read_text(encoding="utf-8")


def test_a_deadline_between_stages_refuses_the_item(models):
    from svodka import analyze
    from svodka.limits import ItemRefused
    with pytest.raises(ItemRefused) as info:
        analyze(TEXT, source="seed.txt", seconds=1e-9)
    assert str(info.value).startswith("seed.txt: analysis took over 1e-09 s (the per-item time limit), "
                                      "stopped after stage parse")
    assert analyze(TEXT, seconds=60) == analyze(TEXT)


def _in_thread(fn):
    """fn() in another thread: (its value or exception, seconds taken)."""
    out = {}

    def run():
        started = time.monotonic()
        try:
            out["value"] = fn()
        except BaseException as e:      # noqa: BLE001 - handed back to the test
            out["value"] = e
        out["seconds"] = time.monotonic() - started
    t = threading.Thread(target=run)
    t.start()
    t.join(300)
    return out["value"], out["seconds"]


def test_a_long_article_analyzed_from_a_thread_is_stopped_at_its_limit(models):
    """A 144-fold seed article takes over 10 s; from a thread, a 2 s limit
    kills its worker soon after, and the thread's next item is whole."""
    from svodka import analyze
    from svodka.limits import ItemRefused, analyze_limited

    analyze_limited(TEXT)       # a worker is up: its start is not timed
    long = "\n".join([TEXT] * 144)
    value, took = _in_thread(lambda: analyze_limited(long, seconds=2, source="long.txt"))
    assert isinstance(value, ItemRefused)
    assert str(value) == "long.txt: analysis took over 2 s (the per-item time limit)"
    assert 2 <= took < 30, took
    value, _ = _in_thread(lambda: analyze_limited(TEXT))
    assert value == analyze(TEXT)


def test_a_worker_batch_stops_a_slow_article_and_analyzes_the_rest(models, monkeypatch):
    """A Dask task runs in a worker thread: the article over its time limit
    is refused, alone, and the others of its batch are analyzed."""
    from svodka.distributed import Failure, analyze_batch
    from svodka.document import Document
    # The 144-fold article takes over 10 s alone; the batch is stopped
    # after the sum of its limits (6 s), the slow article alone after 3 s.
    monkeypatch.setenv("SVODKA_ITEM_SECONDS", "3")
    slow = Document(text="\n".join([TEXT] * 144), source="slow.txt")
    ok = Document(text=TEXT, source="seed.txt")
    out, took = _in_thread(lambda: analyze_batch([slow, ok]))
    assert isinstance(out[0], Failure) and isinstance(out[1], Document), out
    assert out[0].message == "analysis took over 3 s (the per-item time limit)"
    assert out[1].source == "seed.txt" and len(out[1].quotes) == 6
    assert took < 90


def test_a_worker_batch_refuses_an_oversize_article_and_analyzes_the_rest(models, monkeypatch):
    from svodka.distributed import Failure, analyze_batch
    from svodka.document import Document
    monkeypatch.setenv("SVODKA_MAX_CHARS", str(len(TEXT) + 10))
    big = Document(text=TEXT + " " + TEXT, source="big.txt")
    ok = Document(text=TEXT, source="seed.txt")
    out = analyze_batch([big, ok])
    failures = [o for o in out if isinstance(o, Failure)]
    docs = [o for o in out if isinstance(o, Document)]
    assert [(f.source, f.message) for f in failures] == [
        ("big.txt", f"article of {2 * len(TEXT) + 1} characters is over the limit of {len(TEXT) + 10}")]
    assert [d.source for d in docs] == ["seed.txt"]
    assert len(docs[0].quotes) == 6


def test_the_analyze_endpoint_refuses_an_article_over_the_size_limit(models, monkeypatch, tmp_path):
    from svodka.api import create_app
    from svodka.store import Store
    monkeypatch.setenv("SVODKA_MAX_CHARS", "1000")
    store = Store(f"sqlite:///{tmp_path / 'limits.db'}")
    with TestClient(create_app(store, token="t0ken")) as client:
        auth = {"Authorization": "Bearer t0ken"}
        refused = client.post("/api/analyze", json={"text": TEXT}, headers=auth)
        assert refused.status_code == 422
        assert f"article of {len(TEXT)} characters is over the limit of 1000" in refused.text
        short = TEXT[:900]
        assert client.post("/api/analyze", json={"text": short}, headers=auth).status_code == 200


def test_the_endpoints_refuse_an_analysis_over_the_time_or_memory_limit(monkeypatch, tmp_path):
    """POST /api/analyze and /api/documents: an item whose analysis sleeps or
    allocates without end gets 422 with the reason, nothing is stored, and
    the next request is analyzed (and stored) as usual."""
    from svodka.api import create_app
    from svodka.store import Store
    monkeypatch.setenv("SVODKA_ITEM_SECONDS", "3")
    monkeypatch.setenv("SVODKA_ITEM_MB", "300")
    monkeypatch.setenv("SVODKA_TEST_HOOK", "sleep:slow.txt,allocate:greedy.txt")
    store = Store(f"sqlite:///{tmp_path / 'limits.db'}")
    with TestClient(create_app(store, token="t0ken")) as client:
        auth = {"Authorization": "Bearer t0ken"}
        slow = client.post("/api/analyze", json={"text": TEXT, "source": "slow.txt"}, headers=auth)
        assert slow.status_code == 422
        assert "slow.txt: analysis took over 3 s (the per-item time limit)" in slow.text
        greedy = client.post("/api/documents", json={"text": TEXT, "source": "greedy.txt"},
                             headers=auth)
        assert greedy.status_code == 422
        assert "greedy.txt: analysis used over 300 MB (the per-item memory limit)" in greedy.text
        assert store.stats()["documents"] == 0
        stored = client.post("/api/documents", json={"text": TEXT, "source": "seed.txt"},
                             headers=auth)
        assert stored.status_code == 201 and len(stored.json()["quotes"]) == 6
        assert store.stats()["documents"] == 1
