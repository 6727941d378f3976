"""Paragraphs printed as `Label: words` in the body (`Мустафа Джемилев: Да,
всё верно.`): the words are the direct quote of the person the label names.
An interview prints its questions the same way (`Голос Америки: …?`,
`Корр.: …`): a label of `resources/interview_labels.tsv` on the question
side, or one whose lines mostly end in a question mark, is the
interviewer's, and its lines are no quotes. The first line is the headline's
(quotes/headlines.py) and is left alone.

Inside a paragraph, after a sentence or a colon (`Читайте также: Песков:
Россия не …`), `Имя: слова` is a quote too when the words make a clause
(a finite verb, a short adjective or a dash). The label speaks when it is a
person: a name the article tags as one, a title with that name (`Обозреватель
РИА Новости Сергей Петухов`, `Сергей Лавров, глава МИД`), the surname of a
person it names, or a role whose holder speaks (`Глава государства:`,
`Пресс-служба Кремля:`); never a word for what follows (`Фото:`,
`Источник:`, `Участники:`, `Семья Обама:`), which is no person's name."""
from __future__ import annotations

import functools
import re

from ..document import Cue, Document, Mention, Quote
from ..resources import Resources
from .cues import Lexicon, load_lexicon, tokens_in
from .interviews import interviewee_cue

# a label of one to eight words, the first capitalised (or an abbreviation): a
# name, or a title and a name (`Вице-президент Российской академии образования
# Виктор Болотов`), after the time of a live report (`10:30 Песков:`); then a
# colon and the words, opening as a sentence does (not `фото пресс-службы`; not a
# quotation mark either: quotes/marks.py has those)
_LABELLED = re.compile(r"^[ \t\u00a0]*(?:\d{1,2}[:.]\d\d[ \t\u00a0]+)?"
                       r"(?P<label>[А-ЯЁA-Z][\w.-]*(?:,?[ \u00a0][\w.-]+){0,7})"
                       r"[ \t\u00a0]*:[ \t\u00a0]+(?P<words>[А-ЯЁA-Z0-9…][^\n]*)$", re.M)
# the same inside a paragraph, after a sentence's stop or another label's colon;
# its words are names, initials (`С.`) and abbreviations, never a
# word that ends a sentence (`… три варианта. Первый:`)
_WORD_IN_LABEL = r"(?:[А-ЯЁA-Z]\.|[\w-]+(?:\.[\w-]+)*)"
_INLINE = re.compile(r"(?:(?<=[.!?…:])|(?<=[.!?…][»\"”)]))[ \t\u00a0]+"
                     rf"(?P<label>(?=[А-ЯЁA-Z]){_WORD_IN_LABEL}(?:,?[ \u00a0]{_WORD_IN_LABEL}){{0,7}}?)"
                     r"\.?[ \t\u00a0]*:(?=[ \t\u00a0]+[А-ЯЁA-Zа-яё0-9])")
_SPACES = re.compile(r"[ \t\u00a0]*")
# the end of the sentence the inline words make
_STOP = re.compile(r"[.!?…]+(?=[ \t\u00a0]+[А-ЯЁA-Z«\"„—–-]|[ \t\u00a0]*$)")
_MIN_WORDS = 3
# a role label has this many words at most (`Пресс-секретарь президента России`)
_ROLE_WORDS = 4
# role references that name no one holder (role_references.tsv)
_NOT_HOLDERS = frozenset({"nobody", "previous", "document", "person"})
_WORD = re.compile(r"\w+")


@functools.cache
def _sides(res: Resources) -> dict[str, str]:
    return {r["label"].lower(): r["side"] for r in res.table("interview_labels")}


