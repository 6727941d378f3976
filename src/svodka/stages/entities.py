"""Entities from the clean spans of `stages/ner_spans.py`: names put in the
nominative, the mentions of one thing merged (`Лукашенко` with `Александр
Лукашенко`, `ШОС` with `Шанхайская организация сотрудничества`), aliases,
country and sector from the gazetteers. How person names are put in the
nominative, matched and named across a chain lives in `stages/names.py`.
"""
from __future__ import annotations

import dataclasses
import functools
import re

from ..document import Document, Entity, Mention
from ..resources import Resources
from .geo import country_kind, country_name, country_of, last_country_before
from .lexicon import (TokenIndex, acronym, is_abbreviation, is_transliteration, lemma_key,
                      nominative, role_index, strip_abbreviation_ending)
from .names import chain_name, person_nominative, same_person, spelling_variant, with_written_words
from .ner_spans import EntitySpan, entity_spans, stems

# Forms that name a country itself (`КНР` is `Китай`), not a city or a people.
_COUNTRY_NAMES = ("name", "abbreviation")


# --- grouping into entities ---------------------------------------------------

def _normal(span: EntitySpan, text: str, tokens: TokenIndex, res: Resources) -> str:
    """The nominative name: a country by its short name (`Беларусью` →
    `Беларусь`), a person word by word, anything else by its head phrase."""
    surface = text[span.start:span.end]
    if span.type == "LOC" and country_kind(surface, res) in _COUNTRY_NAMES:
        return country_name(country_of(surface, res), res)
    if span.person:     # a bare surname of people.tsv: as the table writes it
        return span.person.split()[-1]
    if span.type == "PER":
        k = tokens.index(span.start)
        return person_nominative(tokens.within(span.start, span.end), text, span.normal,
                                 tokens.items[k - 1] if k > 0 else None) or surface
    return _table_form(span, surface) or nominative(tokens.within(span.start, span.end), text) \
        or surface


def _table_form(span: EntitySpan, surface: str) -> str | None:
    """A one-word organisation of organisations.tsv by the table's first
    one-word name that is no abbreviation (`Известиям` → `Известия`, `Ликуде`
    → `Ликуд`, `Твиттера` → `Twitter`, `Евросоюза` → `Евросоюз`), where the
    surface is a form of a one-word name or alias; a longer one by the name or
    alias it is a form of, word by word."""
    if span.org is None or is_abbreviation(surface):
        return None
    row = span.org
    if " " in surface:     # `Жогорку Кенеша` → `Жогорку Кенеш`: a whole name of the table
        key = tuple(lemma_key(w) for w in surface.split())
        return next((f for f in (row["name"], *row["aliases"].split("|"))
                     if f and tuple(lemma_key(w) for w in f.split()) == key), None)
    forms = [f for f in (row["short"], row["name"], *row["aliases"].split("|")) if f and " " not in f]
    word = surface.lower().replace("ё", "е")
    for form in forms:
        key = form.lower().replace("ё", "е")
        if key == word or lemma_key(form) == lemma_key(surface) or key in stems(word):
            return next((f for f in forms if not is_abbreviation(f)), form)
    return None


