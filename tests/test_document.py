from svodka.document import from_dict, spans, to_dict


def test_offsets_round_trip_on_seed(seed_doc):
    text = seed_doc.text
    items = list(spans(seed_doc))
    assert items
    for item in items:
        assert 0 <= item.start < item.end <= len(text)
        assert text[item.start:item.end] == item.text


def test_json_round_trip(seed_doc):
    assert from_dict(to_dict(seed_doc)) == seed_doc
