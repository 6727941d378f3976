"""quotes/finding.py (with marks.py and reported.py): every form of
direct and reported speech Russian news uses, on real articles of the
corpus. Each article is analyzed once per session."""
from __future__ import annotations

import functools

import pytest

from paths import CORPUS


@functools.cache
def analyzed(doc_id: str):
    import svodka
    from svodka.ingest.text import read_text
    return svodka.analyze(read_text(CORPUS / f"{doc_id}.txt"), source=f"{doc_id}.txt")


def quote_starting(doc, words: str, kind: str):
    found = [q for q in doc.quotes if q.text.startswith(words) and q.kind == kind]
    assert found, f"no {kind} quote starting {words!r} in {[q.text[:40] for q in doc.quotes]}"
    return found[0]


DIRECT = [
    # «…» with the attribution after it
    ("nerel/train/26038_text",
     "Я не хочу быть членом правительства, из-за которого полиция избивает людей",
     "заявил Борисов в своей речи"),
    # straight marks around a quote holding "…" of its own (a party's name)
    ("nerel/train/543",
     'По сути, у "Единой России" были провальные показатели в декабре. И Шемелев за это ответил',
     "заявил первый секретарь крайкома КПРФ Владимир Гришуков"),
    # a quote split by its attribution: «A, — сказал Коллинз. — B»; „Мармион“ inside is a name
    ("nerel/train/13896_text",
     "Человек по имени Фалмут Карни приплыл в Америку в возрасте 19 лет на корабле „Мармион“",
     "сказал Коллинз"),
    ("nerel/train/13896_text",
     "Он был сапожником, а в понедельник его пра-пра-пра-пра-правнук вернется на ирландскую "
     "землю в качестве президента Соединенных Штатов. Это\u00a0— история невероятного успеха, "
     "почти ирландская легенда",
     "сказал Коллинз"),
    # the same split with the marks left out by the author: "A, - заявил он. - B"
    ("nerel/train/130", "Специалиста такого калибра, как Тодд, мы искали в течение трех лет",
     "заявил он"),
    ("nerel/train/130", "Мы в восторге от того, что он присоединился к нам", "заявил он"),
    # `сказал: «…»`
    ("nerel/train/3366_text",
     "Традиции шахмат были нарушены, но, если Топалов выиграет, мы должны сказать, что он\u00a0— "
     "15-й чемпион мира. Надо приветствовать объединение, лучше поздно, чем никогда",
     "На вопрос о значении предстоящего матча, Каспаров сказал"),
    # a name and a colon in front: `Гари Каспаров: «…»`
    ("nerel/train/3366_text", "Если Топалов выиграет, то он будет 15-м чемпионом мира", "Гари Каспаров"),
    # a header line naming the speaker, the quoted paragraph below it
    ("seed/000_ace31b1ed83a096e",
     'Я не первый раз приезжаю в Минск, я здесь часто бываю. И по линии ОДКБ, Парламентской ассамблеи.',
     "Ерлан Кошанов, председатель Мажилиса парламента Казахстана"),
    # the wiki's ''«…»'' gives one quote, without the marks
    ("nerel/train/21451_text",
     "Вы можете называть меня параноиком, но они (власти Белиза) убьют меня, в этом нет никаких "
     "сомнений. Они пытаются поймать меня вот уже несколько месяцев",
     None),
    # a fragment in marks inside reported speech, and one after a naming verb
    ("nerel/train/570", "ни в каком виде не обсуждалась", "утверждает"),
    ("nerel/train/158501_text", "величайшим мыслителем в истории человечества", "Си Цзиньпин назвал"),
    # a paragraph without marks after a colon line with a speech verb
    ("nerel/train/21451_text", "Я скрываюсь в таком месте где в матрасе водятся вши", "он описывал"),
    # …or one that speaks in the first person after a colon line without a verb
    ("nerel/train/107615_text", "У нас лежит девочка 16 лет, поступила 11 октября утром",
     "В НИИ неотложной детской хирургии и травматологии ребенку поставили диагноз "
     "«ушиб грудной клетки и брюшной полости»"),
    # a short quote opening with a preposition, the shape of a title, is
    # speech when a dash and a speech verb follow it
    ("nerel/train/117155_text", "По паспорту мне 94, а по жизни\u00a0— 95 лет", "уточнил Этуш"),
    # the split after a full stop, not a comma: «A. — заявил Каприлес. — B»
    ("nerel/train/23512_text", "Страна ждёт четкой интерпретации того, что говорится в тексте "
     "конституции", "заявил Каприлес"),
    ("nerel/train/23512_text", "Я же лично считаю ужасным знаком то", "заявил Каприлес"),
    # `«…», — говорится в сообщении X`
    ("nerel/train/542", "Автомобиль ВАЗ, находясь в правом ряду, попытался осуществить разворот",
     "говорится в официальном сообщении ГУ МВД"),
]


@pytest.mark.parametrize("doc_id,text,cue", DIRECT)
def test_direct_quote_and_its_cue(doc_id, text, cue):
    doc = analyzed(doc_id)
    q = quote_starting(doc, text, "direct")
    assert q.text.startswith(text)
    assert doc.text[q.start:q.end] == q.text
    if cue is None:
        assert q.cue is not None
    else:
        assert q.cue is not None and q.cue.text == cue
        assert doc.text[q.cue.start:q.cue.end] == cue


