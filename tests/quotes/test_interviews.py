"""Interviews printed without labels or dashes, and `Имя: слова` inside the
body, on real articles of the corpus with exact texts and speakers.

The corpus holds one interview (factru/devset/book_142, `Голос Америки: …?`
/ `Мустафа Джемилев: …`) and no `Имя: слова` without quotation marks, so the
forms are that article and nerel/dev/last_15 minimally edited into them;
each test says how. The negative cases are the corpus's own labels."""
from __future__ import annotations

import pytest

from corpus_docs import analyzed
from paths import CORPUS

INTERVIEW = "factru/devset/book_142"
# the first words of the six answers, and of the six questions
ANSWERS = ("Да, всё верно", "Положительная была", "Во времена могущества", "Украина и Турция в",
           "Особых полномочий", "В нынешней ситуации")
QUESTIONS = ("Ранее СМИ сообщали", "И какова была", "Может показаться", "Для Украины укрепление",
             "Достаточно ли", "Вы хотели бы", "Спасибо за интервью")
FIRST_ANSWER = ("Да, всё верно. Также в ходе встречи с премьер-министром Турции сегодня ночью я "
                "попросил его оказать содействие в строительстве университета в Крыму для нашего "
                "народа, улучшить жилищный комплекс уже существующего университета, а также помочь "
                "с развитием жилищных проблем крымских татар. И о многом другом.")


def _edited(doc_id: str, *edits: tuple[str, str]) -> str:
    text = (CORPUS / f"{doc_id}.txt").read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    return text


def _quotes(text: str):
    import svodka
    return [(q.kind, q.text, q.speaker.name if q.speaker else None)
            for q in svodka.analyze(text).quotes]


def _answers_and_questions(quotes):
    answers = [(k, t, s) for k, t, s in quotes if t.startswith(ANSWERS)]
    questions = [t for _, t, _ in quotes if t.startswith(QUESTIONS)]
    return answers, questions


# --- bare paragraphs: the questions' bold type lost with the markup ---------------

# book_142 with its labels removed (`Голос Америки: ` and `Мустафа Джемилев: `),
# or with a dash left on one side only
@pytest.mark.parametrize("asker,answerer", [("", ""), ("— ", ""), ("", "— ")])
def test_bare_interview_paragraphs_are_the_interviewees_answers(asker, answerer):
    quotes = _quotes(_edited(INTERVIEW, ("Голос Америки: ", asker), ("Мустафа Джемилев: ", answerer)))
    answers, questions = _answers_and_questions(quotes)
    assert answers[0] == ("direct", FIRST_ANSWER, "Мустафа Джемилев")
    assert [(k, t.split()[0], s) for k, t, s in answers] == [
        ("direct", a.split()[0], "Мустафа Джемилев") for a in ANSWERS]
    # questions are none, nor the thanks after the last answer
    assert questions == []
    # the article goes on after the interview as before
    assert ("direct", "Турция наравне с Россией является стратегическим партнером Гагаузской "
            "автономии Молдавской республики. В условиях политической нестабильности и "
            "дезинтеграционных процессов в Молдове, гагаузы явно заинтересованы в укреплении "
            "связей с родиной предков — относительно стабильной и экономически развитой Турецкой "
            "республикой", "Роман Коноплев") in quotes


def test_the_interviewee_is_the_one_the_article_says_it_interviews():
    # book_142 bare, and without Джемилев's quote between the sentence that
    # announces the interview and the interview: the last quote before the
    # interview is then Эрдоган's, and the answers are still Джемилев's, the
    # one `сказал в эксклюзивном интервью … Мустафа Джемилев` names
    text = _edited(INTERVIEW, ("Голос Америки: ", ""), ("Мустафа Джемилев: ", ""))
    start = text.index("«Вчера ночью")
    text = text[:start] + text[text.index("\n", start) + 1:]
    answers, questions = _answers_and_questions(_quotes(text))
    assert [s for _, _, s in answers] == ["Мустафа Джемилев"] * 6
    assert questions == []


