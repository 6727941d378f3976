"""Document endpoints: read stored articles, analyze a text, ingest one."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Request, Response

from .. import limits
from ..errors import SvodkaError
from .schemas import META_FIELDS, DocumentOut, Problem, TextIn, json_of, plain
from .security import require_token

router = APIRouter(prefix="/api", tags=["documents"])

# A content key: the SHA-1 hex digest of the normalized text (`Document.key`).
Key = Annotated[str, Path(pattern=r"^[0-9a-f]{40}$", description="Document.key")]
NOT_FOUND = {404: {"model": Problem, "description": "No stored document with this id"}}
WRITE = {400: {"model": Problem, "description": "The body is not JSON"},
         401: {"model": Problem, "description": "No bearer token sent"},
         403: {"model": Problem, "description": "Writes disabled, or wrong token"},
         413: {"model": Problem, "description": "Request body too large"},
         422: {"model": Problem, "description": "Invalid body, or a text that cannot be analyzed"}}


def load_document(store, key: str):
    """The stored document with content key `key`, or a 404."""
    doc = store.get(key)
    if doc is None:
        raise HTTPException(404, f"no document {key!r}; search them at /api/documents?q=")
    return doc


@router.get("/documents/{key}", response_model=DocumentOut, responses=NOT_FOUND)
def get_document(key: Key, request: Request):
    """The stored document with all its entities, quotes, events and amounts,
    each with `start`/`end` offsets into `text`."""
    return json_of(load_document(request.app.state.store, key))


def _analyze(body: TextIn, checked: bool = False):
    """The analyzed document of `body`; with `checked`, the text and fields
    first pass the checks of the ingest (`sources.checked_document`: an
    article in Russian within the size limit, no control characters in any
    field, `published` an ISO date), else 422 with the reason."""
    meta = {name: getattr(body, name) for name in META_FIELDS if getattr(body, name)}
    text = body.text
    if checked:
        from ..document import Document
        from ..ingest.fields import TEXT_CONTROLS
        from ..ingest.sources import checked_document
        try:
            doc = checked_document(Document(text=text, **meta))
        except SvodkaError as e:
            raise HTTPException(422, f"cannot store this text: {e.message}") from e
        # Kept as sent (offsets the client may hold stay valid) unless it
        # had control characters to drop.
        text = doc.text if TEXT_CONTROLS.search(text) else text
        meta = {name: getattr(doc, name) for name in META_FIELDS if getattr(doc, name)}
    try:
        return limits.analyze_limited(text, name=meta.get("source") or "request body", **meta)
    except SvodkaError as e:
        raise HTTPException(422, f"cannot analyze this text: {e}") from e


@router.post("/analyze", response_model=DocumentOut, responses=WRITE,
             dependencies=[Depends(require_token)])
def analyze_text(body: TextIn):
    """Analyze a text and return the document; nothing is stored."""
    return plain(_analyze(body))


@router.post("/documents", response_model=DocumentOut, status_code=201,
             responses={**WRITE, 200: {"model": DocumentOut,
                                       "description": "Already stored: the stored document"}},
             dependencies=[Depends(require_token)])
def ingest_document(body: TextIn, request: Request, response: Response):
    """Analyze a text and store it (201); a text stored already is returned
    as stored (200). Its id is `key`: GET /api/documents/{key}. The text
    passes the ingest's checks first (422 with the reason)."""
    store = request.app.state.store
    doc = _analyze(body, checked=True)
    if not store.save_many([doc]):
        response.status_code = 200
        doc = store.load(doc.key)
    return plain(doc)
