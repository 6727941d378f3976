"""HTTP(S) GET with a time-out, a size limit and conditional headers."""
from __future__ import annotations

from dataclasses import dataclass

import httpx

from ..errors import IngestError

TIMEOUT_S = 10.0
USER_AGENT = "svodka/0.1 (+news analysis; polite polling)"


@dataclass(frozen=True, slots=True)
class Response:
    url: str                    # after redirects
    status: int                 # 200 or 304
    content: bytes = b""
    etag: str | None = None
    last_modified: str | None = None


def fetch(url: str, *, max_bytes: int, timeout: float = TIMEOUT_S,
          etag: str | None = None, last_modified: str | None = None,
          client: httpx.Client | None = None) -> Response:
    """GET `url`, reading at most `max_bytes` of body. 304 (not modified, when
    `etag`/`last_modified` are given) and 2xx come back; any other status,
    a network error, a time-out or an over-size body raise `IngestError`."""
    headers = {"User-Agent": USER_AGENT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    own = client is None
    client = client or httpx.Client(timeout=timeout, follow_redirects=True)
    try:
        with client.stream("GET", url, headers=headers) as r:
            if r.status_code == 304:
                return Response(str(r.url), 304, b"", etag, last_modified)
            if not 200 <= r.status_code < 300:
                raise IngestError(f"HTTP {r.status_code} {r.reason_phrase}", source=url)
            body = bytearray()
            for chunk in r.iter_bytes():
                body += chunk
                if len(body) > max_bytes:
                    raise IngestError(f"response is over the limit of {max_bytes} bytes",
                                      source=url)
            return Response(str(r.url), r.status_code, bytes(body),
                            r.headers.get("ETag"), r.headers.get("Last-Modified"))
    except httpx.TimeoutException:
        raise IngestError(f"no answer within {timeout:g} s", source=url) from None
    except httpx.HTTPError as e:
        raise IngestError(f"cannot fetch ({type(e).__name__}: {e})", source=url) from None
    except (httpx.InvalidURL, ValueError) as e:
        raise IngestError(f"invalid URL ({e})", source=url) from None
    finally:
        if own:
            client.close()
