"""quotes/speakers.py (with referents.py): who said each quote, through
the cue's subject, pronouns, short names, roles, header lines and the quote
before, on real articles of the corpus."""
from __future__ import annotations

import functools

import pytest

from paths import CORPUS


@functools.cache
def analyzed(doc_id: str):
    import svodka
    from svodka.ingest.text import read_text
    return svodka.analyze(read_text(CORPUS / f"{doc_id}.txt"), source=f"{doc_id}.txt")


def quote_starting(doc, words: str, kind: str = "direct"):
    found = [q for q in doc.quotes if q.text.startswith(words) and q.kind == kind]
    assert found, f"no {kind} quote starting {words!r}"
    return found[0]


def test_seed_quotes_and_speakers(seed_doc):
    got = [(q.kind, q.speaker.name if q.speaker else None, q.cue.text, q.text.split(".")[0])
           for q in seed_doc.quotes]
    assert got == [
        ("indirect", "Александр Лукашенко", "заявил Президент",
         "Беларусь готова активнее торговать с Казахстаном и создавать совместные производства"),
        ("direct", "Александр Лукашенко", "Александр Лукашенко, Президент Беларуси",
         "Что касается международной повестки и наших подходов и взглядов, тут, по-моему, "
         "разницы абсолютно никакой нет"),
        ("direct", "Александр Лукашенко",
         "Александр Лукашенко отметил помощь, которую Казахстан оказал белорусской стороне в "
         "вопросе присоединения в качестве полноправного члена к Шанхайской организации сотрудничества",
         "Вы нам здорово помогли"),
        ("direct", "Александр Лукашенко", "сказал Президент",
         "Мы вам очень благодарны, и мы с вами прекрасно помним, что как Казахстан, так и "
         "Беларусь входят в ряд международных организаций, региональных, начиная от ЕАЭС, ОДКБ, "
         "СНГ и заканчивая глобальной международной организацией - ООН"),
        ("direct", "Александр Лукашенко", "отметил глава государства",
         "Как я всегда говорю, основой всегда является торговля"),
        ("direct", "Ерлан Кошанов", "Ерлан Кошанов, председатель Мажилиса парламента Казахстана",
         "Я не первый раз приезжаю в Минск, я здесь часто бываю"),
    ]


def test_seed_role_references_become_mentions(seed_doc):
    luk = next(e for e in seed_doc.entities if e.name == "Александр Лукашенко")
    roles = [(m.text, m.start) for m in luk.mentions if m.kind == "role"]
    text = seed_doc.text
    assert roles == [
        ("Президент", text.index("Президент на встрече")),
        ("Президент", text.index("Президент.\n")),
        ("глава государства", text.index("глава государства")),
    ]
    for m in luk.mentions:
        assert text[m.start:m.end] == m.text


SPEAKERS = [
    # a short name as the subject of the cue
    ("nerel/train/26038_text", "Я не хочу быть членом правительства", "Бойко Борисов"),
    # a pronoun: the person last named outside quotes (not the speaker before)
    ("nerel/train/130", "Специалиста такого калибра", "Уоррен Баффет"),
    # a pronoun right after the previous speaker's quote
    ("nerel/train/7357_text", "Они очень ценят поддержку друзей", "Менеджер Мии Фэрроу"),
    # a person given by a relation to a named one (`Менеджер Мии Фэрроу сказал`)
    ("nerel/train/7357_text", "оплакивает трагическую потерю", "Менеджер Мии Фэрроу"),
    # a role noun whose holder is named next to the title elsewhere
    ("nerel/train/158501_text", "построения социалистического модернизированного государства", "Си Цзиньпин"),
    ("nerel/train/158501_text", "ценным и влиятельным духовным достоянием", "Си Цзиньпин"),
    # a header line naming the speaker
    ("nerel/train/3366_text", "Если Топалов выиграет", "Гарри Каспаров"),  # `Гари` merged with `Гарри`
    # a name set off by a comma after the subject: `пояснил автор законопроекта, … Андрей Красов`
    ("nerel/train/122274_text", "укрепить престиж военной службы", "Андрей Красов"),
    # `…, Дмитрий Дёмушкин, который успел заявить, что «…»`
    ("nerel/train/21274_text", "оказывают воздействие кавказские элиты", "Дмитрий Дёмушкин"),
    # `по словам одного из участников, епископа … Григория Михнова-Вайтенко,`
    ("nerel/train/109148_text", "прямо противоречит известному", "Григорий Михнов-Вайтенко"),
    # members speak for their party: `коммунисты заявили`
    ("nerel/train/570", "очередной провокации", "КПРФ"),
    # `«…», — говорится в официальном сообщении ГУ МВД`
    ("nerel/train/542", "Автомобиль ВАЗ", "ГУ МВД"),
    # the organisation named in a colon line: `В НИИ … поставили диагноз …:`
    ("nerel/train/107615_text", "У нас лежит девочка", "НИИ неотложной детской хирургии и травматологии"),
    # `…, – сказал в беседе с корреспондентом «Голоса Америки» лидер … Александр
    # Белов`: the subject after the verb, not the outlet in the oblique phrase
    ("factru/devset/book_147", "Смерть Егора стала переломным моментом", "Александр Белов"),
    # a relay verb passes on the words of the noun it governs: `цитирует
    # слова Армстронга газета …`, not the newspaper
    ("nerel/train/13912_text", "Мы дали ему четко понять", "Даг Армстронг"),
    # a colon cue: the cue word nearest the colon speaks, not `По её словам`
    # at the start of the sentence (a short quote, introduced as speech)
    ("nerel/train/106555_text", "Я, кажется, её убил", "Пётр Завьялов"),
    ("nerel/train/13861_text", "Мы вернём себе страну", "Герман Кейн"),
    ("nerel/train/117149_text", "Это будет мой самый последний фильм", "Ален Делон"),
    # `цитирует Челаха BNews.kz`: the one quoted, not the outlet
    ("nerel/dev/ryadovoy_chelah", "Он ничего не мог сказать", "Владимир Челах"),
    # anonymous speakers stay unnamed
    ("nerel/train/168", "Премьер сделал такое заявление", None),
]


