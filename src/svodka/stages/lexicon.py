"""Word-level helpers shared by the entity and role stages: lemma keys,
putting a phrase into the nominative, abbreviations, and the indexes of
`organisations.tsv` and `roles.tsv` (built once per `Resources`)."""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import Mapping, Sequence

from ..document import Document, Token
from ..models import load_models
from ..resources import Resources

_CASES = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs",
          "Ins": "ablt", "Loc": "loct"}
# An all-capitals abbreviation with a Russian case ending: `МИДа`, `БЕЛАЗе`.
_ABBR_ENDING = re.compile(r"^([A-ZА-ЯЁ][A-ZА-ЯЁ0-9-]*[A-ZА-ЯЁ0-9])(а|у|е|ом|ой|ы|ов|ам|ами|ах|и)$")
_FUNCTION_POS = {"PREP", "CONJ", "PRCL"}


class TokenIndex:
    """All tokens of a document in order, found by character offset."""

    def __init__(self, doc: Document):
        self.items: list[Token] = [t for s in doc.sentences for t in s.tokens]
        self.sentence: list[int] = [n for n, s in enumerate(doc.sentences) for _ in s.tokens]
        self.starts = [t.start for t in self.items]

    def within(self, start: int, end: int) -> list[Token]:
        """The tokens lying inside [start, end)."""
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.items) and self.items[i].end <= end:
            out.append(self.items[i])
            i += 1
        return out

    def index(self, start: int) -> int:
        """Index of the first token starting at or after `start`."""
        return bisect.bisect_left(self.starts, start)


def _morph():
    return load_models().morph_vocab


@functools.lru_cache(maxsize=65536)
def lemma_key(word: str) -> str:
    """The dictionary form of a word by its likeliest parse, lower case, ё→е:
    the same key for `Шанхайской` and `Шанхайская`."""
    word = word.lower().replace("ё", "е")
    if not any(c.isalpha() for c in word):
        return word
    parses = _morph().parse(word)
    return parses[0].normal_form.replace("ё", "е") if parses else word


_PROPER = {"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr"}


@functools.lru_cache(maxsize=16384)
def is_common_word(word: str) -> bool:
    """True for a dictionary word with no proper-name reading (`Вчера`,
    `Двоюродная`, `Вы`): capitalized at a sentence start, not a name."""
    if not word.isalpha() or word.isupper():
        return False
    parses = _morph().parse(word.lower())
    return bool(parses) and parses[0].is_known \
        and not any(_PROPER & set(p.tag.grammemes) for p in parses)


