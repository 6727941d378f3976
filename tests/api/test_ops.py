"""`/health` checks the store; `/metrics` is Prometheus text with requests
and latency by route template, the store's counts and its cache's hits."""
from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy import create_engine


def test_health_answers_ok_when_the_store_answers(client):
    r = client.get("/health")
    assert r.status_code == 200
    assert r.json()["status"] == "ok"


def test_health_is_503_when_the_store_cannot_answer(tmp_path):
    from svodka.api import create_app
    from svodka.store import Store
    store = Store(f"sqlite:///{tmp_path / 'h.db'}")
    with TestClient(create_app(store)) as c:
        # The database moved to a folder that is not there: every connection fails.
        store.engine = create_engine(f"sqlite:///{tmp_path / 'gone' / 'h.db'}")
        r = c.get("/health")
    assert r.status_code == 503
    assert r.json()["status"] == "unavailable" and "OperationalError" in r.json()["detail"]


def _sample(text: str, name: str, **labels: str) -> float:
    want = ",".join(f'{k}="{v}"' for k, v in labels.items())
    braces = f"{{{want}}}" if want else ""
    m = re.search(rf"^{re.escape(name + braces)} (\S+)$", text, re.M)
    assert m, f"{name}{{{want}}} not in the metrics"
    return float(m[1])


def test_metrics_count_requests_by_route_template_and_read_the_store(store):
    from svodka.api import create_app
    with TestClient(create_app(store)) as c:
        key = store.documents(limit=1).items[0].document
        for _ in range(2):
            assert c.get(f"/api/documents/{key}").status_code == 200
        assert c.get("/no/such/page").status_code == 404
        store.stats()
        store.stats()           # the second one from the store's aggregate cache
        r = c.get("/metrics")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    text = r.text
    assert _sample(text, "svodka_http_requests_total", method="GET",
                   route="/api/documents/{key}", status="200") == 2
    assert _sample(text, "svodka_http_requests_total", method="GET",
                   route="unmatched", status="404") == 1
    assert _sample(text, "svodka_http_request_duration_seconds_count", method="GET",
                   route="/api/documents/{key}") == 2
    assert _sample(text, "svodka_store_items", kind="documents") == store.stats()["documents"]
    assert _sample(text, "svodka_store_cache_hits_total") >= 1
