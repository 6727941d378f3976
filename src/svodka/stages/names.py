"""Person names: a name put in the nominative word by word (`Джулиана
Ассанжа` → `Джулиан Ассанж`, `с Уильямом Фридкином` → `Уильям Фридкин`),
which person seen before a name is a form, part or spelling of (`Борис
Николаевич`, `Гари` / `Гарри`, `Сааакашвили`), and the name a person's
chain goes by, chosen across all its mentions (`Андреа Падован`).
`stages/entities.py` calls these while grouping spans into entities.
"""
from __future__ import annotations

import functools
import re
from typing import Sequence

from ..document import Token
from .lexicon import _CASES, _like, _morph, same_name_word


_NAME_GRAMS = {"Name", "Surn", "Patr"}


@functools.lru_cache(maxsize=4096)
def is_female_first_name(word: str) -> bool:
    """`Галина`, `Элис`: a woman's first name in the nominative, as the
    morphology knows first names."""
    return any(p.tag.case == "nomn" and "Name" in p.tag.grammemes and p.tag.gender == "femn"
               for p in _morph().parse(word) if p.is_known)


@functools.lru_cache(maxsize=16384)
def is_known_word(word: str) -> bool:
    """The dictionary knows `word` (in any form), as against guessing it."""
    return any(p.is_known for p in _morph().parse(word))


def person_nominative(tokens: Sequence[Token], text: str, fallback: str = "",
                      before: Token | None = None) -> str:
    """A person's name in the nominative, word by word: each word takes the
    parse of its case and gender, preferring first names, surnames and
    patronymics (`Джулиана Ассанжа` → `Джулиан Ассанж`); initials and
    words already in the nominative stay. A foreign name the dictionary
    does not know loses its case ending when the case is evident (see
    `_is_case_evident`; `с Уильямом Фридкином` → `Уильям Фридкин`). A word
    left unchanged takes the word of `fallback` (Natasha's normal form)
    where that has as many words. `before`: the token before the name."""
    words = []
    name_gender = _first_name_gender(tokens[0].text) if len(tokens) > 1 else None
    for tok in tokens:
        word = tok.text
        case = _CASES.get(tok.feats.get("Case", ""))
        # one person, one gender: a known first name's wins over the tagger's guess
        gender = name_gender or {"Masc": "masc", "Fem": "femn"}.get(tok.feats.get("Gender", ""))
        if case and case != "nomn" and (word[:1].isupper() and len(word) > 2 and word.isalpha()
                                        or "-" in word):
            is_surname = tok is tokens[-1] and len(tokens) > 1
            evident = _is_case_evident(tok, case, tokens, before)
            word = "-".join(_word_nominative(part, case, gender, tok is tokens[0], is_surname, evident)
                            for part in word.split("-"))
            word = _like(tok.text, word)
        words.append(word)
    other = fallback.split()
    if len(other) == len(words):
        words = [o if w == t.text and o.replace("е", "ё") != w.replace("е", "ё") else w
                 for w, o, t in zip(words, other, tokens)]
    out = [words[0]] if words else []
    for prev, tok, word in zip(tokens, tokens[1:], words[1:]):
        out.append(text[prev.end:tok.start] + word)
    return "".join(out)


