"""Event actors: the phrase at a token of the parse → an `Actor` with the
entity it names, its country (ISO alpha-3) and sector.

Where the country comes from, in order: an entity mentioned in the phrase
(its own country, its roles' country: `председатель Мажилиса Парламента
Казахстана` → KAZ LEG; a place → that country), a country word in the
phrase (`белорусская делегация` → BLR, `полиция Белиза` → BLZ), a pronoun
of a quote (`мы` → the speaker, `вы` → the other side), and, for a domestic
institution (`суд`, `полиция`), the country the article is about. Sectors
come from the entity or from the head noun (`resources/sectors.tsv`).
A third-person pronoun (`он`, `его`) or a noun for any person (`политик`)
is the entity the chains resolved it to (`stages/coref.py`), the same the
speaker stage reads; a pronoun the chains left alone (inside a quote) has
no actor.
"""
from __future__ import annotations

import bisect
import re
import functools
from collections import Counter
from dataclasses import dataclass

from ..document import Actor, Document, Entity, Sentence, Token
from ..resources import Resources
from ..stages.chains import Chains
from ..stages.geo import country_kind, country_name, country_of, region_country
from .triggers import prepositions
from ..stages.lexicon import people_index

# How sure an actor is: named in the phrase, or inferred from the article.
NAMED, DOMESTIC, ASSUMED = 2, 1, 0

# Sectors of actors that belong to no one country (`ООН`, `Amnesty
# International`): they stand without a country and never take the
# article's.
STATELESS = frozenset({"IGO", "NGO"})

# Dependents that belong to another phrase or clause, not to this actor.
_OUTSIDE = {"conj", "cc", "punct", "parataxis", "advcl", "ccomp", "nsubj", "csubj",
            "obj", "iobj", "obl"}
# ... except these, which can name who the phrase is (`во главе с Кошановым`,
# `помощь, которую Казахстан оказал`).
_INSIDE_CLAUSE = {"acl:relcl", "acl"}


@dataclass(frozen=True)
class Coded:
    """An actor with how sure we are of it (NAMED, DOMESTIC or ASSUMED)."""
    actor: Actor
    strength: int


@functools.cache
def _sectors(res: Resources) -> dict[str, tuple[str, bool]]:
    return {r["lemma"]: (r["sector"], r["domestic"] == "yes") for r in res.table("sectors")}


@functools.cache
def _deixis(res: Resources) -> dict[str, str]:
    return {r["lemma"]: r["refers"] for r in res.table("deixis")}


def is_reciprocal(lemma: str, res: Resources) -> bool:
    """True for `друг` of `друг друга` (deixis.tsv): each subject acts on the other."""
    return _deixis(res).get(lemma.lower()) == "reciprocal"


def is_sides(tok, res: Resources) -> bool:
    """True for a plural noun that names both sides (`стороны`, `лидеры`)."""
    return tok.feats.get("Number") == "Plur" and _deixis(res).get(tok.lemma.lower()) == "sides"


def is_reflexive(lemma: str, res: Resources) -> bool:
    """True for `себя` (deixis.tsv): the subject acts on itself."""
    return _deixis(res).get(lemma.lower()) == "reflexive"


_PARTICIPLE_END = re.compile(r"(щ|вш)(ий|его|ему|им|ем|ая|ей|ую|ее|ие|их|ими)$")


def _sector_word(tok: Token) -> str | None:
    """What a word is looked up by in sectors.tsv: a noun's lemma, or a
    participle standing for people in its masculine nominative
    (`протестующих` → `протестующий`; the tagger's lemma is the verb's)."""
    if tok.pos in ("NOUN", "PROPN"):
        return tok.lemma.lower()
    if tok.pos == "VERB" and tok.feats.get("VerbForm") == "Part" and tok.rel not in ("amod", "acl"):
        return _PARTICIPLE_END.sub(r"\1ий", tok.text.lower())
    return None


def entity_country(ent: Entity, res: Resources) -> str | None:
    """The entity's own country, its first role's, or (a place) the country
    its name names."""
    if ent.country:
        return ent.country
    for role in ent.roles:
        if role.country:
            return role.country
    if ent.type == "LOC":
        return country_of(ent.name, res) or next(
            (c for m in ent.mentions if (c := country_of(m.text, res))), None) \
            or region_country(ent.name, res) or _state_of(ent.name, res)
    return None


