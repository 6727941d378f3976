"""quotes/cues.py and resources/speech_verbs.tsv: cue words mined from the
corpus (tools/mine_speech_verbs.py), each on a real sentence with its speaker."""
from __future__ import annotations

import pytest

from corpus_docs import quote_at, speaker_name

CUES = [
    # `прокомментировала это решение Орлова`
    ("nerel/test/1177", "Я выразила недоверие Александру Денисову", "direct",
     "прокомментировала это решение Орлова", "Светлана Орлова"),
    # `В руководстве МВД заключили, что …`
    ("nerel/dev/kuleshov", "А.Кулешов \"держит место\" для человека В.Лукашенко", "indirect", "заключили",
     "Министерство внутренних дел"),
    # `По сообщениям Интерфакса, …`
    ("nerel/train/86220_text", "Лесин обнаружен мёртвым в четверг", "indirect", "По сообщениям Интерфакса",
     "Интерфакс"),
    # `Как заявили наблюдатели от Организацию …` (sic): an organisation's
    # observers speak for it (staff_nouns.tsv), and the `как` clause ends
    # at its comma
    ("factru/devset/book_154", "прошедшие в Грузии президентские выборы, в целом", "indirect",
     "Как заявили наблюдатели от Организацию по безопасности и сотрудничеству в Европе",
     "Организация по безопасности и сотрудничеству в Европе"),
    # `сообщает РИА Новости со ссылкой на пресс-службу правительства России`:
    # the agency relays, the one it cites spoke (GOLD.md)
    ("nerel/train/287", "Глава Федерального космического агентства Анатолий Перминов", "indirect",
     "сообщает РИА Новости", "правительство России"),
    ("nerel/train/449", "Занимать этот пост он будет с 1 ноября 2011г", "indirect", "передает Reuters",
     "Европейский союз"),
    # `Как отметил премьер в речи перед министрами, …` (глава правительства Израиля)
    ("factru/devset/book_349", "мир должен знать, что народ Израиля не отступится", "indirect",
     "Как отметил премьер в речи перед министрами", "Биньямин Нетаньяху"),
]


@pytest.mark.parametrize("doc_id, words, kind, cue, speaker", CUES, ids=[c[3].split()[0] + " " + c[3].split()[-1] for c in CUES])
def test_cue_word(doc_id, words, kind, cue, speaker):
    assert speaker_name(quote_at(doc_id, words, kind, cue)) == speaker


def test_lexicon_has_both_aspects():
    from svodka.quotes.cues import load_lexicon
    from svodka.resources import load_resources
    lex = load_lexicon(load_resources())
    for pair in [("прокомментировать", "комментировать"), ("заключить", "заключать"),
                 ("упомянуть", "упоминать"), ("намекнуть", "намекать")]:
        assert all(v in lex.verbs for v in pair), pair
    assert {"словам", "мнению", "данным", "слов"} <= set(lex.sources)


def test_an_accusative_second_subject_is_no_subject():
    """`Помощник …, который в среду посетил Белград заявил, что …` (factRuEval
    book_361, the comma after `Белград` missing): the parser gives `заявил`
    two subjects; `Белград`, read as accusative, is what was visited."""
    from corpus_docs import analyzed
    from svodka.quotes.cues import subject_of
    doc = analyzed("factru/devset/book_361")
    sent = next(s for s in doc.sentences if "посетил Белград заявил" in s.text)
    verb = next(i for i, t in enumerate(sent.tokens) if t.text == "заявил")
    assert sent.tokens[subject_of(sent, verb)].text == "Помощник"
