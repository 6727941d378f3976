"""Amount quality, measured: F1 on the dev gold (shared/eval, scored by
score.py) and agreement with NEREL's MONEY and PERCENT spans."""
from __future__ import annotations

from pathlib import Path

from svodka.document import Document
from svodka.stages.amounts import find_amounts

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"

# First measured: dev gold F1 1.0 (13 of 13); NEREL spans found 404 of 443,
# predictions inside a NEREL span 419 of 423.
MIN_GOLD_F1 = 0.9
MIN_NEREL_RECALL = 0.90
MIN_NEREL_PRECISION = 0.98


def test_amount_f1_on_dev_gold():
    from gold import scores
    amounts = scores()["amounts"]
    print(f"amounts on dev gold: p={amounts['p']} r={amounts['r']} f1={amounts['f1']} "
          f"({amounts['tp']} of {amounts['gold']} gold, {amounts['pred']} predicted)")
    assert amounts["f1"] >= MIN_GOLD_F1


def _nerel_spans(ann_path):
    """Top-level MONEY and PERCENT spans of one brat file, as (start, end)."""
    spans = []
    for line in ann_path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            kind, *offsets = line.split("\t")[1].split(" ")
            if kind in ("MONEY", "PERCENT"):
                spans.append((int(offsets[0]), int(offsets[-1].split(";")[-1])))
    return spans


def test_amounts_agree_with_nerel_money_and_percent(res):
    """NEREL marks money and percentages in all its articles; amounts without
    a number (`в долларах`) or a unit (`930 тысяч`) are NEREL spans that the
    stage leaves out by design, so recall stays below 1."""
    hit = gold = inside = predicted = 0
    for ann in sorted((CORPUS / "nerel").glob("*/*.ann")):
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        spans = _nerel_spans(ann)
        amounts = find_amounts(Document(text=text), res).amounts
        gold += len(spans)
        hit += sum(any(a.start < e and s < a.end for a in amounts) for s, e in spans)
        predicted += len(amounts)
        inside += sum(any(a.start < e and s < a.end for s, e in spans) for a in amounts)
    recall, precision = hit / gold, inside / predicted
    print(f"NEREL MONEY+PERCENT: recall {recall:.3f} ({hit}/{gold}), "
          f"precision {precision:.3f} ({inside}/{predicted})")
    assert recall >= MIN_NEREL_RECALL
    assert precision >= MIN_NEREL_PRECISION
