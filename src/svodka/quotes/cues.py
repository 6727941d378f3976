"""The cue lexicon (`resources/speech_verbs.tsv`, `quote_title_nouns.tsv`,
`role_references.tsv`, `member_nouns.tsv`, `staff_nouns.tsv`) and small
helpers over the dependency parse that the quote and speaker stages share."""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass
from typing import Iterator, Mapping

from ..document import Document, Sentence, Token
from ..resources import Resources

VERB, SOURCE, AS, CALL, RELAY, WORDS, PHRASE = ("verb", "source", "as", "call", "relay", "words",
                                                "phrase")
# the prepositions of a source phrase (`по словам X`, `согласно заявлению X`, `со слов X`),
# and the possessives that may stand for X (`по его словам`)
SOURCE_PREPOSITIONS = ("по", "согласно", "со")
SOURCE_POSSESSIVES = ("его", "ее", "её", "их")
SUBJECT_RELS = ("nsubj", "nsubj:pass")


@dataclass(frozen=True)
class Lexicon:
    """The speech-verb lexicon the quote finders read (resources/speech_verbs.tsv
    and its companions), each word with the quote kinds it licenses."""
    verbs: Mapping[str, str]                 # lemma -> licenses (direct/indirect/both)
    sources: Mapping[str, str]               # noun form of `по словам` -> licenses
    as_verbs: Mapping[str, str]              # lemma after `как` -> licenses
    calls: frozenset[str]                    # naming verbs: назвать
    relays: Mapping[str, str]                # verbs passing on words: цитировать -> licenses
    words: frozenset[str]                    # nouns for somebody's words: слово
    title_nouns: frozenset[str]              # газета, фильм, закон, ...
    roles: Mapping[str, tuple[str, ...]]     # role reference -> titles it refers to
    members: Mapping[str, tuple[str, ...]]   # member noun -> organisation names
    # verb lemma -> (words after it as printed, licenses): `обратить` -> ((внимание,), indirect)
    phrases: Mapping[str, tuple[tuple[tuple[str, ...], str], ...]] = None
    staff: frozenset[str] = frozenset()     # plural nouns for an organisation's staff: сотрудник

    def phrase_at(self, sent: Sentence, i: int, kind: str = "both") -> int | None:
        """The last token of a two-word cue whose verb is token `i` (`дали
        понять`, `пришли к выводу`) that may introduce a `kind` quote; else None."""
        for rest, lic in (self.phrases or {}).get(sent.tokens[i].lemma, ()):
            end = i + len(rest)
            if end < len(sent.tokens) and (kind == "both" or lic in (kind, "both")) and all(
                    sent.tokens[i + 1 + k].text.lower() == w for k, w in enumerate(rest)):
                return end
        return None

    def licenses_at(self, sent: Sentence, i: int, kind: str) -> bool:
        """`licenses` for token `i` of `sent`, two-word cues included."""
        return self.licenses(sent.tokens[i].lemma, kind) or self.phrase_at(sent, i, kind) is not None

    def licenses(self, lemma: str, kind: str) -> bool:
        """True when `lemma` is a speech verb that may introduce a `kind` quote."""
        lic = self.verbs.get(lemma)
        return lic is not None and lic in (kind, "both")

    def is_cue_word(self, tok: Token) -> bool:
        """True when the token's lemma is a speech verb or a naming verb (`назвать`)."""
        return tok.lemma in self.verbs or tok.lemma in self.calls

    def relayed_words(self, sent: Sentence, i: int, kind: str = "both") -> int | None:
        """The words noun that relay verb `i` passes on (`цитирует ТАСС
        слова Лаврова` → `слова`), when it licenses `kind` quotes; else None."""
        lic = self.relays.get(sent.tokens[i].lemma)
        if lic is None or kind != "both" and lic not in (kind, "both"):
            return None
        for j in children(sent, i):
            if sent.tokens[j].rel == "obj" and sent.tokens[j].lemma in self.words:
                return j
        return None


