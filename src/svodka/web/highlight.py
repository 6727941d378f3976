"""Article text as HTML with its items highlighted in place by their offsets.

`marks_of(doc)` turns entity mentions, quotes, cues, events and amounts into
`Mark`s; `render_marked(text, marks)` escapes the text and wraps each mark's
span in a `<span>`. Marks may overlap without nesting: a mark that crosses
the end of an enclosing one is split, so the HTML stays well formed:

```
text     Лукашенко сказал: "Мы готовы поставлять товары", - отметил он
quote              [=====================================)
event          [==================)                      crosses the quote's start
HTML     ...<ev>сказал: </ev><q><ev>"Мы готовы</ev> поставлять товары"</q>...
                 piece 1          piece 2 (class "cont", no id)
```

At each boundary the open marks are ordered by (start, longest first,
layer); the common prefix with the marks open so far stays open, the rest is
closed and (re)opened. Every piece carries the same class and title; only
the first carries the anchor id.

Rendering is linear in the text and the HTML written: the marks are sorted
once and their boundaries swept once. `render_capped` draws at most
`MAX_MARKS` of an article's marks (a 400k-character article has 35,000) and
says how many it drew, for the page to tell.
"""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from ..document import Document

# Layer order when two marks cover the same span: outer first.
QUOTE, EVENT, CUE, ENTITY, AMOUNT = range(5)
PALETTE_SIZE = 8


@dataclass(frozen=True, slots=True)
class Mark:
    """A span of the article to highlight: character offsets, its nesting layer
    (outer first), CSS classes, a plain-text tooltip and, on its first piece,
    an element id."""
    start: int
    end: int
    layer: int
    css: str            # class names
    title: str          # tooltip, plain text
    anchor: str | None = None   # element id of the first piece


def speaker_colours(doc: Document) -> dict[str, int]:
    """Palette index per speaker name, in order of first quote."""
    colours: dict[str, int] = {}
    for q in doc.quotes:
        if q.speaker and q.speaker.name not in colours:
            colours[q.speaker.name] = len(colours) % PALETTE_SIZE
    return colours


def marks_of(doc: Document) -> list[Mark]:
    """One `Mark` per highlighted item of `doc`; anchors are `q1`, `ev1`,
    `am1`, and `<entity id>-<n>` for mentions."""
    colours = speaker_colours(doc)
    marks: list[Mark] = []
    for i, q in enumerate(doc.quotes, 1):
        who = q.speaker.name if q.speaker else None
        css = f"quote sp{colours[who]}" if who else "quote sp-none"
        marks.append(Mark(q.start, q.end, QUOTE, f"{css} {q.kind}",
                          f"quote {i} ({q.kind}): {who or 'speaker unknown'}", f"q{i}"))
        if q.cue:
            marks.append(Mark(q.cue.start, q.cue.end, CUE, "cue", f"cue of quote {i}"))
    for i, ev in enumerate(doc.events, 1):
        marks.append(Mark(ev.start, ev.end, EVENT, "event",
                          f"event {i}: {ev.type}" + (f" ({ev.quad})" if ev.quad else ""),
                          f"ev{i}"))
        marks.append(Mark(ev.trigger.start, ev.trigger.end, EVENT, "trigger",
                          f"trigger of event {i}: {ev.type}"))
    for ent in doc.entities:
        for n, m in enumerate(ent.mentions, 1):
            marks.append(Mark(m.start, m.end, ENTITY, f"ent ent-{ent.type} m-{m.kind}",
                              f"{ent.type}: {ent.name}" + (f" [{m.kind}]" if m.kind != "name" else ""),
                              f"{ent.id}-{n}"))
    for i, am in enumerate(doc.amounts, 1):
        marks.append(Mark(am.start, am.end, AMOUNT, "amount",
                          f"amount: {am.value} {am.unit}", f"am{i}"))
    return marks


