"""indexes for the analyst's lists: the speakers that have a role (the quote
explorer's role filter reads those, not every entity link), and events by
their own date, else their article's (the events browser's sort and filter)

Revision ID: 0007
Revises: 0006
"""
from alembic import op
import sqlalchemy as sa

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

HAS_ROLE = sa.text("roles != '[]'")


def upgrade() -> None:
    op.create_index("ix_doc_entities_roles", "doc_entities", ["roles", "document_id", "local_id"],
                    sqlite_where=HAS_ROLE, postgresql_where=HAS_ROLE)
    op.execute("CREATE INDEX ix_events_when ON events ((coalesce(date, published)), id)")


def downgrade() -> None:
    op.drop_index("ix_events_when", table_name="events")
    op.drop_index("ix_doc_entities_roles", table_name="doc_entities")
