"""Titles attached to persons (`Entity.roles`), with the country and sector
they imply, from the two places news prose puts them:

    Президент России Владимир Путин           title right before the name
    Александр Лукашенко, Президент Беларуси:  title after the name and a comma
    с Ерланом Кошановым, председателем …      (the title agrees in case)

A title starts with a title word of roles.tsv (`президент`, `председатель`)
and runs to the name or to the next punctuation mark.
"""
from __future__ import annotations

import dataclasses
from typing import Sequence

from ..document import Document, Entity, Role, Token
from ..resources import Resources
from .geo import country_kind, country_of, last_country_before
from .lexicon import TokenIndex, lemma_key, name_words, nominative, people_index, role_index

MAX_TITLE_TOKENS = 10
# Words that end a title phrase: a verb is already the sentence going on.
_STOP_POS = {"PUNCT", "VERB", "AUX", "SCONJ", "CCONJ", "PRON"}


def _title_start(tokens: Sequence[Token], res: Resources) -> int | None:
    """Index of the first title word (`генеральный директор` as one) among
    the first few tokens of a phrase."""
    index = role_index(res)
    for i, tok in enumerate(tokens[:3]):
        pair = f"{lemma_key(tok.text)} {lemma_key(tokens[i + 1].text)}" if i + 1 < len(tokens) else ""
        if pair in index.titles or index.title(lemma_key(tok.text)):
            return i
        if tok.pos not in ("ADJ", "NUM"):
            return None
    return None


def _agrees(title: Token, person: Sequence[Token], is_nominative: bool = False) -> bool:
    """The title word has the name's case (`с Ерланом Кошановым,
    председателем`) and is singular; an indeclinable name agrees with any case.
    `is_nominative`: the mention is written as the nominative name (`Ципи
    Ливни, министр`), whatever case the tagger guessed for a foreign name."""
    case = next((t.feats["Case"] for t in reversed(person) if "Case" in t.feats), None)
    return (title.feats.get("Number", "Sing") == "Sing"
            and (case is None or title.feats.get("Case") in (None, case)
                 or is_nominative and title.feats.get("Case") == "Nom"))


def _before(person: Sequence[Token], text: str, tokens: TokenIndex, res: Resources,
            names: frozenset[tuple[int, int]], is_nominative: bool = False) -> list[list[Token]]:
    """`Президент России` in `Президент России Владимир Путин`: the phrase
    from a title word up to the name, on one line, with no other name in it;
    with the titles listed before it, a comma apart (`председатель КНР,
    генеральный секретарь ЦК КПК Си Цзиньпин`), first to last."""
    titles: list[list[Token]] = []
    k = tokens.index(person[0].start) - 1
    while True:
        window: list[Token] = []
        while k >= 0 and len(window) < MAX_TITLE_TOKENS and tokens.items[k].pos not in _STOP_POS \
                and tokens.sentence[k] == tokens.sentence[k + 1] \
                and "\n" not in text[tokens.items[k].end:tokens.items[k + 1].start] \
                and not _inside_name(tokens.items[k], names):
            window.insert(0, tokens.items[k])
            k -= 1
        title = _title_in(window, person, res, is_nominative)
        # an earlier title counts only if its phrase is all title: `X, Y Name`
        if not title or titles and title[0] is not window[0]:
            return titles
        titles.insert(0, title)
        if k < 1 or tokens.items[k].text != "," or tokens.sentence[k] != tokens.sentence[k + 1]:
            return titles
        k -= 1


def _title_in(window: Sequence[Token], person: Sequence[Token], res: Resources,
              is_nominative: bool) -> list[Token]:
    """The window's tail from its first title word agreeing with the person
    (`генеральный секретарь` taken as one), or []."""
    index = role_index(res)
    for i, tok in enumerate(window):
        if index.title(lemma_key(tok.text)) and _agrees(tok, person, is_nominative):
            if i > 0 and f"{lemma_key(window[i - 1].text)} {lemma_key(tok.text)}" in index.titles:
                i -= 1
            return list(window[i:])
    return []


