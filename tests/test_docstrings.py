"""Every public class and function of svodka states its contract in a
docstring (STYLE.md): each module whose dotted name has no underscored part,
each name in it without a leading underscore that the module defines, and
each such method or property a public class defines itself."""
from __future__ import annotations

import importlib
import inspect
import pkgutil

import svodka

# Alembic's scripts: env.py runs a migration when imported.
NOT_API = ("svodka.store.migrations",)


def public_modules() -> list[str]:
    names = ["svodka"]
    for info in pkgutil.walk_packages(svodka.__path__, "svodka."):
        parts = info.name.split(".")
        if any(p.startswith("_") for p in parts) or info.name.startswith(NOT_API):
            continue
        names.append(info.name)
    return sorted(names)


def _has_own_doc(obj: object) -> bool:
    doc = obj.__dict__.get("__doc__") if isinstance(obj, type) else obj.__doc__
    if not doc or not doc.strip():
        return False
    # dataclasses and NamedTuples write `Name(field, ...)` when none is given
    return not (isinstance(obj, type) and doc.startswith(f"{obj.__name__}("))


def undocumented(module_name: str) -> list[str]:
    module = importlib.import_module(module_name)
    missing = []
    for name, obj in vars(module).items():
        if name.startswith("_") or not (inspect.isclass(obj) or inspect.isfunction(obj)):
            continue
        if getattr(obj, "__module__", None) != module_name:
            continue        # imported from elsewhere: checked where it is defined
        if not _has_own_doc(obj):
            missing.append(name)
        if inspect.isclass(obj):
            missing.extend(f"{name}.{attr}" for attr, value in vars(obj).items()
                           if not attr.startswith("_") and _is_routine(value)
                           and not (getattr(value, "__doc__", None) or "").strip())
    return missing


def _is_routine(value: object) -> bool:
    return inspect.isfunction(value) or isinstance(value, (property, staticmethod, classmethod))


def test_the_walk_reaches_the_public_modules():
    modules = public_modules()
    assert {"svodka.document", "svodka.store.core", "svodka.ingest.dedup",
            "svodka.cli"} <= set(modules)
    assert not any(m.startswith("svodka.store.migrations") for m in modules)


def test_every_public_class_and_function_has_a_docstring():
    missing = {m: names for m in public_modules() if (names := undocumented(m))}
    assert missing == {}