def test_quotes_whole_text_is_exact():
    doc = analyzed("nerel/train/26038_text")
    assert [q.text for q in doc.quotes if q.kind == "direct"] == [
        "Я не хочу быть членом правительства, из-за которого полиция избивает людей",
        "Вчера мы сделали всё. что могли, чтобы удовлетворить требования протестующих. Больше "
        "нет ничего, что мы могли бы сделать, чтобы помочь им",
    ]


def test_dialogue_line():
    # The corpus prints no dialogue lines; this is nerel/train/13896_text's
    # «A, — сказал Коллинз. — B» set as a dialogue line, as Russian prints it.
    import svodka
    line = analyzed("nerel/train/13896_text").text.split("«Человек по имени")[1].split("»")[0]
    doc = svodka.analyze("— Человек по имени" + line + "\n")
    assert [(q.kind, q.text[:30], q.cue.text) for q in doc.quotes] == [
        ("direct", "Человек по имени Фалмут Карни ", "сказал Коллинз"),
        ("direct", "Он был сапожником, а в понедел", "сказал Коллинз"),
    ]


INDIRECT = [
    # speech verb + что-clause
    ("nerel/train/26038_text", "за эти 4 года власти выполнили максимум для улучшения социального "
     "и экономического климата в стране", "он особо подчеркнул"),
    ("nerel/train/21274_text", "прокурор несправедливо относится к потерпевшим в пользу обвиняемого",
     "посчитал"),
    # postposed attribution: `…, сообщает агентство ''Reuters''`
    ("nerel/train/26038_text", "Болгарское правительство уходит в отставку после массовых протестов, "
     "вызванных сильным сокращением социальных расходов и резким увеличением цен на электроэнергию",
     "сообщает агентство ''Reuters"),
    # `…, заявил глава КНР` with a quoted fragment in the clause: both are kept
    ("nerel/train/158501_text", "Марксизм вывел Китай на путь «построения социалистического "
     "модернизированного государства»", "заявил глава КНР"),
    # `как сообщает X, …`
    ("nerel/train/211", "Башлаков в феврале 2010 года ушел в отставку по состоянию здоровья",
     "Как сообщало РИА Новости"),
    ("nerel/train/211", "Башлакову 53 года", 'По сведениям издания "Право.Ru"'),
    # `по словам X` inside the clause: the whole clause, attribution included
    ("nerel/train/013", "Указа о назначении нового главы своей администрации Муртаза Рахимов, по "
     "словам господина Мурзагалиева, пока не подписал", "по словам господина Мурзагалиева"),
    # `(по его словам, …)` in brackets
    ("nerel/train/130", "он не жалуется на здоровье и все еще обожает свою работу", "по его словам"),
    # `Об этом заявил Президент` points back to the sentence before
    ("seed/000_ace31b1ed83a096e", "Беларусь готова активнее торговать с Казахстаном и создавать "
     "совместные производства", "заявил Президент"),
]


@pytest.mark.parametrize("doc_id,text,cue", INDIRECT)
def test_reported_speech_and_its_cue(doc_id, text, cue):
    doc = analyzed(doc_id)
    q = quote_starting(doc, text, "indirect")
    assert q.text == text
    assert doc.text[q.start:q.end] == text
    assert q.cue.text == cue


NOT_QUOTES = [
    ("nerel/train/4269_text", "О минимальной заработной плате в Свердловской области"),   # an agreement
    ("nerel/train/4269_text", "О минимальном размере оплаты труда"),                      # a law
    ("nerel/train/510", "За заслуги перед Отечеством"),                                   # an order
    ("nerel/train/13536_text", "Самые острые блюда татарской кухни"),                     # a novel
    ("nerel/train/106106_text", "Мир анимации или анимации мира"),                         # a TV show
    ("nerel/train/106106_text", "Весёлые картинки"),                                      # a magazine
    ("nerel/train/013", "Единая Россия"),                                                 # a party
    ("nerel/train/211", "Интерфакс"),                                                     # an agency
    ("nerel/train/19795_text", "Нам семь тысяч лет"),                                     # a slogan
    ("nerel/train/130", "акулой"),                                                        # scare quotes
    ("nerel/train/13896_text", "Мармион"),                                                # a ship
    ("nerel/train/109148_text", "Любите врагов ваших, благословляйте проклинающих вас"),   # scripture, nested
    ("nerel/train/4962_text", "не пущать"),                                              # scare quotes, nested
    ("nerel/test/182652_text", "новой русской волны"),                                    # `так называемой «…»`
    ("nerel/test/182652_text", "Ладони 90 Репост Модерн Я танцую сам с собой Модные ребята со "
     "взглядом в пустоту Нет любви Грустно Неважно Тупой"),                                # a track list after a colon
    # a short fragment modifying a noun, in no reported clause: a label
    ("factru/devset/book_383", "большой тройки"),                                         # `операторов «…»`
    ("nerel/train/105072_text", "пакета Яровой"),                                           # `требований «…»`
]


@pytest.mark.parametrize("doc_id,text", NOT_QUOTES)
def test_titles_and_scare_quotes_are_not_quotes(doc_id, text):
    doc = analyzed(doc_id)
    assert text in doc.text
    assert all(q.text != text for q in doc.quotes)


@pytest.mark.parametrize("doc_id", sorted({d for d, *_ in DIRECT + INDIRECT}))
def test_every_quote_points_into_the_text(doc_id):
    doc = analyzed(doc_id)
    assert doc.quotes
    for q in doc.quotes:
        assert 0 <= q.start < q.end <= len(doc.text)
        assert doc.text[q.start:q.end] == q.text
        assert q.kind in ("direct", "indirect")
        if q.cue:
            assert doc.text[q.cue.start:q.cue.end] == q.cue.text
