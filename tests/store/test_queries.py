"""Queries over stores filled from real articles (`store/queries.py`, `summary.py`, `export.py`)."""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from svodka.document import EntityRef
from svodka.store.summary import quad_side

from storedata import NEREL, SEED, annotate_seed


def _names(store, hits):
    """File names of the hits' articles (hits carry no server paths)."""
    return {Path(store.get(h.document).source).name for h in hits}


# --- on the analyzed articles -------------------------------------------------

def test_stats_are_the_sums_over_the_documents(filled, corpus_docs):
    stats = filled.stats()
    assert stats["documents"] == 7 and stats["duplicates"] == 0
    assert stats["quotes"] == sum(len(d.quotes) for d in corpus_docs)
    assert stats["events"] == sum(len(d.events) for d in corpus_docs)
    assert stats["amounts"] == sum(len(d.amounts) for d in corpus_docs)
    assert stats["mentions"] == sum(len(e.mentions) for d in corpus_docs for e in d.entities)
    merged = {(e.type, e.name.casefold().replace("ё", "е"), e.country or "")
              for d in corpus_docs for e in d.entities}
    assert stats["entities"] == len(merged)


@pytest.mark.parametrize("query, expected", [
    ("Мажилиса", {SEED.name}),
    ("Обама", {"119336_text.txt"}),
    ("Лионель Месси", {"121809_text.txt"}),
    ("Акихито", {"120043_text.txt"}),
    ("Мажилиса Акихито", set()),          # every word must occur
    ("Обамой", {"119336_text.txt"}),       # other forms of a word match
    ("казахстанский", {SEED.name}),
])
def test_search_finds_exactly_the_articles_holding_the_words(filled, query, expected):
    page = filled.search(query, kinds=("documents",))
    assert page.total == len(expected)
    assert _names(filled, page.items) == expected


def test_search_hits_mark_the_matched_words(filled):
    hit = filled.search("Акихито").items[0]
    assert hit.kind == "document" and hit.marks
    for start, end in hit.marks:
        assert hit.snippet[start:end] == "Акихито"
    assert "<mark>Акихито</mark>" in hit.snippet_html()


def test_hostile_queries_are_plain_words(filled):
    assert filled.search("'; DROP TABLE documents; --").total == 0
    assert filled.search('" OR * NEAR(').total == 0
    assert filled.search("").total == 0
    assert filled.entities(q="%").total == 0
    assert filled.stats()["documents"] == 7


def test_entities_merged_by_name(filled, corpus_docs):
    page = filled.entities(q="лукашенко")
    assert [e.name for e in page.items] == ["Александр Лукашенко"]
    seed = corpus_docs[0]
    luk = next(e for e in seed.entities if e.name == "Александр Лукашенко")
    assert page.items[0].mentions == len(luk.mentions)
    assert page.items[0].documents == 1


def test_quotes_by_speaker_count_as_in_the_analysis(filled, corpus_docs):
    expected = sum(1 for d in corpus_docs for q in d.quotes
                   if q.speaker and "лукашенко" in q.speaker.name.lower())
    page = filled.quotes(speaker="Лукашенко", limit=100)
    assert page.total == expected
    assert {q.document for q in page.items} <= {corpus_docs[0].key}


def test_events_by_type_as_in_the_analysis(filled, corpus_docs):
    counts = Counter(ev.type for d in corpus_docs for ev in d.events)
    for type_, n in counts.items():
        assert filled.events(type=type_).total == n
    assert filled.events().total == sum(counts.values())


def test_exports_have_a_row_per_stored_item(filled):
    stats = filled.stats()
    for table in ("documents", "quotes", "events", "entities"):
        assert len(list(filled.export(table))) == stats[table]
    docs = list(filled.export("documents"))
    assert {Path(d["source"]).name for d in docs} == {SEED.name, *(p.name for p in NEREL)}


# --- on the annotated seed ------------------------------------------------------

