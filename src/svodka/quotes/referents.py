"""What a speaker phrase refers to: an entity of the document, found through
a name mention, a pronoun, a role reference or a name inside the phrase.
`Referents` also collects the `role`/`pronoun` mentions it resolves and the
organisations it has to create, and gives back the updated entities."""
from __future__ import annotations

import re

from ..document import Entity, EntityRef, Sentence
from ..stages.anaphors import anaphoric_person_noun, person_noun_gender, pronoun_gender
from ..stages.geo import country_of
from .bodies import _DOCUMENT, _NOBODY, _ORGANISATION, Bodies
from .cues import SUBJECT_RELS, children, phrase, subtree, tokens_in

_PRONOUNS = {"он", "она", "они", "его", "ее", "её", "их"}
_PATRONYMIC = re.compile(r"(?:ович|евич|ич|овна|евна|ична|инична)$")
_PREVIOUS, _PERSON = "previous", "person"


class Referents(Bodies):
    """Resolution state for one document (see module docstring)."""

    def resolve(self, sent: Sentence, j: int, at: int) -> EntityRef | None:
        """The entity that token `j` (the head of a speaker phrase) names."""
        tok = sent.tokens[j]
        if self.lex.roles.get(tok.lemma.lower()) == (_NOBODY,):
            return None     # `итальянские СМИ`, `источник`: nobody in particular
        ent = self._mention_at(tok.start)
        if ent is not None and ent.type == "ORG" and tok.pos == "NOUN" \
                and tok.feats.get("Animacy") == "Anim" and (named := next((
                    e for k in children(sent, j) if sent.tokens[k].rel == "appos"
                    and (e := self._mention_at(sent.tokens[k].start)) is not None and e.type == "PER"),
                    None) or self.apposed_after(sent, j)):
            # `Член общественного совета … Ярослав Емельяненко заявил`: a
            # person noun the NER took for an organisation's name, and the
            # person named after it
            return self._ref(named)
        if ent is not None and not self._is_role_name(ent):
            return self._ref(self._with_surname(ent))
        if tok.text.lower() in _PRONOUNS:
            return self._pronoun(sent, j, at)
        span = phrase(sent, j)
        role, last = self._role_key(sent, j)
        if role is not None:
            named = self._named(sent, span, j, "PER") or (
                None if self.lex.roles[role] == (_ORGANISATION,) else self.apposed_after(sent, j))
            if named is not None and not self._gender_fits(named, _verb_gender(sent, j)):
                # `Представитель Лопес сообщил`: her representative, a man, not her
                return self._ref(self._relation_of(sent, span, j, named))
            if named is not None:
                return self._ref(named)
            titles = self.lex.roles[role]
            if titles == (_NOBODY,):
                return None
            if titles == (_PREVIOUS,):
                return self.previous if tok.feats.get("Number") != "Plur" else None
            if titles == (_ORGANISATION,):
                found = self._ref(self._named(sent, span, j, "ORG") or self._described(sent, j)
                                  or self._body_of_country(sent, span, j))
                return found or self._body(sent, span, j, at)
            if titles == (_DOCUMENT,):
                return self.document_holder(sent, j, at)
            if titles == (_PERSON,):
                return self._any_person(sent, j, at)
            country = self._country_named(sent, span, j)
            holder = self._holder(titles, at)
            if country and (holder is None or holder.country not in (None, country)):
                # `белорусский лидер`: a holder of another country is not him
                holder = self._of_country(country, at)
            elif country and holder.country is None and self._country_named(sent, span, j, adjective=True):
                # ... nor, said by an adjective, one of no known country when
                # somebody of that one is named
                holder = self._of_country(country, at) or holder
            if holder is None and country is None:
                # `Президент … заявляя` after `президент Казахстана` with no name
                # beside it: the untitled person of the country named there
                country = self._role_country(tok.lemma, at)
                holder = self._of_country(country, at, untitled=True) if country else None
            return self._ref(holder, sent, j, last, "role")
        if tok.lemma.lower() in self.lex.members and tok.feats.get("Number") == "Plur":
            return self._ref(self._organisation(self.lex.members[tok.lemma.lower()], tok))
        if tok.lemma.lower() in self.lex.title_nouns:
            return self._ref(self._named(sent, span, j, "ORG") or self._titled(tok, at))
        if tok.pos == "NOUN" and tok.feats.get("Number") == "Plur" \
                and tok.feats.get("Animacy") == "Anim" and tok.lemma.lower() not in self.lex.staff:
            # `комментаторы TJournal`, `читатели газеты`: people nobody names,
            # not the organisation they are described by; its staff speak
            # for it (`сотрудники полиции`, resources/staff_nouns.tsv), as do
            # roles and members above
            return None
        found = self._named(sent, span, j, "PER") or self._named(sent, span, j, "ORG") \
            or self.apposed_after(sent, j)
        if found is None and tok.pos == "PROPN":
            found = self._by_surname(tok)
        if found is None and tok.pos in ("NOUN", "PROPN"):
            found = self._organisation_named(tok, at)
        if found is None:
            found = self._described(sent, j)
        return self._ref(found)

    def _with_surname(self, ent: Entity) -> Entity:
        """`Виктор Фёдорович` (first name and patronymic) is the one person
        of the article with that first name and a surname, when there is one."""
        words = ent.name.split()
        if ent.type != "PER" or len(words) != 2 or not _PATRONYMIC.search(words[1]) \
                or any(m.text.split()[-1] == m.text and m.text[:4] == words[1][:4] for m in ent.mentions):
            return ent      # (a surname is used alone, `Янукович рассказал`; a patronymic never)
        found = {e.id: e for e in self._entities if e.type == "PER" and e.id != ent.id
                 and e.name.split()[0] == words[0] and len(e.name.split()) >= 2}
        return next(iter(found.values())) if len(found) == 1 else ent

    def resolve_quietly(self, sent: Sentence, j: int, at: int) -> EntityRef | None:
        """`resolve` without recording the role or pronoun mention it passes
        through: for a look at who spoke, not an attribution."""
        extra = {k: list(v) for k, v in self._extra.items()}
        try:
            return self.resolve(sent, j, at)
        finally:
            self._extra = extra

    def _relation_of(self, sent: Sentence, span: list[int], j: int, named: Entity) -> Entity:
        """A person given by role noun `j` and the name of the one they stand
        for (`Представитель Лопес`): an entity named by that phrase."""
        # (the name may stand after the phrase, `Представитель, Лопес`: then
        # the phrase alone names the relation)
        end = max((sent.tokens[k].end for k in span if self._mention_at(sent.tokens[k].start) is named),
                  default=max(sent.tokens[k].end for k in span))
        return self._new_entity("PER", sent.tokens[j].start, end, "role")

    def _described(self, sent: Sentence, j: int) -> Entity | None:
        """`Менеджер Мии Фэрроу сказал`: a person given only by a relation to
        a named one becomes an entity named by that phrase (in the nominative,
        as printed)."""
        tok = sent.tokens[j]
        if tok.pos != "NOUN" or tok.feats.get("Animacy") != "Anim" or tok.feats.get("Case") != "Nom" \
                or tok.feats.get("Number") != "Sing":
            return None
        for k in children(sent, j):
            if k == j + 1 and sent.tokens[k].rel in ("nmod", "appos") \
                    and sent.tokens[k].feats.get("Case") == "Gen":
                ent = self._mention_at(sent.tokens[k].start)
                if ent is None:
                    return None
                end = max(e for s, e, x in self._mentions if x is ent and s == sent.tokens[k].start)
                return self._new_entity("PER", tok.start, end, "role")
        return None

    def is_role(self, sent: Sentence, j: int) -> bool:
        """Token `j` heads a reference to a role's holder (`глава МИД РФ`), not
        to nobody in particular (`источник`)."""
        role, _ = self._role_key(sent, j)
        return role is not None and self.lex.roles[role] != (_NOBODY,)

    def nominative_before(self, sent: Sentence, i: int) -> EntityRef | None:
        """The nearest person or organisation named in the nominative before
        verb `i`, in its clause and outside quotes; none for a verb in the
        plural (`говорят`, `сообщили`: nobody in particular)."""
        verb = sent.tokens[i]
        if verb.feats.get("Number") == "Plur":
            return None
        for k in range(i - 1, max(-1, i - 13), -1):
            tok = sent.tokens[k]
            if tok.pos in ("VERB", "AUX") and tok.feats.get("VerbForm") == "Fin" \
                    or tok.pos in ("CCONJ", "SCONJ"):
                return None
            if self.in_direct_quote(tok.start):
                continue
            ent = self._mention_at(tok.start)
            if ent is not None and ent.type in ("PER", "ORG") and tok.feats.get("Case") == "Nom" \
                    and not self._is_role_name(ent) \
                    and (ent.type == "ORG" or self._gender_fits(ent, verb.feats.get("Gender"))):
                return self._ref(ent)
        return None

    def in_phrase(self, sent: Sentence, j: int) -> EntityRef | None:
        """A person or organisation named anywhere in the phrase of token `j`
        (`говорится в сообщении ГУ МВД`)."""
        span = phrase(sent, j)
        found = self._named(sent, span, -1, "ORG") or self._named(sent, span, -1, "PER")
        for k in span:
            if found is None and sent.tokens[k].lemma in self.lex.title_nouns:
                found = self._titled(sent.tokens[k], sent.tokens[k].start)
        if found is None and self.is_document(sent, j):
            return self.document_holder(sent, j, sent.tokens[j].start)
        if found is None and self.lex.roles.get(sent.tokens[j].lemma.lower()) == (_PREVIOUS,):
            # `говорится в интервью`: the one interviewed, who spoke last
            return self.previous or (self.spoken[-1][1] if self.spoken else None)
        return self._ref(found)

    def named_in(self, start: int, end: int) -> EntityRef | None:
        """The first person (else organisation) named between the offsets,
        one named in the nominative first (`Соболезнования … господина Лесина
        уже выразил президент России Владимир Путин`)."""
        # (not the addressee in the dative: `сообщили РИА Новости`)
        found = [(s, e) for s, _, e in self._mentions[self.mentions_before(start):self.mentions_before(end)]
                 if not self._is_role_name(e) and not self._is_dative(s)]
        for etype in ("PER", "ORG"):
            typed = [(s, e) for s, e in found if e.type == etype]
            nominative = [e for s, e in typed if self._is_nominative(s)]
            if nominative or typed:
                return self._ref((nominative or [typed[0][1]])[0])
        for sent, i in tokens_in(self.doc, start, end):
            if sent.tokens[i].pos == "PROPN":
                found = self._by_surname(sent.tokens[i])
                if found:
                    return self._ref(found)
        return None

    def _named(self, sent: Sentence, span: list[int], j: int, etype: str) -> Entity | None:
        """The last entity of `etype` named in the phrase (a name follows its
        descriptor: `глава пресс-службы … Айрат Мурзагалиев`). A person must
        be the phrase's own name, not a genitive (`менеджер Мии Фэрроу`)."""
        found = None
        for k in span:
            if k == j:
                continue
            ent = self._mention_at(sent.tokens[k].start)
            if ent is None or ent.type != etype or self._is_role_name(ent):
                continue
            if etype == "PER" and j >= 0 and not self._is_apposed(sent, k, j):
                continue
            found = ent
        return found

    @staticmethod
    def _is_apposed(sent: Sentence, k: int, j: int) -> bool:
        """No prepositional link on the way from name token k up to j, and
        the name agrees in case with j: `пресс-секретарь президента Альфредо
        Скоссимарро` is the press secretary even where the parser hangs the
        name on the genitive; `менеджер Мии Фэрроу` is not Фэрроу."""
        case = sent.tokens[j].feats.get("Case")
        name = True     # on the name's own words: each agrees with j
        while k != j and k >= 0:
            tok = sent.tokens[k]
            if tok.rel in ("obl", "case") or name and tok.feats.get("Case") not in (None, case):
                return False
            name = name and tok.rel in ("flat:name", "flat")
            k = tok.head
        return k == j

    def apposed_after(self, sent: Sentence, j: int) -> Entity | None:
        """`пояснил автор законопроекта, первый зампред … Андрей Красов`: a
        name set off by a comma right after the speaker phrase."""
        toks = sent.tokens
        end = max(phrase(sent, j)) + 1
        if end >= len(toks) or toks[end].text != ",":
            return None
        case = toks[j].feats.get("Case")
        for k in range(end + 1, len(toks)):
            t = toks[k]
            if t.pos == "PUNCT" and t.text not in ("-", "–"):
                return None
            ent = self._mention_at(t.start)
            if ent is not None and ent.type == "PER" and t.feats.get("Case") in (None, case):
                # `Как сообщает пресс-служба Кремля, Путин и Токаев обсудили`:
                # the subject of the next clause is no apposition
                return None if t.rel in SUBJECT_RELS else ent
            if t.pos in ("VERB", "AUX"):
                return None
        return None

    def _role_key(self, sent: Sentence, j: int) -> tuple[str | None, int]:
        """The role reference headed by token `j` and the index of its last word."""
        lemma = sent.tokens[j].lemma.lower()
        for k in children(sent, j):
            # (the genitive right after the head, or after its own adjectives:
            # `глава внешнеполитического ведомства`, `глава российской дипломатии`)
            if k > j and sent.tokens[k].rel == "nmod" and all(
                    sent.tokens[m].head == k and sent.tokens[m].rel in ("amod", "det") for m in range(j + 1, k)):
                pair = f"{lemma} {sent.tokens[k].lemma.lower()}"
                if pair in self.lex.roles:
                    return pair, k
        return (lemma, j) if lemma in self.lex.roles else (None, j)

    def _country_named(self, sent: Sentence, span: list[int], j: int,
                       adjective: bool = False) -> str | None:
        """The country an adjective or a genitive name in the phrase of `j`
        names (`белорусский лидер`, `Президент Казахстана`), if one; with
        `adjective`, only an adjective's."""
        if self.res is None:
            return None
        return next((c for k in span if k != j and (
            sent.tokens[k].pos == "ADJ" or not adjective and sent.tokens[k].pos == "PROPN"
            and sent.tokens[k].rel == "nmod")
            and (c := country_of(sent.tokens[k].text, self.res))), None)

    def _role_country(self, lemma: str, at: int) -> str | None:
        """The country named beside an earlier use of role noun `lemma` in
        the article (`президент Казахстана`, `белорусский президент`)."""
        for sent in self.doc.sentences:
            if sent.start >= at:
                break
            for k, t in enumerate(sent.tokens):
                if t.lemma == lemma and t.start < at:
                    country = self._country_named(sent, phrase(sent, k), k)
                    if country:
                        return country
        return None

    def _of_country(self, country: str, at: int, untitled: bool = False) -> Entity | None:
        """The one person of `country` the article names outside quotes
        (before `at`, else anywhere); None when there are several
        (`российский президент` after both Путин and Медведев). With
        `untitled`, only people the article gives no role."""
        def of_country(mentions) -> dict[str, Entity]:
            return {ent.id: ent for start, _, ent in mentions
                    if ent.type == "PER" and ent.country == country and not self._is_role_name(ent)
                    and not (untitled and ent.roles)
                    and not self.in_direct_quote(start)}
        found = of_country(self._mentions[:self.mentions_before(at)]) or of_country(self._mentions)
        return next(iter(found.values())) if len(found) == 1 else None

    def _any_person(self, sent: Sentence, j: int, at: int) -> EntityRef | None:
        """`написала политик`: a noun for any person is the person the
        chains resolved it to (`stages/coref.py`: the person last named, of
        the gender of the noun or of its verb); not when the phrase makes it
        somebody else (`знакомого с ним бизнесмена`) or names a country that
        is not known as that person's (`южнокорейский дипломат`)."""
        if not anaphoric_person_noun(sent, j, self.res):
            return None
        ent = self._entity(self._pronoun(sent, j, at, "role"))
        if ent is None:
            return None
        country = self._country_named(sent, subtree(sent, j), j)
        if country and ent.country != country:
            return None
        return self._ref(ent, sent, j, j, "role")

    def _pronoun(self, sent: Sentence, j: int, at: int, kind: str = "pronoun") -> EntityRef | None:
        """The person pronoun `j` refers to, or a noun for any person (`политик`,
        kind `role`): the chains' answer (`stages/coref.py`, one resolution
        for speakers and events), unless the quote just before is nearer than
        that answer's antecedent. Then `он` is that quote's speaker
        (`«…», — сказал Лавров. … Однако он подчеркнул`); this stays here
        because speakers are found after the chains, and the mention then
        moves to the speaker's chain (`Mentions.entities`)."""
        tok = sent.tokens[j]
        plural = tok.feats.get("Number") == "Plur" or tok.text.lower() in ("они", "их")
        found = self.chains.mention_at(tok.start)
        ent = found[1] if found is not None and found[0].kind == kind and found[0].start == tok.start \
            else None
        antecedent = -1 if ent is None else next(
            (m.start for m in self.chains.mentions_before(ent.id, tok.start)
             if not self.in_direct_quote(m.start)), -1)
        prev = self._entity(self.previous)
        # (a quote before with no cue at all says nothing of who `он` is)
        if self.previous_end >= 0 and not (prev is None and self.previous_uncued) \
                and antecedent < self.previous_end:
            gender = pronoun_gender(tok) if kind == "pronoun" else person_noun_gender(sent, j)
            fits = prev is not None and (prev.type == "ORG" if plural else
                                         prev.type == "PER" and self._gender_fits(prev, gender))
            return self._ref(prev, sent, j, j, kind) if fits else None
        return None if plural else self._ref(ent)


def _verb_gender(sent: Sentence, j: int) -> str | None:
    """The gender of the past-tense verb whose subject is token `j`
    (`написала политик` is a woman), else None."""
    head = sent.tokens[j].head
    if head < 0 or sent.tokens[head].pos not in ("VERB", "AUX"):
        return None
    return sent.tokens[head].feats.get("Gender")
