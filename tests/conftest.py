"""Fixtures: every database test runs on SQLite and on a real PostgreSQL.

PostgreSQL comes from ``TUNIX_RT_TEST_POSTGRES_URL`` or, without it, from a throwaway cluster
started here. It is never skipped: a machine without PostgreSQL fails these tests loudly.
Each test gets its own fresh database, cloned from a template migrated once per session.
"""

from __future__ import annotations

import asyncio
import base64
import inspect
import json
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.postgres_cluster import throwaway_cluster
from tests.s3_server import CREDENTIALS, s3_server

# Every process of the suite imports the ML stack's libraries untraced under coverage (see the
# module): this process here, its subprocesses through PYTHONPATH, where Python finds the folder's
# sitecustomize at start-up; before tunix_rt and the test modules import any of those libraries.
from tests.untraced import sitecustomize as untraced_imports

os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(Path(untraced_imports.__file__).parent), *filter(None, [os.environ.get("PYTHONPATH")])]
)

# pytest-xdist starts its workers with COLUMNS set to the controller's width, and a rich Console
# built while COLUMNS is set keeps that width for good: the CLI's consoles, built when tunix_rt is
# first imported (below), would then ignore the COLUMNS that CLI tests set.
os.environ.pop("COLUMNS", None)
from tunix_rt import db
from tunix_rt.app import create_app
from tunix_rt.runs import worker
from tunix_rt.settings import Settings

# Each pytest-xdist worker gets its share of the cores for torch's CPU threads (OMP_NUM_THREADS,
# read when torch is first imported and passed on to the runs' children by the worker), as the
# run worker shares them among its own children: two workers that each trained with every core
# of a 2-core machine spent their time waiting on each other's threads. Nothing imported above
# loads torch; the test modules, which do, are imported after this file.
if "OMP_NUM_THREADS" not in os.environ and (workers := int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))) > 1:
    os.environ["OMP_NUM_THREADS"] = str(worker.thread_share(workers))

pytest_plugins = ["tests.ordering"]  # the known-slow tests first, spread over the xdist workers

T = TypeVar("T")
# Each pytest-xdist worker migrates its own template: CREATE DATABASE ... TEMPLATE fails while
# another session is connected to the template, and workers share one server.
TEMPLATE = f"tunix_rt_template_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "tunix-rt-v1"


