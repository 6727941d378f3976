"""Store fixtures: empty and filled stores on SQLite and, when
$SVODKA_TEST_PG_URL is set (always in CI), on PostgreSQL.

Each PostgreSQL store is a fresh database created next to the one the URL
names, and dropped afterwards, so tests never see each other's rows.
"""
from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from svodka.document import Document
from svodka.store import Store

from storedata import MARKUP_TEXT, NEREL, SEED, annotate_seed
# Modules elsewhere that still do `from conftest import CORPUS` may get this
# conftest; offer the root's paths too (see tests/paths.py).
from paths import CORPUS, GOLD, ROOT, SHARED  # noqa: F401,E402
from pgdb import fresh_database  # noqa: E402

BACKENDS = ["sqlite", "postgresql"]


def _fresh_url(backend: str, folder: Path):
    if backend == "sqlite":
        return f"sqlite:///{folder / f'{uuid.uuid4().hex[:8]}.db'}", lambda: None
    db = fresh_database("svodka_t")
    return db.url, db.drop


@pytest.fixture(params=BACKENDS)
def store_url(request, tmp_path):
    """URL of an empty, not yet opened store."""
    url, drop = _fresh_url(request.param, tmp_path)
    yield url
    drop()


@pytest.fixture
def store(store_url):
    with Store(store_url) as s:
        yield s


@pytest.fixture(scope="session")
def corpus_docs(models):
    """The seed and six NEREL dev articles, analyzed once."""
    import svodka
    paths = [SEED, *NEREL]
    return tuple(svodka.analyze_many([(p.read_text(encoding="utf-8"), {"source": str(p)})
                                      for p in paths]))


@pytest.fixture(scope="session", params=BACKENDS)
def filled(request, corpus_docs, tmp_path_factory):
    """A store holding `corpus_docs`."""
    url, drop = _fresh_url(request.param, tmp_path_factory.mktemp("filled"))
    with Store(url) as s:
        assert s.save_many(corpus_docs) == len(corpus_docs)
        yield s
    drop()


@pytest.fixture(scope="session")
def annotated_docs(seed_text):
    """The annotated seed, a near-duplicate of it (its first paragraph cut),
    a NEREL article without items, and a text holding HTML markup."""
    seed = annotate_seed(seed_text)
    copy = Document(text=seed_text.split("\n", 2)[2], source="seed/copy",
                    published="2024-05-15", quotes=seed.quotes[:0])
    nerel = Document(text=NEREL[0].read_text(encoding="utf-8"), source=str(NEREL[0]),
                     published="2017-06-01")
    markup = Document(text=MARKUP_TEXT, source="markup", published="2024-06-01")
    return seed, copy, nerel, markup


@pytest.fixture(scope="session", params=BACKENDS)
def annotated(request, annotated_docs, tmp_path_factory):
    """A store holding `annotated_docs`, the copy linked to the seed."""
    url, drop = _fresh_url(request.param, tmp_path_factory.mktemp("annotated"))
    seed, copy, *_ = annotated_docs
    with Store(url) as s:
        s.save_many(annotated_docs, duplicate_of={copy.key: seed.key},
                    signatures={seed.key: b"\x01\x02", copy.key: b"\x01\x03"})
        yield s
    drop()
