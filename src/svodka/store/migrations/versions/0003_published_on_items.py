"""the document's published date copied onto quotes, events and amounts,
with indexes that serve newest-first pages without sorting

Documents never change once stored, so the copy cannot go stale.

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

ITEMS = ("quotes", "events", "amounts")
# index name -> (table, leading filter columns)
INDEXES = {
    "ix_quotes_newest": ("quotes", ()),
    "ix_quotes_speaker_newest": ("quotes", ("speaker_id",)),
    "ix_events_newest": ("events", ()),
    "ix_events_pair_newest": ("events", ("source_country", "target_country")),
    "ix_events_target_newest": ("events", ("target_country",)),
    "ix_events_source_id_newest": ("events", ("source_id",)),
    "ix_events_target_id_newest": ("events", ("target_id",)),
    "ix_amounts_newest": ("amounts", ()),
}
# Superseded by the *_newest indexes above.
OLD = {"ix_quotes_speaker": ("quotes", ["speaker_id"]),
       "ix_events_target": ("events", ["target_country"]),
       "ix_events_source_id": ("events", ["source_id"]),
       "ix_events_target_id": ("events", ["target_id"])}


def upgrade() -> None:
    is_pg = op.get_bind().dialect.name == "postgresql"
    for table in ITEMS:
        op.add_column(table, sa.Column("published", sa.String(length=40), nullable=True))
        op.execute(f"UPDATE {table} SET published = (SELECT d.published FROM documents d "
                   f"WHERE d.id = {table}.document_id)")
    for name, (table, lead) in INDEXES.items():
        # PostgreSQL: match ORDER BY published DESC NULLS LAST, document_id DESC;
        # SQLite sorts NULLs last in DESC by itself.
        order = ("published DESC NULLS LAST", "document_id DESC") if is_pg \
            else ("published", "document_id")
        op.execute(f"CREATE INDEX {name} ON {table} ({', '.join((*lead, *order))})")
    for name, (table, _cols) in OLD.items():
        op.drop_index(name, table_name=table)


def downgrade() -> None:
    for name, (table, cols) in OLD.items():
        op.create_index(name, table, cols)
    for name, (table, _lead) in INDEXES.items():
        op.drop_index(name, table_name=table)
    for table in ITEMS:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("published")