def run_isolated(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine on its own loop in another thread, away from pytest-asyncio's loop."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


async def _pg_admin(url: str, *statements: str) -> None:
    import asyncpg

    parsed = make_url(url).set(drivername="postgresql", database="postgres")
    conn = await asyncpg.connect(parsed.render_as_string(hide_password=False))
    try:
        for statement in statements:
            await conn.execute(statement)
    finally:
        await conn.close()


async def _migrate(url: str) -> None:
    async with db.open_database(url):
        pass


@pytest.fixture(scope="session", autouse=True)
def _run_children_traced_without_greenlet() -> Iterator[None]:
    """Coverage in a run's child without greenlet concurrency, when the child has no database.

    Under ``make unit`` coverage follows every Python subprocess (``patch = ["subprocess"]``),
    each with the pass's configuration, which the parent hands on in ``COVERAGE_PROCESS_CONFIG``.
    Greenlet concurrency makes the tracer ask greenlet which greenlet is current at every
    function call, and it is needed only where SQLAlchemy's async sessions switch greenlets:
    the test processes, the CLI and servers they start, and the children of kinds that
    ``needs_database`` (sweeps, loops). A training, evaluation or sample child never opens the
    store: traced with threads only, a 30-step training took 11.7 s against 13.9 s (8.8 s
    untraced), and a sample of the training tests 0.85x the time (docs/benchmarks.md)."""
    data = os.environ.get("COVERAGE_PROCESS_CONFIG")
    if data is None:
        yield
        return
    config = json.loads(base64.b64decode(data))
    config["concurrency"] = [name for name in config["concurrency"] if name != "greenlet"]
    threads_only = base64.b64encode(json.dumps(config).encode()).decode()
    original = worker.child_environment
    parameters = inspect.signature(original)

    def child_environment(*args: Any, **kwargs: Any) -> dict[str, str]:
        env = original(*args, **kwargs)
        if parameters.bind(*args, **kwargs).arguments.get("database") is None and "COVERAGE_PROCESS_CONFIG" in env:
            env["COVERAGE_PROCESS_CONFIG"] = threads_only
        return env

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(worker, "child_environment", child_environment)
        yield


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    given = os.environ.get("TUNIX_RT_TEST_POSTGRES_URL")
    if given:
        yield given
        return
    with throwaway_cluster() as url:
        yield url


@pytest.fixture(scope="session")
def postgres_template(postgres_server: str) -> str:
    template_url = make_url(postgres_server).set(database=TEMPLATE).render_as_string(hide_password=False)
    run_isolated(_pg_admin(postgres_server, f"DROP DATABASE IF EXISTS {TEMPLATE}", f"CREATE DATABASE {TEMPLATE}"))
    run_isolated(_migrate(template_url))
    return postgres_server


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sqlite-template") / "template.db"
    run_isolated(_migrate(f"sqlite+aiosqlite:///{path}"))
    return path


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def empty_database_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database with no schema at all (for migration tests)."""
    if backend == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'empty.db'}"
        return
    server: str = request.getfixturevalue("postgres_server")
    name = f"t_{uuid.uuid4().hex[:16]}"
    run_isolated(_pg_admin(server, f"CREATE DATABASE {name}"))
    yield make_url(server).set(database=name).render_as_string(hide_password=False)
    run_isolated(_pg_admin(server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))


@pytest.fixture
def database_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database migrated to head."""
    if backend == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        target = tmp_path / "tunix-rt.db"
        shutil.copyfile(template, target)
        yield f"sqlite+aiosqlite:///{target}"
        return
    server: str = request.getfixturevalue("postgres_template")
    name = f"t_{uuid.uuid4().hex[:16]}"
    run_isolated(_pg_admin(server, f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}"))
    yield make_url(server).set(database=name).render_as_string(hide_password=False)
    run_isolated(_pg_admin(server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(home=tmp_path / "home", database_url=database_url, embedded_worker=False, _env_file=None)


@pytest.fixture
async def app(settings: Settings) -> AsyncIterator[FastAPI]:
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as http:
        yield http


@pytest.fixture
async def sessions(settings: Settings) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """Sessions on the test's database, for tests that drive stores and workers directly."""
    engine = db.create_engine(settings.resolved_database_url)
    yield db.session_factory(engine)
    await engine.dispose()


@pytest.fixture
async def keys(client: httpx.AsyncClient) -> tuple[str, str]:
    """A small arithmetic dataset and the eval set derived from its eval split."""
    synth = await client.post("/api/traces/synth", json={"kind": "arithmetic", "count": 40, "seed": 3})
    assert synth.status_code == 200, synth.text
    built = await client.post("/api/datasets", json={"name": "arith", "split": {"eval_count": 4}})
    assert built.status_code == 201, built.text
    derived = await client.post("/api/evalsets/derive", json={"name": "arith-eval", "dataset": "arith@v1"})
    assert derived.status_code == 201, derived.text
    return "arith@v1", "arith-eval@v1"


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """The loopback S3 server of this session (``tests/s3_server.py``)."""
    with s3_server() as endpoint:
        yield endpoint


@pytest.fixture
def s3_store(s3_endpoint: str, monkeypatch: pytest.MonkeyPatch) -> tuple[str, dict[str, Any]]:
    """A fresh bucket on the loopback S3 server: an ``artifact_store`` URL under it and the
    storage options that reach the server (its endpoint), as a deployment would set them."""
    import s3fs

    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    options = {"endpoint_url": s3_endpoint}
    bucket = f"tunix-{uuid.uuid4().hex[:12]}"
    s3fs.S3FileSystem(**options).mkdir(bucket)
    return f"s3://{bucket}/store", options


@pytest.fixture
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"the original tunix-rt data files are not at {SHARED_DATA}")
    return SHARED_DATA


def make_trace(n: int = 0, **overrides: Any) -> dict[str, Any]:
    """A small valid trace whose content depends on ``n`` (distinct n, distinct hash)."""
    trace: dict[str, Any] = {
        "trace_version": "1.0",
        "prompt": f"What is {n} + 2?",
        "final_answer": str(n + 2),
        "steps": [
            {"i": 0, "type": "calculation", "content": f"{n} + 2 = {n + 2}"},
            {"i": 1, "type": "answer", "content": f"The answer is {n + 2}"},
        ],
        "meta": {"category": "arithmetic", "n": n},
    }
    trace.update(overrides)
    return trace


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A page's ``-fast`` command case is a subset of its ``-full`` one (tests/test_readme_commands.py):
    when marker selection kept both, run the full one only, so each README block runs once."""
    names = {item.nodeid for item in items}
    twins = [item for item in items if item.nodeid.endswith("-fast]") and item.nodeid[:-6] + "-full]" in names]
    if twins:
        config.hook.pytest_deselected(items=twins)
        items[:] = [item for item in items if item not in twins]
