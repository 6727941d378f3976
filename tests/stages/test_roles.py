"""stages/roles.py: titles next to names in real sentences, as Role items."""
from __future__ import annotations

import functools

import pytest

from paths import CORPUS

import svodka

from svodka.document import Document
from svodka.stages.entities import find_entities
from svodka.stages.parse import parse_many
from svodka.stages.roles import resolve_roles


def roles_of(text, res):
    doc = parse_many([Document(text=text)])[0]
    doc = resolve_roles(find_entities(doc, res), res)
    for ent in doc.entities:
        for role in ent.roles:
            assert doc.text[role.start:role.end] == role.text
    return {e.name: [(r.text, r.name, r.country, r.sector) for r in e.roles]
            for e in doc.entities if e.type == "PER"}


CASES = [
    # the seed article's headers
    ("Александр Лукашенко, Президент Беларуси:\n\n\"Что касается международной повестки, "
     "тут разницы никакой нет\".",
     {"Александр Лукашенко": [("Президент Беларуси", "Президент Беларуси", "BLR", "GOV")]}),
    ("Ерлан Кошанов, председатель Мажилиса парламента Казахстана:\n\n\"Я не первый раз "
     "приезжаю в Минск\".",
     {"Ерлан Кошанов": [("председатель Мажилиса парламента Казахстана",
                         "председатель Мажилиса парламента Казахстана", "KAZ", "LEG")]}),
    # NEREL
    ("Президент России Владимир Путин подписал закон об ответственности за несоблюдение "
     "организаторами сервисов по обмену сообщениями обязанностей.",
     {"Владимир Путин": [("Президент России", "Президент России", "RUS", "GOV")]}),
    ("55-летний премьер-министр Великобритании Борис Джонсон сдал положительный тест на "
     "COVID-19.",
     {"Борис Джонсон": [("премьер-министр Великобритании", "премьер-министр Великобритании",
                         "GBR", "GOV")]}),
    ("В феврале 2012 года министр иностранных дел Австралии Кевин Радд ушел в отставку.",
     {"Кевин Радд": [("министр иностранных дел Австралии", "министр иностранных дел Австралии",
                      "AUS", "GOV")]}),
    # a title in another case, agreeing with the name
    ("Делегация приехала на встречу с Ерланом Кошановым, председателем Мажилиса Парламента "
     "Казахстана.",
     {"Ерлан Кошанов": [("председателем Мажилиса Парламента Казахстана",
                         "председатель Мажилиса Парламента Казахстана", "KAZ", "LEG")]}),
    # a title not in the name's case is not its title: `журналистам` here is the audience
    ("Об этом журналистам сообщил Дмитрий Песков.", {"Дмитрий Песков": []}),
    # a title the NER put inside the name (NEREL dev)
    ("Родившийся 23 декабря 1933 года Император Акихито выразил желание сложить полномочия в "
     "августе 2016 года.",
     {"Акихито": [("Император", "Император", None, "GOV")]}),
    # plural `генералов` is not the title of one person (NEREL dev headline);
    # `Путин`, which the NER misses here, is found as a well-known surname
    ("Путин уволил двух генералов полиции по делу Голунова", {"Путин": [], "Голунов": []}),
    # a foreign name written in the nominative takes a nominative title, whatever
    # case the tagger guessed for it (NEREL train 5755)
    ("Ципи Ливни, министр иностранных дел Израиля, победила на выборах нового председателя "
     "правящей партии \"Кадима\".",
     {"Ципи Ливни": [("министр иностранных дел Израиля", "министр иностранных дел Израиля",
                      "ISR", "GOV")]}),
    # a two-word title agrees by its noun (`генерального` is tagged accusative; NEREL dev 1535267)
    ("По словам Лео Бенедучи, генерального секретаря Osapp, крупнейшего профсоюза сотрудников "
     "исправительных учреждений Италии, в тюрьмах страны находится около 12 тысяч членов "
     "мафиозных организаций.",
     {"Лео Бенедучи": [("генерального секретаря Osapp", "генеральный секретарь Osapp", None, None)]}),
    # titles listed a comma apart before the name; a title of a country is a state
    # office (NEREL train 158501)
    ("На мероприятии выступил председатель КНР, генеральный секретарь ЦК КПК Си Цзиньпин.",
     {"Си Цзиньпин": [("председатель КНР", "председатель КНР", "CHN", "GOV"),
                      ("генеральный секретарь ЦК КПК", "генеральный секретарь ЦК КПК", "CHN",
                       "GOV")]}),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_roles(text, expected, models, res):
    assert roles_of(text, res) == expected


def test_title_in_a_list_belongs_to_the_next_name(models, res):
    text = ("На саммит приехали президент Германии Франк-Вальтер Штайнмайер, президент Латвии "
            "Раймонд Вейонис и президент Грузии Георгий Маргвелашвили.")
    got = roles_of(text, res)
    assert got["Раймонд Вейонис"] == [("президент Латвии", "президент Латвии", "LVA", "GOV")]
    assert [r[0] for r in got["Франк-Вальтер Штайнмайер"]] == ["президент Германии"]


def test_the_country_is_the_one_named_before(models, res):
    # NEREL 1155: `страны` is Australia, named earlier in the sentence
    text = ("Новым лидером правящей Лейбористской партии Австралии в среду избран экс-премьер "
            "страны Кевин Радд, он возглавит правительство страны, сообщает агентство Рейтер.")
    got = roles_of(text, res)
    assert got["Кевин Радд"] == [("экс-премьер страны", "экс-премьер страны", "AUS", "GOV")]


def test_seed_persons_take_country_and_sector(seed_text, models, res):
    doc = parse_many([Document(text=seed_text)])[0]
    doc = resolve_roles(find_entities(doc, res), res)
    people = {e.name: e for e in doc.entities if e.type == "PER"}
    assert (people["Александр Лукашенко"].country, people["Александр Лукашенко"].sector) == ("BLR", "GOV")
    assert (people["Ерлан Кошанов"].country, people["Ерлан Кошанов"].sector) == ("KAZ", "LEG")
    assert people["Касым-Жомарт Кемелевич Токаев"].roles == ()


def test_roles_table_is_well_formed(res):
    from svodka.stages.lexicon import role_index
    sectors = {"GOV", "LEG", "MIL", "JUD", "BUS", "MED", "OPP", "NGO", "EDU", "REL", "SPT", ""}
    for row in res.table("roles"):
        assert row["kind"] in ("title", "body", "institution", "prefix", "country"), row
        assert row["sector"] in sectors, row
        assert row["head"] in ("", "state", "government"), row
        assert row["kind"] != "body" or row["sector"], row
    index = role_index(res)
    assert index.titles["президент"]["head"] == "state"
    assert index.titles["премьер-министр"]["head"] == "government"
    assert "правительство" in index.institutions and index.bodies["мажилис"] == "LEG"


@functools.cache
def _corpus_doc(doc_id: str):
    import svodka
    from svodka.ingest.text import read_text
    return svodka.analyze(read_text(CORPUS / f"{doc_id}.txt"), source=f"{doc_id}.txt")


def test_well_known_people_take_their_country_without_a_title():
    """people.tsv gives a country to figures the article names bare
    (`Владимир Путин и Дмитрий Медведев`), and finds a bare surname the NER
    missed at a headline's start (`Путин встретился …`)."""
    doc = _corpus_doc("nerel/test/158591_text")
    people = {e.name: (e.country, e.sector, e.roles) for e in doc.entities if e.type == "PER"}
    assert people["Владимир Путин"] == ("RUS", "GOV", ())
    assert people["Дмитрий Медведев"] == ("RUS", "GOV", ())
    doc = _corpus_doc("nerel/test/140635_text")
    putin = next(e for e in doc.entities if e.name == "Владимир Путин")
    assert [(m.text, m.start) for m in putin.mentions][:1] == [("Путин", 0)]
    # a title in the article wins over the table
    assert [r.name for r in putin.roles] == ["Президент России"]
    doc = _corpus_doc("nerel/test/548634_text")
    assert [(e.name, e.country) for e in doc.entities if e.name == "Назарбаев"] == [("Назарбаев", "KAZ")]


def test_well_known_people_are_matched_by_whole_names_only():
    """`Д. Медведев` is the table's Дмитрий Медведев, named as the table
    writes him; `Александр Турчинов` is not `Александр Турчин` (another
    surname, not a case form of it), nor `Сын А.Лукашенко` Лукашенко."""
    doc = _corpus_doc("nerel/train/10744_text")
    assert [(e.name, e.country) for e in doc.entities if "Медведев" in e.name] == [("Дмитрий Медведев", "RUS")]
    doc = _corpus_doc("nerel/train/122447_text")
    assert [(e.name, e.country) for e in doc.entities if "Турчин" in e.name] == [("Александр Турчинов", None)]


@pytest.mark.parametrize("source, person, country", [
    # a person noun described by a country, not a title: the country only
    ("nerel/train/39557_text", "Эдвард Сноуден", "USA"),   # подрядчику спецслужб США
    ("nerel/train/139852_text", "Зубия Шахназ", "USA"),    # гражданка США
    ("nerel/train/1592_text", "Сюзанна Остхоф", "DEU"),    # гражданка Германии
])
def test_a_description_before_the_name_gives_the_country(source, person, country):
    doc = svodka.analyze((CORPUS / f"{source}.txt").read_text(encoding="utf-8"))
    ent = next(e for e in doc.entities if e.name == person)
    assert (ent.country, ent.roles) == (country, ())