# A pure function of its arguments and the dictionary, asked again for each
# mention of a name: memoized, as pymorphy's inflection is costly.
@functools.lru_cache(maxsize=65536)
def _word_nominative(word: str, case: str, gender: str | None, is_first: bool,
                     is_surname: bool, is_evident: bool) -> str:
    """One word (or hyphen part) of a name in the nominative; see `person_nominative`."""
    from pymorphy3.analyzer import Parse
    if len(word) < 2 or not word.isalpha():
        return word
    if gender == "femn" and word[-1].lower() not in "аяиыуюеойь":
        return word      # `Людмилы Линик`: female surnames in a consonant stay
    cases = {case, "gent"} if case == "accs" else {case}   # animate accusative
    # `Данилы Поперечного`: a surname may be an adjective (`поперечный`)
    parses = [p for p in _morph().parse(word) if p.tag.case in cases
              and p.tag.POS in ("NOUN", "ADJF") and (not gender or p.tag.gender in (gender, None))
              and (p.tag.POS == "NOUN" or "Surn" in p.tag.grammemes
                   or is_surname and p.is_known)]
    if not parses and is_first:   # the tagger's gender may follow a title: `премьера Джулию`
        # one person's name is singular: `Ким` is no plural of `Кима`
        parses = [p for p in _morph().parse(word) if p.tag.case in cases
                  and p.is_known and "Name" in p.tag.grammemes and p.tag.number != "plur"]
    if not parses:
        # the tagger's gender or case may be wrong where the word's own
        # ending is not: `с Шакирой` (a man, it says), `А. Илюшкиным` (genitive)
        named = [p for p in _morph().parse(word) if p.tag.case not in ("nomn", None)
                 and p.tag.number != "plur" and _NAME_GRAMS & set(p.tag.grammemes)
                 and (p.tag.case in cases or "Surn" in p.tag.grammemes
                      and (not gender or p.tag.gender in (gender, None)))]
        forms = {f.word for p in named if (f := Parse.inflect(p, {"nomn"})) is not None}
        # and only to take an ending off: `Али` may be `Аля`'s genitive, or not
        parses = named[:1] if len(forms) == 1 and len(next(iter(forms))) < len(word) else []
    parses.sort(key=lambda p: (not (_NAME_GRAMS & set(p.tag.grammemes)), not p.is_known, -p.score))
    form = Parse.inflect(parses[0], {"nomn"}) if parses else None
    # a guessed parse may only take an ending off (`Ассанжа` → `Ассанж`)
    if form is not None and (parses[0].is_known or len(form.word) < len(word)):
        return form.word
    if is_evident and not any(p.is_known for p in _morph().parse(word)):
        return _without_case_ending(word, case, gender) or word
    return word


@functools.lru_cache(maxsize=4096)
def _first_name_gender(word: str) -> str | None:
    """`masc` or `femn` when the dictionary knows `word` as a first name of
    that gender only (`Галине`), else None (`Андреа`, `Саша`)."""
    genders = {p.tag.gender for p in _morph().parse(word) if p.is_known and "Name" in p.tag.grammemes}
    return genders.pop() if len(genders) == 1 and genders <= {"masc", "femn"} else None


# Case endings of a man's name unknown to the dictionary (`Фридкином`,
# `Локхарту`, `Ыном`), and the stems of Russian surnames that take `-ым`.
_MASC_ENDINGS = {"gent": ("а",), "accs": ("а",), "datv": ("у",), "ablt": ("ом", "ым"), "loct": ("е",)}
_SURNAME_STEMS = ("ов", "ев", "ин", "ын")


def _without_case_ending(word: str, case: str, gender: str | None) -> str | None:
    """A man's name without its case ending (`Фридкином` → `Фридкин`), a
    woman's `-ова`/`-ина` surname back in `-а` (`Илюшкиной` → `Илюшкина`);
    None when the word does not end so."""
    low = word.lower()
    if gender == "femn":
        stem = low[:-2] if low.endswith("ой") and case != "accs" else low[:-1] if low.endswith("у") else ""
        return word[:len(stem)] + "а" if stem.endswith(_SURNAME_STEMS) else None
    for ending in _MASC_ENDINGS.get(case, ()):
        stem = low[:-len(ending)]
        if low.endswith(ending) and len(stem) >= 2 and stem[-1] not in "аеёиоуыэюяьъй" \
                and (ending != "ым" or stem.endswith(_SURNAME_STEMS)):
            return word[:len(stem)]
    return None


def _is_case_evident(tok: Token, case: str, name: Sequence[Token], before: Token | None) -> bool:
    """The name is in the oblique `case` beyond the tagger's guess: after a
    preposition, after a person noun in that case (`министра Доминика Рааба`),
    or with another word of it that the dictionary knows only in that case
    (`Уильямом`)."""
    # a person noun agrees with the name it stands before; a thing's does not
    # (`пистолета Беретта`)
    if before is not None and before.end <= name[0].start and (
            before.pos == "ADP" or before.pos == "NOUN" and before.feats.get("Animacy") == "Anim"
            and _CASES.get(before.feats.get("Case", "")) == case):
        return True
    for other in name:
        if other is tok:
            continue
        known = [p for p in _morph().parse(other.text) if p.is_known and _NAME_GRAMS & set(p.tag.grammemes)]
        if known and all(p.tag.case != "nomn" for p in known) and any(p.tag.case == case for p in known):
            return True
    return False


@functools.lru_cache(maxsize=65536)
def _folded_words(name: str) -> tuple[str, ...]:
    return tuple(name.lower().replace("ё", "е").split())


def _name_words(name: str) -> list[str]:
    """The words of a name, lower case, ё→е (split once per name)."""
    return list(_folded_words(name))