def _group(spans: list[EntitySpan], text: str, tokens: TokenIndex, res: Resources) -> list[Entity]:
    """Spans with one key or related names (`_find_related`) become one
    entity, numbered in order of first mention."""
    groups: list[dict] = []
    by_key: dict[tuple[str, ...], dict] = {}
    by_surface: dict[tuple[str, str], dict] = {}
    last: tuple[EntitySpan, dict] | None = None
    for sp in spans:
        surface = text[sp.start:sp.end]
        name = _normal(sp, text, tokens, res)
        key = _key(sp, name, surface, res)
        if last and _original_spelling(last[0], sp, text):
            # `Джон Макафи (John McAfee)`: the same one, an alias
            group = last[1]
            by_key.setdefault(key, group)
            group["spans"].append(sp)
            group.setdefault("originals", []).append(surface)
            continue
        # one article, one referent per written name: `Антонеллой Рокуццо`
        # is one person however its two mentions were put in the nominative
        group = by_key.get(key) or by_surface.get((sp.type, _fold(surface))) \
            or _find_related(groups, sp, name, surface, res)
        is_written = name == surface and "".join(name.split()).replace("-", "").replace(".", "").isalpha() \
            and all(t.feats.get("Case", "Nom") == "Nom" for t in tokens.within(sp.start, sp.end))
        if group is None:
            group = {"type": sp.type, "name": name, "spans": [], "orgs": [], "names": [],
                     "is_written": is_written}
            groups.append(group)
        by_key[key] = group
        by_surface.setdefault((sp.type, _fold(surface)), group)
        group["spans"].append(sp)
        group["names"].append(name)
        if is_written and sp.type == "PER":
            group.setdefault("written", []).append(name)
        if sp.org:
            group["orgs"].append(sp.org)
        if sp.within:
            group.setdefault("within", []).append(sp.within)
        if _better_name(name, group["name"], sp.type) or sp.type == "PER" and is_written \
                and not group["is_written"] and len(name.split()) == len(group["name"].split()) \
                and _full_words(name) == _full_words(group["name"]):
            # a person's name as the text writes it in the nominative beats one
            # put into the nominative by us (`Веселину Топалову` → `Веселин Топалову`)
            group["name"], group["is_written"] = name, is_written
        last = (sp, group)
    for group in groups:
        if group.get("written"):
            group["name"] = with_written_words(group["name"], group["written"])
        if group["type"] == "PER" and len(group["names"]) > 1:
            group["name"] = chain_name(group["name"], group["names"],
                                        {w for sp in group["spans"] for w in text[sp.start:sp.end].split()},
                                        {w for n in group.get("written", ()) for w in n.split()})
    return [_entity(n, g, text, tokens, res) for n, g in enumerate(groups, 1)]


