"""PLOVER events coded from the Russian text: who did what to whom, where
and when.

Triggers (`events/triggers.py`: the lexicon `resources/plover.tsv` and the
words that deny an event, `resources/event_modality.tsv`) are read off the
dependency parse here: the subject is the source; the object, dative or
prepositional argument the target; `встреча X с Y` and signing are coded both
ways; a visit's target is the host country. Actors are coded by
`events/actors.py`, dates by `events/dates.py`. One event per (type, source
country, target country) per article.
"""
from __future__ import annotations

import dataclasses
from typing import Iterator
from dataclasses import dataclass

from ..document import Actor, Cue, Document, Event, Place, Sentence
from ..resources import Resources
from .actors import (ASSUMED, DOMESTIC, NAMED, STATELESS, ActorCoder, Coded, country_actor, is_reciprocal,
                     is_reflexive, is_sides)
from ..quotes.cues import load_lexicon
from ..stages.geo import countries_of_compound
from .anaphora import antecedent_owner, points_back
from .dates import resolve_date
from .triggers import (CONTROL, Entry, antecedent, children_of, context_words, event_types, is_attempted,
                       is_background, evaluation, is_denied, is_detached, is_future, judgement, lexicon,
                       match_trigger, modality, prepositions)


def _is_passive(sent: Sentence, i: int, children) -> bool:
    return sent.tokens[i].feats.get("Voice") == "Pass" or any(
        sent.tokens[k].rel == "nsubj:pass" for k in children[i])


def _with_conj(k: int, sent: Sentence, children) -> list[int]:
    """`k` and its conjuncts; for a head without any (`Президенты России и
    Казахстана`), its genitive dependent and that one's conjuncts."""
    conj = [j for j in children[k] if sent.tokens[j].rel == "conj"
            and sent.tokens[j].pos in ("NOUN", "PROPN", "PRON") and _same_slot(sent, k, j, children)]
    if conj:
        return [k] + conj
    # (The tagger often misses the plural of a capitalized head, so any head
    # qualifies; the genitive may sit one level down: `Министры дел A и B`.)
    gens = [(j, 0) for j in children[k]]
    for j, depth in gens:
        if sent.tokens[j].rel == "nmod" and sent.tokens[j].feats.get("Case") == "Gen":
            inner = [c for c in children[j] if sent.tokens[c].rel == "conj"
                     and sent.tokens[c].feats.get("Case") == "Gen"]
            if inner:
                return [j] + inner
            if depth == 0:
                gens.extend((c, 1) for c in children[j])
    return [k]


def _same_slot(sent: Sentence, k: int, j: int, children) -> bool:
    """False when the conjunct `j` of `k` stands after another preposition:
    a phrase the parser joined to it by mistake (`в Иерусалиме и на
    Западном берегу … между демонстрантами и силами`). (Cases are not
    compared: the tagger confuses the nominative and accusative of things.)"""
    def prep(n):
        return next((sent.tokens[c].lemma.lower() for c in children[n] if sent.tokens[c].rel == "case"), None)
    return prep(j) is None or prep(j) == prep(k)


def _plural_subject(sent: Sentence, subj: int, verb: int) -> list[int]:
    """The conjuncts of a singular subject of a plural verb (`Правительство,
    федерация профсоюзов и Союз подписали`), where the parser hung them
    elsewhere: nominative conjuncts between the subject and the verb."""
    v, s = sent.tokens[verb], sent.tokens[subj]
    if v.feats.get("Number") != "Plur" or s.feats.get("Number") != "Sing" or subj > verb:
        return []
    return [k for k in range(subj + 1, verb) if sent.tokens[k].rel == "conj"
            and sent.tokens[k].feats.get("Case") == "Nom"
            and sent.tokens[k].pos in ("NOUN", "PROPN")]


def _subjects(sent: Sentence, i: int, children, res: Resources) -> list[int]:
    """The subject of the trigger, or of the verb it depends on (`готова
    торговать`, `заявил на встрече`), with its conjuncts."""
    node = i
    for _ in range(4):
        # (`который` the tagger puts in the nominative is the subject of its
        # clause whatever the parser linked it as)
        subj = [k for k in children[node] if sent.tokens[k].rel == "nsubj" or (
            sent.tokens[k].lemma.lower() == "который" and sent.tokens[k].rel == "obj"
            and sent.tokens[k].feats.get("Case") == "Nom")]
        if subj:
            found = _with_conj(antecedent(sent, subj[0]), sent, children)
            return found + [k for k in _plural_subject(sent, subj[0], node) if k not in found]
        tok = sent.tokens[node]
        # An event noun takes the subject of the verb it is the object or
        # adjunct of (`провели пикеты`), not of a noun it describes (`указ
        # об отставке`).
        if tok.pos == "NOUN":
            climb = ("obj",) if is_detached(sent, node, children, res) else ("obj", "obl")
            # ... unless it is the object of an event of its own (`осудил
            # арест`) that is not a decision to do it (`одобрил выделение
            # транша`: an `own` word of event_modality.tsv).
            if tok.rel == "obj" and tok.head >= 0 \
                    and modality(res).get(sent.tokens[tok.head].lemma.lower()) != "own" and any(
                    match_trigger(e, sent, tok.head, children)
                    for e in lexicon(res).get(sent.tokens[tok.head].lemma.lower(), ())):
                return []
        else:
            climb = ("xcomp", "conj", "advcl", "acl", "nmod")
            head = sent.tokens[tok.head] if tok.head >= 0 else None
            if node == i and tok.feats.get("VerbForm") == "Inf" and tok.rel in ("nmod", "acl") \
                    and head is not None and head.pos == "NOUN" and 0 < node - tok.head <= 4 \
                    and not any(t.pos == "PUNCT" for t in sent.tokens[tok.head:node]):
                # `решение литовских властей ограничить транзит`: the
                # infinitive of a decision, plan or demand is its maker's act
                maker = [k for k in children[tok.head] if k != node and sent.tokens[k].rel == "nmod"
                         and sent.tokens[k].feats.get("Case") == "Gen"
                         and not any(sent.tokens[c].rel == "case" for c in children[k])]
                if maker:
                    return _with_conj(maker[0], sent, children)
        if tok.rel not in climb or tok.head < 0:
            return _shared_subject(sent, node, children) if tok.pos in ("VERB", "AUX") else []
        node = tok.head
    return []


def _shared_subject(sent: Sentence, verb: int, children) -> list[int]:
    """The subject a finite verb without one shares with an earlier verb of
    the sentence (`Обама посетит саммит, проведёт встречу …`), where the
    parser left the coordination unlinked: the nearest verb before it, of
    the same number, whose subject is named."""
    v = sent.tokens[verb]
    if v.feats.get("VerbForm") != "Fin" or v.feats.get("Person") in ("1", "2"):
        return []
    # (`президент в этом отказал, хотя и выразил пожелание`: a subject left
    # of the verb, hung on a clause after it, is the verb's own)
    for c in children[verb]:
        if c > verb and sent.tokens[c].rel in ("advcl", "conj"):
            subj = [k for k in children[c] if sent.tokens[k].rel == "nsubj" and k < verb
                    and sent.tokens[k].feats.get("Number", v.feats.get("Number")) == v.feats.get("Number")]
            if subj:
                return _with_conj(antecedent(sent, subj[0]), sent, children)
    for j in range(verb - 1, -1, -1):
        t = sent.tokens[j]
        if t.pos != "VERB" or t.feats.get("VerbForm") != "Fin":
            continue
        if t.feats.get("Number") != v.feats.get("Number"):
            return []
        subj = [k for k in children[j] if sent.tokens[k].rel == "nsubj"]
        return _with_conj(antecedent(sent, subj[0]), sent, children) if subj else []
    return []


