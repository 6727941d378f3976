"""Fixtures for the web tests: a store filled from real corpus articles (the
same as the API tests', see tests/api/store_fixture.py) and the real server
(`svodka serve`) over it on 127.0.0.1 with a free port."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "api"))

# Test modules elsewhere do `from conftest import CORPUS`, which reads
# whichever conftest was imported last; so this one offers the root's paths too.
ROOT = HERE.parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SEED = CORPUS / "seed" / "000_ace31b1ed83a096e.txt"
GOLD = SHARED / "eval" / "quotes-dev.gold.jsonl"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def web_db(tmp_path_factory, models) -> str:
    from store_fixture import fill
    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'store.db'}"
    fill(url).close()
    return url


@pytest.fixture(scope="session")
def web_store(web_db):
    from svodka.store import Store
    store = Store(web_db)
    yield store
    store.close()


@pytest.fixture(scope="session")
def web_client(web_store):
    from fastapi.testclient import TestClient

    from svodka.api import create_app
    with TestClient(create_app(web_store)) as c:
        yield c


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(web_db):
    """Base URL of `svodka serve` running over the filled store."""
    import httpx
    port = _free_port()
    svodka = Path(sys.executable).parent / "svodka"
    proc = subprocess.Popen([str(svodka), "--quiet", "serve", "--db", web_db, "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                if httpx.get(base + "/api/entities?limit=1", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                if proc.poll() is not None:
                    raise RuntimeError(proc.stderr.read().decode())
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh page that records any JavaScript dialog (alert) it sees."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    pg = context.new_page()
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()
