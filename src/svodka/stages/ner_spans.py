"""Clean entity spans from Natasha's raw NER spans: boundaries repaired,
role words and common words dropped, gazetteer organisations laid over,
unnamed institutions found (`правительство страны`), organisations extended
with their place adjectives (`японского МИДа`) and genitive tails (`МИД
Австралии`). `stages/entities.py` groups these spans into entities.
"""
from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass
from typing import Mapping

from ..document import Document
from ..resources import Resources
from .geo import country_kind
from .lexicon import (TokenIndex, is_abbreviation, is_common_word, lemma_key, not_entities,
                      org_index, people_index, role_index, same_name_word,
                      strip_abbreviation_ending)

_OPEN, _CLOSE = "(«“„\"", ")»”“\""
_EDGE = " \t\n,.;:!?-—–"
# Relational adjectives of places end so: `чувашский`, `турецкий`, `японский`.
_PLACE_ADJECTIVE = ("ский", "цкий")
# `Коммунистической партией Китая (КПК)`: a name with its abbreviation.
_WITH_ABBR = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<abbr>[^()]+)\)?$")


@dataclass(frozen=True)
class EntitySpan:
    """A span of one entity mention, before grouping."""
    start: int
    end: int
    type: str
    normal: str = ""
    org: Mapping[str, str] | None = None    # gazetteer row, if matched
    person: str = ""                         # people.tsv name, for a bare surname the NER missed
    within: Mapping[str, str] | None = None  # gazetteer row of a known organisation inside


# --- boundary repair ---------------------------------------------------------

def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip edge punctuation and unbalanced brackets or quotes; take in a
    closing quote that the span opened (`ЦВЗ "Манеж"`)."""
    while start < end and (text[start] in _EDGE or text[start] in ")»”"):
        start += 1
    while start < end and (text[end - 1] in _EDGE or text[end - 1] in "(«„"):
        end -= 1
    while start < end and text[end - 1] in ")»”\"" and not _balanced(text[start:end]):
        end -= 1
        while start < end and text[end - 1] in _EDGE:
            end -= 1
    span = text[start:end]
    if span.endswith("()"):
        return _trim(text, start, end - 2)
    if not _balanced(span) and end < len(text) and text[end] in _CLOSE \
            and _balanced(span + text[end]):
        end += 1
    while start < end and text[start] in _OPEN and not _balanced(text[start:end]):
        start += 1
    return start, end


def _balanced(s: str) -> bool:
    return (s.count("(") == s.count(")") and s.count("«") == s.count("»")
            and s.count('"') % 2 == 0)


def _repair(text: str, start: int, end: int, etype: str) -> list[EntitySpan]:
    """One raw NER span → zero or more clean ones: cut at line breaks, split
    `Name (ABBR)` in two, split `Союза (Советского Союза` at the bracket;
    a person's name holds no comma (`Овечкин, Фёдоров` are two)."""
    out = []
    for part in re.finditer(r"[^\n,]+" if etype == "PER" else r"[^\n]+", text[start:end]):
        s, e = _trim(text, start + part.start(), start + part.end())
        if s >= e:
            continue
        m = _WITH_ABBR.match(text[s:e])
        if m and "(" in text[s:e]:
            out.append(EntitySpan(*_trim(text, s, s + m.end("name")), etype))
            a0, a1 = _trim(text, s + m.start("abbr"), s + m.end("abbr"))
            if a0 < a1 and (is_abbreviation(text[a0:a1]) or text[a0].isupper()):
                out.append(EntitySpan(a0, a1, etype))
            continue
        out.append(EntitySpan(s, e, etype))
    return [sp for sp in out
            if sp.start < sp.end and any(c.isalnum() for c in text[sp.start:sp.end])]


def _drop_leading_function_words(span: EntitySpan, tokens: TokenIndex,
                                 res: Resources) -> EntitySpan:
    """`Сегодня Роскомназдор` → `Роскомназдор`, `Император Акихито` →
    `Акихито`: names do not start with adverbs, pronouns, prepositions or
    conjunctions, and a person's name not with a title (roles.tsv)."""
    toks = tokens.within(span.start, span.end)
    index = role_index(res)
    while len(toks) > 1 and (toks[0].pos in ("ADV", "ADP", "CCONJ", "SCONJ", "PRON", "DET", "PART")
                             or span.type == "PER" and index.title(lemma_key(toks[0].text))):
        toks = toks[1:]
    if not toks or toks[0].start <= span.start:
        return span
    return dataclasses.replace(span, start=toks[0].start, normal="")


