"""``create_app()``: routers, problem+json errors, body limits, metrics, health, the web UI."""

from __future__ import annotations

import errno
import importlib.util
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Literal

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import BaseModel, Field
from sqlalchemy import text
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tunix_rt import __version__, db
from tunix_rt.auth.api import router as tokens_router
from tunix_rt.browser_guard import BrowserGuardMiddleware, allowed_hosts, check_body_type
from tunix_rt.datasets.api import evalsets_router
from tunix_rt.datasets.api import router as datasets_router
from tunix_rt.deps import AppState, StateDep, authorize, refuse_unstorable_input
from tunix_rt.errors import TunixError
from tunix_rt.evaluation.api import leaderboard_router, regression_router
from tunix_rt.evaluation.api import router as evaluations_router
from tunix_rt.loops.api import router as loops_router
from tunix_rt.metrics import Metrics, MetricsMiddleware
from tunix_rt.problems import PROBLEM_RESPONSES, problem
from tunix_rt.registry.api import router as models_router
from tunix_rt.rollouts.api import router as rollouts_router
from tunix_rt.runs import store as runs_store
from tunix_rt.runs.api import router as runs_router
from tunix_rt.runs.kinds import KindRegistry
from tunix_rt.runs.monitoring import RunMonitor
from tunix_rt.runs.notify import signals_for
from tunix_rt.runs.streams import LogHub, StreamSlots
from tunix_rt.runs.worker import Worker, running
from tunix_rt.settings import Settings
from tunix_rt.sweeps.api import router as sweeps_router
from tunix_rt.traces.api import router as traces_router

log = logging.getLogger(__name__)

EXTRAS: dict[str, tuple[str, ...]] = {
    "postgres": ("asyncpg",),
    "torch": ("torch", "transformers", "trl", "peft"),
    "jax": ("jax", "flax", "tunix", "qwix"),
    "ray": ("ray",),
}
WEB_DIR = Path(__file__).parent / "web"


class DatabaseHealth(BaseModel):
    dialect: str = Field(description="sqlite or postgresql.")
    ok: bool = Field(description="Whether a query went through.")
    revision: str | None = Field(None, description="The schema revision the database is at.")
    head: str | None = Field(description="The revision this server's migrations lead to.")
    error: str | None = Field(None, description="Why the database is not ok.")


class WorkerHealth(BaseModel):
    embedded: bool = Field(description="Whether this server runs a worker of its own.")
    alive: bool | None = Field(None, description="Whether the embedded worker's loop is running (null: none).")
    errors: int = Field(0, description="Errors the embedded worker survived (retried, or a run failed with them).")
    last_error: str | None = Field(None, description="The latest of those errors, in one line.")
    queued: int | None = Field(None, description="Runs waiting for a worker (null when the database is down).")
    live_workers: int | None = Field(
        None, description="Workers of any process that heartbeated within a lease (null when the database is down)."
    )
    detail: str | None = Field(None, description="Why the worker side is degraded.")


class Health(BaseModel):
    status: Literal["ok", "degraded"] = Field(
        description="ok when the database answers and is at head, and queued runs have a live worker."
    )
    version: str
    database: DatabaseHealth
    worker: WorkerHealth
    extras: dict[str, bool] = Field(description="Optional extras (postgres, torch, jax, ray) and whether installed.")


