"""Fixtures of the ingest tests: a fresh SQLite store per test."""
from __future__ import annotations

import pytest


@pytest.fixture
def store(tmp_path_factory):
    from svodka.store import Store
    with Store(f"sqlite:///{tmp_path_factory.mktemp('store') / 'svodka.db'}") as s:
        yield s