def _inside_name(token: Token, names: frozenset[tuple[int, int]]) -> bool:
    """The token is part of some person's mention."""
    return any(start <= token.start < end for start, end in names)


def _after(person: Sequence[Token], text: str, tokens: TokenIndex, res: Resources,
           names: frozenset[tuple[int, int]], is_nominative: bool = False) -> list[Token]:
    """`Президент Беларуси` in `Александр Лукашенко, Президент Беларуси:`;
    not in a list `X, президент Латвии Раймонд Вейонис`, where the title
    runs into the next name (`names`: spans of person mentions)."""
    k = tokens.index(person[-1].end)
    if k >= len(tokens.items) or tokens.items[k].text != ",":
        return []
    phrase: list[Token] = []
    k += 1
    while k < len(tokens.items) and len(phrase) < MAX_TITLE_TOKENS \
            and tokens.items[k].pos not in _STOP_POS and "\n" not in text[tokens.items[k - 1].end:tokens.items[k].start]:
        if _inside_name(tokens.items[k], names):
            return []
        phrase.append(tokens.items[k])
        k += 1
    start = _title_start(phrase, res)
    if start is None:
        return []
    # `генерального секретаря`: the noun of a two-word title carries the case
    head = start + 1 if start + 1 < len(phrase) and phrase[start].pos == "ADJ" \
        and f"{lemma_key(phrase[start].text)} {lemma_key(phrase[start + 1].text)}" \
        in role_index(res).titles else start
    if not _agrees(phrase[head], person, is_nominative):
        return []
    return phrase[start:]


def _country(title: Sequence[Token], doc: Document, tokens: TokenIndex,
             res: Resources) -> str | None:
    """The country a title names (`Беларуси`, `казахстанский`), the country
    of an organisation in it, or, for `этой страны`, the last one named."""
    words = [t.text for t in title]
    for n in range(min(4, len(words)), 0, -1):
        for i in range(len(words) - n + 1):
            phrase = " ".join(words[i:i + n])
            if country_of(phrase, res) and country_kind(phrase, res) != "capital":
                return country_of(phrase, res)
    start, end = title[0].start, title[-1].end
    for ent in doc.entities:
        if ent.type == "ORG" and ent.country and any(start <= m.start and m.end <= end
                                                     for m in ent.mentions):
            return ent.country
    if any(lemma_key(t.text) in role_index(res).country_words for t in title):
        return last_country_before(title[0].start, tokens, res)
    return None


def _sector(title: Sequence[Token], doc: Document, res: Resources) -> str | None:
    """The sector of the organisation or body the title is of (`Президент
    ФИФА` → SPT, `председатель Мажилиса` → LEG), else the title word's own
    (`президент` → GOV, `журналист` → MED)."""
    start, end = title[0].start, title[-1].end
    for ent in doc.entities:
        if ent.type == "ORG" and ent.sector and any(start <= m.start and m.end <= end
                                                    for m in ent.mentions):
            return ent.sector
    index = role_index(res)
    lemmas = [lemma_key(t.text) for t in title]
    for lemma in lemmas[1:]:
        if lemma in index.bodies:
            return index.bodies[lemma]
    for a, b in zip(lemmas, lemmas[1:] + [""]):
        row = index.titles.get(f"{a} {b}") or index.title(a)
        if row and row["sector"]:
            return row["sector"]
    # `глава КНР`, `лидер Северной Кореи`: a title of a country itself is a state office
    if len(title) > 1 and country_kind(" ".join(t.text for t in title[1:]), res) \
            in ("name", "abbreviation"):
        return "GOV"
    return None


def _role(title: Sequence[Token], doc: Document, tokens: TokenIndex, res: Resources) -> Role:
    """The `Role` of a title phrase, its name in the nominative."""
    name = nominative(title, doc.text)
    return Role(text=doc.text[title[0].start:title[-1].end], start=title[0].start,
                end=title[-1].end, name=name, country=_country(title, doc, tokens, res),
                sector=_sector(title, doc, res))


