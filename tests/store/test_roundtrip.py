"""Saving and loading: `store.load(d.key) == d`, idempotent and atomic batches."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from svodka.document import (Actor, Amount, Cue, Document, Entity, EntityRef, Event, Mention,
                             Place, Quote, Role)
from svodka.errors import StoreError
from svodka.store import Store, write

from storedata import annotate_seed, SEED


def test_analyzed_articles_load_back_equal(filled, corpus_docs):
    for doc in corpus_docs:
        assert filled.load(doc.key) == doc


def test_annotated_seed_loads_back_equal(annotated, annotated_docs):
    seed = annotated_docs[0]
    loaded = annotated.load(seed.key)
    assert loaded == seed
    assert loaded.quotes[2].cue.text == "сказал Президент"
    assert loaded.amounts[0].value == Decimal("1000000000")


def test_unknown_key(annotated):
    assert annotated.get("0" * 40) is None
    with pytest.raises(KeyError):
        annotated.load("0" * 40)


def test_saving_again_stores_nothing_new(store, seed_text):
    doc = annotate_seed(seed_text)
    assert store.save_many([doc, doc]) == 1
    assert store.save_many([doc]) == 0
    assert store.has_keys([doc.key, "f" * 40]) == {doc.key}
    assert store.stats()["documents"] == 1
    assert store.stats()["quotes"] == 5


def test_near_duplicate_is_linked_without_its_items(annotated, annotated_docs):
    seed, copy, *_ = annotated_docs
    assert annotated.stats()["duplicates"] == 1
    stored = annotated.load(copy.key)
    assert stored.text == copy.text and stored.quotes == () and stored.events == ()
    assert dict(annotated.signatures()) == {seed.key: b"\x01\x02"}


def test_a_batch_that_fails_midway_leaves_nothing(store, seed_text, monkeypatch):
    first = annotate_seed(seed_text)
    second = Document(text=SEED.read_text(encoding="utf-8") + " Ещё одна фраза.")
    real = write._amount_rows
    calls = []

    def fail_on_second(doc_id, doc):
        calls.append(doc_id)
        if len(calls) == 2:
            raise RuntimeError("disk full")   # stands in for a crash mid-batch
        return real(doc_id, doc)
    monkeypatch.setattr(write, "_amount_rows", fail_on_second)
    with pytest.raises(RuntimeError):
        store.save_many([first, second])
    assert len(calls) == 2
    assert all(v == 0 for v in store.stats().values())
    assert store.has_keys([first.key, second.key]) == set()
    assert store.search("Лукашенко").total == 0
    monkeypatch.setattr(write, "_amount_rows", real)
    assert store.save_many([first, second]) == 2


def test_database_errors_are_store_errors(store, seed_text):
    from sqlalchemy import text as sql
    doc = annotate_seed(seed_text)
    with store.engine.connect() as conn:      # break the schema under the store's feet
        conn.execute(sql("ALTER TABLE amounts RENAME TO amounts_gone"))
        conn.commit()
    with pytest.raises(StoreError, match="nothing of this batch was stored"):
        store.save_many([doc])
    assert store.has_keys([doc.key]) == set()


def test_failures_are_recorded(store):
    store.record_failures([("a.txt", "empty"), ("b.bin", "binary content")])
    assert store.stats()["failures"] == 2


# --- hypothesis: generated documents with valid offsets -----------------------

_letters = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
_word = st.text(_letters, min_size=1, max_size=12)
_opt = st.none() | _word
_country = st.none() | st.sampled_from(["BLR", "KAZ", "RUS", "USA"])


@st.composite
def documents(draw):
    text = draw(st.text(_letters, min_size=1, max_size=300))

    def span():
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        return start, end, text[start:end]

    def cue():
        s, e, t = span()
        return Cue(t, s, e)

    ents = []
    for n in range(draw(st.integers(0, 3))):
        mentions = []
        for _ in range(draw(st.integers(0, 3))):
            s, e, t = span()
            mentions.append(Mention(t, s, e, draw(st.sampled_from(["name", "role", "pronoun"]))))
        roles = []
        for _ in range(draw(st.integers(0, 2))):
            s, e, t = span()
            roles.append(Role(t, s, e, draw(_word), draw(_country), draw(_opt)))
        ents.append(Entity(f"T{n}", draw(st.sampled_from(["PER", "ORG", "LOC"])), draw(_word),
                           tuple(mentions), tuple(draw(st.lists(_word, max_size=2))),
                           tuple(roles), draw(_country), draw(_opt)))
    ids = [e.id for e in ents] + [None, "T99"]
    quotes = []
    for _ in range(draw(st.integers(0, 3))):
        s, e, t = span()
        speaker = draw(st.none() | st.builds(EntityRef, st.sampled_from(ids), _word))
        quotes.append(Quote(t, s, e, draw(st.sampled_from(["direct", "indirect"])), speaker,
                            draw(st.none() | st.builds(cue))))
    actor = st.none() | st.builds(Actor, _opt, st.sampled_from(ids), _country, _opt)
    events = []
    for _ in range(draw(st.integers(0, 2))):
        s, e, t = span()
        events.append(Event(draw(st.sampled_from(["CONSULT", "AGREE", "ACCUSE"])), t, s, e,
                            cue(), draw(_opt), tuple(draw(st.lists(_word, max_size=2))),
                            draw(_opt), draw(actor), draw(actor),
                            draw(st.none() | st.builds(Place, _word, st.sampled_from(ids), _country)),
                            draw(st.none() | st.just("2024-05-14"))))
    amounts = []
    for _ in range(draw(st.integers(0, 2))):
        s, e, t = span()
        value = draw(st.decimals(allow_nan=False, allow_infinity=False, places=3,
                                 min_value=-10**12, max_value=10**12))
        amounts.append(Amount(t, value, draw(st.sampled_from(["USD", "RUB", "%"])), s, e))
    return Document(text=text, source=draw(_opt), title=draw(_opt), url=draw(_opt),
                    published=draw(st.none() | st.dates().map(str)), author=draw(_opt),
                    entities=tuple(ents), quotes=tuple(quotes), events=tuple(events),
                    amounts=tuple(amounts))


@pytest.fixture(scope="module")
def hypo_store(tmp_path_factory):
    with Store(f"sqlite:///{tmp_path_factory.mktemp('hypo') / 'h.db'}") as s:
        yield s


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_any_document_round_trips(hypo_store, doc):
    assume(not hypo_store.has_keys([doc.key]))
    assert hypo_store.save_many([doc]) == 1
    assert hypo_store.load(doc.key) == doc


def test_text_the_database_refuses_fails_the_batch_cleanly(store, seed_text):
    good = annotate_seed(seed_text)
    bad = Document(text="Текст с нулевым символом \x00 внутри.")
    if store.engine.dialect.name == "sqlite":      # SQLite keeps NUL characters
        assert store.save_many([good, bad]) == 2
        assert store.load(bad.key) == bad
        return
    with pytest.raises(StoreError, match="nothing of this batch was stored"):
        store.save_many([good, bad])
    assert store.stats()["documents"] == 0
