from __future__ import annotations

import pytest


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
