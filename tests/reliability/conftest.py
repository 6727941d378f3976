"""Fixtures of the reliability tests: real corpus articles analyzed once per
session, and stores filled with them (each test gets its own copy)."""
from __future__ import annotations

import shutil

import pytest

from hostile_inputs import CORPUS, SEED

# Real articles with publication dates, so date filters and dyads have data.
ARTICLES = (
    (SEED, "2024-03-12"),
    (CORPUS / "nerel" / "dev" / "kuleshov.txt", "2013-05-20"),
    (CORPUS / "nerel" / "train" / "15608_text.txt", "2009-09-04"),
    (CORPUS / "nerel" / "train" / "19361_text.txt", "2012-08-14"),
    (CORPUS / "nerel" / "test" / "187498_text.txt", "2012-10-29"),
    (CORPUS / "nerel" / "train" / "055.txt", "2008-12-24"),
)


@pytest.fixture(scope="session")
def rel_docs(models):
    """The ARTICLES analyzed (lean: without sentences and NER spans)."""
    import svodka
    items = [(path.read_text(encoding="utf-8"), {"source": str(path), "published": published})
             for path, published in ARTICLES]
    return tuple(svodka.analyze_many(items))


@pytest.fixture(scope="session")
def filled_template(rel_docs, tmp_path_factory):
    """A SQLite store file holding `rel_docs`; copy it, never write to it."""
    from svodka.store import Store
    path = tmp_path_factory.mktemp("rel-template") / "filled.db"
    with Store(f"sqlite:///{path}") as store:
        store.save_many(list(rel_docs))
        store.engine.dispose()
    return path


@pytest.fixture
def filled_db(filled_template, tmp_path):
    """A fresh copy of the filled store: its path (the URL is sqlite:///path)."""
    path = tmp_path / "store" / "svodka.db"
    path.parent.mkdir()
    shutil.copy(filled_template, path)
    return path
