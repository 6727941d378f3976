"""Entities from Natasha's NER spans, repaired and completed: boundaries
fixed, role words dropped, organisations from the gazetteer added, an
organisation joined with the place or body it belongs to (`МИД Австралии`),
names put in the nominative, and the mentions of one thing merged.

    raw NER spans ─► repair ─► + gazetteer ─► join genitive tails ─► group
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Mapping, Sequence

from ..document import Document, Entity, Mention
from ..resources import Resources
from .geo import country_kind, country_name, country_of, last_country_before
from .lexicon import (COUNTRY_WORD, TokenIndex, acronym, is_abbreviation, is_common_word, lemma_key, nominative,
                      not_entities, org_index, person_nominative, role_index,
                      strip_abbreviation_ending)

_OPEN, _CLOSE = "(«“„\"", ")»”“\""
_EDGE = " \t\n,.;:!?-—–"
# Relational adjectives of places end so: `чувашский`, `турецкий`, `японский`.
_PLACE_ADJECTIVE = ("ский", "цкий")
# `Коммунистической партией Китая (КПК)`: a name with its abbreviation.
_WITH_ABBR = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<abbr>[^()]+)\)?$")


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    type: str
    normal: str = ""
    org: Mapping[str, str] | None = None    # gazetteer row, if matched


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


def _repair(text: str, start: int, end: int, etype: str) -> list[_Span]:
    """One raw NER span → zero or more clean ones: cut at line breaks, split
    `Name (ABBR)` in two, split `Союза (Советского Союза` at the bracket."""
    out = []
    for part in re.finditer(r"[^\n]+", text[start:end]):
        s, e = _trim(text, start + part.start(), start + part.end())
        if s >= e:
            continue
        m = _WITH_ABBR.match(text[s:e])
        if m and "(" in text[s:e]:
            out.append(_Span(*_trim(text, s, s + m.end("name")), etype))
            a0, a1 = _trim(text, s + m.start("abbr"), s + m.end("abbr"))
            if a0 < a1 and (is_abbreviation(text[a0:a1]) or text[a0].isupper()):
                out.append(_Span(a0, a1, etype))
            continue
        out.append(_Span(s, e, etype))
    return [sp for sp in out
            if sp.start < sp.end and any(c.isalnum() for c in text[sp.start:sp.end])]


def _drop_leading_function_words(span: _Span, tokens: TokenIndex) -> _Span | None:
    """`Сегодня Роскомназдор` → `Роскомназдор`: names do not start with
    adverbs, pronouns, prepositions or conjunctions."""
    toks = tokens.within(span.start, span.end)
    while toks and toks[0].pos in ("ADV", "ADP", "CCONJ", "SCONJ", "PRON", "DET", "PART") \
            and len(toks) > 1:
        toks = toks[1:]
    if not toks:
        return span
    return dataclasses.replace(span, start=max(span.start, toks[0].start))


def _is_role_word(span: _Span, tokens: TokenIndex, res: Resources) -> bool:
    """`Президент` tagged as a person: every word is a title from roles.tsv."""
    toks = [t for t in tokens.within(span.start, span.end) if t.pos != "PUNCT"]
    index = role_index(res)
    return bool(toks) and all(index.title(lemma_key(t.text)) for t in toks)


def _is_not_entity(surface: str, res: Resources) -> bool:
    """`СМИ`, `АПК`: abbreviations of things, listed in not_entities.tsv."""
    return strip_abbreviation_ending(surface) in not_entities(res)


def _is_common_word(span: _Span, tokens: TokenIndex) -> bool:
    """`Вчера`, `Вы`, `Двоюродная` tagged as a name at a sentence start: one
    word, not a noun, with no proper-name reading in the dictionary."""
    toks = tokens.within(span.start, span.end)
    return (span.type != "ORG" and len(toks) == 1 and toks[0].pos not in ("PROPN", "NOUN")
            and is_common_word(toks[0].text))


# --- gazetteer ----------------------------------------------------------------

def _gazetteer_spans(doc: Document, tokens: TokenIndex, res: Resources) -> list[_Span]:
    """Organisations of organisations.tsv named in the text: abbreviations
    as written (a case ending allowed: `БЕЛАЗе`), names by their lemmas."""
    index = org_index(res)
    items, out = tokens.items, []
    i = 0
    while i < len(items):
        found = None
        for n in range(min(index.longest, len(items) - i), 0, -1):
            window = items[i:i + n]
            if any(tokens.sentence[i] != tokens.sentence[i + k] for k in range(n)):
                continue
            surface = doc.text[window[0].start:window[-1].end]
            row = index.short.get(surface) or index.short.get(strip_abbreviation_ending(surface))
            if row is None and surface[:1].isupper():
                row = index.names.get(tuple(lemma_key(t.text) for t in window))
            if row is not None:
                found = _Span(window[0].start, window[-1].end, "ORG", org=row)
                i += n
                break
        if found:
            out.append(found)
        else:
            i += 1
    return out


def _overlay(ner: list[_Span], gaz: list[_Span]) -> list[_Span]:
    """Gazetteer spans win over NER spans inside them (fixing the type:
    `Евросоюза` is no LOC) and over persons around them (`Сегодня
    Роскомназдор`); other NER spans that contain them stay."""
    out = []
    for sp in ner:
        if any(g.start <= sp.start and sp.end <= g.end for g in gaz):
            continue
        if sp.type == "PER" and any(sp.start <= g.start and g.end <= sp.end for g in gaz):
            continue
        out.append(sp)
    for g in gaz:
        if not any(sp.start < g.end and g.start < sp.end for sp in out):
            out.append(g)
    return sorted(out, key=lambda s: (s.start, -s.end))


# --- organisations with their genitive tail -----------------------------------

def _join_tails(spans: list[_Span], text: str, tokens: TokenIndex) -> list[_Span]:
    """`МИД` + `Австралии`, `Совета Федерации` + `Федерального Собрания` +
    `Российской Федерации`: an organisation followed, across one space, by
    a place or organisation in the genitive is one organisation."""
    out: list[_Span] = []
    for sp in spans:
        if sp.type in ("LOC", "ORG") and out and out[-1].type == "ORG" \
                and _is_genitive(sp, tokens) and (text[out[-1].end:sp.start] == " "
                                                  or _is_place_word_between(out[-1], sp, tokens)):
            out[-1] = dataclasses.replace(out[-1], end=sp.end)
            continue
        out.append(sp)
    return out


def _is_place_word_between(left: _Span, right: _Span, tokens: TokenIndex) -> bool:
    """`суд города Москвы`, `управление района Пудун`: one lower-case noun
    in the genitive between an organisation and its place."""
    between = tokens.within(left.end, right.start)
    return (len(between) == 1 and between[0].pos == "NOUN" and between[0].text.islower()
            and between[0].feats.get("Case") == "Gen"
            and between[0].start == left.end + 1 and right.start == between[0].end + 1)


def _institutions(spans: list[_Span], tokens: TokenIndex, res: Resources) -> list[_Span]:
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
        out.append(_Span(_adjectives_before(k, tokens, res), end, "ORG"))
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


def _with_place_adjectives(spans: list[_Span], tokens: TokenIndex, res: Resources) -> list[_Span]:
    out = []
    for sp in spans:
        if sp.type == "ORG":
            k = tokens.index(sp.start)
            if k < len(tokens.items) and tokens.items[k].start == sp.start:
                start = _adjectives_before(k, tokens, res)
                if not any(o.end > start and o.start < sp.start for o in out):
                    sp = dataclasses.replace(sp, start=start)
        out.append(sp)
    return out


def _is_genitive(span: _Span, tokens: TokenIndex) -> bool:
    toks = tokens.within(span.start, span.end)
    if not toks:
        return False
    first = toks[0]
    return first.feats.get("Case") == "Gen" or is_abbreviation(first.text)


# --- grouping into entities ---------------------------------------------------

def _normal(span: _Span, text: str, tokens: TokenIndex, res: Resources) -> str:
    surface = text[span.start:span.end]
    if span.type == "LOC" and country_kind(surface, res) == "name":
        return country_name(country_of(surface, res), res)
    if span.type == "PER":
        return person_nominative(tokens.within(span.start, span.end), text, span.normal) or surface
    return nominative(tokens.within(span.start, span.end), text) or surface


def _group(spans: list[_Span], text: str, tokens: TokenIndex, res: Resources) -> list[Entity]:
    groups: list[dict] = []
    by_key: dict[tuple[str, ...], dict] = {}
    for sp in spans:
        surface = text[sp.start:sp.end]
        name = _normal(sp, text, tokens, res)
        key = _key(sp, name, surface, res)
        group = by_key.get(key) or _find_related(groups, sp, name, surface, res)
        if group is None:
            group = {"type": sp.type, "name": name, "spans": [], "orgs": [], "names": []}
            groups.append(group)
        by_key[key] = group
        group["spans"].append(sp)
        group["names"].append(name)
        if sp.org:
            group["orgs"].append(sp.org)
        if _better_name(name, group["name"], sp.type):
            group["name"] = name
    return [_entity(n, g, text, tokens, res) for n, g in enumerate(groups, 1)]


def _key(sp: _Span, name: str, surface: str, res: Resources) -> tuple[str, ...]:
    if sp.org:     # `МИД России` and `МИД Украины` are two ministries
        return ("ORG", sp.org["short"] or sp.org["name"], _country_in(name, res) or sp.org["country"])
    if sp.type == "LOC" and country_kind(surface, res) == "name":
        return ("LOC", country_of(surface, res))
    return (sp.type, name.lower().replace("ё", "е"))


def _find_related(groups: list[dict], sp: _Span, name: str, surface: str,
                  res: Resources) -> dict | None:
    """A short form of an entity already seen: a surname (`Лукашенко`), an
    abbreviation of a written-out name (`ШОС`), or the written-out name of
    an abbreviation (both ways)."""
    words = name.lower().replace("ё", "е").split()
    for group in reversed(groups):
        if group["type"] != sp.type:
            continue
        other = group["name"].lower().replace("ё", "е").split()
        if sp.type == "PER" and (len(words) == 1 and any(_same_word(words[0], o) for o in other)
                                 or len(other) == 1 and any(_same_word(other[0], w) for w in words)
                                 or len(words) == len(other)
                                 and all(map(_same_word, words, other))):
            return group
        if sp.type == "ORG":
            if is_abbreviation(surface) and acronym(group["name"]) == surface:
                return group
            countries = {_country_in(name, res), _country_in(group["name"], res)} - {None}
            if _core(name, res) == _core(group["name"], res) != "" and len(countries) <= 1:
                return group
            if any(is_abbreviation(n) and acronym(name) == n for n in group["names"]):
                return group
    return None


def _core(name: str, res: Resources) -> str:
    """An organisation's name without the words naming its country:
    `Австралийская лейбористская партия`, `Лейбористская партия Австралии`
    → `лейбористская партия`."""
    return " ".join(w for w in name.lower().replace("ё", "е").split()
                    if country_of(w, res) is None)


def _same_word(a: str, b: str) -> bool:
    """Two forms of one name word, when normalization missed a case ending:
    `радда` / `радд`, `обамы` / `обама`."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 4 and len(long_) - len(short) <= 2 and long_.startswith(short[:-1]) \
        and (long_.startswith(short) or len(long_) == len(short))


