"""Add an `Amount` for each sum of money or percentage stated in the text.

The stage reads `doc.text` only (not the parse), so it also runs on documents
that never went through the models. Words come from two resource tables:
`numbers.tsv` (numerals, scales such as `млн`, range words) and
`currencies.tsv` (currency nouns, their adjectives and symbols, percent words).

An amount is, within one line:

    [symbol] NUMBER [SCALE ...] [UNIT]          $300 млн · 2,5 млрд рублей · 50 %
    NUMBER [SCALE] RANGE NUMBER [SCALE] UNIT    от 5 до 10 % · 50-70 млн рублей
    SCALE_ONE UNIT                              миллиарду долларов

where UNIT is `[adjective] noun [suffix]` (белорусских рублей, долларов США),
a symbol (`%`, `$`, `USD`) or `-compound` (50-процентный). A number without a
unit (years, dates, ages, counts of people) is never an amount. Words before
the number (`около`, `более`) are not part of the amount's text or value.
"""
from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from ..document import Amount, Document
from ..resources import Resources

# Digits (ASCII only: other scripts' digits are not amounts), words, or any
# other single character.
_TOKEN = re.compile(r"&nbsp;|[0-9]+|[^\W\d_]+|\S")
# Characters that may separate groups of three digits: 1 500 000.
_GROUP_SPACES = frozenset(" \u00a0\u202f\u2009")
# A number with more digits is not an amount (and would not survive a JSON
# round trip as a float).
_MAX_DIGITS = 15
# Dashes that join a range when written without spaces (38–56%); the
# hyphen-minus joins one with or without spaces (50 - 70 %).
_HYPHEN = "-"
_DASHES = frozenset("‐‑‒–—")
# A range that starts with a bare 4-digit number in this span is a year
# followed by something else (в 2009 — 15 %), not a range of amounts.
_YEARS = range(1800, 2101)
_MONEY_AND_PERCENT = frozenset({"noun", "adjective", "symbol", "compound"})
# Web addresses are skipped: their %-escapes (%D0%BE) look like percentages.
_URL = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)\S+", re.IGNORECASE)
# HTML's non-breaking space left in a text (75&nbsp;%) separates like a space.
_NBSP_ENTITY = "&nbsp;"


@dataclass(frozen=True, slots=True)
class _Word:
    """One lexicon entry: `kind` is the resource's kind column."""
    kind: str
    value: Decimal | None = None    # numerals and scales
    code: str = ""                  # units: ISO 4217 or "%"
    factor: Decimal = Decimal(1)    # units: копейка = 0.01
    lemma: str = ""                 # units: the noun an adjective/suffix belongs to


class _Tok(NamedTuple):
    """One token; a named tuple, as a text has tens of thousands of them."""
    text: str
    start: int
    end: int
    norm: str           # lower case, ё as е

    @property
    def is_digits(self) -> bool:
        return self.text.isascii() and self.text.isdigit()

    @property
    def is_word(self) -> bool:
        return self.text[0].isalpha()


@dataclass(frozen=True, slots=True)
class _Core:
    """A number with its scales, before its unit: tokens [first, stop)."""
    number: Decimal
    scale: Decimal | None
    first: int
    stop: int

    @property
    def value(self) -> Decimal:
        return self.number * (self.scale or 1)


@dataclass(frozen=True, slots=True)
class _Unit:
    code: str
    factor: Decimal
    stop: int           # token index after the unit


def _norm(word: str) -> str:
    return word.lower().replace("ё", "е")


def _key(form: str) -> tuple[str, ...]:
    return tuple(_norm(m.group()) for m in _TOKEN.finditer(form))


@functools.cache
def _lexicon(res: Resources) -> tuple[dict[tuple[str, ...], tuple[_Word, ...]],
                                      dict[str, tuple[int, ...]]]:
    """All forms of both tables as token tuples -> entries, and for each first
    token of a form the lengths in tokens of the forms it starts, longest first."""
    words: dict[tuple[str, ...], list[_Word]] = {}

    def add(forms: str, word: _Word) -> None:
        for form in forms.split("|"):
            if form.strip():
                words.setdefault(_key(form), []).append(word)

    for row in res.table("numbers"):
        value = Decimal(row["value"]) if row["value"] else None
        add(row["forms"], _Word(row["kind"], value=value))
    for row in res.table("currencies"):
        add(row["forms"], _Word(row["kind"], code=row["code"],
                                factor=Decimal(row["factor"] or 1), lemma=row["lemma"]))
    lengths: dict[str, set[int]] = {}
    for key in words:
        lengths.setdefault(key[0], set()).add(len(key))
    return ({k: tuple(v) for k, v in words.items()},
            {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()})


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(word, *m.span(), _norm(word))
            for m in _TOKEN.finditer(text) if (word := m.group()) != _NBSP_ENTITY]


