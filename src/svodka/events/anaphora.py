"""Acts referred back to. `этот визит`, `подобный шаг`, `такое решение`
name no actor of their own: the reader takes the one of the act they point
back to, the last one named before of the same kind
(`resources/act_anaphora.tsv`): `после поездки Дмитрия Медведева на Курилы
… заявил, что этот визит «вызывает сожаление»` judges Medvedev's visit."""
from __future__ import annotations

import functools

from ..document import Document, Sentence
from ..resources import Resources
from .triggers import children_of, lexicon

# Words that make a noun point back (`этот`, `такой`, `подобный`, `данный`).
DEMONSTRATIVES = frozenset({"этот", "тот", "такой", "подобный", "данный", "аналогичный"})
# How many sentences before the one of the noun its act may be named in.
REACH = 3


@functools.cache
def _groups(res: Resources) -> dict[str, str]:
    return {r["lemma"]: r["group"] for r in res.table("act_anaphora")}


@functools.cache
def _act_nouns(res: Resources) -> frozenset[str]:
    """Lemmas of the event nouns of plover.tsv."""
    return frozenset(lemma for lemma, entries in lexicon(res).items()
                     if any("NOUN" in e.pos for e in entries))


def points_back(sent: Sentence, index: int, children, res: Resources) -> bool:
    """True when the noun at `index` is an act noun with a demonstrative
    (`этот визит`) and no owner of its own."""
    tok = sent.tokens[index]
    if tok.pos != "NOUN" or tok.lemma.lower() not in _groups(res):
        return False
    kids = [sent.tokens[k] for k in children[index]]
    return any(k.lemma.lower() in DEMONSTRATIVES and k.rel in ("det", "amod") for k in kids) \
        and not any(k.rel == "nmod" and k.feats.get("Case") == "Gen" for k in kids)


def antecedent_owner(doc: Document, sent_no: int, index: int, res: Resources
                     ) -> tuple[Sentence, int, list[list[int]]] | None:
    """The owner of the last act named before the noun at `index` of
    sentence `sent_no` that the noun can refer to (its genitive, or the
    subject of the verb whose object it is), with that sentence and its
    children lists; None when that act has no owner or none is named within
    `REACH` sentences."""
    groups, acts = _groups(res), _act_nouns(res)
    group = groups[doc.sentences[sent_no].tokens[index].lemma.lower()]
    for n in range(sent_no, max(-1, sent_no - REACH - 1), -1):
        sent = doc.sentences[n]
        children = children_of(sent)
        end = index if n == sent_no else len(sent.tokens)
        for k in range(end - 1, -1, -1):
            lemma = sent.tokens[k].lemma.lower()
            if sent.tokens[k].pos != "NOUN":
                continue
            fits = groups.get(lemma) == group if group != "any" else (lemma in groups or lemma in acts)
            if not fits:
                continue
            # the act's own genitive (`поездки Медведева`), else the subject
            # of the verb it is the object of (`Лига вынесла решение`)
            owner = next((j for j in children[k] if sent.tokens[j].rel == "nmod"
                          and sent.tokens[j].feats.get("Case") == "Gen"
                          and not any(sent.tokens[c].rel == "case" for c in children[j])), None)
            head = sent.tokens[k].head
            if owner is None and sent.tokens[k].rel == "obj" and head >= 0:
                owner = next((j for j in children[head] if sent.tokens[j].rel == "nsubj"), None)
            return (sent, owner, children) if owner is not None else None
    return None
