"""Find quotes: direct speech in quotation marks or dialogue lines, and
reported speech (`заявил, что …`, `по словам X, …`, `Об этом сообщил X`),
each with offsets and the attribution words (`cue`). Speakers are filled in
later by `quotes/speakers.py`."""
from __future__ import annotations

import dataclasses
import re

from ..document import Cue, Document, Quote
from ..resources import Resources
from .headlines import find_headline
from .interviews import find_bare_answers, find_dialogue_answers
from .labels import find_inline_labelled, find_labelled
from .marks import Enclosures, Quoted, QuoteSpans, find_dialogue_lines, find_quoted
from .reported import find_reported
from .cues import (SOURCE_POSSESSIVES, SOURCE_PREPOSITIONS, Lexicon, children, cue_span,
                   line_bounds, line_range, load_lexicon, phrase_end, is_cue_verb, sentence_index,
                   subject_of, tokens_in)

# `…, — сказал он. — …` inside one pair of marks or one dialogue line: the
# attribution between two dashes (or closing the line) splits the quote
# (also after a full stop: `…порядком. — заявил Каприлес. — Я же …`).
_INNER_CUE = re.compile(r"[,.!?…]\s*[—–-]\s+(?P<cue>[^—–\n]+?)(?:[.,:]\s*[—–-]\s+|[.]?$)")
# what may stand between a closing mark and the cue after it: `», — сказал`
_AFTER = re.compile(r"[\s,!?…\"»”“']*(?:[—–-]\s*)?")
# the closing mark followed by a dash: `«…», — сказал он`
_DASHED = re.compile(r"[,!?…\"»”“']*\s*[—–-]")
_CLOSING = re.compile(r"[»”“\"']")
_CLAUSE_END = re.compile(r"[.;!?\n]|,\s")
_TERMINAL = ".!?…"
# a paragraph after a colon longer than this many words is no quote by itself
_PARAGRAPH_WORDS = 120
_WORD = re.compile(r"\w+")
# `по словам`, `по его словам`
_BY = set(SOURCE_PREPOSITIONS + SOURCE_POSSESSIVES)


def find_quotes(doc: Document, res: Resources) -> Document:
    """Add a `Quote` for each stretch of direct speech (content without the
    marks, `kind="direct"`) and of reported speech (`kind="indirect"`), with
    the attribution words as `cue` where the article gives them. Titles and
    scare quotes are left out; `speaker` stays `None` here."""
    lex = load_lexicon(res)
    direct: list[Quote] = []
    quoted = find_quoted(doc.text)
    enclosures = Enclosures(quoted)
    for q in quoted:
        direct.extend(_direct_from_marks(doc, q, lex, enclosures))
    taken = QuoteSpans(direct)
    lines = [(s, e) for s, e in find_dialogue_lines(doc.text) if not taken.overlaps(s, e)]
    for start, end in lines:
        direct.extend(_split(doc, start, end, None, lex, need_cue=True))
    cued = QuoteSpans(direct)
    direct.extend(q for q in find_dialogue_answers(doc, lines, direct, res)
                  if not cued.overlaps(q.start, q.end))
    direct.extend(_colon_paragraphs(doc, direct, lex))
    taken = QuoteSpans(direct)
    direct.extend(q for q in find_labelled(doc, res, direct) if not taken.overlaps(q.start, q.end))
    direct.extend(find_bare_answers(doc, direct, res))
    taken = QuoteSpans(direct)
    direct.extend(q for q in find_inline_labelled(doc, res) if not taken.overlaps(q.cue.start, q.end))
    direct.extend(q for q in find_headline(doc) if not any(
        d.start < q.end and q.start < d.end for d in direct))
    reported = find_reported(doc, lex, direct)
    quotes = sorted(direct + reported, key=lambda q: (q.start, q.end))
    return dataclasses.replace(doc, quotes=tuple(quotes))


# --- direct speech -----------------------------------------------------------

