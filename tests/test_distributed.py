"""The Dask runner gives the same analysis as one process, keeps memory
bounded by pulling input lazily, and records failed documents."""
from __future__ import annotations

import dataclasses

import pytest

from svodka import pipeline
from svodka.distributed import Failure, analyze_batch, analyze_parallel
from svodka.document import Document, to_dict
from svodka.errors import SvodkaError

from conftest import CORPUS, SEED

ARTICLES = [SEED] + sorted((CORPUS / "nerel" / "dev").glob("*.txt"))[:7]


@pytest.fixture(scope="module")
def docs() -> list[Document]:
    return [Document(text=p.read_text(encoding="utf-8"), source=str(p)) for p in ARTICLES]


@pytest.fixture(scope="module")
def single(docs, models) -> dict[str, dict]:
    return {d.key: to_dict(d) for d in pipeline.analyze_many(docs)}


def test_two_local_workers_match_single_process(docs, single):
    out = list(analyze_parallel(docs, workers=2, batch_docs=3))
    assert len(out) == len(docs) == 8
    parallel = {d.key: to_dict(d) for d in out}
    assert sorted(parallel) == sorted(d.key for d in docs)
    for key, expected in single.items():
        assert parallel[key] == expected, parallel[key]["source"]
    # The quotes and events are compared one by one above; the seed has some.
    seed = parallel[docs[0].key]
    assert seed["source"] == str(SEED)
    assert seed["text"] == SEED.read_text(encoding="utf-8")
    assert all(not d.sentences and not d.ner_spans for d in out)


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


def _break_on_marked(doc, res):
    if doc.title == "broken":
        raise ValueError("stage failed")
    return doc


def test_failed_document_is_recorded_and_the_batch_goes_on(docs, single, monkeypatch):
    monkeypatch.setattr(pipeline, "STAGES", pipeline.STAGES + (_break_on_marked,))
    broken = dataclasses.replace(docs[1], title="broken")
    out = analyze_batch([docs[0], broken, docs[2]])
    assert isinstance(out[1], Failure)
    assert out[1].source == docs[1].source
    assert out[1].message == "ValueError: stage failed"
    assert to_dict(out[0]) == single[docs[0].key]
    assert to_dict(out[2]) == single[docs[2].key]


def test_failed_document_goes_to_on_error_or_raises(docs, single, monkeypatch):
    from distributed import Client, LocalCluster
    monkeypatch.setattr(pipeline, "STAGES", pipeline.STAGES + (_break_on_marked,))
    broken = dataclasses.replace(docs[1], title="broken")
    # Worker threads in this process, so they see the patched stages.
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        errors = []
        out = list(analyze_parallel([docs[0], broken], client=client,
                                    on_error=lambda d, e: errors.append((d, e))))
        assert [to_dict(d) for d in out] == [single[docs[0].key]]
        assert [(d.title, e.source) for d, e in errors] == [("broken", docs[1].source)]
        with pytest.raises(SvodkaError, match="analysis failed: ValueError: stage failed"):
            list(analyze_parallel([broken], client=client))
