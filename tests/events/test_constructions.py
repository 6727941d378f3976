"""The constructions of issue 12 on real sentences of ../shared/corpus, each
analyzed within its whole article (actors are often named sentences
before): the events the coder finds in the sentence, exactly, as (type,
mode, source country, target country)."""
from __future__ import annotations

import functools

import pytest

from paths import CORPUS

import svodka
from svodka.events.coder import _Coder
from svodka.resources import load_resources
from svodka.stages.geo import countries_of_compound


@functools.cache
def _article(source: str):
    text = (CORPUS / f"{source}.txt").read_text(encoding="utf-8")
    return svodka.analyze(text, source=source)


def _in_sentence(source: str, sentence: str) -> set[tuple]:
    """What the event coder finds in the sentence, before the article's
    events are merged (one per triple) and filtered (domestic ones)."""
    doc = _article(source)
    start = doc.text.index(sentence)
    coder = _Coder(doc, load_resources())
    # (the sentences before are coded too: the coder keeps the sides of the
    # last talks and of the last bilateral event)
    return {(f.event.type, f.event.mode, f.event.source.country, f.event.target.country)
            for sent in doc.sentences if sent.start < start + len(sentence)
            for f in coder.code_sentence(sent) if start <= f.event.trigger.start < start + len(sentence)}


