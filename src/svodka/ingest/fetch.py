"""HTTP(S) GET of an untrusted URL: a total deadline, a cap on the decoded
bytes, at most `MAX_REDIRECTS` redirects, and no connection to a loopback,
private, link-local or multicast address unless the caller allows it.

The address check is made where the connection is opened (`_GuardedBackend`),
on the address actually connected to, for the first URL and every redirect:
a name that resolves to a public address when checked and to 127.0.0.1 when
connected (DNS rebinding) cannot slip between the two. Content-Encoding
layers (`gzip, gzip, ...`) are undone here, piece by piece, so a small
compressed body that unpacks to gigabytes is refused at `max_bytes`.
"""
from __future__ import annotations

import ipaddress
import socket
import threading
import time
import zlib
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from ..errors import IngestError

TIMEOUT_S = 10.0            # per connect / read
DEADLINE_S = 30.0           # per fetch, redirects and body included
MAX_REDIRECTS = 5
_REDIRECTS = (301, 302, 303, 307, 308)
MAX_ENCODINGS = 4           # Content-Encoding layers undone; more is refused
STOP_POLL_S = 0.5           # how often a read looks at the stop event
_PIECE = 1 << 16            # decoded bytes produced per step of each layer
USER_AGENT = "svodka/0.1 (+news analysis; polite polling)"
PRIVATE_HINT = "pass --allow-private-network to fetch from an intranet"


@dataclass(frozen=True, slots=True)
class Response:
    """What `fetch` got: the final URL after redirects, status 200 with the body
    (decompressed) or 304 Not Modified without one, and the validators
    (ETag, Last-Modified) for the next conditional request."""
    url: str                    # after redirects
    status: int                 # 200 or 304
    content: bytes = b""
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """What an ingest may read besides public web pages: intranet addresses
    (`--allow-private-network`) and, for a feed that is a local file, the
    local files its items link inside its own folder (`--allow-local-links`)."""
    allow_private_network: bool = False
    allow_local_links: bool = False
    deadline: float = DEADLINE_S


class Refused(Exception):
    """A connection the fetch policy does not allow (raised at connect)."""


def refusal(ip: str) -> str | None:
    """Why `ip` may not be fetched from without --allow-private-network, or
    None for a public (globally routable, unicast) address."""
    addr = ipaddress.ip_address(ip.split("%", 1)[0])
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
        addr = addr.ipv4_mapped
    for kind in ("loopback", "link_local", "multicast", "private", "unspecified", "reserved"):
        if getattr(addr, f"is_{kind}"):
            return f"{ip} is a {kind.replace('_', '-')} address"
    if not addr.is_global:
        return f"{ip} is not a public address"
    return None


