"""Coreference of named mentions on factRuEval-2016 dev: MUC and B³
(precision, recall, F1) of svodka's grouping of person and organisation
names, beside two baselines that group equal normalized names.

Gold (the key):
- every `.objects` object of type Person or Org that has a name of its own
  (a `name`, `surname`, `patronymic` or `nickname` token span for Person, an
  `org_name` span for Org; `мэрия Москвы`, a descriptor with a place in it,
  is no named mention); its span runs from its first to its last token span;
- chains from `.coref` (`chain-id object-id …` on a block's first line),
  restricted to those mentions; a mention in no chain is a chain of one.

Predictions:
- svodka: every `name`/`abbreviation` mention of every PER or ORG `Entity`,
  one cluster per entity;
- "Natasha normal": the raw NER spans (`doc.ner_spans`, PER/ORG) grouped by
  type and lower-cased `normal` form;
- "svodka spans, normal": svodka's own mentions grouped by the lower-cased
  `normal` of the raw NER span with the same offsets (the surface where
  there is none), so that only the grouping differs from svodka's.

Matching: spans are compared without the quotation marks at their edges;
a predicted mention stands for the gold mention with the same span, or,
failing that, with the same name part (`движения «Солидарность»` is matched
by `Солидарность`) unless that part is another gold mention's whole span;
one predicted mention for one gold mention.
Scoring is over the gold mentions: each takes the cluster of the prediction
matched to it, an unmatched one is a cluster of its own (so missing a name
costs recall), and predictions matching no gold mention are not scored.

Canonical names (NEREL dev): each PER entity one of whose mentions is a
gold PERSON span that the tagger reads as nominative is checked against
those written forms (see `canonical_checks`).

Run `python tests/coref_eval.py` to print the tables.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Callable, Hashable, Iterable

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
FACTRU = CORPUS / "factru" / "devset"

GOLD_TYPES = {"Person": "PER", "Org": "ORG"}
NAME_SPANS = {"PER": {"name", "surname", "patronymic", "nickname"}, "ORG": {"org_name"}}
NAME_KINDS = {"name", "abbreviation"}

Span = tuple[int, int]


@dataclasses.dataclass(frozen=True)
class GoldMention:
    start: int
    end: int
    type: str
    name: Span        # first to last of its own name token spans
    chain: str


@dataclasses.dataclass(frozen=True)
class GoldDoc:
    id: str
    text: str
    mentions: tuple[GoldMention, ...]


def _rows(path: Path) -> Iterable[list[str]]:
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = line.split("#")[0].split()
        if cells:
            yield cells


def load_gold(folder: Path = FACTRU) -> list[GoldDoc]:
    """The named PER/ORG mentions of each factRuEval dev text with their chains."""
    docs = []
    for txt in sorted(folder.glob("*.txt")):
        base = txt.with_suffix("")
        token_spans = {c[0]: (int(c[2]), int(c[2]) + int(c[3]), c[1])
                       for c in _rows(base.with_suffix(".spans")) if len(c) >= 4}
        chain_of = {}
        for block in base.with_suffix(".coref").read_text(encoding="utf-8").split("\n\n"):
            head = block.strip().split("\n")[0].split()
            for obj in head[1:]:
                chain_of[obj] = head[0]
        mentions = []
        for cells in _rows(base.with_suffix(".objects")):
            etype = GOLD_TYPES.get(cells[1]) if len(cells) > 2 else None
            parts = [token_spans[s] for s in cells[2:] if s in token_spans]
            names = [p for p in parts if etype and p[2] in NAME_SPANS[etype]]
            if not names:
                continue
            mentions.append(GoldMention(
                min(p[0] for p in parts), max(p[1] for p in parts), etype,
                (min(p[0] for p in names), max(p[1] for p in names)),
                chain_of.get(cells[0], "object " + cells[0])))
        docs.append(GoldDoc(txt.stem, txt.read_text(encoding="utf-8"), tuple(mentions)))
    return docs


# --- predictions: {span: cluster} -------------------------------------------

Prediction = dict[tuple[int, int, str], Hashable]


def svodka_clusters(doc) -> Prediction:
    """Each PER/ORG entity's name mentions, clustered by entity."""
    return {(m.start, m.end, e.type): e.id for e in doc.entities if e.type in NAME_SPANS
            for m in e.mentions if m.kind in NAME_KINDS}


def natasha_clusters(doc) -> Prediction:
    """The raw NER spans grouped by type and lower-cased normal form."""
    return {(s.start, s.end, s.type): (s.type, _fold(s.normal or s.text)) for s in doc.ner_spans
            if s.type in NAME_SPANS}


def same_spans_clusters(doc) -> Prediction:
    """svodka's mentions grouped by the normal form of the NER span with the
    same offsets, else by their surface."""
    normal = {(s.start, s.end): s.normal for s in doc.ner_spans}
    return {(m.start, m.end, e.type): (e.type, _fold(normal.get((m.start, m.end)) or m.text))
            for e in doc.entities if e.type in NAME_SPANS
            for m in e.mentions if m.kind in NAME_KINDS}


