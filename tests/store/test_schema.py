"""Schema and engine: migrations, indexes, SQLite WAL and concurrent access."""
from __future__ import annotations

import threading

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, inspect, text

from svodka.document import Document
from svodka.errors import StoreError
from svodka.store import Store
from svodka.store.engine import MIGRATIONS, normalize_url

from storedata import NEREL, annotate_seed

TABLES = {"documents", "entities", "doc_entities", "mentions", "quotes", "events", "amounts",
          "failures", "feed_state", "document_bands", "alembic_version"}


def test_migrations_create_the_schema_at_head(store):
    names = set(inspect(store.engine).get_table_names())
    assert TABLES <= names
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0010"
    indexes = {ix["name"] for ix in inspect(store.engine).get_indexes("events")}
    assert {"ix_events_dyad", "ix_events_document"} <= indexes
    assert "ix_quotes_unlinked_speaker" in {ix["name"] for ix in inspect(store.engine).get_indexes("quotes")}
    assert "ix_events_type_newest" in indexes
    # an expression index, which SQLAlchemy's SQLite inspector leaves out
    catalogue = ("SELECT name FROM sqlite_master WHERE type = 'index'"
                 if store.engine.dialect.name == "sqlite" else "SELECT indexname FROM pg_indexes")
    with store.engine.connect() as conn:
        assert "ix_events_when" in set(conn.execute(text(catalogue)).scalars())
    assert "ix_doc_entities_roles" in {ix["name"] for ix in inspect(store.engine).get_indexes("doc_entities")}
    if store.engine.dialect.name == "sqlite":
        assert {"documents_fts", "quotes_fts"} <= names
    else:
        columns = {c["name"] for c in inspect(store.engine).get_columns("documents")}
        assert "tsv" in columns
        assert "ix_documents_tsv" in {ix["name"] for ix in inspect(store.engine).get_indexes("documents")}


def test_reopening_keeps_the_data(store_url, seed_text):
    doc = annotate_seed(seed_text)
    with Store(store_url) as first:
        first.save_many([doc])
    with Store(store_url) as again:
        assert again.load(doc.key) == doc


def test_downgrade_and_upgrade_again(store_url):
    Store(store_url).close()
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    engine = create_engine(normalize_url(store_url))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    engine.dispose()
    with Store(store_url) as s:
        assert s.stats()["documents"] == 0
        assert TABLES <= set(inspect(s.engine).get_table_names())


def test_migration_0009_computes_datasketch_signatures_again(store_url, seed_text):
    from svodka.ingest.dedup import NearDuplicates, minhash, to_bytes
    doc = annotate_seed(seed_text)
    with Store(store_url) as s:
        s.save_many([doc], signatures={doc.key: bytes(512)})   # datasketch's layout
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    engine = create_engine(normalize_url(store_url))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0008")
    engine.dispose()
    with Store(store_url) as s:
        assert list(s.signatures()) == [(doc.key, to_bytes(minhash(doc.text)))]
        assert NearDuplicates(s.signatures()).first_copy(minhash(doc.text + " Фото: ТАСС")) == doc.key


def _bands(url: str) -> list[tuple[int, int, str]]:
    engine = create_engine(normalize_url(url))
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT b.band, b.hash, d.key FROM document_bands b "
                                 "JOIN documents d ON d.id = b.document_id")).all()
    engine.dispose()
    return sorted(tuple(r) for r in rows)


def test_migration_0010_fills_the_band_index_of_documents_stored_before(store_url, seed_text):
    from svodka.ingest.dedup import StoredNearDuplicates, band_hashes, minhash, to_bytes
    seed = annotate_seed(seed_text)
    other = Document(text=NEREL[0].read_text(encoding="utf-8"), source=str(NEREL[0]))
    copy = Document(text=seed_text.split("\n", 2)[2], source="seed/copy")
    with Store(store_url) as s:
        s.save_many([seed, other, copy], duplicate_of={copy.key: seed.key},
                    signatures={d.key: to_bytes(minhash(d.text)) for d in (seed, other, copy)})
    written = _bands(store_url)
    # 16 bands of each first copy, none of the linked copy
    expected = sorted((i, h, d.key) for d in (seed, other)
                      for i, h in enumerate(band_hashes(minhash(d.text))))
    assert written == expected and len(written) == 32
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    engine = create_engine(normalize_url(store_url))
    with engine.begin() as conn:     # the store as it was at 0009: no band table
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0009")
    assert "document_bands" not in inspect(engine).get_table_names()
    engine.dispose()
    with Store(store_url) as s:       # opening upgrades: 0010 fills the table
        assert _bands(store_url) == expected
        near = StoredNearDuplicates(s)
        assert near.first_copy(minhash(seed_text + " Фото: ТАСС")) == seed.key
        assert near.first_copy(minhash(other.text + "\nФото: РИА Новости")) == other.key
        assert len(near) == 0


