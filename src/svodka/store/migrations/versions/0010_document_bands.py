"""document_bands: the near-duplicate index in the store. One row per LSH
band of every stored first copy with a signature (band number, the band's
64-bit hash as `ingest.dedup.band_hashes` computes it, document id), keyed
by (band, hash, document id) so that a text's 16 bands are looked up with
one query; filled here from the stored signatures, so copies of documents
stored before are found. An ingest no longer loads every signature into
memory at start. Downgrading drops the table.

Revision ID: 0010
Revises: 0009
"""
from alembic import op
import sqlalchemy as sa

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

BATCH = 500


def upgrade() -> None:
    from svodka.ingest.dedup import band_hashes, from_bytes
    op.create_table(
        "document_bands",
        sa.Column("band", sa.SmallInteger(), nullable=False),
        sa.Column("hash", sa.BigInteger(), nullable=False),
        sa.Column("document_id", sa.Integer(),
                  sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.PrimaryKeyConstraint("band", "hash", "document_id", name="pk_document_bands"),
        sqlite_with_rowid=False,
    )
    conn = op.get_bind()
    docs = sa.table("documents", sa.column("id", sa.Integer), sa.column("signature", sa.LargeBinary),
                    sa.column("duplicate_of", sa.String))
    bands = sa.table("document_bands", sa.column("band", sa.SmallInteger),
                     sa.column("hash", sa.BigInteger), sa.column("document_id", sa.Integer))
    last = 0
    while True:
        rows = conn.execute(sa.select(docs.c.id, docs.c.signature)
                            .where(docs.c.signature.is_not(None), docs.c.duplicate_of.is_(None),
                                   docs.c.id > last)
                            .order_by(docs.c.id).limit(BATCH)).all()
        if not rows:
            break
        last = rows[-1].id
        new = []
        for r in rows:
            try:
                mh = from_bytes(bytes(r.signature))
            except ValueError:      # not a signature of the current format
                continue
            new += [{"band": i, "hash": h, "document_id": r.id}
                    for i, h in enumerate(band_hashes(mh))]
        if new:
            conn.execute(bands.insert(), new)


def downgrade() -> None:
    op.drop_table("document_bands")
