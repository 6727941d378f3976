"""The `svodka` command line: thin shells over `svodka.analyze` and the store.

Each module here registers its commands on `app`; `main()` runs it.
"""
from __future__ import annotations

import typer
from rich.console import Console

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="svodka: Russian news into entities, quotes, events and amounts.")
err = Console(stderr=True)


def read_files(paths):
    """Yield (text, meta) for each readable article file; report each other
    one on stderr as a one-line error naming it, and go on."""
    from ..errors import SvodkaError
    from ..ingest.text import read_text
    for path in paths:
        try:
            yield read_text(path), {"source": str(path)}
        except SvodkaError as e:
            from .safe import error
            error(err, e)


@app.callback()
def _root() -> None:
    """svodka: Russian news into entities, quotes, events and amounts."""


def main() -> None:
    # Each command module registers itself on `app` when imported.
    from . import analyze  # noqa: F401
    from . import quotes  # noqa: F401
    from . import ingest  # noqa: F401
    from . import serve  # noqa: F401
    from . import store  # noqa: F401
    app()