def _better_name(new: str, old: str, etype: str) -> bool:
    """The fullest name names the entity: `Александр Лукашенко` over
    `Лукашенко`, `Шанхайская организация сотрудничества` over `ШОС`."""
    if etype == "ORG" and is_abbreviation(old) and not is_abbreviation(new):
        return True
    return etype == "PER" and len(new.split()) > len(old.split())


def _entity(n: int, group: dict, text: str, tokens: TokenIndex, res: Resources) -> Entity:
    mentions = tuple(Mention(text=text[s.start:s.end], start=s.start, end=s.end,
                             kind="abbreviation" if is_abbreviation(strip_abbreviation_ending(
                                 text[s.start:s.end])) and group["type"] != "PER" else "name")
                     for s in group["spans"])
    name = group["name"]
    aliases = []
    for alias in [m.text for m in mentions if m.kind == "abbreviation"] + \
            [r[c] for r in group["orgs"] for c in ("short", "name")]:
        alias = strip_abbreviation_ending(alias)
        if alias and alias != name and alias not in aliases:
            aliases.append(alias)
    country = sector = None
    if group["orgs"]:
        country = group["orgs"][0]["country"] or None
        sector = group["orgs"][0]["sector"] or None
    if group["type"] == "LOC":
        country = country_of(name, res) if country_kind(name, res) in ("name", "capital") else None
    elif group["type"] == "ORG":
        country = country or _country_in(name, res)
        if country is None and any(lemma_key(w) == COUNTRY_WORD for w in name.split()):
            country = last_country_before(group["spans"][0].start, tokens, res)
        sector = sector or role_index(res).bodies.get(lemma_key(name.split()[0]))
    return Entity(id=f"e{n}", type=group["type"], name=name, mentions=mentions,
                  aliases=tuple(aliases), country=country, sector=sector)


