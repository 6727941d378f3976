"""Which words point back at a person, and what the syntax around them
rules out: the word classes and tests that `coref.py` resolves with and
that the speaker stage shares (`quotes/referents.py`).

- `pronoun_gender`: a third-person singular pronoun, personal or
  possessive, and its gender (`его` is `он`'s);
- `anaphoric_person_noun` / `person_noun_gender`: a noun for any person
  (`политик`, `актриса`) used of somebody named before, and whose gender;
- `title_subject`: a title as the subject of its clause with no name of
  its own (`глава государства отметил`), and the titles it refers to;
- `clause_subject`: the subject a pronoun cannot be (`Путин пригласил его`);
- `other_nearer`: a thing or an unnamed person nearer than any named one
  (`осудил визит …, назвав его`; `задержан житель … Он сказал`).
"""
from __future__ import annotations

import bisect
import functools

from ..document import Entity, Sentence, Token
from ..resources import Resources
from .geo import country_of

# determiners that make a person noun somebody new (`один политик`)
_NEW_REFERENT = frozenset(("один", "другой", "некий", "какой-то", "какой-нибудь", "некоторый",
                           "каждый", "любой", "такой", "иной", "многие", "несколько",
                           "неизвестный", "неустановленный", "очередной"))
# where an anaphoric person noun stands: as a participant, not a predicate
_PARTICIPANT_RELS = frozenset(("nsubj", "nsubj:pass", "obj", "iobj", "obl", "nmod"))
@functools.cache
def _role_references(res: Resources) -> dict[str, tuple[str, ...]]:
    return {r["reference"].lower(): tuple(t.strip() for t in r["refers_to"].lower().split(","))
            for r in res.table("role_references")}


@functools.cache
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
    for k in subtree(sent, j):
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


def subtree(sent: Sentence, i: int) -> list[int]:
    """Indices of token `i` and all its descendants, in order."""
    out, todo = {i}, [i]
    while todo:
        k = todo.pop()
        for j, t in enumerate(sent.tokens):
            if t.head == k and j not in out:
                out.add(j)
                todo.append(j)
    return sorted(out)


def covers(spans: list[tuple[int, int]], offset: int) -> bool:
    """True when one of the sorted, hardly nested `spans` covers `offset`."""
    k = bisect.bisect_right(spans, (offset, 1 << 62))
    return any(s <= offset < e for s, e in spans[max(0, k - 8):k])


def _up(toks: tuple[Token, ...], k: int, rels: tuple[str, ...]) -> int:
    """From token `k` up through nouns while its relation is one of `rels`."""
    while toks[k].rel in rels and toks[k].head >= 0 and toks[toks[k].head].pos in ("NOUN", "PROPN"):
        k = toks[k].head
    return k


def clause_subject(sent: Sentence, j: int) -> int | None:
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
            # (a "subject" the tagger reads in another case than the
            # nominative is a parse error: `Лукашенко и … его служащим
            # запрещён въезд`, a dative)
            subj = next((i for i, t in enumerate(sent.tokens) if t.head == k and t.rel.startswith("nsubj")
                         and t.feats.get("Case", "Nom") == "Nom"), None)
            if subj is not None or head.feats.get("VerbForm") not in ("Conv", "Inf"):
                return subj
        k = head.head
    return None


def other_nearer(sents: tuple[Sentence, ...], j: int, gender: str | None,
                  persons: list[tuple[int, int]], res: Resources) -> bool:
    """The nearest noun phrase of the pronoun's gender before it, in its
    sentence or the one before (`sents`: that one, then this one), is
    something or somebody no chain holds: a thing for an object or an
    oblique pronoun (`осудил визит …, назвав его`; `ему`, `с ним` may be
    `оно`'s too), a subject thing in its own sentence or an unnamed person
    in the nominative for a subject (`задержан 27-летний житель … Он
    сказал`). Phrases are judged by their head (`визит … Дмитрия
    Медведева` is a visit); a time or a place
    (`11 марта`, `в ноябре`) and the pronoun's own clause subject are no
    rivals. Nouns for roles and for any person are left to the chains."""
    sent = sents[-1]
    tok = sent.tokens[j]
    if tok.pos != "PRON":
        return False    # (a possessive is a person's or an organisation's far more often)
    subject = tok.rel.startswith("nsubj")
    wanted = ("Fem",) if gender == "Fem" else ("Masc", "Neut")
    own = clause_subject(sent, j)
    for si in range(len(sents) - 1, -1, -1):
        toks = sents[si].tokens
        for k in range(j - 1 if si == len(sents) - 1 else len(toks) - 1, -1, -1):
            t = toks[k]
            if t.pos not in ("NOUN", "PROPN") or si == len(sents) - 1 and k == own:
                continue
            h = _up(toks, k, ("flat", "flat:name", "appos"))
            named = t.pos == "PROPN" and covers(persons, t.start)
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
            if subject and si == len(sents) - 1 and head.pos == "NOUN" \
                    and head.feats.get("Case") == "Nom" and head.rel.startswith("nsubj"):
                return True     # `мрамор — живой материал, … он очень хорош`
            if subject and head.pos == "NOUN" and head.feats.get("Case") == "Nom" \
                    and head.rel.startswith("nsubj") and head.lemma.lower() in _bodies(res):
                return True     # `Организация … выразила неудовольствие. Она обещала …`
            if not subject and head.pos == "NOUN" and not any(
                    x.head == h and x.rel in ("case", "nummod") for x in toks) \
                    and not (h > 0 and toks[h - 1].text[:1].isdigit()):
                return True
    return False


@functools.cache
def _bodies(res: Resources) -> frozenset[str]:
    """Nouns for institutions and groups (sectors.tsv, `организация`,
    `партия`), which `он`/`она` stand for as often as a person."""
    return frozenset(r["lemma"] for r in res.table("sectors")) | {"организация"}


_NOT_TITLES = frozenset(("person", "previous", "organisation", "nobody", "document"))


def title_subject(sent: Sentence, j: int, res: Resources) -> tuple[tuple[str, ...], int] | None:
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
           for k in subtree(sent, j) if k != j):
        return None
    return titles, j + 1 if pair else j


def country_in(sent: Sentence, j: int, res: Resources) -> str | None:
    """The country an adjective or a genitive name in the phrase of `j`
    names (`белорусский лидер`, `президент России`)."""
    return next((c for k in subtree(sent, j) if k != j and (
        sent.tokens[k].pos == "ADJ" or sent.tokens[k].pos == "PROPN" and sent.tokens[k].rel == "nmod")
        and (c := country_of(sent.tokens[k].text, res))), None)


def stem_match(word: str, other: str) -> bool:
    """`other` starts with the stem of `word` (its last two letters dropped)."""
    return other.startswith(word[:max(4, len(word) - 2)]) if len(word) > 3 else other == word
