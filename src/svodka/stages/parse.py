"""Segmentation, morphology, lemmas, dependency syntax and raw NER from
Natasha, run once per batch of documents and turned into our own `Sentence`,
`Token` and `NerSpan` values. No natasha object leaves this module."""
from __future__ import annotations

import bisect
import dataclasses
import re
from typing import Sequence

from razdel import sentenize, tokenize

from ..document import Document, NerSpan, Sentence, Token
from ..models import Models, load_models
from ..resources import Resources

# The syntax parser is quadratic in sentence length; run-on "sentences"
# (tables, lists without full stops) are cut into chunks of this many tokens.
MAX_SENTENCE_TOKENS = 120
# Hostile input guards: a run of this many punctuation/symbol characters
# or underscores (`<<<<...`, `----...`, `____...`) is not text and no model
# sees it; a "word" over
# MAX_TOKEN_CHARS is skipped; the NER tagger reads at most NER_WINDOW words
# at a time (whole sentences), so its memory does not grow with the article.
MAX_PUNCT_RUN = 64
MAX_TOKEN_CHARS = 200
NER_WINDOW = 8192
# A fixed-length class repetition: each match attempt scans at most the run
# it is in, so finding them all is linear in the text.
_SURROGATE = re.compile("[\ud800-\udfff]")
_BREAK = re.compile(r"\n|(?:[^\w\s]|_){%d,}" % MAX_PUNCT_RUN)


class _NormToken:
    """The duck-typed token natasha's `norm.normalize` expects."""
    __slots__ = ("id", "head_id", "text", "start", "stop", "pos", "feats")

    def __init__(self, index: int, tok: Token):
        self.id, self.head_id = index, tok.head
        self.text, self.start, self.stop = tok.text, tok.start, tok.end
        self.pos, self.feats = tok.pos, tok.feats


def _pieces(text: str):
    """(offset, piece) of `text` between line breaks and runs of
    `MAX_PUNCT_RUN` or more punctuation characters. A line break ends a
    sentence in news text (a headline, a caption, a paragraph without a
    final stop), which razdel alone would join to the next line."""
    pos = 0
    for run in _BREAK.finditer(text):
        yield pos, text[pos:run.start()]
        pos = run.end()
    yield pos, text[pos:]


def _segment(text: str) -> list[list[tuple[int, int, str]]]:
    """Sentences as lists of (start, end, word), long ones cut into chunks;
    long punctuation runs and over-long words left out."""
    out = []
    for offset, piece in _pieces(text):
        for sent in sentenize(piece):
            base = offset + sent.start
            words = [(base + t.start, base + t.stop, t.text) for t in tokenize(sent.text)
                     if t.stop - t.start <= MAX_TOKEN_CHARS]
            for i in range(0, len(words), MAX_SENTENCE_TOKENS):
                if words[i:i + MAX_SENTENCE_TOKENS]:
                    out.append(words[i:i + MAX_SENTENCE_TOKENS])
    return out


def _adapt_sentence(text: str, words, morph, syntax, lemmatize) -> Sentence:
    tokens = []
    for (start, end, word), m, s in zip(words, morph.tokens, syntax.tokens):
        head = int(s.head_id) - 1 if s.head_id not in (None, "0") else -1
        feats = m.feats
        # natasha lemmatizes the lower-cased, ё-folded word; so the cache key may.
        lemma = (lemmatize(word.lower().replace("ё", "е"), m.pos, tuple(feats.items()))
                 if m.pos != "PUNCT" else word)
        tokens.append(Token(text=word, start=start, end=end, lemma=lemma,
                            pos=m.pos, feats=dict(feats), head=head, rel=s.rel))
    start, end = words[0][0], words[-1][1]
    return Sentence(text=text[start:end], start=start, end=end, tokens=_as_tree(tokens))


def _as_tree(tokens: list[Token]) -> tuple[Token, ...]:
    """The model's arcs sometimes form a cycle or point outside the sentence;
    such a token becomes a root, so every walk up the heads ends at -1."""
    heads = [t.head if 0 <= t.head < len(tokens) else -1 for t in tokens]
    # A token known to reach the root still does after a cut (a cut only
    # makes a path end sooner), so a walk may stop at one.
    rooted = [False] * len(heads)
    for i in range(len(heads)):
        path, node = [], i
        while node >= 0 and not rooted[node] and node not in path:
            path.append(node)
            node = heads[node]
        if node >= 0 and not rooted[node]:
            heads[node] = -1
        for k in path:
            rooted[k] = True
    return tuple(t if t.head == h else dataclasses.replace(t, head=h)
                 for t, h in zip(tokens, heads))


def _adapt_span(text: str, span, sentences: Sequence[Sentence], starts, vocab) -> NerSpan:
    from natasha.norm import normalize, syntax_normalize
    n = bisect.bisect_right(starts, span.start) - 1
    toks = []
    if n >= 0:
        toks = [(i, t) for i, t in enumerate(sentences[n].tokens)
                if span.start <= t.start and t.end <= span.stop]
    if toks:
        norm_tokens = [_NormToken(i, t) for i, t in toks]
        method = syntax_normalize if span.type == "ORG" else normalize
        normal = method(vocab, norm_tokens)
    else:
        normal = text[span.start:span.stop]
    return NerSpan(text=text[span.start:span.stop], start=span.start,
                   end=span.stop, type=span.type, normal=normal)


