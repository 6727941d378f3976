from gold import predictions


def test_every_gold_article_is_analyzed():
    preds = predictions()
    assert len(preds) == 30
    assert all(p["text"] for p in preds.values())
