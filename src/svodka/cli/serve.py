"""`svodka serve`: the HTTP API and web UI over a store."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from . import app, err, fail, options
from .checks import is_loopback, port_flag


def uvicorn_log_config() -> dict:
    """uvicorn's logging set-up with a timestamp on every line (its access
    log included)."""
    import copy

    from uvicorn.config import LOGGING_CONFIG
    config = copy.deepcopy(LOGGING_CONFIG)
    for formatter in config["formatters"].values():
        formatter["fmt"] = "%(asctime)s " + formatter["fmt"]
    return config


def _token(ctx: typer.Context, token: str | None, token_file: Path | None) -> str | None:
    """The write token: from --token-file, else SVODKA_TOKEN. A token typed
    on the command line is refused: `ps` shows it to every user."""
    source = ctx.get_parameter_source("token")
    if token and getattr(source, "name", None) == "COMMANDLINE":
        fail("--token on the command line is shown to every user by `ps`; "
             "set SVODKA_TOKEN or use --token-file")
    if token_file is not None:
        try:
            token = token_file.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as e:
            fail(f"--token-file {token_file}: {getattr(e, 'strerror', None) or e}")
        if not token:
            fail(f"--token-file {token_file}: the file is empty")
    return token or None


@app.command()
def serve(ctx: typer.Context,
          db: str = typer.Option(None, "--db", help="Store URL; default $SVODKA_DB or the user data dir."),
          host: str = typer.Option("127.0.0.1", "--host", help="Address to bind; 127.0.0.1 keeps it "
                                   "local. Any other needs a token."),
          port: int = typer.Option(8000, "--port", callback=port_flag, help="TCP port, 1-65535."),
          token: str = typer.Option(None, "--token", envvar="SVODKA_TOKEN", hidden=True,
                                    help="Bearer token for write endpoints (from SVODKA_TOKEN)."),
          token_file: Optional[Path] = typer.Option(
              None, "--token-file", help="File holding the bearer token for write endpoints "
                                         "(or set SVODKA_TOKEN); without one writes are off."),
          server_name: List[str] = typer.Option(
              [], "--server-name", help="A DNS name clients reach this server by (the Host "
                                        "header); IP addresses and localhost are always accepted."),
          workers: int = typer.Option(1, "--workers", min=1, max=64,
                                      help="Server processes; one per core serves the most "
                                           "readers at once.")):
    """Serve the JSON API (/api, /openapi.json) and the web UI over a store.

    Logs each request (the access log; --quiet turns it off). /health checks
    the store; /metrics has the Prometheus metrics.

    Example: SVODKA_TOKEN=s3cret svodka serve --db sqlite:///demo.db --port 8000 --workers 2
    """
    import uvicorn

    from ..api import create_app
    from ..api.processes import serve_processes, server_config
    from .store import open_store

    token = _token(ctx, token, token_file)
    if not is_loopback(host):
        if not token:
            fail(f"--host {host} serves beyond this machine: set a write token first "
                 "(SVODKA_TOKEN or --token-file)")
        err.print("warning: the token and every page travel in clear over HTTP; to reach "
                  "svodka from elsewhere put it behind a reverse proxy with TLS",
                  markup=False, highlight=False, soft_wrap=True)
    # The Host names this server answers to (DNS rebinding: a page of another
    # site whose name is made to resolve to this address is refused).
    names = [*server_name] + ([host] if not _is_address(host) else [])
    store = open_store(db, create=True)     # opens (and migrates) once, before any worker starts
    if not options.quiet:
        err.print(f"svodka: serving on http://{host}:{port}/ (writes {'on' if token else 'off'}"
                  f"{f', {workers} processes' if workers > 1 else ''})", highlight=False, markup=False)
    if workers == 1:
        config = server_config(create_app(store, token=token, server_names=names),
                               host=host, port=port,
                               log_level="warning" if options.quiet else "info",
                               access_log=not options.quiet, log_config=uvicorn_log_config())
        uvicorn.Server(config).run()
        return
    store.close()
    serve_processes(store.url, token, host, port, workers, server_names=names)


def _is_address(host: str) -> bool:
    import ipaddress
    try:
        ipaddress.ip_address(host.strip("[]"))
        return True
    except ValueError:
        return False
