"""entity counts kept by the writer, and an index for newest-first reads

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

COUNTS = ("n_documents", "n_mentions", "n_quotes")

BACKFILL = """
UPDATE entities SET
  n_documents = (SELECT count(DISTINCT l.document_id) FROM doc_entities l
                 JOIN documents d ON d.id = l.document_id
                 WHERE l.entity_id = entities.id AND d.duplicate_of IS NULL),
  n_mentions = (SELECT count(m.id) FROM mentions m
                JOIN doc_entities l ON l.id = m.doc_entity_id
                JOIN documents d ON d.id = l.document_id
                WHERE l.entity_id = entities.id AND d.duplicate_of IS NULL),
  n_quotes = (SELECT count(q.id) FROM quotes q WHERE q.speaker_id = entities.id)
"""


def upgrade() -> None:
    for name in COUNTS:
        op.add_column("entities", sa.Column(name, sa.Integer(), nullable=False,
                                            server_default="0"))
    op.create_index("ix_entities_n_documents", "entities", ["n_documents"])
    op.execute(BACKFILL)
    if op.get_bind().dialect.name == "postgresql":
        # Matches ORDER BY published DESC NULLS LAST, id DESC (SQLite puts
        # NULLs last in DESC order by itself and uses ix_documents_published).
        op.execute("CREATE INDEX ix_documents_newest ON documents "
                   "(published DESC NULLS LAST, id DESC)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_documents_newest")
    op.drop_index("ix_entities_n_documents", "entities")
    with op.batch_alter_table("entities") as batch:
        for name in COUNTS:
            batch.drop_column(name)
