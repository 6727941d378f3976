"""The entities a document's speakers can be: their mentions by offset, the
mentions and entities the speaker stage adds, and who holds a title
(`Entity.roles`, or a title printed next to a name). `referents.Referents`
builds on it."""
from __future__ import annotations

import bisect
import dataclasses
import itertools

from ..document import Document, Entity, EntityRef, Mention, Sentence
from ..resources import Resources
from ..stages.chains import Chains
from ..stages.coref import PersonGenders
from .cues import Lexicon, sentence_index, tokens_in

# how many words next to a name are searched for its title (`председатель
# КНР, генеральный секретарь ЦК КПК Си Цзиньпин`, `Александр Лукашенко,
# Президент Беларуси`)
_TITLE_WINDOW = 8


def stem_match(word: str, other: str) -> bool:
    """`other` starts with the stem of `word` (its last two letters dropped)."""
    return other.startswith(word[:max(4, len(word) - 2)]) if len(word) > 3 else other == word


class Mentions:
    """Entities and mentions of one document, as the speaker stage sees them."""

    def __init__(self, doc: Document, lex: Lexicon, res: Resources | None = None):
        self.doc, self.lex, self.res = doc, lex, res
        self.previous: EntityRef | None = None
        self.previous_end = -1      # where the quote of `previous` ends
        self.previous_uncued = False    # that quote had no cue: its speaker is just unknown
        self.spoken: list[tuple[int, EntityRef]] = []   # (quote start, speaker) so far, in order
        self._entities = list(doc.entities)
        # the chains stage's pronouns and person nouns (`stages/coref.py`) are
        # read from it; `_mentions` below holds names only
        self.chains = Chains(doc)
        self.genders = PersonGenders(doc)
        self._extra: dict[str, list[Mention]] = {}
        # direct quotes by start, with the running maximum of their ends:
        # `in_direct_quote` answers by bisection, not by a scan per word
        quoted = sorted((q.start, q.end) for q in doc.quotes if q.kind == "direct")
        self._quoted_starts = [s for s, _ in quoted]
        self._quoted_reach = list(itertools.accumulate((e for _, e in quoted), max))
        self._mentions = sorted(((m.start, m.end, e) for e in doc.entities for m in e.mentions
                                 if m.kind not in ("pronoun", "role")), key=lambda x: x[0])
        # `_mention_at`'s index of `_mentions` by position: starts and running
        # maximum of ends; rebuilt after `_new_entity` adds a mention
        self._starts: list[int] | None = None
        self._reach: list[int] = []
        # per-offset results that every quote would otherwise recompute
        self._lemmas: dict[tuple[int, int], set[str]] = {}
        self._near: dict[tuple[int, int, tuple[str, ...]], bool] = {}

    # --- results ------------------------------------------------------------
    def entities(self) -> tuple[Entity, ...]:
        """The document's entities, each with the mentions found during attribution
        added in text order (new entities included)."""
        # a pronoun or person noun this stage gives to somebody else than the
        # chains did (the speaker of the quote before) leaves the other chain
        moved = {(m.start, m.end) for ms in self._extra.values() for m in ms
                 if m.kind in ("pronoun", "role")}
        out = []
        for e in self._entities:
            have, own = set(e.mentions), set(self._extra.get(e.id, ()))
            extra = list(dict.fromkeys(m for m in self._extra.get(e.id, ()) if m not in have))
            kept = tuple(m for m in e.mentions if m.kind not in ("pronoun", "role")
                         or (m.start, m.end) not in moved or m in own)
            if extra or kept != e.mentions:
                e = dataclasses.replace(e, mentions=tuple(sorted(kept + tuple(extra),
                                                                 key=lambda m: m.start)))
            out.append(e)
        return tuple(out)

    def _ref(self, ent: Entity | None, sent: Sentence | None = None, lo: int = 0,
             hi: int = 0, kind: str = "") -> EntityRef | None:
        if ent is None:
            return None
        if kind:
            start, end = sent.tokens[lo].start, sent.tokens[hi].end
            self._extra.setdefault(ent.id, []).append(
                Mention(self.doc.text[start:end], start, end, kind))
        return EntityRef(ent.id, ent.name)

    def is_person(self, ref: EntityRef) -> bool:
        """True when `ref` names a person (`PER`) entity of the document."""
        ent = self._entity(ref)
        return ent is not None and ent.type == "PER"

    def _entity(self, ref: EntityRef | None) -> Entity | None:
        return next((e for e in self._entities if ref and e.id == ref.id), None)

    # --- resolution ---------------------------------------------------------

    def _new_entity(self, etype: str, start: int, end: int, kind: str = "name",
                    country: str | None = None) -> Entity:
        ids = [int(e.id[1:]) for e in self._entities if e.id[1:].isdigit()]
        name = self.doc.text[start:end]
        ent = Entity(id=f"e{max(ids, default=0) + 1}", type=etype, name=name,
                     mentions=(Mention(name, start, end, kind),), country=country)
        self._entities.append(ent)
        self._mentions.append((start, end, ent))
        self._mentions.sort(key=lambda x: x[0])
        self._starts = None
        return ent

    def _mention_at(self, offset: int) -> Entity | None:
        """The entity of the first mention (by start) that covers `offset`."""
        if self._starts is None or len(self._starts) != len(self._mentions):
            self._starts = [s for s, _, _ in self._mentions]
            self._reach, reach = [], -1
            for _, e, _ in self._mentions:
                reach = max(reach, e)
                self._reach.append(reach)
        # the first mention ending after `offset` is where the running maximum
        # of ends first passes it; it covers `offset` if it starts at or before
        k = bisect.bisect_right(self._reach, offset)
        if k < len(self._starts) and self._starts[k] <= offset:
            return self._mentions[k][2]
        return None

    def in_direct_quote(self, offset: int) -> bool:
        """True when `offset` lies inside some direct quote's span."""
        k = bisect.bisect_right(self._quoted_starts, offset)
        return k > 0 and self._quoted_reach[k - 1] > offset

    def mentions_before(self, offset: int) -> int:
        """How many of the mentions (sorted by start) start before `offset`."""
        return bisect.bisect_left(self._mentions, offset, key=lambda x: x[0])

    def _is_role_name(self, ent: Entity) -> bool:
        return ent.name.lower() in self.lex.roles

    def doc_lemmas(self, start: int, end: int) -> set[str]:
        """Lower-case lemmas of the tokens in [start, end) (do not modify)."""
        if (start, end) not in self._lemmas:
            self._lemmas[start, end] = {sent.tokens[i].lemma.lower()
                                        for sent, i in tokens_in(self.doc, start, end)}
        return self._lemmas[start, end]

    def _by_surname(self, tok) -> Entity | None:
        """A name the NER missed (`Машков:` in a heading): the person whose
        name has that word."""
        word = tok.text.lower()
        for e in self._entities:
            if e.type == "PER" and any(stem_match(word, w) and stem_match(w, word)
                                       for w in e.name.lower().split()):
                return e
        return None

    def _holder(self, titles: tuple[str, ...], at: int) -> Entity | None:
        """The person holding one of `titles`: from `Entity.roles`, else from a
        title printed next to one of its names. The one named last before `at`
        wins; failing that, the first one named after it."""
        def holds(start: int, end: int, ent: Entity) -> bool:
            return ent.type == "PER" and not self._is_role_name(ent) and (
                self._has_title(ent, titles) or self._titled_near(start, end, titles))

        split = self.mentions_before(at)
        for start, end, ent in reversed(self._mentions[:split]):
            if holds(start, end, ent):
                return ent
        for start, end, ent in self._mentions[split:]:
            if holds(start, end, ent):
                return ent
        return self._just_named(at)

    def _just_named(self, at: int) -> Entity | None:
        """A title nobody in the article is given (`Вчера в Ярославле побывал
        Сергей Неверов… Правда, секретарь президиума утверждает`): the one
        person without a title named in the sentence before."""
        si = sentence_index(self.doc, at)
        if si == 0:
            return None
        prev = self.doc.sentences[si - 1]
        people = {e.id: e for s, _, e in self._mentions
                  if prev.start <= s < prev.end and e.type == "PER" and not e.roles
                  and self._is_nominative(s)}
        return next(iter(people.values())) if len(people) == 1 else None

    def _has_title(self, ent: Entity, titles: tuple[str, ...]) -> bool:
        for role in ent.roles:
            words = role.name.lower().split()
            if any(all(any(stem_match(w, x) for x in words) for w in t.split()) for t in titles):
                return True
        return False

    def _titled_near(self, start: int, end: int, titles: tuple[str, ...]) -> bool:
        if (start, end, titles) not in self._near:
            self._near[start, end, titles] = self._find_titled_near(start, end, titles)
        return self._near[start, end, titles]

    def _find_titled_near(self, start: int, end: int, titles: tuple[str, ...]) -> bool:
        near = []
        for sent, i in tokens_in(self.doc, start, end):
            toks = sent.tokens
            lo, commas = i, 0
            while lo > 0 and i - lo < _TITLE_WINDOW and toks[lo - 1].pos not in ("VERB", "AUX"):
                if toks[lo - 1].text == ",":
                    commas += 1
                elif toks[lo - 1].pos == "PUNCT" or commas > 1:
                    break
                lo -= 1
            near += [t.text.lower() for t in toks[lo:i]]
            if i + 1 < len(toks) and toks[i + 1].text == ",":
                near += [t.text.lower() for t in toks[i + 2:i + 2 + _TITLE_WINDOW]]
            break
        return any(all(any(stem_match(w, x) for x in near) for w in t.split()) for t in titles)

    def _is_dative(self, offset: int) -> bool:
        return any(sent.tokens[i].feats.get("Case") == "Dat"
                   for sent, i in tokens_in(self.doc, offset, offset + 1)
                   if sent.tokens[i].start == offset)

    def _is_nominative(self, offset: int) -> bool:
        return any(sent.tokens[i].feats.get("Case") == "Nom"
                   for sent, i in tokens_in(self.doc, offset, offset + 1 + 40)
                   if sent.tokens[i].start == offset)

    def _gender_fits(self, ent: Entity, gender: str | None) -> bool:
        # the chains' reading of a person's gender (`stages/coref.py`)
        return self.genders.fits(ent, gender)