def test_quotes_of_a_speaker_with_role_and_dates(annotated):
    page = annotated.quotes(speaker="лукашенко")
    assert page.total == 4
    assert {q.speaker for q in page.items} == {"Александр Лукашенко"}
    assert {q.role for q in page.items} == {"Президент Беларуси"}
    assert [q.cue for q in page.items] == [None, "отметил помощь", "сказал Президент",
                                           "отметил глава государства"]
    assert annotated.quotes(speaker="Лукашенко", since="2024-05-14").total == 4
    assert annotated.quotes(speaker="Лукашенко", since="2024-05-15").total == 0
    assert annotated.quotes(speaker="Лукашенко", until="2024-05").total == 4
    assert annotated.quotes(speaker="Лукашенко", until="2024-04").total == 0
    assert annotated.quotes(speaker="Кошанов").items[0].text.startswith("Я не первый раз")
    assert annotated.quotes(q="ШОС").total == 0
    assert annotated.quotes(q="Хатыни").total == 0
    assert annotated.quotes(q="чистота").items[0].speaker == "Ерлан Кошанов"


def test_quote_pages(annotated):
    first, second = annotated.quotes(limit=3), annotated.quotes(limit=3, offset=3)
    assert (first.total, len(first.items), len(second.items)) == (5, 3, 2)
    assert {q.id for q in first.items}.isdisjoint(q.id for q in second.items)


def test_search_returns_articles_then_quotes(annotated):
    page = annotated.search("благодарны")
    assert [h.kind for h in page.items] == ["document", "quote"]
    assert page.items[1].speaker == "Александр Лукашенко"
    # the near-duplicate copy holds the word too, but is left out
    assert page.total == 2
    assert annotated.search("благодарны", limit=1, offset=1).items[0].kind == "quote"
    assert annotated.search("благодарны", since="2024-06-01").total == 0


def test_snippets_are_plain_text_rendered_escaped(annotated):
    hit = annotated.search("тракторы").items[0]
    assert "<script>alert('x')</script>" in hit.snippet
    html = hit.snippet_html()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<mark>тракторы</mark>" in html and "&amp;" in html


def test_events_by_dyad_and_type(annotated):
    assert annotated.events(source="KAZ", target="BLR").total == 2
    assert annotated.events(source="blr", target="kaz").total == 1
    consult = annotated.events(source="KAZ", target="BLR", type="consult").items
    assert [(e.type, e.mode, e.location, e.date) for e in consult] == [
        ("CONSULT", "visit", "Минск", "2024-05-13")]
    assert consult[0].source.name == "Ерлан Кошанов" and consult[0].source.sector == "LEG"
    assert annotated.events(type="ACCUSE").total == 0


def test_entity_search_and_detail(annotated):
    assert [e.name for e in annotated.entities(q="шос").items] == [
        "Шанхайская организация сотрудничества"]
    assert annotated.entities(type="PER").total == 2
    luk = annotated.entities(q="Лукашенко").items[0]
    assert (luk.country, luk.quotes) == ("BLR", 4)
    detail = annotated.entity(luk.id)
    assert detail.roles == ("Президент Беларуси",)
    assert len(detail.quotes) == 4
    assert {e.type for e in detail.events} == {"CONSULT", "SUPPORT", "COOPERATE"}
    assert annotated.entity(10**6) is None and annotated.entity("x") is None


def test_dyad_per_month(annotated):
    dyad = annotated.dyad("BLR", "KAZ")
    assert dyad.events == 3 and dyad.undated == 0
    assert [(m.month, m.events, m.types, m.balance) for m in dyad.months] == [
        ("2024-04", 1, {"SUPPORT": 1}, 1.0),
        ("2024-05", 2, {"CONSULT": 1, "COOPERATE": 1}, 1.0)]
    assert [(s.name, s.quotes) for s in dyad.top_speakers] == [
        ("Александр Лукашенко", 4), ("Ерлан Кошанов", 1)]
    assert [(a.value, a.unit) for a in dyad.amounts] == [(Decimal("1000000000"), "USD"),
                                                         (Decimal("50"), "%")]
    assert annotated.dyad("BLR", "RUS").events == 0