def test_questions_with_no_interview_around_them_are_no_interview():
    # the same bare interview with the sentence that announces it and every
    # other mention of an interview in the article's own words gone (the
    # `беседу` left is in a quote: a meeting's): paragraphs after questions
    # are the article's own
    text = _edited(INTERVIEW, ("Голос Америки: ", ""), ("Мустафа Джемилев: ", ""),
                   ("Спасибо за интервью!", "Спасибо!"),
                   (", сказал в эксклюзивном интервью Русской службе «Голоса Америки» лидер",
                    ", говорил лидер"))
    answers, _ = _answers_and_questions(_quotes(text))
    assert answers == []


def test_dialogue_answers_after_the_first_line_go_on_with_the_answer():
    # book_142 as dialogue lines, its first answer in two paragraphs, the
    # second without a dash (`— Да, всё верно.¶Также …`)
    text = _edited(INTERVIEW, ("Голос Америки: ", "— "), ("Мустафа Джемилев: ", "— "),
                   ("Да, всё верно. Также", "Да, всё верно.\n\nТакже"))
    quotes = _quotes(text)
    assert ("direct", "Да, всё верно.", "Мустафа Джемилев") in quotes
    assert ("direct", FIRST_ANSWER.replace("Да, всё верно. ", ""), "Мустафа Джемилев") in quotes


# --- labels: a title with the name, a surname alone ---------------------------------

LAST_15 = "nerel/dev/last_15"
BOLOTOV = ("То, что проколы были серьезные, и по ним не было внятных объяснений — это факт… "
           "В других странах мира за ошибки в национальных экзаменах, такого типа, что были в нас "
           "в этом году, первые лица всегда уходили. В этом плане это мужественный шаг, я "
           "поддерживаю его решение и для других это пример.")


def test_a_title_and_name_label_opening_a_paragraph():
    # last_15's `Вице-президент Российской академии образования Виктор
    # Болотов: "…"` with its quotation marks removed
    quotes = _quotes(_edited(LAST_15, ('Болотов: "То,', "Болотов: То,"), ('это пример".', "это пример.")))
    assert ("direct", BOLOTOV, "Виктор Болотов") in quotes


def test_a_label_inside_a_paragraph_quotes_its_sentence():
    # last_15's `Обозреватель РИА Новости Сергей Петухов: "Здесь возможны …`
    # without its opening mark and run on from the paragraph before it
    quotes = _quotes(_edited(LAST_15, ('Петухов: "Здесь', "Петухов: Здесь"),
                             ("\nЧто придет на смену ЕГЭ\n\nОбозреватель", " Обозреватель")))
    assert ("direct", "Здесь возможны три варианта.", "Сергей Петухов") in quotes


def test_a_label_inside_a_paragraph_before_quotation_marks():
    # the same, its marks kept: the marks' quote, whole, by the label's person
    quotes = _quotes(_edited(LAST_15, ("\nЧто придет на смену ЕГЭ\n\nОбозреватель", " Обозреватель")))
    found = [(k, t[:27], s) for k, t, s in quotes if t.startswith("Здесь")]
    assert found == [("direct", "Здесь возможны три варианта", "Сергей Петухов")]
    assert len(next(t for _, t, _ in quotes if t.startswith("Здесь"))) > 300


def test_a_label_after_the_time_of_a_live_report():
    # last_15's labelled paragraph without its marks, opened by a time
    quotes = _quotes(_edited(LAST_15, ('Обозреватель РИА Новости Сергей Петухов: "Здесь',
                                       "10:30 Обозреватель РИА Новости Сергей Петухов: Здесь")))
    assert [(k, t[:27], s) for k, t, s in quotes if t.startswith("Здесь")] == [
        ("direct", "Здесь возможны три варианта", "Сергей Петухов")]