def _fold(name: str) -> str:
    return " ".join(name.lower().replace("ё", "е").split())


def response(gold: GoldDoc, predicted: Prediction) -> list[Hashable]:
    """The cluster of each gold mention (in order): that of its matched
    prediction, else a cluster of its own. Spans are compared without the
    quotation marks at their edges (factRuEval leaves a closing one out:
    `ОАО «Газпром`); exact spans are matched first, then name parts, and a
    name part never takes a span that is another gold mention's own
    (`Служба прессы Конституционного суда` is no `Конституционного суда`)."""
    text = gold.text
    by_span = {(*_bare(text, s, e), t): c for (s, e, t), c in predicted.items()}
    own = {(*_bare(text, m.start, m.end), m.type) for m in gold.mentions}
    used: set = set()
    out: list[Hashable] = [("unmatched", n) for n in range(len(gold.mentions))]
    for is_name_part in (False, True):
        for n, m in enumerate(gold.mentions):
            key = (*_bare(text, *(m.name if is_name_part else (m.start, m.end))), m.type)
            if out[n][0] == "unmatched" and key in by_span and key not in used \
                    and not (is_name_part and key in own):
                used.add(key)
                out[n] = ("p", by_span[key])
    return out


_QUOTES = "«»\"“”„' "


def _bare(text: str, start: int, end: int) -> Span:
    """The span without quotation marks and spaces at its edges."""
    while start < end and text[start] in _QUOTES:
        start += 1
    while start < end and text[end - 1] in _QUOTES:
        end -= 1
    return start, end


# --- metrics ------------------------------------------------------------------

