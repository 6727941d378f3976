"""Entities from Natasha's NER spans: normal names in the nominative, the
mentions of one entity merged within the document."""
from __future__ import annotations

import dataclasses

from ..document import Document, Entity, Mention
from ..resources import Resources


def _merge_key(span) -> str:
    return span.normal.lower().replace("ё", "е")


def find_entities(doc: Document, res: Resources) -> Document:
    """Turn `ner_spans` into `Entity` items, one per normal name and type,
    each span a `name` mention."""
    groups: dict[tuple[str, str], list] = {}
    for span in doc.ner_spans:
        groups.setdefault((span.type, _merge_key(span)), []).append(span)
    entities = []
    for n, ((etype, _), spans) in enumerate(sorted(groups.items(), key=lambda kv: kv[1][0].start), 1):
        mentions = tuple(Mention(text=s.text, start=s.start, end=s.end, kind="name") for s in spans)
        entities.append(Entity(id=f"e{n}", type=etype, name=spans[0].normal, mentions=mentions))
    return dataclasses.replace(doc, entities=tuple(entities))
