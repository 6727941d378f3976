"""The analyst's workbench over HTTP (issue 14's defects): forms with blank
and partial fields, dates on the event's own date, error pages in the
site's chrome, no server paths, offline API docs, compression, strict
parameters, the events browser, the quote explorer and exports. The store
holds real corpus articles (tests/api/store_fixture.py); expected figures
are derived from their analyzed documents."""
from __future__ import annotations

import csv
import io
import re

import pytest

from store_fixture import CORPUS, analyzed, hostile
from svodka.store.summary import month_range
from svodka.store.write import merge_key

PAIR = {"BLR", "KAZ"}
LUKASHENKO = "Александр Лукашенко"


def all_docs():
    return (*analyzed(), hostile())


def pair_events(until=None, since=None):
    """BLR-KAZ events of the fixture filed by the event's date, else the article's."""
    out = []
    for d in all_docs():
        for e in d.events:
            if e.source and e.target and {e.source.country, e.target.country} == PAIR:
                when = e.date or d.published
                if (until is None or when[:len(until)] <= until) and (since is None or when >= since):
                    out.append(e)
    return out


@pytest.mark.parametrize("path", [
    "/search?q=Лукашенко&since=&until=",
    "/search?q=Лукашенко&since=2024-01-01&until=",
    "/search?q=Лукашенко&since=&until=2024-12-31",
    "/dyads/BLR-KAZ?since=&until=",
    "/dyads/BLR-KAZ?since=2024-03-01&until=",
    "/events?type=&quad=&mode=&source=&target=&country=&pair=&domestic=&actor=&place=&since=&until=&last=",
    "/quotes?q=&speaker=&country=&role=&about_country=&since=&until=",
    "/entities?q=&type=&country=",
])
def test_forms_with_blank_and_partial_fields_are_answered(web_client, path):
    r = web_client.get(path)
    assert r.status_code == 200, r.text[:300]
    assert r.headers["content-type"].startswith("text/html")


def test_dyad_dates_filter_on_the_events_own_date(web_client):
    # the seed's events happened the day before it was published (2024-03-12)
    expected = pair_events(until="2024-03-11")
    assert expected and all(e.date == "2024-03-11" for e in expected)
    d = web_client.get("/api/dyads/BLR-KAZ", params={"until": "2024-03-11"}).json()
    assert d["events"] == len(expected)
    assert [m["month"] for m in d["months"]] == ["2024-03"]
    whole = web_client.get("/api/dyads/BLR-KAZ").json()
    first = whole["months"][0]["month"]
    since = web_client.get("/api/dyads/BLR-KAZ", params={"since": first + "-01"}).json()
    assert sum(m["events"] for m in since["months"]) == sum(m["events"] for m in whole["months"])


def test_months_are_continuous_and_zero_filled(web_client):
    months = [m["month"] for m in web_client.get("/api/dyads/BLR-KAZ").json()["months"]]
    assert months == month_range(months[0], months[-1])
    assert month_range("2023-11", "2024-02") == ["2023-11", "2023-12", "2024-01", "2024-02"]


@pytest.mark.parametrize("path, status, words", [
    ("/nope", 404, "Not found"),
    ("/dyads/RUSSIA", 422, "pair"),
    ("/entities?type=XYZ", 422, "PER, ORG, LOC"),
    ("/search?limit=1000", 422, "limit"),
    ("/events?type=FOOBAR", 422, "AGREE"),
    ("/entities/no-such-entity", 404, "No such entity"),
])
def test_web_errors_are_pages_in_the_chrome(web_client, path, status, words):
    r = web_client.get(path)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("text/html")
    assert '<header class="top">' in r.text and words in r.text


def test_no_server_paths_on_pages_or_in_rows(web_client):
    seed = analyzed()[0]
    where = str(CORPUS)
    assert where not in web_client.get(f"/documents/{seed.key}").text
    for path in ("/api/documents", "/api/documents?q=Лукашенко", "/api/search?q=Лукашенко",
                 "/api/quotes?limit=100", "/api/events?limit=100", "/api/dyads/BLR-KAZ"):
        assert where not in web_client.get(path).text, path


def test_api_docs_are_served_offline(web_client):
    home = web_client.get("/").text
    assert '<a href="/docs">API</a>' in home
    docs = web_client.get("/docs")
    assert docs.status_code == 200
    scripts = re.findall(r'<script src="([^"]+)"', docs.text)
    assert scripts == ["/docs/static/swagger-ui-bundle.js", "/static/docs.js"]
    assert "<script>" not in docs.text          # no inline script: the CSP stands
    assert "default-src 'self'" in docs.headers["content-security-policy"]
    for src in scripts:
        assert web_client.get(src).status_code == 200
    assert web_client.get("/redoc", follow_redirects=False).headers["location"] == "/docs"


