"""Two ingests at once report true counts (issue 16, finding 9): a document
that another run stored between this run's key check and its save is
counted as known, not as analyzed by both."""
from __future__ import annotations

from hostile_inputs import CORPUS, SEED
from svodka.ingest.runner import Ingest
from svodka.ingest.sources import iter_items

ARTICLES = [SEED, CORPUS / "nerel" / "dev" / "kuleshov.txt"]


class _CheckedEarly:
    """The store as a second run saw it: its key check answered before the
    first run committed, so it finds nothing stored."""

    def __init__(self, store):
        self._store = store

    def has_keys(self, keys):
        return set()

    def __getattr__(self, name):
        return getattr(self._store, name)


def test_a_document_stored_by_another_run_meanwhile_counts_as_known(tmp_path, models):
    from svodka.store import Store
    with Store(f"sqlite:///{tmp_path / 'svodka.db'}") as store:
        first = Ingest(store).run(iter_items(ARTICLES))
        second = Ingest(_CheckedEarly(store)).run(iter_items(ARTICLES))
        stored = store.stats()["documents"]
    assert (first.analyzed, first.known) == (2, 0)
    assert (second.analyzed, second.known, second.near_duplicates) == (0, 2, 0)
    assert stored == 2
