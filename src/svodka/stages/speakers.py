"""Fill `Quote.speaker` from the cue's subject or a role."""
from __future__ import annotations

from ..document import Document
from ..resources import Resources


def attribute_speakers(doc: Document, res: Resources) -> Document:
    """Fill `Quote.speaker` from the cue's subject or a role. (Not written yet: returns the document unchanged.)"""
    return doc
