"""The save path: `Document`s into rows, inside the caller's transaction.

`save_many` is called by `Store.save_many` within one transaction for the
whole batch, so a batch is stored completely or not at all. Inserts of
documents and merged entities use `ON CONFLICT DO NOTHING`, so concurrent
writers (Dask workers on PostgreSQL) and re-runs never duplicate a row.
"""
from __future__ import annotations

import dataclasses
import json
from collections import Counter, defaultdict
from datetime import datetime, timezone
from typing import Mapping, Sequence

from sqlalchemy import Connection, bindparam, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from ..document import Document, Entity
from . import fts
from .bands import band_rows
from .schema import (amounts, doc_entities, document_bands, documents, entities, events, failures,
                     mentions, quotes)

# Keys per `IN (...)` list.
CHUNK = 500
# Between the folded aliases in `aliases_folded` columns.
ALIAS_SEP = " | "


def fold(name: str | None) -> str | None:
    """Case- and ё-insensitive form of a name, for matching and merging."""
    return None if name is None else name.casefold().replace("ё", "е")


def merge_key(ent: Entity) -> str:
    """Entities of different documents are one when this key is equal."""
    return f"{ent.type}|{fold(ent.name)}|{ent.country or ''}"


def _insert_ignore(conn: Connection, table, keys: list[str]):
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    return dialect.insert(table).on_conflict_do_nothing(index_elements=keys)


def _json(value) -> str | None:
    if value is None:
        return None
    if dataclasses.is_dataclass(value):   # Actor, Place, Role: flat fields only
        value = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    return json.dumps(value, ensure_ascii=False)


def save_many(conn: Connection, docs: Sequence[Document], *,
              duplicate_of: Mapping[str, str], signatures: Mapping[str, bytes]) -> int:
    """Store the docs not stored yet; return how many were new. A doc whose
    key is in `duplicate_of` gets its document row and entity links but no
    quotes, events or amounts (they belong to its first copy), is left out of
    the full-text index, is not counted on its entities, and gets no rows in
    the near-duplicate index (`document_bands`, which a first copy with a
    signature gets). Rows of the whole batch go in with one statement per
    table."""
    now = datetime.now(timezone.utc)
    new: list[tuple[int, str, Document]] = []
    for doc in docs:
        key = doc.key
        row = {"key": key, "source": doc.source, "url": doc.url, "title": doc.title,
               "published": doc.published, "author": doc.author, "text": doc.text,
               "duplicate_of": duplicate_of.get(key), "signature": signatures.get(key),
               "ingested_at": now}
        doc_id = conn.execute(_insert_ignore(conn, documents, ["key"])
                              .returning(documents.c.id), row).scalar()
        if doc_id is not None:      # else stored already, by an earlier run or another writer
            new.append((doc_id, key, doc))
    by_key = _merge_entities(conn, [e for _, _, doc in new for e in doc.entities])
    tally: dict[int, Counter] = defaultdict(Counter)
    links, link_mentions, quote_rows, event_rows, amount_rows, indexed = [], [], [], [], [], []
    bands: list[dict] = []
    for doc_id, key, doc in new:
        global_ids = {e.id: by_key[merge_key(e)] for e in doc.entities}
        for n, ent in enumerate(doc.entities):
            links.append(_link_row(doc_id, n, ent, global_ids[ent.id]))
            link_mentions.append(ent.mentions)
        if key in duplicate_of:
            continue
        for gid in set(global_ids.values()):
            tally[gid]["n_documents"] += 1
        for ent in doc.entities:
            tally[global_ids[ent.id]]["n_mentions"] += len(ent.mentions)
        for q in doc.quotes:
            if q.speaker and q.speaker.id in global_ids:
                tally[global_ids[q.speaker.id]]["n_quotes"] += 1
        bands += band_rows(doc_id, signatures.get(key))
        quote_rows += _quote_rows(doc_id, doc, global_ids)
        event_rows += _event_rows(doc_id, doc, global_ids)
        amount_rows += _amount_rows(doc_id, doc)
        indexed.append((doc_id, doc.title, doc.text))
    link_ids = _insert(conn, doc_entities, links, returning=True)
    _insert(conn, mentions, [{"doc_entity_id": link_id, "ord": n, "text": m.text,
                              "start": m.start, "end": m.end, "kind": m.kind}
                             for link_id, ms in zip(link_ids, link_mentions)
                             for n, m in enumerate(ms)])
    quote_ids = _insert(conn, quotes, quote_rows, returning=True)
    _insert(conn, events, event_rows)
    _insert(conn, amounts, amount_rows)
    _insert(conn, document_bands, bands)
    fts.index_documents(conn, indexed, list(zip(quote_ids, (r["text"] for r in quote_rows))))
    _add_counts(conn, tally)
    aliases: dict[int, list[str]] = defaultdict(list)
    for _, _, doc in new:
        for ent in doc.entities:
            aliases[by_key[merge_key(ent)]] += ent.aliases
    _add_aliases(conn, {k: v for k, v in aliases.items() if v})
    return len(new)


