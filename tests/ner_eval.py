"""NER evaluation on factRuEval-2016 dev and NEREL test: exact spans, P/R/F1
per type (PER, ORG, LOC) and over all three.

Gold:
- factRuEval `.objects` of type Person/Org/Location/LocOrg; an object's span
  runs from its first to its last token span in `.spans`. Objects nested in
  another object of these types are dropped (top-level spans only).
- NEREL brat `.ann`: PERSON → PER, ORGANIZATION → ORG, COUNTRY / CITY /
  STATE_OR_PROVINCE / LOCATION → LOC; spans nested in another span of these
  types are dropped.

Predictions: bare Natasha = the parse stage's raw `ner_spans`; svodka = every
`name`/`abbreviation` mention of every entity (role and pronoun mentions
are coreference, which neither gold counts as a name span).

Run `python tests/ner_eval.py` to print the table for both systems.
"""
from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path
from typing import Iterable

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
FACTRU = CORPUS / "factru" / "devset"
NEREL_TEST = CORPUS / "nerel" / "test"
TYPES = ("PER", "ORG", "LOC")

FACTRU_TYPES = {"Person": "PER", "Org": "ORG", "Location": "LOC", "LocOrg": "LOC"}
NEREL_TYPES = {"PERSON": "PER", "ORGANIZATION": "ORG", "COUNTRY": "LOC",
               "CITY": "LOC", "STATE_OR_PROVINCE": "LOC", "LOCATION": "LOC"}
NAME_KINDS = {"name", "abbreviation"}

Span = tuple[int, int, str]


@dataclasses.dataclass(frozen=True)
class GoldDoc:
    id: str
    text: str
    spans: frozenset[Span]


def top_level(spans: Iterable[Span]) -> frozenset[Span]:
    """Drop spans lying inside a longer one (any type)."""
    spans = set(spans)
    return frozenset(s for s in spans
                     if not any(o[0] <= s[0] and s[1] <= o[1] and (o[1] - o[0]) > (s[1] - s[0])
                                for o in spans))


def load_factru(folder: Path = FACTRU) -> list[GoldDoc]:
    docs = []
    for txt in sorted(folder.glob("*.txt")):
        base = txt.with_suffix("")
        text = txt.read_text(encoding="utf-8")
        token_spans = {}
        for line in base.with_suffix(".spans").read_text(encoding="utf-8").splitlines():
            cells = line.split("#")[0].split()
            if len(cells) >= 4:
                token_spans[cells[0]] = (int(cells[2]), int(cells[2]) + int(cells[3]))
        gold = set()
        for line in base.with_suffix(".objects").read_text(encoding="utf-8").splitlines():
            cells = line.split("#")[0].split()
            if len(cells) < 3 or cells[1] not in FACTRU_TYPES:
                continue
            parts = [token_spans[s] for s in cells[2:] if s in token_spans]
            if parts:
                gold.add((min(p[0] for p in parts), max(p[1] for p in parts),
                          FACTRU_TYPES[cells[1]]))
        docs.append(GoldDoc(txt.stem, text, top_level(gold)))
    return docs


def load_nerel(folder: Path = NEREL_TEST) -> list[GoldDoc]:
    docs = []
    for txt in sorted(folder.glob("*.txt")):
        text = txt.read_text(encoding="utf-8")
        gold = set()
        for line in txt.with_suffix(".ann").read_text(encoding="utf-8").splitlines():
            if not line.startswith("T"):
                continue
            _, info, _ = line.split("\t", 2)
            label, *offsets = info.split()
            if label in NEREL_TYPES and ";" not in info:
                gold.add((int(offsets[0]), int(offsets[1]), NEREL_TYPES[label]))
        docs.append(GoldDoc(txt.stem, text, top_level(gold)))
    return docs


def natasha_spans(doc) -> frozenset[Span]:
    return frozenset((s.start, s.end, s.type) for s in doc.ner_spans)


def svodka_spans(doc) -> frozenset[Span]:
    return frozenset((m.start, m.end, e.type) for e in doc.entities
                     for m in e.mentions if m.kind in NAME_KINDS)


def score(gold: Iterable[frozenset[Span]], predicted: Iterable[frozenset[Span]]) -> dict:
    """{type: (precision, recall, f1)} for each of TYPES and "all"."""
    tp, fp, fn = Counter(), Counter(), Counter()
    for g, p in zip(gold, predicted):
        for s in p:
            (tp if s in g else fp)[s[2]] += 1
        for s in g - p:
            fn[s[2]] += 1
    out = {}
    for t in TYPES + ("all",):
        if t == "all":
            a, b, c = sum(tp.values()), sum(fp.values()), sum(fn.values())
        else:
            a, b, c = tp[t], fp[t], fn[t]
        p = a / (a + b) if a + b else 0.0
        r = a / (a + c) if a + c else 0.0
        out[t] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return out


def format_scores(title: str, scores: dict) -> str:
    rows = [f"{title:<28} {'P':>6} {'R':>6} {'F1':>6}"]
    rows += [f"  {t:<26} {p:6.3f} {r:6.3f} {f:6.3f}" for t, (p, r, f) in scores.items()]
    return "\n".join(rows)


def analyze_entities(texts: list[str]):
    """Parse in batches and run only the stages entity spans depend on."""
    from svodka.document import Document
    from svodka.resources import load_resources
    from svodka.stages.entities import find_entities
    from svodka.stages.parse import parse_many
    from svodka.stages.roles import resolve_roles
    res = load_resources()
    out = []
    for i in range(0, len(texts), 16):
        for doc in parse_many([Document(text=t) for t in texts[i:i + 16]]):
            out.append(resolve_roles(find_entities(doc, res), res))
    return out


def main() -> None:
    for name, gold_docs in (("NEREL test", load_nerel()), ("factRuEval dev", load_factru())):
        docs = analyze_entities([g.text for g in gold_docs])
        gold = [g.spans for g in gold_docs]
        print(format_scores(f"{name}: bare Natasha", score(gold, map(natasha_spans, docs))))
        print(format_scores(f"{name}: svodka", score(gold, map(svodka_spans, docs))))


if __name__ == "__main__":
    main()
