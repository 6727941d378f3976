"""Pronouns and person nouns resolved into the person chains: the one
resolution the speaker and event stages both read (`Chains.mention_at`).

What is resolved, outside quoted speech:
- third-person singular pronouns, personal and possessive (`он`, `она`,
  `его`, `её`, `ему`, `ней`, `нём` …), each added to its person's chain as a
  `pronoun` mention;
- nouns for any person (`политик`, `дипломат`, `актриса`: the `person`
  class of `resources/role_references.tsv`) used anaphorically, as a
  `role` mention;
- a title as the subject of its clause, with no name of its own
  (`экс-президент рассказал`, `глава государства отметил`): the person
  named before whose roles (`Entity.roles`) hold that title, as a `role`
  mention. Later pronouns take it as their antecedent (`В частности
  экс-президент рассказал … В то же время он признал`).

How: by agreement and salience. The gender is the pronoun's (its lemma:
`его` is `он`'s) or, for a noun, the noun's own when feminine, else its
past-tense verb's (`написала политик` is a woman). The candidates are the
persons mentioned before, names and pronouns already resolved alike,
outside quoted speech; within the last three sentences a subject (a
mention in the nominative) of that gender wins, else the one of that
gender mentioned last; further back, only the person mentioned last, when
the gender fits. An entity's gender is that of the nouns of its names
(`Грасой Машел` is a woman); a name nobody can read fits any gender.

What is left to later stages, and why: a pronoun inside quoted speech and
`я`/`мы` there mean whoever the speaker means, and speakers are found
after this stage (`events/actors.py` reads `мы` as the speaker); the
speaker stage may give a cue's pronoun to the speaker of the quote just
before when that quote is nearer than the antecedent found here
(`quotes/referents.py`), and moves the mention when it does. Plural
pronouns (`они`, `их`) are not resolved here: they point at groups and
organisations, which the speaker stage reads from the quotes around.
A title elsewhere, or one whose holder is named only after it or only
printed next to a name, is matched to its holder by the speaker stage
where it names a speaker (`quotes/mentions.py`, `_holder`), which adds
the mention; where both answer, they agree (the same titles, the holder
named last), and a different answer moves the mention.
"""
from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
import re
from collections import Counter

from ..document import Document, Entity, Mention, Sentence, Token
from ..resources import Resources
from .geo import country_of

# how many sentences before the one of the pronoun its subject may be
# looked for in
WINDOW_SENTENCES = 2
# quoted stretches of at least this many words are speech, not names
_SPEECH_WORDS = 4
# determiners that make a person noun somebody new (`один политик`)
_NEW_REFERENT = frozenset(("один", "другой", "некий", "какой-то", "какой-нибудь", "некоторый",
                           "каждый", "любой", "такой", "иной", "многие", "несколько"))
# where an anaphoric person noun stands: as a participant, not a predicate
_PARTICIPANT_RELS = frozenset(("nsubj", "nsubj:pass", "obj", "iobj", "obl", "nmod"))
# an attribution inside a pair of marks, between dashes: `«…, – заявил
# Сергей Лавров. – …»`; its words are no speech
_INNER_CUE = re.compile(r"(?<=[,.!?…])\s*[-–—]\s+([^-–—«»\"\n]{3,100}?)[.,:]\s*[-–—]\s")


@functools.cache
def _role_references(res: Resources) -> dict[str, tuple[str, ...]]:
    return {r["reference"].lower(): tuple(t.strip() for t in r["refers_to"].lower().split(","))
            for r in res.table("role_references")}


def person_nouns(res: Resources) -> frozenset[str]:
    """Lemmas of the nouns for any person (`политик`, `актриса`)."""
    return frozenset(k for k, v in _role_references(res).items() if v == ("person",))


def is_role_name(ent: Entity, res: Resources) -> bool:
    """An entity named by a role word alone (`Президент` tagged as a
    name): no antecedent for a pronoun."""
    return ent.name.lower() in _role_references(res)


