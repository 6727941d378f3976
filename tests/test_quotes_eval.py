"""Quotes on the dev gold (shared/eval/quotes-dev.gold.jsonl, scored by
shared/eval/score.py): fails below the floors of issue 3."""
from gold import scores

FLOORS = [
    ("quotes_direct", "detection", 0.92),
    ("quotes_direct", "end_to_end", 0.85),
    ("quotes_indirect", "end_to_end", 0.65),
]


def test_quote_floors():
    sc = scores()
    got = {(part, what): sc[part][what]["f1"] for part, what, _ in FLOORS}
    low = {k: v for (part, what, floor) in FLOORS for k, v in got.items()
           if k == (part, what) and v < floor}
    assert not low, f"below the floor: {low} (all: {got})"


def test_attribution_floor():
    acc = scores()["quotes_direct"]["attribution_accuracy"]
    assert acc >= 0.90, acc