def test_static_files_compressed_and_no_chart_bundle(web_client):
    r = web_client.get("/static/style.css", headers={"Accept-Encoding": "gzip"})
    assert r.headers["content-encoding"] == "gzip"
    page = web_client.get("/dyads/BLR-KAZ", headers={"Accept-Encoding": "gzip"})
    assert page.headers["content-encoding"] == "gzip"
    assert "<script" not in page.text               # the chart is drawn on the server
    assert page.text.count('<svg class="chart"') == 1
    assert web_client.get("/static/plotly.min.js").status_code == 404


@pytest.mark.parametrize("url, named", [
    ("/api/events?cuntry=KAZ", "country"),
    ("/api/quotes?speeker=x", "speaker"),
    ("/api/entities?kind=PER", "type"),
    ("/api/events?type=FOOBAR", "AGREE"),
    ("/api/events?quad=peace", "verbal cooperation"),
    ("/api/entities?type=XYZ", "PER, ORG, LOC"),
])
def test_api_refuses_unknown_parameters_and_values_naming_valid_ones(web_client, url, named):
    r = web_client.get(url)
    assert r.status_code == 422
    assert named in r.json()["detail"][0]["msg"]


def test_events_filtered_by_country_on_either_side(web_client):
    r = web_client.get("/api/events", params={"country": "KAZ", "limit": 100}).json()
    expected = sum(1 for d in all_docs() for e in d.events
                   if "KAZ" in {e.source and e.source.country, e.target and e.target.country})
    assert r["total"] == expected
    assert all("KAZ" in {(e["source"] or {}).get("country"), (e["target"] or {}).get("country")}
               for e in r["items"])


def test_pager_words_fit_any_sort(web_client):
    page = web_client.get("/quotes", params={"limit": 2, "offset": 2}).text
    assert "← previous" in page and "next →" in page and "newer" not in page


def test_counts_are_pluralised(web_client):
    rows = web_client.get("/api/entities", params={"limit": 100, "type": "PER"}).json()["items"]
    one = next(e for e in rows if e["documents"] == 1 and e["mentions"] == 1)
    page = web_client.get(f"/entities/{one['key']}").text
    assert "1 article<" in page and "1 mention<" in page
    assert "1 articles" not in page and "1 mentions" not in page


def test_dyad_amounts_are_labelled_by_title_not_hash(web_client):
    page = web_client.get("/dyads/BLR-KAZ").text
    table = page.split('<table class="amounts">', 1)[1].split("</table>", 1)[0]
    labels = re.findall(r'<a href="/documents/([0-9a-f]{40})#am\d+">([^<]+)</a>', table)
    assert labels
    for key, text in labels:
        assert not key.startswith(text.strip().rstrip("…")[:12])


def test_favicon_and_head(web_client):
    assert web_client.get("/favicon.ico").status_code == 200
    for path in ("/", "/events", "/dyads/BLR-KAZ"):
        assert web_client.head(path).status_code == 200


def test_entity_urls_are_stable_keys(web_client, web_store):
    seed = analyzed()[0]
    ent = next(e for e in seed.entities if e.name == LUKASHENKO)
    key = merge_key(ent)                 # type|folded name|country: survives a rebuild
    detail = web_client.get(f"/api/entities/{key}").json()
    assert detail["entity"]["name"] == LUKASHENKO and detail["entity"]["key"] == key
    page = web_client.get(f"/speakers/{key}")
    assert page.status_code == 200 and f"<h1>{LUKASHENKO}</h1>" in page.text
    article = web_client.get(f"/documents/{seed.key}").text
    assert "/speakers/PER%7C" in article


def test_events_export_as_csv_matches_the_view(web_client):
    view = web_client.get("/api/events", params={"pair": "BLR-KAZ", "limit": 100}).json()
    r = web_client.get("/api/events", params={"pair": "BLR-KAZ", "format": "csv"})
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == view["total"] == len(pair_events())
    assert [int(x["id"]) for x in rows] == [e["id"] for e in view["items"]]
    assert {(x["source.country"], x["target.country"]) for x in rows} <= {("BLR", "KAZ"), ("KAZ", "BLR")}
    as_json = web_client.get("/api/events", params={"pair": "BLR-KAZ", "format": "json"}).json()
    assert as_json["items"] == view["items"] and as_json["total"] == view["total"]
    page = web_client.get("/events", params={"pair": "BLR-KAZ"}).text
    assert 'href="/api/events?pair=BLR-KAZ&amp;format=csv"' in page


