"""Per-type precision and recall of events over (type, source, target)
triples, as `../shared/eval/score.py` counts them (one per distinct triple
and article), printed as a Markdown table.

Run: `.venv/bin/python tools/event_types_eval.py GOLD.jsonl PRED.jsonl`
where PRED.jsonl is `svodka analyze --format jsonl` over the gold articles.
"""
from __future__ import annotations

import json
import sys
from collections import Counter


def _doc_key(pred: dict) -> str:
    src = pred.get("doc") or pred.get("source", "")
    return src.split("corpus/")[-1].removesuffix(".txt")


def _triples(events: list[dict]) -> set[tuple]:
    def side(a):
        return a.get("country") if isinstance(a, dict) else a
    return {(e["type"], side(e.get("source")), side(e.get("target"))) for e in events}


def per_type(gold_path: str, pred_path: str) -> dict[str, Counter]:
    """type -> Counter(tp, gold, pred)."""
    preds = {_doc_key(p): p for p in map(json.loads, open(pred_path, encoding="utf-8"))}
    out: dict[str, Counter] = {}
    for line in open(gold_path, encoding="utf-8"):
        if not line.strip():
            continue
        g = json.loads(line)
        gold, pred = _triples(g["events"]), _triples(preds.get(g["doc"], {}).get("events", []))
        for t in gold | pred:
            c = out.setdefault(t[0], Counter())
            c["gold"] += t in gold
            c["pred"] += t in pred
            c["tp"] += t in gold and t in pred
    return out


def main() -> None:
    counts = per_type(sys.argv[1], sys.argv[2])
    print("| type | gold | predicted | correct | precision | recall |")
    print("|---|---|---|---|---|---|")
    for t, c in sorted(counts.items(), key=lambda x: -x[1]["gold"]):
        p = f"{c['tp'] / c['pred']:.2f}" if c["pred"] else "—"
        r = f"{c['tp'] / c['gold']:.2f}" if c["gold"] else "—"
        print(f"| {t} | {c['gold']} | {c['pred']} | {c['tp']} | {p} | {r} |")


if __name__ == "__main__":
    main()