class SpaStaticFiles(StaticFiles):
    """The built web UI. A missing path that looks like a client-side route (outside ``/api``,
    no file extension) gets ``index.html``, so the UI's own routes survive a reload; anything
    else missing stays a 404 (a problem document, through the app's handler)."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        try:
            return await super().get_response(path, scope)
        except HTTPException as exc:
            api = path == "api" or path.startswith("api/")
            if exc.status_code != 404 or api or "." in path.rsplit("/", 1)[-1]:
                raise
            return await super().get_response("index.html", scope)


def _validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    return [{"loc": list(err["loc"]), "msg": err["msg"], "type": err["type"]} for err in exc.errors()]


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(TunixError)
    async def _domain(_request: Request, exc: TunixError) -> JSONResponse:
        response = problem(exc.status, exc.title, exc.detail, errors=exc.errors, **exc.extra)
        response.headers.update(exc.headers())
        return response

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = _validation_errors(exc)
        where = ".".join(str(part) for part in errors[0]["loc"]) if errors else "request"
        return problem(422, "Invalid input", f"{len(errors)} problem(s), first at {where}", errors=errors)

    @app.exception_handler(HTTPException)
    async def _http(_request: Request, exc: HTTPException) -> JSONResponse:
        titles = {
            401: "Unauthorized",
            403: "Forbidden",
            404: "Not found",
            405: "Method not allowed",
            413: "Payload too large",
            415: "Unsupported media type",
        }
        response = problem(exc.status_code, titles.get(exc.status_code, "Error"), str(exc.detail))
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem(500, "Internal error", "the server failed; the error is in its log")

    @app.exception_handler(OSError)
    async def _storage(request: Request, exc: OSError) -> JSONResponse:
        """A full disk is the operator's to fix, not a server bug: say so (507), not "failed"."""
        if exc.errno not in (errno.ENOSPC, errno.EDQUOT):
            return await _crash(request, exc)
        log.error("%s %s: %s", request.method, request.url.path, exc)
        return problem(507, "Insufficient storage", "no space left on the server's disk; nothing was stored")


class BodyLimitMiddleware:
    """Refuses bodies over the limit, also when sent chunked without Content-Length, by counting
    bytes as they arrive. The error is an HTTPException because FastAPI re-raises those from
    body parsing (anything else it turns into a 400); the route aborts and nothing is written."""

    def __init__(self, app: ASGIApp, default_limit: int, limits_by_path: dict[str, int]) -> None:
        self.app = app
        self.default_limit = default_limit
        self.limits_by_path = limits_by_path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limits_by_path.get(scope["path"], self.default_limit)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            response = problem(413, "Payload too large", f"the body is {int(declared)} bytes; the limit is {limit}")
            await response(scope, receive, send)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise HTTPException(413, f"the body is over the limit of {limit} bytes")
            return message

        await self.app(scope, counting_receive, send)


async def _worker_health(state: AppState, worker: Worker | None, *, database_ok: bool) -> WorkerHealth:
    """The worker side of health. Degraded when the embedded worker's loop has ended (it
    retries every error, so that is a bug) or when runs are queued, this server runs no live
    worker and no other worker has heartbeated within a lease: queued runs would wait for nobody."""
    report = WorkerHealth(embedded=worker is not None)
    if worker is not None:
        report.alive, report.errors, report.last_error = worker.alive, worker.errors, worker.last_error
        if not worker.alive:
            report.detail = "the embedded worker has stopped; see the server log"
    if not database_ok:
        return report
    try:
        async with state.sessions() as session:
            queue = await runs_store.queue_health(session, state.settings.run_lease_seconds)
    except Exception as exc:  # the database check above already reports why
        log.warning("health: could not read the run queue: %s", db.describe_error(exc))
        return report
    report.queued, report.live_workers = queue.queued, queue.live_workers
    if queue.queued and not queue.live_workers and not report.alive and report.detail is None:
        report.detail = f"{queue.queued} run(s) queued and no live worker to run them"
    return report


