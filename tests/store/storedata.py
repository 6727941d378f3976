"""Data for the store tests: corpus paths and a hand-annotated seed article.

The analysis stages are being improved in parallel; the store's queries are
tested on this fixed annotation of the seed article (offsets found in the
real text), so that expected values are exact and stable.
"""
from __future__ import annotations

import re
from decimal import Decimal

from svodka.document import (Actor, Amount, Cue, Document, Entity, EntityRef, Event, Mention,
                             Place, Quote, Role)

from paths import CORPUS, SEED

# The NEREL articles stored next to the seed (the first six of dev, sorted).
NEREL = sorted((CORPUS / "nerel" / "dev").glob("*.txt"))[:6]


def _spans(text: str, needle: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(re.escape(needle), text)]


def _span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    return _spans(text, needle)[nth]


def annotate_seed(text: str, published: str = "2024-05-14") -> Document:
    """The seed with its people, five direct quotes, three events and two amounts."""
    def mention(needle, kind="name"):
        return tuple(Mention(needle, s, e, kind) for s, e in _spans(text, needle))

    def cue(needle):
        s, e = _span(text, needle)
        return Cue(needle, s, e)

    role_s, role_e = _span(text, "Президент Беларуси")
    luk = Entity("T1", "PER", "Александр Лукашенко",
                 mentions=mention("Александр Лукашенко") + mention("глава государства", "role"),
                 roles=(Role("Президент Беларуси", role_s, role_e, "Президент Беларуси",
                             "BLR", "GOV"),),
                 country="BLR", sector="GOV")
    kosh = Entity("T2", "PER", "Ерлан Кошанов",
                  mentions=mention("Ерланом Кошановым") + mention("Ерлан Кошанов"),
                  country="KAZ", sector="LEG")
    sco = Entity("T3", "ORG", "Шанхайская организация сотрудничества",
                 mentions=mention("Шанхайской организации сотрудничества"),
                 aliases=("ШОС",))
    kaz = Entity("T4", "LOC", "Казахстан", mentions=mention("Казахстан"), country="KAZ")
    minsk = Entity("T5", "LOC", "Минск", mentions=mention("Минск"), country="BLR")
    said = [(m.start(1), m.end(1), m.group(1)) for m in re.finditer(r'"([^"]+)"', text)]
    assert len(said) == 5
    speakers = [luk, luk, luk, luk, kosh]
    cues = [None, cue("отметил помощь"), cue("сказал Президент"),
            cue("отметил глава государства"), None]
    quotes = tuple(Quote(t, s, e, "direct", EntityRef(sp.id, sp.name), c)
                   for (s, e, t), sp, c in zip(said, speakers, cues))
    kz, by = Actor("Казахстан", "T4", "KAZ", "GOV"), Actor("Александр Лукашенко", "T1", "BLR", "GOV")

    def event(type_, evidence, trigger, **kw):
        s, e = _span(text, evidence)
        return Event(type_, evidence, s, e, cue(trigger), **kw)
    events = (
        event("CONSULT", "Делегация во главе с Ерланом Кошановым прибыла в Минск", "прибыла",
              mode="visit", quad="verbal cooperation",
              source=Actor("Ерлан Кошанов", "T2", "KAZ", "LEG"), target=by,
              location=Place("Минск", "T5", "BLR"), date="2024-05-13"),
        event("SUPPORT", "Вы нам здорово помогли", "помогли", quad="material cooperation",
              source=kz, target=by, date="2024-04-02", contexts=("diplomatic",)),
        event("COOPERATE", "мы готовы открывать у вас совместное производство", "открывать",
              quad="material cooperation", source=by, target=kz),
    )
    bln_s, bln_e = _span(text, "миллиарду долларов")
    pct_s, pct_e = _span(text, "50 %")
    amounts = (Amount("миллиарду долларов", Decimal("1000000000"), "USD", bln_s, bln_e),
               Amount("50 %", Decimal("50"), "%", pct_s, pct_e))
    return Document(text=text, source="seed/annotated", url="https://example.org/seed",
                    title="Беларусь готова активнее торговать с Казахстаном",
                    published=published, author=None,
                    entities=(luk, kosh, sco, kaz, minsk), quotes=quotes, events=events,
                    amounts=amounts)


MARKUP_TEXT = ("В Минске прошла выставка. <script>alert('x')</script> "
               "Посетители увидели новые тракторы & комбайны.")


