"""`stages/amounts.py`: money and percentages on real sentences from the
corpus. The stage reads the text only, so these run without the models."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from svodka.document import Document
from svodka.stages.amounts import find_amounts

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"

# (article under shared/corpus, a passage of it, expected (text, value, unit))
CORPUS_CASES = [
    ("nerel/train/543.txt", 'По Приморью "ЕР" набрала 32,99%, а во Владивостоке',
     [("32,99%", "32.99", "%")]),
    ("nerel/train/570.txt", "обойдется федеральному и областному бюджету в 1,5 млрд руб. Как",
     [("1,5 млрд руб.", "1500000000", "RUB")]),
    ("nerel/train/570.txt", "многие объекты строятся с 50-процентным отставанием от графика.",
     [("50-процентным", "50", "%")]),
    ("nerel/train/023.txt", "Facebook ожидает 70-процентное увеличение выручки в 2009 году.",
     [("70-процентное", "70", "%")]),
    ("nerel/train/4269_text.txt",
     "МРОТ установлен на уровне 2,9\u00a0тыс. руб, что на 600 руб больше, чем в целом",
     [("2,9\u00a0тыс. руб", "2900", "RUB"), ("600 руб", "600", "RUB")]),
    ("nerel/train/130.txt", 'находилось "всего" 400 миллионов долларов - практически ничто',
     [("400 миллионов долларов", "400000000", "USD")]),
    ("nerel/train/15582_text.txt", "акции Apple упали на пять процентов.",
     [("пять процентов", "5", "%")]),
    ("nerel/train/21451_text.txt", "предложил вознаграждение в размере $25 000.",
     [("$25 000", "25000", "USD")]),
    ("nerel/dev/213197_text.txt", "Твиттеру грозит штраф в 5000 рублей",
     [("5000 рублей", "5000", "RUB")]),
    ("nerel/dev/213197_text.txt", "5000 рублей по текущему курсу\u00a0— это 76 долларов",
     [("5000 рублей", "5000", "RUB"), ("76 долларов", "76", "USD")]),
    ("nerel/train/12047_text.txt", "денежные средства в сумме 17739,10 гривен (69770,71 руб.).",
     [("17739,10 гривен", "17739.10", "UAH"), ("69770,71 руб.", "69770.71", "RUB")]),
    ("nerel/train/12047_text.txt", "получила «премию» более 17 тысяч гривен за экономию",
     [("17 тысяч гривен", "17000", "UAH")]),
    ("nerel/test/187083_text.txt", "составляет девять миллионов шведских крон (более миллиона долларов США).",
     [("девять миллионов шведских крон", "9000000", "SEK"),
      ("миллиона долларов США", "1000000", "USD")]),
    ("nerel/test/543574_text.txt", "1\u00a0млн гонконгских долларов (около $120 тысяч)",
     [("1\u00a0млн гонконгских долларов", "1000000", "HKD"), ("$120 тысяч", "120000", "USD")]),
    ("nerel/train/12364_text.txt", "240 тыс. фунтов стерлингов (почти 380 тыс. долларов)",
     [("240 тыс. фунтов стерлингов", "240000", "GBP"), ("380 тыс. долларов", "380000", "USD")]),
    ("nerel/train/161281_text.txt", "Вайнштейна отпустили под залог в $1 млн",
     [("$1 млн", "1000000", "USD")]),
    ("nerel/test/141500_text.txt", "снизить минимальный градус водки до 37,5 процента.",
     [("37,5 процента", "37.5", "%")]),
    ("nerel/test/178485_text.txt", "составлял четверть миллиарда долларов",
     [("четверть миллиарда долларов", "250000000", "USD")]),
    ("nerel/train/99855_text.txt", "Концерт Rolling Stones в Гаване собрал 500 тысяч зрителей", []),
    ("nerel/train/103130_text.txt", "составляет порядка 71,6\u00a0млн человек", []),
    ("nerel/train/1015.txt", "самовыдвиженцы должны собрать более 73 тысяч подписей москвичей.", []),
    ("nerel/train/21451_text.txt", "1 декабря 2012 года полиция Белиза арестовала миллионера", []),
    ("nerel/train/39923_text.txt", "Весит юный наследник 3,79 килограмма", []),
    # ranges: both ends, the first taking the unit (and the scale) of the second
    ("factru/devset/book_480.txt", "имеет 2-3% рынка",
     [("2", "2", "%"), ("3%", "3", "%")]),
    ("factru/devset/book_737.txt", "Стоимость устройства — 7—9 тыс. долларов",
     [("7", "7000", "USD"), ("9 тыс. долларов", "9000", "USD")]),
    ("factru/devset/book_344.txt", "сумму от 100 до 200 млн долларов",
     [("100", "100000000", "USD"), ("200 млн долларов", "200000000", "USD")]),
    ("nerel/test/140635_text.txt", "для юридических лиц – от 800 тыс. до 1 млн рублей.",
     [("800 тыс.", "800000", "RUB"), ("1 млн рублей", "1000000", "RUB")]),
    ("nerel/test/141500_text.txt",
     "крепостью 38–56%.", [("38", "38", "%"), ("56%", "56", "%")]),
    ("factru/devset/book_412.txt", "уменьшился с 114 миллиардов до 81,5 миллиардов долларов.",
     [("114 миллиардов", "114000000000", "USD"),
      ("81,5 миллиардов долларов", "81500000000", "USD")]),
    ("factru/devset/book_142.txt", "до уровня десяти миллиардов долларов",
     [("десяти миллиардов долларов", "10000000000", "USD")]),
    ("factru/devset/book_252.txt", "покрыть дефицит размером более триллиона долларов.",
     [("триллиона долларов", "1000000000000", "USD")]),
    ("factru/devset/book_392.txt", "правительство выделяет 500 млн. евро на исследования",
     [("500 млн. евро", "500000000", "EUR")]),
    ("factru/devset/book_297.txt", "потратив на приобретение 0,7% 90 млн долларов.",
     [("0,7%", "0.7", "%"), ("90 млн долларов", "90000000", "USD")]),
    ("nerel/train/509888_text.txt", "9 млн шведских крон ($0,91\u00a0— $1,02\u00a0млн по разным курсам)",
     [("9 млн шведских крон", "9000000", "SEK"), ("$0,91", "910000", "USD"),
      ("$1,02\u00a0млн", "1020000", "USD")]),
    ("nerel/train/22275_text.txt", "облагающий 75&nbsp;% ставкой",
     [("75&nbsp;%", "75", "%")]),
]


def _check(doc: Document, expected) -> None:
    for a in doc.amounts:
        assert doc.text[a.start:a.end] == a.text
    assert [(a.text, a.value, a.unit) for a in doc.amounts] == \
        [(t, Decimal(v), u) for t, v, u in expected]


@pytest.mark.parametrize("path, passage, expected", CORPUS_CASES,
                         ids=[f"{p}:{e[0][0] if e else 'none'}" for p, _, e in CORPUS_CASES])
def test_amounts_in_corpus_passages(res, path, passage, expected):
    assert passage in (CORPUS / path).read_text(encoding="utf-8")
    _check(find_amounts(Document(text=passage), res), expected)

# Forms the corpus happens not to contain, in the wording of news reports.
WRITTEN_CASES = [
    ("Товарооборот достиг 1,2 млрд белорусских рублей.",
     [("1,2 млрд белорусских рублей", "1200000000", "BYN")]),
    ("Стоимость проекта — 45 млрд тенге.", [("45 млрд тенге", "45000000000", "KZT")]),
    ("Ставка выросла на 0,25 п.п. и на 2 процентных пункта.",
     [("0,25 п.п.", "0.25", "%"), ("2 процентных пункта", "2", "%")]),
    ("Инфляция составит от 5 до 10 %.", [("5", "5", "%"), ("10 %", "10", "%")]),
    ("Штраф составил 1 500 000 рублей, а ущерб — 2\u00a0300\u00a0000 рублей.",
     [("1 500 000 рублей", "1500000", "RUB"), ("2\u00a0300\u00a0000 рублей", "2300000", "RUB")]),
    ("Сделка оценена в 2,2 млн.руб. и 300 тыс. евро.",
     [("2,2 млн.руб.", "2200000", "RUB"), ("300 тыс. евро", "300000", "EUR")]),
    ("Китай выделил 50 млн юаней, Украина — 10 млн гривен.",
     [("50 млн юаней", "50000000", "CNY"), ("10 млн гривен", "10000000", "UAH")]),
    ("Билет стоит 99 рублей 90 копеек.", [("99 рублей", "99", "RUB"), ("90 копеек", "0.9", "RUB")]),
    ("Бюджет вырос на двести пятьдесят миллионов рублей.",
     [("двести пятьдесят миллионов рублей", "250000000", "RUB")]),
    ("ЦБ снизил ставку на 50 б.п., до 7,25%.", [("50 б.п.", "0.5", "%"), ("7,25%", "7.25", "%")]),
    ("Оборот составил 5,3 млн бел. руб., кредит — 500 млн долл. США.",
     [("5,3 млн бел. руб.", "5300000", "BYN"), ("500 млн долл. США", "500000000", "USD")]),
    ("Проект стоит $5–7 млн, в нём занято $5 - 10 человек.",
     [("$5", "5000000", "USD"), ("7 млн", "7000000", "USD"), ("$5", "5", "USD")]),
    ("В 2008 году ему было 50 лет; в городе живут 300 тысяч человек.", []),
    ("Заседание прошло 12.03.2014 в 15:30, к нему пришли сотни тысяч человек.", []),
    ("Расходы составят миллиарды долларов.", []),
    ("Подробнее: https://example.org/%D0%BE%D1%82 и www.example.org/50%25", []),
]


@pytest.mark.parametrize("text, expected", WRITTEN_CASES,
                         ids=[e[0][0] if e else t[:20] for t, e in WRITTEN_CASES])
def test_amounts_in_written_sentences(res, text, expected):
    _check(find_amounts(Document(text=text), res), expected)


def test_whole_article_lists_every_amount(res):
    # `руб.` keeps its abbreviation dot, also where it ends the sentence
    text = (CORPUS / "nerel/train/4269_text.txt").read_text(encoding="utf-8")
    doc = find_amounts(Document(text=text), res)
    _check(doc, [("2,9\u00a0тыс. руб", "2900", "RUB"), ("600 руб", "600", "RUB"),
                 ("3,1\u00a0тыс. руб", "3100", "RUB"), ("3,5\u00a0тыс. руб.", "3500", "RUB"),
                 ("2,3\u00a0тыс. руб.", "2300", "RUB")])


@pytest.mark.parametrize("path", ["nerel/train/99855_text.txt", "nerel/train/103130_text.txt",
                                  "nerel/train/1015.txt", "nerel/train/19795_text.txt"])
def test_articles_with_counts_but_no_money(res, path):
    text = (CORPUS / path).read_text(encoding="utf-8")
    assert find_amounts(Document(text=text), res).amounts == ()


def test_seed_article_amounts(seed_doc):
    assert [(a.text, a.value, a.unit) for a in seed_doc.amounts] == [
        ("миллиарду долларов", Decimal(1000000000), "USD"), ("50 %", Decimal(50), "%")]
    for a in seed_doc.amounts:
        assert seed_doc.text[a.start:a.end] == a.text
