"""Reported speech (`kind="indirect"`) found through the dependency parse:

    Президент заявил, что <clause>            speech verb + `что`-clause
    <clause>, сообщил X.                     postposed attribution
    По словам X, <clause>. / <A>, по словам X, <B>.   source phrase
    Как сообщает X, <clause>.                `как` + speech verb
    <sentence>. Об этом заявил X.            points back to the sentence before

Where the attribution sits inside the clause the text is the whole clause,
attribution included (GOLD.md). Speech inside quotation marks, and clauses
that are little more than a quoted fragment, are left to direct speech."""
from __future__ import annotations

import re

from ..document import Cue, Document, Quote, Sentence
from .cues import (SOURCE_POSSESSIVES, SOURCE_PREPOSITIONS, SUBJECT_RELS, Lexicon, children,
                   cue_span, is_cue_verb, line_range, phrase, phrase_end, subject_of, subtree)

_WORD = re.compile(r"\w+")
# after `по`: the possessives of a source phrase, and the speaker's own
_POSSESSIVES = set(SOURCE_POSSESSIVES) | {"моим", "нашим"}
_LEADING = {"а", "но", "и", "однако", "же", "также", "тогда", "так"}
_BACK_PREPS = {"об", "о"}
_FEW_WORDS = 3
_MOSTLY_QUOTED = 0.6


def find_reported(doc: Document, lex: Lexicon, direct: list[Quote]) -> list[Quote]:
    """Indirect quotes with their cue, speaker left to the speakers stage;
    none inside or mostly made of a direct quote, none inside another."""
    found: list[Quote] = []
    for si, sent in enumerate(doc.sentences):
        found += _that_clauses(doc, sent, lex)
        found += _postposed(doc, sent, lex)
        found += _source_phrases(doc, sent, lex)
        found += _pointing_back(doc, si, lex)
    found = [_cut_at_direct(doc, q, direct) for q in found]
    out: list[Quote] = []
    for q in sorted((q for q in found if q), key=lambda q: (q.start, -q.end)):
        if _is_direct_speech(q, direct) or any(_same(q, o) for o in out):
            continue
        out.append(q)
    # `напомнил, что он всегда говорил, что …`: the clause that ends in the
    # next one's attribution is not a statement of its own
    return [q for q in out if not any(o is not q and o.cue.start < q.end <= o.cue.end for o in out)]


def _that_clauses(doc: Document, sent: Sentence, lex: Lexicon) -> list[Quote]:
    toks, out = sent.tokens, []
    for i, tok in enumerate(toks):
        if not lex.licenses_at(sent, i, "indirect") or tok.pos not in ("VERB", "ADJ", "AUX") \
                or not is_cue_verb(tok):
            continue
        lo, hi = line_range(doc.text, sent, i)
        # `написал на своей страничке в социальной сети Twitter, что …`: the
        # cue's own phrases may stand between it and `что` (no finite verb)
        for j in range(i + 1, min(i + _THAT_REACH, hi - 1)):
            t = toks[j]
            if t.text.lower() == "что" and toks[j - 1].text in (",", "—", "-"):
                last = _own_verb_cut(sent, i, j, _clause_end(sent, j, hi, lex, i))
                q = _reported(doc, toks[j + 1].start, toks[last].end,
                              _cue(doc, sent, i, lex.phrase_at(sent, i)))
                if q:
                    out.append(q)
                break
            if t.pos == "VERB" and t.feats.get("VerbForm") == "Fin" or t.text == "(":
                break   # (a bracket: `в Королевство Эсватини (…), что на языке свати означает`)
    return out


