"""Prometheus metrics, one registry per app so several apps (tests) never collide."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send


@dataclass
class Metrics:
    registry: CollectorRegistry = field(default_factory=CollectorRegistry)

    def __post_init__(self) -> None:
        self.requests = Counter(
            "tunix_rt_http_requests",
            "HTTP requests answered, by route template, method and status.",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "tunix_rt_http_request_duration_seconds",
            "Time from request start to the last response byte, by route template.",
            ["method", "route"],
            registry=self.registry,
            buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
        )
        self.traces_ingested = Counter(
            "tunix_rt_traces_ingested",
            "Traces newly stored (duplicates not counted), by how they arrived.",
            ["via"],
            registry=self.registry,
        )
        self.run_queue_depth = Gauge(
            "tunix_rt_run_queue_depth",
            "Runs waiting for a worker, by kind (read from the database at scrape time).",
            ["kind"],
            registry=self.registry,
        )
        self.runs = Gauge(
            "tunix_rt_runs",
            "Runs in the database, by status (read at scrape time).",
            ["status"],
            registry=self.registry,
        )
        self.run_duration = Histogram(
            "tunix_rt_run_duration_seconds",
            "Time from a run's last start to its end, by kind and final status, for runs that finished "
            "while this server was up (any worker).",
            ["kind", "status"],
            registry=self.registry,
            buckets=(1, 5, 15, 60, 300, 900, 1800, 3600, 7200, 14400, 43200, 86400),
        )
        self.worker_errors = Counter(
            "tunix_rt_worker_errors",
            "Errors the embedded worker survived and retried or settled, by stage (loop: claim and reap; "
            "lease: renewal; output: writing a run's output; record: a run's outcome; run: an attempt).",
            ["stage"],
            registry=self.registry,
        )
        self.worker_heartbeat_age = Gauge(
            "tunix_rt_worker_heartbeat_age_seconds",
            "Seconds since each live worker last heartbeated (read at scrape time).",
            ["worker"],
            registry=self.registry,
        )


class MetricsMiddleware:
    """Counts and times every HTTP request under its route *template* (``/api/traces/{trace_id}``),
    so label cardinality stays bounded whatever ids clients send. Routers carry their full
    ``/api/...`` prefix themselves so that ``scope["route"].path`` is that template."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            route = scope.get("route")
            template = getattr(route, "path", None) or "unmatched"
            method = scope["method"]
            self.metrics.requests.labels(method, template, str(status)).inc()
            self.metrics.latency.labels(method, template).observe(time.perf_counter() - start)
