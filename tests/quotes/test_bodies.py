"""quotes/bodies.py: organisations that speak through a bare body noun or a
document, on real articles of the corpus."""
from __future__ import annotations

import pytest

from corpus_docs import quote_at, speaker_name

# (article, first words of the quote, kind, cue, the speaker)
ORGANISATIONS = [
    # `Пресс-служба отмечает, что …` after `сообщает … пресс-служба МВД Киргизии`
    ("nerel/train/003", "в доме находились несколько сотрудников посольства США", "direct",
     "Пресс-служба отмечает", "МВД Киргизии"),
    # `говорится в пресс-релизе`: the release of the body that spoke last
    ("nerel/train/003", "Два ножа, 2920 штук патронов", "direct", "говорится в пресс-релизе", "МВД Киргизии"),
    # `Согласно сообщению, …`
    ("nerel/train/003", "в доме было обнаружено и значительное количество боеприпасов", "indirect",
     "Согласно сообщению", "МВД Киргизии"),
    # `отмечает пресс-служба` once the US embassy has spoken
    ("nerel/train/003", "Дом и оборудование находились под защитой", "direct", "отмечает пресс-служба",
     "посольство США"),
    # `заявило американское дипломатическое ведомство`: the body of that country
    ("nerel/train/003", "прибыли в республику по приглашению правительства", "direct",
     "заявило американское дипломатическое ведомство", "посольство США"),
    # `сообщили РИА Новости в пресс-службе базы`: the agency is the addressee;
    # the press service is the one named two sentences before
    ("nerel/train/003", "Всеми вопросами, связанными с данным случаем", "direct",
     "сообщили РИА Новости в пресс-службе базы",
     "Пресс-служба американской военной базы расположенной в международном аэропорту \"Манас\" "
     "столицы Киргизии"),
    # `В заявлении также говорится, что …`, `…, сообщило министерство.`
    ("nerel/train/132779_text", "погибший полицейский был охранником Мосийчука", "indirect", "говорится",
     "МВД Украины"),
    ("nerel/train/132779_text", "Начато расследование по статье о терроризме", "indirect",
     "сообщило министерство", "МВД Украины"),
    # a document after a person's words is still the ministry's
    ("nerel/train/104434_text", "Хендрикс находился в контакте с Элтоном Симпсоном", "indirect",
     "Согласно сообщению", "министерство юстиции США"),
    # `говорится в сообщении` after `…, цитирует Infox` the ministry's words
    ("nerel/train/11461_text", "В связи с тем что проводимая работа объёмная", "direct",
     "говорится в сообщении", "Минобороны"),
    # `Официальный представитель посольства России в США заявил:` and a paragraph:
    # the embassy, not `Сотрудники нашего консульства` that opens the quote
    ("nerel/train/86220_text", "Сотрудники нашего консульства смогли подтвердить", "direct", "заявил",
     "посольство России"),
    # `— говорится в интервью`: the one interviewed, who spoke last
    ("nerel/train/508529_text", "Малайские государства существовали рядом с Китаем", "direct",
     "говорится в интервью", "Махатхир Мохамад"),
    # `Власти Эквадора заявили, что …`: the authorities of that country
    ("nerel/train/39296_text", "не могут рассмотреть вопрос о предоставлении убежища", "indirect",
     "Власти Эквадора заявили",
     "Власти Эквадора"),
    # an agency that alone relayed the news speaks for its report
    ("nerel/train/615", "Президент САР подтвердил решимость", "direct", "говорится в сообщении", "САНА"),
]


@pytest.mark.parametrize("doc_id, words, kind, cue, speaker", ORGANISATIONS,
                         ids=[f"{c[0].split('/')[-1]}:{c[3]}" for c in ORGANISATIONS])
def test_organisation_speaks(doc_id, words, kind, cue, speaker):
    assert speaker_name(quote_at(doc_id, words, kind, cue)) == speaker