def _patient(sent: Sentence, k: int, children) -> bool:
    """True when the noun at `k` is whom or what its verb or noun acts on:
    an object, a bare genitive or dative, or a noun after `против`, `с`,
    `к` or `для`; not a place or a direction (`эмигрировать в Россию`)."""
    tok = sent.tokens[k]
    if tok.pos not in ("NOUN", "PROPN"):
        return False
    if tok.rel in ("obj", "iobj"):
        return True
    preps = prepositions(sent, k, children)
    if tok.rel not in ("obl", "nmod"):
        return False
    return (not preps and tok.feats.get("Case") in ("Gen", "Dat")) or any(
        p in ("против", "с", "к", "для") for p in preps)


def _declared(sent: Sentence, i: int, children, res: Resources) -> bool:
    """True when the noun at `i` is what a speech verb declares (`заявил о
    поддержке`, `объявил о санкциях`, `выступил с критикой`): its subject
    makes the act."""
    tok = sent.tokens[i]
    if tok.rel != "obl" or tok.head < 0:
        return False
    preps = prepositions(sent, i, children)
    head = sent.tokens[tok.head].lemma.lower()
    # (`выступил с критикой в адрес Киева`, `выступили с призывом`)
    return "о" in preps and load_lexicon(res).licenses(head, "indirect") \
        or "с" in preps and head in ("выступить", "выступать")


def _on_behalf(sent: Sentence, i: int, children) -> int | None:
    """`прибыли по приглашению правительства`, `по просьбе Минска`: an act
    noun in `по` + dative is the reason of its clause; its genitive made the
    act and the clause's subject is whom it was made to. The genitive, or
    None for any other noun."""
    tok = sent.tokens[i]
    if tok.pos != "NOUN" or tok.rel not in ("obl", "nmod") or tok.feats.get("Case") != "Dat" \
            or "по" not in prepositions(sent, i, children):
        return None
    return next((k for k in children[i] if sent.tokens[k].rel == "nmod"
                 and sent.tokens[k].feats.get("Case") == "Gen"
                 and not any(sent.tokens[c].rel == "case" for c in children[k])), None)


def _agent(sent: Sentence, i: int, children, res: Resources) -> list[int]:
    """The agent of a passive: `obl:agent`, or a bare instrumental noun;
    else whoever ordered it (`по его поручению направлена помощь`,
    `по указанию президента`: an `order` noun of event_modality.tsv)."""
    for k in children[i]:
        t = sent.tokens[k]
        if t.rel == "obl:agent" or (t.rel == "obl" and t.feats.get("Case") == "Ins"
                                    and not any(sent.tokens[j].rel == "case" for j in children[k])):
            return _with_conj(k, sent, children)
    for k in children[i]:
        if sent.tokens[k].rel == "obl" and modality(res).get(sent.tokens[k].lemma.lower()) == "order" \
                and "по" in prepositions(sent, k, children):
            owner = [j for j in children[k] if sent.tokens[j].rel == "nmod" and sent.tokens[j].feats.get(
                "Case") == "Gen" or sent.tokens[j].rel == "det" and sent.tokens[j].pos in ("DET", "PRON")
                and sent.tokens[j].lemma.lower() in ("его", "ее", "их", "он", "она", "они")]
            if owner:
                return _with_conj(owner[0], sent, children)
    return []


# Prepositions whose case tells a partner from something else: `с Россией`
# (with) but not `с начала года` (since).
_CASE_OF = {"с": "Ins"}


def _slot(slot: str, sent: Sentence, node: int, children, passive: bool) -> int | None:
    """The dependent of `node` standing in `slot` (obj, iobj, gen, a
    preposition, the genitive after `в адрес`, or the subject of a `чтобы`
    clause); the subject of a passive stands in obj."""
    for k in children[node]:
        t = sent.tokens[k]
        if t.pos in ("PART", "PUNCT", "ADP", "CCONJ", "SCONJ"):
            continue    # (a word of an idiom the parser made an object: `нон грата`)
        preps = prepositions(sent, k, children)
        if slot == "obj" and (t.rel == "obj" and not (t.lemma.lower() == "который" and t.feats.get(
                "Case") == "Nom") or passive and t.rel in ("nsubj:pass", "nsubj")):
            return k    # (an "object" `который` in the nominative is its clause's subject: _subjects)
        if slot == "nsubj" and t.rel == "nsubj":
            return k
        if slot == "адрес" and t.lemma.lower() == "адрес" and "в" in preps:
            # `поздравления в адрес мастера`, `обвинения в адрес Киева`
            return next((j for j in children[k] if sent.tokens[j].rel == "nmod"
                         and sent.tokens[j].feats.get("Case") == "Gen"), None)
        if slot == "чтобы" and t.rel == "ccomp" and any(
                sent.tokens[j].rel == "mark" and sent.tokens[j].lemma.lower() == "чтобы" for j in children[k]):
            # `требует, чтобы правительство придерживалось`: who is to act
            return next((j for j in children[k] if sent.tokens[j].rel in ("nsubj", "nsubj:pass")), None)
        if slot == "iobj" and (t.rel == "iobj" or t.feats.get("Case") == "Dat" and not preps
                               and t.rel in ("obl", "nmod", "obj")):
            return k
        # (a noun governs no bare accusative: an animate genitive read as one)
        if slot == "gen" and t.rel == "nmod" and t.feats.get("Case") in ("Gen", "Acc") and not preps:
            return k
        if slot == "ins" and t.rel in ("obl", "nmod") and t.feats.get("Case") == "Ins" and not preps:
            return k
        if slot in preps and t.rel in ("obl", "nmod", "obj", "iobj", "advmod") \
                and _CASE_OF.get(slot, t.feats.get("Case")) == t.feats.get("Case", _CASE_OF.get(slot)):
            return k
    return None


def _adjective_of(adverb: str) -> str:
    """The adjective an adverb in -о is made from (`незаконно` → `незаконный`,
    `цинично` → `циничный`, `жестоко` → `жестокий`)."""
    if not adverb.endswith("о"):
        return adverb
    stem = adverb[:-1]
    return stem + ("ий" if stem.endswith(("к", "г", "х", "ж", "ш", "щ", "ч")) else "ый")


