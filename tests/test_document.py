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


def test_to_dict_carries_the_key_and_the_schema_version(seed_doc):
    from svodka.document import SCHEMA_VERSION
    out = to_dict(seed_doc)
    assert out["key"] == seed_doc.key
    assert out["schema_version"] == SCHEMA_VERSION
    assert "sentences" not in out and "ner_spans" not in out


def test_the_seed_document_matches_the_json_schema(seed_doc):
    import json

    import jsonschema_rs
    from svodka.document import json_schema
    validator = jsonschema_rs.validator_for(json_schema())
    doc = json.loads(json.dumps(to_dict(seed_doc), ensure_ascii=False))
    assert list(validator.iter_errors(doc)) == []
    doc["quotes"][0]["speaker"] = "Лукашенко"      # a name where an EntityRef belongs
    assert not validator.is_valid(doc)


def test_the_shipped_schema_is_the_generated_one():
    import json
    from importlib.resources import files

    from svodka.document import json_schema
    shipped = json.loads(files("svodka").joinpath("document.schema.json").read_text("utf-8"))
    assert shipped == json_schema()


def test_the_api_serializes_with_the_models_serializer(seed_doc):
    from svodka.api import schemas
    from svodka.document import plain
    assert schemas.plain is plain
    assert schemas.plain(seed_doc) == to_dict(seed_doc)
    assert set(schemas.DocumentOut.model_fields) == set(to_dict(seed_doc))
