"""svodka: Russian news into entities, attributed quotes, PLOVER events and amounts.

`analyze(text)` returns a `Document`; `to_dict`/`from_dict` are its JSON form
(described by `svodka.document.json_schema()`). Each is imported on
first use, so that `import svodka` and the command line start quickly.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .document import SCHEMA_VERSION, Document, from_dict, to_dict
    from .pipeline import analyze, analyze_many

__all__ = ["Document", "SCHEMA_VERSION", "analyze", "analyze_many", "from_dict", "to_dict",
           "__version__"]
# The one place the version is written: pyproject.toml reads it from here.
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    """The public names, each imported from its module on first use."""
    if name in ("analyze", "analyze_many"):
        from . import pipeline
        return getattr(pipeline, name)
    if name in ("SCHEMA_VERSION", "Document", "from_dict", "to_dict"):
        from . import document
        return getattr(document, name)
    raise AttributeError(f"module 'svodka' has no attribute {name!r}")
