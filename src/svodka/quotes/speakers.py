"""Attribute each quote to the person or organisation who said it.

The cue's speech word leads to its syntactic subject; the subject leads to an
entity through, in order: a name mention on it, a pronoun (the previous
speaker or the latest person of that gender), a role reference
(`глава государства` → the entity holding a head-of-state title), a name in
its phrase (`биограф Баффета Энди Килпатрик`). Quotes without a cue of their
own continue the previous quote's speaker when they follow it directly."""
from __future__ import annotations

import dataclasses
import re

from ..document import Document, EntityRef, Quote, Sentence
from ..resources import Resources
from .referents import Referents
from .cues import (SOURCE_POSSESSIVES, SOURCE_PREPOSITIONS, Lexicon, children, load_lexicon,
                   sentence_index, subject_of, tokens_in)

_WORD = re.compile(r"\w+")
# at most this many words between a quote and the one before it for the
# second to continue the first one's speaker
_CONTINUATION_WORDS = 12
# between a quote and its postposed attribution: `«…», — заявило`
_POSTPOSED_GAP = re.compile(r"[\s\"»”“'!?…]*,\s*(?:[—–-]\s*)?")


def attribute_speakers(doc: Document, res: Resources) -> Document:
    """Fill `Quote.speaker` from the cue's subject, or from the person a role
    noun or pronoun refers to (`глава государства`, `он`), adding that
    `role`/`pronoun` mention to the entity. Leaves `None` rather than guess;
    reported speech nobody is named for is dropped (GOLD.md)."""
    lex = load_lexicon(res)
    refs = Referents(doc, lex, res)
    out: list[Quote] = []
    prev: Quote | None = None
    for q in doc.quotes:
        if q.cue is None:
            speaker = prev.speaker if prev and q.kind == "direct" and _continues(doc, prev, q) else None
        else:
            is_near = prev is not None and _near(doc, prev, q)
            refs.previous = prev.speaker if is_near else None
            refs.previous_end = prev.end if is_near else -1
            refs.previous_uncued = is_near and prev.cue is None
            other = _speech_between(doc, prev, q, lex) if prev is not None else None
            if other is not None:
                # somebody spoke in between (`источник назвал …`, `Как отметил
                # премьер, …`): `он` is that verb's subject, when it is somebody;
                # past the near quotes, only when it is somebody
                sent, i = other
                subj = subject_of(sent, i)
                who = refs.resolve_quietly(sent, subj, q.cue.start)
                # a role nobody is found for (`глава МИД РФ подтвердил`) says
                # nothing against the speaker before
                if who is not None or is_near and not refs.is_role(sent, subj):
                    refs.previous_end, refs.previous_uncued = sent.tokens[i].start, False
                    refs.previous = who
            speaker = _from_cue(doc, q, lex, refs)
        if speaker is None and q.kind == "indirect":
            continue
        q = dataclasses.replace(q, speaker=speaker)
        out.append(q)
        if speaker is not None:
            refs.spoken.append((q.start, speaker))
        prev = q
    out = _paragraphs_before(doc, out)
    # `напомнил, что он всегда говорил, что …`: one statement, the outer
    # clause; so too what the speaker reports of others (`сообщил, что …, но
    # власти надеются, что …`)
    out = [q for q in out if not (q.kind == "indirect" and any(
        o is not q and o.kind == "indirect" and o.start <= q.start and q.end <= o.end
        and (o.start, o.end) != (q.start, q.end) for o in out))]
    return dataclasses.replace(doc, quotes=tuple(out), entities=refs.entities())


def _paragraphs_before(doc: Document, quotes: list[Quote]) -> list[Quote]:
    """A quoted paragraph with no cue of its own, followed by nothing but a
    line break and the next quoted paragraph, is the same speaker's: the
    speaker is named after the last paragraph (`«A.¶«B», — заявил он.`)."""
    out = list(quotes)
    for k in range(len(out) - 2, -1, -1):
        q, nxt = out[k], out[k + 1]
        if q.cue is None and q.speaker is None and q.kind == nxt.kind == "direct" \
                and nxt.speaker is not None and "\n" in doc.text[q.end:nxt.start] \
                and not doc.text[q.end:nxt.start].strip(" \t\n\u00a0«„\"“"):
            out[k] = dataclasses.replace(q, speaker=nxt.speaker)
    return out


def _continues(doc: Document, prev: Quote, q: Quote) -> bool:
    """The quote goes on from `prev`: few words between them, or a dash that
    resumes it after the attribution on the same line (`«A», – сказал Трамп,
    когда … – «B»`)."""
    gap = doc.text[prev.end:q.start]
    if "\n" not in gap and gap.rstrip(" «\"„\u00a0").endswith(("–", "—", "-")):
        return True
    if prev.cue and prev.end <= prev.cue.start < q.start:
        gap = doc.text[prev.cue.end:q.start]
    return len(_WORD.findall(gap)) <= _CONTINUATION_WORDS


