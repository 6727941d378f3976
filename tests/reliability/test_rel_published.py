"""`published` is a date or the item is refused (issue 16, finding 9): a value
such as `вчера`, `2024-13-45` or markup used to be stored as given and sort
first forever."""
from __future__ import annotations

import json

import pytest

from hostile_inputs import SEED
from svodka.document import Document
from svodka.errors import IngestError
from svodka.ingest.fields import iso_published
from svodka.ingest.sources import iter_items

TEXT = SEED.read_text(encoding="utf-8")


@pytest.mark.parametrize("given, stored", [
    ("2024-03-12", "2024-03-12"),
    ("2024-03-12T10:00:00+03:00", "2024-03-12T10:00:00+03:00"),
    ("2024-03-12 10:00", "2024-03-12T10:00"),
    ("2019-06-14T07:00:00Z", "2019-06-14T07:00:00Z"),
    ("2024-03", "2024-03"),
    ("12.03.2024", "2024-03-12"),
    ("Tue, 12 Mar 2024 10:00:00 +0300", "2024-03-12T07:00:00Z"),
    ("  2024-03-12 ", "2024-03-12"),
    ("", None),
])
def test_dates_are_stored_as_iso(given, stored):
    assert iso_published(given) == stored


@pytest.mark.parametrize("given, reason", [
    ("вчера", "published 'вчера' is not a date (expected ISO 8601, e.g. 2024-03-12)"),
    ("2024-13-45", "published '2024-13-45' is not a date (expected ISO 8601, e.g. 2024-03-12)"),
    ("<b>2024-03-12</b>",
     "published '<b>2024-03-12</b>' is not a date (expected ISO 8601, e.g. 2024-03-12)"),
    ("31.02.2024", "published '31.02.2024' is not a date (expected ISO 8601, e.g. 2024-03-12)"),
    ("9999-12-31", "published '9999-12-31' is out of range (1800 to next year)"),
    ("0001-01-01", "published '0001-01-01' is out of range (1800 to next year)"),
])
def test_items_whose_published_is_no_date_are_refused_with_the_reason(given, reason, tmp_path):
    path = tmp_path / "items.jsonl"
    lines = [{"text": TEXT, "published": given}, {"text": TEXT[:2000], "published": "2024-03-12"}]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines),
                    encoding="utf-8")
    refused, kept = iter_items([path])
    assert isinstance(refused, IngestError) and str(refused) == f"{path}:1: {reason}"
    assert isinstance(kept, Document) and kept.published == "2024-03-12"