def find_labelled(doc: Document, res: Resources, found: list[Quote]) -> list[Quote]:
    """A direct quote for each labelled paragraph whose label names a person
    (an entity mention that is the whole label; or a title and name, or a
    surname, when most of its lines are statements), with the label as `cue`, or
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
    people = _People(doc, load_lexicon(res))
    names = {(mention.start, mention.end): ent for ent in doc.entities for mention in ent.mentions
             if ent.type in ("PER", "ORG")}
    out = []
    for label, found in by_label.items():
        side = sides.get(label)
        questions = sum(m.group("words").rstrip().endswith("?") for m in found)
        if side == "question" or 2 * questions > len(found):
            continue
        span = found[0].start("label"), found[0].end("label")
        ent = names.get(span)
        # the cue of each line: its label where that is a name mention; the
        # interviewee for `Ответ:`; a title with the name, or the person
        # whose surname alone is the label (not a list under a heading:
        # most lines are statements)
        if side == "answer":
            person = interviewee_cue(doc, found[0].start(), quotes, res)
        elif ent is not None:
            if ent.type != "PER":
                continue
            person = None
        else:
            person = people.cue(*span)
            if person is None or 2 * sum(_is_clause(doc, m.start("words"), m.end("words"))
                                         for m in found) < len(found):
                continue
        for m in found:
            start, end = m.start("words"), m.start("words") + len(m.group("words").rstrip())
            # one label, one speaker: as its first line names it
            cue = person if person is not None or ent is None \
                else Cue(m.group("label"), m.start("label"), m.end("label"))
            out.append(Quote(text=text[start:end], start=start, end=end, kind="direct", cue=cue))
    return out


def find_inline_labelled(doc: Document, res: Resources) -> list[Quote]:
    """A direct quote for each `Имя: слова` inside a paragraph (after a
    sentence or another label, not opening the line: `find_labelled` has
    those), whose label is a person and whose words, up to the end of
    their sentence, make a clause; the cue is `_People.cue`'s. Words in
    quotation marks are the marks' quote (quotes/finding.py), and so is a
    label inside them."""
    text, out = doc.text, []
    first_end = text.find("\n", len(text) - len(text.lstrip()))
    people, sides = _People(doc, load_lexicon(res)), _sides(res)
    for m in _INLINE.finditer(text):
        start, label_end = m.start("label"), m.end("label")
        words = _SPACES.match(text, m.end()).end()
        if first_end < 0 or start <= first_end:
            continue        # the headline is quotes/headlines.py's
        if text[text.rfind("\n", 0, start) + 1:start].strip() == "":
            continue        # opens its line
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        stop = _STOP.search(text, words, line_end)
        end = stop.end() if stop else len(text[:line_end].rstrip())
        if len(_WORD.findall(text[words:end])) < _MIN_WORDS or not _is_clause(doc, words, end):
            continue
        if sides.get(m.group("label").lower()) == "question":
            continue        # `Корреспондент: …`, the interviewer
        cue = people.cue(start, label_end, mention=True)
        if cue is not None:
            out.append(Quote(text=text[words:end], start=words, end=end, kind="direct", cue=cue))
    return out


class _People:
    """The article's people, indexed to tell whether a label names one: a
    title of theirs and their name (either way round), their surname
    alone, a role whose holder speaks (`Президент`, `Пресс-служба Кремля`;
    not `Источник`, `Эксперты`: nobody in particular), or (with `mention`)
    a name mention that is the whole label."""

    def __init__(self, doc: Document, lex: Lexicon):
        self.doc, self.text, self.roles = doc, doc.text, lex.roles
        self.mentions: set[tuple[int, int]] = set()
        self.titled: set[tuple[int, int]] = set()
        self.surnames: dict[str, Mention] = {}
        for ent in doc.entities:
            names = [m for m in ent.mentions if m.kind == "name"]
            if ent.type != "PER" or not names:
                continue
            self.mentions.update((m.start, m.end) for m in names)
            for role in ent.roles:
                self.titled.update((role.start, m.end) for m in names if role.end <= m.start)
                self.titled.update((m.start, role.end) for m in names if m.end < role.start)
            # the name in full where the article gives it
            full = max(names, key=lambda m: (len(m.text.split()), -m.start))
            for n in (ent.name, *(m.text for m in names)):
                if n.split():
                    self.surnames.setdefault(n.split()[-1].lower(), full)

    def cue(self, start: int, end: int, mention: bool = False) -> Cue | None:
        """The label as the cue when it holds the name; for a surname alone
        (`Джемилев:`, `ДЖЕМИЛЕВ:`, which the tagger may not read as a
        name), the person's name where the article gives it; None when the
        label is no person."""
        label = self.text[start:end]
        if mention and (start, end) in self.mentions or (start, end) in self.titled:
            return Cue(label, start, end)
        full = self.surnames.get(label.lower()) if " " not in label else None
        if full:
            return Cue(full.text, full.start, full.end)
        return Cue(label, start, end) if self._is_role(start, end) else None

    def _is_role(self, start: int, end: int) -> bool:
        """The label is a short phrase opened by the role of a holder or
        an organisation (role_references.tsv), which speakers.py resolves."""
        toks = [s.tokens[i] for s, i in tokens_in(self.doc, start, end)]
        if not toks or len(toks) > _ROLE_WORDS or any(t.pos == "NUM" or t.text.isdigit() for t in toks):
            return False    # not a numbered part: `Глава 2:`
        keys = [toks[0].lemma.lower()] + ([f"{toks[0].lemma} {toks[1].lemma}".lower()] if toks[1:] else [])
        return any(k in self.roles and not set(self.roles[k]) & _NOT_HOLDERS for k in keys)


def _is_clause(doc: Document, start: int, end: int) -> bool:
    """The words make a statement: a finite verb, a short adjective or
    participle (`готовы`, `уверен`), or a dash standing for `это`."""
    for sent, i in tokens_in(doc, start, end):
        tok = sent.tokens[i]
        if tok.pos in ("VERB", "AUX") and tok.feats.get("VerbForm") == "Fin" \
                or tok.feats.get("Variant") == "Short" or tok.text in ("—", "–"):
            return True
    return False