def _clause_verb(sent: Sentence, i: int) -> int | None:
    """The nearest verb above the word at `i`, within its clause."""
    node = sent.tokens[i].head
    while node >= 0 and sent.tokens[node].pos != "VERB":
        if sent.tokens[node].rel in ("acl:relcl", "ccomp", "parataxis"):
            return None
        node = sent.tokens[node].head
    return node if node >= 0 else None


def _between(sent: Sentence, t: int | None, children) -> bool:
    """True when the target at `t` follows `между` (`между Москвой и Киевом`)."""
    return t is not None and "между" in prepositions(sent, t, children)


def _targets(entry: Entry, sent: Sentence, i: int, words, children) -> Iterator[int]:
    """The tokens that may head the target, best first: the slots of the
    entry found on the trigger, on its other words (`выразил соболезнования
    народу`), on its infinitive complement, then (a noun trigger) on the
    verb it depends on; then the repairs of parser errors below."""
    passive = _is_passive(sent, i, children)
    # (the infinitive's arguments count only for an offer or consent:
    # `готова предоставить Сноудену`, not `просил переквалифицировать обвинение`)
    inner = [k for k in children[i] if sent.tokens[k].rel == "xcomp" and "xcomp" in entry.flags]
    # (and the infinitives joined to it: `отказывается заморозить … и признать`)
    nodes = [i] + [k for k in words if k != i] + inner + [
        j for k in inner for j in children[k] if sent.tokens[j].rel == "conj" and sent.tokens[j].pos == "VERB"]
    tok = sent.tokens[i]
    if tok.pos == "NOUN" and tok.head >= 0:
        nodes.append(tok.head)
    slots = (entry.target or ("obj", "iobj")) + ("адрес",)   # (`в адрес X` names anyone's addressee)
    if "symmetric" in entry.flags and "между" not in slots:
        slots += ("между",)     # a joint act names its sides after `между`
    for node in nodes:
        for slot in slots:
            # (a genitive names the target only on the trigger's own words:
            # `исполнило просьбу вице-президента`)
            if node not in words and slot == "gen":
                continue
            k = _slot(slot, sent, node, children, passive and node == i)
            if k is not None and k != i:
                yield antecedent(sent, k)
    # The parser often hangs a prepositional phrase on the wrong word: take
    # the entry's preposition when it follows the trigger closely. Where a
    # comma is missing (`посетил Белград заявил`) or a verb misspelt, it
    # makes the object right after a verb the subject of the next one: a
    # "subject" the tagger puts in the accusative is the object.
    last = max([i] + [k for k in words if k > i])
    for j in range(i + 1, min(last + 4, len(sent.tokens))):
        t = sent.tokens[j]
        if t.rel == "case" and t.lemma.lower() in slots and t.head > j:
            yield t.head
            break
        if t.rel == "nsubj" and t.feats.get("Case") == "Acc" and tok.pos == "VERB" and j < i + 4 \
                and "obj" in (entry.target or ("obj",)) and t.pos in ("NOUN", "PROPN") \
                and not any(sent.tokens[k].rel == "obj" and k > i for k in children[i]):
            yield j
            break
        if t.pos in ("VERB", "PUNCT"):
            break
    # ... and the object of a naming verb to its predicate noun (`назвали
    # провокацией действия польских пограничников`)
    if "obj" in slots and (entry.flags & {"negative", "positive"}) and not any(
            sent.tokens[k].rel == "obj" for k in children[i]):
        for x in children[i]:
            if sent.tokens[x].rel in ("xcomp", "obl") and sent.tokens[x].feats.get("Case") == "Ins":
                for c in children[x]:
                    if sent.tokens[c].rel == "nmod" and sent.tokens[c].feats.get("Case") == "Acc" \
                            and not any(sent.tokens[j].rel == "case" for j in children[c]):
                        yield c
    # ... and a subject left of its verb to the next one (`этот визит
    # «вызывает сожаление», а … отметил, что этот поступок «ранит …»`):
    # the nominative right before the verb, across quote marks.
    if "nsubj" in entry.target and tok.pos == "VERB":
        j = i - 1
        while j >= 0 and sent.tokens[j].pos == "PUNCT" and sent.tokens[j].text in QUOTE_MARKS:
            j -= 1
        if j >= 0 and sent.tokens[j].rel == "nsubj" and sent.tokens[j].head != i \
                and sent.tokens[j].feats.get("Case") == "Nom" and sent.tokens[j].pos in ("NOUN", "PROPN"):
            yield j


def _clause(sent: Sentence, i: int, children) -> tuple[int, int]:
    """Character span of the clause around token `i`: the subtree of the
    nearest predicate, without the clauses coordinated with it."""
    node = i
    while sent.tokens[node].rel in CONTROL | {"nsubj", "nsubj:pass", "iobj"} and sent.tokens[node].head >= 0:
        node = sent.tokens[node].head
    keep, stack = {node}, [node]
    while stack:
        for k in children[stack.pop()]:
            if k not in keep and not (sent.tokens[k].rel in ("conj", "parataxis") and k in children[node]):
                keep.add(k)
                stack.append(k)
    toks = [sent.tokens[k] for k in keep if sent.tokens[k].pos != "PUNCT"] or [sent.tokens[i]]
    return min(t.start for t in toks), max(t.end for t in toks)


def _location(coder: ActorCoder, sent: Sentence, nodes, children) -> Place | None:
    """A place in the prepositional case (`в Минске`) among the dependents
    of `nodes`, nearest first, not inside a relative clause."""
    queue, seen = [(n, 0) for n in nodes], set(nodes)
    while queue:
        node, depth = queue.pop(0)
        for k in children[node]:
            t = sent.tokens[k]
            if k in seen or depth > 2 or t.rel in ("acl:relcl", "conj", "parataxis", "ccomp", "advcl"):
                continue
            seen.add(k)
            queue.append((k, depth + 1))
            if t.rel in ("obl", "nmod") and t.feats.get("Case") == "Loc":
                ent, country = coder.place(sent, k)
                if ent is not None:
                    return Place(name=ent.name, entity=ent.id, country=country)
    return None


# Quote marks a clause may open with.
QUOTE_MARKS = frozenset('«»"„“”\'')
# Prepositions of the place an act was done in or from.
_WHERE = frozenset({"в", "на", "из"})
# Link verbs whose predicate noun judges their subject (`является партнёром`).
_LINKS = frozenset({"являться", "стать", "становиться", "оставаться", "остаться", "считаться"})
# `X носит провокационный характер`: the noun and verb that say what X is.
_NATURE = frozenset({"характер"})
_BEARS = frozenset({"носить", "иметь", "приобрести", "приобретать"})
# The sectors of a country's groups that stand against its government
# (opposition, protesters, rebels, unions): sectors.tsv.
_GROUPS = frozenset({"OPP", "CVL", "REB", "LAB"})
# The PLOVER types of force against people or property.
FORCE = frozenset({"ASSAULT", "COERCE", "MOBILIZE"})
# Events whose actors are both assumed count only in the title and lead of
# the article, where news reports state their main events.
LEAD_SENTENCES = 5     # (full sentences: `_ranks`)
# The title and the lead sentence: where a news report names its main event.
HEADLINE_SENTENCES = 2


