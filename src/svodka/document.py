"""The one data model carried through every stage.

All items are frozen dataclasses. Every extracted item carries `start`/`end`,
half-open character offsets into `Document.text`, so that
`doc.text[item.start:item.end] == item.text` for each of them.

`to_dict()` / `from_dict()` give the JSON shape of the output contract in
DESIGN.md (`svodka analyze --format jsonl`, the store, the HTTP API); this
module is the one serializer of the model. `json_schema()` describes that
shape as a JSON Schema made from the dataclasses below (shipped as
`document.schema.json`, printed by `svodka schema`); every serialized
document carries `schema_version`, which changes when the shape does.
"""
from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Iterator, Union

# The version of the JSON shape of `to_dict`; a change of a field's name,
# type or meaning raises it (adding an optional field does not).
SCHEMA_VERSION = "1"


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
    feats: dict[str, str] = field(hash=False)
    head: int
    rel: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence and its tokens (analysis internals, never serialized)."""
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
    """Where an entity is named: by name, abbreviation, role or pronoun."""
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
    """A person (PER), organisation (ORG) or place (LOC) of a document, its
    mentions merged: `id` is unique within the document."""
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
        """The offset of the first mention (0 without mentions)."""
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
    """A direct (`«...» — сказал X`) or reported (`X заявил, что ...`)
    statement and its speaker, when found."""
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
    """Where an event happened: a place name, its entity and country."""
    name: str
    entity: str | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """A PLOVER event: who did what to whom, with its evidence span."""
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
    """A sum of money or a percentage, with its value in base units."""
    text: str
    value: Decimal      # base units: 1.2 млрд долларов -> 1200000000
    unit: str           # ISO 4217 code or "%"
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Document:
    """An article and everything extracted from it: entities, quotes,
    events and amounts, each with offsets into `text`."""
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
        """The entity with `entity_id`, or None."""
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

# Fields carried between stages and never serialized.
INTERNAL_FIELDS = frozenset({"sentences", "ner_spans"})


def plain(value: Any) -> Any:
    """JSON-ready dicts, lists and numbers from the model's dataclasses (and
    from other frozen rows built the same way, such as the store's): a
    `Document` as `to_dict`, a `Decimal` as an int when whole, else a float."""
    if isinstance(value, Document):
        return to_dict(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name))
                for f in dataclasses.fields(value) if f.name not in INTERNAL_FIELDS}
    if isinstance(value, (tuple, list)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def to_dict(doc: Document) -> dict[str, Any]:
    """The JSON-ready form of a document (the DESIGN.md output contract), with
    its content `key` and the `schema_version` of this shape."""
    out: dict[str, Any] = {f.name: plain(getattr(doc, f.name))
                           for f in dataclasses.fields(doc) if f.name not in INTERNAL_FIELDS}
    out["key"] = doc.key
    out["schema_version"] = SCHEMA_VERSION
    return out


def _ref(cls: Any, data: Any) -> Any:
    return cls(**data) if data else None


def _event(d: dict[str, Any]) -> Event:
    return Event(
        type=d["type"], text=d["text"], start=d["start"], end=d["end"],
        trigger=Cue(**d["trigger"]), mode=d.get("mode"),
        contexts=tuple(d.get("contexts") or ()), quad=d.get("quad"),
        source=_ref(Actor, d.get("source")), target=_ref(Actor, d.get("target")),
        location=_ref(Place, d.get("location")), date=d.get("date"))


def _entity(d: dict[str, Any]) -> Entity:
    return Entity(
        id=d["id"], type=d["type"], name=d["name"],
        mentions=tuple(Mention(**m) for m in d.get("mentions") or ()),
        aliases=tuple(d.get("aliases") or ()),
        roles=tuple(Role(**r) for r in d.get("roles") or ()),
        country=d.get("country"), sector=d.get("sector"))


def from_dict(d: dict[str, Any]) -> Document:
    """Inverse of `to_dict`: `from_dict(to_dict(doc)) == doc` (`key` and
    `schema_version` are read by nobody: the key is the text's)."""
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


def spans(doc: Document) -> Iterator[Any]:
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


# --- JSON Schema ----------------------------------------------------------

def _type_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    import types
    import typing
    origin = typing.get_origin(tp)
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        _define(tp, defs)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    if origin in (Union, types.UnionType):
        args = typing.get_args(tp)
        if type(None) in args:
            rest = [a for a in args if a is not type(None)]
            inner = _type_schema(rest[0] if len(rest) == 1 else Union[tuple(rest)], defs)
            return {"anyOf": [inner, {"type": "null"}]}
        return {"anyOf": [_type_schema(a, defs) for a in args]}
    if origin in (tuple, list):
        items = [a for a in typing.get_args(tp) if a is not Ellipsis]
        return {"type": "array", "items": _type_schema(items[0], defs) if items else {}}
    if tp is dict or origin is dict:
        return {"type": "object"}
    simple = {str: "string", int: "integer", float: "number", bool: "boolean"}
    if tp in simple:
        return {"type": simple[tp]}
    if tp is Decimal:
        return {"type": "number"}
    raise TypeError(f"no JSON Schema for {tp!r}")


def _define(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    import typing
    known: dict[str, Any] | None = defs.get(cls.__name__)
    if known is not None:
        return known
    schema: dict[str, Any] = {"type": "object"}
    defs[cls.__name__] = schema     # before the fields: a field may refer back
    hints = typing.get_type_hints(cls)
    props: dict[str, Any] = {}
    required = []
    for f in dataclasses.fields(cls):
        if f.name in INTERNAL_FIELDS:
            continue
        props[f.name] = _type_schema(hints[f.name], defs)
        required.append(f.name)     # to_dict writes every field, None or not
    if cls is Document:
        props["key"] = {"type": "string", "pattern": "^[0-9a-f]{40}$",
                        "description": "The content key: SHA-1 of the normalized text."}
        props["schema_version"] = {"const": SCHEMA_VERSION,
                                   "description": "The version of this shape."}
        required += ["key", "schema_version"]
    if cls.__doc__ and not cls.__doc__.startswith(f"{cls.__name__}("):
        schema["description"] = " ".join(cls.__doc__.split())
    schema.update(properties=props, required=required, additionalProperties=False)
    return schema


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of `to_dict`'s output, made from the
    dataclasses of this module."""
    defs: dict[str, Any] = {}
    _define(Document, defs)
    root = defs.pop("Document")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "svodka document", **root, "$defs": dict(sorted(defs.items()))}
