"""Generate `src/svodka/resources/countries.tsv`.

Sources: pycountry's ISO 3166-1 list with its Russian translations (short
and official names), plus the hand list below for what ISO lacks: the names
newspapers actually use (`Россия`, `Великобритания`, `Белоруссия`),
capitals, adjectives, abbreviations and demonyms (`россиянин`). Every name is inflected with
pymorphy3 (through svodka's natasha-style `morph_vocab`) into all its case forms.

Run: `.venv/bin/python tools/build_countries.py` (rewrites the file; needs
pycountry, a development tool only: `pip install pycountry`).
"""
from __future__ import annotations

import gettext
from pathlib import Path

import pycountry
from pymorphy3.analyzer import Parse

from svodka.models import morph_vocab

OUT = Path(__file__).resolve().parents[1] / "src" / "svodka" / "resources" / "countries.tsv"
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")

# iso3: (names, the first one the canonical short name | capitals | adjectives
#        in the masculine nominative | abbreviations)
HAND = {
    "ABW": ("", "Ораньестад", "", ""),
    "AFG": ("Афганистан", "Кабул", "афганский", ""),
    "AGO": ("Ангола", "Луанда", "ангольский", ""),
    "ALB": ("Албания", "Тирана", "албанский", ""),
    "AND": ("Андорра", "Андорра-ла-Велья", "андоррский", ""),
    "ARE": ("ОАЭ|Объединённые Арабские Эмираты|Эмираты", "Абу-Даби", "эмиратский", "ОАЭ"),
    "ARG": ("Аргентина", "Буэнос-Айрес", "аргентинский", ""),
    "ARM": ("Армения", "Ереван", "армянский", ""),
    "AUS": ("Австралия", "Канберра", "австралийский", ""),
    "AUT": ("Австрия", "Вена", "австрийский", ""),
    "AZE": ("Азербайджан", "Баку", "азербайджанский", ""),
    "BEL": ("Бельгия", "Брюссель", "бельгийский", ""),
    "BGD": ("Бангладеш", "Дакка", "бангладешский", ""),
    "BGR": ("Болгария", "София", "болгарский", ""),
    "BHR": ("Бахрейн", "Манама", "бахрейнский", ""),
    "BIH": ("Босния и Герцеговина|Босния", "Сараево", "боснийский", "БиГ"),
    "BLR": ("Беларусь|Белоруссия|Республика Беларусь", "Минск", "белорусский", "РБ"),
    "BOL": ("Боливия", "Сукре|Ла-Пас", "боливийский", ""),
    "BRA": ("Бразилия", "Бразилиа", "бразильский", ""),
    "BRN": ("Бруней", "Бандар-Сери-Бегаван", "брунейский", ""),
    "BTN": ("Бутан", "Тхимпху", "бутанский", ""),
    "CAF": ("ЦАР|Центральноафриканская Республика", "Банги", "", "ЦАР"),
    "CAN": ("Канада", "Оттава", "канадский", ""),
    "CHE": ("Швейцария", "Берн", "швейцарский", ""),
    "CHL": ("Чили", "Сантьяго", "чилийский", ""),
    "CHN": ("Китай|Поднебесная", "Пекин", "китайский", "КНР"),
    "CIV": ("Кот-д'Ивуар", "Ямусукро", "ивуарийский", ""),
    "CMR": ("Камерун", "Яунде", "камерунский", ""),
    "COD": ("ДР Конго|Демократическая Республика Конго", "Киншаса", "", "ДРК"),
    "COG": ("Республика Конго", "Браззавиль", "", ""),
    "COL": ("Колумбия", "Богота", "колумбийский", ""),
    "CUB": ("Куба", "Гавана", "кубинский", ""),
    "CYP": ("Кипр", "Никосия", "кипрский", ""),
    "CZE": ("Чехия|Чешская Республика", "Прага", "чешский", ""),
    "DEU": ("Германия|ФРГ", "Берлин", "германский|немецкий", "ФРГ"),
    "DNK": ("Дания", "Копенгаген", "датский", ""),
    "DOM": ("Доминиканская Республика", "Санто-Доминго", "доминиканский", ""),
    "DZA": ("Алжир", "", "алжирский", ""),
    "ECU": ("Эквадор", "Кито", "эквадорский", ""),
    "EGY": ("Египет", "Каир", "египетский", "АРЕ"),
    "ERI": ("Эритрея", "Асмэра", "эритрейский", ""),
    "ESP": ("Испания", "Мадрид", "испанский", ""),
    "EST": ("Эстония", "Таллин|Таллинн", "эстонский", ""),
    "ETH": ("Эфиопия", "Аддис-Абеба", "эфиопский", ""),
    "FIN": ("Финляндия", "Хельсинки", "финский|финляндский", ""),
    "FRA": ("Франция", "Париж", "французский", ""),
    "GAB": ("Габон", "Либревиль", "габонский", ""),
    "GBR": ("Великобритания|Британия|Соединённое Королевство|Англия", "Лондон",
            "британский|английский", ""),
    "GEO": ("Грузия", "Тбилиси", "грузинский", ""),
    "GHA": ("Гана", "Аккра", "ганский", ""),
    "GRC": ("Греция", "Афины", "греческий", ""),
    "GTM": ("Гватемала", "", "гватемальский", ""),
    "HRV": ("Хорватия", "Загреб", "хорватский", ""),
    "HUN": ("Венгрия", "Будапешт", "венгерский", ""),
    "IDN": ("Индонезия", "Джакарта", "индонезийский", ""),
    "IND": ("Индия", "Нью-Дели|Дели", "индийский", ""),
    "IRL": ("Ирландия", "Дублин", "ирландский", ""),
    "IRN": ("Иран|Исламская Республика Иран", "Тегеран", "иранский", "ИРИ"),
    "IRQ": ("Ирак", "Багдад", "иракский", ""),
    "ISL": ("Исландия", "Рейкьявик", "исландский", ""),
    "ISR": ("Израиль", "Иерусалим|Тель-Авив", "израильский", ""),
    "ITA": ("Италия", "Рим", "итальянский", ""),
    "JOR": ("Иордания", "Амман", "иорданский", ""),
    "JPN": ("Япония", "Токио", "японский", ""),
    "KAZ": ("Казахстан|Республика Казахстан", "Астана|Нур-Султан", "казахстанский", "РК"),
    "KEN": ("Кения", "Найроби", "кенийский", ""),
    "KGZ": ("Киргизия|Кыргызстан|Киргизстан", "Бишкек", "киргизский|кыргызский|кыргызстанский", ""),
    "KHM": ("Камбоджа", "Пномпень", "камбоджийский", ""),
    "KOR": ("Южная Корея|Республика Корея", "Сеул", "южнокорейский", ""),
    "KWT": ("Кувейт", "Эль-Кувейт", "кувейтский", ""),
    "LAO": ("Лаос", "Вьентьян", "лаосский", ""),
    "LBN": ("Ливан", "Бейрут", "ливанский", ""),
    "LBY": ("Ливия", "Триполи", "ливийский", ""),
    "LKA": ("Шри-Ланка", "Коломбо", "шри-ланкийский", ""),
    "LTU": ("Литва", "Вильнюс", "литовский", ""),
    "LUX": ("Люксембург", "", "люксембургский", ""),
    "LVA": ("Латвия", "Рига", "латвийский|латышский", ""),
    "MAR": ("Марокко", "Рабат", "марокканский", ""),
    "MCO": ("Монако", "", "монегасский", ""),
    "MDA": ("Молдавия|Молдова|Республика Молдова", "Кишинёв", "молдавский|молдаванский", ""),
    "MDG": ("Мадагаскар", "Антананариву", "малагасийский", ""),
    "MEX": ("Мексика", "Мехико", "мексиканский", ""),
    "MKD": ("Северная Македония|Македония", "Скопье", "македонский", ""),
    "MLI": ("Мали", "Бамако", "малийский", ""),
    "MLT": ("Мальта", "Валлетта", "мальтийский", ""),
    "MMR": ("Мьянма|Бирма", "Нейпьидо", "мьянманский", ""),
    "MNE": ("Черногория", "Подгорица", "черногорский", ""),
    "MNG": ("Монголия", "Улан-Батор", "монгольский", ""),
    "MOZ": ("Мозамбик", "Мапуту", "мозамбикский", ""),
    "MYS": ("Малайзия", "Куала-Лумпур", "малайзийский", ""),
    "NER": ("Нигер", "Ниамей", "нигерский", ""),
    "NGA": ("Нигерия", "Абуджа", "нигерийский", ""),
    "NIC": ("Никарагуа", "Манагуа", "никарагуанский", ""),
    "NLD": ("Нидерланды|Голландия", "Амстердам|Гаага", "нидерландский|голландский", ""),
    "NOR": ("Норвегия", "Осло", "норвежский", ""),
    "NPL": ("Непал", "Катманду", "непальский", ""),
    "NZL": ("Новая Зеландия", "Веллингтон", "новозеландский", ""),
    "OMN": ("Оман", "Маскат", "оманский", ""),
    "PAK": ("Пакистан", "Исламабад", "пакистанский", ""),
    "PAN": ("Панама", "", "панамский", ""),
    "PER": ("Перу", "Лима", "перуанский", ""),
    "PHL": ("Филиппины", "Манила", "филиппинский", ""),
    "POL": ("Польша", "Варшава", "польский", ""),
    "PRK": ("КНДР|Северная Корея", "Пхеньян", "северокорейский", "КНДР"),
    "PRT": ("Португалия", "Лиссабон", "португальский", ""),
    "PRY": ("Парагвай", "Асунсьон", "парагвайский", ""),
    "PSE": ("Палестина", "Рамалла", "палестинский", ""),
    "QAT": ("Катар", "Доха", "катарский", ""),
    "ROU": ("Румыния", "Бухарест", "румынский", ""),
    "RUS": ("Россия|Российская Федерация|Русь", "Москва", "российский", "РФ"),
    "RWA": ("Руанда", "Кигали", "руандийский", ""),
    "SAU": ("Саудовская Аравия", "Эр-Рияд", "саудовский|саудоаравийский", "КСА"),
    "SDN": ("Судан", "Хартум", "суданский", ""),
    "SEN": ("Сенегал", "Дакар", "сенегальский", ""),
    "SGP": ("Сингапур", "", "сингапурский", ""),
    "SOM": ("Сомали", "Могадишо", "сомалийский", ""),
    "SRB": ("Сербия", "Белград", "сербский", ""),
    "SSD": ("Южный Судан", "Джуба", "южносуданский", ""),
    "SVK": ("Словакия", "Братислава", "словацкий", ""),
    "SVN": ("Словения", "Любляна", "словенский", ""),
    "SWE": ("Швеция", "Стокгольм", "шведский", ""),
    "SYR": ("Сирия", "Дамаск", "сирийский", "САР"),
    "TCD": ("Чад", "Нджамена", "чадский", ""),
    "THA": ("Таиланд|Тайланд", "Бангкок", "таиландский|тайский", ""),
    "TJK": ("Таджикистан", "Душанбе", "таджикский|таджикистанский", ""),
    "TKM": ("Туркмения|Туркменистан", "Ашхабад", "туркменский", ""),
    "TUN": ("Тунис", "", "тунисский", ""),
    "TUR": ("Турция|Турецкая Республика", "Анкара", "турецкий", ""),
    "TWN": ("Тайвань", "Тайбэй", "тайваньский", ""),
    "TZA": ("Танзания", "Додома", "танзанийский", ""),
    "UGA": ("Уганда", "Кампала", "угандийский", ""),
    "UKR": ("Украина", "Киев", "украинский", ""),
    "URY": ("Уругвай", "Монтевидео", "уругвайский", ""),
    "USA": ("США|Соединённые Штаты Америки|Соединённые Штаты|Америка", "Вашингтон",
            "американский", "США"),
    "UZB": ("Узбекистан", "Ташкент", "узбекский|узбекистанский", ""),
    "VAT": ("Ватикан", "", "ватиканский", ""),
    "VEN": ("Венесуэла", "Каракас", "венесуэльский", ""),
    "VNM": ("Вьетнам", "Ханой", "вьетнамский", "СРВ"),
    "YEM": ("Йемен", "Сана", "йеменский", ""),
    "ZAF": ("ЮАР|Южная Африка|Южно-Африканская Республика", "Претория|Кейптаун",
            "южноафриканский", "ЮАР"),
    "ZMB": ("Замбия", "Лусака", "замбийский", ""),
    "ZWE": ("Зимбабве", "Хараре", "зимбабвийский", ""),
}
# iso3: what its people are called (`россиянин|россиянка`), as nouns in the
# masculine and feminine singular nominative; every case and number is made
# from them. Forms that are also other words (`турка`, a coffee pot) are left
# out: see DEMONYM_CLASHES.
DEMONYMS = {
    "AFG": "афганец|афганка",
    "ARE": "эмиратец",
    "ARG": "аргентинец|аргентинка",
    "ARM": "армянин|армянка",
    "AUS": "австралиец|австралийка",
    "AUT": "австриец|австрийка",
    "AZE": "азербайджанец|азербайджанка",
    "BEL": "бельгиец|бельгийка",
    "BGR": "болгарин|болгарка",
    "BLR": "белорус|белоруска",
    "BRA": "бразилец|бразильянка",
    "CAN": "канадец|канадка",
    "CHE": "швейцарец|швейцарка",
    "CHL": "чилиец|чилийка",
    "CHN": "китаец|китаянка",
    "COL": "колумбиец|колумбийка",
    "CUB": "кубинец|кубинка",
    "CYP": "киприот|киприотка",
    "CZE": "чех|чешка",
    "DEU": "немец|немка",
    "DNK": "датчанин|датчанка",
    "EGY": "египтянин|египтянка",
    "ESP": "испанец|испанка",
    "EST": "эстонец|эстонка",
    "FIN": "финн|финка",
    "FRA": "француз|француженка",
    "GBR": "британец|британка|англичанин|англичанка",
    "GEO": "грузин|грузинка",
    "GRC": "грек|гречанка",
    "HRV": "хорват|хорватка",
    "HUN": "венгр|венгерка",
    "IDN": "индонезиец|индонезийка",
    "IND": "индиец|индианка",
    "IRL": "ирландец|ирландка",
    "IRN": "иранец|иранка",
    "IRQ": "иракец",
    "ISL": "исландец|исландка",
    "ISR": "израильтянин|израильтянка",
    "ITA": "итальянец|итальянка",
    "JOR": "иорданец|иорданка",
    "JPN": "японец|японка",
    "KAZ": "казахстанец|казахстанка|казах|казашка",
    "KGZ": "киргиз|киргизка|кыргызстанец|кыргызстанка",
    "KOR": "южнокореец|южнокореянка",
    "LBN": "ливанец|ливанка",
    "LBY": "ливиец|ливийка",
    "LTU": "литовец|литовка",
    "LVA": "латыш|латышка",
    "MDA": "молдаванин|молдаванка",
    "MEX": "мексиканец|мексиканка",
    "MNG": "монгол|монголка",
    "NLD": "нидерландец|нидерландка|голландец|голландка",
    "NOR": "норвежец|норвежка",
    "NZL": "новозеландец|новозеландка",
    "PAK": "пакистанец|пакистанка",
    "POL": "поляк|полька",
    "PRK": "северокореец|северокореянка",
    "PRT": "португалец|португалка",
    "PSE": "палестинец|палестинка",
    "QAT": "катарец",
    "ROU": "румын|румынка",
    "RUS": "россиянин|россиянка",
    "SAU": "саудовец",
    "SRB": "серб|сербка",
    "SVK": "словак|словачка",
    "SVN": "словенец|словенка",
    "SWE": "швед|шведка",
    "SYR": "сириец|сирийка",
    "TJK": "таджик|таджичка",
    "TKM": "туркмен|туркменка",
    "TUR": "турок|турчанка",
    "UKR": "украинец|украинка",
    "USA": "американец|американка",
    "UZB": "узбек|узбечка",
    "VEN": "венесуэлец|венесуэлка",
    "VNM": "вьетнамец|вьетнамка",
}
# Demonym forms that are also other words, and what they also are.
DEMONYM_CLASHES = {
    "турка": "coffee pot", "турке": "coffee pot", "турку": "coffee pot", "туркой": "coffee pot",
    "турки": "coffee pots", "финка": "a knife", "финки": "knives", "финке": "a knife",
    "финку": "a knife", "финкой": "a knife", "полька": "a dance", "польки": "dances",
    "польку": "a dance", "польке": "a dance", "полькой": "a dance", "венгерка": "a dance",
    "кубинка": "a village",
}


