"""Mine candidate cue words for resources/speech_verbs.tsv from the NEREL and
factRuEval texts in ../shared/corpus (the candidates are reviewed by hand
before any enters the lexicon; nothing here writes the resource).

Patterns, on raw text (no parser: they must be cheap over 900 texts):
    verb     `X <verb>, что …`          a finite verb right before `, что`
    colon    `<verb> X:` / `<verb>:`    a verb, at most three words, a colon
    as       `как <verb> X, …`          a parenthetical attribution
    source   `по <noun> X` / `согласно <noun> X`   a noun of speech after по/согласно
             (prepositional phrases followed by a capitalised name or a possessive)
    phrase   `X <verb> <word>, что …`   a verb and the noun or infinitive that makes
             it a cue (`обратил внимание, что`, `дал понять, что`, `пришел к выводу,
             что`); printed as the verb's lemma and the word as printed

Usage:
    python tools/mine_speech_verbs.py ../shared/corpus > /tmp/cue_candidates.tsv
Prints `pattern, lemma, aspect, count, example` sorted by count; lemmas
already in the lexicon are marked `known`.
"""
from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from natasha import MorphVocab   # pymorphy2 as natasha sets it up

_W = r"[А-Яа-яЁё-]+"
PATTERNS = {
    "verb": re.compile(rf"(?<![А-Яа-яЁё-])({_W}),\s+что\b"),
    "colon": re.compile(rf"(?<![А-Яа-яЁё-])({_W})(?:\s+[А-ЯЁ]{_W}){{0,3}}\s*:\s*[«\"„—–-]"),
    "as": re.compile(rf"(?:^|[.!?»\n]\s*|,\s*)[Кк]ак\s+({_W})\s"),
    "phrase": re.compile(rf"(?<![А-Яа-яЁё-])({_W})\s+((?:к\s+)?{_W})(?:\s+на\s+то)?,\s+что\b"),
    "source": re.compile(rf"\b(?:[Пп]о|[Сс]огласно)\s+(?:(?:его|ее|её|их|нашим|моим)\s+)?({_W})\s+"
                         rf"(?:[А-ЯЁ\"«]|его|ее|её|их)"),
}
# `по` + dative nouns of speech; `согласно` + dative too
SOURCE_CASES = {"datv", "loct"}


def texts(corpus: Path):
    for sub in ("nerel", "factru"):
        yield from sorted((corpus / sub).rglob("*.txt"))


def main(corpus: Path) -> None:
    morph = MorphVocab()
    known = set()
    lexicon = Path(__file__).resolve().parents[1] / "src/svodka/resources/speech_verbs.tsv"
    for line in lexicon.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            cue = line.split("\t")[0]
            known.update((cue, cue.split()[-1]))
    counts: Counter = Counter()
    examples: dict = defaultdict(str)
    aspects: dict = {}
    for path in texts(corpus):
        text = path.read_text(encoding="utf-8", errors="replace")
        for name, pat in PATTERNS.items():
            for m in pat.finditer(text):
                word = m.group(1).lower()
                parses = morph.parse(word)
                if not parses:
                    continue
                parse = parses[0]
                if name == "phrase":
                    other = morph.parse(m.group(2).split()[-1].lower())
                    if parse.tag.POS != "VERB" or not other or \
                            other[0].tag.POS not in ("NOUN", "INFN"):
                        continue
                if name == "source":
                    if parse.tag.POS != "NOUN" or not (parse.tag.case in SOURCE_CASES):
                        continue
                elif parse.tag.POS not in ("VERB", "PRTS"):
                    continue
                lemma = parse.normal_form.replace("ё", "е")   # as svodka's lemmas
                if name == "phrase":
                    lemma = f"{lemma} {' '.join(m.group(2).lower().split())}"
                key = (name, lemma)
                counts[key] += 1
                aspects[key] = str(parse.tag.aspect or "")
                if not examples[key]:
                    a, b = max(0, m.start() - 40), min(len(text), m.end() + 30)
                    examples[key] = " ".join(text[a:b].split())
    print("pattern\tlemma\taspect\tcount\tknown\texample")
    for (name, lemma), n in counts.most_common():
        mark = "known" if lemma in known else ""
        print(f"{name}\t{lemma}\t{aspects[(name, lemma)]}\t{n}\t{mark}\t{examples[(name, lemma)]}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus"))
