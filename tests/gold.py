"""Run svodka over the dev gold articles and score them with the project's
`shared/eval/score.py` (imported, not copied)."""
from __future__ import annotations

import functools
import importlib.util
import json
from pathlib import Path

from paths import CORPUS, GOLD, SHARED


def _scorer():
    spec = importlib.util.spec_from_file_location("svodka_gold_score", SHARED / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@functools.cache
def predictions(gold: Path = GOLD) -> dict:
    """{doc id: to_dict(document)} for every article of the `gold` file
    (the quotes dev gold by default)."""
    from svodka import analyze_many, to_dict
    from svodka.ingest.text import read_text
    docs = [json.loads(line)["doc"] for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    items = [(read_text(CORPUS / f"{d}.txt"), {"source": f"{d}.txt"}) for d in docs]
    return {d: {**to_dict(doc), "doc": d} for d, doc in zip(docs, analyze_many(items))}


@functools.cache
def scores(gold: Path = GOLD) -> dict:
    """score.py's result dict (quotes_direct, quotes_indirect, events, ...)
    on the `gold` file (the quotes dev gold by default)."""
    sc = _scorer()
    golds = sc.load(str(gold))
    preds = predictions(gold)
    return {
        "quotes_direct": sc.score_quotes(golds, preds, {"direct"}),
        "quotes_indirect": sc.score_quotes(golds, preds, {"indirect"}),
        "quotes_all": sc.score_quotes(golds, preds, {"direct", "indirect"}),
        "events": sc.score_sets(golds, preds, "events", sc.event_key),
        "event_types": sc.score_sets(golds, preds, "events", lambda e: sc.event_key(e, False)),
        "amounts": sc.score_sets(golds, preds, "amounts", sc.amount_key),
    }
