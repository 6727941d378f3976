"""web/ and api/ are siblings over store/: neither imports the other; one
app factory (svodka.app) mounts both."""
from __future__ import annotations

import ast
from pathlib import Path

import svodka

PACKAGE = Path(svodka.__file__).parent


def imports_of(folder: str) -> set[str]:
    """Modules imported by the package `folder`, made absolute."""
    out = set()
    for path in (PACKAGE / folder).glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = f"svodka.{folder}" if node.level == 1 else "svodka" if node.level == 2 else ""
                name = f"{base}.{node.module}" if base and node.module else (node.module or base)
                out.add(name)
            elif isinstance(node, ast.Import):
                out.update(a.name for a in node.names)
    return out


def test_web_never_imports_api():
    assert not {m for m in imports_of("web") if m.startswith("svodka.api")}


def test_api_imports_web_only_through_the_app_factory():
    assert not {m for m in imports_of("api") if m.startswith("svodka.web")}


def test_one_factory_mounts_both(web_client):
    for path in ("/api/events", "/events", "/docs", "/map", "/static/style.css"):
        assert web_client.get(path).status_code == 200, path
