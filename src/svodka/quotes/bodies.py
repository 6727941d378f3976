"""Organisations and documents that speak: a body named by its kind
(`пресс-служба`, `ведомство`), with or without a genitive of its own, a
document (`в сообщении`, `согласно документу`) that speaks for its issuer,
and organisations named by a title noun (`газета «Известия»`). `Bodies` is
the part of `Referents` that resolves them."""
from __future__ import annotations

import bisect
import dataclasses
import re

from ..document import Entity, EntityRef, Sentence
from ..stages.geo import country_of
from .cues import phrase
from .mentions import Mentions

_ORGANISATION, _NOBODY, _DOCUMENT = "organisation", "nobody", "document"
_QUOTED_NAME = re.compile(r"\s*(?:''|[\"«„“])([^\"»“”'\n]{1,60}?)(?:''|[\"»“”])")


class Bodies(Mentions):
    """Resolution of organisations and documents (see module docstring);
    `_named` and `_country_named` come from `Referents`."""

    _by_lemma: dict[str, list] | None = None    # `_titled`'s tokens by lemma, in text order

    def organisation_spoken(self, at: int, country: str | None = None) -> EntityRef | None:
        """The organisation that spoke last before `at` (of `country`, when
        given): what a bare `пресс-служба`, `ведомство` or `в сообщении`
        refers back to."""
        for start, ref in reversed(self.spoken):
            ent = self._entity(ref)
            if start < at and ent is not None and ent.type == "ORG" and (country is None or country == (
                    ent.country or self._country_in_name(ent))):
                return ref
        return None

    def _country_in_name(self, ent: Entity) -> str | None:
        """The country a word of the organisation's name names (`посольство США`)."""
        if self.res is None:
            return None
        return next((c for w in ent.name.split() if (c := country_of(w, self.res))), None)

    def _body(self, sent: Sentence, span: list[int], j: int, at: int) -> EntityRef | None:
        """A body named by its kind alone (`отмечает пресс-служба`, `заявило
        американское дипломатическое ведомство`, `сообщило министерство`):
        the organisation (of the country its adjective names) that spoke
        last, else the one last named with this word in its name. A body
        with a genitive of its own (`в пресс-службе базы`) is an
        organisation named by that phrase."""
        tok = sent.tokens[j]
        own = [k for k in span if k > j and sent.tokens[k].rel == "nmod"
               and sent.tokens[k].pos in ("NOUN", "PROPN")]
        if own:
            if sent.tokens[j].feats.get("Number") == "Plur" or any(
                    sent.tokens[k].pos == "PRON" or sent.tokens[k].lemma == "который" for k in span):
                return None
            # `в пресс-службе министерства`: the ministry last named, else the phrase
            return self._ref(self._organisation_named(sent.tokens[own[0]], at)
                             or self._new_body(sent, j, max(span)))
        if tok.feats.get("Animacy") == "Anim" and tok.feats.get("Number") == "Sing":
            # `по словам представителя` after `официальный представитель … Сесар Дуран`
            found = self._titled_before(tok.lemma.lower(), at)
            if found is not None:
                return self._ref(found)
        country = self._country_named(sent, span, j)
        return self.organisation_spoken(at, country) or self._ref(self._organisation_named(tok, at))

    def _titled_before(self, title: str, at: int) -> Entity | None:
        """The person last named before `at` with `title` among their roles
        or printed next to their name."""
        for start, end, ent in reversed(self._mentions[:self.mentions_before(at)]):
            if ent.type == "PER" and not self._is_role_name(ent) and (
                    self._has_title(ent, (title,)) or self._titled_near(start, end, (title,))):
                return ent
        return None

    def _new_body(self, sent: Sentence, j: int, last: int) -> Entity:
        """An organisation named by its phrase, its head word in the nominative
        (`в пресс-службе базы` → `пресс-служба базы`)."""
        ent = self._new_entity("ORG", sent.tokens[j].start, sent.tokens[last].end, "role")
        rest = self.doc.text[sent.tokens[j].end:sent.tokens[last].end]
        ent = dataclasses.replace(ent, name=sent.tokens[j].lemma + rest)
        self._entities[-1] = ent
        self._mentions = [(s, e, ent if x.id == ent.id else x) for s, e, x in self._mentions]
        return ent

    def document_holder(self, sent: Sentence, j: int, at: int) -> EntityRef | None:
        """Whose document noun `j` is (`говорится в сообщении МВД`, `согласно
        документу`): the person or organisation named in its phrase, else the
        organisation that spoke last, else the speaker of the quote just before."""
        span = phrase(sent, j)
        found = self._named(sent, span, -1, "ORG") or self._named(sent, span, -1, "PER")
        if found is not None:
            return self._ref(found)
        if any(sent.tokens[k].pos in ("PRON", "DET") and sent.tokens[k].lemma != "этот" for k in span):
            return None     # `в своём заявлении`, `в его сообщении`: a pronoun's, resolved elsewhere
        return self.organisation_spoken(at) or self.previous

    def is_document(self, sent: Sentence, j: int) -> bool:
        """True when token `j` of the sentence is a noun for a document that speaks
        (`заявление`, `документ`: roles.tsv's `document` class)."""
        return self.lex.roles.get(sent.tokens[j].lemma.lower()) == (_DOCUMENT,)

    def is_body(self, sent: Sentence, j: int) -> bool:
        """Token `j` names a body by its kind (`пресс-служба`, `ведомство`)."""
        return self.lex.roles.get(sent.tokens[j].lemma.lower()) == (_ORGANISATION,)

    def _body_of_country(self, sent: Sentence, span: list[int], j: int) -> Entity | None:
        """`сообщила пресс-служба президента Узбекистана`: a body named by a
        phrase in the nominative that names a country becomes an
        organisation of that country, named as printed."""
        tok = sent.tokens[j]
        country = self._country_named(sent, span, j)
        if country is None or tok.feats.get("Case") != "Nom" or max(span) <= j:
            return None
        return self._new_entity("ORG", tok.start, sent.tokens[max(span)].end, "name", country)

    def _organisation(self, names: tuple[str, ...], tok) -> Entity:
        """The organisation going by one of `names`; made from the first name
        (with the member noun as its mention) when the article has none."""
        wanted = {n.lower() for n in names}
        for e in self._entities:
            if e.type == "ORG" and ({e.name.lower(), *map(str.lower, e.aliases)} & wanted
                                    or any(m.text.lower() in wanted for m in e.mentions)):
                return e
        ent = self._new_entity("ORG", tok.start, tok.end, "role")
        ent = dataclasses.replace(ent, name=names[0])
        self._entities[-1] = ent
        self._mentions = [(s, e, ent if x.id == ent.id else x) for s, e, x in self._mentions]
        return ent

    def _organisation_named(self, tok, at: int) -> Entity | None:
        """`Совет также заявил` after `Конституционный совет Туниса`: the
        organisation last named before `at` whose name has this noun."""
        word = tok.lemma.lower()
        for start, end, ent in reversed(self._mentions[:self.mentions_before(at)]):
            if ent.type == "ORG" and word in self.doc_lemmas(start, end):
                return ent
        return None

    def _titled(self, tok, at: int) -> Entity | None:
        """`газета «Известия»`: the organisation whose quoted name follows
        this noun here, or follows the same noun last before `at`."""
        text = self.doc.text
        m = _QUOTED_NAME.match(text, tok.end)
        if m is None:
            if self._by_lemma is None:
                self._by_lemma = {}
                for sent in self.doc.sentences:
                    for t in sent.tokens:
                        self._by_lemma.setdefault(t.lemma, []).append(t)
            earlier = self._by_lemma.get(tok.lemma, [])
            for t in reversed(earlier[:bisect.bisect_left(earlier, at, key=lambda t: t.start)]):
                m = _QUOTED_NAME.match(text, t.end)
                if m is not None:
                    break
        if m is None:
            return None
        ent = self._mention_at(m.start(1))
        return ent if ent is not None else self._new_entity("ORG", m.start(1), m.end(1))
