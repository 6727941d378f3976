"""Natasha's models, loaded once per process (the only other cached state
besides `load_resources`). Nothing is downloaded: the weights ship inside the
natasha package."""
from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from typing import Any, Callable

# Sentences per model call. Larger batches cut Python overhead per call;
# `parse_many` sorts sentences by length so a batch carries little padding.
SENTENCE_BATCH = 32
# Whole texts per NER call (NER sees an article as one sequence).
TEXT_BATCH = 8
# Distinct (word, tag) pairs whose lemma is remembered: a news vocabulary's
# frequent forms, a few tens of MB at most.
LEMMA_CACHE = 1 << 18


@dataclass(frozen=True)
class Models:
    """The loaded models: razdel's segmenter, the morphological vocabulary,
    Natasha's morphology, syntax and NER taggers, and the memoized lemmatizer."""
    segmenter: Any
    morph_vocab: Any
    morph: Any
    syntax: Any
    ner: Any
    # lemmatize(word, pos, feats as a tuple of items) -> lemma, memoized.
    lemmatize: Callable[[str, str, tuple], str]


def _set_batch(api, size: int) -> None:
    # slovnet chops twice, in the API and in its encoder; both must agree.
    api.batch_size = size
    api.infer.encoder.batch_size = size


def _cached_lemmatizer(vocab) -> Callable[[str, str, tuple], str]:
    @functools.lru_cache(maxsize=LEMMA_CACHE)
    def lemmatize(word: str, pos: str, feats: tuple) -> str:
        return vocab.lemmatize(word, pos, dict(feats))
    return lemmatize


def _unnamed_to_underscore(word: str) -> str:
    return "".join(c if not c.isalpha() or unicodedata.name(c, "") else "_" for c in word)


def _vocab_class():
    """natasha's `MorphVocab` rebuilt on pymorphy3 (natasha 1.6 binds the
    unmaintained pymorphy2, which needs `pkg_resources` to find its
    dictionary and breaks on Python 3.12+). The UD mapping of tags and
    grammemes and the lemmatizer stay natasha's own functions; only the
    analyzer underneath changes. `parse` never raises: pymorphy asks
    `unicodedata.name` of every letter, and some letters (Tangut, code points
    newer than this Python) have none; those are parsed as `_`."""
    from natasha.morph.lemma import lemmatize
    from natasha.morph.vocab import CACHE_SIZE, oc_grams, ud_feats, ud_pos
    from pymorphy3 import MorphAnalyzer
    from pymorphy3.analyzer import Parse

    # tag string -> (UD pos, UD feats as pairs): a dictionary has a few
    # thousand tags, a news text makes tens of thousands of parses.
    ud_views: dict[str, tuple[str, tuple]] = {}

    class MorphForm(Parse):
        """A pymorphy3 parse with natasha's UD view: `normal`, `pos`, `feats`;
        `inflect` takes UD feature values (`Nom`, `Plur`). The UD view is
        worked out once per tag; an inflection once per parse and
        grammemes (the parses themselves are memoized by `MorphVocab.parse`)."""

        def __new__(cls, *args):
            self = Parse.__new__(cls, *args)
            self.normal = self.normal_form
            view = ud_views.get(self.tag._str)
            if view is None:
                view = ud_views[self.tag._str] = (ud_pos(self.tag), tuple(ud_feats(self.tag)))
            self.pos = view[0]
            self.feats = dict(view[1])
            self.inflected = {}
            return self

        def inflect(self, grams):
            key = frozenset(grams)
            if key not in self.inflected:
                self.inflected[key] = Parse.inflect(self, set(oc_grams(grams)))
            return self.inflected[key]

    class MorphVocab(MorphAnalyzer):
        """natasha's vocabulary interface (`parse`, `__call__`, `lemmatize`)
        over pymorphy3's Russian dictionary."""

        def __init__(self):
            MorphAnalyzer.__init__(self, lang="ru", result_type=MorphForm)

        _parse = functools.lru_cache(CACHE_SIZE)(MorphAnalyzer.parse)

        def parse(self, word):
            try:
                return self._parse(word)
            except ValueError:
                return self._parse(_unnamed_to_underscore(word))
        __call__ = parse

        def lemmatize(self, word, pos, feats):
            return lemmatize(self, word, pos, feats)

    return MorphVocab


def morph_vocab():
    """The morphological vocabulary natasha's normalizer and svodka's
    lexicon use (see `_vocab_class`)."""
    return _vocab_class()()


def clear_caches() -> None:
    """Forget every memoized lemma and pymorphy parse of the loaded models,
    so the next run pays for its vocabulary as a fresh process would (the
    benchmarks start each run this way)."""
    from .stages.inference import runner
    models = load_models()
    models.lemmatize.cache_clear()
    models.morph_vocab._parse.cache_clear()
    runner(models).clear()


@functools.cache
def load_models() -> Models:
    from natasha import (NewsEmbedding, NewsMorphTagger,
                         NewsNERTagger, NewsSyntaxParser, Segmenter)
    emb = NewsEmbedding()
    morph, syntax, ner = NewsMorphTagger(emb), NewsSyntaxParser(emb), NewsNERTagger(emb)
    _set_batch(morph, SENTENCE_BATCH)
    _set_batch(syntax, SENTENCE_BATCH)
    _set_batch(ner, TEXT_BATCH)
    vocab = morph_vocab()
    return Models(segmenter=Segmenter(), morph_vocab=vocab, morph=morph,
                  syntax=syntax, ner=ner, lemmatize=_cached_lemmatizer(vocab))