def pronoun_gender(tok: Token) -> str | None:
    """`Masc` or `Fem` for a third-person singular pronoun, personal or
    possessive (`его`, `ей`, `нём`); None for any other word."""
    low = tok.text.lower()
    if tok.pos == "DET" and low in ("его", "ее", "её"):
        return "Masc" if low == "его" else "Fem"
    if tok.pos == "PRON" and tok.lemma in ("он", "она") and tok.feats.get("Number") != "Plur":
        return "Masc" if tok.lemma == "он" else "Fem"
    return None


def anaphoric_person_noun(sent: Sentence, j: int, res: Resources) -> bool:
    """Token `j` is a noun for any person that points back at one
    (`политик заявил`): singular, a participant of its clause, no name,
    pronoun, number or `один`/`другой` in its phrase (`знакомого с ним
    бизнесмена`, `один дипломат` are somebody else)."""
    tok = sent.tokens[j]
    if tok.pos not in ("NOUN", "PROPN") or tok.lemma.lower() not in person_nouns(res) \
            or tok.feats.get("Number") == "Plur" or tok.rel not in _PARTICIPANT_RELS:
        return False
    for k in _subtree(sent, j):
        t = sent.tokens[k]
        if k != j and (t.pos in ("PRON", "PROPN", "NUM") or t.lemma.lower() in _NEW_REFERENT
                       or t.rel in ("cop", "nummod")):
            return False
    return not (j > 0 and sent.tokens[j - 1].lemma.lower() == "как")


def person_noun_gender(sent: Sentence, j: int) -> str | None:
    """The gender of the person a noun names: feminine nouns are women
    (`актриса`), others take the gender of the past-tense verb they are the
    subject of (`написала политик`); else None."""
    tok = sent.tokens[j]
    if tok.feats.get("Gender") == "Fem":
        return "Fem"
    head = tok.head
    if tok.rel.startswith("nsubj") and head >= 0 and sent.tokens[head].pos in ("VERB", "AUX"):
        return sent.tokens[head].feats.get("Gender")
    return None


def _subtree(sent: Sentence, i: int) -> list[int]:
    out, todo = {i}, [i]
    while todo:
        k = todo.pop()
        for j, t in enumerate(sent.tokens):
            if t.head == k and j not in out:
                out.add(j)
                todo.append(j)
    return sorted(out)


class _Speech:
    """Quoted speech in raw text: stretches between quotation marks of
    `_SPEECH_WORDS` words or more (quotes are found after this stage)."""

    def __init__(self, text: str):
        from ..quotes.marks import find_quoted     # (the quotes package reads the chains)
        spans = []
        for q in find_quoted(text):
            if len(text[q.start:q.end].split()) < _SPEECH_WORDS:
                continue
            at = q.start
            for m in _INNER_CUE.finditer(text, q.start, q.end):
                spans.append((at, m.start(1)))
                at = m.end(1)
            spans.append((at, q.end))
        spans.sort()
        self._starts = [s for s, _ in spans]
        self._reach = list(itertools.accumulate((e for _, e in spans), max))

    def covers(self, offset: int) -> bool:
        k = bisect.bisect_right(self._starts, offset)
        return k > 0 and self._reach[k - 1] > offset


class _Genders:
    """The gender of each person entity, read from the nouns of its names."""

    def __init__(self, doc: Document):
        self._tokens = sorted((t for s in doc.sentences for t in s.tokens), key=lambda t: t.start)
        self._starts = [t.start for t in self._tokens]
        self._cache: dict[str, str | None] = {}

    def token_at(self, offset: int) -> Token | None:
        k = bisect.bisect_left(self._starts, offset)
        return self._tokens[k] if k < len(self._tokens) and self._starts[k] == offset else None

    def of(self, ent: Entity) -> str | None:
        if ent.id not in self._cache:
            seen: Counter = Counter()
            for m in ent.mentions:
                if m.kind != "name":
                    continue
                k = bisect.bisect_left(self._starts, m.start)
                while k < len(self._tokens) and self._tokens[k].end <= m.end:
                    t = self._tokens[k]
                    if t.pos in ("PROPN", "NOUN") and t.feats.get("Gender") in ("Masc", "Fem"):
                        seen[t.feats["Gender"]] += 1
                    k += 1
            self._cache[ent.id] = seen.most_common(1)[0][0] if seen else None
        return self._cache[ent.id]

    def fits(self, ent: Entity, gender: str | None) -> bool:
        their = self.of(ent)
        return gender not in ("Masc", "Fem") or their is None or their == gender