class Stopped(Exception):
    """The fetch was asked to stop (`svodka watch` got SIGTERM)."""


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write waits at most until `deadline`
    (time.monotonic()): a server trickling a byte every few seconds is cut
    off at the deadline, not kept alive by each byte. With a `stop` event,
    reads wait in slices of `STOP_POLL_S` and end soon after it is set."""

    def __init__(self, stream: httpcore.NetworkStream, deadline: float,
                 stop: threading.Event | None = None):
        self._stream = stream
        self._deadline = deadline
        self._stop = stop

    def _left(self, timeout: float | None) -> float:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise httpcore.ReadTimeout("the fetch deadline has passed")
        return left if timeout is None else min(timeout, left)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        if self._stop is None:
            return self._stream.read(max_bytes, self._left(timeout))
        until = None if timeout is None else time.monotonic() + timeout
        while True:
            if self._stop.is_set():
                raise Stopped("stopped")
            left = self._left(None if until is None else until - time.monotonic())
            if left <= 0:
                raise httpcore.ReadTimeout("no data within the read time-out")
            try:
                return self._stream.read(max_bytes, min(left, STOP_POLL_S))
            except httpcore.ReadTimeout:
                if left <= STOP_POLL_S:
                    raise

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._left(timeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None):
        return _DeadlineStream(self._stream.start_tls(ssl_context, server_hostname,
                                                      self._left(timeout)),
                               self._deadline, self._stop)

    def get_extra_info(self, info: str):
        return self._stream.get_extra_info(info)


class _GuardedBackend(httpcore.SyncBackend):
    """Resolves the host itself, refuses non-public addresses (unless
    allowed) and connects to the address it checked."""

    def __init__(self, deadline: float, allow_private: bool,
                 stop: threading.Event | None = None):
        self.deadline = deadline
        self.allow_private = allow_private
        self.stop = stop

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as e:
            raise httpcore.ConnectError(f"cannot resolve {host} ({e})") from None
        ips = list(dict.fromkeys(info[4][0] for info in infos))
        if not self.allow_private:
            for ip in ips:
                if why := refusal(ip):
                    raise Refused(f"{host} resolves to {ip}: {why.split(' is ', 1)[1]}"
                                  if ip != host else why)
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise httpcore.ConnectTimeout("the fetch deadline has passed")
        timeout = left if timeout is None else min(timeout, left)
        error = None
        for ip in ips:      # as socket.create_connection does: the first that answers
            try:
                stream = super().connect_tcp(ip, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as e:
                error = e
                continue
            return _DeadlineStream(stream, self.deadline, self.stop)
        raise error


def _client(deadline: float, timeout: float, allow_private: bool,
            stop: threading.Event | None) -> httpx.Client:
    transport = httpx.HTTPTransport()
    # httpx does not take a network backend; its connection pool does.
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(),
        network_backend=_GuardedBackend(deadline, allow_private, stop))
    # No proxies from the environment: they would connect to the proxy, not
    # to the checked address.
    return httpx.Client(transport=transport, timeout=timeout, follow_redirects=False,
                        trust_env=False)


def _decoders(header: str, source: str) -> list:
    """One zlib decompressor per Content-Encoding layer, in decoding order."""
    names = [n.strip().lower() for n in header.split(",") if n.strip()]
    names = [n for n in names if n != "identity"]
    if len(names) > MAX_ENCODINGS:
        raise IngestError(f"{len(names)} Content-Encoding layers; at most "
                          f"{MAX_ENCODINGS} are undone", source=source)
    out = []
    for name in reversed(names):
        if name in ("gzip", "x-gzip"):
            out.append(zlib.decompressobj(16 + zlib.MAX_WBITS))
        elif name == "deflate":
            out.append(_Deflate())
        else:
            raise IngestError(f"unsupported Content-Encoding {name!r}", source=source)
    return out


class _Deflate:
    """`Content-Encoding: deflate`: zlib-wrapped as the standard says, or raw
    deflate as some servers send it (told apart at the first bytes)."""

    def __init__(self):
        self._d = zlib.decompressobj(zlib.MAX_WBITS)
        self._started = False

    def decompress(self, data: bytes, max_length: int) -> bytes:
        if not self._started:
            self._started = True
            try:
                return self._d.decompress(data, max_length)
            except zlib.error:
                self._d = zlib.decompressobj(-zlib.MAX_WBITS)
        return self._d.decompress(data, max_length)

    @property
    def unconsumed_tail(self) -> bytes:
        return self._d.unconsumed_tail


def _inflate(layers: list, data: bytes):
    """The decoded pieces of `data` through `layers`, at most `_PIECE` bytes
    per layer at a time: memory stays small whatever the packing ratio."""
    if not layers:
        yield data
        return
    first, rest = layers[0], layers[1:]
    while data:
        out = first.decompress(data, _PIECE)
        data = first.unconsumed_tail
        if out:
            yield from _inflate(rest, out)
        elif data:
            break       # nothing comes out of what is left: leave it


def fetch(url: str, *, max_bytes: int, timeout: float = TIMEOUT_S,
          deadline: float = DEADLINE_S, allow_private: bool = False,
          etag: str | None = None, last_modified: str | None = None,
          stop: threading.Event | None = None) -> Response:
    """GET `url`, decoded body at most `max_bytes`, all within `deadline`
    seconds. 304 (not modified, when `etag`/`last_modified` are given) and
    2xx come back; any other status, a refused address, a network error, the
    deadline passed, too many redirects or an over-size body raise a one-line
    `IngestError`. Setting `stop` ends a fetch within `STOP_POLL_S`."""
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    start = time.monotonic()
    where = url
    try:
        with _client(start + deadline, timeout, allow_private, stop) as client:
            for hop in range(MAX_REDIRECTS + 1):
                with client.stream("GET", where, headers=headers) as r:
                    if r.status_code in _REDIRECTS and "Location" in r.headers:
                        where = _next_hop(where, r.headers["Location"], url)
                        continue
                    return _response(r, where, url, max_bytes)
            raise IngestError(f"more than {MAX_REDIRECTS} redirects", source=url)
    except Stopped:
        raise IngestError("stopped before it was fetched", source=url) from None
    except Refused as e:
        raise IngestError(f"refused: {e}; {PRIVATE_HINT}", source=url) from None
    except httpx.TimeoutException:
        if time.monotonic() - start >= deadline:
            raise IngestError(f"not fetched within the deadline of {deadline:g} s",
                              source=url) from None
        raise IngestError(f"no answer within {timeout:g} s", source=url) from None
    except httpx.HTTPError as e:
        raise IngestError(f"cannot fetch ({type(e).__name__}: {e})", source=url) from None
    except (httpx.InvalidURL, ValueError, UnicodeError) as e:
        raise IngestError(f"invalid URL ({e})", source=url) from None
    except zlib.error as e:
        raise IngestError(f"broken Content-Encoding ({e})", source=url) from None


def _next_hop(current: str, location: str, source: str) -> str:
    target = urljoin(current, location)
    if urlsplit(target).scheme not in ("http", "https"):
        raise IngestError(f"redirect to a non-HTTP URL ({target[:200]})", source=source)
    return target


def _response(r: httpx.Response, where: str, source: str, max_bytes: int) -> Response:
    if r.status_code == 304:
        return Response(where, 304, b"", r.headers.get("ETag"), r.headers.get("Last-Modified"))
    if not 200 <= r.status_code < 300:
        raise IngestError(f"HTTP {r.status_code} {r.reason_phrase}", source=source)
    layers = _decoders(r.headers.get("Content-Encoding", ""), source)
    body, raw = bytearray(), 0
    for chunk in r.iter_raw():
        raw += len(chunk)
        if raw > max_bytes:
            raise IngestError(f"response is over the limit of {max_bytes} bytes", source=source)
        for piece in _inflate(layers, chunk):
            body += piece
            if len(body) > max_bytes:
                raise IngestError(f"response unpacks to over the limit of {max_bytes} bytes"
                                  if layers else
                                  f"response is over the limit of {max_bytes} bytes",
                                  source=source)
    return Response(where, r.status_code, bytes(body),
                    r.headers.get("ETag"), r.headers.get("Last-Modified"))