@pytest.mark.parametrize("quad, side", [
    ("verbal cooperation", "cooperation"), ("material conflict", "conflict"),
    ("1", "cooperation"), ("4", "conflict"), (None, None), ("", None)])
def test_quad_side(quad, side):
    assert quad_side(quad) == side


def test_documents_listing(annotated):
    page = annotated.documents()
    assert page.total == 3      # the near-duplicate is not listed
    assert [h.published for h in page.items] == ["2024-06-01", "2024-05-14", "2017-06-01"]
    assert annotated.get(annotated.documents(q="Обама").items[0].document).source.endswith(
        "119336_text.txt")


def test_gdelt_like_event_export(annotated):
    rows = list(annotated.export("events"))
    assert len(rows) == 3
    assert rows[0] == {
        "id": rows[0]["id"], "date": "2024-05-13",
        "source_name": "Ерлан Кошанов", "source_country": "KAZ", "source_sector": "LEG",
        "source_entity_id": rows[0]["source_entity_id"],
        "target_name": "Александр Лукашенко", "target_country": "BLR",
        "target_sector": "GOV", "target_entity_id": rows[0]["target_entity_id"],
        "type": "CONSULT", "mode": "visit", "quad": "verbal cooperation", "contexts": "",
        "location": "Минск", "text": "Делегация во главе с Ерланом Кошановым прибыла в Минск",
        "document": rows[0]["document"], "source_url": "https://example.org/seed"}
    assert rows[2]["date"] == "2024-05-14"      # undated event: the article's date


def test_aliases_from_every_document_find_the_merged_entity(store, annotated_docs):
    from dataclasses import replace
    seed = annotated_docs[0]
    sco = seed.entities[2]
    other = replace(annotated_docs[2], entities=(replace(sco, aliases=("SCO",), mentions=()),))
    store.save_many([seed, other])
    for alias in ("шос", "sco", "Шанхайская"):
        page = store.entities(q=alias)
        assert [(e.name, e.documents) for e in page.items] == [
            ("Шанхайская организация сотрудничества", 2)]
    assert store.entity(page.items[0].id).aliases == ("SCO", "ШОС")


def test_many_hits_come_newest_first_with_their_words_marked(annotated, monkeypatch):
    from svodka.store import search
    ranked = annotated.search("Минск", kinds=("documents",))
    monkeypatch.setattr(search, "RANKED_HITS", 0)
    page = annotated.search("Минск", kinds=("documents",))
    def source(hit):
        return annotated.get(hit.document).source
    assert [(source(h), h.published) for h in page.items] == [
        ("markup", "2024-06-01"), ("seed/annotated", "2024-05-14")]
    assert {source(h) for h in ranked.items} == {"markup", "seed/annotated"}
    for hit in page.items:
        assert hit.marks and {hit.snippet[s:e] for s, e in hit.marks} <= {"Минск", "Минске"}
    quotes = annotated.search("благодарны", kinds=("quotes",))
    assert [(h.speaker, h.snippet[h.marks[0][0]:h.marks[0][1]]) for h in quotes.items] == [
        ("Александр Лукашенко", "благодарны")]


def test_quotes_of_a_speaker_not_linked_to_an_entity(store, seed_text):
    """A quote whose speaker is a name without an entity of the document is
    found by part of that name, read from the index of such names; `%` and
    `_` in the asked name are literal."""
    seed = annotate_seed(seed_text)
    first = seed.quotes[0]
    unlinked = replace(first, speaker=EntityRef(None, "Пресс-служба_Минздрава"))
    store.save_many([replace(seed, quotes=(unlinked, *seed.quotes[1:]))])
    page = store.quotes(speaker="служба_минздр")
    assert [(q.text, q.speaker, q.speaker_id) for q in page.items] == [
        (first.text, "Пресс-служба_Минздрава", None)]
    assert page.total == 1
    assert store.quotes(speaker="служба%минздр").total == 0
    assert store.quotes(speaker="служба-минздр").total == 0
    assert store.quotes(speaker="Лукашенко").total == 3