# Cities that are capitals but read as something else in news prose
# (`Лима` is a name, `Сана` a word) are matched only capitalized: see cased().


def clean(text: str) -> str:
    return text.replace("\u0301", "").strip()


def best_parse(morph, word: str, pos: str | None = None):
    parses = morph.parse(word)
    for p in parses:
        if "Geox" in p.tag and (pos is None or p.tag.POS == pos):
            return p
    for p in parses:
        if pos is None or p.tag.POS == pos:
            return p
    return parses[0]


def inflect_phrase(morph, phrase: str) -> set[str]:
    """All case forms of a name: the leading adjectives and the head noun
    agree with the case; what follows the head (`Америки`) stays."""
    if " и " in phrase and " " not in phrase.split(" и ", 1)[0]:
        # `Босния и Герцеговина`: each conjunct declines
        left, right = phrase.split(" и ", 1)
        lefts, rights = _by_case(morph, left), _by_case(morph, right)
        return {phrase} | {f"{lefts[c]} и {rights[c]}" for c in CASES}
    words = phrase.split()
    if len(words) == 1 and words[0].isupper():
        return {phrase}
    head = None
    parses = []
    for i, w in enumerate(words):
        p = best_parse(morph, w)
        parses.append(p)
        if head is None and p.tag.POS == "NOUN":
            head = i
    if head is None:
        head = len(words) - 1
    forms = {phrase}
    number = parses[head].tag.number or "sing"
    for case in CASES:
        out = []
        for i, (w, p) in enumerate(zip(words, parses)):
            if i > head or w.isupper():
                out.append(w)
                continue
            grams = {case, number} if number == "plur" or i == head else {case}
            if i < head and number == "sing":
                grams = {case, parses[head].tag.gender or "femn", "sing"}
            if i < head and case == "accs" and "femn" not in grams:
                grams.add("inan")
            f = Parse.inflect(p, grams)  # OpenCorpora grammemes, not natasha's UD ones
            out.append(_recase(w, f.word) if f else w)
            if f and "-" in w:      # `Гвинеи-Бисау` as well as `Нур-Султана`
                alt = list(out[:-1]) + [_like(w, f.word)]
                forms.add(" ".join(alt + words[i + 1:]) if i == head else " ".join(alt))
        forms.add(" ".join(out))
    return forms


