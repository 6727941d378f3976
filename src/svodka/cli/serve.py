"""`svodka serve`: the HTTP API and web UI over a store."""
from __future__ import annotations

import typer

from . import app, err, options


def uvicorn_log_config() -> dict:
    """uvicorn's logging set-up with a timestamp on every line (its access
    log included)."""
    import copy

    from uvicorn.config import LOGGING_CONFIG
    config = copy.deepcopy(LOGGING_CONFIG)
    for formatter in config["formatters"].values():
        formatter["fmt"] = "%(asctime)s " + formatter["fmt"]
    return config


@app.command()
def serve(db: str = typer.Option(None, "--db", help="Store URL; default $SVODKA_DB or the user data dir."),
          host: str = typer.Option("127.0.0.1", "--host", help="Address to bind; 127.0.0.1 keeps it local."),
          port: int = typer.Option(8000, "--port"),
          token: str = typer.Option(None, "--token", envvar="SVODKA_TOKEN",
                                    help="Bearer token for write endpoints; without it writes are off."),
          workers: int = typer.Option(1, "--workers", min=1, max=64,
                                      help="Server processes; one per core serves the most "
                                           "readers at once.")):
    """Serve the JSON API (/api, /openapi.json) and the web UI over a store.

    Logs each request (the access log; --quiet turns it off). /health checks
    the store; /metrics has the Prometheus metrics.

    Example: svodka serve --db sqlite:///demo.db --port 8000 --token s3cret --workers 2
    """
    import uvicorn

    from ..api import create_app
    from ..api.processes import serve_processes
    from .store import open_store

    store = open_store(db, create=True)     # opens (and migrates) once, before any worker starts
    if not options.quiet:
        err.print(f"svodka: serving on http://{host}:{port}/ (writes {'on' if token else 'off'}"
                  f"{f', {workers} processes' if workers > 1 else ''})", highlight=False)
    if workers == 1:
        uvicorn.run(create_app(store, token=token), host=host, port=port,
                    log_level="warning" if options.quiet else "info",
                    access_log=not options.quiet, log_config=uvicorn_log_config())
        return
    store.close()
    serve_processes(store.url, token, host, port, workers)
