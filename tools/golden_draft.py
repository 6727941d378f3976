"""Print a DRAFT golden file (tests/golden/<id>.json) from svodka's current
output, for a person to check value by value against the article and correct.

The draft is svodka's opinion, not the truth: every value must be read
against the text (and `shared/eval/GOLD.md`) before it goes into
`tests/golden/`. Where svodka is wrong, write the right value and list the
difference under `known_differences`. Never copy a draft over a reviewed file.

Run: `.venv/bin/python tools/golden_draft.py nerel/dev/230892_text`
(a corpus id: the path under `shared/corpus/` without `.txt`).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _drop_empty(d: dict) -> dict:
    return {k: v for k, v in d.items() if v not in (None, [], ())}


def draft(doc_id: str) -> dict:
    """The golden-file shape of svodka's current output for one article."""
    import svodka
    from svodka.ingest.text import read_text

    doc = svodka.to_dict(svodka.analyze(read_text(CORPUS / f"{doc_id}.txt"),
                                        source=f"{doc_id}.txt"))
    return {
        "doc": doc_id,
        "entities": [_drop_empty({
            "type": e["type"], "name": e["name"], "country": e["country"],
            "sector": e["sector"], "aliases": sorted(e["aliases"]),
            "roles": [_drop_empty({"name": r["name"], "country": r["country"],
                                   "sector": r["sector"]}) for r in e["roles"]],
            # mentions only for people: role references and pronouns to check
            "mentions": [[m["start"], m["text"], m["kind"]] for m in e["mentions"]]
            if e["type"] == "PER" else [],
        }) for e in doc["entities"]],
        "quotes": [{"text": q["text"], "kind": q["kind"],
                    "speaker": q["speaker"]["name"] if q["speaker"] else None}
                   for q in doc["quotes"]],
        "events": [{"type": ev["type"], "mode": ev["mode"],
                    "source": (ev["source"] or {}).get("country"),
                    "target": (ev["target"] or {}).get("country")}
                   for ev in doc["events"]],
        "amounts": [{"text": a["text"], "value": a["value"], "unit": a["unit"]}
                    for a in doc["amounts"]],
        "known_differences": [],
    }


def dumps(golden: dict) -> str:
    """JSON with one item a line, so that a reviewed diff reads item by item
    (no-break spaces written as `\\u00a0`, to be seen)."""
    lines = ["{", f' "doc": {json.dumps(golden["doc"], ensure_ascii=False)},']
    lists = [k for k in golden if k != "doc"]
    for n, key in enumerate(lists):
        items = [f"  {json.dumps(item, ensure_ascii=False)}".replace("\u00a0", "\\u00a0")
                 for item in golden[key]]
        comma = "," if n < len(lists) - 1 else ""
        lines += ([f' "{key}": [', ",\n".join(items), f" ]{comma}"] if items
                  else [f' "{key}": []{comma}'])
    return "\n".join(lines + ["}"]) + "\n"


if __name__ == "__main__":
    for arg in sys.argv[1:] or ["seed/000_ace31b1ed83a096e"]:
        print(dumps(draft(arg)), end="")
