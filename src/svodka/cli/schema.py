"""`svodka schema`: the JSON Schema of the output documents."""
from __future__ import annotations

from . import app


@app.command()
def schema() -> None:
    """Print the JSON Schema of a document as `analyze --format json|jsonl`,
    the store's export and the HTTP API write it (shipped with the package).

    Example: svodka schema > document.schema.json
    """
    from importlib.resources import files
    print(files("svodka").joinpath("document.schema.json").read_text(encoding="utf-8"), end="")
