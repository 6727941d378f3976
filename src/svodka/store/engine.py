"""Opening a store: URL resolution, SQLite pragmas, Alembic upgrade to head.

SQLite runs in WAL mode with a busy timeout, so readers never wait on a
writer and writers queue instead of failing with "database is locked".
pysqlite's own transaction handling is switched off (it would run DDL outside
transactions); we emit `BEGIN` ourselves, `BEGIN IMMEDIATE` on connections
opened with `write_options()`, so a writer takes the lock before it reads.
"""
from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url

from ..errors import StoreError

MIGRATIONS = Path(__file__).parent / "migrations"
BUSY_TIMEOUT_MS = 60_000
WRITE = {"svodka_write": True}
# Connections kept open: opening one costs its PRAGMAs and a schema read, so
# a server under load should not open and close them per request.
SQLITE_POOL = 16
# Arbitrary constant naming our migration lock among PostgreSQL advisory locks.
PG_MIGRATION_LOCK = 0x5F0D_4A


def default_url() -> str:
    """$SVODKA_DB, else a SQLite file in the user's data directory."""
    url = os.environ.get("SVODKA_DB")
    if url:
        return url
    from platformdirs import user_data_dir
    folder = Path(user_data_dir("svodka"))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'svodka.db'}"


def normalize_url(url: str | None) -> str:
    """Accept `postgresql://` (psycopg2), `sqlite:///path` or a bare file path."""
    url = url or default_url()
    if "://" not in url:
        url = f"sqlite:///{Path(url).expanduser()}"
    for plain in ("postgresql://", "postgres://"):
        if url.startswith(plain):    # the pinned driver is psycopg2
            url = "postgresql+psycopg2://" + url[len(plain):]
    return url


def open_engine(url: str | None) -> Engine:
    """An engine for `url`, with the schema upgraded to the newest migration."""
    url = normalize_url(url)
    parsed = make_url(url)
    try:
        if parsed.get_backend_name() == "sqlite":
            engine = _sqlite_engine(url, parsed.database)
        elif parsed.get_backend_name() == "postgresql":
            engine = create_engine(url, pool_pre_ping=True)
        else:
            raise StoreError(f"unsupported database {parsed.get_backend_name()!r}; "
                             "use sqlite:///path.db or postgresql://user@host/db", source=url)
        upgrade(engine)
    except StoreError:
        raise
    except Exception as e:  # driver errors: say which store and why
        raise StoreError(f"cannot open the store: {e.__class__.__name__}: {e}",
                         source=parsed.render_as_string(hide_password=True)) from e
    return engine


def _sqlite_engine(url: str, database: str | None) -> Engine:
    if database and database != ":memory:":
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, pool_size=SQLITE_POOL, max_overflow=SQLITE_POOL,
                           connect_args={"timeout": BUSY_TIMEOUT_MS / 1000,
                                         "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None      # we emit BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _wal(cur)
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        is_write = conn.get_execution_options().get("svodka_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if is_write else "BEGIN")

    return engine


def _wal(cur) -> None:
    """Switch the database to WAL. The switch needs the database to itself
    and SQLite may answer `database is locked` at once, without waiting on
    the busy handler, while another connection is creating or migrating a
    fresh store: retry for as long as the busy timeout."""
    import sqlite3
    import time
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cur.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def upgrade(engine: Engine) -> None:
    """Run the Alembic migrations up to head (a no-op when already there)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(cfg).get_current_head()
    with engine.connect() as conn:
        if MigrationContext.configure(conn).get_current_revision() == head:
            return
    with engine.connect().execution_options(**WRITE) as conn:
        with conn.begin():
            if conn.dialect.name == "postgresql":
                # Several workers may open a fresh store at once.
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_MIGRATION_LOCK})
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
