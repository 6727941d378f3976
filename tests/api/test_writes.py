"""Write endpoints and limits (api/security.py, api/documents.py): the token,
body size, ingest of a real article, and no server error on odd input."""
from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import svodka
from svodka.api import create_app
from svodka.document import to_dict
from store_fixture import NEREL, TOKEN

ARTICLE = NEREL / "train" / "15608_text.txt"
RIGHT = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def write_client(tmp_path_factory, models):
    """An app over its own empty store, so ingests don't change the shared one."""
    from svodka.store import Store
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('writes') / 'w.db'}")
    with TestClient(create_app(store, token=TOKEN, max_body_bytes=64 * 1024)) as c:
        yield c


@pytest.fixture(scope="module")
def article_text():
    return ARTICLE.read_text(encoding="utf-8")


@pytest.mark.parametrize("headers, status", [
    ({}, 401),
    ({"Authorization": "Bearer"}, 401),
    ({"Authorization": "Bearer wrong-token"}, 403),
    ({"Authorization": f"Basic {TOKEN}"}, 401),
    ({"Authorization": f"Bearer {TOKEN}x"}, 403),
])
@pytest.mark.parametrize("path", ["/api/analyze", "/api/documents"])
def test_writes_need_the_right_token(write_client, path, headers, status):
    r = write_client.post(path, json={"text": "Минск и Астана."}, headers=headers)
    assert r.status_code == status


@pytest.mark.parametrize("path", ["/api/analyze", "/api/documents"])
def test_writes_disabled_without_a_configured_token(store, path):
    with TestClient(create_app(store)) as c:
        for headers in ({}, RIGHT, {"Authorization": "Bearer "}):
            assert c.post(path, json={"text": "Минск."}, headers=headers).status_code == 403


def test_analyze_returns_the_document_without_storing_it(write_client, article_text):
    r = write_client.post("/api/analyze", headers=RIGHT,
                          json={"text": article_text, "source": ARTICLE.name})
    assert r.status_code == 200
    body = r.json()
    assert body["text"] == article_text and body["source"] == ARTICLE.name
    assert body == to_dict(svodka.analyze(article_text, source=ARTICLE.name))
    assert "Александр Лукашенко" in {e["name"] for e in body["entities"]}
    assert write_client.get(f"/api/documents/{body['key']}").status_code == 404


def test_ingest_stores_once(write_client, article_text):
    payload = {"text": article_text, "title": article_text.split("\n", 1)[0],
               "published": "2009-09-04"}
    first = write_client.post("/api/documents", headers=RIGHT, json=payload)
    assert first.status_code == 201
    again = write_client.post("/api/documents", headers=RIGHT, json=payload)
    assert again.status_code == 200
    assert again.json() == first.json()
    stored = write_client.get(f"/api/documents/{first.json()['key']}").json()
    assert stored == first.json()
    found = write_client.get("/api/documents", params={"q": "ОДКБ"}).json()
    assert [h["document"] for h in found["items"]] == [stored["key"]]


def test_a_lone_surrogate_escape_in_a_body_becomes_a_replacement_character(write_client,
                                                                           article_text):
    """JSON may escape half of a surrogate pair (\\ud800), which no encoder
    takes: it is read as U+FFFD, one character for one, and the text is
    analyzed and stored like the same text with U+FFFD there."""
    cut = article_text.index(".") + 1
    escaped = (json.dumps(article_text[:cut], ensure_ascii=False)[:-1] + "\\ud800"
               + json.dumps(article_text[cut:], ensure_ascii=False)[1:])
    body = '{"text": %s, "title": "\\udc00"}' % escaped
    headers = {**RIGHT, "Content-Type": "application/json"}
    fixed = article_text[:cut] + "\ufffd" + article_text[cut:]
    analyzed = write_client.post("/api/analyze", headers=headers, content=body.encode())
    assert analyzed.status_code == 200
    assert analyzed.json() == to_dict(svodka.analyze(fixed, title="\ufffd"))
    stored = write_client.post("/api/documents", headers=headers, content=body.encode())
    assert stored.status_code == 201 and stored.json()["text"] == fixed


@pytest.mark.parametrize("body", [
    {}, {"text": ""}, {"text": 5}, {"text": "Минск", "extra": 1},
    {"text": "Минск", "title": "x" * 3000}, [], "text", {"text": "Минск\x00"},
    {"text": "Минск", "source": "a\x00b"},
])
def test_bad_bodies_are_422(write_client, body):
    assert write_client.post("/api/analyze", headers=RIGHT, json=body).status_code == 422


def test_bodies_over_the_limit_are_413(write_client):
    big = {"text": "Минск. " * 20000}
    assert write_client.post("/api/analyze", headers=RIGHT, json=big).status_code == 413

    def chunks():   # no Content-Length: the size is only known while reading
        for _ in range(100):
            yield b"x" * 1024
    r = write_client.post("/api/documents", headers={**RIGHT, "Content-Type": "application/json"},
                          content=chunks())
    assert r.status_code == 413


def test_unauthorized_large_body_is_refused_before_reading(write_client):
    r = write_client.post("/api/documents", content=b"x" * (200 * 1024))
    assert r.status_code == 413


_params = st.fixed_dictionaries({}, optional={
    "q": st.text(max_size=30), "speaker": st.text(max_size=30), "type": st.text(max_size=6),
    "source": st.text(max_size=4), "target": st.text(max_size=4),
    "since": st.text(max_size=12), "until": st.text(max_size=12),
    "limit": st.integers(-5, 200).map(str), "offset": st.integers(-5, 10 ** 7).map(str),
})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.sampled_from(["/api/documents", "/api/quotes", "/api/events", "/api/entities",
                             "/api/dyads/BLR-KAZ", "/search", "/entities"]), params=_params)
def test_no_server_error_on_any_query(client, path, params):
    r = client.get(path, params=params)
    assert r.status_code in (200, 422), (path, params, r.text[:300])


def test_a_failing_store_answers_503_not_500(tmp_path, models):
    from svodka.store import Store
    path = tmp_path / "gone.db"
    store = Store(f"sqlite:///{path}")
    with TestClient(create_app(store)) as c:
        assert c.get("/api/entities").status_code == 200
        store.engine.dispose()
        for p in tmp_path.glob("gone.db*"):
            p.unlink()      # the next connection opens an empty database
        r = c.get("/api/entities")
        assert r.status_code == 503
        assert r.json()["detail"].startswith("the store is unavailable")


@pytest.mark.parametrize("method, path, allow", [
    ("PUT", "/api/documents", "GET, POST"),
    ("DELETE", "/api/documents", "GET, POST"),
    ("OPTIONS", "/api/quotes", "GET"),
    ("GET", "/api/analyze", "POST"),
])
def test_405_names_every_allowed_method(write_client, method, path, allow):
    r = write_client.request(method, path)
    assert (r.status_code, r.headers["allow"]) == (405, allow)