@functools.cache
def load_lexicon(res: Resources) -> Lexicon:
    verbs, sources, as_verbs, calls, relays, words = {}, {}, {}, set(), {}, set()
    phrases: dict[str, list] = {}
    for row in res.table("speech_verbs"):
        cue, kind, lic = row["cue"].lower(), row["type"], row["licenses"]
        if kind == VERB:
            verbs[cue] = lic
        elif kind == SOURCE:
            sources[cue.split()[-1]] = lic
        elif kind == AS:
            as_verbs[cue.split()[-1]] = lic
        elif kind == CALL:
            calls.add(cue)
        elif kind == RELAY:
            relays[cue] = lic
        elif kind == WORDS:
            words.add(cue)
        elif kind == PHRASE:
            verb, *rest = cue.split()
            phrases.setdefault(verb, []).append((tuple(rest), lic))
    titles = frozenset(r["lemma"].lower() for r in res.table("quote_title_nouns"))
    roles = {r["reference"].lower(): tuple(t.strip() for t in r["refers_to"].lower().split(","))
             for r in res.table("role_references")}
    members = {r["lemma"].lower(): tuple(n.strip() for n in r["organisation"].split(","))
               for r in res.table("member_nouns")}
    staff = frozenset(r["lemma"].lower() for r in res.table("staff_nouns"))
    return Lexicon(verbs, sources, as_verbs, frozenset(calls), relays, frozenset(words), titles,
                   roles, members, {v: tuple(p) for v, p in phrases.items()}, staff)


# --- positions -------------------------------------------------------------

def sentence_index(doc: Document, offset: int) -> int:
    """Index of the sentence holding `offset` (or the last one before it)."""
    # Bisect on the sentences themselves: building the list of starts on
    # every call made callers quadratic in the number of sentences.
    return max(0, bisect.bisect_right(doc.sentences, offset, key=lambda s: s.start) - 1)


def tokens_in(doc: Document, start: int, end: int) -> Iterator[tuple[Sentence, int]]:
    """(sentence, token index) of every token lying inside [start, end)."""
    if not doc.sentences:
        return
    for si in range(sentence_index(doc, start), len(doc.sentences)):
        sent = doc.sentences[si]
        if sent.start >= end:
            break
        for ti, tok in enumerate(sent.tokens):
            if tok.start >= start and tok.end <= end:
                yield sent, ti