def _clause_end(sent: Sentence, j: int, hi: int, lex: Lexicon, cue: int = -1) -> int:
    """Last token of the clause `что` (token j) opens: its subtree, or the rest
    of the line when what follows has no verb of its own; never past a
    further attribution (`, и заявлял, что …`, `и отметил, что …`)."""
    toks = sent.tokens
    head = toks[j].head
    last = hi - 1
    if head > j:
        sub = _with_dependent_clauses(sent, max(k for k in subtree(sent, head) if k < hi), hi)
        sub = _with_own_predicates(sent, sub, hi, cue, lex)
        rest = toks[sub + 1:hi]
        if any(t.pos == "VERB" and t.feats.get("VerbForm") == "Fin" for t in rest):
            last = sub
    for k in range(j + 2, last + 1):
        if toks[k].text.lower() in ("и", "а") and k + 1 <= last and toks[k + 1].pos == "VERB" \
                and lex.licenses(toks[k + 1].lemma, "indirect"):
            return k - 1
        if toks[k].text == "," and k + 1 <= last and toks[k + 1].text.lower() == _CONCESSIVE:
            # `что «…», хотя …`: a concession after the statement is the
            # writer's aside as often as the speaker's; the statement ends here
            return k - 1
        if toks[k].text in (",", ";") and k + 1 <= last:
            nxt = k + 1
            if toks[nxt].text.lower() in ("и", "а", "но") and nxt + 1 <= last:
                nxt += 1
            if toks[nxt].text in ("—", "–", "-") and nxt + 1 <= last:
                nxt += 1
            if lex.licenses(toks[nxt].lemma, "indirect") or toks[k].text == ";":
                return k - 1
    return last


_AND_ALSO = ("и", "также", "а")
_CONCESSIVE = "хотя"
# how many tokens after the cue verb its `, что` may come
_THAT_REACH = 14
# words that open a clause depending on the one before (`…, когда …`, `…, если
# …`, `…, который …`) or going on from it (`…, но …`): the reported clause
# runs on through them even where the parser hung them elsewhere
_DEPENDENT_OPENERS = frozenset({"когда", "если", "который", "потому", "поскольку", "чтобы", "где",
                                "хотя", "пока", "ибо", "так", "но", "однако", "куда", "откуда"})


def _with_own_predicates(sent: Sentence, sub: int, hi: int, cue: int, lex: Lexicon) -> int:
    """`sub` moved over `и [не] <verb>` predicates of the clause that the
    parser hung on the cue verb: a finite verb in another tense than the cue
    (`признал, что письмо настоящее и не является фальшивкой`) is the
    clause's, not the speaker's next act."""
    toks = sent.tokens
    tense = toks[cue].feats.get("Tense") if cue >= 0 else None
    while tense and sub + 2 < hi and toks[sub + 1].text.lower() in ("и", "а", "но"):
        k = sub + 2
        if toks[k].text.lower() == "не" and k + 1 < hi:
            k += 1
        verb = toks[k]
        if verb.pos not in ("VERB", "AUX") or verb.feats.get("VerbForm") != "Fin" \
                or verb.feats.get("Tense") in (None, tense) or lex.is_cue_word(verb):
            break
        sub = max(m for m in subtree(sent, k) + [k] if m < hi)
    return sub


# words of a correlative before `, пока/если/как/что` (`до тех пор`, `в случае`, `в то время`)
_CORRELATIVES = frozenset({"до", "тот", "пора", "в", "случай", "время", "то", "так", "тем"})


def _with_dependent_clauses(sent: Sentence, sub: int, hi: int) -> int:
    """`sub` (the clause's last token) moved over the dependent clauses that
    follow it after a comma, each up to the end of its own subtree."""
    toks = sent.tokens
    while True:
        comma = _comma_before_opener(sent, sub, hi)
        if comma is None:
            return sub
        k = comma + 1
        # the opener hangs on its clause's verb (`когда`, `если` as mark or
        # advmod, `который` as subject, `но` as cc), which comes after it;
        # a participle heads its own phrase (`…, предполагающих сбор …`)
        verb = toks[k].head if k < toks[k].head < hi and toks[k].pos != "VERB" else k
        nxt = max(m for m in subtree(sent, verb) + [k] if m < hi)
        if nxt <= k:
            return sub
        sub = nxt