def _partition(labels: list[Hashable]) -> list[set[int]]:
    groups: dict[Hashable, set[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault(label, set()).add(i)
    return list(groups.values())


def _muc(key: list[set[int]], other: list[set[int]]) -> tuple[int, int]:
    """MUC numerator and denominator of `key` against `other` (recall when
    key is the gold partition, precision when swapped)."""
    where = {i: n for n, group in enumerate(other) for i in group}
    num = sum(len(k) - len({where[i] for i in k}) for k in key)
    return num, sum(len(k) - 1 for k in key)


def _b_cubed(key: list[set[int]], other: list[set[int]]) -> tuple[float, int]:
    where = {i: group for group in other for i in group}
    return sum(len(k & where[i]) / len(k) for k in key for i in k), sum(len(k) for k in key)


def _prf(p_num, p_den, r_num, r_den) -> tuple[float, float, float]:
    p = p_num / p_den if p_den else 1.0
    r = r_num / r_den if r_den else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(golds: list[GoldDoc], predictions: Iterable[Prediction],
          types: Iterable[str] = ("PER", "ORG")) -> dict:
    """{"MUC": (P, R, F1), "B3": (P, R, F1), "matched": share of gold
    mentions matched} over the gold mentions of `types`, summed over documents."""
    types = set(types)
    muc = [0, 0, 0, 0]
    b3 = [0.0, 0, 0.0, 0]
    matched = total = 0
    for gold, pred in zip(golds, predictions):
        keep = [n for n, m in enumerate(gold.mentions) if m.type in types]
        labels = response(gold, pred)
        key = _partition([gold.mentions[n].chain for n in keep])
        resp = _partition([labels[n] for n in keep])
        for acc, metric in ((muc, _muc), (b3, _b_cubed)):
            r = metric(key, resp)
            p = metric(resp, key)
            acc[0] += p[0]; acc[1] += p[1]; acc[2] += r[0]; acc[3] += r[1]   # noqa: E702
        matched += sum(labels[n][0] == "p" for n in keep)
        total += len(keep)
    return {"MUC": _prf(*muc), "B3": _prf(*b3), "matched": matched / total if total else 0.0}


SYSTEMS: dict[str, Callable] = {"Natasha normal (baseline)": natasha_clusters,
                                "svodka spans, normal (baseline)": same_spans_clusters,
                                "svodka": svodka_clusters}


def format_scores(title: str, scores: dict) -> str:
    rows = [f"{title:<34} {'P':>6} {'R':>6} {'F1':>6}   matched {scores['matched']:.3f}"]
    rows += [f"  {m:<32} {p:6.3f} {r:6.3f} {f:6.3f}" for m in ("MUC", "B3")
             for p, r, f in [scores[m]]]
    return "\n".join(rows)


def evaluate(golds: list[GoldDoc] | None = None) -> dict:
    """{type set: {system: scores}} for PER+ORG, PER and ORG."""
    from ner_eval import analyze_entities
    golds = golds if golds is not None else load_gold()
    docs = analyze_entities([g.text for g in golds])
    out = {}
    for label, types in (("PER+ORG", ("PER", "ORG")), ("PER", ("PER",)), ("ORG", ("ORG",))):
        out[label] = {name: score(golds, map(system, docs), types) for name, system in SYSTEMS.items()}
    return out


def main() -> None:
    for label, systems in evaluate().items():
        print(f"== factRuEval dev, {label}")
        for name, scores in systems.items():
            print(format_scores(name, scores))
    share, checked, wrong = canonical_score()
    print(f"== NEREL dev, canonical PER names: {share:.3f} right of {checked}")
    for name, written, _ in wrong:
        print(f"  {name!r} but written {written}")


# --- canonical names ------------------------------------------------------------

NEREL_DEV = CORPUS / "nerel" / "dev"


def load_nerel_persons(folder: Path = NEREL_DEV) -> list[tuple[str, str, frozenset[Span]]]:
    """(id, text, PERSON spans) of each NEREL article in `folder`."""
    out = []
    for txt in sorted(folder.glob("*.txt")):
        spans = set()
        for line in txt.with_suffix(".ann").read_text(encoding="utf-8").splitlines():
            cells = line.split("\t")
            if line.startswith("T") and len(cells) >= 3 and cells[1].split()[0] == "PERSON" \
                    and ";" not in cells[1]:
                spans.add((int(cells[1].split()[1]), int(cells[1].split()[2])))
        out.append((txt.stem, txt.read_text(encoding="utf-8"), frozenset(spans)))
    return out


def is_nominative(doc, start: int, end: int) -> bool:
    """Every word of [start, end) that has a case is tagged nominative."""
    cases = [t.feats.get("Case") for s in doc.sentences if s.start <= start < s.end
             for t in s.tokens if start <= t.start and t.end <= end and t.pos != "PUNCT"]
    return bool(cases) and all(c in (None, "Nom") for c in cases) and "Nom" in cases


def canonical_checks(doc, gold: frozenset[Span]) -> list[tuple[str, tuple[str, ...], bool]]:
    """For each PER entity with mentions on gold PERSON spans that the tagger
    reads as nominative: (its name, those texts, whether the name is right).
    The tagger misreads some oblique foreign names (`Маккаррика`), so each
    name word is expected in the form most of those texts give it, the
    shorter on a tie (`Андреа Падована` ×1, `Андреа Падован` ×1 → `Падован`);
    the name is right when each of its words has that form and no word of
    those texts is missing from it (initials and patronymics aside). Two spellings of a word (`Кэмерон` /
    `Камерон`) are one word, the name right with the commoner."""
    from collections import Counter
    out = []
    for ent in doc.entities:
        if ent.type != "PER":
            continue
        written = [m.text for m in ent.mentions
                   if (m.start, m.end) in gold and is_nominative(doc, m.start, m.end)]
        if not written:
            continue
        families: list[Counter] = []
        for word in (w for text in written for w in _name_words(text)):
            family = next((f for f in families if any(_alike(word, o) for o in f)), None)
            if family is None:
                families.append(family := Counter())
            family[word] += 1
        # a patronymic the name leaves out is no error (`Виктор Фёдорович` of
        # `Виктор Янукович`)
        expected = [min(f, key=lambda w: (-f[w], len(w))) for f in families]
        words = _name_words(ent.name)
        right = all(w in words or _is_patronymic(w) for w in expected) and all(
            w in expected for w in words if any(_alike(w, o) for f in families for o in f))
        out.append((ent.name, tuple(dict.fromkeys(written)), right))
    return out


def _alike(a: str, b: str) -> bool:
    """Forms or spellings of one name word: a case ending apart, or, five
    letters and longer, one letter changed, added or dropped."""
    from svodka.stages.lexicon import same_name_word
    if same_name_word(a, b) or min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1:
        return same_name_word(a, b)
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) <= 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _is_patronymic(word: str) -> bool:
    """The dictionary knows `word` as a patronymic and not as a surname."""
    from svodka.models import load_models
    grams = [set(p.tag.grammemes) for p in load_models().morph_vocab.parse(word) if p.is_known]
    return any("Patr" in g for g in grams) and not any("Surn" in g for g in grams)


def _name_words(name: str) -> list[str]:
    """The words of a name but its initials (`Г. А. Зюганов` → `зюганов`)."""
    return [w for w in _fold(name.replace(".", ". ")).split() if not w.endswith(".")]


def canonical_score(articles=None) -> tuple[float, int, list]:
    """(share of right names, entities checked, the wrong ones) over NEREL dev."""
    from ner_eval import analyze_entities
    articles = articles if articles is not None else load_nerel_persons()
    docs = analyze_entities([text for _, text, _ in articles])
    checks = [c for doc, (_, _, gold) in zip(docs, articles) for c in canonical_checks(doc, gold)]
    wrong = [c for c in checks if not c[2]]
    return (1 - len(wrong) / len(checks) if checks else 1.0), len(checks), wrong


if __name__ == "__main__":
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
