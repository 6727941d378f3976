"""Attach titles (`roles`) with country and sector to persons."""
from __future__ import annotations

from ..document import Document
from ..resources import Resources


def resolve_roles(doc: Document, res: Resources) -> Document:
    """Attach titles (`roles`) with country and sector to persons. (Not written yet: returns the document unchanged.)"""
    return doc