def create_app(settings: Settings | None = None, *, migrate: bool = True) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with db.open_database(settings.resolved_database_url, migrate=migrate) as engine:
            app.state.tunix = AppState.on(settings, engine, metrics)
            app.state.log_hub = LogHub(
                app.state.tunix.sessions, settings.run_poll_seconds, signals_for(settings.resolved_database_url)
            )
            try:
                if settings.embedded_worker:
                    worker = Worker(settings, app.state.tunix.sessions, registry=app.state.run_kinds, metrics=metrics)
                    app.state.worker = worker
                    async with running(worker):
                        yield
                else:
                    yield
            finally:
                await app.state.log_hub.close()
                await app.state.tunix.token_use.drain()

    metrics = Metrics()
    app = FastAPI(
        title="tunix-rt",
        version=__version__,
        lifespan=lifespan,
        docs_url="/api/docs",
        openapi_url="/api/openapi.json",
        redoc_url=None,
    )
    _install_error_handlers(app)
    api_dependencies = [Depends(authorize), Depends(check_body_type), Depends(refuse_unstorable_input)]
    app.include_router(traces_router, dependencies=api_dependencies, responses=PROBLEM_RESPONSES)
    app.include_router(datasets_router, dependencies=api_dependencies, responses=PROBLEM_RESPONSES)
    app.include_router(evalsets_router, dependencies=api_dependencies, responses=PROBLEM_RESPONSES)
    app.include_router(runs_router, dependencies=api_dependencies, responses=PROBLEM_RESPONSES)
    app.include_router(rollouts_router, dependencies=api_dependencies, responses=PROBLEM_RESPONSES)
    app.include_router(evaluations_router, dependencies=api_dependencies, responses=PROBLEM_RESPONSES)
    app.include_router(leaderboard_router, dependencies=api_dependencies, responses=PROBLEM_RESPONSES)
    app.include_router(regression_router, dependencies=api_dependencies, responses=PROBLEM_RESPONSES)
    app.include_router(models_router, dependencies=api_dependencies, responses=PROBLEM_RESPONSES)
    app.include_router(sweeps_router, dependencies=api_dependencies, responses=PROBLEM_RESPONSES)
    app.include_router(loops_router, dependencies=api_dependencies, responses=PROBLEM_RESPONSES)
    app.include_router(tokens_router, dependencies=api_dependencies, responses=PROBLEM_RESPONSES)
    app.state.run_kinds = KindRegistry(settings.run_kinds)
    app.state.run_monitor = RunMonitor(metrics)
    app.state.stream_slots = StreamSlots(settings.max_log_streams, settings.max_log_streams_per_token)
    app.state.worker = None

    @app.get(
        "/api/health",
        tags=["health"],
        response_model=Health,
        responses={
            503: {
                "model": Health,
                "description": "Degraded: database unreachable or not at head, or runs queued with no live worker.",
            }
        },
    )
    async def health(state: StateDep) -> JSONResponse:
        """Liveness and what this server can do; open without a token so probes work."""
        database: dict[str, Any] = {"dialect": state.engine.dialect.name}
        try:
            async with state.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
                database["revision"] = await db.current_revision(conn)
            database["ok"] = True
        except Exception as exc:  # report any driver failure as data, not as a 500
            database.update(ok=False, error=f"{type(exc).__name__}: {exc}")
        database["head"] = db.head_revision()
        worker = await _worker_health(state, app.state.worker, database_ok=database["ok"])
        extras = {
            name: all(importlib.util.find_spec(module) is not None for module in modules)
            for name, modules in EXTRAS.items()
        }
        ok = database["ok"] and database.get("revision") == database["head"] and worker.detail is None
        body = {
            "status": "ok" if ok else "degraded",
            "version": __version__,
            "database": database,
            "worker": worker.model_dump(),
            "extras": extras,
        }
        return JSONResponse(body, status_code=200 if ok else 503)

    @app.get("/metrics", include_in_schema=False, dependencies=api_dependencies)
    async def prometheus_metrics(state: StateDep) -> Response:
        await app.state.run_monitor.refresh(state.sessions)
        return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)

    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["*"],
            allow_headers=["Authorization", "Content-Type", "Last-Event-ID"],
        )
    app.add_middleware(
        BodyLimitMiddleware,
        default_limit=settings.max_body_bytes,
        limits_by_path={"/api/traces/import": settings.max_import_bytes},
    )
    app.add_middleware(
        BrowserGuardMiddleware,
        hosts=allowed_hosts(settings.host, settings.allowed_hosts),
        trusted_origins=settings.cors_origins,
    )
    app.add_middleware(MetricsMiddleware, metrics=metrics)
    if (WEB_DIR / "index.html").exists():
        app.mount("/", SpaStaticFiles(directory=WEB_DIR, html=True), name="web")
    return app
