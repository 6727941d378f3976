"""Natasha's morphology, syntax and NER models run straight on svodka's word
lists, without slovnet's and natasha's per-token record objects.

The weights are slovnet's own loaded modules (`models.morph.infer.model` …);
each sentence's words go through the operations slovnet applies (the
encoder's words-major form, `encode`, gives slovnet's floats bit for bit).
What changes is which sentences share a batch (`plan`: less padding) and the
bookkeeping around the networks: a word is encoded (lower-cased, shaped,
looked up) once for the three models, its navec vector once per call
(`Vectors`); a tag string is parsed into POS and features once per tag of
the vocabulary, not once per token; the syntax arcs are decoded once
(slovnet's `SyntaxInfer` decodes them twice); the NER CRF decodes all
windows of a call at once. Rows of a batch do not mix (convolutions per row,
padding zeroed, per-row argmax and Viterbi), so the batch only changes the
shape of the matrix products; `parse_many(reference=True)` runs natasha's
API instead and `tests/test_speed_identical.py` checks that the two agree.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

# A model call costs about what this many more tokens in it cost (measured
# with BLAS pinned: 0.2-0.3 ms a call, 15-17 µs a token, for each of the
# three models); `plan` weighs padding against calls by it.
CALL_TOKENS = 16
# The most tokens (rows x longest) in one model batch: bounds its temporaries.
MAX_BATCH_TOKENS = 4096
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


def plan(lengths: Sequence[int]) -> list[tuple[int, int]]:
    """Batches `[start, end)` of items sorted by length (ascending) that
    minimize the models' work: each batch costs CALL_TOKENS plus its rows
    times its longest item (the padding is paid for). Items of one length
    are never split apart but by MAX_BATCH_TOKENS; dynamic programming over
    the runs of equal length."""
    n = len(lengths)
    ends = [i + 1 for i in range(n) if i + 1 == n or lengths[i + 1] != lengths[i]]
    starts = [0] + ends[:-1]
    best, cut = [0] + [float("inf")] * len(ends), [0] * (len(ends) + 1)
    for j in range(1, len(ends) + 1):
        longest = lengths[ends[j - 1] - 1]
        for i in range(j - 1, -1, -1):
            rows = ends[j - 1] - starts[i]
            if rows * longest > MAX_BATCH_TOKENS and i < j - 1:
                break
            cost = best[i] + CALL_TOKENS + rows * longest
            if cost < best[j]:
                best[j], cut[j] = cost, i
    out, j = [], len(ends)
    while j > 0:
        start, end = starts[cut[j]], ends[j - 1]
        step = max(1, MAX_BATCH_TOKENS // max(1, lengths[end - 1]))
        out[:0] = [(a, min(a + step, end)) for a in range(start, end, step)]
        j = cut[j]
    return out


def encode(encoder, x, pad_mask):
    """slovnet's `CNNEncoder` (conv, ReLU, batch norm per layer, padding
    zeroed after each) on `x` (batch x words x features), kept words-major
    throughout: slovnet swaps to features-major and back around every layer,
    and each swap, each norm step and the ReLU make a new array. Here the
    conv's input matrix is built the way slovnet builds it (each window's
    features, feature by feature, the kernel's offsets within), so the same
    matrix product runs; ReLU and norm work in place, element by element in
    slovnet's order, so the result is slovnet's bit for bit
    (`tests/test_speed_identical.py` checks it)."""
    from numpy.lib.stride_tricks import sliding_window_view
    for layer in encoder.layers:
        conv, norm = layer.conv, layer.norm
        filters, features, kernel = conv.weight.shape
        rows, words = x.shape[:2]
        padded = np.zeros((rows, words + 2 * conv.padding, features), dtype=x.dtype)
        padded[:, conv.padding:conv.padding + words] = x
        windows = sliding_window_view(padded, kernel, axis=1)   # rows, windows, features, kernel
        count = windows.shape[1]
        out = np.matmul(windows.reshape(rows * count, features * kernel),
                        conv.weight.array.reshape(filters, features * kernel).T)
        out += conv.bias.array
        out = out.reshape(rows, count, filters)
        np.clip(out, 0, None, out=out)
        np.subtract(out, norm.mean.array, out=out)
        np.divide(out, norm.std.array, out=out)
        np.multiply(out, norm.weight.array, out=out)
        np.add(out, norm.bias.array, out=out)
        out[pad_mask] = 0
        x = out
    return x


def _is_plain_cnn(encoder) -> bool:
    """The encoder is slovnet 0.6's `CNNEncoder` of conv/ReLU/batch-norm
    layers that `encode` reproduces; another one runs as slovnet's own."""
    from slovnet.exec import model
    return type(encoder) is model.CNNEncoder and all(
        type(layer) is model.CNNEncoderLayer and type(layer.conv) is model.Conv1d
        and type(layer.relu) is model.ReLU and type(layer.norm) is model.BatchNorm1d
        for layer in encoder.layers)


class Vectors:
    """The navec vectors of the words of one parse call, each distinct word
    looked up once (navec's product-quantized look-up is a gather per code;
    a table of the call's words is one gather per word afterwards: the same
    floats)."""

    def __init__(self, navec, word_ids: np.ndarray):
        self.ids = np.unique(word_ids)
        self.table = navec(self.ids)

    def __call__(self, word_id: np.ndarray) -> np.ndarray:
        return self.table[np.searchsorted(self.ids, word_id)]


def _same_vocabs(a, b) -> bool:
    return a.words_vocab.items == b.words_vocab.items and a.shapes_vocab.items == b.shapes_vocab.items


