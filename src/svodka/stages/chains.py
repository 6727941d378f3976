"""Person and organisation chains: every mention of each entity in text
order, whatever its kind (`name`, `abbreviation`, `role`, `pronoun`), and
the one lookup later stages share, "which entity do the words at offset X
refer to".

Why a stage of its own and not a step inside `entities.py`: the chain
is built by several stages. `find_entities` groups the names
(`Лукашенко` with `Александр Лукашенко`, `ШОС` with its full name, case
forms, initials, transliterations) and picks each one's nominative name
across its mentions; `resolve_roles` gives persons their titles;
`link_chains` states the contract the later stages read (each entity's
mentions sorted by offset, no span claimed by two entities) and resolves
the pronouns and nouns for any person (`он`, `её`, `политик`: see
`coref.py`) into the person chains; the speaker stage adds the titles it
resolves for speakers (`глава государства`) and may move a cue's pronoun
to the speaker of the quote just before. `Chains` is the read side, built
once per document by any stage after it:

    chains = Chains(doc)
    chains.entity_at(tok.start)       # the entity a word refers to, or None
    chains.mentions("e3")             # e3's mentions, in text order
    chains.last_before(offset, "PER") # the person mentioned last before offset

The speaker stage (`quotes/referents.py`, `Referents._pronoun`) and the
event stage (`events/actors.py`, `ActorCoder.entity_at`) read the pronouns
and person nouns from it: one resolution for both.
"""
from __future__ import annotations

import bisect
import dataclasses
from typing import Iterator

from ..document import Document, Entity, Mention
from ..resources import Resources
from .coref import resolve_pronouns


class Chains:
    """The mentions of a document's entities, found by offset. Built from a
    `Document` and read-only; mentions a later stage adds to the entities
    are seen by a `Chains` built from the updated document."""

    def __init__(self, doc: Document):
        self._entities = {e.id: e for e in doc.entities}
        self._spans = sorted(((m.start, m.end, m, e) for e in doc.entities for m in e.mentions),
                             key=lambda x: (x[0], -x[1]))
        self._starts = [s for s, _, _, _ in self._spans]
        self._chains: dict[str, list[Mention]] = {}     # `mentions_before`'s, built on demand
        self._chain_starts: dict[str, list[int]] = {}
        # running maximum of ends: the first mention that can cover an offset
        self._reach: list[int] = []
        reach = -1
        for _, end, _, _ in self._spans:
            reach = max(reach, end)
            self._reach.append(reach)

    def entity(self, entity_id: str) -> Entity | None:
        """The document's entity with this `Entity.id`, or None."""
        return self._entities.get(entity_id)

    def mentions(self, entity_id: str) -> tuple[Mention, ...]:
        """The mentions of one entity, in text order."""
        ent = self._entities.get(entity_id)
        return tuple(sorted(ent.mentions, key=lambda m: (m.start, m.end))) if ent else ()

    def mentions_before(self, entity_id: str, offset: int) -> Iterator[Mention]:
        """The entity's mentions that end by `offset`, the last one first
        (by bisection: asked for every pronoun, so no scan of the chain)."""
        chain = self._chains.get(entity_id)
        if chain is None:
            chain = self._chains[entity_id] = list(self.mentions(entity_id))
            self._chain_starts[entity_id] = [m.start for m in chain]
        for k in range(bisect.bisect_left(self._chain_starts[entity_id], offset) - 1, -1, -1):
            if chain[k].end <= offset:
                yield chain[k]

    def mention_at(self, offset: int) -> tuple[Mention, Entity] | None:
        """The innermost mention covering the character `offset`, with its
        entity (`России` inside a `глава МИД России` role mention is Russia)."""
        lo = bisect.bisect_right(self._reach, offset)
        hi = bisect.bisect_right(self._starts, offset)
        covering = [x for x in self._spans[lo:hi] if x[0] <= offset < x[1]]
        if not covering:
            return None
        start, end, mention, ent = min(covering, key=lambda x: x[1] - x[0])
        return mention, ent

    def entity_at(self, offset: int) -> Entity | None:
        """The entity the words at `offset` refer to (see `mention_at`)."""
        found = self.mention_at(offset)
        return found[1] if found else None

    def before(self, offset: int, etype: str | None = None) -> list[Entity]:
        """Entities (of `etype`, if given) mentioned before `offset`, the
        one mentioned last first: salience for pronouns and roles."""
        seen: dict[str, Entity] = {}
        for start, end, _, ent in reversed(self._spans[:bisect.bisect_left(self._starts, offset)]):
            if end <= offset and (etype is None or ent.type == etype):
                seen.setdefault(ent.id, ent)
        return list(seen.values())

    def last_before(self, offset: int, etype: str | None = None) -> Entity | None:
        """The entity (of `etype`) mentioned last before `offset`."""
        for start, end, _, ent in reversed(self._spans[:bisect.bisect_left(self._starts, offset)]):
            if end <= offset and (etype is None or ent.type == etype):
                return ent
        return None


def link_chains(doc: Document, res: Resources) -> Document:
    """Make each entity's chain its mentions in text order, each span
    claimed once: a span two entities both claim stays with the one that
    claimed it first (in entity order). Adds nothing else."""
    claimed: set[tuple[int, int]] = set()
    entities = []
    for ent in doc.entities:
        mentions = []
        for m in sorted(ent.mentions, key=lambda m: (m.start, m.end)):
            if (m.start, m.end) not in claimed:
                claimed.add((m.start, m.end))
                mentions.append(m)
        if tuple(mentions) != ent.mentions:
            ent = dataclasses.replace(ent, mentions=tuple(mentions))
        if mentions:
            entities.append(ent)
    return resolve_pronouns(dataclasses.replace(doc, entities=tuple(entities)), res)
