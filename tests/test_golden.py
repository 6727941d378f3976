"""Golden tests: svodka's whole output on real articles against expected
values checked by hand (`tests/golden/<corpus id>.json`).

Each golden file holds, for one article of `shared/corpus`, the expected
entities (type and name; country, sector, aliases, roles and mentions
`[start, text, kind]` where given), quotes (text, kind, speaker), events
(type, mode, source and target country) and amounts (text, value, unit).
`known_differences` lists, with a reason, where svodka's output is known to
differ from the truth:
  {"field": F, "missing": item}   expected, but svodka does not produce it;
  {"field": F, "extra": item}     svodka produces it, but it is wrong;
  {"field": "entities", "name": N, "attribute": A, "actual": V}
                                  the entity's attribute A is V, not the
                                  expected value.
Each test asserts the exact output = expected ± the known differences, so a
known difference that disappears fails too: review the file, never
regenerate it (`tools/golden_draft.py` prints a draft to check by hand).
"""
from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from paths import CORPUS

GOLDEN = Path(__file__).resolve().parent / "golden"
FILES = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLDEN.glob("*.json"))}
FIELDS = ("entities", "quotes", "events", "amounts")
ATTRIBUTES = ("country", "sector", "aliases", "roles", "mentions")


@pytest.fixture(scope="module")
def docs():
    """{golden file stem: analyzed Document}, each article analyzed once."""
    from svodka import analyze_many
    from svodka.ingest.text import read_text
    items = [(read_text(CORPUS / f"{g['doc']}.txt"), {"source": f"{g['doc']}.txt"})
             for g in FILES.values()]
    return dict(zip(FILES, analyze_many(items)))


def _observed(doc) -> dict:
    """The document in the golden files' shape."""
    return {
        "entities": [{"type": e.type, "name": e.name, "country": e.country, "sector": e.sector,
                      "aliases": list(e.aliases),
                      "mentions": [[m.start, m.text, m.kind] for m in e.mentions],
                      "roles": [{"name": r.name, "country": r.country, "sector": r.sector}
                                for r in e.roles]} for e in doc.entities],
        "quotes": [{"text": q.text, "kind": q.kind,
                    "speaker": q.speaker.name if q.speaker else None} for q in doc.quotes],
        "events": [{"type": e.type, "mode": e.mode,
                    "source": e.source.country if e.source else None,
                    "target": e.target.country if e.target else None} for e in doc.events],
        "amounts": [{"text": a.text, "value": a.value, "unit": a.unit} for a in doc.amounts],
    }


KEYS = {
    "entities": lambda d: (d["type"], d["name"]),
    "quotes": lambda d: (d["text"], d["kind"], d["speaker"]),
    "events": lambda d: (d["type"], d["mode"], d["source"], d["target"]),
    "amounts": lambda d: (d["text"], Decimal(str(d["value"])), d["unit"]),
}


def _known(golden: dict, field: str) -> list[dict]:
    return [k for k in golden.get("known_differences", ()) if k["field"] == field]


def test_golden_files_name_their_article():
    assert set(FILES) >= {"000_ace31b1ed83a096e", "nerel_dev_230892_text"}
    for stem, golden in FILES.items():
        assert stem.endswith(golden["doc"].split("/")[-1])
        assert (CORPUS / f"{golden['doc']}.txt").is_file()
        assert set(golden) <= {"doc", *FIELDS, "known_differences"}
        for k in golden.get("known_differences", ()):
            assert k["field"] in FIELDS and k.get("why"), k
            assert len({"missing", "extra", "attribute"} & set(k)) == 1, k
            assert k.get("attribute", "country") in ATTRIBUTES, k
        text = (CORPUS / f"{golden['doc']}.txt").read_text(encoding="utf-8")
        texts = [i["text"] for i in golden["quotes"] + golden["amounts"]]
        texts += [k[s]["text"] for k in golden.get("known_differences", ())
                  for s in ("missing", "extra") if k["field"] in ("quotes", "amounts") and s in k]
        assert [t for t in texts if t not in text] == []
        mentions = [m for e in golden["entities"] for m in e.get("mentions", ())]
        mentions += [m for k in golden.get("known_differences", ())
                     if k.get("attribute") == "mentions" for m in k["actual"]]
        assert [m for m in mentions if text[m[0]:m[0] + len(m[1])] != m[1]] == []


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("stem", FILES)
def test_items(stem, field, docs):
    """The exact multiset of items (entities by type and name) = expected,
    minus the known missing ones, plus the known extra ones."""
    golden, key = FILES[stem], KEYS[field]
    expected = Counter(key(item) for item in golden[field])
    for k in _known(golden, field):
        if "missing" in k:
            assert expected[key(k["missing"])] > 0, f"known missing item is not expected: {k}"
            expected[key(k["missing"])] -= 1
        elif "extra" in k:
            expected[key(k["extra"])] += 1
    actual = Counter(key(item) for item in _observed(docs[stem])[field])
    assert {"unexpected": sorted(map(str, actual - expected)),
            "lacking": sorted(map(str, +expected - actual))} == {"unexpected": [], "lacking": []}


def _roles(roles: list[dict], want: list[dict]) -> list:
    """Roles as sorted tuples, each reduced to the keys its expected role gives."""
    keys = {r["name"]: tuple(r) for r in want}
    return sorted(tuple((k, r.get(k)) for k in keys.get(r["name"], ("name",))) for r in roles)


def _value(attribute: str, value, want):
    if attribute in ("aliases", "mentions"):
        return sorted(value)
    if attribute == "roles":
        return _roles(value, want)
    return value


@pytest.mark.parametrize("stem", FILES)
def test_entity_attributes(stem, docs):
    """Country, sector, aliases, roles and mentions of the entities whose
    golden entry states them (roles compared on the keys the golden role gives)."""
    golden = FILES[stem]
    found = {(e["type"], e["name"]): e for e in _observed(docs[stem])["entities"]}
    known = {(k["name"], k["attribute"]): k["actual"]
             for k in _known(golden, "entities") if "attribute" in k}
    names = {e["name"] for e in golden["entities"]}
    assert {name for name, _ in known} <= names, "a known difference names no golden entity"
    wrong = []
    for ent in golden["entities"]:
        got = found.get((ent["type"], ent["name"]))
        for attribute in ATTRIBUTES:
            if attribute not in ent or got is None:
                continue
            want = known.get((ent["name"], attribute), ent[attribute])
            if _value(attribute, got[attribute], ent.get("roles", ())) != _value(
                    attribute, want, ent.get("roles", ())):
                wrong.append((ent["name"], attribute, got[attribute], want))
    assert wrong == []


@pytest.mark.parametrize("stem", FILES)
def test_offsets(stem, docs):
    """Every item with offsets points at its own text."""
    from svodka.document import spans
    doc = docs[stem]
    items = list(spans(doc))
    assert len(items) > 10
    for item in items:
        assert 0 <= item.start < item.end <= len(doc.text)
        assert doc.text[item.start:item.end] == item.text
