"""Response schemas made from our dataclasses, so the OpenAPI document says
exactly what `svodka.document` and the store's row types hold.

`model_of(cls)` turns a frozen dataclass into a pydantic model field by field
(nested dataclasses become nested models, `tuple[X, ...]` a list, `Decimal` a
JSON number as `to_dict` writes it). No schema here adds a field of its own;
the only extras are `Document.key`, the document's own content-key property,
and `schema_version`, both written by `document.to_dict`. Values are
serialized by `document.plain`, the model's one serializer.
"""
from __future__ import annotations

import dataclasses
import functools
import types
import typing
from decimal import Decimal
from typing import Annotated, Any, Optional, Union

from fastapi.responses import JSONResponse
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, create_model

from ..document import INTERNAL_FIELDS, SCHEMA_VERSION, Document, plain
from ..ingest.text import whole_characters

# Metadata a client may send with a text; all are `Document` fields.
META_FIELDS = ("source", "title", "url", "published", "author")

# No store keeps NUL characters in text.
NO_NUL = r"^[^\x00]*$"

_names: dict[str, type] = {}


def _schema_name(cls: type) -> str:
    """The class name, prefixed by its module when two classes share it."""
    name = cls.__name__
    if _names.setdefault(name, cls) is not cls:
        name = f"{cls.__module__.rsplit('.', 1)[-1].title()}{name}"
        _names.setdefault(name, cls)
    return name


def _convert(tp: Any) -> Any:
    origin = typing.get_origin(tp)
    if dataclasses.is_dataclass(tp):
        return model_of(tp)
    if tp is Decimal:
        return Union[int, float]
    if origin in (tuple, list):
        args = [a for a in typing.get_args(tp) if a is not Ellipsis]
        return list[_convert(args[0])] if args else list[Any]
    if origin in (Union, types.UnionType):
        args = [_convert(a) for a in typing.get_args(tp)]
        return Union[tuple(args)]
    if origin is dict:
        key, value = typing.get_args(tp)
        return dict[_convert(key), _convert(value)]
    if tp is dict:
        return dict[str, Any]
    return tp


@functools.cache
def model_of(cls: type, exclude: frozenset[str] = INTERNAL_FIELDS) -> type[BaseModel]:
    """A pydantic model with the fields of dataclass `cls` (minus `exclude`)."""
    hints = typing.get_type_hints(cls)
    fields: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name in exclude:
            continue
        if f.default is not dataclasses.MISSING:
            default = f.default
        elif f.default_factory is not dataclasses.MISSING:
            default = Field(default_factory=f.default_factory)
        else:
            default = ...
        fields[f.name] = (_convert(hints[f.name]), default)
    if cls is Document:
        fields["key"] = (str, Field(description="Document.key: the content key, the id in URLs"))
        fields["schema_version"] = (typing.Literal[SCHEMA_VERSION],  # type: ignore[valid-type]
                                    Field(description="The version of the document's JSON shape"))
    return create_model(_schema_name(cls), __doc__=(cls.__doc__ or "").strip() or None,
                        __config__=ConfigDict(from_attributes=True), **fields)


@functools.cache
def page_of(row: type) -> type[BaseModel]:
    """The store's `Page` with `items` typed as a list of `row`."""
    from ..store.queries import Page
    hints = typing.get_type_hints(Page)
    fields: dict[str, Any] = {}
    for f in dataclasses.fields(Page):
        tp = list[model_of(row)] if f.name == "items" else _convert(hints[f.name])
        fields[f.name] = (tp, ...)
    return create_model(f"{_schema_name(row)}Page", **fields)


def json_of(value: Any) -> JSONResponse:
    """`plain(value)` as a JSON response, made in the route's own thread.
    Returning a response skips FastAPI's re-validation of the value against
    the route's `response_model`: that would cost a pydantic pass and, for
    a synchronous route, a second trip through the thread pool, behind
    other requests' store work. The rows come from typed dataclasses, and
    the contract test checks every answer against the schema."""
    return JSONResponse(plain(value))


DocumentOut = model_of(Document)


def _text_in() -> type[BaseModel]:
    # A lone surrogate (a JSON "\ud800" escape) becomes U+FFFD, as in the readers.
    Whole = BeforeValidator(lambda v: whole_characters(v) if isinstance(v, str) else v)
    fields: dict[str, Any] = {
        "text": (Annotated[str, Whole], Field(min_length=1, pattern=NO_NUL,
                                              description="Document.text: the article text")),
    }
    for name in META_FIELDS:
        fields[name] = (Annotated[Optional[str], Whole],
                        Field(None, max_length=2000, pattern=NO_NUL))
    return create_model("TextIn", __doc__="An article to analyze: `Document.text` and its metadata.",
                        __config__=ConfigDict(extra="forbid"), **fields)


TextIn = _text_in()


class Problem(BaseModel):
    """An error: what went wrong and what to do next."""
    detail: Any
