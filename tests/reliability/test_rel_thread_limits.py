"""Limits where no timer can interrupt: Dask worker threads and the HTTP
server's threads rely on the size limit and a deadline checked between stages."""
from __future__ import annotations

import threading

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


def test_the_deadline_holds_in_a_thread_where_no_timer_can(models):
    from svodka import analyze
    from svodka.limits import ItemRefused, can_interrupt
    caught = []

    def work():
        assert not can_interrupt()
        try:
            analyze(TEXT, seconds=1e-9)
        except ItemRefused as e:
            caught.append(e)

    t = threading.Thread(target=work)
    t.start()
    t.join(60)
    assert len(caught) == 1


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


def test_an_interruption_swallowed_inside_the_body_still_refuses_the_item():
    """An exception raised while Python runs a __del__ or weakref callback is
    dropped; the limit must hold all the same."""
    import time

    from svodka.limits import ItemRefused, time_limit
    swallowed = 0
    with pytest.raises(ItemRefused):
        with time_limit(0.1, source="x.txt"):
            until = time.monotonic() + 0.6
            while time.monotonic() < until:
                try:
                    time.sleep(0.01)
                except BaseException:   # as the interpreter does for __del__
                    swallowed += 1
    assert swallowed >= 2       # the timer kept firing after the first was lost