def same_person(groups: list[dict], words: list[str]) -> dict | None:
    """The person whose name this one is a form or part of: a bare surname or
    first name (`Лукашенко`, `Виктора`), a name with the same words, or a
    part in order (`Борис Николаевич` of `Борис Николаевич Ельцин`). A
    surname beats a first name (`Уильямс` is `Джеффри Уильямс`, not `Уильям
    Макартур`) and the same word beats a form of it; among equals, the one
    named last."""
    best, best_rank = None, 4
    # Every way of matching below pairs a word with one of the same first
    # two letters (`same_name_word` shares three, `same_stem` two): other
    # people are passed over unread.
    starts = {w[:2] for w in words}
    for group in reversed(groups):
        if group["type"] != "PER":
            continue
        other = _name_words(group["name"])
        if not any(o[:2] in starts for o in other):
            continue
        short, long_ = sorted((words, other), key=len)
        if len(short) == 1:
            word = short[0]
            at = [i for i, o in enumerate(long_) if same_name_word(word, o)]
            if not at:
                continue
            # 0: the surname itself, 1: a form of it, 2: another word, 3: a form of it
            rank = (0 if at[-1] == len(long_) - 1 else 2) + (word not in long_)
        elif len(short) == len(long_) and all(same_name_word(a, b) or same_stem(a, b)
                                              for a, b in zip(short, long_)):
            rank = 0    # `Бесселю Коку`, `Бессель Кок`: short words keep their endings too
        elif _is_part_in_order(short, long_):
            rank = 1
        else:
            continue
        if rank < best_rank:
            best, best_rank = group, rank
    return best or _by_first_name_and_patronymic(groups, words)


@functools.lru_cache(maxsize=4096)
def _is_patronymic(word: str) -> bool:
    """The dictionary knows `word` as a patronymic and not as a surname
    (`Марковны`, `Николаевич`; not `Милошевич`)."""
    grams = [set(p.tag.grammemes) for p in _morph().parse(word) if p.is_known]
    return any("Patr" in g for g in grams) and not any("Surn" in g for g in grams)


def _by_first_name_and_patronymic(groups: list[dict], words: list[str]) -> dict | None:
    """`Людмила Марковна` is the one person named before whose first name
    is `Людмила` (`Людмила Гурченко`); None when two are."""
    if len(words) != 2 or not _is_patronymic(words[1]):
        return None
    found = [g for g in groups if g["type"] == "PER" and len(g["name"].split()) >= 2
             and same_name_word(g["name"].lower().replace("ё", "е").split()[0], words[0])]
    return found[0] if len(found) == 1 else None


def _is_part_in_order(short: list[str], long_: list[str]) -> bool:
    """Every word of `short` (two or more, no initials) is a form of a word
    of `long_`, in the same order."""
    if len(short) < 2 or any(w.endswith(".") for w in short):
        return False
    k = 0
    for word in short:
        while k < len(long_) and not same_name_word(word, long_[k]):
            k += 1
        if k == len(long_):
            return False
        k += 1
    return True


def spelling_variant(groups: list[dict], words: list[str]) -> dict | None:
    """The one person already seen with the same surname and a first name
    spelt nearly alike (`Гари` / `Гарри`) or given as its initial (`Г.`),
    or with the same first name and a long surname misspelt by one letter
    (`Сааакашвили`); None when another person fits too (two Каспаровs)."""
    if len(words) < 2:
        return None
    people = [(g, _name_words(g["name"])) for g in groups
              if g["type"] == "PER" and len(g["name"].split()) >= 2]
    namesakes = [(g, other) for g, other in people if same_name_word(other[-1], words[-1])]
    if not namesakes and len(words[-1]) >= 7:
        namesakes = [(g, other) for g, other in people if one_letter_apart(other[-1], words[-1])
                     and same_name_word(other[0], words[0])]
        words = words[:-1] + [namesakes[0][1][-1]] if len(namesakes) == 1 else words
    if len(namesakes) != 1:
        return None
    group, other = namesakes[0]
    short, long_ = sorted((words, other), key=len)
    # the shorter name's other words are among the longer's: `Олег Попов` is
    # `Олег Константинович Попов`, `Хамад бен Джасем Аль Тани` not `Хамад бен Халиф …`
    if not all(any(same_name_word(w, o) for o in long_[1:]) for w in short[1:]):
        return None
    return group if _alike_first_names(other[0], words[0]) else None


