"""Paragraphs printed as `Label: words` in the body (`Мустафа Джемилев: Да,
всё верно.`): the words are the direct quote of the person the label names.
An interview prints its questions the same way (`Голос Америки: …?`,
`Корр.: …`): a label of `resources/interview_labels.tsv` on the question
side, or one whose lines mostly end in a question mark, is the
interviewer's, and its lines are no quotes. The first line is the headline's
(quotes/headlines.py) and is left alone."""
from __future__ import annotations

import functools
import re

from ..document import Cue, Document, Quote
from ..resources import Resources

# a label of one to five capitalised words (or an abbreviation), a colon,
# and the words, opening as a sentence does (not `фото пресс-службы`; not a
# quotation mark either: quotes/marks.py has those)
_LABELLED = re.compile(r"^[ \t\u00a0]*(?P<label>[А-ЯЁA-Z][\w.-]*(?:[ \u00a0][\w.-]+){0,4})"
                       r"[ \t\u00a0]*:[ \t\u00a0]+(?P<words>[А-ЯЁA-Z0-9…][^\n]*)$", re.M)
_MIN_WORDS = 3
# dialogue lines make an interview with this many question-answer pairs
_MIN_QUESTIONS = 2
_WORD = re.compile(r"\w+")


@functools.cache
def _sides(res: Resources) -> dict[str, str]:
    return {r["label"].lower(): r["side"] for r in res.table("interview_labels")}


def find_labelled(doc: Document, res: Resources, found: list[Quote]) -> list[Quote]:
    """A direct quote for each labelled paragraph whose label names a person
    (an entity mention that is the whole label), with the label as `cue`, or
    the interviewee's side (`Ответ:`, with the `interviewee_cue` of the
    `found` quotes); none for the interviewer's lines."""
    text, quotes = doc.text, found
    first = len(text) - len(text.lstrip())
    first_end = text.find("\n", first)
    lines = [m for m in _LABELLED.finditer(text) if m.start("label") > first_end >= 0
             and len(_WORD.findall(m.group("words"))) >= _MIN_WORDS]
    by_label: dict[str, list] = {}
    for m in lines:
        by_label.setdefault(m.group("label").lower().rstrip("."), []).append(m)
    sides = _sides(res)
    names = {(mention.start, mention.end): ent for ent in doc.entities for mention in ent.mentions
             if ent.type in ("PER", "ORG")}
    out = []
    for label, found in by_label.items():
        side = sides.get(label)
        questions = sum(m.group("words").rstrip().endswith("?") for m in found)
        if side == "question" or 2 * questions > len(found):
            continue
        ent = names.get((found[0].start("label"), found[0].end("label")))
        if side != "answer" and (ent is None or ent.type != "PER"):
            continue
        for m in found:
            start, end = m.start("words"), m.start("words") + len(m.group("words").rstrip())
            cue = Cue(m.group("label"), m.start("label"), m.end("label")) if ent is not None \
                else interviewee_cue(quotes, m.start())
            out.append(Quote(text=text[start:end], start=start, end=end, kind="direct", cue=cue))
    return out


def interviewee_cue(found: list[Quote], before: int) -> Cue | None:
    """The attribution of the last quote with one before offset `before`:
    an article introduces its interview by quoting the interviewee (`…, —
    сказал в интервью «Голосу Америки» Мустафа Джемилев`), whose answers
    then follow with no attribution of their own."""
    cued = [q.cue for q in found if q.cue is not None and q.end <= before]
    return max(cued, key=lambda c: c.start) if cued else None


def find_dialogue_answers(doc: Document, lines: list[tuple[int, int]],
                          found: list[Quote]) -> list[Quote]:
    """An interview printed as dialogue lines (`— Вопрос?` / `— Ответ.`):
    each line right after a question (the next paragraph) is an answer, a
    direct quote of the interviewee (`interviewee_cue` of the `found`
    quotes); questions are none. Only where the article has
    `_MIN_QUESTIONS` such pairs or more."""
    text, pairs = doc.text, []
    for (qs, qe), (a_start, a_end) in zip(lines, lines[1:]):
        between = text[qe:a_start]
        if text[qs:qe].rstrip().endswith("?") and between.count("\n") >= 1 \
                and not between.strip(" \t\u00a0\n—–-") and not text[a_start:a_end].rstrip().endswith("?"):
            pairs.append((a_start, a_end))
    if len(pairs) < _MIN_QUESTIONS:
        return []
    cue = interviewee_cue(found, pairs[0][0])
    return [Quote(text=text[s:e], start=s, end=e, kind="direct", cue=cue) for s, e in pairs]