def _direct_from_marks(doc: Document, q: Quoted, lex: Lexicon, quoted: Enclosures) -> list[Quote]:
    after = _cue_after(doc, q, lex)
    if q.depth and after and _CLOSING.search(doc.text, q.close, after.start):
        # `"… в "Газпроме"", — объяснил он`: past the enclosing quote's own
        # closing mark, the attribution is that quote's, not the inner one's
        after = None
    before = None if after else _cue_before(doc, q, lex, quoted)
    if _is_title(doc, q, lex, spoken=_is_spoken(doc, q, lex, after, before)):
        return []
    cue = after or before or _header_cue(doc, q)
    if q.depth and not (cue and any(lex.is_cue_word(s.tokens[i]) for s, i in
                                    tokens_in(doc, cue.start, cue.end))):
        return []   # a quotation inside a quote counts only when it is introduced as speech
    if cue is None and not _reads_as_speech(doc, q, lex):
        return []
    return _split(doc, q.start, q.end, cue, lex, need_cue=False)


def _is_spoken(doc: Document, q: Quoted, lex: Lexicon, after: Cue | None, before: Cue | None) -> bool:
    """The marks are introduced as speech by their surroundings, whatever
    their shape: a dash and a speech verb after them (`«…», — подчеркнула
    она`), or a speech verb before the colon that opens them (`заявил
    журналистам: «…»`)."""
    if after is not None:
        return _DASHED.match(doc.text, q.close) is not None
    if before is None or not doc.text[before.end:q.open].strip().startswith(":"):
        return False
    return any(lex.licenses(s.tokens[i].lemma, "direct") and is_cue_verb(s.tokens[i])
               for s, i in tokens_in(doc, before.start, before.end))


def _is_title(doc: Document, q: Quoted, lex: Lexicon, spoken: bool = False) -> bool:
    """A name in quotation marks: after a noun such as `газета`, `закон`,
    `фильм`; or, unless `spoken` (followed by a dash and a speech verb:
    `«Санкции не сработали», — подчеркнула она`), a short capitalised
    phrase that ends without a full stop, or a label."""
    before = [s.tokens[i] for s, i in tokens_in(doc, max(0, q.open - 60), q.open)]
    # `закон «…»`, also past a number or code: `статьи 214 УК РФ «…»`, `ФЗ N 244 «…»`
    for tok in reversed(before[-5:]):
        if tok.lemma.lower() in lex.title_nouns:
            return True
        if tok.pos not in ("NUM", "PROPN", "X", "SYM") and tok.text not in ("N", "№"):
            break
    content = doc.text[q.start:q.end]
    words = _WORD.findall(content)
    if not words:
        return True
    if spoken:
        return False
    is_capital = content[0].isupper() or content[0].isdigit()
    inside = [s.tokens[i] for s, i in tokens_in(doc, q.start, q.end)]
    if is_capital and inside and inside[0].pos == "ADP" and not any(
            t.pos in ("VERB", "AUX") and t.feats.get("VerbForm") == "Fin" for t in inside):
        return True     # `«О минимальном размере оплаты труда»`, `«За заслуги перед Отечеством»`
    is_latin = not re.search(r"[а-яё]", content, re.I)
    return (is_capital and len(words) <= 4 and content[-1] not in _TERMINAL) or \
        (is_latin and len(words) <= 6) or _is_label(doc, q, len(words))


_CLAUSE_LINKS = ("ccomp", "csubj", "advcl", "parataxis")
_ABOUT = ("о", "об", "обо", "про")


def _is_label(doc: Document, q: Quoted, n_words: int) -> bool:
    """A short fragment that modifies a noun outside the marks, as a name
    or label does (`ФАС признала операторов «большой тройки» виновными`),
    with no verb of its own, in no reported clause (`заявила, что это
    начало «решающего боя»` quotes her)."""
    if n_words > 3:
        return False
    toks = list(tokens_in(doc, q.start, q.end))
    if not toks or any(s.tokens[i].pos in ("VERB", "AUX") for s, i in toks):
        return False
    for sent, i in toks:
        tok = sent.tokens[i]
        head = sent.tokens[tok.head] if tok.head >= 0 else None
        if head is None or q.open <= head.start < q.close:
            continue
        # the fragment's root; in the instrumental it names what it follows
        # (`назвал Vestas «мировым лидером»`): the speaker's words
        if tok.rel not in ("nmod", "amod", "appos") or head.pos not in ("NOUN", "PROPN") \
                or tok.feats.get("Case") == "Ins":
            return False
        # not under what is said, nor what it is said about (`заявили о
        # подготовке «очередной провокации»`)
        node, seen = tok.head, set()
        while node >= 0 and node not in seen:
            seen.add(node)
            if sent.tokens[node].rel in _CLAUSE_LINKS or any(
                    sent.tokens[k].rel == "case" and sent.tokens[k].lemma in _ABOUT
                    for k in children(sent, node)):
                return False
            node = sent.tokens[node].head
        return True
    return False


