"""Natasha's models, loaded once per process (the only other cached state
besides `load_resources`). Nothing is downloaded: the weights ship inside the
natasha package."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Models:
    segmenter: Any
    morph_vocab: Any
    morph: Any
    syntax: Any
    ner: Any


@functools.cache
def load_models() -> Models:
    from natasha import (MorphVocab, NewsEmbedding, NewsMorphTagger,
                         NewsNERTagger, NewsSyntaxParser, Segmenter)
    emb = NewsEmbedding()
    return Models(segmenter=Segmenter(), morph_vocab=MorphVocab(),
                  morph=NewsMorphTagger(emb), syntax=NewsSyntaxParser(emb),
                  ner=NewsNERTagger(emb))