def _insert(conn: Connection, table, rows: list[dict], returning: bool = False) -> list[int]:
    """Insert `rows` in one statement; with `returning`, their ids in order."""
    if not rows:
        return []
    if not returning:
        conn.execute(insert(table), rows)
        return []
    stmt = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return list(conn.execute(stmt, rows).scalars().all())


def _merge_entities(conn: Connection, ents: Sequence[Entity]) -> dict[str, int]:
    """Insert the entities not known yet; return merge key -> entity id.
    Keys go in sorted order, so concurrent writers lock rows in one order."""
    if not ents:
        return {}
    keys = {}
    for ent in ents:
        keys.setdefault(merge_key(ent), ent)
    ordered = sorted(keys)
    conn.execute(_insert_ignore(conn, entities, ["merge_key"]),
                 [{"merge_key": k, "type": keys[k].type, "name": keys[k].name,
                   "name_folded": fold(keys[k].name), "country": keys[k].country,
                   "sector": keys[k].sector} for k in ordered])
    by_key: dict[str, int] = {}
    for i in range(0, len(ordered), CHUNK):
        by_key.update(conn.execute(select(entities.c.merge_key, entities.c.id)
                                   .where(entities.c.merge_key.in_(ordered[i:i + CHUNK]))).all())
    return by_key


def _link_row(doc_id: int, n: int, ent: Entity, entity_id: int) -> dict:
    return {"document_id": doc_id, "ord": n, "entity_id": entity_id,
            "local_id": ent.id, "type": ent.type, "name": ent.name, "country": ent.country,
            "sector": ent.sector, "aliases": _json(list(ent.aliases)),
            "aliases_folded": ALIAS_SEP.join(fold(a) for a in ent.aliases),
            "roles": _json([json.loads(_json(r)) for r in ent.roles])}


def _add_counts(conn: Connection, tally: Mapping[int, Counter]) -> None:
    """Add the batch's documents, mentions and quotes to its entities' counts,
    in id order (no deadlocks between concurrent writers)."""
    if not tally:
        return
    stmt = (update(entities).where(entities.c.id == bindparam("eid"))
            .values(n_documents=entities.c.n_documents + bindparam("d"),
                    n_mentions=entities.c.n_mentions + bindparam("m"),
                    n_quotes=entities.c.n_quotes + bindparam("q")))
    conn.execute(stmt, [{"eid": gid, "d": tally[gid]["n_documents"],
                         "m": tally[gid]["n_mentions"], "q": tally[gid]["n_quotes"]}
                        for gid in sorted(tally)])