def same_name_word(a: str, b: str) -> bool:
    """Two forms of one name word (lower case, ё→е), when normalization
    missed a case ending: `радда` / `радд`, `обамы` / `обама`."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 4 and len(long_) - len(short) <= 2 and long_.startswith(short[:-1]) \
        and (long_.startswith(short) or len(long_) == len(short))


@functools.lru_cache(maxsize=65536)
def is_abbreviation(text: str) -> bool:
    """`ШОС`, `ЦК КПК`, `ICAN`: capital letters (and digits), no long words."""
    letters = [c for c in text if c.isalpha()]
    return (2 <= len(letters) <= 12 and all(c.isupper() for c in letters)
            and all(len(w) <= 8 for w in text.split()))


def strip_abbreviation_ending(text: str) -> str:
    """`МИДа` → `МИД`, `БЕЛАЗе` → `БЕЛАЗ`; other text unchanged."""
    m = _ABBR_ENDING.match(text)
    return m.group(1) if m and len(m.group(1)) >= 2 else text


@functools.lru_cache(maxsize=65536)
def acronym(name: str) -> str:
    """Initial capitals of a name's content words: `Шанхайская организация
    сотрудничества` → `ШОС` (prepositions and conjunctions left out)."""
    words = [w for w in re.split(r"[\s-]+", name)
             if w and not (w.islower() and _morph().parse(w)[0].tag.POS in _FUNCTION_POS)]
    return "".join(w[0].upper() for w in words if w[0].isalpha()) if len(words) > 1 else ""


# --- the nominative -------------------------------------------------------------

def _parse_in_case(token: Token):
    case = _CASES.get(token.feats.get("Case", ""))
    parses = _morph().parse(token.text)
    for p in parses:
        if case and p.tag.case == case and p.tag.POS in ("NOUN", "ADJF", "PRTF"):
            return p
    for p in parses:
        if p.tag.POS in ("NOUN", "ADJF", "PRTF"):
            return p
    return None


def _like(original: str, word: str) -> str:
    """`word` written with the capitals of `original`."""
    if word.lower() == original.lower():
        return original
    if original.isupper() and len(original) > 1:
        return word.upper()
    parts_o, parts_w = original.split("-"), word.split("-")
    if len(parts_o) == len(parts_w):
        return "-".join(w[:1].upper() + w[1:] if o[:1].isupper() else w
                        for o, w in zip(parts_o, parts_w))
    return word[:1].upper() + word[1:] if original[:1].isupper() else word


def nominative(tokens: Sequence[Token], text: str) -> str:
    """A name in the nominative: its leading adjectives and its first noun
    are inflected, what depends on them stays (`Мажилиса парламента` →
    `Мажилис парламента`, `Советского Союза` → `Советский Союз`). Spacing
    between words is kept."""
    if not tokens:
        return ""
    from pymorphy3.analyzer import Parse
    words = [t.text for t in tokens]
    if tokens[0].feats.get("Case", "Nom") != "Nom":
        adjectives, head = [], None
        for i, tok in enumerate(tokens):
            bare = strip_abbreviation_ending(tok.text)
            if bare != tok.text:
                words[i] = bare
                break
            parse = _parse_in_case(tok)
            if parse is None or tok.text.isupper() or not tok.text[:1].isalpha():
                break
            if parse.tag.POS == "NOUN":
                head = (i, parse)
                break
            adjectives.append((i, parse))
        if head is not None:
            i, parse = head
            form = Parse.inflect(parse, {"nomn"})
            if form is not None:
                words[i] = _like(tokens[i].text, form.word)
            grams = {"nomn", parse.tag.number or "sing"}
            if parse.tag.number != "plur" and parse.tag.gender:
                grams.add(parse.tag.gender)
            for i, adj in adjectives:
                form = Parse.inflect(adj, grams) or Parse.inflect(adj, {"nomn"})
                if form is not None:
                    words[i] = _like(tokens[i].text, form.word)
    out = [words[0]]
    for prev, tok, word in zip(tokens, tokens[1:], words[1:]):
        out.append(text[prev.end:tok.start] + word)
    return "".join(out)


# --- resource indexes --------------------------------------------------------

@dataclass(frozen=True)
class OrgIndex:
    """organisations.tsv indexed for lookup: short names as written, full names
    by their lemmas, and the most words a full name has."""
    short: Mapping[str, Mapping[str, str]]              # as written -> row
    names: Mapping[tuple[str, ...], Mapping[str, str]]  # lemma keys -> row
    longest: int                                        # most words in a name


@functools.cache
def org_index(res: Resources) -> OrgIndex:
    """organisations.tsv: short names as written, full names and aliases by
    the lemma keys of their words."""
    from razdel import tokenize
    short, names, longest = {}, {}, 1
    for row in res.table("organisations"):
        forms = [row["name"]] + [a for a in row["aliases"].split("|") if a]
        if row["short"]:
            if is_abbreviation(row["short"]):
                short.setdefault(row["short"], row)
            else:
                forms.append(row["short"])
        for form in forms:
            if not form:
                continue
            key = tuple(lemma_key(t.text) for t in tokenize(form))
            names.setdefault(key, row)
            longest = max(longest, len(key))
    return OrgIndex(short, names, longest)


@dataclass(frozen=True)
class RoleIndex:
    """roles.tsv indexed for lookup: titles by lemma, the bodies that qualify
    them, and the words that modify a title (`экс-`) or name a country."""
    titles: Mapping[str, Mapping[str, str]]     # title lemma -> row
    bodies: Mapping[str, str]                   # body lemma -> sector
    prefixes: tuple[str, ...] = ()              # `экс-`: a former holder
    institutions: frozenset[str] = frozenset()  # bodies that are organisations by themselves
    country_words: frozenset[str] = frozenset()  # `страна`: the country named before

    def title(self, lemma: str) -> Mapping[str, str] | None:
        """The roles.tsv row of a title lemma, a prefix like `экс-` allowed."""
        row = self.titles.get(lemma)
        for prefix in self.prefixes:
            if row is None and lemma.startswith(prefix):
                row = self.titles.get(lemma[len(prefix):])
        return row


@functools.cache
def role_index(res: Resources) -> RoleIndex:
    """roles.tsv split into titles (`президент`) and bodies (`мажилис`)."""
    titles, bodies, prefixes, institutions, country_words = {}, {}, [], set(), set()
    for row in res.table("roles"):
        lemma = row["lemma"].replace("ё", "е")
        if row["kind"] == "title":
            titles[lemma] = row
        elif row["kind"] == "prefix":
            prefixes.append(lemma)
        elif row["kind"] == "country":
            country_words.add(lemma)
        elif row["sector"]:
            bodies[lemma] = row["sector"]
            if row["kind"] == "institution":
                institutions.add(lemma)
    return RoleIndex(titles, bodies, tuple(prefixes), frozenset(institutions),
                     frozenset(country_words))


@functools.cache
def not_entities(res: Resources) -> frozenset[str]:
    """not_entities.tsv: surface forms that name no entity (`СМИ`)."""
    return frozenset(row["text"] for row in res.table("not_entities"))


# --- well-known people (people.tsv) -----------------------------------------

# A bare surname shorter than this is too ambiguous to stand for a person.
_SURNAME_LETTERS = 5


def _name_key(word: str) -> str:
    return word.lower().replace("ё", "е")


def _surname_forms(surname: str) -> set[str]:
    """The case forms of a surname key: `путин` → `путина`, `путиным`, …;
    `зеленский` → `зеленского`, …; `захарова` → `захаровой`, …; names
    ending in another vowel (`лукашенко`, `санду`) do not decline."""
    if surname[-2:] in ("ий", "ый", "ой"):
        stem = surname[:-2]
        return {surname} | {stem + e for e in ("ого", "ому", "им", "ом")}
    if surname.endswith("ая"):
        stem = surname[:-2]
        return {surname} | {stem + e for e in ("ой", "ую")}
    if surname.endswith("а"):
        stem = surname[:-1]
        return {stem + e for e in ("а", "ы", "е", "у", "ой", "ою")}
    if surname[-1] in "еиоуыэюяй":
        return {surname}
    return {surname + e for e in ("", "а", "у", "ом", "ым", "е")}


@dataclass(frozen=True)
class PeopleIndex:
    """people.tsv indexed by surname key, and the case forms of bare surnames,
    for `known(name)`."""
    by_surname: Mapping[str, tuple[Mapping[str, str], ...]]   # surname key -> rows
    forms: Mapping[str, str]     # case form of a bare surname -> surname key

    def known(self, name: str) -> Mapping[str, str] | None:
        """The people.tsv row of the person `name` (a nominative name, or a
        bare surname), when it is one of them and no other row with the
        same names has another country."""
        words = name_words(name)
        if not words:
            return None
        rows = self.by_surname.get(words[-1]) or self.by_surname.get(self.forms.get(words[-1], ""), ())
        if len(words) > 1:
            # every other word a first name of the row (or its initial), or a patronymic
            rows = tuple(r for r in rows if all(
                g.endswith(_PATRONYMIC) or any(_same_given(g, w) for w in _name_key(r["name"]).split()[:-1])
                for g in words[:-1]))
        elif len(words[-1]) < _SURNAME_LETTERS:
            return None
        return rows[0] if rows and len({r["country"] for r in rows}) == 1 else None

    def surname(self, word: str) -> str | None:
        """The surname key a capitalised word is a case form of, if any."""
        return self.forms.get(_name_key(word)) if word[:1].isupper() else None


_PATRONYMIC = ("вич", "вна", "ична", "оглы", "кызы", "улы")


def name_words(name: str) -> list[str]:
    """The words of a person's name as people.tsv compares them (lower
    case, ё as е, an initial apart: `А.Лукашенко` → `а.`, `лукашенко`)."""
    return [_name_key(w) for w in name.replace(".", ". ").split()]


def _same_given(a: str, b: str) -> bool:
    """A first name and another, or its initial (`в.` for `владимир`)."""
    if a.endswith(".") and len(a) == 2:
        return b.startswith(a[0])
    return same_name_word(a, b)


@functools.cache
def people_index(res: Resources) -> PeopleIndex:
    """people.tsv by surname, and the case forms of the longer surnames."""
    by_surname: dict[str, list[Mapping[str, str]]] = {}
    for row in res.table("people"):
        by_surname.setdefault(_name_key(row["name"].split()[-1]), []).append(row)
    forms = {form: key for key in by_surname if len(key) >= _SURNAME_LETTERS
             for form in _surname_forms(key)}
    return PeopleIndex({k: tuple(v) for k, v in by_surname.items()}, forms)


# --- transliteration ------------------------------------------------------------

# Consonants by sound: a Cyrillic name's skeleton, and what each Latin letter
# (or pair) may be written as in Russian (`Facebook` / `Фэйсбук`,
# `Corriere della Sera` / `Кориера делла Сера`, `FIDE` / `ФИДЕ`). Vowels,
# `й`, `ь`, `ъ` carry no weight; a doubled letter counts once.
_CYRILLIC_SOUNDS = {"б": "b", "в": "v", "г": "g", "д": "d", "ж": "ʒ", "з": "z", "к": "k", "л": "l",
                    "м": "m", "н": "n", "п": "p", "р": "r", "с": "s", "т": "t", "ф": "f", "х": "h",
                    "ц": "c", "ч": "č", "ш": "š", "щ": "š", "ʤ": "ʤ"}
_LATIN_SOUNDS = (("sch", "š"), ("tch", "č"), ("ch", "(č|k|š|h)"), ("sh", "š"), ("th", "t"), ("ph", "f"),
                 ("ck", "k"), ("gh", "g?"), ("kh", "h"), ("zh", "ʒ"), ("tz", "c"), ("ts", "c"),
                 ("dg", "ʤ"), ("b", "b"), ("c", "(k|s|c)"), ("d", "d"), ("f", "f"), ("g", "(g|ʤ)"),
                 ("h", "h?"), ("j", "(ʤ|ʒ)?"), ("k", "k"), ("l", "l"), ("m", "m"), ("n", "n"),
                 ("p", "p"), ("q", "k"), ("r", "r"), ("s", "(s|z)"), ("t", "t"), ("v", "v"),
                 ("w", "v?"), ("x", "ks"), ("z", "(z|c|s)"))


def _sound_skeleton(cyrillic: str) -> str:
    word = re.sub(r"(.)\1", r"\1", cyrillic.lower()).replace("дж", "ʤ")
    return "".join(_CYRILLIC_SOUNDS[c] for c in word if c in _CYRILLIC_SOUNDS)


@functools.lru_cache(maxsize=16384)
def _latin_pattern(latin: str) -> re.Pattern | None:
    word = re.sub(r"([a-z])\1", r"\1", re.sub(r"[^a-z]", "", latin.lower()))
    parts, i = [], 0
    while i < len(word):
        for letters, sound in _LATIN_SOUNDS:
            if word.startswith(letters, i):
                parts.append(sound)
                i += len(letters)
                break
        else:
            i += 1      # a vowel or `y`
    return re.compile("".join(parts)) if len(parts) >= 3 else None


def is_transliteration(latin: str, cyrillic: str) -> bool:
    """`cyrillic` spells the Latin-script name `latin` in Russian letters:
    the same consonants in order, as Russian writes their sounds (three at
    least, so short names never match by chance)."""
    if not latin.isascii() or re.search(r"[a-zA-Z]", cyrillic) or len(latin.split()) != len(cyrillic.split()):
        return False
    pattern = _latin_pattern(latin)
    return pattern is not None and pattern.fullmatch(_sound_skeleton(cyrillic)) is not None
