"""Add PLOVER events coded from the text."""
from __future__ import annotations

from ..document import Document
from ..resources import Resources


def code_events(doc: Document, res: Resources) -> Document:
    """Add PLOVER events coded from the text. (Not written yet: returns the document unchanged.)"""
    return doc