def _by_case(morph, phrase: str) -> dict[str, str]:
    """The phrase in each case (itself where it does not decline)."""
    out = {}
    for case in CASES:
        words = phrase.split()
        p = best_parse(morph, words[0]) if len(words) == 1 else None
        f = Parse.inflect(p, {case}) if p is not None and p.tag.POS == "NOUN" else None
        out[case] = _recase(phrase, f.word) if f else phrase
    return out


def _like(original: str, word: str) -> str:
    """`word` (every part inflected) written like `original`."""
    return _capitals(original, word)


def _recase(original: str, word: str) -> str:
    """The inflected `word` written like `original`; of a hyphenated name
    only the last part declines (`Нур-Султана`, `Коста-Рики`)."""
    parts_o, parts_w = original.split("-"), word.split("-")
    if len(parts_o) == len(parts_w):
        word = "-".join(parts_o[:-1] + [parts_w[-1]])
    return _capitals(original, word)


def _capitals(original: str, word: str) -> str:
    """`word` with a capital wherever `original` has one at the same place
    of the same hyphenated part (`Кот-д'Ивуара`, `Нура-Султана`)."""
    parts_o, parts_w = original.split("-"), word.split("-")
    if len(parts_o) != len(parts_w):
        parts_o, parts_w = [original], [word]
    return "-".join("".join(c.upper() if i < len(o) and o[i].isupper() else c
                            for i, c in enumerate(w))
                    for o, w in zip(parts_o, parts_w))