def _comma_before_opener(sent: Sentence, sub: int, hi: int) -> int | None:
    """The comma after token `sub` that opens a dependent clause or a
    participle phrase; over a short correlative first (`до тех пор, пока`,
    `в случае, если`)."""
    toks = sent.tokens
    for c in range(sub + 1, min(sub + 5, hi - 1)):
        t = toks[c]
        if t.text == ",":
            nxt = toks[c + 1]
            is_participle = nxt.pos == "VERB" and nxt.feats.get("VerbForm") == "Part"
            return c if nxt.lemma.lower() in _DEPENDENT_OPENERS or is_participle and c == sub + 1 else None
        if t.pos in ("PUNCT", "VERB", "AUX") or c > sub + 1 and t.lemma.lower() not in _CORRELATIVES:
            return None
    return None


def _own_verb_cut(sent: Sentence, i: int, j: int, last: int) -> int:
    """`подчеркнул, что Армения не будет вступать в блоки, а также выразил
    надежду …`: a verb coordinated at the end of the clause, with no subject
    of its own, that agrees with the speech verb `i` but not with the
    clause's subject, is the speaker's next act; the clause stops before it."""
    toks = sent.tokens
    head = toks[j].head
    if head < 0:
        return last
    subjects = [k for k in children(sent, head) if toks[k].rel in SUBJECT_RELS]
    if not subjects:
        return last

    def agrees(a, b) -> bool:
        fa, fb = toks[a].feats, toks[b].feats
        return fa.get("Number") == fb.get("Number") and (
            fa.get("Number") == "Plur" or fa.get("Gender") == fb.get("Gender"))
    for k in range(j + 3, last + 1):
        t = toks[k]
        if t.pos != "VERB" or t.feats.get("VerbForm") != "Fin" or t.rel != "conj" \
                or toks[k - 1].text.lower() not in _AND_ALSO \
                or any(toks[c].rel in SUBJECT_RELS for c in children(sent, k)):
            continue
        if t.feats.get("Tense") == "Past" and agrees(k, i) and not agrees(k, subjects[0]):
            cut = k - 1
            while cut > j and toks[cut].text.lower() in _AND_ALSO + (",",):
                cut -= 1
            return cut
    return last


def _postposed(doc: Document, sent: Sentence, lex: Lexicon) -> list[Quote]:
    """`<clause>, сообщил X.` with the subject after the verb."""
    toks, out = sent.tokens, []
    for i, tok in enumerate(toks):
        if i < 2 or not lex.licenses(tok.lemma, "indirect") or not is_cue_verb(tok):
            continue
        lo, hi = line_range(doc.text, sent, i)
        k = i - 1
        while k > lo and toks[k].text in ("—", "–", "-"):
            k -= 1
        is_inside = _interposed(sent, i, hi, lex)
        if toks[k].text != "," or sum(t.pos != "PUNCT" for t in toks[lo:k]) < (1 if is_inside else 3):
            continue    # `Тем временем, сообщает X.` is no statement
        subj = subject_of(sent, i)
        if subj is not None and subj < i:
            continue
        if any(t.text.lower() == "что" for t in toks[i + 1:i + 4]):
            continue
        end = toks[k].start
        if is_inside:
            # `Такой переход, считает вице-губернатор, повысит …`: the
            # attribution sits inside the clause, which is the whole line
            end = toks[hi - 1].end
        q = _reported(doc, toks[lo].start, end, _cue(doc, sent, i))
        if q:
            out.append(q)
    return out


