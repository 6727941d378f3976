"""stages/chains.py: the shared lookup of the entity at an offset, each
entity's mentions in text order, and salience before an offset, on the seed
article after the whole pipeline (names, roles and the speaker stage's
role mentions)."""
from __future__ import annotations

import dataclasses

import pytest

from svodka.document import Document, Entity, Mention
from svodka.stages.chains import Chains, link_chains


@pytest.fixture(scope="module")
def chains(seed_doc):
    return Chains(seed_doc)


def test_entity_at_an_offset_is_the_entity_of_the_mention_there(seed_doc, chains):
    text = seed_doc.text
    at = text.index("Александр Лукашенко")
    assert chains.entity_at(at).name == "Александр Лукашенко"
    assert chains.entity_at(at + len("Александр Лук")).name == "Александр Лукашенко"
    at = text.index("Шанхайской организации")
    assert chains.entity_at(at).name == "Шанхайская организация сотрудничества"
    assert chains.entity_at(text.index("ОДКБ")).name == "ОДКБ"
    assert chains.entity_at(text.index("ОДКБ") - 1) is None


def test_role_mentions_join_the_chain_in_text_order(seed_doc, chains):
    """`- сказал Президент` / `- отметил глава государства`: the speaker
    stage's role mentions of Лукашенко sit in his chain by offset."""
    luk = next(e for e in seed_doc.entities if e.name == "Александр Лукашенко")
    mentions = chains.mentions(luk.id)
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    assert {m.kind for m in mentions} == {"name", "role"}
    role = next(m for m in mentions if m.kind == "role")
    assert chains.entity_at(role.start) == luk


def test_salience_before_an_offset(seed_doc, chains):
    text = seed_doc.text
    at = text.index("Ерланом Кошановым")
    persons = chains.before(at, "PER")
    assert persons[0].name == "Александр Лукашенко"
    assert chains.last_before(at, "PER") == persons[0]
    assert chains.before(0) == [] and chains.last_before(0) is None


def test_link_chains_sorts_mentions_and_claims_each_span_once(res):
    text = "Иванов и Петров. Иванов."
    a = Entity("e1", "PER", "Иванов", (Mention("Иванов", 17, 23, "name"), Mention("Иванов", 0, 6, "name")))
    b = Entity("e2", "PER", "Петров", (Mention("Петров", 9, 15, "name"), Mention("Иванов", 17, 23, "name")))
    doc = link_chains(Document(text=text, entities=(a, b)), res)
    assert [[(m.start, m.end) for m in e.mentions] for e in doc.entities] == [[(0, 6), (17, 23)], [(9, 15)]]
    assert link_chains(doc, res) == doc


def test_innermost_mention_wins():
    text = "глава МИД России Сергей Лавров"
    role = Entity("e1", "PER", "Сергей Лавров", (Mention(text[:16], 0, 16, "role"),
                                                 Mention("Сергей Лавров", 17, 30, "name")))
    org = Entity("e2", "ORG", "МИД России", (Mention("МИД России", 6, 16, "name"),))
    chains = Chains(dataclasses.replace(Document(text=text), entities=(role, org)))
    assert chains.entity_at(0).id == "e1"
    assert chains.entity_at(7).id == "e2"
    assert chains.entity_at(16) is None
    assert chains.entity_at(20).id == "e1"
