"""stages/coref.py: pronouns, nouns for any person and title subjects
resolved into the person chains by the chain stage, on sentences of real
articles; and the speaker and event stages reading that one resolution."""
from __future__ import annotations

import pytest

from paths import CORPUS

DOCS = ("nerel/train/112891_text", "factru/devset/book_290", "nerel/train/22657_text",
        "nerel/train/26416_text", "nerel/train/1112", "nerel/dev/945932_text",
        "factru/devset/book_253", "factru/devset/book_182")

# (article, words just before the word, the word, the person it refers to or None)
CASES = [
    # after a paragraph break: the person the paragraph before ends with
    # (`Всю историю с этим обращением Янукович назвал фарсом.¶¶Ранее …`)
    ("nerel/train/112891_text", "Ранее в феврале 2017 года ", "он", "Виктор Янукович"),
    # a possessive: the subject of the clause above (`Наото Кан … пообещал,
    # что его правительство`)
    ("factru/devset/book_290", "Москву пообещал, что ", "его", "Наото Кан"),
    # … and never the subject of its own clause: `он` (Обама) поговорил с
    # членами семьи Манделы и связался … с его женой
    ("nerel/train/1112", "связался по телефону с ", "его", "Нельсон Мандела"),
    # gender: the woman, not the man named after her (`Сьюзан Райс попросила
    # президента Обаму снять ее кандидатуру`)
    ("nerel/train/22657_text", "попросила президента Обаму снять ", "ее", "Сьюзан Райс"),
    # a noun for any person: the subject named in the sentence before
    ("nerel/train/26416_text", "После этого ", "политик", "Янез Янша"),
    # a title subject: the person named before who holds it, of the
    # country named (`Президент США`: not Мандела, `президент ЮАР`)
    ("nerel/train/1112", "визитом в ЮАР. ", "Президент", "Барак Обама"),
    # an inner attribution inside a pair of marks (`«…, - заявил Сергей
    # Лавров. - …»`) is no speech: he is the antecedent
    ("factru/devset/book_290", "проблем. Однако ", "он", "Сергей Лавров"),
    # a woman's patronymic says she is no `его`, whatever the tagger reads
    ("factru/devset/book_253", "вдова Ельцина Наина Иосифовна, ", "его", "Борис Николаевич Ельцин"),
    # somebody new: `Неизвестный мужчина` is nobody named before
    ("factru/devset/book_182", "Неизвестный ", "мужчина", None),
    # a thing is the subject before it in its sentence: `мрамор …, он`
    ("factru/devset/book_253", "живой материал, полупрозрачный, ", "он", None),
    # a thing is nearer than any person: `осудил визит …, назвав его`
    ("factru/devset/book_290", "прошлого года, назвав ", "его", None),
    # an unnamed person is the subject just before: `был задержан 27-летний
    # житель … Он сказал`
    ("nerel/dev/945932_text", "Киевской области. ", "Он", None),
]


@pytest.fixture(scope="module")
def docs(models):
    from svodka import analyze_many
    from svodka.ingest.text import read_text
    return dict(zip(DOCS, analyze_many([read_text(CORPUS / f"{d}.txt") for d in DOCS])))


@pytest.fixture(scope="module")
def chained(docs, res):
    """The same articles after the chain stage only: the resolution is its."""
    from svodka.document import Document
    from svodka.pipeline import STAGES
    from svodka.stages.chains import link_chains
    out = {}
    for name, doc in docs.items():
        d = Document(text=doc.text)
        for stage in STAGES[:STAGES.index(link_chains) + 1]:
            d = stage(d, res)
        out[name] = d
    return out


def _at(doc, before: str, word: str) -> int:
    at = doc.text.index(before + word) + len(before)
    assert doc.text[at:at + len(word)] == word
    return at


@pytest.mark.parametrize("doc_id, before, word, expected", CASES, ids=[c[1] + c[2] for c in CASES])
def test_resolved_by_the_chain_stage(chained, doc_id, before, word, expected):
    from svodka.stages.chains import Chains
    doc = chained[doc_id]
    found = Chains(doc).mention_at(_at(doc, before, word))
    assert (found[1].name if found else None) == expected
    if found:
        assert found[0].kind == ("pronoun" if word.lower() in ("он", "его", "ее") else "role")
        assert found[0].text.split()[0] == word


@pytest.mark.parametrize("doc_id, before, word, expected", CASES, ids=[c[1] + c[2] for c in CASES])
def test_kept_after_every_stage(docs, doc_id, before, word, expected):
    from svodka.stages.chains import Chains
    doc = docs[doc_id]
    ent = Chains(doc).entity_at(_at(doc, before, word))
    assert (ent.name if ent else None) == expected


@pytest.mark.parametrize("doc_id, before, speaker", [
    ("nerel/train/112891_text", "В то же время ", "Виктор Янукович"),
    ("nerel/train/112891_text", "Ранее в феврале 2017 года ", "Виктор Янукович"),
])
def test_speaker_and_event_actor_are_the_same_entity(docs, res, doc_id, before, speaker):
    """The pronoun heading a cue (`он признал, что …`) is its quote's speaker
    and, as an event actor, the same entity: one resolution for both."""
    from svodka.events.actors import ActorCoder
    from svodka.events.triggers import children_of
    doc = docs[doc_id]
    at = _at(doc, before, "он")
    quote = next(q for q in doc.quotes if q.cue and q.cue.start <= at < q.cue.end)
    assert quote.speaker.name == speaker
    sent = next(s for s in doc.sentences if s.start <= at < s.end)
    index = next(i for i, t in enumerate(sent.tokens) if t.start == at)
    coded = ActorCoder(doc, res).code(sent, index, children_of(sent))
    assert coded.actor.entity == quote.speaker.id
    assert coded.actor.name == speaker