def test_aggregates_are_kept_until_the_store_changes(store, annotated_docs):
    """stats, pairs, speakers and dyads are computed once per version of
    the store and recomputed after each stored batch or failure."""
    seed, copy, nerel, _markup = annotated_docs
    store.save_many([nerel])
    empty = store.dyad("blr", "kaz")
    assert (empty.events, store.stats()["documents"], store.busiest_pairs()) == (0, 1, ())
    misses = store._aggregates.misses
    assert store.dyad("BLR", "KAZ") is empty and store._aggregates.misses == misses
    store.save_many([seed])
    assert store.dyad("BLR", "KAZ").events == len(seed.events) > 0
    assert store.stats()["documents"] == 2
    assert store.busiest_pairs() == (("BLR", "KAZ", len(seed.events)),)
    assert store.most_quoted()[0][1:] == ("Александр Лукашенко", "BLR", 4,
                                          "PER|александр лукашенко|BLR")
    store.record_failures([("broken.html", "not an article")])
    assert store.stats()["failures"] == 1


# --- the analyst's lists (issue 14) --------------------------------------------
# The annotated seed's events: CONSULT dated 2024-05-13 in Минск, SUPPORT
# dated 2024-04-02, COOPERATE undated (so filed under the article's
# 2024-05-14).

def test_events_are_filed_and_filtered_by_their_own_date(annotated):
    assert [e.type for e in annotated.events().items] == ["COOPERATE", "CONSULT", "SUPPORT"]
    assert [e.type for e in annotated.events(sort="oldest").items] == [
        "SUPPORT", "CONSULT", "COOPERATE"]
    assert [e.date for e in annotated.events(since="2024-05-01").items] == [
        "2024-05-14", "2024-05-13"]
    assert [e.type for e in annotated.events(until="2024-04").items] == ["SUPPORT"]
    assert annotated.events(type="support", country="BLR").total == 1
    assert annotated.events(pair="KAZ-BLR").total == 3
    assert annotated.events(domestic=True).total == 0
    assert annotated.events(place="Минск").total == 1


def test_dyad_months_run_on_the_event_date_without_gaps(annotated):
    whole = annotated.dyad("BLR", "KAZ")
    assert [(m.month, m.events) for m in whole.months] == [("2024-04", 1), ("2024-05", 2)]
    april = annotated.dyad("BLR", "KAZ", until="2024-04-30")
    assert (april.events, [m.month for m in april.months]) == (1, ["2024-04"])


def test_facets_places_and_timelines(annotated):
    facets = annotated.event_facets(pair="BLR-KAZ")
    assert facets["type"] == (("CONSULT", 1), ("COOPERATE", 1), ("SUPPORT", 1))
    assert facets["quad"] == (("material cooperation", 2), ("verbal cooperation", 1))
    assert annotated.event_places() == (("Минск", "BLR", 1),)
    luk = annotated.entities(q="Лукашенко", type="PER").items[0]
    assert luk.key == "PER|александр лукашенко|BLR" and annotated.entity_id(luk.key) == luk.id
    t = annotated.timeline(luk.id)
    assert t.months == ("2024-04", "2024-05")
    assert t.events == (1, 2)
    assert sum(t.quotes) == luk.quotes and t.undated == 0


def test_domestic_pairs_are_listed_and_summarised(store, seed_text):
    """An event within one country (KAZ -> KAZ) counts as the pair KAZ-KAZ."""
    from svodka.document import Actor
    seed = annotate_seed(seed_text)
    home = replace(seed.events[1], target=Actor("Мажилис", "T9", "KAZ", "LEG"))
    store.save_many([replace(seed, events=(seed.events[0], home, seed.events[2]))])
    assert ("KAZ", "KAZ", 1) in store.busiest_pairs()
    assert store.dyad("KAZ", "KAZ").events == 1
    assert [e.type for e in store.events(domestic=True).items] == ["SUPPORT"]
    assert store.events(domestic=False).total == 2