def resolve_pronouns(doc: Document, res: Resources) -> Document:
    """Add to each person's chain the pronouns and person nouns that refer
    to them (see the module docstring); the rest of the document as it was."""
    if not doc.sentences:
        return doc
    speech = _Speech(doc.text)
    genders = _Genders(doc)
    persons = sorted(((m.start, m.end, e) for e in doc.entities if e.type == "PER"
                      and not is_role_name(e, res) for m in e.mentions
                      if not speech.covers(m.start)), key=lambda x: x[0])
    # every entity's spans: a pronoun or noun some mention covers is not new
    taken = sorted((m.start, m.end) for e in doc.entities for m in e.mentions)
    person_spans = sorted((s, e) for s, e, _ in persons)
    history: list[tuple[int, Entity, bool]] = []    # (start, entity, nominative) so far
    added: dict[str, list[Mention]] = {}
    said: dict[int, Entity] = {}    # the person of each mention (start) in the history
    nxt = 0
    for si, sent in enumerate(doc.sentences):
        window = doc.sentences[max(0, si - WINDOW_SENTENCES)].start
        for j, tok in enumerate(sent.tokens):
            while nxt < len(persons) and persons[nxt][1] <= tok.start:
                start, _, ent = persons[nxt]
                first = genders.token_at(start)
                history.append((start, ent, first is not None and first.feats.get("Case") == "Nom"))
                said[start] = ent
                nxt += 1
            gender, kind = pronoun_gender(tok), "pronoun"
            if gender is None and (title := _title_subject(sent, j, res)) is not None:
                titles, last = title
                ent = None if _taken(taken, tok.start) or speech.covers(tok.start) else \
                    _holder(history, titles, person_noun_gender(sent, j), genders,
                            _country_in(sent, j, res))
                if ent is not None:
                    end = sent.tokens[last].end
                    added.setdefault(ent.id, []).append(Mention(doc.text[tok.start:end], tok.start, end,
                                                                "role"))
                    history.append((tok.start, ent, True))
                    said[tok.start] = ent
                continue
            if gender is None:
                if not anaphoric_person_noun(sent, j, res):
                    continue
                gender, kind = person_noun_gender(sent, j), "role"
            if speech.covers(tok.start) or _taken(taken, tok.start) \
                    or kind == "pronoun" and _other_nearer(doc.sentences[max(0, si - 1):si + 1], j,
                                                           gender, person_spans, res):
                continue
            subj = _clause_subject(sent, j)
            ent = _antecedent(history, window, gender, genders,
                              None if subj is None else said.get(sent.tokens[subj].start),
                              tok.end if tok.rel.startswith("nsubj") else sent.start)
            if ent is not None and kind == "role":
                country = next((c for k in _subtree(sent, j) if k != j and sent.tokens[k].pos == "ADJ"
                                and (c := country_of(sent.tokens[k].text, res))), None)
                if country and ent.country != country:
                    ent = None      # `южнокорейский дипломат` is not the Russian named before
            if ent is None:
                continue
            added.setdefault(ent.id, []).append(Mention(tok.text, tok.start, tok.end, kind))
            history.append((tok.start, ent, tok.feats.get("Case") == "Nom"))
            said[tok.start] = ent
    if not added:
        return doc
    entities = tuple(dataclasses.replace(e, mentions=tuple(sorted(
        e.mentions + tuple(added[e.id]), key=lambda m: (m.start, m.end)))) if e.id in added else e
        for e in doc.entities)
    return dataclasses.replace(doc, entities=entities)


