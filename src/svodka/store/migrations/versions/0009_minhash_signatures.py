"""near-duplicate signatures in svodka's own MinHash format (ingest/dedup.py
replaced datasketch): every stored signature is computed again from the
document's text, so old stores keep finding the near-duplicates of what
they hold. Downgrading leaves the new signatures (datasketch skips them).

Revision ID: 0009
Revises: 0008
"""
from alembic import op
import sqlalchemy as sa

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

BATCH = 500


def upgrade() -> None:
    from svodka.ingest.dedup import FORMAT, minhash, to_bytes
    conn = op.get_bind()
    docs = sa.table("documents", sa.column("id", sa.Integer), sa.column("text", sa.Text),
                    sa.column("signature", sa.LargeBinary))
    last = 0
    while True:
        rows = conn.execute(sa.select(docs.c.id, docs.c.text, docs.c.signature)
                            .where(docs.c.signature.is_not(None), docs.c.id > last)
                            .order_by(docs.c.id).limit(BATCH)).all()
        if not rows:
            break
        last = rows[-1].id
        stale = [{"doc_id": r.id, "sig": to_bytes(minhash(r.text))} for r in rows
                 if not bytes(r.signature).startswith(FORMAT)]
        if stale:
            conn.execute(docs.update().where(docs.c.id == sa.bindparam("doc_id"))
                         .values(signature=sa.bindparam("sig")), stale)


def downgrade() -> None:
    pass
