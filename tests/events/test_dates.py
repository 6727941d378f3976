"""Event dates (events/dates.py) from clauses of real articles, resolved
against the publication date."""
from __future__ import annotations

import pytest

from svodka.events.dates import parse_published, resolve_date

CASES = [
    # seed: the delegation `прибыла в Минск накануне`
    ("Делегация во главе с Ерланом Кошановым прибыла в Минск накануне.", "2024-03-13", "2024-03-12"),
    # nerel/train/21451_text
    ("1 декабря 2012 года полиция Белиза арестовала миллионера", None, "2012-12-01"),
    # nerel/train/26038_text: the weekday with its date wins
    ("В понедельник 18 февраля Борисов пытался смягчить кризис", "2013-02-20", "2013-02-18"),
    ("а во вторник объявил о своём намерении отозвать лицензию", "2013-02-20", "2013-02-19"),
    ("Протесты в Софии вчера вечером приняли насильственный характер", "2013-02-20", "2013-02-19"),
    # a day and month without a year: the latest one not after publication
    ("В прошлом году ... 28 декабря", "2013-01-03", "2012-12-28"),
    ("21 июня 2016 года по требованию налоговиков Роскомнадзор внёс", None, "2016-06-21"),
    ("В конце 2015 года вступили в силу изменения", None, "2015"),
    ("в марте 2011 года в Швейцарии", None, "2011-03"),
    # relative words need a publication date
    ("прибыла в Минск накануне", None, None),
    ("Сегодня президент России Владимир Путин участвовал", "2019-12-20T18:00:00", "2019-12-20"),
    ("Подробности происшествия противоречивы и не раскрываются.", "2019-12-20", None),
]


@pytest.mark.parametrize("text, published, expected", CASES)
def test_resolve_date(res, text, published, expected):
    assert resolve_date(text, published, res) == expected


def test_parse_published():
    assert str(parse_published("2024-03-13T10:00:00+03:00")) == "2024-03-13"
    assert parse_published("13.03.2024") is None
    assert parse_published(None) is None