def _taken(spans: list[tuple[int, int]], offset: int) -> bool:
    k = bisect.bisect_right(spans, (offset, 1 << 62))
    return any(s <= offset < e for s, e in spans[max(0, k - 8):k])


def _antecedent(history: list[tuple[int, Entity, bool]], window: int, gender: str | None,
                genders: _Genders, subject: Entity | None, nearest: int) -> Entity | None:
    """From `nearest` on (the pronoun's sentence, when the pronoun is no
    subject: `вместе с Софи Марсо, однако у неё`), the person of the gender
    mentioned last; else, within the window, a subject of the gender, else
    the person of the gender mentioned last; before it, the person
    mentioned last if the gender fits. Never the `subject` of the pronoun's
    own clause."""
    latest: Entity | None = None
    fitting: Entity | None = None
    for start, ent, nominative in reversed(history):
        if ent is subject:
            continue
        if start >= nearest and genders.fits(ent, gender):
            return ent
        latest = latest or ent
        if start < window:
            break
        if genders.fits(ent, gender):
            if nominative:
                return ent
            fitting = fitting or ent
    if fitting is not None:
        return fitting
    return latest if latest is not None and genders.fits(latest, gender) else None


def _up(toks: tuple[Token, ...], k: int, rels: tuple[str, ...]) -> int:
    """From token `k` up through nouns while its relation is one of `rels`."""
    while toks[k].rel in rels and toks[k].head >= 0 and toks[toks[k].head].pos in ("NOUN", "PROPN"):
        k = toks[k].head
    return k


def _clause_subject(sent: Sentence, j: int) -> int | None:
    """The subject of the clause of pronoun `j` when the pronoun is not
    that subject: `Путин пригласил его`, `выразил поддержку Манделе и его
    семье` — a
    clause-mate subject would have been `себя`, `свой`, so he is someone
    else. A gerund or an infinitive shares its verb's subject."""
    tok = sent.tokens[j]
    if tok.rel.startswith("nsubj") or tok.pos == "DET" and tok.head >= 0 and any(
            t.head == tok.head and t.rel == "case" and t.lemma in ("по", "согласно", "со")
            for t in sent.tokens):
        return None     # (`Баффет (по его словам) …`: a source phrase is an aside)
    k = tok.head
    while k >= 0:
        head = sent.tokens[k]
        if head.pos in ("VERB", "AUX"):
            subj = next((i for i, t in enumerate(sent.tokens) if t.head == k and t.rel.startswith("nsubj")),
                        None)
            if subj is not None or head.feats.get("VerbForm") not in ("Conv", "Inf"):
                return subj
        k = head.head
    return None