def _is_role_word(span: EntitySpan, tokens: TokenIndex, res: Resources) -> bool:
    """`Президент` tagged as a person: every word is a title from roles.tsv."""
    toks = [t for t in tokens.within(span.start, span.end) if t.pos != "PUNCT"]
    index = role_index(res)
    return bool(toks) and all(index.title(lemma_key(t.text)) for t in toks)


def _is_not_entity(surface: str, res: Resources) -> bool:
    """`СМИ`, `АПК`: abbreviations of things, listed in not_entities.tsv."""
    return strip_abbreviation_ending(surface) in not_entities(res)


def _is_common_word(span: EntitySpan, tokens: TokenIndex) -> bool:
    """`Вчера`, `Вы`, `Двоюродная` tagged as a name at a sentence start: one
    word, not a noun, with no proper-name reading in the dictionary."""
    toks = tokens.within(span.start, span.end)
    return (span.type != "ORG" and len(toks) == 1 and toks[0].pos not in ("PROPN", "NOUN")
            and is_common_word(toks[0].text))


# --- two names in a row ---------------------------------------------------------

def _split_adjacent_names(spans: list[EntitySpan], text: str,
                          tokens: TokenIndex) -> list[EntitySpan]:
    """`Эво Моралес Эдвард Сноуден` (a caption naming two people) tagged as
    one person: split into two capitalized names of two words or more, each
    of which the article also writes as another, separate person's mention,
    in full or by its last word alone (`Кристина Фернандес де Киршнер`,
    `Тамим бен Хамад Аль Тани` stay whole)."""
    def words(sp_start: int, sp_end: int) -> list[str]:
        return text[sp_start:sp_end].lower().replace("ё", "е").split()

    persons = [sp for sp in spans if sp.type == "PER"]
    out: list[EntitySpan] = []
    for sp in spans:
        toks = tokens.within(sp.start, sp.end)
        if sp.type != "PER" or len(toks) < 4:
            out.append(sp)
            continue
        others = [words(o.start, o.end) for o in persons if o.end <= sp.start or o.start >= sp.end]

        def is_named_apart(part: list[str]) -> bool:
            return any(len(o) == 1 and same_name_word(o[0], part[-1])
                       or len(o) == len(part) and all(map(same_name_word, o, part))
                       for o in others)

        for i in range(2, len(toks) - 1):
            left, right = toks[i - 1], toks[i]
            if text[left.end:right.start] != " " or not left.text.isalpha() \
                    or not right.text[:1].isupper():
                continue
            if is_named_apart(words(sp.start, left.end)) and is_named_apart(words(right.start, sp.end)):
                out += [EntitySpan(sp.start, left.end, "PER"), EntitySpan(right.start, sp.end, "PER")]
                break
        else:
            out.append(sp)
    return out


# --- gazetteer ----------------------------------------------------------------

# Case endings of masculine names the dictionary does not know (`Совфеда`).
_CASE_ENDINGS = ("ом", "ем", "а", "у", "е")


def stems(word: str) -> list[str]:
    """`совфеда` → [`совфед`]: the word without a case ending, for
    single-word names the lemmatizer guesses wrong."""
    return [word[:-len(e)] for e in _CASE_ENDINGS if word.endswith(e) and len(word) - len(e) >= 4]


@dataclass(frozen=True)
class _OrgLookup:
    """What lets the gazetteer scan skip hopeless windows: every prefix of a
    full name's lemma keys, and the first letters of the short names (a
    short name with a case ending still starts with its own first letter)."""
    prefixes: frozenset[tuple[str, ...]]
    short_starts: frozenset[str]


@functools.cache
def _org_lookup(res: Resources) -> _OrgLookup:
    index = org_index(res)
    return _OrgLookup(frozenset(key[:n] for key in index.names for n in range(1, len(key) + 1)),
                      frozenset(key[:1] for key in index.short))