def demonym_forms(morph, noun: str) -> set[str]:
    """Every case and number of a noun naming a country's people."""
    p = best_parse(morph, noun, "NOUN")
    return {f.word for f in p.lexeme if f.tag.POS == "NOUN"} | {noun}


def is_surname(morph, word: str) -> bool:
    """True when the word is also a surname (`Поляков`, `Греков`)."""
    return any("Surn" in p.tag for p in morph.parse(word))


def adjective_forms(morph, adjective: str) -> set[str]:
    p = best_parse(morph, adjective, "ADJF")
    return {f.word for f in p.lexeme if f.tag.POS == "ADJF"
            and ("-" in f.word) == ("-" in adjective)} | {adjective}


def cased(morph, forms: set[str]) -> bool:
    """True when some form is also an ordinary word (`того`, `вены`, `чад`),
    so the name must be matched capitalized."""
    for form in forms:
        if " " in form:
            continue
        for p in morph.parse(form.lower()):
            if p.is_known and not ({"Geox", "Name", "Surn", "Abbr"} & set(p.tag.grammemes)) \
                    and p.score > 0.05:
                return True
    return False


def rows():
    morph = morph_vocab()
    ru = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        iso = country.alpha_3
        names, capitals, adjectives, abbreviations = HAND.get(iso, ("", "", "", ""))
        iso_names = [clean(ru.gettext(country.name))]
        official = getattr(country, "official_name", None)
        if official:
            iso_names.append(clean(ru.gettext(official)))
        hand_names = [n for n in names.split("|") if n]
        ordered = []
        for n in hand_names + iso_names:
            if n and "(" not in n and "," not in n and n not in ordered:
                ordered.append(n)
        if not ordered:
            continue
        canonical = ordered[0]
        for kind, items in (("name", ordered), ("capital", capitals.split("|")),
                            ("adjective", adjectives.split("|")),
                            ("abbreviation", abbreviations.split("|")),
                            ("demonym", DEMONYMS.get(iso, "").split("|"))):
            for item in dict.fromkeys(items):
                if not item:
                    continue
                if kind == "abbreviation":
                    forms = {item}
                elif kind == "demonym":
                    forms = demonym_forms(morph, item) - set(DEMONYM_CLASHES)
                elif kind == "adjective":
                    forms = adjective_forms(morph, item)
                else:
                    forms = inflect_phrase(morph, item)
                forms = {f.replace("ё", "е") for f in forms} | forms
                if kind == "demonym":
                    # `поляков` is also the surname `Поляков`: lower case only
                    surnames = {f for f in forms if is_surname(morph, f)}
                    for cased_as, subset in (("", forms - surnames), ("lower", surnames)):
                        if subset:
                            yield (iso, canonical, kind, item, cased_as, "|".join(sorted(subset)))
                    continue
                is_cased = kind == "abbreviation" or (kind != "adjective" and cased(morph, forms))
                yield (iso, canonical, kind, item, "yes" if is_cased else "",
                       "|".join(sorted(forms)))


def main() -> None:
    header = ("# Countries: ISO 3166-1 alpha-3, the Russian short name, and every form that\n"
              "# names the country (names, capitals, adjectives, abbreviations, demonyms:\n"
              "# what its people are called) in all cases.\n"
              "# Generated by tools/build_countries.py from pycountry's Russian ISO 3166\n"
              "# translations, pymorphy inflection and a small hand list; do not edit by hand.\n"
              "# cased=yes: match only as written with a capital (the form is also a common word);\n"
              "# cased=lower: match only in lower case (the form is also a surname: Поляков).\n")
    lines = ["\t".join(("iso3", "name", "kind", "base", "cased", "forms"))]
    lines += ["\t".join(r) for r in rows()]
    OUT.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(lines) - 1} rows")


if __name__ == "__main__":
    main()