def _reads_as_speech(doc: Document, q: Quoted, lex: Lexicon) -> bool:
    """A quote with no attribution of its own: a sentence in marks (a finite
    verb, or a long one), or a fragment in a sentence where somebody speaks
    or names something outside it (`назвал Маркса «…»`)."""
    content = doc.text[q.start:q.end]
    inside = [s.tokens[i] for s, i in tokens_in(doc, q.start, q.end)]
    if content[0].isupper():
        return len(inside) >= 8 or any(t.pos in ("VERB", "AUX") and t.feats.get("VerbForm") == "Fin"
                                       for t in inside)
    ls, le = line_bounds(doc.text, q.open)
    sents = {id(s): s for s, _ in tokens_in(doc, q.open, q.close)}
    for s in sents.values():
        for i, t in enumerate(s.tokens):
            if not ((t.end <= q.open or t.start >= q.close) and ls <= t.start < le):
                continue
            if not is_cue_verb(t):
                continue
            if t.lemma in lex.verbs or t.text.lower() in lex.sources and \
                    lex.sources[t.text.lower()] != "indirect":
                return True
            if t.lemma in lex.calls and subject_of(s, i) is not None:
                return True
    return False


def _cue_after(doc: Document, q: Quoted, lex: Lexicon) -> Cue | None:
    """`«…», — сказал Президент.`: a speech verb right after the closing mark."""
    text = doc.text
    pos = _AFTER.match(text, q.close).end()
    if pos == q.close and q.is_closed and not text[pos:pos + 1].isspace():
        return None
    words = [(s, i) for s, i in tokens_in(doc, pos, pos + 60)][:3]
    for s, i in words:
        tok = s.tokens[i]
        if tok.pos == "PUNCT":
            break
        if lex.licenses(tok.lemma, "direct") or lex.relayed_words(s, i, "direct") is not None:
            m = _CLAUSE_END.search(text, tok.end)
            end = m.start() if m else len(text)
            return _cue(text, pos, end)
    return None


def _cue_before(doc: Document, q: Quoted, lex: Lexicon, quoted: Enclosures) -> Cue | None:
    """`сказал он: «…»` or `Каспаров: «…»`: words before a colon that opens
    the quote; or a speech verb earlier in the sentence (`заявил, что «…»`)."""
    text = doc.text
    ls, _ = line_bounds(text, q.open)
    head = text[ls:q.open].rstrip(" '\u00a0")
    if head.endswith(":"):
        colon = len(head) - 1 + ls
        start = max(ls, _sentence_start(doc, colon))
        return _cue(text, start, colon)
    if not q.depth:
        best = None
        for s, i in tokens_in(doc, max(ls, _sentence_start(doc, q.open)), q.open):
            tok = s.tokens[i]
            # a word inside earlier marks (the radio `«Говорит Москва»`) does not speak
            if not is_cue_verb(tok) or quoted.encloses(tok.start, q.open):
                continue
            if lex.licenses(tok.lemma, "direct") or lex.licenses(tok.lemma, "indirect") \
                    or tok.lemma in lex.calls or lex.relayed_words(s, i) is not None:
                best = _cue(text, *cue_span(s, i))
            elif (last := lex.phrase_at(s, i)) is not None:     # `обратил внимание, что «…»`
                start, end = cue_span(s, i)
                best = _cue(text, start, max(end, s.tokens[last].end))
            elif tok.text.lower() in lex.sources and i and s.tokens[i - 1].text.lower() in _BY:
                k = i - 1 if s.tokens[i - 1].text.lower() in SOURCE_PREPOSITIONS else i - 2
                lo, hi = line_range(text, s, i)
                end = phrase_end(s, i, min(hi, len(s.tokens)))
                best = _cue(text, s.tokens[k].start, s.tokens[end - 1].end)
        return best
    return None


