"""Events on the dev gold (../shared/eval/quotes-dev.gold.jsonl), scored by
the project's score.py: F1 over (type, source, target) and over types."""
from gold import scores

# Measured on the dev gold: 0.811 (P 0.88, R 0.75) and 0.941; issue 12's
# floor is 0.80. (5755_text codes talks one way only, where GOLD.md codes
# talks both ways: one of the two false positives.)
EVENT_F1 = 0.80
EVENT_TYPE_F1 = 0.90


def test_event_triples_f1():
    assert scores()["events"]["f1"] >= EVENT_F1, scores()["events"]


def test_event_types_f1():
    assert scores()["event_types"]["f1"] >= EVENT_TYPE_F1, scores()["event_types"]


def test_event_precision_not_traded_for_recall():
    # Gold codes only the main events: most articles have none at all.
    assert scores()["events"]["p"] >= 0.6, scores()["events"]
