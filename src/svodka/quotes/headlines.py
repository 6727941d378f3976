"""A headline of the form `Имя: слова` (`Сергей Аксёнов: массовое убийство в
Керчи устроил студент колледжа`): a direct quote of the person or
organisation named before the colon, unless the body repeats it (GOLD.md:
then it is annotated once, as the body's clause)."""
from __future__ import annotations

import re

from ..document import Cue, Document, Quote

_WORD = re.compile(r"\w+")
# the name before the colon: one to four capitalised words
_HEADLINE = re.compile(r"(?P<name>[A-ZА-ЯЁ][\w.-]*(?: [A-ZА-ЯЁ][\w.-]*){0,3}):[ \t]+(?P<words>[^\n]+)")
# share of the headline's words found in one body sentence that makes it a repeat
_REPEAT_SHARE = 0.6
_MIN_WORDS = 3


def find_headline(doc: Document) -> list[Quote]:
    """The headline quote of `doc` (its first line), with the name as cue;
    none when the name is not one person or organisation of the article,
    when the words are in quotation marks (found with the marks), or when a
    sentence of the body holds 60 % of its words."""
    m = _HEADLINE.match(doc.text)
    if m is None or any(c in m.group("words") for c in "«»\"„“"):
        return []
    words = [w.lower() for w in _WORD.findall(m.group("words"))]
    if len(words) < _MIN_WORDS or not _names_one_speaker(doc, m.start("name"), m.end("name")):
        return []
    for sent in doc.sentences:
        if sent.start <= m.end():
            continue
        body = {t.text.lower() for t in sent.tokens}
        if sum(w in body for w in words) >= _REPEAT_SHARE * len(words):
            return []
    start, end = m.start("words"), m.end("words")
    while end > start and doc.text[end - 1] in " .\t":
        end -= 1
    cue = Cue(m.group("name"), m.start("name"), m.end("name"))
    return [Quote(text=doc.text[start:end], start=start, end=end, kind="direct", cue=cue)]


def _names_one_speaker(doc: Document, start: int, end: int) -> bool:
    """The span is a name mention of one person or organisation, whole."""
    for ent in doc.entities:
        if ent.type in ("PER", "ORG") and any(
                mn.start <= start and end <= mn.end or (mn.start == start and mn.end == end)
                for mn in ent.mentions):
            return True
    return False
