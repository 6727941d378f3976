"""the names of speakers that are not linked to an entity, indexed apart:
a speaker look-up then reads only those, not every quote's name

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


def downgrade() -> None:
    op.drop_index("ix_quotes_unlinked_speaker", table_name="quotes")
    op.create_index("ix_quotes_speaker_folded", "quotes", ["speaker_folded"])