CASES = [
    # coordinated subjects through the genitive: each side consults the other
    ("coordination", "nerel/train/162165_text",
     "Тогда же президенты России и Сербии обсудили перспективы развития "
     "российско-сербского сотрудничества.",
     {("CONSULT", None, "RUS", "SRB"), ("CONSULT", None, "SRB", "RUS")}),
    # planned visits (future), a second verb sharing the subject, a visit to
    # an event placed in a country, a nominal meeting with a role holder
    ("planned, shared subject, nominal", "nerel/train/13896_text",
     "После этого Обама посетит самит Большой восьмерки во Франции, проведёт встречу с "
     "президентом России Дмитрием Медведевым, и посетит Польшу.",
     {("CONSULT", "visit", "USA", "FRA"), ("CONSULT", "visit", "FRA", "USA"),
      ("CONSULT", None, "USA", "RUS"), ("CONSULT", None, "RUS", "USA"),
      ("CONSULT", "visit", "USA", "POL"), ("CONSULT", "visit", "POL", "USA")}),
    ("planned, both directions", "nerel/train/13896_text",
     "После Ирландии Обама посетит Великобританию, где он собирается выступить перед "
     "обоими палатами парламента и встретится с Девидом Кэмероном.",
     {("CONSULT", "visit", "USA", "GBR"), ("CONSULT", "visit", "GBR", "USA")}),
    # a request without an addressee answered by a refusal: each side is
    # the other's target; the refuser's subject hung on the clause after
    ("request and refusal", "nerel/train/39557_text",
     "Американские власти потребовали выдать его США, чтобы он предстал перед судом по "
     "обвинениям в шпионаже, но российский президент Владимир Путин в этом отказал",
     {("REQUEST", "change", "USA", "RUS"), ("REJECT", None, "RUS", "USA")}),
    # a threat governs the act it threatens: killing threatened is no assault
    ("threatened act", "nerel/train/1592_text",
     "террористы угрожают убить заложников, если правительство Германии не прекратит "
     "сотрудничать с новым иракским правительством", set()),
    # an import ban: a sanction on the country the goods come from
    ("import ban", "factru/devset/book_622",
     "Минсельхоз РФ запретил ввозить овощи и фрукты из Молдавии",
     {("SANCTION", "restrict", "RUS", "MDA")}),
    # a pronoun whose antecedent has no name: the person just described
    ("pronoun for a described person", "factru/devset/book_142",
     "Также в ходе встречи с премьер-министром Турции сегодня ночью я попросил его оказать содействие",
     {("REQUEST", "assist", "UKR", "TUR")}),
    # of the target slots, the first that names an actor: the person
    # extradited has no country, the state he is sent to has
    ("first slot naming an actor", "factru/devset/book_448",
     "В ноябре 2010 года власти Таиланда экстрадировали Бута в США",
     {("COOPERATE", "legal", "THA", "USA")}),
    # a ratification is a deal with the other party, a breakaway region
    # standing for the state ISO 3166 puts it in
    ("ratification", "nerel/train/114858_text",
     "Путин ратифицировал пенсионное соглашение с Южной Осетией",
     {("AGREE", "sign", "RUS", "GEO"), ("AGREE", "sign", "GEO", "RUS")}),
    # a demand stated in reported speech: from the speaker's side to the one
    # who must act
    ("in speech", "nerel/train/39296_text",
     "Президент Корреа заявлял, что США должны не ловить Сноудена, а объясниться",
     {("REQUEST", "change", "ECU", "USA")}),
    # aid received: the giver is the source (an international organisation:
    # no country)
    ("received", "nerel/train/13896_text",
     "Дублин получил помощь от Международного валютного фонда и ЕС",
     {("AID", None, None, "IRL")}),
    # a request granted, towards the one who asked (domestic: the headline
    # story is domestic)
    ("granting", "nerel/train/23512_text",
     "Тем самым Национальное собрание Венесуэлы исполнило просьбу вице-президента страны "
     "Николаса Мадуро об отсрочке инаугурации Уго Чавеса.",
     {("AGREE", "agree", "VEN", "VEN")}),
    # a nominal visit, the guest's country from the adjective of the role
    ("nominal visit", "factru/devset/book_290",
     "Премьер-министр Японии Наото Кан накануне визита главы японского МИДа в Москву",
     {("CONSULT", "visit", "JPN", "RUS"), ("CONSULT", "visit", "RUS", "JPN")}),
    # a judgement in a quote of another side's act: the speaker's side accuses
    ("judgement in speech", "nerel/train/132779_text",
     "не основанные ни на чем голословные истерические обвинения из Киева",
     {("ACCUSE", "disapprove", "RUS", "UKR")}),
    # a pronoun actor: the person named last before it, of its gender
    ("pronoun", "factru/devset/book_260",
     "На следующий день он отозвал из России посла.",
     {("SANCTION", "withdraw", "JPN", "RUS")}),
    # an act noun in `по` + dative is made by its genitive (the government
    # of Kyrgyzstan invited), never by the clause's subject (the troops who
    # came): without the troops' country in the clause, nothing is coded
    ("on behalf", "nerel/train/003",
     "прибыли в республику по приглашению правительства с целью обеспечения "
     "антитеррористических учений",
     set()),
    # an entry ban: the banned are the target, by the adjective of their country
    ("entry ban", "nerel/train/128762_text",
     "Ранее Украина запретила въезд в страну более 140 российским артистам.",
     {("SANCTION", "restrict", "UKR", "RUS")}),
    # a request without an addressee right after talks is made to the
    # other side of the talks
    ("addressee of the talks", "nerel/train/39296_text",
     "Байден просил отказать Сноудену в предоставлении убежища",
     {("REQUEST", "assist", "USA", "ECU")}),
    # an object the parser took for the subject of a misspelt verb
    # (`согласится`): the accusative tells it is the object
    ("accusative subject", "factru/devset/book_154",
     "Мэтью Брайза призвал грузинскую общественность согласится с заключением",
     {("REQUEST", "change", "USA", "GEO")}),
    # an act referred back to (`этот визит`) is the act of the visit named
    # before (`поездки Дмитрия Медведева`); its judgement in speech is the
    # speaker's side accusing the visitor's
    ("act anaphora", "factru/devset/book_260",
     "Кан заявил, что этот визит «вызывает сожаление»",
     {("ACCUSE", "disapprove", "JPN", "RUS")}),
    # an act noun after `за` is the reason of its clause (a prize for the
    # signing), not an event of its own
    ("reason", "nerel/train/106967_text",
     "В 1994 году Перес получил Нобелевскую премию за подписание соглашения с палестинцами",
     set()),
    # an entry ban with no agent: the owner of the land entered bans (the
    # European Union, an organisation of no country)
    ("entry ban by the destination", "factru/devset/book_410",
     "Лукашенко и ещё 30-и его служащим запрещён въезд на территорию стран Европейского союза.",
     {("SANCTION", "restrict", None, "BLR")}),
    # a gerund shares the subject of its verb (the spokesman of Iran's
    # foreign ministry accuses the USA)
    ("gerund", "nerel/test/208610_text",
     "обвинив США в несоблюдении своих же принципов",
     {("ACCUSE", "accuse", "IRN", "USA")}),
    # a refusal to do an act to a state (two infinitives joined), in a clause
    # of reason that the refusal before it does not deny; the state named by
    # its adjective
    ("refusal, reason clause", "factru/devset/book_349",
     "Палестинцы отказываются от возобновления переговоров, поскольку Израиль отказывается "
     "заморозить расширение поселений и признать Палестинское государство на основе границ 1967 года.",
     {("REJECT", "defy", "ISR", "PSE")}),
    # a refusal to ask: no request made, none rejected
    ("refusal to ask", "nerel/train/536232_text", "Сама Иссахар отказалась просить Путина.", set()),
    # the imperfective of a trigger verb (`заблокировать` / `блокировать`)
    ("imperfective", "nerel/train/506815_text",
     "В целях безопасности израильская армия блокировала палестинские территории",
     {("COERCE", "block", "ISR", "PSE")}),
    # force in the present, in the speaker's own words: what he says goes on
    ("ongoing force in a quote", "nerel/train/26038_text",
     "«Я не хочу быть членом правительства, из-за которого полиция избивает людей»", set()),
    # clashes between two sides named after `между`: each attacks the other
    # (the place joined to them by the parser is no side)
    ("clashes between", "nerel/train/124044_text",
     "Следом в Восточном Иерусалиме и на Западном берегу произошли столкновения между "
     "палестинскими демонстрантами и израильскими силами безопасности.",
     {("ASSAULT", "attack", "PSE", "ISR"), ("ASSAULT", "attack", "ISR", "PSE")}),
    # clashes of protesters (a participle for people) with the military, in
    # a domestic story
    ("clashes, participle for people", "factru/devset/book_489",
     "где ранее прошли столкновения протестующих с военными",
     {("ASSAULT", "attack", "THA", "THA")}),
    # an offer of talks by the opposition, no partner named: to its government
    ("domestic group's offer", "factru/devset/book_489",
     "Власти Таиланда отменили принятое ранее решение, оппозиция готова к переговорам.",
     {("CONCEDE", "policy", "THA", "THA"), ("CONSULT", "negotiate", "THA", "THA")}),
    # a judging adverb in a quote: the speaker's side accuses the doer
    ("judging adverb in speech", "nerel/train/39557_text",
     "который рассказал, как нас незаконно контролировало правительство Соединенных Штатов",
     {("ACCUSE", "disapprove", "BOL", "USA")}),
    # an act done `в сотрудничестве с` another side: the clause's subject
    # (`Посольство`, the embassy of Russia named before) cooperates with it
    ("manner", "nerel/train/22371_text",
     "Посольство принимает ''«активные меры по их поиску в тесном сотрудничестве с местными "
     "властями»'', подчеркнул пресс-атташе.",
     {("COOPERATE", None, "RUS", "SYR")}),
    # a demand whose addressee is the subject of its `чтобы` clause
    ("demand, чтобы clause", "nerel/train/23512_text",
     "Однако лидер венесуэльской оппозиции Энрике Каприлес требует, чтобы правительство "
     "придерживалось конституции",
     {("REQUEST", "change", "VEN", "VEN")}),
    # talks tried are not reported held (force tried would still be force)
    ("attempt", "nerel/train/22657_text",
     "Ранее он также пытался вести переговоры с президентом Сирии Башаром Асадом", set()),
    # a well-known person named without a title has the country he served
    # (people.tsv); the UN as a whole has none
    ("well-known person", "factru/devset/book_410",
     "Кондолиза Райс опровергает эти слухи и требует от ООН грозной резолюции против Ирана",
     {("REQUEST", "change", "USA", None)}),
    # `X носит … характер`: a judging adjective of the character X bears
    ("bears a character", "factru/devset/book_290",
     "заявив, что высказывания Наото Кана носят «явно недипломатический характер»",
     {("ACCUSE", "disapprove", "RUS", "JPN")}),
    # a congratulatory telegram `по случаю` (an occasion, not a condition)
    ("congratulations", "nerel/train/615",
     "Президент Сирии Башар Асад направил поздравительную телеграмму Хасану Рухани по случаю его "
     "избрания на пост президента Исламской Республики Иран",
     {("SUPPORT", "praise", "SYR", "IRN")}),
    # condolences go to the land of the loss, when no addressee has a country
    ("condolences, place of the loss", "nerel/train/41765_text",
     "Владимир Путин выразил соболезнования родным погибших в авиакатастрофе в Казани",
     {("SUPPORT", "sympathize", "RUS", "RUS")}),
    # `выступил с критикой`: the subject criticises; `в адрес` names whom
    ("в адрес", "nerel/train/138191_text",
     "Салех выступил с критикой в адрес хути и предложил восстановить связи с Саудовской Аравией",
     {("ACCUSE", "disapprove", "YEM", "YEM")}),
    # accepting a governor's resignation is no reception of the governor:
    # a trigger's further word is not looked for below an object that is
    # none of its words
    ("resignation accepted", "nerel/train/543",
     "Президент России Дмитрий Медведев принял отставку губернатора Приморского края Сергея Дарькина",
     set()),
    # positions agreed (`согласовали`): each side agrees with the other
    ("agreed", "nerel/train/15608_text", "Минск и Москва согласовали позиции по вопросам развития ОДКБ",
     {("AGREE", "agree", "BLR", "RUS"), ("AGREE", "agree", "RUS", "BLR")}),
    # a meeting that will not take place is no event
    ("denied", "nerel/test/192238_text",
     "Намеченная на 11 ноября 2018 года в Париже полноценная встреча президента США "
     "Дональда Трампа с президентом России Владимиром Путиным скорее всего не состоится.",
     set()),
]


@pytest.mark.parametrize("kind, source, sentence, expected", CASES,
                         ids=[c[0] for c in CASES])
def test_construction(kind, source, sentence, expected):
    assert _in_sentence(source, sentence) == expected


@pytest.mark.parametrize("word, expected", [
    ("российско-сербского", ("RUS", "SRB")),      # nerel/train/162165_text
    ("российско-американского", ("RUS", "USA")),  # a factRuEval article
    ("общественно-политического", ()),            # no countries
    ("либерально-демократическая", ()),
])
def test_compound_adjective_names_both_sides(word, expected):
    assert countries_of_compound(word, load_resources()) == expected