def _other_nearer(sents: tuple[Sentence, ...], j: int, gender: str | None,
                  persons: list[tuple[int, int]], res: Resources) -> bool:
    """The nearest noun phrase of the pronoun's gender before it, in its
    sentence or the one before (`sents`: that one, then this one), is
    something or somebody no chain holds: a thing for an object or an
    oblique pronoun (`осудил визит …, назвав его`; `ему`, `с ним` may be
    `оно`'s too), an unnamed person in the nominative for a subject
    (`задержан 27-летний житель … Он сказал`). Phrases are judged by their
    head (`визит … Дмитрия Медведева` is a visit); a time or a place
    (`11 марта`, `в ноябре`) and the pronoun's own clause subject are no
    rivals. Nouns for roles and for any person are left to the chains."""
    sent = sents[-1]
    tok = sent.tokens[j]
    if tok.pos != "PRON":
        return False    # (a possessive is a person's or an organisation's far more often)
    subject = tok.rel.startswith("nsubj")
    wanted = ("Fem",) if gender == "Fem" else ("Masc", "Neut")
    own = _clause_subject(sent, j)
    for si in range(len(sents) - 1, -1, -1):
        toks = sents[si].tokens
        for k in range(j - 1 if si == len(sents) - 1 else len(toks) - 1, -1, -1):
            t = toks[k]
            if t.pos not in ("NOUN", "PROPN") or si == len(sents) - 1 and k == own:
                continue
            h = _up(toks, k, ("flat", "flat:name", "appos"))
            named = t.pos == "PROPN" and _taken(persons, t.start)
            if named and toks[h].rel != "nmod":
                return False    # a person the chains know (`сын Баффета Говард`)
            h = _up(toks, h, ("nmod", "flat", "flat:name", "appos"))
            head = toks[h]
            if named and head.feats.get("Animacy") == "Anim" \
                    or head.lemma.lower() in _role_references(res):
                return False    # a person the chains know, or a role
            if head.feats.get("Number") != "Sing" or head.feats.get("Gender") not in wanted:
                continue
            if head.feats.get("Animacy") == "Anim":
                return subject and head.pos == "NOUN" and head.feats.get("Case") == "Nom"
            if not subject and head.pos == "NOUN" and not any(
                    x.head == h and x.rel in ("case", "nummod") for x in toks) \
                    and not (h > 0 and toks[h - 1].text[:1].isdigit()):
                return True
    return False


_NOT_TITLES = frozenset(("person", "previous", "organisation", "nobody", "document"))


def _title_subject(sent: Sentence, j: int, res: Resources) -> tuple[tuple[str, ...], int] | None:
    """The titles a role noun subject with no name of its own refers to
    (`экс-президент рассказал`, `глава государства отметил`: role_references.tsv)
    and the index of the reference's last word, else None."""
    tok = sent.tokens[j]
    if tok.pos != "NOUN" or not tok.rel.startswith("nsubj") or tok.feats.get("Case") != "Nom" \
            or tok.feats.get("Number") == "Plur":
        return None
    refs = _role_references(res)
    lemma = tok.lemma.lower()
    nxt = sent.tokens[j + 1] if j + 1 < len(sent.tokens) else None
    pair = nxt is not None and nxt.head == j and nxt.rel == "nmod" and f"{lemma} {nxt.lemma.lower()}" in refs
    key = f"{lemma} {nxt.lemma.lower()}" if pair and nxt is not None else lemma
    titles = refs.get(key)
    if titles is None or set(titles) & _NOT_TITLES:
        return None
    if any(sent.tokens[k].pos in ("PRON", "NUM") or sent.tokens[k].lemma.lower() in _NEW_REFERENT
           or sent.tokens[k].pos == "PROPN" and sent.tokens[k].rel in ("appos", "flat", "flat:name")
           for k in _subtree(sent, j) if k != j):
        return None
    return titles, j + 1 if pair else j


def _country_in(sent: Sentence, j: int, res: Resources) -> str | None:
    """The country an adjective or a genitive name in the phrase of `j`
    names (`белорусский лидер`, `президент России`)."""
    return next((c for k in _subtree(sent, j) if k != j and (
        sent.tokens[k].pos == "ADJ" or sent.tokens[k].pos == "PROPN" and sent.tokens[k].rel == "nmod")
        and (c := country_of(sent.tokens[k].text, res))), None)


def _stem_match(word: str, other: str) -> bool:
    return other.startswith(word[:max(4, len(word) - 2)]) if len(word) > 3 else other == word


def _holder(history: list[tuple[int, Entity, bool]], titles: tuple[str, ...], gender: str | None,
            genders: _Genders, country: str | None) -> Entity | None:
    """The person mentioned last who holds one of `titles` among their roles
    (`Entity.roles`), of the gender and of the country, when given."""
    for _, ent, _ in reversed(history):
        if not genders.fits(ent, gender) or country and country not in (
                ent.country, *(r.country for r in ent.roles)):
            continue
        for role in ent.roles:
            words = role.name.lower().split()
            if any(all(any(_stem_match(w, x) for x in words) for w in t.split()) for t in titles):
                return ent
    return None
