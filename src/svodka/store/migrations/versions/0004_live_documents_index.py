"""partial indexes on documents: non-duplicates newest first, and the
near-duplicates (replacing a plain index on duplicate_of, which SQLite's
planner preferred, sorting every document, for newest-first listings)

Revision ID: 0004
Revises: 0003
"""
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    order = ("published DESC NULLS LAST, id DESC" if op.get_bind().dialect.name == "postgresql"
             else "published, id")
    op.execute("DROP INDEX IF EXISTS ix_documents_duplicate_of")
    op.execute(f"CREATE INDEX IF NOT EXISTS ix_documents_live ON documents ({order}) "
               "WHERE duplicate_of IS NULL")
    op.execute("CREATE INDEX IF NOT EXISTS ix_documents_duplicates ON documents (duplicate_of) "
               "WHERE duplicate_of IS NOT NULL")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_documents_duplicates")
    op.execute("DROP INDEX IF EXISTS ix_documents_live")
    op.execute("CREATE INDEX ix_documents_duplicate_of ON documents (duplicate_of)")
