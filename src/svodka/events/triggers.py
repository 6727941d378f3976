"""Event triggers: the Russian lexicon of `resources/plover.tsv` matched on
the dependency parse, and whether a matched trigger reports an event that
happens (`resources/event_modality.tsv`: negation, refusal, possibility,
conditional and future; circumstances such as `после протестов`).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from ..document import Sentence
from ..resources import Resources


@dataclass(frozen=True)
class Entry:
    """One row of plover.tsv."""
    words: tuple[str, ...]
    pos: frozenset[str]
    type: str
    mode: str | None
    contexts: tuple[str, ...]
    target: tuple[str, ...]
    flags: frozenset[str]
    sectors: frozenset[str]


def _split(cell: str, sep: str = "|") -> tuple[str, ...]:
    return tuple(x.strip() for x in cell.split(sep) if x.strip())


@functools.cache
def lexicon(res: Resources) -> dict[str, tuple[Entry, ...]]:
    """plover.tsv indexed by the trigger's head lemma."""
    index: dict[str, list[Entry]] = {}
    for row in res.table("plover"):
        entry = Entry(words=tuple(row["trigger"].lower().split()),
                       pos=frozenset(_split(row["pos"])), type=row["type"],
                       mode=row["mode"] or None, contexts=_split(row["contexts"]),
                       target=_split(row["target"]), flags=frozenset(_split(row["flags"], " ")),
                       sectors=frozenset(_split(row["sectors"])))
        index.setdefault(entry.words[0], []).append(entry)
    return {k: tuple(v) for k, v in index.items()}


@functools.cache
def event_types(res: Resources) -> dict[str, dict]:
    return {r["type"]: r for r in res.table("plover_types")}


@functools.cache
def context_words(res: Resources) -> dict[str, str]:
    """event_contexts.tsv: a lemma in an event's clause -> PLOVER context."""
    return {r["lemma"]: r["context"] for r in res.table("event_contexts")}


@functools.cache
def evaluation(res: Resources) -> dict[str, str]:
    """evaluation.tsv: a lemma -> `negative` or `positive`."""
    return {r["lemma"]: r["polarity"] for r in res.table("evaluation")}


def judgement(sent: Sentence, i: int, children, res: Resources) -> str | None:
    """The polarity of the word in the instrumental that the verb at `i`
    predicates of its object (`назвал итоги подтасованными`, `назвал
    провокацией`), looked for three levels down; None when there is none."""
    words = evaluation(res)
    near = [(k, 1) for k in children[i]]
    for k, depth in near:
        t = sent.tokens[k]
        if t.feats.get("Case") == "Ins" and not any(sent.tokens[j].rel == "case" for j in children[k]):
            polarity = words.get(t.lemma.lower()) or next(
                (words[sent.tokens[j].lemma.lower()] for j in children[k]
                 if sent.tokens[j].rel == "amod" and sent.tokens[j].lemma.lower() in words), None)
            if polarity:
                return polarity
        if depth < 3:
            # (three levels: the parser hangs the predicate on a clause of
            # the object: `назвала решение … ограничить транзит … шагом`)
            near.extend((j, depth + 1) for j in children[k])
    return None


@functools.cache
def modality(res: Resources) -> dict[str, str]:
    return {r["word"]: r["effect"] for r in res.table("event_modality")}


def children_of(sent: Sentence) -> list[list[int]]:
    """Per token of the sentence, the indexes of the tokens whose syntactic head
    it is, in sentence order (a token heading itself is nobody's child)."""
    kids: list[list[int]] = [[] for _ in sent.tokens]
    for i, t in enumerate(sent.tokens):
        if 0 <= t.head < len(kids) and t.head != i:
            kids[t.head].append(i)
    return kids


def match_trigger(entry: Entry, sent: Sentence, i: int, children) -> tuple[int, ...] | None:
    """Indexes of the trigger's words if all of them are there: the head at
    `i`, the others among its dependents two levels down (below its object
    only when the object is one of them)."""
    if sent.tokens[i].pos not in entry.pos:
        return None
    # (not the trigger's subject: `Президент … принял отставку` is no
    # reception of a president)
    found, near = [i], [(k, 1) for k in children[i] if sent.tokens[k].rel != "nsubj"]
    for k, depth in near:
        # (below an object only when it is a word of the trigger: `принял
        # отставку министра` is no reception of a minister)
        if depth < 2 and (sent.tokens[k].rel != "obj" or sent.tokens[k].lemma.lower() in entry.words):
            near.extend((j, 2) for j in children[k])
    for word in entry.words[1:]:
        k = next((k for k, _ in near if sent.tokens[k].lemma.lower() == word and k not in found), None)
        if k is None:
            return None
        found.append(k)
    return tuple(sorted(found))


# Relations along which a governing word controls whether its dependent
# event happens (`отказался подписать`, `не намерен вводить санкции`).
CONTROL = {"xcomp", "obj", "obl", "nmod", "csubj", "ccomp", "advcl"}


