"""The server processes: `server_config(app)`, the uvicorn settings every
`svodka serve` process runs with, and `serve_processes(...)`, several
processes on one port.

`server_config` bounds what a client can hold: a connection must send its
request headers within `HEADER_SECONDS` of connecting (or of starting its
next request) or it is answered 408 and closed (slowloris: uvicorn has no
header time-out of its own, so its HTTP protocol is wrapped here); an idle
kept-alive connection is closed after `KEEP_ALIVE_SECONDS`; on SIGTERM the
requests under way get `GRACE_SECONDS` to finish, then are cancelled, so a
server stops within 5 s.

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
HEADER_SECONDS = 10.0   # from connecting (or a response) to the end of the next request's headers
KEEP_ALIVE_SECONDS = 5  # an idle kept-alive connection is closed after this
GRACE_SECONDS = 2.0     # on SIGTERM, for the requests under way
STOP_SECONDS = 4.0      # on SIGTERM, until worker processes are killed
_SLOW = b"the request headers took too long\n"
TIMED_OUT = (b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\n"
             b"connection: close\r\ncontent-length: %d\r\n\r\n%s" % (len(_SLOW), _SLOW))


def header_deadline(base: type) -> type:
    """uvicorn's HTTP protocol class `base` (h11 or httptools) with a
    deadline on request headers: from the connection being made, or from
    the first bytes of a later request on it, the headers must be complete
    within `HEADER_SECONDS`; otherwise 408 and the connection is closed.
    A request whose headers arrived is not timed here (its body is bounded
    by the body limit, its handling by the app)."""

    class HeaderDeadline(base):     # type: ignore[valid-type, misc]
        _header_timer = None

        def connection_made(self, transport) -> None:
            super().connection_made(transport)
            self._arm()

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            if self._awaiting_headers():
                self._arm()
            else:
                self._disarm()

        def connection_lost(self, exc) -> None:
            self._disarm()
            super().connection_lost(exc)

        def _awaiting_headers(self) -> bool:
            # uvicorn makes a new cycle when a request's headers are complete.
            return self.cycle is None or self.cycle.response_complete

        def _arm(self) -> None:
            if self._header_timer is None:
                self._header_timer = self.loop.call_later(HEADER_SECONDS, self._too_slow)

        def _disarm(self) -> None:
            if self._header_timer is not None:
                self._header_timer.cancel()
                self._header_timer = None

        def _too_slow(self) -> None:
            self._header_timer = None
            if self._awaiting_headers() and not self.transport.is_closing():
                self.transport.write(TIMED_OUT)
                self.transport.close()

    HeaderDeadline.__name__ = HeaderDeadline.__qualname__ = f"HeaderDeadline{base.__name__}"
    return HeaderDeadline


def http_protocol() -> type:
    """The HTTP protocol uvicorn would pick ("auto": httptools when
    installed, else h11), with the header deadline."""
    try:
        import httptools  # noqa: F401
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol as base
    except ImportError:
        from uvicorn.protocols.http.h11_impl import H11Protocol as base
    return header_deadline(base)


def server_config(app, **options):
    """The `uvicorn.Config` of a `svodka serve` process for `app` (`options`:
    host, port, logging): the header deadline, the keep-alive time-out and
    the grace period on SIGTERM."""
    import uvicorn
    return uvicorn.Config(app, http=http_protocol(), timeout_keep_alive=KEEP_ALIVE_SECONDS,
                          timeout_graceful_shutdown=GRACE_SECONDS, **options)


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
    config = server_config(create_app(Store(url), token=token, server_names=server_names),
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
        deadline = time.monotonic() + STOP_SECONDS
        for p in procs:
            p.join(max(0.0, deadline - time.monotonic()))
            if p.is_alive():
                p.kill()            # past its grace period: a request stuck in a thread
                p.join(5)
        for s, handler in previous.items():
            signal.signal(s, handler)
