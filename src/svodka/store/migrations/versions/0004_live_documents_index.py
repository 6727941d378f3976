"""a partial index for listing non-duplicate documents newest first

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
    op.execute(f"CREATE INDEX ix_documents_live ON documents ({order}) "
               "WHERE duplicate_of IS NULL")


def downgrade() -> None:
    op.execute("DROP INDEX ix_documents_live")
