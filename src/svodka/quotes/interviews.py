"""Interviews: the interviewee's answers are direct quotes, the questions
are none (GOLD.md). Two prints of an interview are read here:

    dialogue lines    `— Какова была реакция?` / `— Положительная была реакция!`
    bare paragraphs   a question paragraph (`…?`), then the answer paragraph(s)

(lines opened by a label, `Корр.: …` / `Мустафа Джемилев: …`, are
quotes/labels.py's). The speaker of the answers is the person the article
says it interviews (`сказал в интервью … Мустафа Джемилев`, `взяло интервью
у X`, `беседовал с X`), else the speaker of the last attributed quote before
the interview, else the person the headline names."""
from __future__ import annotations

import bisect
import functools
import re

from ..document import Cue, Document, Quote
from ..resources import Resources
from .cues import line_bounds, tokens_in
from .marks import QuoteSpans

# lemmas that say the article is (or holds) an interview
_INTERVIEW = frozenset({"интервью", "беседа", "беседовать", "побеседовать", "интервьюировать"})
# `интервью у X`, `беседа с X`: the preposition that governs the interviewee
_WITH = frozenset({"у", "с", "со"})
# question-answer pairs an interview has at least
_MIN_QUESTIONS = 2
# an answer is that many paragraphs at most: past it the article has moved on
_MAX_ANSWER = 6
# a question opened by a request (`Расскажите о …`) is short
_REQUEST_WORDS = 30
_WORD = re.compile(r"\w+")
# an answer's own short label, which names the side, not a speaker labels.py knows
_SIDE_LABEL = re.compile(r"[А-ЯЁA-Z][\w.-]*(?:[ \u00a0][\w.-]+){0,2}:[ \t\u00a0]+")
_TERMINAL = ".!?…»\"”)"


# --- the interviewee ------------------------------------------------------------

def interviewee_cue(doc: Document, before: int, found: list[Quote], res: Resources) -> Cue | None:
    """Where the interviewee is named, as a cue (the name itself, or the
    attribution of a quote of theirs): the person of the last sentence
    before offset `before` that speaks of an interview; else the
    attribution of the last quote before `before` (an article introduces
    its interview by quoting the interviewee: `…, — сказал в интервью
    «Голосу Америки» Мустафа Джемилев`); else the one person the headline
    names. None when there is none of these."""
    return _named_in_interview(doc, before, found, res) or _last_cue(found, before) or _headline_person(doc)


def _last_cue(found: list[Quote], before: int) -> Cue | None:
    cued = [q.cue for q in found if q.cue is not None and q.end <= before]
    return max(cued, key=lambda c: c.start) if cued else None


def _coverage(paras: list[tuple[int, int]], quotes: list[Quote]) -> list[int]:
    """Characters of each paragraph (in text order) inside the `quotes`
    (sorted by start), in one sweep: a quote is looked at for each paragraph
    it reaches into."""
    out, active, k = [], [], 0
    for start, end in paras:
        while k < len(quotes) and quotes[k].start < end:
            active.append(quotes[k])
            k += 1
        active = [q for q in active if q.end > start]
        out.append(sum(min(end, q.end) - max(start, q.start) for q in active if q.start < end))
    return out


def _named_in_interview(doc: Document, before: int, found: list[Quote], res: Resources) -> Cue | None:
    """The person named with the last interview word before `before`
    (outside the `found` quotes), in its sentence and paragraph: the one
    governed by `у`/`с` (`интервью у X`, `беседовал с X`), else one in the
    nominative (`X рассказал в интервью`), else the first one named; never
    one introduced as the interviewer (`корреспондентом Иваном Петровым`)."""
    people = sorted((m.start, m.end) for e in doc.entities if e.type == "PER"
                    for m in e.mentions if m.kind == "name")
    quoted = QuoteSpans(found)
    for sent in reversed(doc.sentences):
        if sent.start >= before:
            continue
        words = [t for t in sent.tokens if t.lemma.lower() in _INTERVIEW and t.end <= before
                 and not quoted.holds(t.start)]
        if not words:
            continue
        # a caption without a stop runs into the next paragraph's sentence
        lo, hi = line_bounds(doc.text, words[-1].start)
        named = []
        for start, end in people[bisect.bisect_left(people, (sent.start, -1)):
                                 bisect.bisect_left(people, (sent.end, -1))]:
            toks = [i for i, t in enumerate(sent.tokens) if start <= t.start and t.end <= end]
            if toks and lo <= start and end <= hi and not _after_asker(sent, toks[0], res):
                named.append((start, end, toks))
        if named:
            start, end, _ = min(named, key=lambda item: _rank(sent, item[2]))
            return Cue(doc.text[start:end], start, end)
    return None


