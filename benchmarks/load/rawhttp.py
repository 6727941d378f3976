"""A minimal HTTP/1.1 keep-alive GET client over asyncio streams, for the
load generator: it must cost the machine far less than the server it
measures, and httpx spends about as much CPU per request as the server.

    client = RawClient("http://127.0.0.1:8000")
    r = await client.get("/api/quotes", {"speaker": "Лукашенко"})
    r.status_code, r.content, r.json()
"""
from __future__ import annotations

import asyncio
import json
from urllib.parse import urlencode, urlsplit

ERRORS = (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError,
          asyncio.LimitOverrunError, ValueError)


class Response:
    def __init__(self, status: int, body: bytes):
        self.status_code, self.content = status, body

    def json(self):
        return json.loads(self.content)


class RawClient:
    """One connection, one request at a time; `get()` sends a request and
    reads the whole answer (Content-Length or chunked), reconnecting when the
    server has closed the connection. Any of `ERRORS` means no answer."""

    def __init__(self, url: str, timeout: float = 30):
        parts = urlsplit(url)
        self.host, self.port = parts.hostname, parts.port or 80
        self.timeout = timeout
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None

    async def get(self, path: str, params: dict | None = None) -> Response:
        target = path + ("?" + urlencode(params) if params else "")
        try:
            return await asyncio.wait_for(self._get(target), self.timeout)
        except BaseException:
            self.close()        # the connection is in an unknown state
            raise

    async def _get(self, target: str) -> Response:
        reused = self.writer is not None
        if not reused:
            self.reader, self.writer = await asyncio.open_connection(
                self.host, self.port, limit=1 << 20)
        self.writer.write(f"GET {target} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
        try:
            status_line = await self.reader.readuntil(b"\r\n")
        except (ConnectionError, asyncio.IncompleteReadError) as e:
            if not reused or getattr(e, "partial", b""):
                raise
            # A kept-alive connection the server had closed (as it may after
            # an error or when idle): nothing was answered, ask again once.
            self.close()
            return await self._get(target)
        return await self._answer(int(status_line.split()[1]))

    async def _answer(self, status: int) -> Response:
        reader = self.reader
        headers = {}
        while (line := await reader.readuntil(b"\r\n")) != b"\r\n":
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        if "content-length" in headers:
            body = await reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            parts = []
            while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
                parts.append((await reader.readexactly(size + 2))[:-2])
            await reader.readuntil(b"\r\n")
            body = b"".join(parts)
        else:
            body = await reader.read()
            self.close()
        if headers.get("connection", "").lower() == "close":
            self.close()
        return Response(status, body)
