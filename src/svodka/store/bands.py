"""The near-duplicate index in the store (`document_bands`, migration 0010):
the rows of a first copy's LSH bands, written with the document, and the
lookup of the stored first copies that share a band with a new text.

The bands and their hashes are `ingest.dedup`'s (`band_hashes`), so what a
run writes matches what later runs ask for.
"""
from __future__ import annotations

from typing import Sequence

from sqlalchemy import Connection, and_, bindparam, or_, select

from ..ingest.dedup import BANDS, band_hashes, from_bytes
from .schema import document_bands, documents

# One statement for every lookup: (band = :b_i AND hash = :h_i) for each band,
# OR-ed, each pair an index range on the primary key (band, hash, document_id);
# bound parameters, so it is compiled once and cached.
_CANDIDATES = (
    select(documents.c.key, documents.c.signature)
    .where(documents.c.id.in_(
        select(document_bands.c.document_id)
        .where(or_(*(and_(document_bands.c.band == bindparam(f"b{i}"),
                          document_bands.c.hash == bindparam(f"h{i}"))
                     for i in range(BANDS))))))
)


def band_rows(doc_id: int, signature: bytes | None) -> list[dict]:
    """The `document_bands` rows of a first copy (none for a missing
    signature or one of another format, which no lookup could match)."""
    if signature is None:
        return []
    try:
        mh = from_bytes(bytes(signature))
    except ValueError:
        return []
    return [{"band": i, "hash": h, "document_id": doc_id} for i, h in enumerate(band_hashes(mh))]


def candidates(conn: Connection, hashes: Sequence[int]) -> list[tuple[str, bytes]]:
    """`(key, signature)` of the stored first copies sharing at least one
    band with `hashes` (one hash per band, in band order), in no set order."""
    if len(hashes) != BANDS:
        raise ValueError(f"{BANDS} band hashes, not {len(hashes)}")
    params = {}
    for i, h in enumerate(hashes):
        params[f"b{i}"], params[f"h{i}"] = i, h
    return [(key, bytes(sig)) for key, sig in conn.execute(_CANDIDATES, params)]