def _header_cue(doc: Document, q: Quoted) -> Cue | None:
    """`Александр Лукашенко, Президент Беларуси:` alone on the line before."""
    text = doc.text
    ls, _ = line_bounds(text, q.open)
    if text[ls:q.open].strip():
        return None
    prev_end = len(text[:ls].rstrip())
    if prev_end == 0 or text[prev_end - 1] != ":":
        return None
    pls, _ = line_bounds(text, prev_end - 1)
    if len(_WORD.findall(text[pls:prev_end])) > 15:
        return None
    return _cue(text, pls, prev_end - 1)


def _sentence_start(doc: Document, offset: int) -> int:
    if not doc.sentences:
        return 0
    s = doc.sentences[sentence_index(doc, offset)]
    return s.start if s.start <= offset < s.end else 0


def _cue(text: str, start: int, end: int) -> Cue | None:
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] in "»\""):
        end -= 1
    return Cue(text[start:end], start, end) if start < end else None


def _split(doc: Document, start: int, end: int, cue: Cue | None, lex: Lexicon,
           need_cue: bool) -> list[Quote]:
    """One quote, or two around an inner attribution (`A, — сказал он. — B`)."""
    text = doc.text
    for m in _INNER_CUE.finditer(text, start, end):
        inner = _cue(text, m.start("cue"), m.end("cue"))
        toks = [s.tokens[i] for s, i in tokens_in(doc, inner.start, inner.end)][:3] if inner else []
        if not any(lex.licenses(t.lemma, "direct") for t in toks):
            continue
        out = [_quote(text, start, m.start(), inner)]
        if m.end() < end:
            out.append(_quote(text, m.end(), end, inner))
        return [q for q in out if q]
    if need_cue:
        return []
    q = _quote(text, start, end, cue)
    return [q] if q else []


def _quote(text: str, start: int, end: int, cue: Cue | None, kind: str = "direct") -> Quote | None:
    while start < end and (text[start].isspace() or text[start] in "—–-…"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",—–-"):
        end -= 1
    if not _WORD.search(text[start:end]):
        return None
    return Quote(text=text[start:end], start=start, end=end, kind=kind, cue=cue)


def _colon_paragraphs(doc: Document, direct: list[Quote], lex: Lexicon) -> list[Quote]:
    """A paragraph without marks right after a line ending in a colon, when
    that line has a speech verb (`Вот как он описывал …:`) or the paragraph
    speaks in the first person or opens with an ellipsis (`…каким-то чудом`)."""
    text, out = doc.text, []
    taken = QuoteSpans(direct)
    for m in re.finditer(r":[ \t\u00a0]*\n+[ \t\u00a0]*(?=[\w…])", text):
        ls, le = line_bounds(text, m.end())
        if taken.overlaps(ls, le) or text[ls:le].lstrip().startswith(("—", "-", "–")):
            continue
        start = max(line_bounds(text, m.start())[0], _sentence_start(doc, m.start()))
        verbs = [(s, i) for s, i in tokens_in(doc, start, m.start())
                 if lex.licenses(s.tokens[i].lemma, "direct") and is_cue_verb(s.tokens[i])]
        body = [s.tokens[i] for s, i in tokens_in(doc, ls, le)]
        # a sentence (a list of titles has no full stop) spoken by `я`/`мы`
        first_person = any(t.feats.get("Person") == "1" for t in body) and \
            any(t.text in _TERMINAL for t in body)
        if not verbs and not (len(body) <= _PARAGRAPH_WORDS and
                              (first_person or text[m.end()] == "…")):
            continue
        cue = _cue(text, *cue_span(*verbs[-1])) if verbs else _cue(text, start, m.start())
        q = _quote(text, m.end(), le, cue)
        if q:
            out.append(q)
    return out