def _alike_first_names(a: str, b: str) -> bool:
    """One letter added, dropped or changed (`гари` / `гарри`), or an
    initial of the other (`г.` / `гарри`)."""
    a, b = a.rstrip("."), b.rstrip(".")
    if min(len(a), len(b)) == 1:
        return a[0] == b[0]
    return min(len(a), len(b)) >= 3 and one_letter_apart(a, b)


def one_letter_apart(a: str, b: str) -> bool:
    """One letter added, dropped or changed."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) <= 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def with_written_words(name: str, written: list[str]) -> str:
    """A person's surname (or first name) we put into the nominative
    ourselves takes the form the text itself writes in the nominative when
    that only drops a case ending we left on: `Грегори Ваент Фолла` with
    `Фолл был найден` → `Грегори Ваент Фолл` (foreign names the morphology
    does not know)."""
    parts = re.split(r"(\s+)", name)      # words at even places, the spaces kept
    words = parts[::2]
    # `Галина Шакурова` keeps her surname's ending whatever `Шакуров` says
    # (a Russian woman's `-ова`, `-ина`; `Андреа Падована` is `Андреа Падован`)
    female = len(words) > 1 and is_female_first_name(words[0]) \
        and words[-1].lower().endswith(("ова", "ева", "ёва", "ина", "ына", "ая"))
    for other in written:
        theirs = other.split()
        pairs = [(-1, -1)] + ([(0, 0)] if len(theirs) > 1 and len(words) > 1 else [])
        for i, j in pairs:
            ours, form = words[i].lower().replace("ё", "е"), theirs[j].lower().replace("ё", "е")
            if len(form) < len(ours) and same_name_word(ours, form) and not (female and i == -1):
                words[i] = theirs[j]
    parts[::2] = words
    return "".join(parts)


def chain_name(name: str, names: list[str], written: set[str], nominatives: set[str]) -> str:
    """A person's name with each word in the shortest of the forms the
    chain's normal names give it (`Антонеллой` / `Антонелла`, `Ына` /
    `Ын`): a case ending we left on. Only a form the text itself writes
    may drop a final `а`/`я` (`Андреа Падована` with `Андреа Падован`;
    `Кейта`, `Абрамова` stay), and a Russian woman's surname keeps its
    ending (`Галина Шакурова`). `written`: the words of the mentions;
    `nominatives`: those of the mentions the tagger reads as nominatives."""
    parts = re.split(r"(\s+)", name)
    words = parts[::2]
    female = len(words) > 1 and is_female_first_name(words[0]) \
        and words[-1].lower().endswith(("ова", "ева", "ёва", "ина", "ына", "ая"))
    seen = {w for other in names for w in other.split()} | written
    for i, word in enumerate(words):
        if word.endswith(".") or female and i == len(words) - 1:
            continue
        key = word.lower().replace("ё", "е")
        forms = [w for w in seen if len(w) < len(word) and w[:1].isupper() == word[:1].isupper()
                 and same_stem(w.lower().replace("ё", "е"), key)
                 and (w in written or key[:-1] != w.lower().replace("ё", "е") or key[-1] not in "ая")]
        if forms:
            words[i] = min(forms, key=len)
        # a word the dictionary does not know that we cut or left in a case the
        # text also writes as a nominative: `Роналду` (not `Роналд`), `Мандела`
        # (not `Манделы`)
        if words[i] not in nominatives and not is_known_word(words[i]):
            words[i] = next((w for w in nominatives if same_stem(w.lower(), words[i].lower())
                             and (len(w) > len(words[i]) and words[i] not in written
                                  or len(w) == len(words[i]))), words[i])
    parts[::2] = words
    return "".join(parts)


# What follows a name's stem in its case forms: `Антонелл|а`, `Антонелл|ой`.
_CASE_TAILS = frozenset(("", "а", "я", "у", "ю", "е", "и", "ы", "ь", "й", "ой", "ей", "ом", "ем",
                         "ым", "им", "ою", "ую", "юю", "ая", "яя", "ий", "ый", "ого", "его",
                         "ому", "ему"))


def same_stem(a: str, b: str) -> bool:
    """Two case forms of one name word: past their common stem (two letters
    or more) both go on with a case ending (`ын` / `ына`, `антонелла` /
    `антонеллой`); `гари` / `гарри` are two spellings."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n >= 2 and a[n:] in _CASE_TAILS and b[n:] in _CASE_TAILS