def test_events_browser_filters_and_facets(web_client):
    consult = [e for e in pair_events() if e.type == "CONSULT"]
    r = web_client.get("/api/events", params={"pair": "BLR-KAZ", "type": "consult"}).json()
    assert r["total"] == len(consult)
    facets = web_client.get("/api/events/facets", params={"pair": "BLR-KAZ"}).json()
    assert dict(map(tuple, facets["type"]))["CONSULT"] == len(consult)
    assert sum(n for _, n in facets["type"]) == len(pair_events())
    page = web_client.get("/events", params={"pair": "BLR-KAZ", "type": "CONSULT"}).text
    assert f"{len(consult)} events" in page
    assert f"CONSULT ({len(consult)})" in page
    # each row links to its event's anchor in the article
    assert len(re.findall(r'href="/documents/[0-9a-f]{40}#ev\d+"', page)) == len(consult)


def test_quote_explorer_by_speaker_country_role_and_subject(web_client):
    def quotes(**params):
        return web_client.get("/api/quotes", params={**params, "limit": 100}).json()
    by_kaz = quotes(country="KAZ")
    assert by_kaz["total"] >= 1 and all(q["speaker_country"] == "KAZ" for q in by_kaz["items"])
    president = quotes(role="президент")
    assert president["total"] >= 5
    assert {q["speaker"] for q in president["items"]} >= {LUKASHENKO}
    about = quotes(about_country="KAZ", since="2024-01-01")
    assert about["total"] >= 1
    for q in about["items"]:
        assert q["published"] >= "2024-01-01"
    page = web_client.get("/quotes", params={"country": "KAZ"}).text
    assert re.search(r'href="/documents/[0-9a-f]{40}#q\d+"', page)


def test_actor_and_subject_filters_take_a_name_key_or_id(web_client):
    key = web_client.get("/api/entities", params={"q": "лукашенко", "type": "PER"}).json()["items"][0]
    by = {v: web_client.get("/api/events", params={"actor": v}).json()["total"]
          for v in ("Лукашенко", key["key"], str(key["id"]))}
    assert len(set(by.values())) == 1 and by["Лукашенко"] >= 1
    page = web_client.get("/events", params={"actor": "Лукашенко"}).text
    assert f"{by['Лукашенко']} event" in page
    assert web_client.get("/api/events", params={"actor": "Нетакогоимени"}).json()["total"] == 0


def test_map_places_events_from_local_coordinates(web_client):
    from svodka.web.maps import locate
    in_minsk = [e for e in pair_events() if e.location and e.location.name == "Минск"]
    assert in_minsk
    page = web_client.get("/map", params={"pair": "BLR-KAZ"}).text
    assert locate("Минск", None) == (53.9, 27.567)
    dot = re.search(r'<a href="(/events\?pair=BLR-KAZ&amp;place=[^"]+)"><circle class="place"[^>]*>'
                    r'<title>Минск: (\d+) events</title>', page)
    assert dot and int(dot.group(2)) == len(in_minsk)
    assert "http" not in page.split('<svg class="map"', 1)[1].split("</svg>", 1)[0].replace(
        'xmlns="http://www.w3.org/2000/svg"', "")
    listed = web_client.get(dot.group(1).replace("&amp;", "&")).text
    assert f"{len(in_minsk)} events" in listed


def test_entity_page_links_to_its_mentions(web_client):
    seed = analyzed()[0]
    ent = next(e for e in seed.entities if e.name == LUKASHENKO)
    page = web_client.get(f"/entities/{merge_key(ent)}").text
    assert f'href="/documents/{seed.key}#{ent.id}-1"' in page
    article = web_client.get(f"/documents/{seed.key}").text
    assert f'id="{ent.id}-1"' in article


@pytest.mark.parametrize("days", [7, 30, 365])
def test_relative_ranges_count_back_from_today(web_client, days):
    import datetime as dt
    since = (dt.date.today() - dt.timedelta(days=days)).isoformat()
    expected = sum(1 for d in all_docs() for e in d.events if (e.date or d.published) >= since)
    assert web_client.get("/api/events", params={"last": days}).json()["total"] == expected
    assert web_client.get("/events", params={"last": days}).status_code == 200


def test_only_the_offered_relative_ranges(web_client):
    r = web_client.get("/api/events", params={"last": 36500})
    assert r.status_code == 422 and "last" in str(r.json()["detail"][0]["loc"])
