"""Reads the web pages need beyond the `Store` methods: links from a
document's local entities to merged entities. Built on the store's engine
and schema, with every value bound."""
from __future__ import annotations

from sqlalchemy import select

from ..store.schema import doc_entities, documents


def entity_links(store, key: str) -> dict[str, int]:
    """`Entity.id` in the document with content key `key` -> merged entity id."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(doc_entities.c.local_id, doc_entities.c.entity_id)
                            .join(documents, documents.c.id == doc_entities.c.document_id)
                            .where(documents.c.key == key))
        return {local: merged for local, merged in rows}
