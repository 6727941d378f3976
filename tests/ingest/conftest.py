"""Fixtures of the ingest tests: a fresh store per test, on SQLite and, when
$SVODKA_TEST_PG_URL is set (always in CI), on PostgreSQL (a new database next
to the one the URL names, dropped afterwards)."""
from __future__ import annotations

import pytest

# Modules elsewhere that still do `from conftest import CORPUS` may get this
# conftest; offer the root's paths too (see tests/paths.py).
from paths import CORPUS, GOLD, ROOT, SEED, SHARED  # noqa: F401,E402
from pgdb import fresh_database  # noqa: E402


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path_factory):
    from svodka.store import Store
    if request.param == "sqlite":
        url, drop = f"sqlite:///{tmp_path_factory.mktemp('store') / 'svodka.db'}", lambda: None
    else:
        db = fresh_database("svodka_i")
        url, drop = db.url, db.drop
    try:
        with Store(url) as s:
            yield s
    finally:
        drop()