@pytest.mark.parametrize("doc_id,text,speaker", SPEAKERS)
def test_speaker(doc_id, text, speaker):
    doc = analyzed(doc_id)
    q = quote_starting(doc, text)
    assert (q.speaker.name if q.speaker else None) == speaker
    if q.speaker:
        assert doc.entity(q.speaker.id).name == speaker


REPORTED_SPEAKERS = [
    # news outlets and agencies speak: `сообщает агентство ''Reuters''`, `как сообщало РИА Новости`
    ("nerel/train/26038_text", "Болгарское правительство уходит в отставку", "Reuters"),
    ("nerel/train/211", "Башлаков в феврале 2010 года", "РИА Новости"),
    # `по его словам` after the person's own statement
    ("nerel/train/109148_text", "этому правилу не нужны дополнения", "Григорий Михнов-Вайтенко"),
    # an outlet in quotation marks after `издания`, made an entity
    ("nerel/train/211", "Башлакову 53 года", "Право.Ru"),
    # `Совет также заявил` after `Конституционный совет Туниса`
    ("nerel/train/168", "выборы президента в Тунисе", "Конституционный совет Туниса"),
    # a participle: `премьером М.Ганнучи, объявившим ранее, что …`
    ("nerel/train/168", "он будет", "М.Ганнучи"),
    # a title with no holder in the article: the one person named just before
    ("nerel/train/570", "тема отставки С.Вахрукова", "Сергей Неверов"),
    # `…, и заявлял, что …` parsed as hanging on a word of the quote that
    # follows: the subject of the main verb before the conjunction
    ("nerel/train/21451_text", "в тюрьме его могут убить", "Джон Макафи"),
    ("nerel/dev/1614272_text", "с ним все в порядке", "Дональд Трамп"),
    # `по его собственным словам`: adjectives between the possessive and the noun
    ("nerel/train/130", "он решил пойти в финансовый сектор", "Ли Лу"),
    # speech verbs: `пожаловалась, что`, `объявляет, что`
    ("nerel/train/104195_text", "набежавшие в ее дом полицейские", "Нора Донда"),
    ("nerel/test/113627_text", "мир катится в ад", "Дейв Гаан"),
    # `как отмечает X`, `как утверждают в X`
    ("nerel/train/094", "Кэмерон стал самым молодым британским премьером", "Би-би-си"),
    ("nerel/dev/221759_text", "с 2004 года они заплатили", "Odebrecht"),
    # a noun for any person is the person last named, as `он`/`она`: `Актёр
    # отметил`; `По словам спортсменки` (a woman, not her coach named since)
    ("nerel/train/117149_text", "хотел бы сняться вместе с Софи Марсо", "Ален Делон"),
    ("nerel/train/105105_text", "в России она проводит максимум месяц в году", "Юлия Ефимова"),
    # a title with a country adjective no holder's role matches: the one
    # person of that country named before (`Российский лидер также напомнил`)
    ("factru/devset/book_506", "уже внёс в Госдуму законопроект", "Дмитрий Медведев"),
    # `он` after a fragment in marks nobody was named for ("большим демократом"):
    # that fragment says nothing of who `он` is; the person named before does
    ("nerel/test/2027_", "является автором", "Николай Федоров"),
    # `Как сообщает сегодня пресс-служба Кремля, президент России Дмитрий
    # Медведев выразил …`: the press service, not the subject of the clause
    ("nerel/train/11766_text", "президент России Дмитрий Медведев выразил", "Кремль"),
    # source phrases: `Согласно заявлению ИГ, …`, `По заявлению Обамы, …`
    ("nerel/train/133356_text", "они не управляли напрямую действиями Саипова", "Исламское государство"),
    ("nerel/train/1112", "он поговорил с членами семьи Манделы", "Барак Обама"),
    # a press service named by a phrase with a country and no organisation
    # the NER found becomes an organisation of its own
    ("nerel/test/202294_text", "в интернете, вскоре после убийства появилось видео",
     "Пресс-служба полиции Марокко"),
]