def _add_aliases(conn: Connection, aliases: Mapping[int, Sequence[str]]) -> None:
    """Add aliases not yet on their entities' rows (rows locked in id order)."""
    if not aliases:
        return
    ids = sorted(aliases)
    known = select(entities.c.id, entities.c.aliases_folded).where(entities.c.id.in_(ids))
    if conn.dialect.name == "postgresql":
        known = known.order_by(entities.c.id).with_for_update()
    changed = []
    for entity_id, folded in conn.execute(known).all():
        have = dict.fromkeys(a for a in folded.split(ALIAS_SEP) if a)
        more = dict.fromkeys(fold(a) for a in aliases[entity_id])
        if more.keys() - have.keys():
            changed.append({"eid": entity_id, "a": ALIAS_SEP.join({**have, **more})})
    if changed:
        conn.execute(update(entities).where(entities.c.id == bindparam("eid"))
                     .values(aliases_folded=bindparam("a")), changed)


def _quote_rows(doc_id: int, doc: Document, global_ids: Mapping[str, int]) -> list[dict]:
    rows = []
    for n, q in enumerate(doc.quotes):
        sp = q.speaker
        rows.append({"document_id": doc_id, "published": doc.published, "ord": n,
                     "text": q.text, "start": q.start,
                     "end": q.end, "kind": q.kind, "has_speaker": int(sp is not None),
                     "speaker_local": sp.id if sp else None, "speaker_name": sp.name if sp else None,
                     "speaker_folded": fold(sp.name) if sp else None,
                     "speaker_id": global_ids.get(sp.id) if sp and sp.id else None,
                     "cue_text": q.cue.text if q.cue else None,
                     "cue_start": q.cue.start if q.cue else None,
                     "cue_end": q.cue.end if q.cue else None})
    return rows


def _event_rows(doc_id: int, doc: Document, global_ids: Mapping[str, int]) -> list[dict]:
    def gid(item):
        return global_ids.get(item.entity) if item is not None and item.entity else None

    return [{"document_id": doc_id, "published": doc.published, "ord": n,
             "type": ev.type, "text": ev.text,
             "start": ev.start, "end": ev.end, "trigger_text": ev.trigger.text,
             "trigger_start": ev.trigger.start, "trigger_end": ev.trigger.end,
             "mode": ev.mode, "contexts": _json(list(ev.contexts)), "quad": ev.quad,
             "date": ev.date,
             "source": _json(ev.source), "source_id": gid(ev.source),
             "source_country": ev.source.country if ev.source else None,
             "source_sector": ev.source.sector if ev.source else None,
             "target": _json(ev.target), "target_id": gid(ev.target),
             "target_country": ev.target.country if ev.target else None,
             "target_sector": ev.target.sector if ev.target else None,
             "location": _json(ev.location), "location_id": gid(ev.location)}
            for n, ev in enumerate(doc.events)]


def _amount_rows(doc_id: int, doc: Document) -> list[dict]:
    return [{"document_id": doc_id, "published": doc.published, "ord": n, "text": a.text,
             "value": str(a.value), "value_num": float(a.value), "unit": a.unit,
             "start": a.start, "end": a.end}
            for n, a in enumerate(doc.amounts)]


def record_failures(conn: Connection, items: Sequence[tuple[str, str]]) -> None:
    """Remember `(source, reason)` of items an ingest skipped or failed on,
    once each: a pair recorded already is not recorded again, so that
    re-running an ingest on the same inputs leaves the counts unchanged."""
    pairs = list(dict.fromkeys((s, r) for s, r in items))
    if not pairs:
        return
    known: set[tuple[str, str]] = set()
    sources = sorted({s for s, _ in pairs})
    for i in range(0, len(sources), 500):     # bound the bind parameters per query
        rows = conn.execute(select(failures.c.source, failures.c.reason)
                            .where(failures.c.source.in_(sources[i:i + 500])))
        known.update((s, r) for s, r in rows)
    new = [p for p in pairs if p not in known]
    if new:
        now = datetime.now(timezone.utc)
        conn.execute(insert(failures), [{"source": s, "reason": r, "at": now} for s, r in new])
