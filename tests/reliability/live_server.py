"""A real `svodka serve` process on 127.0.0.1 for the reliability tests."""
from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

SVODKA = str(Path(sys.executable).parent / "svodka")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(db_url: str, *args: str, env: dict | None = None, timeout: float = 60):
    """Run `svodka --quiet serve --db db_url --port <free> *args` (default host) until
    the block ends; yields (process, base URL). Output goes to the log file
    next to nothing (--quiet: no access log): stderr is kept for the failure message."""
    port = free_port()
    proc = subprocess.Popen([SVODKA, "--quiet", "serve", "--db", db_url, "--port", str(port), *args],
                            env={**os.environ, **(env or {})},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise AssertionError(f"svodka serve exited: {proc.stderr.read().decode()[-2000:]}")
            try:
                if httpx.get(f"{base}/openapi.json", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "svodka serve did not answer in time"
            time.sleep(0.2)
        yield proc, base
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
        proc.stderr.close()