@dataclass(frozen=True)
class _Found:
    event: Event
    strength: int       # the weaker of the two actors' (NAMED, DOMESTIC, ASSUMED)
    named: bool         # at least one actor is not assumed


class _Coder:
    """Codes the events of one document."""

    def __init__(self, doc: Document, res: Resources):
        self.doc, self.res = doc, res
        self.actors = ActorCoder(doc, res)
        self.types = event_types(res)
        # the countries of the last event between two of them, for `стороны`
        self.last_pair: tuple[str, ...] = ()
        # the sides of the last talks, and the sentence they were in
        self.talks: tuple[tuple[str, str], int] | None = None
        self.sentence_no = {s.start: n for n, s in enumerate(doc.sentences)}
        # the last request: its sentence, its sources, and (when it named no
        # addressee) what it takes to code it once its answer names one
        self.request: tuple[int, list[Coded], tuple | None] | None = None

    def _resolve(self, coded: Coded | None, etype: str, place: Place | None) -> Coded | None:
        """Fill an unknown country, where the type allows (`home` in
        plover_types.tsv), from the place of the event, else from the country
        the article is about; None when the actor stays unknown."""
        if coded is not None and (coded.actor.country or coded.actor.sector in STATELESS):
            return coded
        home = (place and place.country) or self.actors.home
        if self.types[etype]["default_actor"] != "home" or not home:
            return None
        if coded is None:
            return Coded(country_actor(home, self.res), ASSUMED)
        return Coded(dataclasses.replace(coded.actor, country=home), ASSUMED)

    def _actor(self, sent, k, children, target: bool = False) -> Coded | None | bool:
        """The actor at token `k`; False for a thing named as the subject or
        direct object (`заблокировав колёса`): no default country can stand
        in for it. (A place after a preposition, `взрыв на транспорте`, can.)
        A target's relative clause does not say whose it is (`законопроект,
        согласно которому граждан России …`)."""
        coded = self.actors.code(sent, k, children, clauses=not target)
        if coded is None and points_back(sent, k, children, self.res):
            # `этот визит`: the actor of the visit named before
            found = antecedent_owner(self.doc, self.sentence_no[sent.start], k, self.res)
            if found is not None:
                coded = self.actors.code(found[0], found[1], found[2])
        tok = sent.tokens[k]
        if coded is None and tok.pos == "PRON" and tok.feats.get("Person") == "3":
            # `вызвал посла Эстонии и вручил ему ноту`: a pronoun the chains
            # left (its antecedent has no name) is the person just described
            coded = self._described_before(sent, k, children)
        if coded is None and tok.pos == "NOUN" and tok.feats.get("Animacy") == "Inan" \
                and not any(sent.tokens[j].rel == "case" for j in children[k]):
            return False
        return coded

    def _described_before(self, sent: Sentence, k: int, children) -> Coded | None:
        """The actor of the nearest person noun before the pronoun at `k` in
        its sentence that agrees with it in number (and gender) and is not
        the subject of the pronoun's own verb, when it has a country."""
        pron = sent.tokens[k]
        number, gender = pron.feats.get("Number"), pron.feats.get("Gender")
        verb = pron.head
        own = {j for j in range(len(sent.tokens)) if sent.tokens[j].rel.startswith("nsubj")
               and sent.tokens[j].head == verb} | set(_shared_subject(sent, verb, children) if verb >= 0 else ())
        for j in range(k - 1, -1, -1):
            t = sent.tokens[j]
            if t.pos != "NOUN" or t.feats.get("Animacy") != "Anim" or j in own:
                continue
            if t.feats.get("Number") != number or number == "Sing" and gender and t.feats.get("Gender") not in (gender, None):
                continue
            coded = self.actors.code(sent, j, children)
            if coded is not None and coded.actor.country and coded.strength == NAMED:
                return coded
            return None
        return None

    def _sources(self, sent, i, children, target: int | None = None,
                 verbal: bool = False, climb: bool = True) -> list[Coded | None]:
        """Who acts: the subject, the agent of a passive, the genitive of an
        event noun; in a quote, the speaker of a first-person verb or of a
        subjectless verbal act (`Спасибо Казахстану`). Without `climb`, a
        noun's own dependents only."""
        subj = _subjects(sent, i, children, self.res) if climb else []
        passive = _is_passive(sent, i, children)
        if not subj and passive:
            subj = _agent(sent, i, children, self.res)
        if not subj and sent.tokens[i].pos == "NOUN":
            # `встреча президентов Казахстана и России`, `переговоры Путина
            # и Токаева`: the genitive and its conjuncts
            subj = [k for k in children[i] if sent.tokens[k].rel == "nmod" and k != target
                    and sent.tokens[k].feats.get("Case") == "Gen"
                    and not any(sent.tokens[j].rel == "case" for j in children[k])][:1]
            subj = _with_conj(subj[0], sent, children) if subj else []
            # `российско-казахстанские переговоры`: the sides in one adjective
            joined = [iso for k in children[i] if sent.tokens[k].rel == "amod"
                      for iso in countries_of_compound(sent.tokens[k].text, self.res)]
            if not subj and len(joined) > 1:
                return [Coded(country_actor(iso, self.res), NAMED) for iso in joined]
        out = [self._actor(sent, k, children) for k in subj]
        named = out and out[0] and out[0].strength == NAMED and (
            out[0].actor.country or out[0].actor.sector in STATELESS)
        if len(subj) == 1 and is_sides(sent.tokens[subj[0]], self.res) and not named:
            out = self.actors.sides(self.last_pair) or out
        person = sent.tokens[i].feats.get("Person")
        if not subj and climb and (person == "1" or verbal and person != "3" and not passive):
            out = [self.actors.speaker(sent.tokens[i].start)]
        return out or [None]

    def code_sentence(self, sent: Sentence) -> list[_Found]:
        triggers, children = lexicon(self.res), children_of(sent)
        matches = [(entry, i, words) for i, tok in enumerate(sent.tokens)
                   for entry in triggers.get(tok.lemma.lower(), ())
                   if (words := match_trigger(entry, sent, i, children)) is not None]
        # A word that is part of a longer trigger (`протест` in `выразить
        # протест`) does not trigger on its own.
        inner = {k for _, i, words in matches for k in words if k != i}
        # Of a word's triggers the longest that matches settles it: `осудить`
        # alone is disapproval, `осудить по статье` a sentence.
        # Of two as long, the one whose words stand nearer: `приняли обращение
        # к премьеру` is an appeal, not a reception of the premier.
        def rank(words, i):
            return len(words), -sum(abs(k - i) for k in words)
        best: dict[int, tuple] = {}
        for _, i, words in matches:
            best[i] = max(best.get(i, (0, 0)), rank(words, i))
        matches = [m for m in matches if rank(m[2], m[1]) == best[m[1]]]
        # An offer or consent governs the act it offers: `готова предоставить
        # убежище` is AGREE, not AID.
        # So does a threat the act it threatens: `пригрозил ввести санкции`
        # is THREATEN, not SANCTION.
        inner |= {k for entry, i, _ in matches if entry.flags & {"xcomp", "xarg"}
                  for k in children[i] if sent.tokens[k].rel == "xcomp"}
        found: list[_Found] = []
        for entry, i, words in matches:
            if i in inner or is_background(sent, i) or is_denied(sent, i, children, self.res):
                continue
            if self._in_name(sent.tokens[i].start):
                continue    # `Международная амнистия`: a word of a name
            if "xcomp" in entry.flags and not any(sent.tokens[k].rel == "xcomp" for k in children[i]):
                continue
            polar = entry.flags & {"negative", "positive"}
            if polar and judgement(sent, i, children, self.res) not in polar:
                continue
            # Planned talks, visits, deals and sanctions count (`вышлет
            # дипломатов` is a decision announced); force in the future is a
            # prediction or a fear (`они убьют меня`), not an event; in the
            # present, in a speaker's own words, it is what he says goes on
            # (`полиция избивает людей`), not an act the article reports.
            if entry.type in FORCE and (is_future(sent, i, children) or self._ongoing_in_quote(sent, i)):
                continue
            if self.types[entry.type]["quad"].endswith("cooperation") and is_attempted(sent, i, self.res):
                continue    # `пытался вести переговоры`: tried, not reported done
            found.extend(self._code(entry, sent, i, words, children))
        return found + self._judged(sent, children)

    def _own_government(self, sent: Sentence, i: int, children) -> Coded | None:
        """The government of the country whose opposition, protesters,
        rebels or unions are the subject of a demand, charge, refusal, threat
        or offer of talks that names no other side (`оппозиция готова к
        переговорам`, `демонстранты требуют`): what a country's group asks,
        offers or refuses, it asks of the authorities of its country."""
        subj = _subjects(sent, i, children, self.res)
        if len(subj) != 1 or sent.tokens[subj[0]].pos not in ("NOUN", "VERB"):
            return None     # (the group itself, not a person or a pronoun)
        coded = self.actors.code(sent, subj[0], children)
        if coded is None or coded.actor.sector not in _GROUPS or not coded.actor.country:
            return None
        return Coded(country_actor(coded.actor.country, self.res, sector="GOV"), coded.strength)

    def _refused_request(self, sent: Sentence, i: int, children) -> bool:
        """True when the infinitive a refusal governs is itself a request."""
        triggers = lexicon(self.res)
        return any(e.type == "REQUEST" for k in children[i] if sent.tokens[k].rel == "xcomp"
                   for e in triggers.get(sent.tokens[k].lemma.lower(), ()))

    def _ongoing_in_quote(self, sent: Sentence, i: int) -> bool:
        """True for a verb in the present tense inside a direct quote."""
        tok = sent.tokens[i]
        if tok.pos != "VERB" or tok.feats.get("Tense") != "Pres" or tok.feats.get("Aspect") != "Imp":
            return False
        q = self.actors.quote_at(tok.start)
        return q is not None and q.kind == "direct"

    def _in_name(self, offset: int) -> bool:
        """True when the word at `offset` is inside an organisation's or a
        person's name mention."""
        found = self.actors.chains.mention_at(offset)
        return found is not None and found[0].kind == "name" and found[1].type in ("ORG", "PER")

    def _judged(self, sent: Sentence, children) -> list[_Found]:
        """A judgement in a quote or reported clause of another side's act:
        `голословные обвинения Киева`, `действия Вильнюса — провокация`.
        The speaker's side ACCUSEs (a negative word, evaluation.tsv) or
        SUPPORTs (a positive one) the owner of what is judged."""
        words, out = evaluation(self.res), []
        for j, tok in enumerate(sent.tokens):
            polarity = words.get(tok.lemma.lower())
            manner = tok.pos == "ADV" and tok.rel == "advmod" and tok.head >= 0 \
                and sent.tokens[tok.head].pos == "VERB"
            if polarity is None and manner:
                # `нас незаконно контролировало правительство США`: the
                # adverb of a judging adjective judges the act and its doer
                polarity = words.get(_adjective_of(tok.lemma.lower()))
            if polarity is None or is_denied(sent, j, children, self.res):
                continue
            if tok.rel == "amod" and tok.head >= 0:
                judged = tok.head
                owner = sent.tokens[judged]
                if owner.lemma.lower() in _NATURE and owner.rel == "obj" and owner.head >= 0 \
                        and sent.tokens[owner.head].lemma.lower() in _BEARS:
                    # `высказывания Кана носят недипломатический характер`:
                    # what bears the character is judged
                    judged = next((k for k in children[owner.head] if sent.tokens[k].rel == "nsubj"), judged)
            elif manner:
                judged = next((k for k in children[tok.head] if sent.tokens[k].rel == "nsubj"), None)
            else:
                judged = next((k for k in children[j] if sent.tokens[k].rel == "nsubj"), None)
            if judged is None and tok.rel in ("xcomp", "obl") and tok.head >= 0 \
                    and sent.tokens[tok.head].lemma.lower() in _LINKS:
                # `Россия является нашим партнёром`: the subject of a link verb
                judged = next((k for k in children[tok.head] if sent.tokens[k].rel == "nsubj"), None)
            if judged is None or sent.tokens[judged].pos not in ("NOUN", "PROPN"):
                continue
            speaker = self.actors.speaker(tok.start)
            target = self._actor(sent, judged, children, target=True)
            if not speaker or not target or target.strength != NAMED \
                    or target.actor.country in (None, speaker.actor.country):
                continue
            etype = "ACCUSE" if polarity == "negative" else "SUPPORT"
            entry = Entry(words=(tok.lemma.lower(),), pos=frozenset({tok.pos}), type=etype,
                          mode="disapprove" if etype == "ACCUSE" else "praise", contexts=(),
                          target=(), flags=frozenset({"speech"}), sectors=frozenset())
            # (the evidence is the clause of what is judged)
            out.append(self._event(entry, sent, judged, (j,), children, speaker, target))
        return out

    def _code(self, entry: Entry, sent, i, words, children) -> list[_Found]:
        slots = list(_targets(entry, sent, i, words, children))
        t = slots[0] if slots else None
        if t is not None and not is_reflexive(sent.tokens[t].lemma, self.res) \
                and not is_reciprocal(sent.tokens[t].lemma, self.res):
            # of the slots found, the first that names an actor: `выслала
            # дипломатов из Молдавии` (the diplomats' country unsaid)
            t = next((k for k in slots if (a := self._actor(sent, k, children, target=True))
                      and (a.actor.country or a.actor.sector in STATELESS)), t)
        maker = _on_behalf(sent, i, children)
        governed = None
        if t is None and (self.types[entry.type]["quad"] == "verbal conflict" or entry.mode == "negotiate"):
            governed = self._own_government(sent, i, children)
        if t is None and "target" in entry.flags and maker is None and governed is None:
            return []
        if entry.type == "REJECT" and "xcomp" in entry.flags and self._refused_request(sent, i, children):
            return []   # `отказалась просить Путина`: no request made, none rejected
        if "visit" in entry.flags:
            return self._visit(entry, sent, i, words, t, children)
        if t is not None and is_reflexive(sent.tokens[t].lemma, self.res):
            return []   # `признали себя виновными`: no one acts on another
        reciprocal = t is not None and is_reciprocal(sent.tokens[t].lemma, self.res)
        targets = [] if t is None or reciprocal else [
            self._actor(sent, k, children, target=True) for k in _with_conj(t, sent, children)]
        if "xarg" in entry.flags and not any(targets):
            targets = self._in_act(sent, i, children)
        if "xarg" in entry.flags and entry.mode is None:
            entry = dataclasses.replace(entry, mode=self._threatened(sent, i, children))
        verbal = self.types[entry.type]["quad"].startswith("verbal")
        if t is not None and self.types[entry.type]["quad"] == "verbal conflict" \
                and (doer := self._doer(sent, t, children)) is not None:
            targets = [doer]
        if "speech" in entry.flags:
            # `Белград должен решить вопрос`, said by Гордон: a demand of
            # the speaker's side on the one who must act.
            sources = [self.actors.speaker(sent.tokens[i].start)]
            if sources[0] is None or any(g and g.actor.country == sources[0].actor.country
                                         for g in targets):
                return []
            # `должен был поднять эту тему`: what was due, a schedule told
            if any(sent.tokens[k].rel in ("cop", "aux") and sent.tokens[k].lemma.lower() == "быть"
                   and sent.tokens[k].feats.get("Tense") == "Past" for k in children[i]):
                return []
        elif maker is not None:
            head = sent.tokens[i].head
            sources = [self._actor(sent, k, children) for k in _with_conj(maker, sent, children)]
            targets = [self._actor(sent, k, children, target=True)
                       for k in _subjects(sent, head, children, self.res)] if head >= 0 else []
        elif sent.tokens[i].pos == "NOUN" and "target" in entry.flags:
            # `обвинения Киева`, `предъявил обвинения`: an act noun with a
            # target of its own is made by its genitive or by the subject of
            # the verb whose object it is; not by the subject of a verb it is
            # a circumstance of (`ответил на сообщения о критике`), and never
            # by a side assumed.
            climb = sent.tokens[i].rel == "obj" or _declared(sent, i, children, self.res)
            sources = [s for s in self._sources(sent, i, children, t, verbal, climb=climb) if s]
            if not sources and "в" in entry.words and (verb := _clause_verb(sent, i)) is not None:
                # `принимает меры … в тесном сотрудничестве с властями`: what
                # is done in a manner is done by the subject of its clause
                sources = [s for s in self._sources(sent, verb, children, t, verbal) if s]
            if not sources and "exit" not in entry.flags and not (_between(sent, t, children) and len(targets) > 1):
                # (an expulsion's is found below: `высылка дипломата из
                # Таллина`; the sides of a clash after `между`, below)
                return []
            sources = sources or [None]
        else:
            sources = self._sources(sent, i, children, t, verbal)
        cooperative = self.types[entry.type]["quad"].endswith("cooperation")
        if governed is not None and not any(targets):
            targets = [governed]
        if entry.mode == "sympathize" and not any(targets):
            # `выразил соболезнования в связи с гибелью людей в результате
            # землетрясения в Турции`: sympathy goes to the land of the loss
            stricken = self._stricken(sent, words, children)
            targets = [stricken] if stricken else targets
        if t is None and not targets and verbal and (not cooperative or len(sources) == 1):
            # (a joint act of two sides named is between them, below)
            targets = self._interlocutor(sent, sources)
        answered: list[_Found] = []
        if entry.type == "REJECT" and not any(targets) and not any(
                sent.tokens[k].rel == "xcomp" for k in children[i]):
            # `потребовали выдать его США, но Путин в этом отказал`: a
            # refusal without an addressee answers the request just made
            # (not one to do something: `отказалась просить Путина`)
            targets, answered = self._requester(sent, sources)
        if entry.type == "REQUEST" and not targets:
            named = [s for s in sources if s and s.actor.country]
            self.request = (self.sentence_no[sent.start], named, (entry, sent, i, words, children))
        if "entry" in entry.flags and not any(sources):
            # `запрещён въезд на территорию стран ЕС`: who bans entry is
            # whoever the destination belongs to
            sources = [self._destination(sent, words, children)]
        elif "exit" in entry.flags and not any(sources):
            # `Россию исключили из Совета Европы`, `высылка дипломата из
            # Таллина`: who expels is whoever owns what is left
            sources = [self._destination(sent, words, children, ("из",))]
        if not any(sources) and not any(targets) and cooperative and "symmetric" in entry.flags \
                and self.talks is not None and self.sentence_no[sent.start] - self.talks[1] <= 2:
            # `По итогам переговоров был подписан ряд документов`: a joint
            # act nobody is named for, right after talks, is the talks' sides'
            sources = [Coded(country_actor(side, self.res), NAMED) for side in self.talks[0]]
        pairs = [(s, g) for s in sources for g in targets or [None]]
        if "reverse" in entry.flags:
            pairs = [(g, s) for s, g in pairs]
        between = _between(sent, t, children)
        if between and len(targets) > 1:
            # `встреча между Путиным и Токаевым`: the sides named after
            # `между`; a subject besides them is a go-between (`выступил
            # посредником в переговорах между Саудовской Аравией и Ираном`)
            among = [(s, g) for s in targets for g in targets if s is not g]
            pairs = among if sources == [None] else pairs + among
        elif not targets and len(sources) > 1 and ("symmetric" in entry.flags or cooperative or reciprocal):
            # `Россия и Китай провели переговоры`: each side acts towards the other.
            pairs = [(s, g) for s in sources for g in sources if s is not g]
        elif "symmetric" in entry.flags and cooperative:
            # (a break is one side's act: `Украина разорвала отношения с
            # Россией`; two sides named do it to each other, above)
            pairs += [(g, s) for s, g in pairs]
        head = sent.tokens[i].head
        # (the place of the verb a noun or infinitive depends on, not of
        # another clause: `участвовал в войне во Вьетнаме …, однако осуждал`)
        own = head >= 0 and sent.tokens[i].rel not in ("conj", "parataxis", "advcl", "ccomp", "acl:relcl")
        place = _location(self.actors, sent, [i] + ([head] if own else []), children)
        # `выразил соболезнования в связи с терактом`: a circumstance whose
        # actors the text leaves unsaid is not coded with assumed ones
        detached = sent.tokens[i].pos == "NOUN" and is_detached(sent, i, children, self.res)
        out = []
        for src, tgt in pairs:
            if src is False or tgt is False:
                continue
            src, tgt = self._resolve(src, entry.type, place), self._resolve(tgt, entry.type, place)
            if src is None or tgt is None or detached and src.strength == tgt.strength == ASSUMED:
                continue
            if entry.sectors and src.actor.sector not in entry.sectors:
                continue
            if src.actor.entity and src.actor.entity == tgt.actor.entity:
                continue
            if not src.actor.country and not tgt.actor.country:
                continue
            # `Лавров на встрече с журналистами`: journalists, police or a
            # court given the article's country do not make talks between
            # two countries
            if cooperative and verbal and src.actor.country != tgt.actor.country and min(
                    src.strength, tgt.strength) < NAMED and NAMED in (src.strength, tgt.strength):
                continue
            out.append(self._event(entry, sent, i, words, children, src, tgt, place))
            if src.actor.country and tgt.actor.country and src.actor.country != tgt.actor.country:
                self.last_pair = (src.actor.country, tgt.actor.country)
                if entry.type == "CONSULT":
                    self.talks = ((src.actor.country, tgt.actor.country), self.sentence_no[sent.start])
        if entry.type == "REQUEST" and targets:
            self.request = (self.sentence_no[sent.start], [s for s in sources if s and s.actor.country], None)
        return answered + out

    def _requester(self, sent: Sentence, sources) -> tuple[list[Coded], list[_Found]]:
        """Who made the request a refusal of this or the sentence before
        answers, when the refuser is of another country; and, if that request
        named no addressee, the request itself, made to the refuser."""
        if self.request is None or self.sentence_no[sent.start] - self.request[0] > 1:
            return [], []
        _, askers, pending = self.request
        refusers = [s for s in sources if s and s.actor.country]
        askers = [a for a in askers if all(a.actor.country != r.actor.country for r in refusers)]
        if not askers or not refusers:
            return [], []
        made = []
        if pending is not None:
            entry, rsent, i, words, children = pending
            made = [self._event(entry, rsent, i, words, children, a, r) for a in askers for r in refusers
                    if not entry.sectors or a.actor.sector in entry.sectors]
            self.request = (self.request[0], self.request[1], None)
        return askers, made

    def _in_act(self, sent: Sentence, i: int, children) -> list[Coded]:
        """The first state named among the arguments of the act a trigger's
        infinitive or instrumental names (`пригрозил пересмотреть
        сотрудничество с Парижем`, `угрожает ввести санкции против Минска`,
        `пригрозил выходом из ОДКБ`): whom a threat is made to. Nearest
        first, two levels below the act."""
        # (or the act a bare instrumental names: `пригрозил выходом из ОДКБ`)
        acts = [k for k in children[i] if sent.tokens[k].rel == "xcomp" or sent.tokens[k].rel == "obl"
                and sent.tokens[k].pos == "NOUN" and sent.tokens[k].feats.get("Case") == "Ins"
                and not any(sent.tokens[c].rel == "case" for c in children[k])]
        for left in (False, True):     # whom it is done to; else what is left
            queue = [(k, 0) for k in acts]
            for k, depth in queue:
                if depth > 0 and (_patient(sent, k, children) or left and "из" in prepositions(sent, k, children)):
                    coded = self._actor(sent, k, children, target=True)
                    if coded and (coded.actor.country or coded.actor.sector in STATELESS):
                        return [coded]
                if depth < 3:
                    queue.extend((c, depth + 1) for c in children[k]
                                 if sent.tokens[c].rel not in ("acl:relcl", "parataxis", "conj"))
        return []

    def _threatened(self, sent: Sentence, i: int, children) -> str | None:
        """The THREATEN mode the act a threat's infinitive names tells: a
        sanction's own mode where THREATEN has it (`выслать` → expel), else
        breaking relations for a sanction, violence for force."""
        modes = self.types["THREATEN"]["modes"].split("|")
        for k in children[i]:
            if sent.tokens[k].rel != "xcomp":
                continue
            for e in lexicon(self.res).get(sent.tokens[k].lemma.lower(), ()):
                if e.type not in ("SANCTION",) + tuple(FORCE) or match_trigger(e, sent, k, children) is None:
                    continue
                if e.mode in modes:
                    return e.mode
                return "relations" if e.type == "SANCTION" else "violence"
        return None

    def _interlocutor(self, sent: Sentence, sources) -> list[Coded]:
        """Whom a request, refusal, accusation, thanks or condolence
        without an addressee is made to, right after talks (`Байден
        побеседовал с Корреа … Байден просил отказать Сноудену в убежище`,
        `провел телефонный разговор с Эрдоганом … выразил соболезнования
        в связи с жертвами землетрясения`): the other side of the
        talks of this or the sentence before, when the act's source is one
        of their sides."""
        if self.talks is None or self.sentence_no[sent.start] - self.talks[1] > 1:
            return []
        sides = self.talks[0]
        out = [Coded(country_actor(side, self.res), NAMED) for src in sources
               if src and src.actor.country in sides for side in sides if side != src.actor.country]
        return out[:1]

    def _destination(self, sent: Sentence, words, children, preps=("в", "на")) -> Coded | None:
        """The actor whose land the trigger's words lead into: `въезд в
        Россию`, `на территорию стран Европейского союза` (the owner of the
        territory); with `preps` ("из",) the land they lead out of. The
        phrase hangs on the trigger's words or, where the parser put it
        elsewhere, follows them closely within the clause."""
        near = []
        for k in range(max(words) + 1, min(max(words) + 6, len(sent.tokens))):
            if sent.tokens[k].pos in ("VERB", "PUNCT"):
                break
            near.append(k)
        for k in [k for w in words for k in children[w]] + near:
            if not prepositions(sent, k, children) & set(preps):
                continue
            if sent.tokens[k].lemma.lower() == "территория":
                k = next((j for j in children[k] if sent.tokens[j].rel == "nmod"
                          and sent.tokens[j].feats.get("Case") == "Gen"), k)
            coded = self.actors.code(sent, k, children)
            if coded is not None and (coded.actor.country or coded.actor.sector in STATELESS):
                return coded
        return None

    def _stricken(self, sent: Sentence, words, children) -> Coded | None:
        """The country of the first place named (`в`, `на`) inside the
        trigger's circumstances (not the place of the act itself: `в Минске
        выразил соболезнования`), a few levels down, outside relative clauses."""
        starts = [k for w in words for k in children[w] if k not in words
                  and sent.tokens[k].rel not in ("nsubj", "obj")]
        country = self._place_below(sent, starts, children, ("в", "на"), levels=4, own=False)
        return Coded(country_actor(country, self.res), NAMED) if country else None

    def _doer(self, sent: Sentence, t: int, children) -> Coded | None:
        """The state that did an act of force or a sanction named by the noun
        at `t`, from where it was done: `обеспокоенность арестом
        оппозиционеров в Белоруссии` is about Belarus, `протест в связи с
        высылкой дипломатов из Молдавии` about Moldova (the genitive of such
        a noun is whom it was done to). None for any other word."""
        tok = sent.tokens[t]
        if tok.pos != "NOUN" or not any(
                self.types[e.type]["quad"] == "material conflict" and match_trigger(e, sent, t, children)
                is not None for e in lexicon(self.res).get(tok.lemma.lower(), ())):
            return None
        country = self._place_below(sent, children[t], children, tuple(_WHERE), levels=1)
        return Coded(country_actor(country, self.res, "GOV"), NAMED) if country else None

    def _place_below(self, sent: Sentence, starts, children, preps: tuple[str, ...], levels: int,
                     own: bool = True) -> str | None:
        """The country of the first place after one of `preps` found breadth
        first from `starts` down `levels` more levels, outside relative
        clauses and conjuncts (or of the place it is part of: `в аэропорту
        Казани`); without `own`, not among `starts` themselves."""
        queue = [(k, 0) for k in starts]
        for k, depth in queue:
            dep = sent.tokens[k]
            if dep.rel in ("acl:relcl", "conj", "parataxis"):
                continue
            if (own or depth) and dep.rel in ("obl", "nmod") and prepositions(sent, k, children) & set(preps):
                for j in [k] + [j for j in children[k] if sent.tokens[j].rel == "nmod"
                                and sent.tokens[j].feats.get("Case") == "Gen"]:
                    ent, country = self.actors.place(sent, j)
                    if country is not None:
                        return country
            if depth < levels:
                queue.extend((c, depth + 1) for c in children[k])
        return None

    def _visit(self, entry, sent, i, words, t, children) -> list[_Found]:
        """`прибыла в Минск`, `визит в Казахстан`: the guest visits the host
        country and the host receives the guest, both with mode `visit`."""
        if t is None:
            return []
        ent, country = self.actors.place(sent, t)
        if country is not None:
            place = Place(name=ent.name, entity=ent.id, country=country)
        else:
            # `посетит саммит во Франции`: what is visited stands where
            place = _location(self.actors, sent, [t], children)
            if place is None or place.country is None:
                return []
            country = place.country
        host = Coded(country_actor(country, self.res, "GOV"), NAMED)
        out = []
        for src in self._sources(sent, i, children):
            # (a guest is named: `главы правительств 50 стран` given the
            # article's country are nobody's visit)
            if not src or not src.actor.country or src.actor.country == country or src.strength != NAMED:
                continue
            out.append(self._event(entry, sent, i, words, children, src, host, place))
            out.append(self._event(entry, sent, i, words, children, host, src, place))
        return out

    def _event(self, entry, sent, i, words, children, src: Coded, tgt: Coded,
               place: Place | None = None) -> _Found:
        text = self.doc.text
        start, end = _clause(sent, i, children)
        t0, t1 = sent.tokens[words[0]].start, sent.tokens[words[-1]].end
        start, end = min(start, t0), max(end, t1)
        date = resolve_date(text[start:end], self.doc.published, self.res)
        contexts = _contexts(entry, sent, start, end, self.res)
        mode = entry.mode
        if entry.type == "CONSULT" and mode is None and place and place.country \
                and place.country not in (src.actor.country, tgt.actor.country):
            mode = "third-party"    # PLOVER: the sides meet in a third country
        event = Event(type=entry.type, text=text[start:end], start=start, end=end,
                      trigger=Cue(text=text[t0:t1], start=t0, end=t1), mode=mode,
                      contexts=contexts, quad=self.types[entry.type]["quad"],
                      source=src.actor, target=tgt.actor, location=place, date=date)
        return _Found(event, min(src.strength, tgt.strength),
                      max(src.strength, tgt.strength) > ASSUMED)