def test_urls():
    assert normalize_url("postgresql://u@h:5432/db") == "postgresql+psycopg2://u@h:5432/db"
    assert normalize_url("/tmp/x.db") == "sqlite:////tmp/x.db"
    assert normalize_url("sqlite:///rel.db") == "sqlite:///rel.db"


def test_default_store_is_svodka_db_or_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("SVODKA_DB", f"sqlite:///{tmp_path / 'env.db'}")
    assert normalize_url(None) == f"sqlite:///{tmp_path / 'env.db'}"
    monkeypatch.delenv("SVODKA_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert normalize_url(None).endswith("/svodka/svodka.db")


def test_a_store_that_cannot_be_opened_says_which(tmp_path):
    with pytest.raises(StoreError, match="cannot open the store"):
        Store("postgresql://nobody:secret@127.0.0.1:1/none")
    with pytest.raises(StoreError) as e:
        Store("postgresql://nobody:secret@127.0.0.1:1/none")
    assert "secret" not in str(e.value)
    with pytest.raises(StoreError, match="unsupported database"):
        Store("mysql://u@h/db")


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    with Store(f"sqlite:///{tmp_path / 's.db'}") as s, s.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 10_000
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_reads_go_on_while_a_write_is_open(store_url, seed_text):
    """A reader in another process-like connection is never locked out."""
    with Store(store_url) as writer, Store(store_url) as reader:
        writer.save_many([annotate_seed(seed_text)])
        started, release = threading.Event(), threading.Event()
        from svodka.store import write
        real = write._amount_rows

        def slow(doc_id, doc):
            started.set()
            release.wait(10)
            return real(doc_id, doc)
        write._amount_rows = slow
        try:
            doc = Document(text=NEREL[1].read_text(encoding="utf-8"))
            t = threading.Thread(target=writer.save_many, args=([doc],))
            t.start()
            assert started.wait(10)
            assert reader.stats()["documents"] == 1         # the open batch is invisible
            assert reader.search("Лукашенко").total >= 1
            release.set()
            t.join(10)
        finally:
            write._amount_rows = real
        assert reader.stats()["documents"] == 2


def test_concurrent_writers_both_succeed(store_url):
    """Two writers on one store queue on the lock instead of failing."""
    docs = [Document(text=p.read_text(encoding="utf-8"), source=str(p)) for p in NEREL]
    errors = []

    def save(batch):
        try:
            with Store(store_url) as s:
                for doc in batch:
                    s.save_many([doc])
        except Exception as e:      # noqa: BLE001 - reported below
            errors.append(e)
    threads = [threading.Thread(target=save, args=(docs[i::2],)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    with Store(store_url) as s:
        assert s.stats()["documents"] == len(docs)


def test_writers_racing_on_the_same_articles_store_each_once(store_url):
    """Two writers save the same articles in opposite orders, in batches."""
    docs = [Document(text=p.read_text(encoding="utf-8"), source=str(p)) for p in NEREL]
    stored, errors = [], []

    def save(batch):
        try:
            with Store(store_url) as s:
                for i in range(0, len(batch), 2):
                    stored.append(s.save_many(batch[i:i + 2]))
        except Exception as e:      # noqa: BLE001 - reported below
            errors.append(e)
    Store(store_url).close()
    threads = [threading.Thread(target=save, args=(order,)) for order in (docs, docs[::-1])]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert sum(stored) == len(docs)
    with Store(store_url) as s:
        assert s.stats()["documents"] == len(docs)
