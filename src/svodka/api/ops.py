"""Operations endpoints: `/health` and `/metrics`.

`/health` runs a query on the store and answers 200 `{"status": "ok"}`, or
503 `{"status": "unavailable"}` with the reason when the store cannot answer
(for load balancers and `systemd`/Kubernetes probes).

`/metrics` is the Prometheus text format (through `prometheus_client`):
requests and their latency by method, route template and status; the
store's counts (documents, quotes, events, failures, ...) read at scrape
time, which the ingest raises; and the hits and misses of the store's
aggregate cache. Each app has its own registry, so two apps in one process
(the tests) do not share counters; with `--workers N` each process reports
its own requests.
"""
from __future__ import annotations

import time
from typing import Any, Iterator

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram
from prometheus_client import generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector

from .. import __version__

router = APIRouter(include_in_schema=False)


class StoreCollector(Collector):
    """The store's counts and its aggregate cache's hits, read per scrape."""

    def __init__(self, store: Any):
        self.store = store

    def collect(self) -> Iterator[Any]:
        """Yield `svodka_store_items{kind}` and the cache counters."""
        items = GaugeMetricFamily("svodka_store_items", "Rows in the store by kind.",
                                  labels=["kind"])
        try:
            for kind, count in self.store.stats().items():
                items.add_metric([kind], count)
        except Exception:       # a scrape must not fail with the store; /health says why
            pass
        yield items
        # The store's cache of aggregates (stats, pairs, dyads) has no public
        # counters of its own; its hits and misses are read where they are kept.
        cache = getattr(self.store, "_aggregates", None)
        for name, attr in (("hits", "hits"), ("misses", "misses")):
            family = CounterMetricFamily(f"svodka_store_cache_{name}",
                                         f"Aggregate cache {name} of the store.")
            family.add_metric([], getattr(cache, attr, 0))
            yield family


class Metrics:
    """The app's metrics and the ASGI middleware that counts its requests."""

    def __init__(self, store: Any):
        self.registry = CollectorRegistry()
        self.requests = Counter("svodka_http_requests", "HTTP requests answered.",
                                ["method", "route", "status"], registry=self.registry)
        self.latency = Histogram("svodka_http_request_duration_seconds",
                                 "Time to answer an HTTP request.", ["method", "route"],
                                 registry=self.registry)
        self.registry.register(StoreCollector(store))

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        """Count one answered request of `route` (a template, not a path)."""
        self.requests.labels(method, route, str(status)).inc()
        self.latency.labels(method, route).observe(seconds)


class MetricsMiddleware:
    """Times every HTTP request and records it under its route template
    (`/api/documents/{key}`), or `unmatched` for paths no route serves, so
    that the number of series stays bounded."""

    def __init__(self, app: Any, metrics: Metrics):
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_status(message: dict) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)
        try:
            await self.app(scope, receive, send_status)
        finally:
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            self.metrics.observe(scope["method"], route, status, time.perf_counter() - started)


@router.get("/health")
def health(request: Request) -> JSONResponse:
    """200 when the store answers a query, else 503 with the reason."""
    from sqlalchemy import text
    store = request.app.state.store
    try:
        with store.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as e:      # any failure of the store is "unavailable"
        return JSONResponse({"status": "unavailable", "version": __version__,
                             "detail": f"{type(e).__name__}: {str(e).splitlines()[0][:200]}"},
                            status_code=503, headers={"Retry-After": "5"})
    return JSONResponse({"status": "ok", "version": __version__})


@router.get("/metrics")
def metrics(request: Request) -> Response:
    """The app's metrics in the Prometheus text exposition format."""
    return Response(generate_latest(request.app.state.metrics.registry),
                    media_type=CONTENT_TYPE_LATEST)


def install(app: Any) -> None:
    """Add `/health`, `/metrics` and the request-counting middleware to `app`."""
    app.state.metrics = Metrics(app.state.store)
    app.add_middleware(MetricsMiddleware, metrics=app.state.metrics)
    app.include_router(router)
