"""Access and size limits: the bearer token on write endpoints, and a cap on
request bodies enforced before any route reads them."""
from __future__ import annotations

import hmac
import json

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

# Default cap on a request body, in bytes.
MAX_BODY_BYTES = 2 * 1024 * 1024

_bearer = HTTPBearer(auto_error=False, description="The token given to `svodka serve --token`"
                     " or `SVODKA_TOKEN`; write endpoints refuse requests without it.")


async def require_token(request: Request,
                  credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)) -> None:
    """Let a write request through only with `Authorization: Bearer <token>`.
    403 when the server has no token (writes disabled) or the token is wrong,
    401 when none is sent. A coroutine, so that it runs at once, not after
    the store work queued in the thread pool."""
    expected: str | None = request.app.state.token
    if not expected:
        raise HTTPException(403, "write endpoints are disabled: start the server "
                                 "with --token or SVODKA_TOKEN to enable them")
    if credentials is None or not credentials.credentials:
        raise HTTPException(401, "send the token as 'Authorization: Bearer <token>'",
                            headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(credentials.credentials.encode(), expected.encode()):
        raise HTTPException(403, "wrong token")


class BodyLimit:
    """ASGI middleware: answer 413 to a body over `max_bytes`, whether its size
    is declared (`Content-Length`) or streamed in chunks. The body is read here
    in full (at most `max_bytes`) and replayed to the app, so a route never
    sees a partial body."""

    def __init__(self, app, max_bytes: int = MAX_BODY_BYTES):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None:
            if not declared.isdigit():
                return await _refuse(send, 400, "Content-Length is not a number")
            if int(declared) > self.max_bytes:
                return await _refuse(send, 413, self._too_large())
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                return await _refuse(send, 413, self._too_large())
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        sent = False

        async def replay():
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    def _too_large(self) -> str:
        return f"request body over {self.max_bytes} bytes; send a shorter article"


async def _refuse(send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


# Pages run only our own scripts (and plotly's, served by us); plotly sets
# inline styles, so styles may be inline. Defence in depth behind escaping.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'")
HEADERS = [(b"content-security-policy", CSP.encode()),
           (b"x-content-type-options", b"nosniff"),
           (b"referrer-policy", b"no-referrer")]


class SecurityHeaders:
    """ASGI middleware adding `HEADERS` to every HTTP response."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *HEADERS]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


# `svodka serve` puts the DNS names it serves here (comma-separated), for
# its worker processes too; an app made without it checks no Host header.
ALWAYS_SERVED = ("localhost",)


def host_name(value: str) -> str:
    """The host part of a Host header value: no port, no brackets, lower case."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value[1:]
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class HostCheck:
    """ASGI middleware against DNS rebinding: a request whose Host header is
    neither an IP address nor one of the names served is answered 421. (A
    page of another site whose name was made to resolve to 127.0.0.1 sends
    that site's name; an IP address in Host cannot be rebound.) Active when
    `names` is given, as `svodka serve` does (`create_app(server_names=...)`)."""

    def __init__(self, app, names: list[str] | None = None):
        self.app = app
        self.names = None if names is None else {n.lower() for n in (*names, *ALWAYS_SERVED)}

    def allows(self, host: str | None) -> bool:
        """True when a request with this Host header value may be served: no check
        configured, no Host given, an IP address, or one of the names served."""
        import ipaddress
        if self.names is None or host is None:
            return True
        name = host_name(host)
        if name in self.names:
            return True
        try:
            ipaddress.ip_address(name)
            return True
        except ValueError:
            return False

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or self.names is None:
            return await self.app(scope, receive, send)
        hosts = [v.decode("latin-1") for k, v in scope["headers"] if k == b"host"]
        if len(hosts) > 1 or not self.allows(hosts[0] if hosts else None):
            return await _refuse(send, 421, "this server does not serve that host name; "
                                            "start it with --server-name NAME to serve it")
        return await self.app(scope, receive, send)
