"""The speed-ups change no output: every article of the quotes-dev and
political-dev gold sets gives the same JSON from the fast path
(`analyze_many`: batched, the lean model runner of `stages/inference.py`,
the one-pass gazetteer) as from the reference path (one article at a time,
the models through natasha's and slovnet's own APIs); and the one-pass
gazetteer finds what the plain scan of every window finds."""
from __future__ import annotations

import json

import pytest

from paths import CORPUS, GOLD, POLITICAL_GOLD
from svodka.document import Document, to_dict
from svodka.pipeline import analyze_many, run_stages
from svodka.stages.lexicon import TokenIndex, lemma_key, org_index, strip_abbreviation_ending
from svodka.stages.ner_spans import EntitySpan, _gazetteer_spans, stems
from svodka.stages.parse import parse_many


def _gold_docs() -> list[Document]:
    docs = []
    for gold in (GOLD, POLITICAL_GOLD):
        for line in gold.read_text(encoding="utf-8").splitlines():
            if line.strip():
                name = json.loads(line)["doc"]
                path = CORPUS / f"{name}.txt"
                docs.append(Document(text=path.read_text(encoding="utf-8"), source=name))
    return docs


@pytest.fixture(scope="module")
def docs(models) -> list[Document]:
    return _gold_docs()


@pytest.fixture(scope="module")
def fast(docs) -> list[Document]:
    return list(analyze_many(docs))


def test_gold_articles_give_the_same_json_on_the_fast_and_the_reference_path(docs, fast, res):
    assert len(docs) == 72
    reference = [run_stages(parse_many([d], reference=True)[0], res) for d in docs]
    for done, ref in zip(fast, reference):
        assert to_dict(done) == to_dict(ref), done.source
        # the parse under it too: every token, head, relation, lemma and NER span
        assert done.sentences == ref.sentences, done.source
        assert done.ner_spans == ref.ner_spans, done.source
    # Real work was compared: quotes, events and entities in most articles.
    assert sum(bool(d.quotes) for d in fast) >= 60
    assert sum(bool(d.events) for d in fast) >= 25
    assert all(d.entities for d in fast)


def test_the_comparison_catches_a_wrong_relation(docs, models):
    """A runner that names one dependency relation wrongly is caught: the
    check above can fail."""
    from svodka.stages.inference import runner
    run = runner(models)
    saved = list(run.rels)
    nsubj = run.rels.index("nsubj")
    run.rels[nsubj] = "obj"
    try:
        broken = parse_many(docs[:4])
    finally:
        run.rels[:] = saved
    reference = parse_many(docs[:4], reference=True)
    assert [d.sentences for d in broken] != [d.sentences for d in reference]


def _scan_every_window(doc: Document, tokens: TokenIndex, res) -> list[EntitySpan]:
    """The gazetteer's specification, window by window: from each token, the
    longest window within one sentence whose text is a short name (a case
    ending allowed) or, capitalized, whose lemma keys are a full name (or
    whose one word's stem is)."""
    index = org_index(res)
    items, out, i = tokens.items, [], 0
    while i < len(items):
        found = None
        for n in range(min(index.longest, len(items) - i), 0, -1):
            window = items[i:i + n]
            if len({tokens.sentence[i + k] for k in range(n)}) > 1:
                continue
            surface = doc.text[window[0].start:window[-1].end]
            row = index.short.get(surface) or index.short.get(strip_abbreviation_ending(surface))
            if row is None and surface[:1].isupper():
                row = index.names.get(tuple(lemma_key(t.text) for t in window))
            if row is None and n == 1 and surface[:1].isupper():
                row = next((index.names[(s,)] for s in stems(surface.lower()) if (s,) in index.names),
                           None)
            if row is not None:
                found = EntitySpan(window[0].start, window[-1].end, "ORG", org=row)
                break
        if found:
            out.append(found)
            i += len(tokens.within(found.start, found.end))
        else:
            i += 1
    return out


def test_the_one_pass_gazetteer_finds_what_a_scan_of_every_window_finds(fast, res):
    found = 0
    for doc in fast:
        tokens = TokenIndex(doc)
        spans = _gazetteer_spans(doc, tokens, res)
        assert spans == _scan_every_window(doc, tokens, res), doc.source
        found += len(spans)
    assert found >= 200
    # abbreviations as written, full names by their lemmas over several words
    doc = next(d for d in fast if d.source == "nerel/train/543")
    assert {doc.text[s.start:s.end] for s in _gazetteer_spans(doc, TokenIndex(doc), res)} == {
        "АТЭС", "Азиатско-Тихоокеанского экономического сотрудничества", "Единой России",
        "Известия", "КПРФ", "НТВ", "РБК"}


def _plain_tree(heads: list[int]) -> list[int]:
    """The specification of `_as_tree`: each token in turn walks up its
    heads; where the walk comes back to a token, that token becomes a root."""
    heads = [h if 0 <= h < len(heads) else -1 for h in heads]
    for i in range(len(heads)):
        path, node = set(), i
        while node >= 0 and node not in path:
            path.add(node)
            node = heads[node]
        if node >= 0:
            heads[node] = -1
    return heads


def test_the_cycle_cut_keeps_its_specification_on_scrambled_real_sentences(fast):
    """Real sentences with their heads scrambled (a seeded shuffle makes
    cycles and arcs out of the sentence): the walk that stops at tokens known
    to reach the root cuts the same arcs as the plain walk from every token."""
    import dataclasses
    import random

    from svodka.stages.parse import _as_tree
    rng = random.Random(17)
    cut = 0
    for doc in fast[:20]:
        for sent in doc.sentences:
            heads = [t.head for t in sent.tokens]
            rng.shuffle(heads)
            heads = [h if rng.random() > 0.1 else len(heads) + 3 for h in heads]
            tokens = [dataclasses.replace(t, head=h) for t, h in zip(sent.tokens, heads)]
            expected = _plain_tree(heads)
            assert [t.head for t in _as_tree(tokens)] == expected
            cut += sum(h >= 0 and e == -1 for h, e in zip(heads, expected))
    assert cut > 100
    # the model's own trees come out unchanged
    assert all(_as_tree(list(s.tokens)) == s.tokens for d in fast[:20] for s in d.sentences)


def test_the_words_major_encoder_is_slovnets_bit_for_bit(docs, models):
    """`inference.encode` against slovnet's own `CNNEncoder` on batches of
    real sentences (short and long, padded): every float equal, sign of
    zero included, for the three models."""
    import numpy as np

    from svodka.stages.inference import encode, runner
    from svodka.stages.parse import _segment
    run = runner(models)
    assert run.lean
    sentences = [[w for _, _, w in words] for d in docs[:6] for words in _segment(d.text)]
    sentences.sort(key=len)
    for chunk in (sentences[:40], sentences[-8:], sentences[::25]):
        word_id, shape_id, pad = run.ids.batch([[run.ids(w) for w in s] for s in chunk])
        assert pad.any()
        for model in (run.morph, run.syntax, run.ner):
            x = model.emb(word_id, shape_id)
            theirs, ours = model.encoder(x, pad), encode(model.encoder, x, pad)
            assert theirs.shape == ours.shape
            assert np.array_equal(theirs, ours) and np.array_equal(np.signbit(theirs), np.signbit(ours))