def _open(mark: Mark, first: bool, tag: str) -> str:
    anchor = f' id="{escape(mark.anchor)}"' if first and mark.anchor else ""
    cont = "" if first else " cont"
    return f'<{tag} class="{escape(mark.css)}{cont}" title="{escape(mark.title)}"{anchor}>'


def render_marked(text: str, marks: list[Mark], tag: str = "span") -> Markup:
    """`text` escaped, with every mark wrapped in `<span>` pieces (see the
    module docstring). Marks outside the text or empty are dropped.

    Time is linear in the text and the HTML written (after one sort of the
    marks): the marks are swept once by their boundaries; at each boundary
    only the marks that end or start there are looked at, and the open marks
    from the first one that ends are closed and reopened (which the HTML has
    to say anyway). No boundary scans all the marks."""
    n = len(text)
    order = sorted((m for m in marks if 0 <= m.start < m.end <= n),
                   key=lambda m: (m.start, -m.end, m.layer))
    ends: dict[int, list[int]] = {}     # offset -> the marks (indexes in `order`) ending there
    for k, m in enumerate(order):
        ends.setdefault(m.end, []).append(k)
    bounds = sorted({0, n, *(m.start for m in order), *ends})
    out: list[str] = []
    stack: list[int] = []       # the open marks, in `order`'s order
    where: dict[int, int] = {}  # mark -> its place in `stack`
    i = 0                       # the next mark to open
    for a, b in zip(bounds, bounds[1:]):
        ending = ends.get(a, ())
        keep = min((where[k] for k in ending), default=len(stack))
        first = i
        while i < len(order) and order[i].start == a:
            i += 1
        # Marks open before `a` keep their order; those starting at `a` come
        # after them (a later start sorts later), already in order.
        reopen = [k for k in stack[keep:] if order[k].end > a]
        out.extend(f"</{tag}>" for _ in stack[keep:])
        out.extend(_open(order[k], False, tag) for k in reopen)
        out.extend(_open(order[k], True, tag) for k in range(first, i))
        for k in ending:
            del where[k]
        del stack[keep:]
        for k in (*reopen, *range(first, i)):
            where[k] = len(stack)
            stack.append(k)
        out.append(str(escape(text[a:b])))
    out.extend(f"</{tag}>" for _ in stack)
    return Markup("".join(out))


MAX_MARKS = 10_000     # marks drawn on one page; more make a page no browser shows well


@dataclass(frozen=True, slots=True)
class Rendered:
    """An article's highlighted HTML and how many of its marks it draws."""
    html: Markup
    drawn: int
    total: int

    @property
    def capped(self) -> bool:
        """True when fewer marks were drawn than the article has."""
        return self.drawn < self.total


def render_document(doc: Document, max_marks: int = MAX_MARKS) -> Markup:
    """The text of `doc` with its items highlighted (the first `max_marks`)."""
    return render_capped(doc, max_marks).html


def render_capped(doc: Document, max_marks: int = MAX_MARKS) -> Rendered:
    """The text of `doc` with the first `max_marks` of its marks (by their
    place in the text) highlighted: the whole text is always there, a huge
    article (35,000 mentions) just loses the highlighting of its tail."""
    marks = marks_of(doc)
    total = len(marks)
    if total > max_marks:
        marks = sorted(marks, key=lambda m: (m.start, -m.end, m.layer))[:max_marks]
    return Rendered(render_marked(doc.text, marks), len(marks), total)


def highlight_terms(text: str, terms: list[str]) -> Markup:
    """`text` escaped, with each case-insensitive occurrence of a term wrapped
    in `<mark>` (search hits)."""
    folded = _fold(text)
    marks = []
    for term in {_fold(t) for t in terms if t.strip()}:
        at = folded.find(term)
        while at != -1:
            marks.append(Mark(at, at + len(term), 0, "hit", term))
            at = folded.find(term, at + len(term))
    return render_marked(text, marks, tag="mark")


def _fold(text: str) -> str:
    """Lower case and ё -> е, one character for one, so offsets still hold."""
    return "".join(low if len(low := c.lower()) == 1 else c
                   for c in text).replace("ё", "е")
