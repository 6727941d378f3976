"""The Dask runner: an ingest through a LocalCluster of two worker processes
stores what a single-process ingest stores; input is pulled lazily (bounded
memory); a failed document is recorded and the run goes on."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from svodka import pipeline
from svodka.distributed import Failure, analyze_batch, analyze_parallel
from svodka.document import Document, to_dict
from svodka.errors import SvodkaError

from svodka.ingest.runner import ingest
from svodka.store import Store

# Not `from conftest import ...`: another directory's conftest may answer.
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
SEED = CORPUS / "seed" / "000_ace31b1ed83a096e.txt"
ARTICLES = [SEED] + sorted((CORPUS / "nerel" / "dev").glob("*.txt"))[:7]


@pytest.fixture(scope="module")
def docs() -> list[Document]:
    return [Document(text=p.read_text(encoding="utf-8"), source=str(p)) for p in ARTICLES]


@pytest.fixture(scope="module")
def single(docs, models) -> dict[str, dict]:
    return {d.key: to_dict(d) for d in pipeline.analyze_many(docs)}


def _stored(store: Store, keys) -> dict[str, dict]:
    return {key: to_dict(store.load(key)) for key in keys}


def test_ingest_on_two_local_workers_stores_what_one_process_stores(docs, single, tmp_path):
    keys = sorted(single)
    with Store(f"sqlite:///{tmp_path / 'one.db'}") as one, \
            Store(f"sqlite:///{tmp_path / 'two.db'}") as two:
        local = ingest(docs, one, batch=3)
        dask = ingest(docs, two, batch=3, workers=2)
        assert (local.analyzed, local.failed) == (dask.analyzed, dask.failed) == (8, ())
        assert one.stats() == two.stats()
        assert _stored(two, keys) == _stored(one, keys)
        # What is stored is the analysis itself, quotes and events included.
        assert _stored(two, keys) == single
    assert single[docs[0].key]["quotes"] and single[docs[0].key]["events"]


def test_input_is_pulled_lazily(docs, single):
    pulled = []

    def feed():
        for _ in range(50):             # 400 articles offered
            for d in docs:
                pulled.append(d.key)
                yield d

    results = analyze_parallel(feed(), workers=1, batch_docs=2)
    first = next(results)
    # One worker thread: 2 batches in flight plus the one sent on completion.
    assert len(pulled) <= 3 * 2 + 1
    assert to_dict(first) == single[first.key]
    results.close()


def _break_on_marked(monkeypatch, doc):
    """The analysis of `doc`'s source raises ValueError("stage failed") in the
    worker process (the limits' test hook)."""
    monkeypatch.setenv("SVODKA_TEST_HOOK", f"fail:{doc.source}")


def test_failed_document_is_recorded_and_the_batch_goes_on(docs, single, monkeypatch):
    _break_on_marked(monkeypatch, docs[1])
    broken = dataclasses.replace(docs[1], title="broken")
    out = analyze_batch([docs[0], broken, docs[2]])
    assert isinstance(out[1], Failure)
    assert out[1].source == docs[1].source
    assert out[1].message == "ValueError: stage failed"
    assert to_dict(out[0]) == single[docs[0].key]
    assert to_dict(out[2]) == single[docs[2].key]


def test_a_packed_batch_holds_each_document_pickled_once(docs, single, monkeypatch):
    """`packed` (what Dask workers run): the analysis process pickles each
    document and the worker passes the bytes on unread; a failure is still
    a `Failure` in its place."""
    import pickle
    _break_on_marked(monkeypatch, docs[1])
    out = analyze_batch([docs[0], docs[1], docs[2]], packed=True)
    assert [type(x) for x in out] == [bytes, Failure, bytes]
    assert to_dict(pickle.loads(out[0])) == single[docs[0].key]
    assert to_dict(pickle.loads(out[2])) == single[docs[2].key]


def test_failed_document_goes_to_on_error_or_raises(docs, single, monkeypatch):
    from distributed import Client, LocalCluster
    _break_on_marked(monkeypatch, docs[1])
    broken = dataclasses.replace(docs[1], title="broken")
    # Worker threads in this process, so they see the hook's variable.
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        errors = []
        out = list(analyze_parallel([docs[0], broken], client=client,
                                    on_error=lambda d, e: errors.append((d, e))))
        assert [to_dict(d) for d in out] == [single[docs[0].key]]
        assert [(d.title, e.source) for d, e in errors] == [("broken", docs[1].source)]
        with pytest.raises(SvodkaError, match="analysis failed: ValueError: stage failed"):
            list(analyze_parallel([broken], client=client))