def _interposed(sent: Sentence, i: int, hi: int, lex: Lexicon) -> bool:
    """Cue verb `i` and its subject are set off by commas inside a clause
    that goes on after them with a verb of its own (not another cue)."""
    toks = sent.tokens
    end = i + 1
    while end < hi and toks[end].text not in (",", ".", "!", "?", ";", ":", "—", "–"):
        end += 1
    if end >= hi or toks[end].text != ",":
        return False
    after = toks[end + 1:hi]
    return any(t.pos in ("VERB", "AUX") and t.feats.get("VerbForm") == "Fin" for t in after) \
        and not any(lex.is_cue_word(t) or t.text.lower() == "что" for t in after)


def _source_phrases(doc: Document, sent: Sentence, lex: Lexicon) -> list[Quote]:
    """`по словам X`, `по мнению X`, `как сообщает X` anywhere in a sentence."""
    toks, out = sent.tokens, []
    for k, tok in enumerate(toks):
        low = tok.text.lower()
        if low in SOURCE_PREPOSITIONS:
            m = k + 1
            if m < len(toks) and toks[m].text.lower() in _POSSESSIVES:
                m += 1
            # `по его собственным словам`, `по последним данным`
            while m < len(toks) and m - k <= 3 and toks[m].pos in ("ADJ", "DET") \
                    and toks[m].text.lower() not in lex.sources:
                m += 1
            if m >= len(toks) or toks[m].text.lower() not in lex.sources:
                continue
        elif low == "как" and k + 1 < len(toks) and toks[k + 1].lemma in lex.as_verbs:
            m = k + 1
        else:
            continue
        lo, hi = line_range(doc.text, sent, k)
        # the phrase ends with the noun's own phrase, or at a comma
        end = min(phrase_end(sent, m, hi), max(k for k in phrase(sent, m) if k < hi) + 1)
        if low == "как":
            # `Как заявили наблюдатели от Организации … в Европе, …`: the
            # comma closes the `как` clause, though the parser hung its last
            # words on the clause after it
            comma = next((j for j in range(end, hi) if toks[j].text == ","), None)
            if comma is not None and not any(t.pos in ("VERB", "AUX") for t in toks[end:comma]):
                end = comma
        rest = end + 1 if end < hi and toks[end].text in (",", "—", "–") else end
        cue = Cue(doc.text[tok.start:toks[end - 1].end], tok.start, toks[end - 1].end)
        words_before = [t for t in toks[lo:k] if t.pos != "PUNCT" and t.text.lower() not in _LEADING]
        words_after = [t for t in toks[rest:hi] if t.pos != "PUNCT"]
        q = None
        if k and toks[k - 1].text == "(":
            close = next((j for j in range(end, hi) if toks[j].text == ")"), hi)
            q = _reported(doc, toks[min(end + 1, close - 1)].start, toks[close - 1].end, cue)
        elif not words_before and words_after:
            q = _reported(doc, toks[rest].start, toks[hi - 1].end, cue)
        elif words_before and not words_after:
            comma = k - 1 if toks[k - 1].text in (",", "(") else k
            q = _reported(doc, toks[lo].start, toks[comma].start, cue)
        elif words_before:
            q = _reported(doc, toks[lo].start, toks[hi - 1].end, cue)
        if q:
            out.append(q)
    return out


def _pointing_back(doc: Document, si: int, lex: Lexicon) -> list[Quote]:
    """`Об этом заявил X`: the sentence before is what X said."""
    sent = doc.sentences[si]
    toks = sent.tokens
    for k in range(min(len(toks) - 1, 4)):
        if toks[k].text.lower() in _BACK_PREPS and toks[k + 1].text.lower() == "этом":
            verb = toks[k + 1].head
            if verb <= k + 1 or not lex.licenses(toks[verb].lemma, "indirect") or si == 0:
                continue
            # (what was said has a verb: a caption or a name line between
            # is skipped, `… намерен продолжить. \n Леннарт Юханссон \n Об этом …`)
            j = si - 1
            while j > 0 and si - j < 3 and not any(t.pos in ("VERB", "AUX") for t in doc.sentences[j].tokens):
                j -= 1
            prev = doc.sentences[j]
            lo, hi = line_range(doc.text, prev, len(prev.tokens) - 1)
            q = _reported(doc, prev.tokens[lo].start, prev.tokens[hi - 1].end, _cue(doc, sent, verb))
            return [q] if q else []
    return []


