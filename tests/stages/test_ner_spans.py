"""stages/ner_spans.py: boundary repair and span completion on real NEREL
sentences (exact spans, as `(type, text)` in text order)."""
from __future__ import annotations

import pytest

from svodka.document import Document
from svodka.stages.lexicon import TokenIndex
from svodka.stages.ner_spans import entity_spans
from svodka.stages.parse import parse_many

CASES = [
    # a name with its abbreviation in brackets: two spans (NEREL 149501)
    ("Газета «Жэньминь жибао», издаваемая Коммунистической партией Китая (КПК), сравнивает "
     "«Манифест» со «славным рассветом в духовной истории человечества».",
     [("ORG", "Жэньминь жибао"), ("ORG", "Коммунистической партией Китая"), ("ORG", "КПК")]),
    # a closing quote left out, a stray one left in (NEREL 187083)
    ("Нобелевская премия мира в 2017 году досталась организации «Международная кампания за "
     "запрещение ядерного оружия» (ICAN).",
     [("ORG", "Международная кампания за запрещение ядерного оружия"), ("ORG", "ICAN")]),
    # empty brackets dropped; organisation joined with its country (NEREL 201920)
    ("Такие данные содержатся в докладах Национальной комиссии по справедливости и миру и "
     "Комиссии по правам человека Пакистана ().",
     [("ORG", "Национальной комиссии по справедливости и миру"),
      ("ORG", "Комиссии по правам человека Пакистана")]),
    # the seed: a bracket in the middle splits, a role word is no person
    ("Мы хотим, чтобы новые страны, которые образовались после распада Союза (Советского "
     "Союза. - Прим. ред.), были суверенными. Вы это прекрасно знаете, и ваш Президент в том "
     "числе.",
     [("ORG", "Союза"), ("ORG", "Советского Союза")]),
    # gazetteer abbreviation with a case ending; `АПК` is no organisation (seed)
    ("Гости уже успели побывать в Хатыни и на БЕЛАЗе. В основе - промышленная кооперация, "
     "машиностроение, АПК, IT.",
     [("LOC", "Хатыни"), ("ORG", "БЕЛАЗе")]),
    # institution with a place adjective and one with a genitive (NEREL 1136, 1155)
    ("Новым лидером правящей Лейбористской партии Австралии в среду избран экс-премьер страны "
     "Кевин Радд, он возглавит правительство страны.",
     [("ORG", "Лейбористской партии Австралии"), ("PER", "Кевин Радд"),
      ("ORG", "правительство страны")]),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_entity_spans(text, expected, models, res):
    doc = parse_many([Document(text=text)])[0]
    spans = entity_spans(doc, TokenIndex(doc), res)
    assert [(s.type, text[s.start:s.end]) for s in spans] == expected