def _country_in(name: str, res: Resources) -> str | None:
    """The country an organisation's own name states (`Министерство обороны
    США`, `Белорусский автомобильный завод`)."""
    words = name.split()
    for n in range(len(words), 0, -1):
        for i in range(len(words) - n + 1):
            iso = country_of(" ".join(words[i:i + n]), res)
            if iso and country_kind(" ".join(words[i:i + n]), res) != "capital":
                return iso
    return None


def find_entities(doc: Document, res: Resources) -> Document:
    """Turn `ner_spans` into `Entity` items (PER, ORG, LOC) with nominative
    names, merged mentions (`name` / `abbreviation`), aliases, and country
    and sector where known; ids `e1`, `e2`, … in order of first mention."""
    text, tokens = doc.text, TokenIndex(doc)
    spans: list[_Span] = []
    for raw in doc.ner_spans:
        for sp in _repair(text, raw.start, raw.end, raw.type):
            if (sp.start, sp.end) == (raw.start, raw.end):
                sp = dataclasses.replace(sp, normal=raw.normal)
            sp = _drop_leading_function_words(sp, tokens)
            if sp.type == "PER" and _is_role_word(sp, tokens, res):
                continue
            if _is_common_word(sp, tokens) or _is_not_entity(text[sp.start:sp.end], res):
                continue
            spans.append(sp)
    spans = _overlay(spans, _gazetteer_spans(doc, tokens, res))
    spans = _institutions(spans, tokens, res)
    spans = _with_place_adjectives(spans, tokens, res)
    spans = _join_tails(spans, text, tokens)
    return dataclasses.replace(doc, entities=tuple(_group(spans, text, tokens, res)))
