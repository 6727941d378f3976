"""Validated flags and a server that answers only for its own names (issue
16, finding 9): bad dates and ports end with exit 2 and one line; `--host`
beyond loopback needs a token and warns that it travels in clear; the token
is not taken from the command line; a Host header of another name (DNS
rebinding) is refused; `POST /api/documents` applies the ingest checks."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from hostile_inputs import SEED
from live_server import free_port, serving

SVODKA = str(Path(sys.executable).parent / "svodka")
TOKEN = "flags-token-77a0"
TEXT = SEED.read_text(encoding="utf-8")


def _run(*args, env=None):
    import svodka.cli.quotes  # noqa: F401  (registers the commands)
    import svodka.cli.serve  # noqa: F401
    import svodka.cli.store  # noqa: F401
    from svodka.cli import app
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "200", **(env or {})})


@pytest.mark.parametrize("args, line", [
    (("serve", "--port", "70000"), "error: --port 70000: a port is a number from 1 to 65535"),
    (("serve", "--port", "0"), "error: --port 0: a port is a number from 1 to 65535"),
    (("search", "Минск", "--since", "2024-13-45"),
     "error: --since '2024-13-45': expected a date as YYYY-MM-DD (or YYYY-MM, YYYY)"),
    (("events", "--until", "вчера"),
     "error: --until 'вчера': expected a date as YYYY-MM-DD (or YYYY-MM, YYYY)"),
    (("quotes", "--since", "<b>"),
     "error: --since '<b>': expected a date as YYYY-MM-DD (or YYYY-MM, YYYY)"),
    (("serve", "--token", "s3cret"),
     "error: --token on the command line is shown to every user by `ps`; set SVODKA_TOKEN "
     "or use --token-file"),
    (("serve", "--host", "192.0.2.1"),
     "error: --host 192.0.2.1 serves beyond this machine: set a write token first "
     "(SVODKA_TOKEN or --token-file)"),
])
def test_bad_flags_exit_2_with_one_line(args, line, tmp_path):
    out = _run(*args, "--db", f"sqlite:///{tmp_path / 'x.db'}", env={"SVODKA_TOKEN": ""})
    assert (out.exit_code, out.output) == (2, line + "\n")


def test_host_beyond_loopback_with_a_token_warns_that_it_travels_in_clear(tmp_path):
    # 192.0.2.1 (TEST-NET) is on no interface: the server warns, then cannot bind.
    proc = subprocess.run([SVODKA, "serve", "--host", "192.0.2.1", "--port", str(free_port()),
                           "--db", f"sqlite:///{tmp_path / 'x.db'}"],
                          env={**os.environ, "SVODKA_TOKEN": TOKEN},
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0
    assert proc.stderr.splitlines()[0] == (
        "warning: the token and every page travel in clear over HTTP; to reach svodka from "
        "elsewhere put it behind a reverse proxy with TLS")


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    db = f"sqlite:///{tmp_path_factory.mktemp('flags') / 'f.db'}"
    with serving(db, "--server-name", "svodka.example", env={"SVODKA_TOKEN": TOKEN}) as (_, base):
        yield base


@pytest.mark.parametrize("host, status", [
    (None, 200), ("127.0.0.1", 200), ("localhost", 200), ("svodka.example", 200),
    ("[::1]", 200), ("attacker.example", 421), ("localhost.attacker.example", 421),
])
def test_the_server_answers_only_for_the_names_it_serves(live, host, status):
    port = live.rsplit(":", 1)[1]
    headers = {"Host": f"{host}:{port}"} if host else {}
    r = httpx.get(live + "/api/documents", headers=headers, timeout=30)
    assert r.status_code == status, r.text


@pytest.mark.parametrize("body, reason", [
    ({"text": TEXT, "published": "вчера"},
     "cannot store this text: published 'вчера' is not a date (expected ISO 8601, e.g. 2024-03-12)"),
    ({"text": "The Prime Minister met the President of Kazakhstan in Minsk on Monday."},
     "cannot store this text: not Russian text (58 Latin letters, 0 Cyrillic)"),
])
def test_posted_documents_pass_the_ingest_checks(live, body, reason):
    r = httpx.post(live + "/api/documents", json=body, timeout=60,
                   headers={"Authorization": f"Bearer {TOKEN}"})
    assert (r.status_code, r.json()["detail"]) == (422, reason)


def test_a_posted_title_loses_its_control_characters(live):
    r = httpx.post(live + "/api/documents", timeout=120,
                   headers={"Authorization": f"Bearer {TOKEN}"},
                   json={"text": TEXT, "title": "Минск\x1b]0;pwned\x07 итоги\x9b",
                         "published": "12.03.2024"})
    assert r.status_code == 201, r.text
    assert (r.json()["title"], r.json()["published"]) == ("Минск ]0;pwned итоги", "2024-03-12")
