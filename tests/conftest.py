"""Shared fixtures: the corpus paths and a session-wide analyzed seed."""
from __future__ import annotations

import pytest

from paths import CORPUS, GOLD, ROOT, SEED, SHARED  # noqa: F401  (re-exported)


@pytest.fixture(scope="session")
def models():
    from svodka.models import load_models
    return load_models()


@pytest.fixture(scope="session")
def res():
    from svodka.resources import load_resources
    return load_resources()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_doc(seed_text, models):
    import svodka
    return svodka.analyze(seed_text, source=str(SEED))