def _with_roles(ent: Entity, doc: Document, tokens: TokenIndex, res: Resources,
                names: frozenset[tuple[int, int]]) -> Entity:
    """The person with the titles next to any of its mentions, one per name."""
    roles: list[Role] = []
    for mention in ent.mentions:
        person = tokens.within(mention.start, mention.end)
        if not person:
            continue
        # a mention written as the nominative name may be a nominative whatever
        # the tagger says (`Ципи Ливни` read as instrumental)
        is_nominative = mention.text == ent.name
        for title in (*_before(person, doc.text, tokens, res, names, is_nominative),
                      _after(person, doc.text, tokens, res, names, is_nominative)):
            if title and all(r.start != title[0].start for r in roles):
                role = _role(title, doc, tokens, res)
                if all(r.name.lower() != role.name.lower() for r in roles):
                    roles.append(role)
    if not roles:
        return _described(ent, doc, tokens, res, names)
    country = ent.country or next((r.country for r in roles if r.country), None)
    sector = ent.sector or next((r.sector for r in roles if r.sector), None)
    return dataclasses.replace(ent, roles=tuple(roles), country=country, sector=sector)


def _described(ent: Entity, doc: Document, tokens: TokenIndex, res: Resources,
               names: frozenset[tuple[int, int]]) -> Entity:
    """A person with no title may still be described by a country right
    before the name: `бывшему подрядчику спецслужб США Эдварду Сноудену`,
    `американский журналист …`, `гражданин Украины …`. The description is no
    title (no `Role`), but the person takes its country: the phrase must hold
    a person noun in the name's case and name one country."""
    if ent.country:
        return ent
    for mention in ent.mentions:
        person = tokens.within(mention.start, mention.end)
        if not person or mention.kind != "name":
            continue
        window: list[Token] = []
        k = tokens.index(person[0].start) - 1
        while k >= 0 and len(window) < MAX_TITLE_TOKENS and tokens.items[k].pos not in _STOP_POS \
                and tokens.sentence[k] == tokens.sentence[k + 1] \
                and "\n" not in doc.text[tokens.items[k].end:tokens.items[k + 1].start] \
                and not _inside_name(tokens.items[k], names):
            window.insert(0, tokens.items[k])
            k -= 1
        if not any(t.pos == "NOUN" and t.feats.get("Animacy") == "Anim" and _agrees(t, person)
                   for t in window):
            continue
        countries = {c for n in range(1, 4) for i in range(len(window) - n + 1)
                     if (c := country_of(" ".join(t.text for t in window[i:i + n]), res))
                     and country_kind(" ".join(t.text for t in window[i:i + n]), res) != "capital"}
        if len(countries) == 1:
            return dataclasses.replace(ent, country=countries.pop())
    return ent


def resolve_roles(doc: Document, res: Resources) -> Document:
    """Attach to each person the titles written next to its mentions, as
    `Role`s with offsets, nominative `name`, `country` and `sector`; the
    person takes its country and sector from its first roles that give them."""
    if not doc.entities:
        return doc
    tokens = TokenIndex(doc)
    names = frozenset((m.start, m.end) for e in doc.entities if e.type == "PER"
                      for m in e.mentions)
    entities = tuple(_known(_with_roles(e, doc, tokens, res, names), res) if e.type == "PER" else e
                     for e in doc.entities)
    return dataclasses.replace(doc, entities=entities)


def _known(ent: Entity, res: Resources) -> Entity:
    """A well-known figure of people.tsv: with no country from the article,
    the table's (`Путин и Пашинян обсудили …`); a first name and surname
    left in another case by normalization, the table's spelling
    (`Садыру Жапарову` → `Садыр Жапаров`)."""
    row = people_index(res).known(ent.name)
    if row is None:
        return ent
    name = row["name"] if len(name_words(ent.name)) == len(row["name"].split()) == 2 else ent.name
    if ent.country:
        return dataclasses.replace(ent, name=name)
    return dataclasses.replace(ent, name=name, country=row["country"], sector=ent.sector or row["sector"] or None)