class _Scanner:
    """Reads amounts from the token list of one text, left to right."""

    def __init__(self, text: str, res: Resources):
        self.text = text
        self.toks = _tokens(text)
        self.words, self.lengths = _lexicon(res)

    # --- token helpers ---------------------------------------------------

    def gap(self, i: int) -> str | None:
        """Text between token i-1 and token i; None if there is no such pair."""
        if i <= 0 or i >= len(self.toks):
            return None
        return self.text[self.toks[i - 1].end:self.toks[i].start]

    def joined(self, i: int) -> bool:
        """Tokens i-1 and i are on one line with at most spaces between."""
        gap = self.gap(i)
        if gap is None:
            return False
        gap = gap.replace(_NBSP_ENTITY, " ")
        return gap == "" or (gap.isspace() and "\n" not in gap and "\r" not in gap)

    def adjacent(self, i: int) -> bool:
        return self.gap(i) == ""        # tokens i-1 and i touch

    def match(self, i: int, kinds: frozenset[str] | set[str]) -> tuple[tuple[_Word, ...], int]:
        """The longest form starting at token i with an entry of `kinds`:
        (those entries, index after the form), or ((), i)."""
        if i >= len(self.toks):
            return (), i
        for n in self.lengths.get(self.toks[i].norm, ()):
            if n > len(self.toks) - i or not all(
                    self.adjacent(i + k) if self.toks[i + k].text == "." else self.joined(i + k)
                    for k in range(1, n)):
                continue
            found = self.words.get(tuple(t.norm for t in self.toks[i:i + n]), ())
            found = tuple(w for w in found if w.kind in kinds)
            if found:
                return found, i + n
        return (), i

    def glued(self, i: int) -> bool:
        """Token i continues a word or number (Ту-154, 31.12.2008), so a number
        there does not start an amount."""
        if not self.adjacent(i):
            return False
        prev = self.toks[i - 1]
        if prev.is_word or prev.is_digits:
            return True
        return prev.text in ".,-/:" and self.adjacent(i - 1) and (
            self.toks[i - 2].is_word or self.toks[i - 2].is_digits)

    # --- numbers ---------------------------------------------------------

    def digits(self, i: int, commas_group: bool) -> tuple[Decimal, int] | None:
        """A written number at token i: `1 500 000`, `2,5`, `11.29`, and with
        `commas_group` (after `$`) also `635,000`."""
        toks, n = self.toks, len(self.toks)
        if i >= n or not toks[i].is_digits:
            return None
        whole, j = toks[i].text, i + 1
        if len(whole) <= 3:
            while (j < n and toks[j].is_digits and len(toks[j].text) == 3
                   and self.gap(j) in _GROUP_SPACES):
                whole, j = whole + toks[j].text, j + 1
            while (commas_group and j + 1 < n and toks[j].text == ","
                   and self.adjacent(j) and self.adjacent(j + 1)
                   and toks[j + 1].is_digits and len(toks[j + 1].text) == 3
                   and not self.scale(j + 2)):
                whole, j = whole + toks[j + 1].text, j + 2
        fraction = ""
        if (j + 1 < n and toks[j].text in ",." and self.adjacent(j)
                and self.adjacent(j + 1) and toks[j + 1].is_digits):
            fraction, j = toks[j + 1].text, j + 2
            if (j + 1 < n and toks[j].text in ",.:" and self.adjacent(j)
                    and self.adjacent(j + 1) and toks[j + 1].is_digits):
                return None     # a date or a version: 31.12.2008, 1.2.3
        if j + 1 < n and toks[j].text in ":/" and self.adjacent(j) and toks[j + 1].is_digits:
            return None         # a time or a fraction: 12:30, 1/2
        if len(whole) + len(fraction) > _MAX_DIGITS:
            return None
        return Decimal(f"{whole}.{fraction}" if fraction else whole), j

    def numerals(self, i: int) -> tuple[Decimal, int] | None:
        """Number words at token i: `пять`, `двести пятьдесят`, `полтора`."""
        found, j = self.match(i, {"number"})
        if not found:
            return None
        total = last = found[0].value
        while last == last.to_integral_value() and j < len(self.toks) and self.joined(j):
            nxt, k = self.match(j, {"number"})
            if not nxt or nxt[0].value != nxt[0].value.to_integral_value():
                break
            place = 1
            while int(last) % (place * 10) == 0:
                place *= 10
            if last < 10 or nxt[0].value >= place:
                break
            total, last, j = total + nxt[0].value, nxt[0].value, k
        return total, j

    def scale(self, j: int) -> tuple[Decimal, int] | None:
        if j < len(self.toks) and self.joined(j):
            found, k = self.match(j, {"scale"})
            if found:
                return found[0].value, k
        return None

    def core(self, i: int, commas_group: bool = False) -> _Core | None:
        """A number and its scales at token i (`2,5 млрд`, `два миллиона
        триста тысяч`), or a singular scale alone (`миллиарду`)."""
        read = self.digits(i, commas_group) or self.numerals(i)
        if read is None:
            found, j = self.match(i, {"scale_one"})
            return _Core(Decimal(1), found[0].value, i, j) if found else None
        number, j = read
        scaled = self.scale(j)
        if scaled is None:
            return _Core(number, None, i, j)
        total, last, j = number * scaled[0], scaled[0], scaled[1]
        while j < len(self.toks) and self.joined(j):     # 2 млн 300 тыс.
            more = self.digits(j, False) or self.numerals(j)
            nxt = more and self.joined(more[1]) and self.scale(more[1])
            if not nxt or nxt[0] >= last:
                break
            total, last, j = total + more[0] * nxt[0], nxt[0], nxt[1]
        return _Core(total / last, last, i, j)

    # --- units -----------------------------------------------------------

    def unit(self, j: int) -> _Unit | None:
        """The unit right after a number, at token j (see the module docstring)."""
        toks = self.toks
        if j >= len(toks) or not self.joined(j):
            return None
        if toks[j].text == _HYPHEN and self.adjacent(j) and self.adjacent(j + 1):
            found, k = self.match(j + 1, {"compound"})
            return _Unit(found[0].code, found[0].factor, k) if found else None
        found, k = self.match(j, _MONEY_AND_PERCENT)
        if not found:
            return None
        kinds = {w.kind for w in found}
        if "noun" in kinds or "symbol" in kinds or "compound" in kinds:
            word = next(w for w in found if w.kind in ("noun", "symbol", "compound"))
            if word.kind == "noun":
                return self.suffixed(word, word.code, k)
            if not word.code or (k < len(toks) and self.adjacent(k)
                                 and (toks[k].is_word or toks[k].is_digits)):
                return None     # 5%D0: part of some code, not a percentage
            return _Unit(word.code, word.factor, k)
        # adjectives: the noun after them decides which one applies
        nouns, m = self.match(k, {"noun"}) if k < len(toks) and self.joined(k) else ((), k)
        if not nouns:
            return None
        noun = nouns[0]
        code = next((w.code for w in found if w.lemma == noun.lemma), noun.code)
        return self.suffixed(noun, code, m)

    def suffixed(self, noun: _Word, code: str, k: int) -> _Unit | None:
        """A noun unit with an optional suffix after it (долларов США)."""
        if k < len(self.toks) and self.joined(k):
            found, m = self.match(k, {"suffix"})
            suffix = next((w for w in found if w.lemma == noun.lemma), None)
            if suffix:
                return _Unit(suffix.code, noun.factor, m)
        return _Unit(code, noun.factor, k) if code else None

    def prefix(self, i: int) -> tuple[str, int] | None:
        """A currency symbol or code before a number: `$`, `US$`, `€`, `USD`."""
        found, j = self.match(i, {"symbol"})
        money = [w for w in found if w.code != "%"]
        if money and j < len(self.toks) and self.joined(j):
            return money[0].code, j
        return None

    def range_end(self, j: int, spaced_dash: bool = False) -> int | None:
        """Index of the second number of a range whose connector is at j;
        a dash with spaces around it joins a range only if `spaced_dash`."""
        toks = self.toks
        if j >= len(toks) or not self.joined(j):
            return None
        if toks[j].text == _HYPHEN or (toks[j].text in _DASHES and (spaced_dash or (
                self.adjacent(j) and j + 1 < len(toks) and self.adjacent(j + 1)))):
            k = j + 1
        else:
            found, k = self.match(j, {"range"})
            if not found:
                return None
        return k if k < len(toks) and self.joined(k) else None

    # --- amounts ---------------------------------------------------------

    def amount(self, core: _Core, unit_code: str, factor: Decimal, stop: int,
               value: Decimal | None = None) -> Amount:
        start, end = self.toks[core.first].start, self.toks[stop - 1].end
        value = (core.value if value is None else value) * factor
        # 2.5 * 1e9 is written 2500000000, 0.50 as 0.5
        value = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
        return Amount(text=self.text[start:end], value=value, unit=unit_code,
                      start=start, end=end)

    def read(self, i: int) -> tuple[list[Amount], int]:
        """Amounts starting at token i and the index after them ([] and i+1
        if none starts there)."""
        if not self.toks[i].is_digits and self.toks[i].norm not in self.lengths:
            return [], i + 1    # neither a number nor the first word of a form
        prefix = self.prefix(i)
        if not prefix and self.glued(i):
            return [], i + 1
        core = self.core(prefix[1] if prefix else i, commas_group=bool(prefix))
        if core is None:
            return [], i + 1
        if prefix:
            core = dataclasses.replace(core, first=i)
            unit = _Unit(prefix[0], Decimal(1), core.stop)
            return (self.read_range(core, unit)
                    or ([self.amount(core, unit.code, unit.factor, unit.stop)], unit.stop))
        unit = self.unit(core.stop)
        if unit:
            return [self.amount(core, unit.code, unit.factor, unit.stop)], unit.stop
        if core.number == 1 and core.scale is not None and core.stop - core.first == 1:
            return [], core.stop    # a bare scale needs its unit right after it
        return self.read_range(core) or ([], core.stop)

    def read_range(self, low: _Core, prefix: _Unit | None = None):
        """`low`, a range word or dash, and a second number with a unit (or
        both after the same symbol: `$5–7 млн`, `$0,91 — $1,02 млн`). The
        first end takes the unit, and the scale when it has none."""
        if prefix is None:
            k = self.range_end(low.stop)
            high = self.core(k) if k is not None else None
            unit = self.unit(high.stop) if high else None
            bare_year = (low.scale is None and low.stop - low.first == 1
                         and self.toks[low.first].is_digits and int(low.number) in _YEARS)
            if not unit or (bare_year and high.value < 1000):
                return None
        else:   # `$5–7 млн` or `$0,91 — $1,02 млн`, but not `$5 - 10 человек`
            k = self.range_end(low.stop, spaced_dash=True)
            again = self.prefix(k) if k is not None else None
            high = self.core(again[1] if again else k, True) if k is not None else None
            if (high is None or (again and again[0] != prefix.code)
                    or (not again and high.scale is None and not self.adjacent(k))):
                return None
            high = dataclasses.replace(high, first=k)
            unit = _Unit(prefix.code, prefix.factor, high.stop)
        value = low.value
        if low.scale is None and high.scale is not None and low.number <= 10 * high.number:
            value = low.number * high.scale     # от 40 до 50 тысяч рублей
        return [self.amount(low, unit.code, unit.factor, low.stop, value),
                self.amount(high, unit.code, unit.factor, unit.stop)], unit.stop

    def __iter__(self):
        i = 0
        while i < len(self.toks):
            found, i = self.read(i)
            yield from found


def find_amounts(doc: Document, res: Resources) -> Document:
    """Add an `Amount` for each sum of money or percentage in `doc.text`:
    value in base units (`2,5 млрд рублей` -> 2500000000 RUB), unit an ISO
    4217 code or `%`, offsets of the number and unit only (not `около`)."""
    urls = [m.span() for m in _URL.finditer(doc.text)]
    amounts = tuple(a for a in _Scanner(doc.text, res)
                    if not any(s < a.end and a.start < e for s, e in urls))
    return dataclasses.replace(doc, amounts=amounts)
