"""Readable plain-text summaries of a `Document` for people (the CLI's
`--format text`)."""
from __future__ import annotations

from .document import Document, Event


def _actor(a) -> str:
    if a is None:
        return "?"
    parts = [p for p in (a.country, a.sector) if p]
    return " ".join(parts) or (a.name or "?")


def format_event(ev: Event) -> str:
    """One line for an event: `source → target: TYPE/mode, place, date`."""
    kind = ev.type + (f"/{ev.mode}" if ev.mode else "")
    where = f", {ev.location.name}" if ev.location else ""
    when = f", {ev.date}" if ev.date else ""
    return f"{_actor(ev.source)} → {_actor(ev.target)}: {kind}{where}{when}"


def format_text(doc: Document) -> str:
    """The plain-text report of an analyzed document (`analyze --format text`):
    entities with roles, country and aliases, then quotes, events and amounts."""
    lines = [f"# {doc.source or doc.title or doc.key[:12]}"]
    if doc.entities:
        lines.append("Entities:")
        for e in doc.entities:
            extra = []
            if e.roles:
                extra.append("; ".join(r.name for r in e.roles))
            if e.country:
                extra.append(e.country)
            if e.aliases:
                extra.append("aka " + ", ".join(e.aliases))
            tail = f" ({', '.join(extra)})" if extra else ""
            lines.append(f"  {e.type:3} {e.name}{tail} ×{len(e.mentions)}")
    if doc.quotes:
        lines.append("Quotes:")
        for q in doc.quotes:
            who = q.speaker.name if q.speaker else "—"
            via = f" ({q.cue.text})" if q.cue else ""
            said = f"«{q.text}»" if q.kind == "direct" else q.text
            lines.append(f"  [{q.kind}] {who}{via}: {said}")
    if doc.events:
        lines.append("Events:")
        lines.extend(f"  {format_event(ev)}" for ev in doc.events)
    if doc.amounts:
        lines.append("Amounts:")
        lines.extend(f"  {a.text} = {a.value} {a.unit}" for a in doc.amounts)
    return "\n".join(lines)