# Nouns that, after a country's adjective, name its state (`Палестинское
# государство`, `Французская Республика`).
_STATE_NOUNS = ("государств", "республик", "королевств", "федераци")


def _state_of(name: str, res: Resources) -> str | None:
    words = name.split()
    if len(words) == 2 and words[1].lower().startswith(_STATE_NOUNS) \
            and country_kind(words[0], res) == "adjective":
        return country_of(words[0], res)
    return None


def entity_sector(ent: Entity) -> str | None:
    """The entity's sector, else the sector of the first of its roles that has one; None when neither does."""
    if ent.sector:
        return ent.sector
    return next((r.sector for r in ent.roles if r.sector), None)


def entity_actor(ent: Entity, res: Resources) -> Actor:
    """The event `Actor` for an entity of the document: its name, id, country
    (`entity_country`) and sector (`entity_sector`)."""
    return Actor(name=ent.name, entity=ent.id, country=entity_country(ent, res),
                 sector=entity_sector(ent))


def country_actor(iso3: str, res: Resources, sector: str | None = None) -> Actor:
    """An `Actor` standing for the country `iso3` itself (its Russian short name),
    with `sector` when given."""
    return Actor(name=country_name(iso3, res), country=iso3, sector=sector)


def home_country(doc: Document, res: Resources) -> str | None:
    """The country the article is mostly about: the one its places (and its
    office holders, well-known people and organisations of known country)
    name most often, the earliest named on a tie; None if it names none."""
    counts: Counter = Counter()
    first: dict[str, int] = {}
    for ent in doc.entities:
        if ent.type == "PER" and not ent.roles and people_index(res).known(ent.name) is None:
            continue    # a private person's nationality (`канадец X`) is not the story's place
        for m in ent.mentions:
            iso = (country_of(m.text, res) if ent.type == "LOC" else None) or entity_country(ent, res)
            if iso:
                counts[iso] += 1
                first[iso] = min(first.get(iso, m.start), m.start)
    if not counts:
        return None
    return max(counts, key=lambda c: (counts[c], -first[c]))


