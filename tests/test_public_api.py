"""The Python API as a library user meets it: typed (`py.typed`, and
`mypy --strict` passes on `svodka`, `svodka.document` and `svodka.store`),
every public class and function documented, the version written once."""
from __future__ import annotations

import importlib
import inspect
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import svodka
import svodka.store

SRC = Path(svodka.__file__).resolve().parent
ROOT = SRC.parents[1]
DOCUMENTED = ["svodka", "svodka.document", "svodka.models", "svodka.errors", "svodka.store.core",
              "svodka.cli", "svodka.cli.analyze", "svodka.cli.ingest", "svodka.cli.quotes",
              "svodka.cli.serve", "svodka.cli.store", "svodka.cli.schema",
              "svodka.api.schemas", "svodka.api.ops"]


def _public(module):
    """(name, object) of the public classes, functions, methods and
    properties defined in `module`."""
    for name, obj in vars(module).items():
        if name.startswith("_") or getattr(obj, "__module__", None) != module.__name__:
            continue
        if inspect.isclass(obj) or inspect.isfunction(obj):
            yield name, obj
        if inspect.isclass(obj):
            for attr, member in vars(obj).items():
                if not attr.startswith("_") and (inspect.isfunction(member)
                                                 or isinstance(member, property)):
                    yield f"{name}.{attr}", member


def _documented(obj) -> bool:
    doc = (obj.__doc__ or "").strip()
    # A dataclass without a docstring gets its signature as one.
    return bool(doc) and not (inspect.isclass(obj) and doc.startswith(f"{obj.__name__}("))


@pytest.mark.parametrize("name", DOCUMENTED)
def test_every_public_class_and_function_has_a_docstring(name):
    module = importlib.import_module(name)
    assert [n for n, obj in _public(module) if not _documented(obj)] == []


def test_the_stores_exported_names_have_docstrings():
    undocumented = [n for n in svodka.store.__all__ if not _documented(getattr(svodka.store, n))]
    assert undocumented == []


def test_the_package_is_typed_and_the_version_is_written_once():
    assert (SRC / "py.typed").exists()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "svodka.__version__"}
    assert "py.typed" in project["tool"]["setuptools"]["package-data"]["svodka"]


@pytest.mark.skipif(shutil.which("mypy") is None and importlib.util.find_spec("mypy") is None,
                    reason="mypy is not installed")
def test_mypy_strict_passes_on_the_public_api():
    files = [SRC / "__init__.py", SRC / "document.py", SRC / "store" / "__init__.py",
             SRC / "store" / "core.py"]
    out = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent",
                          "--no-error-summary", *map(str, files)],
                         capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert out.returncode == 0, out.stdout + out.stderr
