"""Sentences that scraped text glued together: `заявил Иванов.По словам
Петрова, …` lost the space after the full stop, so the segmenter reads one
sentence and the syntax tree joins two statements. Quote finding needs the
two apart; this module re-parses just those sentences, cut at such stops.

A stop glued to a capital letter ends a sentence unless it follows an
initial (`А.Лукашенко`), a lower-case abbreviation (`т.е.`, `г.Москва`), a
link or domain (`lenta.ru`, `Газета.Ru`), or an organisation's name that
runs on through the stop (`Яндекс.Новости`).
"""
from __future__ import annotations

import bisect
import dataclasses
import re

from ..document import Document, Sentence, Token

# a stop (or `!`, `?`, `…`) after a word of two letters or more, or after
# a closing mark, glued to a capitalised word (maybe behind an opening mark)
_GLUED = re.compile(r"(?:(?<=[^\W\d_]{2})|(?<=[»\"”)]))[.!?…]+(?=[«\"„]?[А-ЯЁA-Z][а-яёa-z])")
# lower-case words that end in a full stop as abbreviations (`г.Москва`,
# `ул.Ленина`, `им.Пушкина`, `тыс.Рублей` does not occur in news)
_ABBREVIATIONS = frozenset(
    "г гг ул им пр просп пл пер д корп кв обл р-н пос с ст св см стр рис табл "
    "тыс млн млрд руб коп долл чел т е др пр проф акад доц канд зам ген "
    "рус англ лат нем франц тел факс".split())


def glued_stops(doc: Document) -> list[int]:
    """Offsets just past each glued stop that ends a sentence."""
    text, out = doc.text, []
    spans = sorted(doc.ner_spans, key=lambda s: s.start)
    starts = [s.start for s in spans]
    for m in _GLUED.finditer(text):
        word = re.search(r"[^\W\d_][\w-]*$", text[max(0, m.start() - 40):m.start()])
        if word is not None:
            before = m.start() - len(word.group())
            w = word.group()
            # `Дж.Коми`: an initial; `lenta.ru`, `www.x.По`: a link
            if len(w) <= 2 and w[0].isupper() or w.lower() in _ABBREVIATIONS or w.isascii() \
                    or (before > 0 and text[before - 1] in "./@:"):
                continue
        after = re.match(r"[«\"„]?(\w+)", text[m.end():m.end() + 40])
        if after is None or after.group(1).isascii():
            continue    # `Газета.Ru`
        # `Яндекс.Новости`: an organisation's name runs on through the stop
        # (spans by start; the one starting last before the stop may hold it)
        k = bisect.bisect_left(starts, m.start()) - 1
        if k >= 0 and any(s.start < m.start() <= s.end and (s.type == "ORG" or m.end() < s.end)
                          for s in spans[max(0, k - 1):k + 1]):
            continue
        out.append(m.end())
    return out


def split_glued(doc: Document) -> Document:
    """`doc` with every sentence that holds a glued stop parsed again as the
    sentences it is cut into there (offsets still into `doc.text`); the
    other sentences are left as they are. Returns `doc` when there is none."""
    stops = glued_stops(doc)
    if not stops or not doc.sentences:
        return doc
    from ..stages.parse import parse_many   # the models, only when needed
    pieces: dict[int, list[tuple[int, int]]] = {}
    for si, sent in enumerate(doc.sentences):
        cuts = stops[bisect.bisect_right(stops, sent.start):bisect.bisect_left(stops, sent.end)]
        if cuts:
            bounds = [sent.start, *cuts, sent.end]
            pieces[si] = [(a, b) for a, b in zip(bounds, bounds[1:]) if doc.text[a:b].strip()]
    if not pieces:
        return doc
    flat = [span for spans in pieces.values() for span in spans]
    parsed = parse_many([Document(text=doc.text[a:b]) for a, b in flat])
    by_span = {span: [_shifted(s, span[0]) for s in p.sentences] for span, p in zip(flat, parsed)}
    sentences: list[Sentence] = []
    for si, sent in enumerate(doc.sentences):
        if si in pieces:
            sentences.extend(s for span in pieces[si] for s in by_span[span])
        else:
            sentences.append(sent)
    return dataclasses.replace(doc, sentences=tuple(sentences))


def _shifted(sent: Sentence, by: int) -> Sentence:
    return Sentence(sent.text, sent.start + by, sent.end + by, tuple(
        Token(t.text, t.start + by, t.end + by, t.lemma, t.pos, t.feats, t.head, t.rel)
        for t in sent.tokens))
