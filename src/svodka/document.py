"""The one data model carried through every stage.

All items are frozen dataclasses. Every extracted item carries `start`/`end`,
half-open character offsets into `Document.text`, so that
`doc.text[item.start:item.end] == item.text` for each of them.

`to_dict()` / `from_dict()` give the JSON shape of the output contract in
DESIGN.md (`svodka analyze --format jsonl`, the store, the HTTP API).
"""
from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


# --- syntax, produced once by the parse stage and reused by all later ones ---

@dataclass(frozen=True, slots=True)
class Token:
    """One word with its morphology and dependency arc (`head` is an index
    into the sentence's tokens, -1 for the root)."""
    text: str
    start: int
    end: int
    lemma: str
    pos: str
    feats: dict = field(hash=False)
    head: int
    rel: str


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int
    end: int
    tokens: tuple[Token, ...] = ()


@dataclass(frozen=True, slots=True)
class NerSpan:
    """A raw span from the NER model, before entities are merged."""
    text: str
    start: int
    end: int
    type: str           # PER, ORG, LOC
    normal: str         # nominative normal form


# --- extracted items -----------------------------------------------------

@dataclass(frozen=True, slots=True)
class Mention:
    text: str
    start: int
    end: int
    kind: str           # name, abbreviation, role, pronoun


@dataclass(frozen=True, slots=True)
class Role:
    """A title attached to a person: `Президент Беларуси` -> country BLR, GOV."""
    text: str
    start: int
    end: int
    name: str           # the title in the nominative, as printed
    country: str | None = None   # ISO 3166-1 alpha-3
    sector: str | None = None    # GOV, LEG, MIL, JUD, BUS, MED, OPP, ...


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    type: str           # PER, ORG, LOC
    name: str           # normal form in the nominative
    mentions: tuple[Mention, ...] = ()
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    country: str | None = None
    sector: str | None = None

    @property
    def start(self) -> int:
        return self.mentions[0].start if self.mentions else 0


@dataclass(frozen=True, slots=True)
class EntityRef:
    """A reference to an `Entity` of the same document, with its name."""
    id: str | None
    name: str


@dataclass(frozen=True, slots=True)
class Cue:
    """The attribution words of a quote (`сказал Президент`)."""
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Quote:
    text: str           # content without quotation marks
    start: int
    end: int
    kind: str           # direct, indirect
    speaker: EntityRef | None = None
    cue: Cue | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """An event's source or target: an entity and/or a country and sector."""
    name: str | None = None
    entity: str | None = None   # Entity.id
    country: str | None = None
    sector: str | None = None


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    entity: str | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    type: str           # PLOVER type: AGREE, CONSULT, ...
    text: str           # the evidence span
    start: int
    end: int
    trigger: Cue
    mode: str | None = None
    contexts: tuple[str, ...] = ()
    quad: str | None = None     # verbal/material cooperation/conflict
    source: Actor | None = None
    target: Actor | None = None
    location: Place | None = None
    date: str | None = None     # ISO date, where resolved


@dataclass(frozen=True, slots=True)
class Amount:
    text: str
    value: Decimal      # base units: 1.2 млрд долларов -> 1200000000
    unit: str           # ISO 4217 code or "%"
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Document:
    text: str
    source: str | None = None   # path or URL as given
    title: str | None = None
    url: str | None = None
    published: str | None = None    # ISO date or datetime
    author: str | None = None
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    amounts: tuple[Amount, ...] = ()
    # Analysis internals: carried between stages, never serialized or compared.
    sentences: tuple[Sentence, ...] = field(default=(), compare=False, repr=False)
    ner_spans: tuple[NerSpan, ...] = field(default=(), compare=False, repr=False)

    @property
    def key(self) -> str:
        """Content key: a hash of the normalized text (see `content_key`)."""
        return content_key(self.text)

    def entity(self, entity_id: str | None) -> Entity | None:
        for ent in self.entities:
            if ent.id == entity_id:
                return ent
        return None


_SPACE = re.compile(r"\s+")


def content_key(text: str) -> str:
    """SHA-1 of the text with Unicode NFC, lower case, ё→е and runs of white
    space folded: the same article in another encoding or layout gets one key."""
    norm = unicodedata.normalize("NFC", text).lower().replace("ё", "е")
    norm = _SPACE.sub(" ", norm).strip()
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()


# --- JSON -----------------------------------------------------------------

_INTERNAL = {"sentences", "ner_spans"}


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name))
                for f in dataclasses.fields(value) if f.name not in _INTERNAL}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def to_dict(doc: Document) -> dict:
    """The JSON-ready form of a document (the DESIGN.md output contract)."""
    out = _plain(doc)
    out["key"] = doc.key
    return out


def _ref(cls, data):
    return cls(**data) if data else None


def _event(d: dict) -> Event:
    return Event(
        type=d["type"], text=d["text"], start=d["start"], end=d["end"],
        trigger=Cue(**d["trigger"]), mode=d.get("mode"),
        contexts=tuple(d.get("contexts") or ()), quad=d.get("quad"),
        source=_ref(Actor, d.get("source")), target=_ref(Actor, d.get("target")),
        location=_ref(Place, d.get("location")), date=d.get("date"))


def _entity(d: dict) -> Entity:
    return Entity(
        id=d["id"], type=d["type"], name=d["name"],
        mentions=tuple(Mention(**m) for m in d.get("mentions") or ()),
        aliases=tuple(d.get("aliases") or ()),
        roles=tuple(Role(**r) for r in d.get("roles") or ()),
        country=d.get("country"), sector=d.get("sector"))


def from_dict(d: dict) -> Document:
    """Inverse of `to_dict`: `from_dict(to_dict(doc)) == doc`."""
    return Document(
        text=d["text"], source=d.get("source"), title=d.get("title"),
        url=d.get("url"), published=d.get("published"), author=d.get("author"),
        entities=tuple(_entity(e) for e in d.get("entities") or ()),
        quotes=tuple(Quote(text=q["text"], start=q["start"], end=q["end"],
                           kind=q["kind"], speaker=_ref(EntityRef, q.get("speaker")),
                           cue=_ref(Cue, q.get("cue")))
                     for q in d.get("quotes") or ()),
        events=tuple(_event(e) for e in d.get("events") or ()),
        amounts=tuple(Amount(text=a["text"], value=Decimal(str(a["value"])),
                             unit=a["unit"], start=a["start"], end=a["end"])
                      for a in d.get("amounts") or ()),
    )


def spans(doc: Document):
    """Every item of `doc` that has offsets and a surface `text`, for checks
    of the offset invariant."""
    for ent in doc.entities:
        yield from ent.mentions
        yield from ent.roles
    for q in doc.quotes:
        yield q
        if q.cue:
            yield q.cue
    for ev in doc.events:
        yield ev
        yield ev.trigger
    yield from doc.amounts
