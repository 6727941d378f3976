from __future__ import annotations

from pathlib import Path

import pytest

# Test modules elsewhere do `from conftest import CORPUS`, which reads
# whichever conftest was imported last; so this one offers the root's paths too.
ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SEED = CORPUS / "seed" / "000_ace31b1ed83a096e.txt"
GOLD = SHARED / "eval" / "quotes-dev.gold.jsonl"


@pytest.fixture(scope="session")
def store(tmp_path_factory, models):
    from store_fixture import fill
    return fill(f"sqlite:///{tmp_path_factory.mktemp('api') / 'store.db'}")


@pytest.fixture(scope="session")
def docs(store):
    from store_fixture import analyzed
    return analyzed()


@pytest.fixture(scope="session")
def client(store):
    from fastapi.testclient import TestClient

    from store_fixture import TOKEN
    from svodka.api import create_app
    with TestClient(create_app(store, token=TOKEN)) as c:
        yield c