def test_a_label_after_another_label_inside_a_paragraph():
    # the same sentence as a link line of nerel/train/04_12_12g (`Читайте
    # также: …`), labelled by the name alone
    quotes = _quotes(_edited(LAST_15, ('Обозреватель РИА Новости Сергей Петухов: "Здесь',
                                       "Читайте также: Сергей Петухов: Здесь"),
                             ("\nЧто придет на смену ЕГЭ\n\n", " ")))
    assert [(k, t, s) for k, t, s in quotes if t.startswith("Здесь")] == [
        ("direct", "Здесь возможны три варианта.", "Сергей Петухов")]


@pytest.mark.parametrize("label", ["Джемилев: ", "ДЖЕМИЛЕВ: "])
def test_surname_labels_of_an_interview(label):
    # book_142 with the interviewee's lines labelled by his surname alone, as
    # transcripts print it (the tagger reads neither label as a name)
    quotes = _quotes(_edited(INTERVIEW, ("Мустафа Джемилев: ", label)))
    answers, questions = _answers_and_questions(quotes)
    assert answers[0] == ("direct", FIRST_ANSWER, "Мустафа Джемилев")
    assert [s for _, _, s in answers] == ["Мустафа Джемилев"] * 6
    assert questions == []


@pytest.mark.parametrize("label", ["Лидер Меджлиса: ", "Депутат: "])
def test_role_labels_of_an_interview(label):
    # book_142 with the interviewee's lines labelled by a role: one the
    # article gives him (`лидер Меджлиса …`), its holder, not the Mejlis;
    # or a word for the answering side, left out of the answer's text
    quotes = _quotes(_edited(INTERVIEW, ("Мустафа Джемилев: ", label)))
    answers, questions = _answers_and_questions(quotes)
    assert answers[0] == ("direct", FIRST_ANSWER, "Мустафа Джемилев")
    assert [s for _, _, s in answers] == ["Мустафа Джемилев"] * 6
    assert questions == []


def test_a_role_label_is_the_role_holders():
    # the seed article's `"Как я всегда говорю, …", - отметил глава
    # государства.` printed as a transcript line, `Глава государства: …`
    quotes = _quotes(_edited("seed/000_ace31b1ed83a096e",
                             ('"Как я всегда говорю', "Глава государства: Как я всегда говорю"),
                             ('в этом направлении", - отметил глава государства.',
                              "в этом направлении.")))
    found = [(k, s) for k, t, s in quotes if t.startswith("Как я всегда говорю")]
    assert found == [("direct", "Александр Лукашенко")]


@pytest.mark.parametrize("doc_id,words", [
    ("nerel/train/101387_text", "Малия, Мишель"),            # `Семья Обама: …`
    ("nerel/train/152324_text", "Кларенс авеню"),            # `Место убийства Николая Глушкова: …`
    ("factru/devset/book_444", "Уорд — Набоков"),            # `Вратари: …`
    ("nerel/train/04_12_12g", "Reuters"),                    # `Фото: Reuters`
    ("nerel/train/04_12_12g", "Берлускони намерен"),         # `Читайте также: …`
    ("nerel/dev/220820_text", "Long Arm"),                   # `В списке участников …: …`
    ("nerel/test/210348_text", "Вадим Сыроватский"),         # `Mash приводит … список погибших: …`
])
def test_labels_that_name_no_speaker_give_no_quote(doc_id, words):
    assert not [q for q in analyzed(doc_id).quotes if q.text.startswith(words)]


def test_an_explainers_question_headings_are_no_interview():
    # nerel/train/508529_text (which speaks of an interview) with question
    # headings set over its last paragraphs, as explainers print them: the
    # paragraphs under them neither answer `вы` nor speak as `я`/`мы`
    text = _edited("nerel/train/508529_text",
                   ("Китай усиливает", "Что происходит в Южно-Китайском море?\n\nКитай усиливает"),
                   ("Критики обвиняют", "Что говорят критики?\n\nКритики обвиняют"),
                   ("Китай является", "Что связывает две страны?\n\nКитай является"))
    quotes = _quotes(text)
    assert not [q for q in quotes if q[1].startswith(("Китай усиливает", "Критики обвиняют",
                                                      "Китай является"))]
    assert ("direct", "образовательными центрами", "Пекин") in quotes
