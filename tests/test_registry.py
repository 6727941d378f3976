"""Registry audits: every pipeline stage states its contract, and every
command of the `svodka` CLI has help text with a usage example."""
from __future__ import annotations

import importlib
import pkgutil

import pytest
import typer.main
from typer.testing import CliRunner

import svodka.cli
from svodka.pipeline import STAGES


def _load_commands() -> None:
    """Import every module of `svodka.cli`, as `main()` does: each one
    registers its commands on `svodka.cli.app` when imported."""
    for module in pkgutil.iter_modules(svodka.cli.__path__):
        importlib.import_module(f"svodka.cli.{module.name}")


def _commands(group, prefix=("svodka",)):
    """(`svodka sub ...` path, click command) for every leaf command."""
    for name, command in sorted(group.commands.items()):
        path = prefix + (name,)
        if hasattr(command, "commands"):
            yield from _commands(command, path)
        else:
            yield " ".join(path), command


def _cli_commands():
    _load_commands()
    return list(_commands(typer.main.get_command(svodka.cli.app)))


def test_stages_are_named_and_ordered():
    names = [stage.__name__ for stage in STAGES]
    assert names[0] == "parse"
    assert len(set(names)) == len(names)


@pytest.mark.parametrize("stage", STAGES, ids=lambda s: s.__name__)
def test_stage_has_docstring(stage):
    doc = (stage.__doc__ or "").strip()
    assert len(doc) >= 20, f"stage {stage.__name__} needs a docstring stating its contract"


_COMMANDS = _cli_commands()


def test_cli_has_its_commands():
    names = {path.split()[-1] for path, _ in _COMMANDS}
    assert {"analyze", "ingest", "serve"} <= names


@pytest.mark.parametrize("path, command", _COMMANDS, ids=[path for path, _ in _COMMANDS])
def test_command_help_has_example(path, command):
    help_text = command.help or ""
    assert help_text.strip(), f"`{path}` has no help text"
    assert "Example:" in help_text, f"`{path} --help` shows no usage example"
    assert path.split()[-1] in help_text.split("Example:", 1)[1], \
        f"the example in `{path} --help` does not run `{path}`"
    shown = CliRunner().invoke(svodka.cli.app, path.split()[1:] + ["--help"])
    assert shown.exit_code == 0 and "Example:" in shown.output