def _gazetteer_spans(doc: Document, tokens: TokenIndex, res: Resources) -> list[EntitySpan]:
    """Organisations of organisations.tsv named in the text: abbreviations
    as written (a case ending allowed: `БЕЛАЗе`), names by their lemmas.
    From each token on, the longest window within its sentence that names
    one wins, then the scan goes on after it. One pass: the full names are
    followed through the prefixes of their lemma keys, so a window is looked
    up only while some name still starts with it."""
    index, look, text = org_index(res), _org_lookup(res), doc.text
    items, sentence, out = tokens.items, tokens.sentence, []
    keys: dict[int, str] = {}
    i = 0
    while i < len(items):
        start = items[i].start
        first = text[start:start + 1]
        upper, may_short = first.isupper(), first in look.short_starts
        if not upper and not may_short:
            i += 1
            continue
        top = min(index.longest, len(items) - i)
        while sentence[i + top - 1] != sentence[i]:     # tokens of one sentence only
            top -= 1
        names: dict[int, Mapping[str, str]] = {}
        if upper:
            key: tuple[str, ...] = ()
            for n in range(1, top + 1):
                if i + n - 1 not in keys:
                    keys[i + n - 1] = lemma_key(items[i + n - 1].text)
                key += (keys[i + n - 1],)
                if key not in look.prefixes:
                    break
                if key in index.names:
                    names[n] = index.names[key]
        found = None
        for n in range(top, 0, -1):
            row = None
            end = items[i + n - 1].end
            if may_short:
                surface = text[start:end]
                row = index.short.get(surface) or index.short.get(strip_abbreviation_ending(surface))
            if row is None and upper:
                row = names.get(n)
                if row is None and n == 1:
                    row = next((index.names[(stem,)] for stem in stems(text[start:end].lower())
                                if (stem,) in index.names), None)
            if row is not None:
                found = EntitySpan(start, end, "ORG", org=row)
                i += n
                break
        if found:
            out.append(found)
        else:
            i += 1
    return out


def _overlay(ner: list[EntitySpan], gaz: list[EntitySpan]) -> list[EntitySpan]:
    """Gazetteer spans win over NER spans inside them (fixing the type:
    `Евросоюза` is no LOC) and over persons around them (`Сегодня
    Роскомназдор`); other NER spans that contain them stay, an organisation
    noting the known one inside it (`within`)."""
    out = []
    for sp in ner:
        if any(g.start <= sp.start and sp.end <= g.end for g in gaz):
            continue
        inner = [g for g in gaz if sp.start <= g.start and g.end <= sp.end]
        if sp.type == "PER" and inner:
            continue
        if sp.type == "ORG" and inner:     # `Amazon Web Services`, `пресс-служба Газпрома`
            sp = dataclasses.replace(sp, within=inner[0].org)
        out.append(sp)
    for g in gaz:
        if not any(sp.start < g.end and g.start < sp.end for sp in out):
            out.append(g)
    return sorted(out, key=lambda s: (s.start, -s.end))


def _with_known_surnames(spans: list[EntitySpan], tokens: TokenIndex, res: Resources) -> list[EntitySpan]:
    """Bare surnames of well-known figures (people.tsv) that no span covers:
    the NER misses some at a sentence start (`Лукашенко пригрозил …`)."""
    index = people_index(res)
    found = []
    for tok in tokens.items:
        key = index.surname(tok.text)
        if key and not any(sp.start < tok.end and tok.start < sp.end for sp in spans):
            found.append(EntitySpan(tok.start, tok.end, "PER", person=index.by_surname[key][0]["name"]))
    return sorted(spans + found, key=lambda s: (s.start, -s.end)) if found else spans


# --- organisations with their genitive tail -----------------------------------

def _join_tails(spans: list[EntitySpan], text: str, tokens: TokenIndex) -> list[EntitySpan]:
    """`МИД` + `Австралии`, `Совета Федерации` + `Федерального Собрания` +
    `Российской Федерации`: an organisation followed, across one space, by
    a place or organisation in the genitive is one organisation."""
    out: list[EntitySpan] = []
    for sp in spans:
        if sp.type in ("LOC", "ORG") and out and out[-1].type == "ORG" \
                and _is_genitive(sp, tokens) and (text[out[-1].end:sp.start] == " "
                                                  or _is_place_word_between(out[-1], sp, tokens)):
            out[-1] = dataclasses.replace(out[-1], end=sp.end,
                                          within=out[-1].within or sp.org or sp.within)
            continue
        out.append(sp)
    return out


def _is_place_word_between(left: EntitySpan, right: EntitySpan, tokens: TokenIndex) -> bool:
    """`суд города Москвы`, `управление района Пудун`: one lower-case noun
    in the genitive between an organisation and its place."""
    between = tokens.within(left.end, right.start)
    return (len(between) == 1 and between[0].pos == "NOUN" and between[0].text.islower()
            and between[0].feats.get("Case") == "Gen"
            and between[0].start == left.end + 1 and right.start == between[0].end + 1)