class ActorCoder:
    """Codes the actor of a phrase in one document; built once per document."""

    def __init__(self, doc: Document, res: Resources):
        self.doc, self.res = doc, res
        # the person and organisation chains, shared with the speaker stage:
        # names, roles, and the pronouns and person nouns `stages/coref.py`
        # resolved (`он отозвал посла`, `его правительство`)
        self.chains = Chains(doc)
        self._quotes = sorted(((q.start, q.end, q) for q in doc.quotes), key=lambda x: x[:2])
        self._quote_starts = [start for start, _, _ in self._quotes]
        # running maximum of ends: the first quote that can cover an offset
        self._quote_reach: list[int] = []
        for _, end, _ in self._quotes:
            self._quote_reach.append(max(end, self._quote_reach[-1] if self._quote_reach else end))
        self.home = home_country(doc, res)
        self._country_rank = self._rank_countries()

    def _rank_countries(self) -> list[str]:
        counts: Counter = Counter()
        for ent in self.doc.entities:
            iso = entity_country(ent, self.res)
            if iso:
                counts[iso] += len(ent.mentions)
        return [c for c, _ in counts.most_common()]

    def entity_at(self, offset: int) -> Entity | None:
        """The entity one of whose mentions covers the character `offset`."""
        return self.chains.entity_at(offset)

    def quote_at(self, offset: int):
        """The document's quote whose span covers the character `offset`, or None."""
        # (by bisection: asked for many words of an article,
        # so a scan of all quotes would make long articles quadratic)
        lo = bisect.bisect_right(self._quote_reach, offset)
        hi = bisect.bisect_right(self._quote_starts, offset)
        for start, end, q in self._quotes[lo:hi]:
            if start <= offset < end:
                return q
        return None

    def speaker(self, offset: int) -> Coded | None:
        """The speaker of the quote around `offset`, as an actor."""
        q = self.quote_at(offset)
        ent = self.doc.entity(q.speaker.id) if q and q.speaker else None
        if ent is None:
            return None
        actor = entity_actor(ent, self.res)
        return Coded(actor, NAMED) if actor.country or actor.sector in STATELESS else None

    def sides(self, last: tuple[str, ...]) -> list[Coded]:
        """The two sides: `last` (the countries of the last bilateral event),
        else the two countries the article names most."""
        pair = last if len(last) == 2 else tuple(self._country_rank[:2])
        return [Coded(country_actor(iso, self.res), NAMED) for iso in pair] if len(pair) == 2 else []

    def addressee(self, offset: int) -> Coded | None:
        """Whom `вы` in a quote means: the country, other than the speaker's,
        that the article names most (the other side of the talks)."""
        spoken = self.speaker(offset)
        if spoken is None:
            return None
        for iso in self._country_rank:
            if iso != spoken.actor.country:
                return Coded(country_actor(iso, self.res), NAMED)
        return None

    def _deictic(self, tok) -> Coded | None:
        refers = _deixis(self.res).get(tok.lemma.lower()) or _deixis(self.res).get(tok.text.lower())
        if refers == "speaker":
            return self.speaker(tok.start)
        if refers == "addressee":
            return self.addressee(tok.start)
        # (`он`, `его`: the chains resolved them, `entity_at` reads them)
        return None

    def code(self, sent: Sentence, index: int, children, clauses: bool = True) -> Coded | None:
        """The actor of the phrase headed by token `index` of `sent`, or None
        when the phrase names no actor we can tie to a country or an
        international organisation. Its name is the head's entity, else the
        head's actor noun (`полиция`), else the entity that gave the country."""
        phrase = _phrase(index, children, sent, clauses)
        head = sent.tokens[index]
        if not clauses and head.pos == "NOUN" and head.feats.get("Animacy") == "Inan" \
                and head.lemma.lower() not in _sectors(self.res) and self.entity_at(head.start) is None:
            # a thing stands for its owner only (`действия Израиля`,
            # `российские власти`), not for whatever its phrase mentions
            phrase = [k for k in phrase if k == index or _owns(index, k, children, sent)]
        # The head noun's sector, else the first in the phrase (`федерация
        # профсоюзов`, `Союз промышленников`).
        noun = next((sent.tokens[i] for i in phrase if _sector_word(sent.tokens[i]) in _sectors(self.res)), None)
        head_sector = _sectors(self.res)[_sector_word(noun)] if noun else None
        head_entity = self.entity_at(sent.tokens[index].start)
        # a pronoun or role the chains already resolved (the speaker stage
        # records those of its cues) is read from them: one resolution
        found = None if head_entity is not None else self._deictic(sent.tokens[index])
        if found is None and head_entity is not None:
            found = Coded(entity_actor(head_entity, self.res), NAMED)
        if found is None or not found.actor.country:
            found = self._country_in(phrase, sent) or self._continued(index, phrase, sent) or found
        actor = found.actor if found else Actor()
        is_head = noun is not None and noun is sent.tokens[index]
        name = ((head_entity.name if head_entity else None) or (noun.lemma if is_head else None)
                or actor.name or (noun.lemma if noun else None))
        entity = head_entity.id if head_entity else actor.entity
        sector = (head_entity and entity_sector(head_entity)) or actor.sector or (
            head_sector[0] if head_sector else None)
        country, strength = actor.country, NAMED
        if country is None and head_sector and head_sector[1] and self.home:
            country, strength = self.home, DOMESTIC

        if country is None and sector not in STATELESS:
            if entity is not None or head_sector:
                return Coded(Actor(name=name, entity=entity, sector=sector), ASSUMED)
            return None
        return Coded(Actor(name=name, entity=entity, country=country, sector=sector), strength)

    def _country_in(self, phrase: list[int], sent: Sentence) -> Coded | None:
        """The first word of the phrase that ties it to a country: a pronoun
        of a quote, an entity of known country, a country word; a possessive
        of a quote (`наших`) only when no other word does."""
        deictic = None
        for i in phrase:
            t = sent.tokens[i]
            if t.pos in ("DET", "PRON"):
                found = self._deictic(t)
                if found and found.actor.country:
                    if t.pos == "PRON" or t.rel != "det":
                        return found
                    # (a possessive only when nothing else says whose:
                    # `наших китайских партнёров` are China's)
                    deictic = deictic or found
                    continue
            ent = self.entity_at(t.start)
            if ent is not None:
                actor = entity_actor(ent, self.res)
                if actor.country or actor.sector in STATELESS:
                    return Coded(actor, NAMED)
            elif iso := country_of(t.text, self.res):
                return Coded(Actor(country=iso), NAMED)
        return deictic

    def _continued(self, index: int, phrase: list[int], sent: Sentence) -> Coded | None:
        """The parser often hangs `во главе с Кошановым` on the verb, not on
        the noun: a person or organisation right after the head still says
        whose the phrase is (a place there says only where)."""
        for i in _continuation(index, sent):
            ent = self.entity_at(sent.tokens[i].start)
            if ent is not None and ent.type != "LOC" and i not in phrase:
                actor = entity_actor(ent, self.res)
                if actor.country:
                    return Coded(actor, NAMED)
        return None

    def place(self, sent: Sentence, index: int):
        """The LOC entity at token `index` and its country, or (None, None)."""
        ent = self.entity_at(sent.tokens[index].start)
        if ent is None or ent.type != "LOC":
            return None, None
        return ent, entity_country(ent, self.res)


