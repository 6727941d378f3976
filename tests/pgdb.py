"""A fresh PostgreSQL database per test, next to the one $SVODKA_TEST_PG_URL
names, dropped afterwards. Without the URL the test is skipped, or fails
under CI=true, where .ci/run must have started PostgreSQL."""
from __future__ import annotations

import os
import uuid
from dataclasses import dataclass

import pytest


@dataclass
class FreshDatabase:
    url: str        # the new database's URL
    name: str
    admin: object   # an AUTOCOMMIT engine on the base URL's database

    def drop(self) -> None:
        from sqlalchemy import text
        with self.admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))
        self.admin.dispose()


def fresh_database(prefix: str) -> FreshDatabase:
    """Create an empty database named `<prefix>_<random>`."""
    from sqlalchemy import create_engine, text
    base = os.environ.get("SVODKA_TEST_PG_URL")
    if not base:
        if os.environ.get("CI") == "true":
            pytest.fail("SVODKA_TEST_PG_URL is not set: .ci/run must start PostgreSQL")
        pytest.skip("PostgreSQL not configured (set SVODKA_TEST_PG_URL)")
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base.replace("postgresql://", "postgresql+psycopg2://", 1),
                          isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    return FreshDatabase(url=base.rsplit("/", 1)[0] + "/" + name, name=name, admin=admin)
