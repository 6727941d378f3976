"""Quotation marks paired into spans, and dialogue lines, read from plain
text. No syntax here: `quotes/finding.py` decides which spans are quotes.

Russian news mixes «ёлочки», „лапки“, “English” marks, straight `"` and the
wiki markup `''`. Straight marks are the same character on both sides, so
whether one opens or closes is read from its neighbours:

    у "Единой России" были     space before, letter after  -> opens
    России" были провальные    letter before, space after  -> closes

A quote never runs over a line break: marks left open at the end of a line
close there when they opened the line (a quoted paragraph whose closing mark
is left to a later paragraph), and are dropped otherwise. The paragraphs up
to that later closing mark are then quotes of their own, one a paragraph.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Iterable

from ..document import Quote

# opening mark -> its closing mark
_PAIRS = {"«": "»", "„": "“", "“": "”", '"': '"', "''": "''", "‘": "’"}
_SYMMETRIC = {'"', "''"}
_OPEN_BEFORE = "([{«„“—–-:/\u00a0 \t\n"
_CLOSE_AFTER = ".,;:!?)]}»“”…—–-\u00a0 \t\n"
_DASH_LINE = re.compile(r"^[ \t\u00a0]*[—–-][ \t\u00a0]+", re.M)


@dataclass(frozen=True, slots=True)
class Quoted:
    """A stretch of text between quotation marks: the content is
    `text[start:end]` (white space trimmed); `open`/`close` are the offsets of
    the opening mark and just past the closing mark."""
    start: int
    end: int
    open: int
    close: int
    depth: int          # 0 for an outermost quote, 1 inside another, ...
    is_closed: bool = True


def _mark_at(text: str, i: int) -> str | None:
    if text.startswith("''", i):
        return "''"
    ch = text[i]
    return ch if ch in "«»„“”\"‘’" else None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _line_opens_with(text: str, pos: int) -> bool:
    """True when only white space or a dash precede `pos` on its line."""
    line_start = text.rfind("\n", 0, pos) + 1
    return not text[line_start:pos].strip(" \t\u00a0—–-")


def find_quoted(text: str) -> list[Quoted]:
    """Every span between paired quotation marks, nested ones included, in
    order of their opening marks. A span whose content repeats its parent's
    (`''«…»''`) is given once."""
    found: list[Quoted] = []
    stack: list[tuple[str, int]] = []    # (opening mark, offset)

    def emit(mark: str, at: int, close_at: int, width: int, closed: bool) -> None:
        start, end = _trim(text, at + len(mark), close_at)
        if start < end:
            found.append(Quoted(start, end, at, close_at + width, len(stack), closed))

    # A paragraph left open by its opening mark may be closed in a later
    # paragraph (`«A¶B», — сказал он`): the mark awaited, and the paragraphs
    # without marks in between, each a quote of its own.
    carry: str | None = None
    pending: list[tuple[int, int]] = []
    line_start, line_marks = 0, 0

    def emit_line(start: int, end: int, close: int, closed: bool) -> None:
        start, end = _trim(text, start, end)
        if start < end:
            found.append(Quoted(start, end, start, close, 0, closed))

    i, n = 0, len(text)
    while i < n:
        if text[i] == "\n":
            opened = None
            while stack:
                mark, at = stack.pop()
                if _line_opens_with(text, at):
                    emit(mark, at, i, 0, False)
                    opened = mark
            if opened is not None:
                carry, pending = (_PAIRS[opened] if opened not in _SYMMETRIC else None), []
            elif carry is not None and text[line_start:i].strip():
                if line_marks:
                    carry = None
                else:
                    pending.append((line_start, i))
            line_start, line_marks = i + 1, 0
            i += 1
            continue
        mark = _mark_at(text, i)
        if mark is None:
            i += 1
            continue
        width = len(mark)
        line_marks += 1
        if carry == mark and not stack:
            # the close of a quote opened paragraphs ago
            for start, end in pending:
                emit_line(start, end, end, False)
            emit_line(line_start, i, i + width, True)
            carry, pending = None, []
            i += width
            continue
        prev = text[i - 1] if i else " "
        nxt = text[i + width] if i + width < n else " "
        opens = prev in _OPEN_BEFORE and not nxt.isspace()
        closes = not prev.isspace() and nxt in _CLOSE_AFTER
        open_marks = [m for m, _ in stack]
        if mark in _SYMMETRIC:
            if stack and stack[-1][0] == mark and (closes or not opens):
                m, at = stack.pop()
                emit(m, at, i, width, True)
            elif opens or not closes:
                stack.append((mark, i))
            elif mark in open_marks:
                _close_down_to(stack, mark, i, width, emit)
        elif mark == "“" and stack and stack[-1][0] == "„":
            m, at = stack.pop()
            emit(m, at, i, width, True)
        elif mark in _PAIRS:
            stack.append((mark, i))
        else:   # a closing-only mark: », ”, ’
            openers = [m for m, c in _PAIRS.items() if c == mark]
            if any(m in open_marks for m in openers):
                _close_down_to(stack, openers, i, width, emit)
        i += width
    while stack:
        mark, at = stack.pop()
        if _line_opens_with(text, at):
            emit(mark, at, n, 0, False)
    found.sort(key=lambda q: (q.open, -q.close))
    return _drop_repeats(text, found)


def _close_down_to(stack, marks, at, width, emit) -> None:
    """Pop marks left open inside the one `at` closes (they were stray), then
    emit the span it closes."""
    marks = (marks,) if isinstance(marks, str) else marks
    while stack:
        m, start = stack.pop()
        if m in marks:
            emit(m, start, at, width, True)
            return


def _drop_repeats(text: str, found: list[Quoted]) -> list[Quoted]:
    """Give a span once: `''«…»''` keeps the inner span, whose content has no
    marks left in it."""
    out: list[Quoted] = []
    for q in found:
        if out and not text[out[-1].start:q.open].strip() \
                and not text[q.close:out[-1].end].strip() and q.close <= out[-1].close:
            q = Quoted(q.start, q.end, q.open, q.close, out[-1].depth, q.is_closed)
            out[-1] = q
            continue
        out.append(q)
    return out


class Enclosures:
    """Which spans close between two offsets around a word: `encloses(offset,
    before)` is True when some span has `open < offset < close <= before`.
    Built in O(n log n) over the spans, each question answered in O(log n),
    so an article with many marks costs time linear in them, not quadratic."""

    def __init__(self, spans: list[Quoted]):
        pairs = sorted((q.close, q.open) for q in spans)
        self._closes = [c for c, _ in pairs]
        # _mins[k][i]: the smallest opening offset among 2**k spans from i on
        self._mins = [[o for _, o in pairs]]
        width = 1
        while 2 * width <= len(pairs):
            last = self._mins[-1]
            self._mins.append([min(last[i], last[i + width]) for i in range(len(last) - width)])
            width *= 2

    def encloses(self, offset: int, before: int) -> bool:
        """True when some span opens before `offset` and closes after it, at
        or before `before`."""
        lo = bisect.bisect_right(self._closes, offset)
        hi = bisect.bisect_right(self._closes, before)
        if lo >= hi:
            return False
        k = (hi - lo).bit_length() - 1
        row = self._mins[k]
        return min(row[lo], row[hi - (1 << k)]) < offset


def find_dialogue_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of the content of each line that opens with a dash, the
    way Russian prints direct speech (`— Мы готовы, — сказал он.`)."""
    out = []
    for m in _DASH_LINE.finditer(text):
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        start, end = _trim(text, m.end(), end)
        if start < end:
            out.append((start, end))
    return out


class QuoteSpans:
    """The spans of the quotes found so far; `overlaps` and `holds` answer
    in O(log n), so checking every line or token of a long article against
    them stays linear."""

    def __init__(self, quotes: Iterable[Quote]):
        spans = sorted((q.start, q.end) for q in quotes)
        self._starts = [s for s, _ in spans]
        self._max_end, top = [], -1
        for _, e in spans:
            top = max(top, e)
            self._max_end.append(top)

    def overlaps(self, start: int, end: int) -> bool:
        """True when a span overlaps [start, end)."""
        k = bisect.bisect_left(self._starts, end)     # spans starting before `end`
        return k > 0 and self._max_end[k - 1] > start

    def holds(self, at: int) -> bool:
        """True when a span covers the character at `at`."""
        return self.overlaps(at, at + 1)
