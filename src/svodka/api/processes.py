"""Several server processes on one port: `serve_processes(...)`.

Each process binds its own listening socket with `SO_REUSEPORT`, so the
kernel spreads new connections over the processes by their addresses.
(Sharing one socket, as uvicorn's own `--workers` does, lets whichever
process is awake take every connection of a burst: the 32 kept-alive
connections of a load test all went to one process while the other idled.)

The parent opens the store once (running migrations) before any worker
starts, then only supervises: it restarts a worker that dies, and stops them
all on SIGINT or SIGTERM.
"""
from __future__ import annotations

import multiprocessing
import signal
import socket
import time

RESTART_PAUSE = 1.0     # seconds between restarts of a worker that keeps dying


def listening_socket(host: str, port: int) -> socket.socket:
    """A TCP socket listening on (host, port), sharing it with the other
    processes' sockets (`SO_REUSEPORT`)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def _worker(url: str, token: str | None, host: str, port: int,
            server_names: list[str] | None = None) -> None:
    """One server process: its own store connection pool, app and socket."""
    import uvicorn

    from ..store import Store
    from ..app import create_app
    sock = listening_socket(host, port)
    config = uvicorn.Config(create_app(Store(url), token=token, server_names=server_names),
                            log_level="warning")
    uvicorn.Server(config).run(sockets=[sock])


def serve_processes(url: str, token: str | None, host: str, port: int, workers: int,
                    server_names: list[str] | None = None) -> None:
    """Serve the store at `url` from `workers` processes on host:port until
    SIGINT or SIGTERM; a worker that exits on its own is started again."""
    ctx = multiprocessing.get_context("spawn")
    # Bind once here first, so a port in use is an error now, not in a worker.
    listening_socket(host, port).close()
    stopping = False

    def start():
        p = ctx.Process(target=_worker, args=(url, token, host, port, server_names), daemon=False)
        p.start()
        return p

    def stop(signum, frame):
        nonlocal stopping
        stopping = True

    previous = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}
    procs = [start() for _ in range(workers)]
    try:
        while not stopping:
            time.sleep(0.2)
            for i, p in enumerate(procs):
                if not p.is_alive() and not stopping:
                    time.sleep(RESTART_PAUSE)
                    procs[i] = start()
    finally:
        for p in procs:
            if p.is_alive():
                p.terminate()       # SIGTERM: uvicorn finishes the requests under way
        for p in procs:
            p.join(15)
            if p.is_alive():
                p.kill()
                p.join(5)
        for s, handler in previous.items():
            signal.signal(s, handler)