def _rank(sent, toks: list[int]) -> tuple[bool, bool]:
    """Interviewee first: governed by `у`/`с`, then in the nominative."""
    governed = any(t.rel == "case" and t.lemma in _WITH and t.head in toks for t in sent.tokens)
    return (not governed, sent.tokens[toks[0]].feats.get("Case") != "Nom")


def _after_asker(sent, k: int, res: Resources) -> bool:
    """The name is the interviewer's: a question-side noun of
    resources/interview_labels.tsv right before it (`корреспондентом Иваном
    Петровым`)."""
    return k > 0 and sent.tokens[k - 1].lemma.lower() in _askers(res)


@functools.cache
def _askers(res: Resources) -> frozenset[str]:
    return frozenset(r["label"].lower() for r in res.table("interview_labels") if r["side"] == "question")


def _headline_person(doc: Document) -> Cue | None:
    end = doc.text.find("\n")
    end = len(doc.text) if end < 0 else end
    found = {e.id: m for e in doc.entities if e.type == "PER" for m in e.mentions
             if m.kind == "name" and m.end <= end}
    if len(found) != 1:
        return None
    m = next(iter(found.values()))
    return Cue(m.text, m.start, m.end)


# --- dialogue lines ---------------------------------------------------------------

def find_dialogue_answers(doc: Document, lines: list[tuple[int, int]], found: list[Quote],
                          res: Resources) -> list[Quote]:
    """An interview printed as dialogue lines (`— Вопрос?` / `— Ответ.`):
    each line right after a question (the next paragraph) is an answer, a
    direct quote of the interviewee (`interviewee_cue`); questions are
    none. Only where the article has `_MIN_QUESTIONS` such pairs or more."""
    text, pairs = doc.text, []
    for (qs, qe), (a_start, a_end) in zip(lines, lines[1:]):
        between = text[qe:a_start]
        if text[qs:qe].rstrip().endswith("?") and between.count("\n") >= 1 \
                and not between.strip(" \t\u00a0\n—–-") and not text[a_start:a_end].rstrip().endswith("?"):
            pairs.append((a_start, a_end))
    if len(pairs) < _MIN_QUESTIONS:
        return []
    cue = interviewee_cue(doc, pairs[0][0], found, res)
    return [Quote(text=text[s:e], start=s, end=e, kind="direct", cue=cue) for s, e in pairs]


# --- bare paragraphs --------------------------------------------------------------

def find_bare_answers(doc: Document, found: list[Quote], res: Resources) -> list[Quote]:
    """An interview whose questions and answers are bare paragraphs (the
    questions were set apart by bold type, lost with the markup): a run of
    `_MIN_QUESTIONS` question paragraphs or more, each followed by answer
    paragraphs, in an article that speaks of an interview (`_is_interview`).
    Each answer paragraph is a direct quote of the interviewee; after the
    last question, only the paragraphs that speak in the first person go on
    with the answer. Paragraphs that are quotes already (`found`) are left
    to them."""
    paras = _paragraphs(doc)
    ordered = sorted(found, key=lambda q: (q.start, q.end))
    quoted = QuoteSpans(ordered)
    # a paragraph that is mostly a quote found already is left to it
    covered = [n >= 0.6 * (e - s) for n, (s, e) in zip(_coverage(paras, ordered), paras)]
    kinds = [_kind(doc, s, e, res) for s, e in paras]
    out: list[Quote] = []
    k = 0
    while k < len(paras):
        if kinds[k] != "question":
            k += 1
            continue
        block, k = _block(doc, paras, kinds, k)
        questions = [q for q, _ in block]
        answered = [a for _, a in block if a]
        if len(answered) < _MIN_QUESTIONS or not _is_interview(doc, paras, block, quoted):
            continue
        cue = interviewee_cue(doc, paras[questions[0]][0], found, res)
        for _, answer in block:
            for n in answer:
                if not covered[n]:
                    s, e = _trimmed(doc.text, *paras[n])
                    if (label := _SIDE_LABEL.match(doc.text, s, e)) is not None:
                        s = label.end()     # `Депутат: …`: a label nobody took for a name
                    out.append(Quote(text=doc.text[s:e], start=s, end=e, kind="direct", cue=cue))
    return out


