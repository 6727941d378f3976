"""`Allow` on 405 answers names every method of the path. Starlette answers
405 from the first route that matched the path only, so with GET and POST on
`/api/documents` as two routes it would claim that only GET is allowed."""
from __future__ import annotations



class AllowHeader:
    """ASGI middleware: on a 405, set `Allow` to the methods of every route of
    `app` whose path matches the request."""

    def __init__(self, app, routes_of):
        self.app = app
        self.routes_of = routes_of      # () -> the app's routes, read per request

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_allow(message):
            if message["type"] == "http.response.start" and message["status"] == 405:
                allowed = set()
                for route in _flat(self.routes_of()):
                    methods, regex = getattr(route, "methods", None), getattr(route, "path_regex", None)
                    if methods and regex and regex.match(scope["path"]):
                        allowed |= methods
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"allow"]
                headers.append((b"allow", ", ".join(sorted(allowed)).encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_allow)


def _flat(routes):
    """The endpoint routes, looking inside included routers."""
    for route in routes:
        inner = getattr(route, "original_router", None)
        yield from _flat(inner.routes) if inner is not None else (route,)
