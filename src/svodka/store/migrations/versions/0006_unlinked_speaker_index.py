"""the names of speakers that are not linked to an entity, indexed apart
(a speaker look-up then reads only those, not every quote's name); events
of a type newest first from an index

Revision ID: 0006
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

UNLINKED = sa.text("speaker_id IS NULL AND speaker_folded IS NOT NULL")


def upgrade() -> None:
    op.drop_index("ix_quotes_speaker_folded", table_name="quotes")
    op.create_index("ix_quotes_unlinked_speaker", "quotes", ["speaker_folded"],
                    sqlite_where=UNLINKED, postgresql_where=UNLINKED)
    # As the *_newest indexes of migration 0003.
    order = ("published DESC NULLS LAST, document_id DESC"
             if op.get_bind().dialect.name == "postgresql" else "published, document_id")
    op.execute(f"CREATE INDEX ix_events_type_newest ON events (type, {order})")


def downgrade() -> None:
    op.drop_index("ix_events_type_newest", table_name="events")
    op.drop_index("ix_quotes_unlinked_speaker", table_name="quotes")
    op.create_index("ix_quotes_speaker_folded", "quotes", ["speaker_folded"])