def _contexts(entry: Entry, sent: Sentence, start: int, end: int, res: Resources) -> tuple[str, ...]:
    """The trigger's contexts and those its clause's words make clear
    (`торговать` → economic), in order, without repeats."""
    words = context_words(res)
    lemmas = [t.lemma.lower() for t in sent.tokens if start <= t.start and t.end <= end]
    found = [words[w] for w in lemmas if w in words]
    found += [words[f"{a} {b}"] for a, b in zip(lemmas, lemmas[1:]) if f"{a} {b}" in words]
    return tuple(dict.fromkeys(entry.contexts + tuple(found)))


def _key(ev: Event) -> tuple:
    def side(a: Actor | None):
        return (a.country or a.name) if a else None
    return ev.type, side(ev.source), side(ev.target)


def _merge(found: list[_Found]) -> tuple[Event, ...]:
    """One event per (type, source, target): the surest and first one, with
    a mode, place and date taken from the others where it lacks them. Events
    whose actors are both assumed are dropped when the article names the
    actors of another event of the same type."""
    named_types = {f.event.type for f in found if f.strength > ASSUMED}
    best: dict[tuple, _Found] = {}
    for f in found:
        if f.strength == ASSUMED and f.event.type in named_types:
            continue
        key = _key(f.event)
        old = best.get(key)
        if old is None:
            best[key] = f
            continue
        keep, other = (old, f) if old.strength >= f.strength else (f, old)
        ev = keep.event
        mode = "visit" if "visit" in (ev.mode, other.event.mode) else ev.mode or other.event.mode
        ev = dataclasses.replace(ev, mode=mode, location=ev.location or other.event.location,
                                 date=ev.date or other.event.date,
                                 contexts=tuple(dict.fromkeys(ev.contexts + other.event.contexts)))
        best[key] = _Found(ev, keep.strength, keep.named or other.named)
    return tuple(sorted((f.event for f in best.values()), key=lambda e: (e.start, e.type)))