def line_bounds(text: str, offset: int) -> tuple[int, int]:
    """(start, end) of the line (paragraph) holding `offset`."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end < 0 else end


# --- the tree ----------------------------------------------------------------

def children(sent: Sentence, i: int) -> list[int]:
    """Indexes of the tokens whose syntactic head is token `i`, in sentence order."""
    return [j for j, t in enumerate(sent.tokens) if t.head == i]


def subtree(sent: Sentence, i: int) -> list[int]:
    """Indices of token `i` and all its descendants, in order."""
    out, todo = {i}, [i]
    while todo:
        k = todo.pop()
        for j in children(sent, k):
            if j not in out:
                out.add(j)
                todo.append(j)
    return sorted(out)


_CLAUSE_RELS = ("acl", "acl:relcl", "ccomp", "advcl", "parataxis", "csubj")


def phrase(sent: Sentence, i: int) -> list[int]:
    """Indices of the noun phrase headed by token `i`: its subtree without
    the clauses that hang on it (`том, что …`, `который …`)."""
    out, todo = {i}, [i]
    while todo:
        k = todo.pop()
        for j in children(sent, k):
            if j not in out and sent.tokens[j].rel not in _CLAUSE_RELS:
                out.add(j)
                todo.append(j)
    return sorted(out)


def is_cue_verb(tok: Token) -> bool:
    """A speech verb form that can carry an attribution: not a passive
    participle, nor a bare infinitive (`говорить о том, что … рано`) unless it
    completes another verb (`успел заявить`)."""
    if tok.feats.get("VerbForm") == "Part" and tok.feats.get("Voice") == "Pass":
        return False    # `так называемой «…»`, `так описана`: nobody speaks
    return tok.feats.get("VerbForm") != "Inf" or tok.rel == "xcomp"


def subject_of(sent: Sentence, i: int) -> int | None:
    """The subject of verb `i`, climbing to the verb it is coordinated with
    or depends on when it has none of its own (`и добавил`); for a
    participle or a `который`-clause, the noun the clause hangs on. When the
    parse gives a coordinated verb no way to its subject (`X настаивает …,
    утверждая, что …, и заявлял, что …` with `заявлял` hung on a word of
    the quote), the subject of the nearest main verb before it."""
    found = _subject_by_syntax(sent, i)
    if found is None and _after_and(sent, i):
        return _previous_main_subject(sent, i)
    return found


_AND = ("и", "а", "но", "однако")
_MAIN_RELS = ("root", "conj")


def _after_and(sent: Sentence, i: int) -> bool:
    """Verb `i` comes right after a coordinating conjunction (`, и заявил`)."""
    return i >= 1 and sent.tokens[i - 1].text.lower() in _AND


def _previous_main_subject(sent: Sentence, i: int) -> int | None:
    for k in range(i - 1, -1, -1):
        tok = sent.tokens[k]
        if tok.rel in SUBJECT_RELS and 0 <= tok.head < i and tok.lemma != "который" \
                and sent.tokens[tok.head].rel in _MAIN_RELS \
                and sent.tokens[tok.head].pos in ("VERB", "AUX", "ADJ"):
            return k
    return None


def _subject_by_syntax(sent: Sentence, i: int) -> int | None:
    seen = set()
    while i >= 0 and i not in seen:
        seen.add(i)
        subjects = [j for j in children(sent, i) if sent.tokens[j].rel in SUBJECT_RELS]
        if subjects:
            # the parser may give two: a noun over a participle that
            # belongs to it (`сказал поддерживающий Чавеса законодатель`)
            nouns = [k for k in subjects if sent.tokens[k].pos in ("NOUN", "PROPN", "PRON")]
            # of two, one the tagger reads as accusative is the object of a
            # verb before it that lost its comma (`Помощник …, который
            # посетил Белград заявил`), not the subject
            j = min(nouns or subjects, key=lambda k: (len(subjects) > 1 and sent.tokens[k].feats.get("Case") == "Acc",
                                                     abs(k - i)))
            if sent.tokens[j].lemma == "который":
                if j >= 2 and sent.tokens[j - 1].text == "," and sent.tokens[j - 2].pos in ("NOUN", "PROPN"):
                    return j - 2    # `…, Дмитрий Дёмушкин, который успел заявить`
                return _clause_antecedent(sent, i)
            return j
        tok = sent.tokens[i]
        if tok.rel.startswith("acl") and tok.feats.get("VerbForm") in ("Part", "Conv"):
            return tok.head if tok.head >= 0 else None
        # not through `parataxis`: `«…», — говорится в сообщении` hangs on the quote
        if tok.rel in ("conj", "xcomp") or tok.rel == "advcl" and tok.feats.get("VerbForm") == "Conv":
            i = tok.head
        else:
            return None
    return None


def _clause_antecedent(sent: Sentence, i: int) -> int | None:
    while i >= 0:
        tok = sent.tokens[i]
        if tok.rel.startswith("acl"):
            return tok.head
        if tok.rel not in ("conj", "xcomp"):
            return None
        i = tok.head
    return None


def cue_span(sent: Sentence, i: int) -> tuple[int, int]:
    """Character span of cue word `i` together with its subject when the
    subject stands next to it (`сказал Президент`, `Президент заявил`)."""
    tok = sent.tokens[i]
    start, end = tok.start, tok.end
    subj = subject_of(sent, i)
    if subj is not None and abs(subj - i) <= 4:
        span = [k for k in subtree(sent, subj) if sent.tokens[k].pos != "PUNCT"]
        lo, hi = min(span + [i]), max(span + [i])
        if all(sent.tokens[k].text not in ",.;:!?" for k in range(lo, hi + 1)):
            start = min(start, sent.tokens[lo].start)
            end = max(end, sent.tokens[hi].end)
    return start, end


def line_range(text: str, sent: Sentence, i: int) -> tuple[int, int]:
    """[lo, hi) token indices of the part of `sent` on the same line as token
    `i` (a heading without a full stop is not one sentence with its body)."""
    toks = sent.tokens
    lo = i
    while lo > 0 and "\n" not in text[toks[lo - 1].end:toks[lo].start]:
        lo -= 1
    hi = i + 1
    while hi < len(toks) and "\n" not in text[toks[hi - 1].end:toks[hi].start]:
        hi += 1
    return lo, hi


def phrase_end(sent: Sentence, k: int, hi: int) -> int:
    """Index just past an attribution phrase starting at token `k`: up to the
    next comma or dash that is not inside brackets or quotation marks."""
    depth = 0
    for j in range(k + 1, hi):
        t = sent.tokens[j].text
        if t in ("(", "«", "„"):
            depth += 1
        elif t in (")", "»", "“") and depth:
            depth -= 1
        elif t in (",", "—", "–", ":", ";") and not depth:
            # go on over an apposition: `по словам одного из участников, епископа X,`
            nxt = j + 1
            # (an apposition is closed by a comma of its own before the clause)
            if t == "," and nxt < hi and k <= sent.tokens[nxt].head < j and sent.tokens[nxt].pos != "PUNCT" \
                    and sent.tokens[nxt].feats.get("Case") == sent.tokens[sent.tokens[nxt].head].feats.get("Case") \
                    and any(sent.tokens[x].text == "," for x in range(nxt, hi)):
                continue
            return j
    return hi

