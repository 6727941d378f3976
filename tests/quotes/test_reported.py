"""quotes/reported.py: a reported clause runs on through the clauses that
depend on it, on real sentences of the corpus."""
from __future__ import annotations

import pytest

from corpus_docs import quote_at, speaker_name

# (article, first words, last words of the clause, speaker)
CLAUSES = [
    # `…, когда …`
    ("factru/devset/book_252", "страна находится в сложной ситуации",
     "а цены на медицинские услуги для семей и малого бизнеса постоянно растут", "Джон Бенер"),
    # `и не является …`: a predicate in another tense than the cue is the clause's own
    ("nerel/train/112891_text", "его письмо президенту России настоящее", "и не является фальшивкой",
     "Виктор Янукович"),
    # `… Сенатом и отметил, что …`: the speaker's next statement ends the clause
    ("nerel/train/22657_text", "кандидатура Керри будет быстро утверждена", "будет быстро утверждена Сенатом",
     "Барак Обама"),
    # `написал на своей страничке в социальной сети Twitter, что …`: far from its verb
    ("factru/devset/book_252", "республиканцы намерены встать на пути прогресса",
     "республиканцы намерены встать на пути прогресса", "Барак Обама"),
    # a correlative before the dependent clause: `до тех пор, пока …`, `в случае, если …`
    ("nerel/train/39296_text", "не могут рассмотреть вопрос о предоставлении убежища",
     "до тех пор, пока он не окажется на территории страны", "Власти Эквадора"),
    ("nerel/train/39557_text", "предоставит убежище в случае", "если Боливия получит запрос от Сноудена",
     "Эво Моралес"),
    # `…, но …` with the clause's own subject
    ("nerel/train/1112", "Мандела по-прежнему находится в критическом состоянии",
     "его очень скоро выпишут", "Джейкоб Зума"),
]


@pytest.mark.parametrize("doc_id, first, last, speaker", CLAUSES, ids=[c[0].split("/")[-1] for c in CLAUSES])
def test_clause_runs_through_dependent_clauses(doc_id, first, last, speaker):
    q = quote_at(doc_id, first, "indirect")
    assert q.text.endswith(last), q.text
    assert speaker_name(q) == speaker


# an attribution set off by commas inside the clause: the whole clause is the quote
INTERPOSED = [
    ("factru/devset/book_302", "Такой переход, считает вице-губернатор Приморья Александр Шемелев, повысит",
     "Александр Шемелев"),
    ("factru/devset/book_256", "Установление повсеместно в стране летнего времени, подчеркнул президент РФ, "
     "будет полезным", "Дмитрий Медведев"),
    ("factru/devset/book_290", "Одна из групп протестующих, уточняет газета «Труд», пришла к российской "
     "дипмиссии", "Труд"),
]


@pytest.mark.parametrize("doc_id, first, speaker", INTERPOSED, ids=[c[0].split("/")[-1] for c in INTERPOSED])
def test_interposed_attribution_keeps_whole_clause(doc_id, first, speaker):
    assert speaker_name(quote_at(doc_id, first, "indirect")) == speaker


def test_a_dateline_is_no_part_of_the_lead():
    """`БИШКЕК, 5 августа /Новости-Грузия/. ` opens NEREL train 003's lead;
    no other line of the corpus opens with a dateline (a capitalized
    abbreviation before a dash, `США – …`, is none)."""
    import glob
    from paths import CORPUS
    from svodka.quotes.reported import _DATELINE
    found = {}
    for path in sorted(glob.glob(str(CORPUS / "**" / "*.txt"), recursive=True)):
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                if (m := _DATELINE.match(line)) is not None:
                    found[path.split("corpus/")[1]] = line[:m.end()]
    assert found == {"nerel/train/003.txt": "БИШКЕК, 5 августа /Новости-Грузия/. "}
