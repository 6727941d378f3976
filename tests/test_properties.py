"""Invariants over arbitrary text (hypothesis): `analyze` never raises, every
item's offsets are valid and give back its text, and documents survive the
JSON round trip."""
from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import svodka
from svodka.document import Document, from_dict, spans, to_dict
from svodka.resources import load_resources
from svodka.stages.amounts import find_amounts

# Letters, digits and the punctuation of Russian news, plus what breaks
# naive code: NUL and control characters, RTL and zero-width marks, BOM,
# combining accents, non-breaking and thin spaces.
_NEWS_CHARS = ("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
               "abcXYZ0123456789 \n\t.,:;!?()«»„“”\"'—–-%$€£/&"
               "\x00\x01\x1b\x7f\u200b\u200e\u200f\u202e\ufeff\u0301\u00a0\u2009\u2028")
# Words that reach deep into the stages: names, roles, speech verbs, quotes,
# numbers and units, organisations and countries.
_NEWS_WORDS = ["Александр", "Лукашенко", "Президент", "Беларуси", "Казахстан", "ШОС",
               "председатель", "Мажилиса", "заявил", "сказал", "что", "по", "словам",
               "«", "»", "—", ",", ".", ":", "\n", "он", "глава", "государства",
               "встретился", "с", "в", "Минске", "подписали", "соглашение", "ООН",
               "50", "%", "2,5", "млн", "млрд", "рублей", "долларов", "$", "от", "до",
               "миллиарду", "-", "процентный", "1 500", "около", "2008", "года"]

_PROPERTY = settings(max_examples=60, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

any_text = st.text(max_size=300)
news_text = st.text(alphabet=_NEWS_CHARS, max_size=400)
news_words = st.lists(st.sampled_from(_NEWS_WORDS), max_size=80).map(" ".join)
long_token = st.builds(lambda ch, n: ch * n, st.sampled_from("аZ9-«%\u00a0"),
                       st.integers(min_value=1000, max_value=6000))
texts = st.one_of(any_text, news_text, news_words, long_token)


def _check_document(doc: Document) -> None:
    text = doc.text
    for item in spans(doc):
        assert 0 <= item.start < item.end <= len(text), item
        assert text[item.start:item.end] == item.text, item
    data = to_dict(doc)
    json.dumps(data, ensure_ascii=False)
    assert from_dict(data) == doc


@_PROPERTY
@given(text=texts)
def test_analyze_never_raises_and_offsets_hold(models, text):
    _check_document(svodka.analyze(text))


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(news_text, news_words, any_text))
def test_amount_offsets_and_round_trip(text):
    doc = find_amounts(Document(text=text), load_resources())
    for a in doc.amounts:
        assert text[a.start:a.end] == a.text and a.start < a.end
        assert a.value >= 0 and a.unit
    assert from_dict(to_dict(doc)) == doc
