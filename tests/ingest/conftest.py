"""Fixtures of the ingest tests: a fresh store per test, on SQLite and, when
$SVODKA_TEST_PG_URL is set (always in CI), on PostgreSQL (a new database next
to the one the URL names, dropped afterwards)."""
from __future__ import annotations

import os
import uuid

import pytest

# Modules elsewhere that still do `from conftest import CORPUS` may get this
# conftest; offer the root's paths too (see tests/paths.py).
from paths import CORPUS, GOLD, ROOT, SEED, SHARED  # noqa: F401,E402


def _pg_database():
    """Create an empty PostgreSQL database; return (its URL, drop function)."""
    from sqlalchemy import create_engine, text
    base = os.environ.get("SVODKA_TEST_PG_URL")
    if not base:
        if os.environ.get("CI") == "true":
            pytest.fail("SVODKA_TEST_PG_URL is not set: .ci/run must start PostgreSQL")
        pytest.skip("PostgreSQL not configured (set SVODKA_TEST_PG_URL)")
    name = f"svodka_i_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base.replace("postgresql://", "postgresql+psycopg2://", 1),
                          isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop():
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    return base.rsplit("/", 1)[0] + "/" + name, drop


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path_factory):
    from svodka.store import Store
    if request.param == "sqlite":
        url, drop = f"sqlite:///{tmp_path_factory.mktemp('store') / 'svodka.db'}", lambda: None
    else:
        url, drop = _pg_database()
    try:
        with Store(url) as s:
            yield s
    finally:
        drop()