def test_a_person_noun_of_another_country_is_not_the_person_last_named():
    """`южнокорейский дипломат выразил надежду, что …` after a Russian
    spokesman was named: the spokesman is no South Korean."""
    doc = analyzed("nerel/train/14432_text")
    assert not [q for q in doc.quotes if q.cue and "южнокорейский дипломат" in q.cue.text
                and q.speaker is not None and q.speaker.name == "Александр Лукашевич"]


@pytest.mark.parametrize("doc_id,text,speaker", REPORTED_SPEAKERS)
def test_reported_speaker(doc_id, text, speaker):
    q = quote_starting(analyzed(doc_id), text, "indirect")
    assert q.speaker.name == speaker


def test_pronoun_becomes_a_mention():
    doc = analyzed("nerel/train/130")
    q = quote_starting(doc, "Специалиста такого калибра")
    buffett = doc.entity(q.speaker.id)
    pronouns = [m for m in buffett.mentions if m.kind == "pronoun"]
    assert doc.text.index("заявил он") + len("заявил ") in [m.start for m in pronouns]
    assert all(m.text == doc.text[m.start:m.end] for m in pronouns)


def test_reported_speech_of_nobody_in_particular_is_left_out():
    # `сообщили итальянские СМИ`, `По словам источника агентства`: no speaker, not annotated
    for doc_id in ("nerel/train/137247_text", "nerel/train/211"):
        doc = analyzed(doc_id)
        assert all(q.speaker is not None for q in doc.quotes if q.kind == "indirect")
    assert not any(q.text.startswith("Сейчас он арестован") for q in analyzed("nerel/train/137247_text").quotes)


def test_created_speaker_is_an_entity():
    # `сообщает газета «Коммерсантъ»` with no entity for the paper: one is made
    doc = analyzed("nerel/train/570")
    q = quote_starting(doc, "Вслед за губернатором Смоленской области", "indirect")
    ent = doc.entity(q.speaker.id)
    assert (ent.type, ent.name) == ("ORG", "Коммерсантъ")
    assert all(doc.text[m.start:m.end] == m.text for m in ent.mentions)


# `он` after somebody else's speech verb between the quotes is that verb's subject
PRONOUN_AFTER_SPEECH = [
    ("factru/devset/book_349", "Наша позиция по единству Иерусалима", "Биньямин Нетаньяху"),
    # `глава МИД РФ … подтвердил …. Однако он подчеркнул, что … «…»`: the
    # foreign minister (`глава внешнеполитического ведомства России Сергей Лавров`)
    ("factru/devset/book_290", "на основе безусловного признания итогов Второй мировой войны", "Сергей Лавров"),
]


@pytest.mark.parametrize("doc_id, words, speaker", PRONOUN_AFTER_SPEECH)
def test_pronoun_after_speech_between(doc_id, words, speaker):
    doc = analyzed(doc_id)
    assert quote_starting(doc, words).speaker.name == speaker


# a relaying outlet after the speaker (`— заявил Матиас Йорш, докладчик ПАСЕ,
# сообщает BBC`) does not take the quote from the one who spoke (GOLD.md)
def test_relay_does_not_override_the_speaker():
    doc = analyzed("factru/devset/book_326")
    assert quote_starting(doc, "Демократия - не простая вещь").speaker.name == "Матиас Йорш"


def test_reported_inside_reported_is_one_statement():
    # `Зума сообщил, что Мандела …, но власти надеются, что ему станет лучше …`:
    # the president's statement, not a second one of the authorities
    doc = analyzed("nerel/train/1112")
    inner = [q for q in doc.quotes if q.kind == "indirect" and q.text.startswith("ему станет лучше")]
    outer = quote_starting(doc, "Мандела по-прежнему находится в критическом состоянии", "indirect")
    assert (inner, outer.speaker.name) == ([], "Джейкоб Зума")
