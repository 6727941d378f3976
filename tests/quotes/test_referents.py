"""quotes/referents.py: names apposed to a role, roles and pronouns resolved
to their holder, on real articles of the corpus."""
from __future__ import annotations

import pytest

from corpus_docs import quote_at, speaker_name

NAMES_BY_ROLE = [
    # the parser hangs the name on `президента`; in the nominative it is the secretary's
    ("nerel/train/16808_text", "Врачи сообщили, что последние гистологические исследования", "direct",
     "Альфредо Скоссимарро"),
    ("nerel/train/16808_text", "исследование удаленной железы не выявило наличие раковых клеток", "indirect",
     "Альфредо Скоссимарро"),
    # `сказал поддерживающий Чавеса законодатель Хосе Авила`: two subjects, the noun's
    ("nerel/train/23512_text", "Теперь нам необходимо подождать и увидеть", "direct", "Хосе Авила"),
    # `сказал глава Минфина` is the minister of finance (`Министр финансов Алексей Кудрин`)
    ("nerel/train/433", "Я не вижу себя в новом правительстве", "direct", "Алексей Кудрин"),
    # `Это подтвердил "Ъ" один из участников встречи` … `«…», — сказал он`: the
    # anonymous participant, not the minister named before him
    ("nerel/train/014", "У нас есть возможность рассмотреть текущие вопросы", "direct", None),
    # `экс-президент рассказал, что …` after `Бывший президент Украины Виктор Янукович`
    ("nerel/train/112891_text", "не обсуждал с президентом Путиным возможность ввода", "indirect",
     "Виктор Янукович"),
    # `он признал` after `экс-президент рассказал`: not Путин named in between
    ("nerel/train/112891_text", "его письмо президенту России настоящее", "indirect", "Виктор Янукович"),
    # `подчеркнул пресс-атташе` after `пресс-атташе … Сергей Марков`
    ("nerel/train/22371_text", "активные меры по их поиску", "direct", "Сергей Марков"),
    # `Представитель Лопес сообщил`: the verb is a man's, Лопес a woman: her representative
    ("nerel/train/39363_text", "выступление певицы было частью концерта", "indirect", "Представитель Лопес"),
    # `Президент и сам … заявляя, что …` after `президент Казахстана` with no
    # name beside it: the one person of Kazakhstan without another title
    ("nerel/train/13126_text", "выступает за проведение честных и легитимных", "indirect", "Нурсултан Назарбаев"),
    # … and `— добавил он` after it is the president, not the chairman named before
    ("nerel/train/13126_text", "Если мне позволят здоровье и силы", "direct", "Нурсултан Назарбаев"),
    # `Соболезнования … господина Лесина уже выразил президент России Владимир
    # Путин, в пресс-службе которого сообщили: «…»`: the one named in the nominative
    ("nerel/train/86220_text", "Президент высоко ценит огромный вклад", "direct", "Владимир Путин"),
    # `Виктор Фёдорович признался` (first name and patronymic) is Виктор Янукович
    ("nerel/train/112891_text", "развёлся после 45 лет брака с супругой Людмилой", "indirect", "Виктор Янукович"),
    # `25-летняя девушка выложила фотографию … с лучшей подругой Франсией Райсой …:`
    # the subject of the colon cue's verb, not the friend named in it
    ("nerel/train/129326_text", "Знаю, многие мои поклонники заметили", "direct", "Селена Гомес"),
    # a genitive name is not the role's holder: `Менеджер Мии Фэрроу сказал`
    ("nerel/train/7357_text", "оплакивает трагическую потерю любимого мужа", "direct", "Менеджер Мии Фэрроу"),
]


@pytest.mark.parametrize("doc_id, words, kind, speaker", NAMES_BY_ROLE,
                         ids=[c[0].split("/")[-1] + ":" + c[1][:20] for c in NAMES_BY_ROLE])
def test_name_apposed_to_role(doc_id, words, kind, speaker):
    assert speaker_name(quote_at(doc_id, words, kind)) == speaker
