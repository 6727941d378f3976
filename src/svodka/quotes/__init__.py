"""Quotes and who said them: the one stage `extract_quotes`.

    finding.py   direct speech in marks or dialogue lines
    labels.py    `Имя: слова` in the body, opening a paragraph or inside one
    interviews.py interviews without labels (dialogue lines, bare paragraphs): answers
                 are the interviewee's, questions none
    headlines.py a headline `Имя: слова` as its speaker's quote
    boundaries.py sentences glued at a stop with no space (`Иванов.По словам`), cut apart
    marks.py     pairs of quotation marks and dialogue lines in raw text (no syntax)
    reported.py  reported speech: `заявил, что …`, `по словам X, …`, `Об этом сообщил X`
    cues.py      the cue lexicon (resources/speech_verbs.tsv) and syntax helpers
    speakers.py  the speaker of each quote, from its cue's subject or the quote before
    referents.py what a subject phrase refers to: name, pronoun, role
    bodies.py    organisations and documents that speak (`пресс-служба`, `в сообщении`)
    mentions.py  the article's people and organisations as candidate speakers
"""
from __future__ import annotations

from ..document import Document
from ..resources import Resources
import dataclasses

from .boundaries import split_glued
from .finding import find_quotes
from .speakers import attribute_speakers

__all__ = ["extract_quotes", "find_quotes", "attribute_speakers"]


def extract_quotes(doc: Document, res: Resources) -> Document:
    """Add every quote of the article (`find_quotes`), each with its speaker
    (`attribute_speakers`); reported speech nobody is named for is dropped.
    Sentences glued at a stop (`Иванов.По словам`) are read apart here; the
    document keeps its own sentences for the stages after this one."""
    out = attribute_speakers(find_quotes(split_glued(doc), res), res)
    return dataclasses.replace(out, sentences=doc.sentences)