def code_events(doc: Document, res: Resources) -> Document:
    """Add one `Event` per (PLOVER type, source country, target country) the
    article reports as happening, planned or offered, each with its clause,
    trigger, mode, contexts, quad, actors, place and date."""
    if not doc.sentences:
        return doc
    coder = _Coder(doc, res)
    rank = _ranks(doc)
    found = [(rank[n], f) for n, sent in enumerate(doc.sentences) for f in coder.code_sentence(sent)
             if f.named or rank[n] < LEAD_SENTENCES]
    # GOLD.md: domestic events (both sides of one country) count only where
    # the headline event is itself one (the first the title and lead
    # report); elsewhere they are the background of an international story.
    if found and not (found[0][0] < HEADLINE_SENTENCES and _is_domestic(found[0][1].event)):
        found = [(n, f) for n, f in found if not _is_domestic(f.event)]
    return dataclasses.replace(doc, events=_merge([f for _, f in found]))


def _ranks(doc: Document) -> list[int]:
    """Per sentence, how many full sentences (ending in a stop, a question
    or exclamation mark, an ellipsis or a closing quote) come before it: the
    title, captions and bylines, lines without a stop or without a verb,
    share the rank of the sentence they precede, so `LEAD_SENTENCES` and `HEADLINE_SENTENCES`
    count the text's own sentences."""
    out, full = [], 0
    for sent in doc.sentences:
        out.append(full)
        full += (sent.text.rstrip().endswith((".", "!", "?", "…", "»", "\"", ";"))
                 and not _caption(doc, sent))
    return out


def _caption(doc: Document, sent: Sentence) -> bool:
    """A photo caption or a place line (`Портрет Уго Чавеса.`, `Тартус.`): a
    whole line of a few words without a verb."""
    before = doc.text[:sent.start].rsplit("\n", 1)[-1]
    after = doc.text[sent.end:].split("\n", 1)[0]
    line = not before.strip() and not after.strip()
    return line and len(sent.tokens) <= 8 and not any(t.pos in ("VERB", "AUX") for t in sent.tokens)


def _is_domestic(ev: Event) -> bool:
    return bool(ev.source and ev.target and ev.source.country
                and ev.source.country == ev.target.country)