def _speech_between(doc: Document, prev: Quote, q: Quote, lex: Lexicon) -> tuple[Sentence, int] | None:
    """The last speech verb with a subject of its own between the previous
    quote (and its cue) and this quote's cue, outside both."""
    start = max(prev.end, prev.cue.end if prev.cue else 0)
    found = None
    for sent, i in tokens_in(doc, start, q.cue.start):
        tok = sent.tokens[i]
        if (tok.lemma in lex.verbs or tok.lemma in lex.calls) and not (q.start <= tok.start < q.end) \
                and subject_of(sent, i) is not None:
            found = (sent, i)
    return found


def _near(doc: Document, prev: Quote, q: Quote) -> bool:
    """The previous quote ends within the two sentences before this cue."""
    return sentence_index(doc, q.cue.start) - sentence_index(doc, prev.end) <= 2


def _cited(sent: Sentence, i: int) -> int | None:
    """The head of `X` in `со ссылкой на X` on the verb at `i`, or None."""
    for k in children(sent, i):
        if sent.tokens[k].lemma.lower() == "ссылка" and any(
                sent.tokens[c].rel == "case" and sent.tokens[c].lemma.lower() == "с" for c in children(sent, k)):
            return next((j for j in children(sent, k) if any(
                sent.tokens[c].rel == "case" and sent.tokens[c].lemma.lower() == "на" for c in children(sent, j))),
                None)
    return None


def _from_cue(doc: Document, q: Quote, lex: Lexicon, refs: Referents) -> EntityRef | None:
    cue = q.cue
    toks = list(enumerate(tokens_in(doc, cue.start, cue.end)))
    if doc.text[cue.end:q.start].lstrip(" \u00a0").startswith(":"):
        # `По её словам, … брат Пётр сказал: «…»`: the cue word nearest the colon speaks
        toks.reverse()
    for n, (sent, i) in toks:
        tok = sent.tokens[i]
        low = tok.text.lower()
        if low in lex.sources and n:
            p = i - 1       # over adjectives: `по его собственным словам`
            while p > 0 and i - p <= 2 and sent.tokens[p].pos == "ADJ":
                p -= 1
            if sent.tokens[p].text.lower() in SOURCE_PREPOSITIONS + SOURCE_POSSESSIVES:
                return _source_holder(sent, i, p, refs, cue.start)
        if tok.lemma in lex.relays:
            found = _relayed_holder(sent, i, lex, refs, cue.start)
            if found:
                return found
            if tok.rel == "acl:relcl":
                continue    # `Лавров, слова которого цитирует ТАСС, заявил`: the main verb speaks
        if tok.lemma in lex.verbs or tok.lemma in lex.calls or lex.phrase_at(sent, i) is not None:
            subj = subject_of(sent, i)
            if subj is not None and q.start <= sent.tokens[subj].start < q.end:
                # `X заявил: Сотрудники нашего консульства смогли …`: the
                # parser gave the verb a second subject inside the quote
                subj = next((k for k in children(sent, i) if sent.tokens[k].rel in ("nsubj",)
                             and not q.start <= sent.tokens[k].start < q.end), None)
            if subj is not None and sent.tokens[subj].end <= q.start < q.end <= sent.tokens[i].start \
                    and _POSTPOSED_GAP.fullmatch(doc.text[q.end:sent.tokens[i].start]):
                # `Военнослужащие «прибыли …», заявило ведомство`: a subject
                # before the quote is the quoted clause's own, not the cue's
                subj = None
            # `это было отмечено в заявлении группы`: a passive's subject is
            # what was said; the speaker is in the oblique phrase
            if subj is not None and sent.tokens[subj].rel != "nsubj:pass" \
                    and sent.tokens[subj].lemma != "это":
                # `передает Kazinform со ссылкой на пресс-службу Акорды`: the
                # outlet relays; who spoke is the one it cites (GOLD.md)
                cited = _cited(sent, i)
                if cited is not None and (found := refs.resolve(sent, cited, cue.start)) is not None:
                    return found
                return refs.resolve(sent, subj, cue.start)
            # the parser lost the subject (`одна из авторов … Ева Меркачева
            # в своём микроблоге … указала`): a name in the nominative just before
            found = refs.nominative_before(sent, i)
            if found:
                return found
            # `«…», – сказал в беседе с корреспондентом «Голоса Америки» лидер
            # движения Александр Белов`: the subject after the verb, which the
            # parser hung on a word of the quote
            k = _nominative_after(sent, i, cue.end)
            if k is not None:
                found = refs.resolve(sent, k, cue.start)
                if found:
                    return found
            # `говорится в сообщении ГУ МВД`, `сообщили в управлении МВД`
            for k in children(sent, i):
                if sent.tokens[k].rel == "obl":
                    found = refs.in_phrase(sent, k) or (
                        refs.resolve(sent, k, cue.start) if refs.is_body(sent, k) else None)
                    if found:
                        return found
            break
    # a colon cue whose verb is no speech verb (`25-летняя девушка выложила
    # фотографию … с подругой Франсией Райсой …:`): its subject, when a noun
    for sent, i in tokens_in(doc, cue.start, cue.end):
        tok = sent.tokens[i]
        if tok.pos == "VERB" and tok.feats.get("VerbForm") == "Fin" and tok.rel == "root":
            subj = subject_of(sent, i)
            if subj is not None and sent.tokens[subj].pos == "NOUN" and refs.is_role(sent, subj):
                found = refs.resolve(sent, subj, cue.start)
                if found:
                    return found
            break
    # a header line or a colon cue without a verb: the holder of the role it
    # opens with (`Президент России Владимир Путин`, a transcript's
    # `Президент:`, `Лидер Меджлиса:` not the Mejlis), else the names in it
    first = next(tokens_in(doc, cue.start, cue.end), None)
    if first is not None and refs.is_role(*first):
        found = refs.resolve(*first, cue.start)
        if found is not None:
            return found
    return refs.named_in(cue.start, cue.end)


