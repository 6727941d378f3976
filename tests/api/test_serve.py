"""cli/serve.py: `svodka serve` binds 127.0.0.1 unless told otherwise and
takes its token from --token or SVODKA_TOKEN."""
from __future__ import annotations

import inspect

from typer.testing import CliRunner

from svodka.cli import app
from svodka.cli import serve as serve_module


def test_serve_defaults_to_localhost_and_reads_the_token_from_the_environment():
    params = inspect.signature(serve_module.serve).parameters
    assert params["host"].default.default == "127.0.0.1"
    assert params["port"].default.default == 8000
    assert params["token"].default.envvar == "SVODKA_TOKEN"
    out = CliRunner().invoke(app, ["serve", "--help"], env={"COLUMNS": "200"}).output
    assert "127.0.0.1" in out and "SVODKA_TOKEN" in out and "Example:" in out
