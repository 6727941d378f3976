"""Event actors (events/actors.py) on phrases of real articles: entity,
country and sector, from roles, adjectives, organisations and quotes."""
from __future__ import annotations

from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"

SEED = "seed/000_ace31b1ed83a096e"

# (article, words of the sentence, head word of the phrase,
#  (name, country, sector) of the actor, or None)
CASES = [
    # a country adjective on an actor noun
    (SEED, "приехала по приглашению", "законодателей", ("законодатель", "BLR", "LEG")),
    # `во главе с X`: the leader's role codes the delegation
    (SEED, "прибыла в Минск", "Делегация", ("делегация", "KAZ", "LEG")),
    # pronouns of a quote: the speaker, and the other side
    (SEED, "Мы вам очень благодарны", "Мы", ("Александр Лукашенко", "BLR", "GOV")),
    (SEED, "Мы вам очень благодарны", "вам", ("Казахстан", "KAZ", None)),
    (SEED, "Казахстан высоко ценит", "вклад", ("Беларусь", "BLR", None)),
    # whose help: the subject of the relative clause
    (SEED, "отметил помощь", "помощь", ("Казахстан", "KAZ", "GOV")),
    # an institution of a named country
    ("nerel/train/21451_text", "полиция Белиза арестовала", "полиция", ("полиция", "BLZ", "COP")),
    ("nerel/train/26038_text", "отозвать лицензию", "лицензию", ("компания", "CZE", "BUS")),
    # a domestic institution: the country the article is about
    ("nerel/train/211", "Военный суд признал", "суд", ("суд", "RUS", "JUD")),
    ("factru/devset/book_348", "Тысячи демонстрантов", "демонстрантов", ("демонстрант", "GEO", "CVL")),
    # an organisation of known country, and one of none
    ("factru/devset/book_261", "Правительство Японии выразило", "Правительство",
     ("Правительство Японии", "JPN", "GOV")),
    ("factru/devset/book_349", "Саеб Эрекат призвал", "ООН", ("ООН", None, "IGO")),
    # a possessive of a quote yields to the nationality beside it: the
    # band's `наших кубинских друзей` are Cuba's, not the band's country's
    ("nerel/train/99855_text", "и для наших кубинских друзей тоже", "друзей", (None, "CUB", None)),
    # a thing is no actor
    ("factru/devset/book_410", "Иран ведёт переговоры", "урана", None),
]

HOMES = [(SEED, "BLR"), ("nerel/train/26038_text", "BGR"), ("nerel/train/21451_text", "BLZ"),
         ("nerel/train/211", "RUS"), ("factru/devset/book_261", "JPN")]


@pytest.fixture(scope="module")
def docs(models):
    from svodka import analyze_many
    from svodka.ingest.text import read_text
    ids = sorted({c[0] for c in CASES} | {h[0] for h in HOMES})
    return dict(zip(ids, analyze_many([read_text(CORPUS / f"{d}.txt") for d in ids])))


@pytest.mark.parametrize("doc_id, words, head, expected", CASES, ids=[c[2] for c in CASES])
def test_actor_of_phrase(docs, res, doc_id, words, head, expected):
    from svodka.events.actors import ActorCoder
    from svodka.events.triggers import children_of as _children
    doc = docs[doc_id]
    sent = next(s for s in doc.sentences if words in s.text)
    index = next(i for i, t in enumerate(sent.tokens) if t.text == head)
    coded = ActorCoder(doc, res).code(sent, index, _children(sent))
    got = None if coded is None else (coded.actor.name, coded.actor.country, coded.actor.sector)
    assert got == expected


@pytest.mark.parametrize("doc_id, expected", HOMES, ids=[h[0] for h in HOMES])
def test_home_country(docs, res, doc_id, expected):
    from svodka.events.actors import home_country
    assert home_country(docs[doc_id], res) == expected