def _relayed_holder(sent: Sentence, i: int, lex: Lexicon, refs: Referents, at: int) -> EntityRef | None:
    """Whose words relay verb `i` passes on: `цитирует ТАСС слова министра`,
    `приводит его слова`, `слова которого цитирует ТАСС` (the noun the
    clause hangs on); or whom a quoting verb quotes (`цитирует президента`)."""
    w = lex.relayed_words(sent, i)
    if w is None:
        # `цитирует президента Белоруссии агентство БелТА`: the one quoted
        obj = next((k for k in children(sent, i) if sent.tokens[k].rel == "obj"
                    and sent.tokens[k].pos in ("NOUN", "PROPN")), None)
        if obj is None or lex.relays[sent.tokens[i].lemma] != "direct":
            return None
        found = refs.resolve(sent, obj, at)     # a person: not `цитирует infox.ru директора … Philips`
        return found if found and refs.is_person(found) else None
    for j in children(sent, w):
        tok = sent.tokens[j]
        if tok.rel not in ("nmod", "det") or tok.pos not in ("NOUN", "PROPN", "PRON", "DET"):
            continue
        if tok.lemma == "который":
            verb = sent.tokens[i]
            return refs.resolve(sent, verb.head, at) if verb.rel == "acl:relcl" and verb.head >= 0 else None
        return refs.resolve(sent, j, at)
    return None


def _nominative_after(sent: Sentence, i: int, end: int) -> int | None:
    """The first noun in the nominative after verb `i` and before offset
    `end`, outside prepositional phrases and agreeing with the verb in
    number (`как пояснили "Ъ" в Минэнерго` has none); None past another
    finite verb."""
    number = sent.tokens[i].feats.get("Number")
    for k in range(i + 1, len(sent.tokens)):
        tok = sent.tokens[k]
        if tok.start >= end or tok.pos in ("VERB", "AUX") and tok.feats.get("VerbForm") == "Fin":
            return None
        if number and tok.feats.get("Number") not in (None, number):
            continue
        if tok.pos in ("NOUN", "PROPN") and (tok.feats.get("Case") == "Nom" or _looks_accusative(sent, i, k)) \
                and tok.rel not in ("nmod", "appos", "flat:name", "flat", "obl") \
                and not any(sent.tokens[j].rel == "case" for j in children(sent, k)):
            return k
    return None


def _looks_accusative(sent: Sentence, i: int, k: int) -> bool:
    """An inanimate noun after verb `i` that the tagger read as its object
    but whose accusative is its nominative and which agrees with the verb in
    gender (`заявило американское дипломатическое ведомство`): the subject."""
    tok, verb = sent.tokens[k], sent.tokens[i]
    return tok.feats.get("Case") == "Acc" and tok.feats.get("Animacy") == "Inan" \
        and tok.feats.get("Gender") == verb.feats.get("Gender") == "Neut" \
        and tok.feats.get("Number") == "Sing"


def _source_holder(sent: Sentence, i: int, p: int, refs: Referents, at: int) -> EntityRef | None:
    """The X of `по словам X` (genitive dependent of noun `i`) or of `по его
    словам` (possessive `p`)."""
    if sent.tokens[p].text.lower() not in SOURCE_PREPOSITIONS:
        return refs.resolve(sent, p, at)
    deps = [j for j in children(sent, i) if sent.tokens[j].rel in ("nmod", "det", "appos", "amod", "flat",
                                                                   "nummod")
            and sent.tokens[j].pos in ("NOUN", "PROPN", "PRON", "NUM", "DET")]
    if deps:
        return refs.resolve(sent, deps[0], at)
    if i + 1 < len(sent.tokens) and sent.tokens[i + 1].pos in ("NOUN", "PROPN"):
        return refs.resolve(sent, i + 1, at)
    if refs.is_document(sent, i):
        return refs.document_holder(sent, i, at)     # `Согласно сообщению, …`
    return None
