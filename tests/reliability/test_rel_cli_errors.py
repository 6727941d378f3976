"""Flags out of Typer's own ranges and types (issue 16, finding 9) end like
svodka's own checks: exit 2 and one `error: --flag value: reason` line on
stderr, not Click's four-line usage message; `--help`, `--version` and a
bare `svodka` keep their output and exit status, piped or not."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SVODKA = str(Path(sys.executable).parent / "svodka")


def _run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([SVODKA, *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "COLUMNS": "60"}, cwd=cwd)


@pytest.mark.parametrize("args, line", [
    (("search", "Минск", "--limit", "0"), "error: --limit 0: should be greater than or equal to 1"),
    (("quotes", "--limit=0"), "error: --limit 0: should be greater than or equal to 1"),
    (("serve", "--workers", "99"), "error: --workers 99: should be less than or equal to 64"),
    (("serve", "--port", "abc"),
     "error: --port abc: should be a valid integer, unable to parse string as an integer"),
    (("search", "Минск", "--format", "xml"),
     "error: --format xml: 'xml' is not one of 'table', 'json', 'jsonl', 'csv'"),
    (("search",), "error: Missing argument 'text' (see 'svodka search --help')"),
    (("search", "Минск", "--zzz"),
     "error: No such option: --zzz (see 'svodka search --help')"),
    (("search", "Минск", "--sinse", "2024"),
     "error: No such option: --sinse (Possible options: --since) (see 'svodka search --help')"),
    (("nope",), "error: No such command 'nope' (see 'svodka --help')"),
])
def test_typers_own_checks_exit_2_with_one_line(args, line, tmp_path):
    out = _run(*args, cwd=tmp_path)
    assert (out.returncode, out.stdout, out.stderr) == (2, "", line + "\n")


def test_help_and_version_keep_their_exit_status_piped_into_head():
    for command in ("--help | head -1", "search --help | head -1", "--version | head -1"):
        out = subprocess.run(["bash", "-c", f"'{SVODKA}' {command}; exit ${{PIPESTATUS[0]}}"],
                             capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, (command, out.stderr)
        assert out.stdout.startswith(("Usage: svodka", "svodka ")), out.stdout
    bare = _run()           # no command: the help, exit 2 (Click's no_args_is_help)
    assert bare.returncode == 2 and bare.stderr.startswith("Usage: svodka [OPTIONS] COMMAND")