class Runner:
    """The three models of a `Models` with their vocabularies unpacked."""

    def __init__(self, models):
        from slovnet.conll import parse_conll_tag
        self.morph, self.syntax, self.ner = (models.morph.infer.model, models.syntax.infer.model,
                                             models.ner.infer.model)
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
        # Both taggers hold the same navec arrays (natasha injects one
        # `NewsEmbedding`): a batch's word vectors are looked up once for both.
        a, b, c = self.morph.emb.word, self.syntax.emb.word, self.ner.emb.word
        self.same_navec = self.syntax_ids is self.ids and self.ner_ids is self.ids and all(
            a.indexes.array is x.indexes.array and a.codes.array is x.codes.array for x in (b, c))
        self.lean = all(_is_plain_cnn(m.encoder) for m in (self.morph, self.syntax, self.ner))
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

    def vectors(self, sentences: Sequence[Sequence[str]]) -> Vectors | None:
        """The navec table of these sentences' words for `morph_syntax` and
        `ner_tags`, when the three models share navec and vocabularies."""
        if not self.same_navec:
            return None
        ids = [self.ids(w)[0] for words in sentences for w in words]
        return Vectors(self.morph.emb.word, np.array(ids + [self.ids.word_pad]))

    def morph_syntax(self, sentences: Sequence[Sequence[str]], vectors: Vectors | None = None):
        """Per sentence: (tag ids, heads, relations), heads 1-based with 0 for
        the root as slovnet gives them. Sentences go shortest first in the
        batches `plan` picks (padding weighed against calls)."""
        order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
        out: list = [None] * len(sentences)
        for a, b in plan([len(sentences[i]) for i in order]):
            chunk = order[a:b]
            word_id, shape_id, pad = self.ids.batch([[self.ids(w) for w in sentences[i]] for i in chunk])
            words = vectors(word_id) if vectors else self.morph.emb.word(word_id)
            tags = self._morph(words, shape_id, pad)
            if not vectors:
                word_id, shape_id, pad = self.syntax_ids.batch(
                    [[self.syntax_ids(w) for w in sentences[i]] for i in chunk])
                words = self.syntax.emb.word(word_id)
            heads, rels = self._syntax(words, shape_id, pad)
            sizes = (~pad).sum(-1).tolist()     # as slovnet's `split_masked` cuts rows
            for row, (i, n) in enumerate(zip(chunk, sizes)):
                out[i] = (tags[row, :n].tolist(), heads[row, :n].tolist(), rels[row, :n].tolist())
        return out

    def _morph(self, words, shape_id, pad_mask):
        """slovnet's `Morph.__call__` and `MorphHead.decode` on the batch's
        navec vectors `words` (`WordShapeEmbedding` is navec ⧺ shape)."""
        model = self.morph
        x = np.concatenate((words, model.emb.shape(shape_id)), axis=-1)
        return model.head.decode(model.head(self._encode(model, x, pad_mask)))

    def _encode(self, model, x, pad_mask):
        return encode(model.encoder, x, pad_mask) if self.lean else model.encoder(x, pad_mask)

    def _syntax(self, words, shape_id, pad_mask):
        """slovnet's `Syntax.__call__` and `SyntaxInfer.process` in one, on
        the batch's navec vectors: the arcs' argmax is taken once and used
        for the relations and the result."""
        model, mask = self.syntax, ~pad_mask
        x = self._encode(model, np.concatenate((words, model.emb.shape(shape_id)), axis=-1), pad_mask)
        heads = model.head.decode(model.head(x), mask)
        rels = model.rel.decode(model.rel(x, heads), mask)
        return heads, rels

    def ner_tags(self, windows: Sequence[Sequence[str]],
                 vectors: Vectors | None = None) -> list[list[str]]:
        """BIO tags per window of words. The network sees the windows
        shortest first in the batches `plan` picks; the CRF then decodes all
        of them in one batch (its Viterbi steps are per row, so any batch
        gives each row the same path, and one batch walks the positions once)."""
        if not windows:
            return []
        order = sorted(range(len(windows)), key=lambda k: len(windows[k]))
        longest = len(windows[order[-1]])
        scores = None
        mask = np.zeros((len(windows), longest), dtype=bool)
        for a, b in plan([len(windows[k]) for k in order]):
            chunk = order[a:b]
            word_id, shape_id, pad = self.ner_ids.batch(
                [[self.ner_ids(w) for w in windows[k]] for k in chunk])
            x = np.concatenate((vectors(word_id), self.ner.emb.shape(shape_id)), axis=-1) \
                if vectors else self.ner.emb(word_id, shape_id)
            pred = self.ner.head(self._encode(self.ner, x, pad))
            if scores is None:
                scores = np.zeros((len(windows), longest, pred.shape[-1]), dtype=pred.dtype)
            scores[a:b, :pred.shape[1]] = pred
            mask[a:b, :pad.shape[1]] = ~pad
        paths = self.ner.head.crf.decode(scores, mask)
        out: list = [None] * len(windows)
        for k, ids in zip(order, paths):
            out[k] = [self.bio[t] for t in ids.tolist()]
        return out


_RUNNERS: dict[int, tuple[object, Runner]] = {}


def runner(models) -> Runner:
    """The `Runner` of loaded models, built once per process (per `Models`)."""
    held = _RUNNERS.get(id(models))
    if held is None or held[0] is not models:
        held = _RUNNERS[id(models)] = (models, Runner(models))
    return held[1]