def _block(doc: Document, paras, kinds, k: int) -> tuple[list[tuple[int, list[int]]], int]:
    """The questions from paragraph `k` on, each with its answer
    paragraphs, up to a paragraph that is no sentence (a subheading) or a
    question without an answer; and where the scan stops."""
    block = []
    while k < len(paras) and kinds[k] == "question":
        q, k = k, k + 1
        answer = []
        while k < len(paras) and kinds[k] == "text" and len(answer) < _MAX_ANSWER:
            answer.append(k)
            k += 1
        block.append((q, answer))
        if not answer:
            break
    if block and block[-1][1]:
        # the last answer goes on only while it speaks in the first person
        last = block[-1][1]
        keep = 1
        while keep < len(last) and _first_person(doc, *paras[last[keep]]):
            keep += 1
        block[-1] = (block[-1][0], last[:keep])
    return block, k


def _paragraphs(doc: Document) -> list[tuple[int, int]]:
    """The body's non-empty lines (the headline, the first line, is not one)."""
    out, pos, text = [], 0, doc.text
    first = True
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if line.strip():
            if first:
                first = False
                continue
            out.append((start, end))
    return out


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in "—–-"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _kind(doc: Document, start: int, end: int, res: Resources) -> str:
    """`question`, `text` (a paragraph that ends as a sentence) or `other`
    (a subheading, a caption: no closing stop)."""
    text = doc.text
    start, end = _trimmed(text, start, end)
    body = text[start:end]
    if not body:
        return "other"
    stripped = body.rstrip(_TERMINAL[4:])
    if stripped.endswith("?"):
        return "question"
    if body.endswith(("…", "...")) and ("?" in body or _addresses(doc, start, end)):
        return "question"     # `…, что вы лично передавали письмо …`
    toks = [s.tokens[i] for s, i in tokens_in(doc, start, end)]
    if toks and _is_request(toks[0]) and len(_WORD.findall(body)) <= _REQUEST_WORDS:
        return "question"     # `Расскажите о ваших планах.`
    return "text" if body[-1] in _TERMINAL else "other"


def _is_request(tok) -> bool:
    return tok.feats.get("Mood") == "Imp" and tok.feats.get("Person") == "2" \
        and tok.feats.get("Number") == "Plur"


def _addresses(doc: Document, start: int, end: int) -> bool:
    """The paragraph speaks to somebody as `вы` (a pronoun, a possessive or
    a verb in the second person)."""
    return any(s.tokens[i].feats.get("Person") == "2" or s.tokens[i].lemma.lower() == "ваш"
               for s, i in tokens_in(doc, start, end))


def _first_person(doc: Document, start: int, end: int, quoted: QuoteSpans | None = None) -> bool:
    """The paragraph speaks as `я`/`мы` in its own words (not only inside
    a quote of somebody it reports)."""
    return any((s.tokens[i].feats.get("Person") == "1" or s.tokens[i].lemma.lower() in ("мой", "наш"))
               and not (quoted and quoted.holds(s.tokens[i].start)) for s, i in tokens_in(doc, start, end))


def _is_interview(doc: Document, paras, block: list[tuple[int, list[int]]], quoted: QuoteSpans) -> bool:
    """The article speaks of an interview before the first question (in
    its own words: `беседу` in a quote may be a meeting's; a page of
    questions and answers, `Что делать, если вы …?`, does not), and the
    questions and answers talk with each other: in half the pairs or more
    the question addresses somebody as `вы` or the answer speaks in the
    first person (an explainer's `Что говорят в Кремле?` and its reported
    answer do neither)."""
    first = paras[block[0][0]][0]
    if not any(s.tokens[i].lemma.lower() in _INTERVIEW and not quoted.holds(s.tokens[i].start)
               for s, i in tokens_in(doc, 0, first)):
        return False
    pairs = [(q, a) for q, a in block if a]
    talk = sum(_addresses(doc, *paras[q]) or any(_first_person(doc, *paras[n], quoted) for n in a)
               for q, a in pairs)
    return 2 * talk >= len(pairs)
