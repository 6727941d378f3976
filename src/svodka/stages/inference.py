"""Natasha's morphology, syntax and NER models run straight on svodka's word
lists, without slovnet's and natasha's per-token record objects.

The models are slovnet's own loaded modules (`models.morph.infer.model` …),
called on the very batches slovnet's `map` would build from the same
sentences in the same order (same padding, same dtypes), so every tag, head
and relation is bit for bit slovnet's; `parse_many(reference=True)` runs the
natasha API instead and `tests/test_speed_identical.py` compares the two.
What is saved is bookkeeping: a word is encoded (lower-cased, shaped, looked
up) once, not once per model and occurrence; the morphology and syntax models
share one encoded batch; a tag string is parsed into POS and features once
per tag of the model's vocabulary, not once per token; the syntax head's arcs
are decoded once (slovnet's `SyntaxInfer` decodes them twice).
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

# Distinct words whose ids are remembered (a few tens of MB at most); the
# memo is dropped whole when it fills, a news vocabulary refills it quickly.
WORD_CACHE = 1 << 18


class WordIds:
    """word → (word id, shape id) in a model's vocabularies, as slovnet's
    `WordShapeEncoder.item` computes them, memoized."""

    def __init__(self, encoder):
        from slovnet.shape import word_shape
        self._shape = word_shape
        self._words, self._shapes = encoder.words_vocab, encoder.shapes_vocab
        self.word_pad, self.shape_pad = self._words.pad_id, self._shapes.pad_id
        self.cache: dict[str, tuple[int, int]] = {}

    def __call__(self, word: str) -> tuple[int, int]:
        ids = self.cache.get(word)
        if ids is None:
            if len(self.cache) >= WORD_CACHE:
                self.cache.clear()
            ids = self.cache[word] = (self._words.encode(word.lower()),
                                      self._shapes.encode(self._shape(word)))
        return ids

    def batch(self, items: Sequence[Sequence[tuple[int, int]]]):
        """(word_id, shape_id, pad_mask) of encoded sentences, padded as
        slovnet's `pad_sequence` pads (int64, pad ids to the longest)."""
        size = max(len(ids) for ids in items)
        word_id = np.full((len(items), size), self.word_pad)
        shape_id = np.full((len(items), size), self.shape_pad)
        for row, ids in enumerate(items):
            if ids:
                word_id[row, :len(ids)], shape_id[row, :len(ids)] = zip(*ids)
        return word_id, shape_id, word_id == self.word_pad


def _same_vocabs(a, b) -> bool:
    return a.words_vocab.items == b.words_vocab.items and a.shapes_vocab.items == b.shapes_vocab.items


class Runner:
    """The three models of a `Models` with their vocabularies unpacked."""

    def __init__(self, models):
        from slovnet.conll import parse_conll_tag
        self.morph, self.syntax, self.ner = (models.morph.infer.model, models.syntax.infer.model,
                                             models.ner.infer.model)
        self.morph_batch = models.morph.batch_size
        self.ner_batch = models.ner.infer.encoder.batch_size
        self.ids = WordIds(models.morph.infer.encoder)
        # natasha's three models share navec's vocabulary and one shape list;
        # should a future release differ, each model gets its own ids.
        self.syntax_ids = self.ids if _same_vocabs(models.morph.infer.encoder,
                                                   models.syntax.infer.encoder) \
            else WordIds(models.syntax.infer.encoder)
        self.ner_ids = self.ids if _same_vocabs(models.morph.infer.encoder,
                                                models.ner.infer.encoder) \
            else WordIds(models.ner.infer.encoder)
        # tag id -> (pos, feats as the tag writes them)
        self.tags = [(pos, tuple(feats.items())) for pos, feats in
                     map(parse_conll_tag, models.morph.infer.decoder.tags_vocab.items)]
        self.rels = list(models.syntax.infer.decoder.rels_vocab.items)
        self.bio = list(models.ner.infer.decoder.tags_vocab.items)
        self._lemmatize = models.lemmatize
        self.lemmas: dict[tuple[str, int], str] = {}

    def lemma(self, word: str, tag: int) -> str:
        """natasha's lemma of `word` with the morphology model's tag `tag`
        (`models.lemmatize` of the lower-cased, ё-folded word), memoized by
        the word and the tag's id."""
        lemma = self.lemmas.get((word, tag))
        if lemma is None:
            if len(self.lemmas) >= WORD_CACHE:
                self.lemmas.clear()
            pos, feats = self.tags[tag]
            lemma = self.lemmas[word, tag] = self._lemmatize(word.lower().replace("ё", "е"), pos, feats)
        return lemma

    def clear(self) -> None:
        """Forget the memoized word ids and lemmas."""
        self.lemmas.clear()
        for ids in {id(x): x for x in (self.ids, self.syntax_ids, self.ner_ids)}.values():
            ids.cache.clear()

    def morph_syntax(self, sentences: Sequence[Sequence[str]]):
        """Per sentence: (tag ids, heads, relations), heads 1-based with 0 for
        the root as slovnet gives them. Sentences go shortest first in
        batches of the morphology API's batch size (as `_map_by_length`
        sends them to slovnet)."""
        order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
        out: list = [None] * len(sentences)
        same = self.syntax_ids is self.ids
        for at in range(0, len(order), self.morph_batch):
            chunk = order[at:at + self.morph_batch]
            encoded = [[self.ids(w) for w in sentences[i]] for i in chunk]
            word_id, shape_id, pad = self.ids.batch(encoded)
            tags = self.morph.head.decode(self.morph(word_id, shape_id, pad))
            if not same:
                word_id, shape_id, pad = self.syntax_ids.batch(
                    [[self.syntax_ids(w) for w in sentences[i]] for i in chunk])
            heads, rels = self._syntax(word_id, shape_id, pad)
            sizes = (~pad).sum(-1).tolist()     # as slovnet's `split_masked` cuts rows
            for row, (i, n) in enumerate(zip(chunk, sizes)):
                out[i] = (tags[row, :n].tolist(), heads[row, :n].tolist(), rels[row, :n].tolist())
        return out

    def _syntax(self, word_id, shape_id, pad_mask):
        """slovnet's `Syntax.__call__` and `SyntaxInfer.process` in one: the
        arcs' argmax is taken once and used for the relations and the result."""
        model, mask = self.syntax, ~pad_mask
        x = model.encoder(model.emb(word_id, shape_id), pad_mask)
        heads = model.head.decode(model.head(x), mask)
        rels = model.rel.decode(model.rel(x, heads), mask)
        return heads, rels

    def ner_tags(self, windows: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO tags per window of words, windows shortest first in batches
        of the NER encoder's batch size (as `_ner` sends them to slovnet)."""
        order = sorted(range(len(windows)), key=lambda k: len(windows[k]))
        out: list = [None] * len(windows)
        for at in range(0, len(order), self.ner_batch):
            chunk = order[at:at + self.ner_batch]
            word_id, shape_id, pad = self.ner_ids.batch(
                [[self.ner_ids(w) for w in windows[k]] for k in chunk])
            pred = self.ner(word_id, shape_id, pad)
            for k, ids in zip(chunk, self.ner.head.crf.decode(pred, ~pad)):
                out[k] = [self.bio[t] for t in ids.tolist()]
        return out


_RUNNERS: dict[int, tuple[object, Runner]] = {}


def runner(models) -> Runner:
    """The `Runner` of loaded models, built once per process (per `Models`)."""
    held = _RUNNERS.get(id(models))
    if held is None or held[0] is not models:
        held = _RUNNERS[id(models)] = (models, Runner(models))
    return held[1]