def _institutions(spans: list[EntitySpan], tokens: TokenIndex, res: Resources) -> list[EntitySpan]:
    """Institution nouns of roles.tsv (`правительство`) are organisations
    without a name too; each takes in the place adjectives before it
    (`турецкое правительство`), and the genitive after it joins later."""
    institutions = role_index(res).institutions
    taken = [(sp.start, sp.end) for sp in spans]
    out = list(spans)
    for k, tok in enumerate(tokens.items):
        if lemma_key(tok.text) not in institutions or any(a <= tok.start < b for a, b in taken):
            continue
        end = _genitive_words_after(k, tokens)
        out.append(EntitySpan(_adjectives_before(k, tokens, res), end, "ORG"))
    return sorted(out, key=lambda s: (s.start, -s.end))


def _genitive_words_after(k: int, tokens: TokenIndex, most: int = 4) -> int:
    """End offset of token `k` with the common-noun genitive after it
    (`министерстве юстиции`, `правительство страны`), ending on a noun."""
    end, j = tokens.items[k].end, k + 1
    while j < len(tokens.items) and j - k <= most and tokens.sentence[j] == tokens.sentence[k]:
        tok = tokens.items[j]
        if tok.pos not in ("NOUN", "ADJ") or tok.feats.get("Case") != "Gen" or tok.text[:1].isupper():
            break
        if tok.pos == "NOUN":
            end = tok.end
        j += 1
    return end


def _adjectives_before(k: int, tokens: TokenIndex, res: Resources) -> int:
    """Start offset of token `k` with the place adjectives right before it
    in the same case (`японского МИДа`, `чувашского правительства`)."""
    start, case = tokens.items[k].start, tokens.items[k].feats.get("Case")
    j = k - 1
    while j >= 0 and tokens.sentence[j] == tokens.sentence[k] and tokens.items[j].pos == "ADJ" \
            and tokens.items[j].feats.get("Case") == case \
            and (country_kind(tokens.items[j].text, res) == "adjective"
                 or lemma_key(tokens.items[j].text).endswith(_PLACE_ADJECTIVE)):
        start = tokens.items[j].start
        j -= 1
    return start


def _with_place_adjectives(spans: list[EntitySpan], tokens: TokenIndex, res: Resources) -> list[EntitySpan]:
    """Organisations take in the place adjectives right before them."""
    out: list[EntitySpan] = []
    for sp in spans:
        if sp.type == "ORG":
            k = tokens.index(sp.start)
            if k < len(tokens.items) and tokens.items[k].start == sp.start:
                start = _adjectives_before(k, tokens, res)
                if not any(o.end > start and o.start < sp.start for o in out):
                    sp = dataclasses.replace(sp, start=start)
        out.append(sp)
    return out


def _is_genitive(span: EntitySpan, tokens: TokenIndex) -> bool:
    """The span starts in the genitive, or with an indeclinable abbreviation."""
    toks = tokens.within(span.start, span.end)
    if not toks:
        return False
    first = toks[0]
    return first.feats.get("Case") == "Gen" or is_abbreviation(first.text)


def entity_spans(doc: Document, tokens: TokenIndex, res: Resources) -> list[EntitySpan]:
    """The clean mention spans of a parsed document, in text order."""
    text = doc.text
    spans: list[EntitySpan] = []
    for raw in doc.ner_spans:
        for sp in _repair(text, raw.start, raw.end, raw.type):
            if (sp.start, sp.end) == (raw.start, raw.end):
                sp = dataclasses.replace(sp, normal=raw.normal)
            sp = _drop_leading_function_words(sp, tokens, res)
            if sp.type == "PER" and _is_role_word(sp, tokens, res):
                continue
            if _is_common_word(sp, tokens) or _is_not_entity(text[sp.start:sp.end], res):
                continue
            spans.append(sp)
    spans = _split_adjacent_names(spans, text, tokens)
    spans = _overlay(spans, _gazetteer_spans(doc, tokens, res))
    spans = _with_known_surnames(spans, tokens, res)
    spans = _institutions(spans, tokens, res)
    spans = _with_place_adjectives(spans, tokens, res)
    return _join_tails(spans, text, tokens)