def _map_by_length(api, items: Sequence) -> list:
    """`api.map(items)` with the items sent shortest first, so each model
    batch pads little, and the results put back in input order."""
    order = sorted(range(len(items)), key=lambda i: len(items[i]))
    out = [None] * len(items)
    for i, result in zip(order, api.map([items[i] for i in order])):
        out[i] = result
    return out


class _Bounds:
    """The duck-typed token slovnet's `bio_spans` reads offsets from."""
    __slots__ = ("start", "stop")

    def __init__(self, start: int, stop: int):
        self.start, self.stop = start, stop


def _ner(models: Models, segmented: list[list[list[tuple[int, int, str]]]]) -> list[list]:
    """Raw NER spans (`start`, `stop`, `type`) per document. The tagger gets
    our tokens rather than the text, so the text is not tokenized twice; it
    still sees each article as one sequence, as `NERTagger.map` would."""
    from slovnet.bio import bio_spans
    infer = models.ner.infer
    windows = _windows(segmented)
    todo = sorted(range(len(windows)), key=lambda k: len(windows[k][1]))
    tags = infer.decoder(infer.process(infer.encoder(
        [[w for _, _, w in windows[k][1]] for k in todo])))
    out: list[list] = [[] for _ in segmented]
    for k, window_tags in zip(todo, tags):
        i, words = windows[k]
        out[i].extend(bio_spans([_Bounds(s, e) for s, e, _ in words], window_tags))
    for spans in out:
        spans.sort(key=lambda span: span.start)
    return out


def _windows(segmented: list[list[list[tuple[int, int, str]]]]) -> list[tuple[int, list]]:
    """(document, words) windows for the NER tagger: each document's words
    in windows of whole sentences (one window unless it has over NER_WINDOW
    words)."""
    windows: list[tuple[int, list]] = []
    for i, sents in enumerate(segmented):
        window: list = []
        for sent in sents:
            if window and len(window) + len(sent) > NER_WINDOW:
                windows.append((i, window))
                window = []
            window.extend(sent)
        if window:
            windows.append((i, window))
    return windows


def _fast_ner(run, segmented: list[list[list[tuple[int, int, str]]]], vectors) -> list[list]:
    """`_ner` through the lean runner: the same windows and spans."""
    from slovnet.bio import bio_spans
    windows = _windows(segmented)
    tags = run.ner_tags([[w for _, _, w in words] for _, words in windows], vectors)
    out: list[list] = [[] for _ in segmented]
    for (i, words), window_tags in zip(windows, tags):
        out[i].extend(bio_spans([_Bounds(s, e) for s, e, _ in words], window_tags))
    for spans in out:
        spans.sort(key=lambda span: span.start)
    return out


def _fast_sentence(text: str, words, tags, heads, rels, run) -> Sentence:
    """`_adapt_sentence` from the runner's tag ids, heads and relation ids."""
    table, names, lemma = run.tags, run.rels, run.lemma
    tokens = []
    for (start, end, word), tag, head, rel in zip(words, tags, heads, rels):
        pos, feats = table[tag]
        tokens.append(Token(word, start, end, lemma(word, tag) if pos != "PUNCT" else word,
                            pos, dict(feats), head - 1, names[rel]))
    start, end = words[0][0], words[-1][1]
    return Sentence(text=text[start:end], start=start, end=end, tokens=_as_tree(tokens))


def parse_many(docs: Sequence[Document], models: Models | None = None,
               reference: bool = False) -> list[Document]:
    """Parse many documents at once: the models see the sentences of all of
    them in one stream, sorted by length, so their batches stay full. With
    `reference`, through natasha's and slovnet's own APIs (`map`, their
    markup records): slower, the same result, kept as the check of the
    lean runner (`stages/inference.py`)."""
    from .inference import runner
    models = models or load_models()
    # (a lone surrogate, from text decoded with `surrogateescape`, is no
    # character: U+FFFD stands in for it, one for one, so offsets hold)
    docs = [dataclasses.replace(d, text=_SURROGATE.sub("\ufffd", d.text))
            if _SURROGATE.search(d.text) else d for d in docs]
    segmented = [_segment(d.text) for d in docs]
    flat = [[w for _, _, w in words] for sents in segmented for words in sents]
    if reference:
        morph = _map_by_length(models.morph, flat)
        syntax = _map_by_length(models.syntax, flat)
        ner = _ner(models, segmented)
    else:
        run = runner(models)
        vectors = run.vectors(flat)
        parsed = run.morph_syntax(flat, vectors)
        ner = _fast_ner(run, segmented, vectors)
    out, k = [], 0
    for doc, sents, doc_spans in zip(docs, segmented, ner):
        sentences = []
        for words in sents:
            if reference:
                sentences.append(_adapt_sentence(doc.text, words, morph[k], syntax[k],
                                                 models.lemmatize))
            else:
                sentences.append(_fast_sentence(doc.text, words, *parsed[k], run))
            k += 1
        starts = [s.start for s in sentences]
        spans = tuple(_adapt_span(doc.text, s, sentences, starts, models.morph_vocab)
                      for s in doc_spans)
        out.append(dataclasses.replace(doc, sentences=tuple(sentences), ner_spans=spans))
    return out


def parse(doc: Document, res: Resources) -> Document:
    """Add `sentences` (tokens with lemma, morphology, syntax) and raw
    `ner_spans` to a document that has none yet."""
    if doc.sentences or not doc.text.strip():
        return doc
    return parse_many([doc])[0]