def _cue(doc: Document, sent: Sentence, i: int, last: int | None = None) -> Cue:
    """The cue verb `i` with its subject beside it, through token `last` when
    the cue has words of its own after the verb (`дали понять`)."""
    start, end = cue_span(sent, i)
    if last is not None:
        end = max(end, sent.tokens[last].end)
    return Cue(doc.text[start:end], start, end)


# A dateline a news agency opens its lead with: `АСТАНА. КАЗИНФОРМ – `,
# `МИНСК, 14 мая – Sputnik. `, `МОСКВА, 5 декабря. /ТАСС/. `: a city in
# capitals at the start of a line, then the date or agency and a dash or
# the agency between slashes.
_MONTHS = "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
_DATELINE = re.compile(
    r"[ \t\u00a0]*[А-ЯЁ][А-ЯЁ\-]{2,}(?:[ -][А-ЯЁ][А-ЯЁ\-]+)*[.,]"                      # АСТАНА.  МИНСК,
    rf"(?:\s*(?:\d{{1,2}}\s+(?:{_MONTHS})(?:\s+\d{{4}}(?:\s+года)?)?|[А-ЯЁA-Z][А-ЯЁA-Z\-]+)\.?)?"  # 14 мая / КАЗИНФОРМ
    r"(?:\s[–—-]\s(?:[A-ZА-ЯЁ][\w\-]*(?: [A-ZА-ЯЁ][\w\-]*)*\.\s)?|\s?/[^/\n]{1,30}/\.?\s)")  # – Sputnik. /ТАСС/.


def _reported(doc: Document, start: int, end: int, cue: Cue) -> Quote | None:
    text = doc.text
    while start < end and not (text[start].isalnum() or text[start] in "«\"„“"):
        start += 1
    line = text.rfind("\n", 0, start) + 1
    if (m := _DATELINE.match(text, line, end)) is not None and start < m.end():
        start = m.end()     # (the clause is the lead after it)
    while end > start and not (text[end - 1].isalnum() or text[end - 1] in "»\"”“)"):
        end -= 1
    if len(_WORD.findall(text[start:end])) < 2:
        return None
    return Quote(text=text[start:end], start=start, end=end, kind="indirect", cue=cue)


def _cut_at_direct(doc: Document, q: Quote, direct: list[Quote]) -> Quote | None:
    """`…, что X арестован: «…»`: the reported clause ends at the colon that
    opens a direct quote."""
    for d in direct:
        if q.start < d.start < q.end:
            colon = doc.text.rfind(":", q.start, d.start)
            if colon > 0 and not doc.text[colon + 1:d.start].strip(" '\"«„“\u00a0"):
                return _reported(doc, q.start, colon, q.cue)
    return q


def _is_direct_speech(q: Quote, direct: list[Quote]) -> bool:
    """Inside a direct quote, or little more than one (`заявил, что «…»`): no
    more than `_FEW_WORDS` of its words, or less than 40 % of them, are outside
    quotation marks."""
    covered = 0
    for d in direct:
        lo, hi = max(q.start, d.start), min(q.end, d.end)
        if lo < hi:
            if d.start <= q.start and q.end <= d.end:
                return True
            covered += len(_WORD.findall(q.text[lo - q.start:hi - q.start]))
    total = len(_WORD.findall(q.text))
    return covered > 0 and (total - covered <= _FEW_WORDS or covered > _MOSTLY_QUOTED * total)


def _same(a: Quote, b: Quote) -> bool:
    lo, hi = max(a.start, b.start), min(a.end, b.end)
    if hi <= lo:
        return False
    shared = hi - lo
    return shared >= 0.6 * (a.end - a.start) and shared >= 0.6 * (b.end - b.start)