def is_denied(sent: Sentence, i: int, children, res: Resources) -> bool:
    """True when the event at `i` is negated, only possible, refused,
    conditional, or the reason or aim of its clause (`за подписание`)."""
    mod = modality(res)
    node, via_conj = i, False
    for step in range(5):
        tok = sent.tokens[node]
        if step and mod.get(tok.lemma.lower()) == "block":
            return True
        if tok.feats.get("Mood") == "Cnd":
            return True
        # Above a conjunct only the governing words count: `отказался признать
        # обвинения и уйти в отставку`, but not `не подписал и уехал`.
        for k in ([] if via_conj else children[node]):
            kid = sent.tokens[k]
            effect = mod.get(kid.lemma.lower())
            if effect == "reason" and step == 0 and kid.rel == "case":
                return True
            # (`в случае, если`, `при условии`; not `по случаю избрания`,
            # an occasion)
            if effect == "condition" and kid.rel in ("obl", "nmod") and prepositions(sent, k, children) & {"в", "при"}:
                return True
            if effect == "negate" and kid.rel not in ("nsubj", "obj", "obl", "nmod"):
                return True
            if effect == "block" and kid.rel in ("mark", "advmod", "aux", "case"):
                return True
            if kid.rel in ("aux", "cop", "aux:pass"):
                if any(mod.get(sent.tokens[j].lemma.lower()) == "negate" for j in children[k]):
                    return True
        # An event noun is also denied by the verb it is the subject of
        # (`встреча не состоится`).
        controlled = tok.rel in CONTROL or (tok.rel == "nsubj" and tok.pos == "NOUN")
        if tok.rel == "advcl" and any(sent.tokens[k].rel == "mark" and mod.get(sent.tokens[k].lemma.lower()) == "fact"
                                      for k in children[node]):
            return False    # `…, поскольку Израиль отказывается признать`: a reason stated as fact
        if tok.rel == "conj" and tok.pos == "VERB":
            controlled = via_conj = True
        if not controlled or tok.head < 0:
            return False
        node = tok.head
    return False


def prepositions(sent: Sentence, k: int, children) -> set[str]:
    """The lemmas of the prepositions of the word at `k` (its `case` dependents)."""
    return {sent.tokens[c].lemma.lower() for c in children[k] if sent.tokens[c].rel == "case"}


def is_attempted(sent: Sentence, i: int, res: Resources) -> bool:
    """True when the verb at `i` is the infinitive of a verb of trying
    (`пытался вести переговоры`: an `attempt` word of event_modality.tsv)."""
    tok = sent.tokens[i]
    return tok.rel == "xcomp" and tok.head >= 0 \
        and modality(res).get(sent.tokens[tok.head].lemma.lower()) == "attempt"


def is_background(sent: Sentence, i: int) -> bool:
    """Attributive participles (`подписанное соглашение`) and participles
    standing for a person report no new event of their own."""
    tok = sent.tokens[i]
    if tok.rel == "amod" or (tok.rel == "acl" and tok.feats.get("VerbForm") == "Part"):
        return True
    # A full participle standing for a person (`обвиняемый сбежал`).
    if tok.feats.get("VerbForm") == "Part" and tok.feats.get("Variant") != "Short" \
            and tok.rel not in ("root", "conj", "ccomp", "advcl", "parataxis", "xcomp"):
        return True
    # A relative clause states its event as fact (`Иран, который ведёт
    # переговоры с Россией`); only a participle in one is background.
    return False


def is_detached(sent: Sentence, i: int, children, res: Resources) -> bool:
    """True when a preposition makes the noun at `i` a circumstance of the
    clause (`после протестов`, `в связи с отставкой`), not its subject's act."""
    mod = modality(res)
    return any(sent.tokens[j].rel in ("case", "fixed") and mod.get(sent.tokens[j].lemma.lower()) == "detach"
               for k in children[i] if sent.tokens[k].rel == "case"
               for j in [k] + children[k])


def antecedent(sent: Sentence, k: int) -> int:
    """For a relative pronoun (`который`) at `k`, the noun its clause
    describes; `k` itself for any other word."""
    if sent.tokens[k].lemma.lower() != "который":
        return k
    node, seen = k, set()
    while node >= 0 and node not in seen:
        seen.add(node)
        if sent.tokens[node].rel == "acl:relcl":
            return sent.tokens[node].head if sent.tokens[node].head >= 0 else k
        node = sent.tokens[node].head
    return k


def is_future(sent: Sentence, i: int, children) -> bool:
    """True when the verb at `i` is in the future: `посетит`, `будет
    подписан`, `будут вводить`."""
    tok = sent.tokens[i]
    f = tok.feats
    if tok.pos != "VERB":
        return False
    if f.get("Tense") == "Fut" or (f.get("Aspect") == "Perf" and f.get("Tense") == "Pres"
                                   and f.get("VerbForm") == "Fin"):
        return True
    return any(sent.tokens[k].rel in ("aux", "aux:pass") and sent.tokens[k].feats.get("Tense") == "Fut"
               for k in children[i])
