"""The near-duplicate index in the store (`dedup.StoredNearDuplicates`,
table `document_bands`): copies of stored articles are found without
loading any signature into memory; copies of this run's unsaved first
copies are found in memory until their batch is written."""
from __future__ import annotations

import pytest
from sqlalchemy import text

from ingest_pages import nerel
from svodka.document import Document, content_key
from svodka.ingest.dedup import StoredNearDuplicates, band_hashes, minhash, to_bytes
from svodka.ingest.runner import Ingest
from test_dedup import SEED_NAME, lightly_edited

OTHER_NAME = "597958_text.txt"


def duplicate_links(store) -> dict[str, str | None]:
    with store.engine.connect() as conn:
        return dict(conn.execute(text("SELECT key, duplicate_of FROM documents")).all())


@pytest.fixture
def no_loading(store, monkeypatch):
    """Fail the test if anything reads every stored signature."""
    def refuse(self):
        raise AssertionError("the stored signatures were loaded")
    monkeypatch.setattr(type(store), "signatures", refuse)


def test_a_second_run_finds_a_copy_of_a_stored_article_through_the_store(store, no_loading):
    text_ = nerel(SEED_NAME)
    first = Ingest(store)
    assert first.run([Document(text=text_, source="first")]).analyzed == 1
    assert len(first.near) == 0      # the first copy left memory when written
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM document_bands")).scalar() == 16
    again = Ingest(store)
    summary = again.run([Document(text=lightly_edited(text_), source="copy"),
                         Document(text=nerel(OTHER_NAME), source="other")])
    assert (summary.analyzed, summary.near_duplicates, summary.known) == (1, 1, 0)
    assert len(again.near) == 0
    assert duplicate_links(store) == {content_key(text_): None,
                                      content_key(lightly_edited(text_)): content_key(text_),
                                      content_key(nerel(OTHER_NAME)): None}


def test_within_a_run_a_copy_of_an_unsaved_first_copy_is_found_in_memory(store, no_loading,
                                                                         monkeypatch):
    text_ = nerel(SEED_NAME)
    asked = []
    real = type(store).near_candidates

    def recording(self, hashes):
        found = real(self, hashes)
        asked.append([k for k, _ in found])
        return found
    monkeypatch.setattr(type(store), "near_candidates", recording)
    run = Ingest(store, batch=32)      # one batch: nothing is written before the end
    summary = run.run([Document(text=text_, source="first"),
                       Document(text=lightly_edited(text_), source="copy")])
    assert (summary.analyzed, summary.near_duplicates) == (1, 1)
    assert asked == [[], []]           # the store knew neither when asked
    assert duplicate_links(store) == {content_key(text_): None,
                                      content_key(lightly_edited(text_)): content_key(text_)}
    assert len(run.near) == 0


def test_the_index_holds_pending_first_copies_until_written(store):
    text_, other = nerel(SEED_NAME), nerel(OTHER_NAME)
    mh = minhash(text_)
    near = StoredNearDuplicates(store)
    assert near.first_copy(minhash(lightly_edited(text_))) is None
    near.add("pending", mh)
    assert (len(near), near.first_copy(minhash(lightly_edited(text_)))) == (1, "pending")
    doc = Document(text=text_, source="first")
    store.save_many([doc], signatures={doc.key: to_bytes(mh)})
    near.written(["pending", doc.key])
    assert len(near) == 0
    assert near.first_copy(minhash(lightly_edited(text_))) == doc.key
    assert near.first_copy(minhash(other)) is None
    # the lookup answers every stored first copy sharing a band, confirmed or not
    assert [k for k, _ in store.near_candidates(band_hashes(mh))] == [doc.key]
    assert store.near_candidates(band_hashes(minhash(other))) == []


def test_equal_scores_resolve_to_the_first_key_in_sorted_order(store):
    # Two stored first copies with one signature: the lookup must pick the
    # same one every run, as the in-memory index does (sorted keys).
    text_ = nerel(SEED_NAME)
    a = Document(text=text_, source="a")
    b = Document(text=text_ + "\nФото: ТАСС", source="b")
    sig = to_bytes(minhash(text_))
    store.save_many([a, b], signatures={a.key: sig, b.key: sig})
    assert StoredNearDuplicates(store).first_copy(minhash(text_)) == min(a.key, b.key)
