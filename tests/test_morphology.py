"""Morphology is pymorphy3's, maintained and working on Python 3.12+:
nothing of svodka imports pymorphy2 or needs `pkg_resources`, and nothing
patches the standard library (`inspect.getargspec` stays gone)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import svodka
from paths import SEED

SRC = Path(svodka.__file__).resolve().parent


def test_no_module_of_svodka_imports_pymorphy2_or_pkg_resources():
    offenders = [str(p.relative_to(SRC)) for p in SRC.rglob("*.py")
                 if any(f"{verb} {name}" in p.read_text(encoding="utf-8")
                        for verb in ("import", "from") for name in ("pymorphy2", "pkg_resources"))]
    assert offenders == []


def test_analysis_needs_no_pkg_resources_and_patches_no_stdlib():
    # A fresh interpreter where `pkg_resources` cannot be imported, as on a
    # Python 3.12+ environment without setuptools.
    code = ("import sys, inspect\n"
            "sys.modules['pkg_resources'] = None\n"
            "import svodka\n"
            f"doc = svodka.analyze(open({str(SEED)!r}, encoding='utf-8').read())\n"
            "print(sum(q.kind == 'direct' for q in doc.quotes), hasattr(inspect, 'getargspec'))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["5", "False"]


def test_the_vocabulary_inflects_and_lemmatizes_with_natashas_ud_view(models):
    vocab = models.morph_vocab
    form = vocab("мажилиса")[0]
    assert (form.normal, form.pos, form.feats["Case"]) == ("мажилис", "NOUN", "Gen")
    assert form.inflect({"Nom"}).word == "мажилис"
    assert vocab.lemmatize("Президента", "NOUN", {"Case": "Gen", "Number": "Sing"}) == "президент"
