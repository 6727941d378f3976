"""Quote finding grows linearly with the number of quotation marks (issue
13, item 7): the work of `extract_quotes` (Python calls, counted, not timed:
the machine may be loaded) on 10k and on 100k characters of a Russian
sentence followed by markup with straight marks and colon-led paragraphs;
and of finding full stops glued to the next sentence (`готовы.Это`).

Before: every mark looked at every other one (`_inside_marks`; 10k of
`class="x"` took 7 s, 100k took 118 s), and every pronoun at every quote."""
from __future__ import annotations

import sys

from svodka.document import Document
from svodka.pipeline import STAGES
from svodka.quotes import extract_quotes

RUSSIAN = ("Президент Беларуси Александр Лукашенко встретился в Минске с Президентом "
           "Казахстана Касым-Жомартом Токаевым, сообщила пресс-служба. ")
FILL = '<p class="x">Минск</p> Он сказал:\nМы готовы.\n'
# a linear cost grows 10× from 10k to 100k characters, a quadratic one 100×
MAX_RATIO = 20


def _prepared(size: int, res) -> Document:
    doc = Document(text=RUSSIAN + (FILL * (size // len(FILL) + 1))[:size])
    for stage in STAGES[:STAGES.index(extract_quotes)]:
        doc = stage(doc, res)
    return doc


def _calls(call) -> int:
    """Python and built-in function calls (generator steps included) made by
    `call()`."""
    count = 0

    def profile(frame, event, arg):
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        call()
    finally:
        sys.setprofile(None)
    return count


def test_quote_finding_work_grows_linearly_with_marks(res, models):
    docs = [_prepared(n, res) for n in (10_000, 100_000)]
    small, large = (_calls(lambda: extract_quotes(doc, res)) for doc in docs)
    assert large / small <= MAX_RATIO, (small, large)


def _glued(size: int) -> Document:
    """`Мы готовы.Это так.` repeated, each `Мы` a name the NER model read."""
    import re
    from svodka.document import NerSpan
    text = RUSSIAN + "Мы готовы.Это так. " * (size // 19)
    return Document(text=text, ner_spans=tuple(
        NerSpan("Мы", m.start(), m.end(), "PER", "Мы") for m in re.finditer("Мы", text)))


def test_glued_stops_are_found_in_linear_work():
    from svodka.quotes.boundaries import glued_stops
    docs = [_glued(n) for n in (10_000, 100_000)]
    small, large = (_calls(lambda: glued_stops(doc)) for doc in docs)
    assert len(glued_stops(docs[0])) == 10_000 // 19
    assert large / small <= MAX_RATIO, (small, large)


# an interview of bare paragraphs and `Ответ:` lines, announced in the lead
INTERVIEW = "В интервью «Известиям» Иван Петров рассказал о планах.\n"
EXCHANGE = "Как вы оцениваете итоги года?\nМы оцениваем их хорошо.\nВопрос: А планы?\nОтвет: Мы готовы.\n"


def test_interviews_are_read_in_linear_work(res, models):
    def prepared(size: int) -> Document:
        doc = Document(text=RUSSIAN + INTERVIEW + (EXCHANGE * (size // len(EXCHANGE) + 1))[:size])
        for stage in STAGES[:STAGES.index(extract_quotes)]:
            doc = stage(doc, res)
        return doc
    docs = [prepared(n) for n in (10_000, 100_000)]
    assert any(q.text == "Мы оцениваем их хорошо." for q in extract_quotes(docs[0], res).quotes)
    small, large = (_calls(lambda: extract_quotes(doc, res)) for doc in docs)
    assert large / small <= MAX_RATIO, (small, large)
