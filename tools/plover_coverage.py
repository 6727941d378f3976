"""Print the coverage of the Russian PLOVER lexicon (`resources/plover.tsv`)
as a Markdown table: per type, the entries by part of speech (verbs, nouns,
adjectives and particles; multi-word light-verb phrases apart) and per mode.

Run: `.venv/bin/python tools/plover_coverage.py` (the README's table).
"""
from __future__ import annotations

from collections import Counter, defaultdict

from svodka.events.triggers import event_types, lexicon
from svodka.resources import load_resources


def coverage() -> list[tuple[str, Counter, Counter]]:
    """(type, counts by kind of entry, counts by mode) in plover_types order."""
    res = load_resources()
    kinds: dict[str, Counter] = defaultdict(Counter)
    modes: dict[str, Counter] = defaultdict(Counter)
    for entries in lexicon(res).values():
        for e in entries:
            kind = "phrase" if len(e.words) > 1 else ("verb" if "VERB" in e.pos else
                                                      "noun" if "NOUN" in e.pos else "other")
            kinds[e.type][kind] += 1
            modes[e.type][e.mode or "(any)"] += 1
    return [(t, kinds[t], modes[t]) for t in event_types(res)]


def main() -> None:
    res = load_resources()
    print("| type | entries | verbs | nouns | light-verb phrases | other | modes covered (entries) | modes without an entry |")
    print("|---|---|---|---|---|---|---|---|")
    for t, kinds, modes in coverage():
        defined = [m for m in event_types(res)[t]["modes"].split("|") if m]
        covered = ", ".join(f"{m} {n}" for m, n in sorted(modes.items()))
        missing = ", ".join(m for m in defined if m not in modes) or "—"
        print(f"| {t} | {sum(kinds.values())} | {kinds['verb']} | {kinds['noun']} | {kinds['phrase']} "
              f"| {kinds['other']} | {covered} | {missing} |")


if __name__ == "__main__":
    main()