def _phrase(index: int, children, sent: Sentence, clauses: bool = True) -> list[int]:
    """Token indexes of the phrase headed by `index`, breadth first (subjects
    of relative clauses before their objects); without `clauses`, its
    relative and participle clauses left out."""
    order, seen, queue = [], {index}, [index]
    while queue:
        i = queue.pop(0)
        order.append(i)
        inside = i == index or sent.tokens[i].rel in _INSIDE_CLAUSE
        kids = [k for k in children[i] if k not in seen
                and sent.tokens[k].rel not in ("conj", "cc", "punct", "parataxis")
                and (inside or sent.tokens[k].rel not in _OUTSIDE)]
        if not clauses:
            # of a clause only its doer: `помощь, которую Казахстан оказал`,
            # `доме, арендуемом американцами`
            kids = [j for k in kids for j in ([k] if sent.tokens[k].rel not in _INSIDE_CLAUSE
                                              else _doers(k, children, sent)) if j not in seen]
        kids.sort(key=lambda k: (not sent.tokens[k].rel.startswith("nsubj"), k))
        seen.update(kids)
        queue.extend(kids)
    return order


def _owns(head: int, k: int, children, sent: Sentence) -> bool:
    """True when token `k` names an owner of the thing at `head`: on the way
    up, only possessives and adjectives, genitives without a preposition,
    the words of a name, and the doer of a clause or participle that
    describes the thing (`помощь, которую Казахстан оказал`, `доме,
    арендуемом американцами`)."""
    while k != head:
        t = sent.tokens[k]
        if t.head < 0:
            return False
        parent = sent.tokens[t.head]
        if t.rel in ("amod", "det", "flat:name", "flat", "appos") or (
                t.rel in _INSIDE_CLAUSE and t.head == head):
            pass
        elif t.rel == "nmod" and (t.feats.get("Case") in ("Gen", "Ins") or (
                # (`народу Турции`: a feminine genitive like a dative, which
                # the tagger reads in its head's case)
                t.feats.get("Case") == "Dat" == parent.feats.get("Case"))):
            # (the instrumental is the doer of an action noun: `возвращении
            # Россией островов`)
            # (and `из` its origin: `обвинения из Киева`)
            if prepositions(sent, k, children) - {"из"}:
                return False
        elif k in _doers(t.head, children, sent) and (
                parent.rel in _INSIDE_CLAUSE or parent.feats.get("VerbForm") == "Part"):
            pass
        else:
            return False
        k = t.head
    return True


def _doers(clause: int, children, sent: Sentence) -> list[int]:
    """The subject or agent of a relative or participle clause."""
    return [k for k in children[clause] if sent.tokens[k].rel in ("nsubj", "obl:agent")
            or (sent.tokens[k].rel == "obl" and sent.tokens[k].feats.get("Case") == "Ins"
                and not any(sent.tokens[j].rel == "case" for j in children[k]))]


def _continuation(index: int, sent: Sentence) -> list[int]:
    """The words after the head up to its governor or a clause boundary."""
    head, out = sent.tokens[index].head, []
    for i in range(index + 1, len(sent.tokens)):
        if i == head or sent.tokens[i].pos in ("PUNCT", "VERB", "AUX", "CCONJ"):
            break
        out.append(i)
    return out
