"""pipeline.py and the batched parse: batching many articles changes
nothing in the result, results keep input order, models load once, and the
speed-ups of the parse (memoized lemmas, NER fed our tokens) give natasha's
own answers."""
from __future__ import annotations

from pathlib import Path

import pytest

import svodka
from svodka import pipeline
from svodka.document import Document, to_dict
from svodka.errors import StageError
from svodka.models import load_models

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
SEED = CORPUS / "seed" / "000_ace31b1ed83a096e.txt"
ARTICLES = [SEED] + sorted((CORPUS / "nerel" / "dev").glob("*.txt"))[10:14]


@pytest.fixture(scope="module")
def docs() -> list[Document]:
    return [Document(text=p.read_text(encoding="utf-8"), source=str(p)) for p in ARTICLES]


@pytest.fixture(scope="module")
def batched(docs, models) -> list[Document]:
    return list(pipeline.analyze_many(docs, batch_docs=3))


def test_batched_analysis_equals_one_article_at_a_time(docs, batched):
    alone = [svodka.analyze(d.text, source=d.source) for d in docs]
    assert [to_dict(d) for d in batched] == [to_dict(d) for d in alone]
    # Internals too: sorting sentences of many articles by length for the
    # models must not move a single head or lemma.
    assert [d.sentences for d in batched] == [d.sentences for d in alone]
    assert [d.ner_spans for d in batched] == [d.ner_spans for d in alone]


def test_results_keep_input_order_and_accept_texts_and_pairs(docs, batched):
    items = [docs[0], docs[1].text, (docs[2].text, {"source": "third"})]
    out = list(pipeline.analyze_many(items, batch_docs=2))
    assert [d.key for d in out] == [d.key for d in docs[:3]]
    assert [d.source for d in out] == [str(SEED), None, "third"]
    assert to_dict(out[0]) == to_dict(batched[0])


def test_models_are_loaded_once_per_process(models):
    assert load_models() is models


def test_seed_tokens_and_lemmas(seed_doc, models):
    tokens = [t for s in seed_doc.sentences for t in s.tokens]
    assert [(t.text, t.lemma, t.pos) for t in tokens[:5]] == [
        ("Беларусь", "беларусь", "PROPN"), ("готова", "готовый", "ADJ"),
        ("активнее", "активный", "ADV"), ("торговать", "торговать", "VERB"),
        ("с", "с", "ADP")]
    # The memoized lemma is natasha's lemma of the same word and tag.
    vocab = models.morph_vocab
    assert all(t.lemma == (vocab.lemmatize(t.text, t.pos, t.feats) if t.pos != "PUNCT" else t.text)
               for t in tokens)
    assert all(seed_doc.text[t.start:t.end] == t.text for t in tokens)


def test_ner_on_our_tokens_is_natashas_ner_on_the_text(docs, batched, models):
    for doc, done in zip(docs, batched):
        ours = [(s.start, s.end, s.type) for s in done.ner_spans]
        theirs = [(s.start, s.stop, s.type) for s in models.ner(doc.text).spans]
        assert ours == theirs, doc.source
    seed_spans = {(s.text, s.type, s.normal) for s in batched[0].ner_spans}
    assert ("Ерланом Кошановым", "PER", "Ерлан Кошанов") in seed_spans
    assert ("Минск", "LOC", "Минск") in seed_spans


def test_a_stage_that_returns_no_document_is_named(docs, monkeypatch):
    def broken_stage(doc, res):
        return None
    monkeypatch.setattr(pipeline, "STAGES", pipeline.STAGES[:1] + (broken_stage,))
    with pytest.raises(StageError, match="stage broken_stage returned NoneType"):
        svodka.analyze(docs[1].text)


def test_a_lone_surrogate_is_read_as_a_replacement_character(models):
    """Text decoded with `surrogateescape` may hold a lone surrogate, which
    the morphology cannot look up: the analysis reads it as U+FFFD, one
    character for one, and gives what the text with U+FFFD there gives."""
    text = SEED.read_text(encoding="utf-8")
    cut = text.index(".") + 1
    broken = svodka.analyze(text[:cut] + "\udcd0" + text[cut:])
    fixed = svodka.analyze(text[:cut] + "\ufffd" + text[cut:])
    assert broken.text == fixed.text
    assert to_dict(broken) == to_dict(fixed)