def _fold(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").split())


_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
# `(`, optionally a language (`англ.`, `нем.`), between a name and its spelling
_OPEN_ORIGINAL = re.compile(r"\s*\(\s*(?:[а-я]{2,5}\.\s*)?", re.IGNORECASE)


def _original_spelling(before: EntitySpan, sp: EntitySpan, text: str) -> bool:
    """`sp` gives the name of `before` in its own script, in parentheses
    right after it: `Джон Макафи (John McAfee)`, `Элис Манро (англ. Alice
    Munro, род. 1931)`."""
    if sp.type != before.type or sp.type not in ("PER", "ORG"):
        return False
    original, written = text[sp.start:sp.end], text[before.start:before.end]
    if _CYRILLIC.search(original) or not _CYRILLIC.search(written):
        return False
    return bool(_OPEN_ORIGINAL.fullmatch(text, before.end, sp.start)) \
        and text[sp.end:sp.end + 1] in (")", ",", ";")


def _key(sp: EntitySpan, name: str, surface: str, res: Resources) -> tuple[str, ...]:
    """What makes two spans one entity outright: the gazetteer row (and
    country), the country a place name denotes, or the normal name."""
    if sp.org:     # `МИД России` and `МИД Украины` are two ministries
        return ("ORG", sp.org["short"] or sp.org["name"], _country_in(name, res) or sp.org["country"])
    if sp.type == "LOC" and country_kind(surface, res) in _COUNTRY_NAMES:
        return ("LOC", country_of(surface, res))
    return (sp.type, name.lower().replace("ё", "е"))


def _find_related(groups: list[dict], sp: EntitySpan, name: str, surface: str,
                  res: Resources) -> dict | None:
    """An entity already seen that this names again: by a surname
    (`Лукашенко`) or another form of a person's name, an abbreviation of a
    written-out name (`ШОС`) or the written-out name of an abbreviation, a
    short form of an organisation, or in the other script (`Фэйсбук`)."""
    words = name.lower().replace("ё", "е").split()
    own_acronym = acronym(name) if sp.type == "ORG" else ""
    for group in reversed(groups):
        if group["type"] != sp.type:
            continue
        if sp.type == "ORG":
            if is_abbreviation(surface) and acronym(group["name"]) == surface:
                return group
            countries = {_country_in(name, res), _country_in(group["name"], res)} - {None}
            if _core(name, res) == _core(group["name"], res) != "" and len(countries) <= 1:
                return group
            if any(n == own_acronym and is_abbreviation(n) for n in group["names"]):
                return group
    if sp.type == "PER":
        return same_person(groups, words) or spelling_variant(groups, words) \
            or _transliterated(groups, sp.type, name)
    return _short_form(groups, name, res) or _transliterated(groups, sp.type, name) \
        if sp.type == "ORG" else None


def _transliterated(groups: list[dict], etype: str, name: str) -> dict | None:
    """The entity named last whose name, in the other script, is this one
    spelt in Russian letters or the Latin one this spells (`Facebook` /
    `Фэйсбук`, `Sami al-Haj` / `Сами аль-Хадж`)."""
    # `is_transliteration` needs its Latin side in ASCII: a pair with no
    # ASCII name in it is never asked (most pairs, on a Russian article).
    ascii_name = name.isascii()
    for group in reversed(groups):
        if group["type"] == etype and any((ascii_name or n.isascii()) and (
                is_transliteration(name, n) or is_transliteration(n, name)) for n in group["names"]):
            return group
    return None


def _short_form(groups: list[dict], name: str, res: Resources) -> dict | None:
    """The one organisation seen before whose name this is a short form of,
    or which is a short form of this: its first two or more words
    (`Законодательное собрание` of `Законодательное собрание Приморского
    края`), or one word made of the beginnings of its words (`Нацфронт`,
    `Минсельхоз`); None when two fit."""
    words, keys = _words_and_keys(name)
    found = []
    for group in groups:
        if group["type"] != "ORG":
            continue
        other, other_keys = _words_and_keys(group["name"])
        (short, short_keys), (long_, long_keys) = sorted(((words, keys), (other, other_keys)),
                                                         key=lambda x: len(x[0]))
        if len(short) >= 2 and len(long_) > len(short) and long_keys[:len(short)] == short_keys \
                or len(short) == 1 < len(long_) and (_is_compound_of(short[0], long_)
                                                     or _head_noun(*sorted((name, group["name"]), key=len),
                                                                   short_keys[0], long_keys[0])):
            found.append(group)
    return found[0] if len(found) == 1 else None


def _head_noun(word: str, name: str, key: str, first: str) -> bool:
    """`посольство` of `Посольство РФ в Сирии`: one word written in lower
    case (a common noun, not a name), the first word of the longer name,
    which is a name (capitalized: not `правительства Израиля`), in any case
    form."""
    return key == first and word.islower() and " " not in word and len(word) > 3 and name[:1].isupper()


@functools.lru_cache(maxsize=65536)
def _folded_and_keys(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    words = tuple(name.lower().replace("ё", "е").split())
    return words, tuple(lemma_key(w) for w in words)


def _words_and_keys(name: str) -> tuple[list[str], tuple[str, ...]]:
    """A name's words (lower case, ё→е) and their lemma keys, worked out
    once per name (`_short_form` compares each new name with every
    organisation seen)."""
    words, keys = _folded_and_keys(name)
    return list(words), keys


def _is_compound_of(word: str, words: list[str]) -> bool:
    """`word` joins the beginnings of the first few content words of `words`
    (`минсельхоз`: министерство сельского хозяйства), two at least, the
    first of three letters or more, the others of two or more."""
    content = [w for w in words if len(w) > 2 and w.isalpha()]

    def fits(rest: str, k: int, parts: int) -> bool:
        if not rest:
            return parts >= 2
        if k == len(content):
            return False
        least = 3 if parts == 0 else 2
        return any(content[k].startswith(rest[:n]) and fits(rest[n:], k + 1, parts + 1)
                   for n in range(least, min(len(rest), len(content[k])) + 1))
    return word.isalpha() and len(content) >= 2 and content[0].startswith(word[:3]) \
        and fits(word, 0, 0)


# Pure functions of (name, res), asked once per pair of organisations while
# merging: memoized so the merge stays cheap on long articles.
@functools.lru_cache(maxsize=65536)
def _core(name: str, res: Resources) -> str:
    """An organisation's name without the words naming its country:
    `Австралийская лейбористская партия`, `Лейбористская партия Австралии`
    → `лейбористская партия`."""
    return " ".join(w for w in name.lower().replace("ё", "е").split()
                    if country_of(w, res) is None)


def _better_name(new: str, old: str, etype: str) -> bool:
    """The fullest name names the entity: `Александр Лукашенко` over
    `Лукашенко`, `Шанхайская организация сотрудничества` over `ШОС`."""
    if etype == "ORG" and is_abbreviation(old) and not is_abbreviation(new):
        return True
    return etype == "PER" and (_full_words(new), len(set(new.lower().split()))) \
        > (_full_words(old), len(set(old.lower().split())))


def _full_words(name: str) -> int:
    """Distinct words of a name that are not initials: `Г. А. Зюганов` has one."""
    return len({w.lower() for w in name.split() if not (len(w) <= 2 and w.endswith("."))})


def _entity(n: int, group: dict, text: str, tokens: TokenIndex, res: Resources) -> Entity:
    mentions = tuple(Mention(text=text[s.start:s.end], start=s.start, end=s.end,
                             kind="abbreviation" if is_abbreviation(strip_abbreviation_ending(
                                 text[s.start:s.end])) and group["type"] != "PER" else "name")
                     for s in group["spans"])
    name = group["name"]
    aliases = []
    # the table's aliases the article uses (`Твиттер` for `Twitter`)
    used = {lemma_key(m.text) for m in mentions if " " not in m.text}
    for alias in group.get("originals", []) + [m.text for m in mentions if m.kind == "abbreviation"] + \
            [r[c] for r in group["orgs"] for c in ("short", "name")] + \
            [a for r in group["orgs"] for a in r["aliases"].split("|") if a and lemma_key(a) in used]:
        alias = strip_abbreviation_ending(alias)
        if alias and alias != name and alias not in aliases:
            aliases.append(alias)
    country = sector = None
    if group["orgs"]:
        country = group["orgs"][0]["country"] or None
        sector = group["orgs"][0]["sector"] or None
    if group["type"] == "LOC":
        country = country_of(name, res) if country_kind(name, res) in (*_COUNTRY_NAMES, "capital") \
            else None
    elif group["type"] == "ORG":
        # the country the name states wins over the table's (`МВД Украины`)
        country = _country_in(name, res) or country
        if country is None and any(lemma_key(w) in role_index(res).country_words
                                   for w in name.split()):
            country = last_country_before(group["spans"][0].start, tokens, res)
        bodies = role_index(res).bodies
        sector = sector or next((bodies[k] for k in map(lemma_key, name.split()) if k in bodies), None)
        # a part or unit of a known organisation is of its country
        # (`Amazon Web Services`, `ЦК КПК`, `пресс-служба Газпрома`)
        within = group.get("within", [])
        country = country or next((r["country"] for r in within if r["country"]), None)
        sector = sector or next((r["sector"] for r in within if r["sector"]), None)
    return Entity(id=f"e{n}", type=group["type"], name=name, mentions=mentions,
                  aliases=tuple(aliases), country=country, sector=sector)


@functools.lru_cache(maxsize=65536)
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
    tokens = TokenIndex(doc)
    spans = entity_spans(doc, tokens, res)
    return dataclasses.replace(doc, entities=tuple(_group(spans, doc.text, tokens, res)))
