"""the aliases of merged entities on the entity row, for name look-ups
without scanning every document's links

Revision ID: 0005
Revises: 0004
"""
from alembic import op
import sqlalchemy as sa

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("entities", sa.Column("aliases_folded", sa.Text(), nullable=False,
                                        server_default=""))
    bind = op.get_bind()
    links = bind.execute(sa.text("SELECT entity_id, aliases_folded FROM doc_entities "
                                 "WHERE aliases_folded <> '' ORDER BY id"))
    merged: dict[int, dict[str, None]] = {}
    for entity_id, folded in links:
        merged.setdefault(entity_id, {}).update(dict.fromkeys(folded.split(" | ")))
    if merged:
        bind.execute(sa.text("UPDATE entities SET aliases_folded = :a WHERE id = :id"),
                     [{"id": k, "a": " | ".join(v)} for k, v in merged.items()])


def downgrade() -> None:
    with op.batch_alter_table("entities") as batch:
        batch.drop_column("aliases_folded")
