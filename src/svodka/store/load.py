"""Rebuilding a stored `Document` from its rows: `load(conn, d.key) == d`."""
from __future__ import annotations

import json
from collections import defaultdict
from decimal import Decimal

from sqlalchemy import Connection, select

from ..document import (Actor, Amount, Cue, Document, Entity, EntityRef, Event, Mention,
                        Place, Quote, Role)
from .schema import amounts, doc_entities, documents, events, mentions, quotes


def load(conn: Connection, key: str) -> Document | None:
    """The document stored under content key `key`, or None."""
    doc = conn.execute(select(documents).where(documents.c.key == key)).mappings().first()
    if doc is None:
        return None
    doc_id = doc["id"]
    return Document(
        text=doc["text"], source=doc["source"], title=doc["title"], url=doc["url"],
        published=doc["published"], author=doc["author"],
        entities=_entities(conn, doc_id), quotes=_quotes(conn, doc_id),
        events=_events(conn, doc_id), amounts=_amounts(conn, doc_id))


def _entities(conn: Connection, doc_id: int) -> tuple[Entity, ...]:
    links = conn.execute(select(doc_entities).where(doc_entities.c.document_id == doc_id)
                         .order_by(doc_entities.c.ord)).mappings().all()
    if not links:
        return ()
    by_link: dict[int, list[Mention]] = defaultdict(list)
    rows = conn.execute(
        select(mentions).join(doc_entities, mentions.c.doc_entity_id == doc_entities.c.id)
        .where(doc_entities.c.document_id == doc_id)
        .order_by(mentions.c.doc_entity_id, mentions.c.ord)).mappings()
    for m in rows:
        by_link[m["doc_entity_id"]].append(
            Mention(text=m["text"], start=m["start"], end=m["end"], kind=m["kind"]))
    return tuple(
        Entity(id=e["local_id"], type=e["type"], name=e["name"],
               mentions=tuple(by_link[e["id"]]), aliases=tuple(json.loads(e["aliases"])),
               roles=tuple(Role(**r) for r in json.loads(e["roles"])),
               country=e["country"], sector=e["sector"])
        for e in links)


def _quotes(conn: Connection, doc_id: int) -> tuple[Quote, ...]:
    rows = conn.execute(select(quotes).where(quotes.c.document_id == doc_id)
                        .order_by(quotes.c.ord)).mappings()
    return tuple(
        Quote(text=q["text"], start=q["start"], end=q["end"], kind=q["kind"],
              speaker=EntityRef(id=q["speaker_local"], name=q["speaker_name"])
              if q["has_speaker"] else None,
              cue=Cue(text=q["cue_text"], start=q["cue_start"], end=q["cue_end"])
              if q["cue_text"] is not None else None)
        for q in rows)


def _obj(cls, raw: str | None):
    return cls(**json.loads(raw)) if raw is not None else None


def _events(conn: Connection, doc_id: int) -> tuple[Event, ...]:
    rows = conn.execute(select(events).where(events.c.document_id == doc_id)
                        .order_by(events.c.ord)).mappings()
    return tuple(
        Event(type=e["type"], text=e["text"], start=e["start"], end=e["end"],
              trigger=Cue(text=e["trigger_text"], start=e["trigger_start"],
                          end=e["trigger_end"]),
              mode=e["mode"], contexts=tuple(json.loads(e["contexts"])), quad=e["quad"],
              source=_obj(Actor, e["source"]), target=_obj(Actor, e["target"]),
              location=_obj(Place, e["location"]), date=e["date"])
        for e in rows)


def _amounts(conn: Connection, doc_id: int) -> tuple[Amount, ...]:
    rows = conn.execute(select(amounts).where(amounts.c.document_id == doc_id)
                        .order_by(amounts.c.ord)).mappings()
    return tuple(Amount(text=a["text"], value=Decimal(a["value"]), unit=a["unit"],
                        start=a["start"], end=a["end"]) for a in rows)
