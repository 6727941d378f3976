"""quotes/headlines.py: a headline `Имя: слова` is the named speaker's direct
quote unless the body repeats it, on real articles of the corpus."""
from __future__ import annotations

import pytest

from corpus_docs import analyzed


def _headline_quotes(doc):
    first_line = doc.text.split("\n", 1)[0]
    return [(q.text, q.speaker.name if q.speaker else None) for q in doc.quotes if q.end <= len(first_line)]


CASES = [
    ("nerel/train/133620_text", [("Росгвардия будет охранять губернаторов", "Владимир Путин")]),
    # the body says it again (`уточнив, что массовое убийство устроил 18-летний
    # студент колледжа`): annotated there, not in the headline
    ("nerel/test/188878_text", []),
    # `Обстрел Негева:` names nobody who could speak
    ("nerel/train/13785_text", []),
]


@pytest.mark.parametrize("doc_id, expected", CASES, ids=[c[0].split("/")[-1] for c in CASES])
def test_headline_quote(doc_id, expected):
    assert _headline_quotes(analyzed(doc_id)) == expected
