"""Pronouns and person nouns resolved into the person chains: the one
resolution the speaker and event stages both read (`Chains.mention_at`).
Which words point back, and what the syntax rules out, is `anaphors.py`'s.

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
import itertools
import re
from collections import Counter

from ..document import Document, Entity, Mention, Token
from ..resources import Resources
from .anaphors import (anaphoric_person_noun, clause_subject, country_in, covers, is_role_name,
                       other_nearer, person_noun_gender, pronoun_gender, stem_match, subtree,
                       title_subject)
from .geo import country_of

# how many sentences before the one of the pronoun its subject may be
# looked for in
WINDOW_SENTENCES = 2
# quoted stretches of at least this many words are speech, not names
_SPEECH_WORDS = 4
# an attribution inside a pair of marks, between dashes: `«…, – заявил
# Сергей Лавров. – …»`; its words are no speech
_INNER_CUE = re.compile(r"(?<=[,.!?…])\s*[-–—]\s+([^-–—«»\"\n]{3,100}?)[.,:]\s*[-–—]\s")


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


# a patronymic, or a Russian surname ending the nominative name (a man's
# patronymic only before a surname: `Светлана Алексиевич` is a woman)
_NAME_GENDER = re.compile(r"(?i)(?:(?P<fem>\w+(?:овна|евна|ична)\b|\w{2,}(?:ова|ева|ина|ская|цкая)$)"
                          r"|\w+(?:ович|евич|ьич)\s+\w|\w{2,}(?:ов|ев|ин|ский|цкий)$)")


class PersonGenders:
    """The gender of each person entity of a document: from the patronymic
    or Russian surname of its nominative name, else from the tagger's
    reading of the nouns of its names; shared with the speaker stage."""

    def __init__(self, doc: Document):
        self._tokens = sorted((t for s in doc.sentences for t in s.tokens), key=lambda t: t.start)
        self._starts = [t.start for t in self._tokens]
        self._cache: dict[str, str | None] = {}

    def token_at(self, offset: int) -> Token | None:
        """The token starting at `offset`, or None."""
        k = bisect.bisect_left(self._starts, offset)
        return self._tokens[k] if k < len(self._tokens) and self._starts[k] == offset else None

    def of(self, ent: Entity) -> str | None:
        """`Masc`, `Fem` or None (not known) for a person entity."""
        if ent.id not in self._cache and (by_name := _NAME_GENDER.search(ent.name)):
            # the nominative name's patronymic or Russian surname says it
            # (`Наина Иосифовна`, which the tagger reads as a man's)
            self._cache[ent.id] = "Fem" if by_name.group("fem") else "Masc"
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
        """True unless both the entity's and `gender` are known and differ."""
        their = self.of(ent)
        return gender not in ("Masc", "Fem") or their is None or their == gender


def resolve_pronouns(doc: Document, res: Resources) -> Document:
    """Add to each person's chain the pronouns and person nouns that refer
    to them (see the module docstring); the rest of the document as it was."""
    if not doc.sentences:
        return doc
    speech = _Speech(doc.text)
    genders = PersonGenders(doc)
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
                start, _, named = persons[nxt]
                first = genders.token_at(start)
                history.append((start, named, first is not None and first.feats.get("Case") == "Nom"))
                said[start] = named
                nxt += 1
            ent: Entity | None
            gender, kind = pronoun_gender(tok), "pronoun"
            if gender is None and (title := title_subject(sent, j, res)) is not None:
                titles, last = title
                ent = None if covers(taken, tok.start) or speech.covers(tok.start) else \
                    _holder(history, titles, person_noun_gender(sent, j), genders,
                            country_in(sent, j, res))
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
            if speech.covers(tok.start) or covers(taken, tok.start) \
                    or kind == "pronoun" and other_nearer(doc.sentences[max(0, si - 1):si + 1], j,
                                                           gender, person_spans, res):
                continue
            subj = clause_subject(sent, j)
            ent = _antecedent(history, window, gender, genders,
                              None if subj is None else said.get(sent.tokens[subj].start),
                              tok.end if tok.rel.startswith("nsubj") else sent.start)
            if ent is not None and kind == "role":
                country = next((c for k in subtree(sent, j) if k != j and sent.tokens[k].pos == "ADJ"
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


def _antecedent(history: list[tuple[int, Entity, bool]], window: int, gender: str | None,
                genders: PersonGenders, subject: Entity | None, nearest: int) -> Entity | None:
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


def _holder(history: list[tuple[int, Entity, bool]], titles: tuple[str, ...], gender: str | None,
            genders: PersonGenders, country: str | None) -> Entity | None:
    """The person mentioned last who holds one of `titles` among their roles
    (`Entity.roles`), of the gender and of the country, when given."""
    for _, ent, _ in reversed(history):
        if not genders.fits(ent, gender) or country and country not in (
                ent.country, *(r.country for r in ent.roles)):
            continue
        for role in ent.roles:
            words = role.name.lower().split()
            if any(all(any(stem_match(w, x) for x in words) for w in t.split()) for t in titles):
                return ent
    return None
