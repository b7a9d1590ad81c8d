"""Serving fixtures: a data home (SQLite) holding a really trained tiny LoRA run, recorded as a
succeeded run and promoted into the registry as ``arith:v1`` (an adapter version carrying its
base), and API tokens: two from settings, one stored in the database.

The servers are real: uvicorn on a free loopback port, in a thread of the test process
(``running``) or as a ``tunix-rt models serve`` process (the CLI test)."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI

from tests.conftest import run_isolated
from tests.training.conftest import KEY, arithmetic_records, tiny_config, write_snapshot
from tunix_rt import db
from tunix_rt.auth import store as tokens
from tunix_rt.registry import store as registry
from tunix_rt.registry.blobs import BlobStore
from tunix_rt.runs import store as runs
from tunix_rt.runs.artifacts import run_dir
from tunix_rt.runs.events import MemorySink
from tunix_rt.runs.kinds import RunRefs
from tunix_rt.settings import Settings

WRITE, READ = "serve-write-token", "serve-read-token"
VERSION = "arith:v1"


@dataclass(frozen=True)
class Home:
    """The data home, its settings (settings tokens included), the trained run, a stored token."""

    settings: Settings
    run_id: uuid.UUID
    stored_token: str

    @property
    def run_folder(self) -> Path:
        return run_dir(self.settings.home, self.run_id)


async def _succeeded_run_and_token(settings: Settings) -> tuple[uuid.UUID, str]:
    async with db.open_database(settings.resolved_database_url) as engine:
        async with db.transaction(db.session_factory(engine)) as session:
            run = await runs.submit(session, "train", {}, RunRefs(dataset_key=KEY, model="tiny-llama"))
            await runs.transition(session, run.id, runs.RunStatus.RUNNING)
            await runs.transition(session, run.id, runs.RunStatus.SUCCEEDED)
            created = await tokens.create(session, "serving", "write")
        return run.id, created.token


async def _promote(settings: Settings, run_id: uuid.UUID) -> None:
    async with (
        db.open_database(settings.resolved_database_url) as engine,
        db.transaction(db.session_factory(engine)) as session,
    ):
        await registry.promote(session, BlobStore(settings.resolved_blob_url), settings.home, "arith", run_id)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Home:
    from tunix_rt.training.torch_backend import train

    path = tmp_path_factory.mktemp("serve-home")
    settings = Settings(home=path, api_tokens=[f"{WRITE}:write", f"{READ}:read"])
    run_id, stored = run_isolated(_succeeded_run_and_token(settings))
    dataset = write_snapshot(path, KEY, arithmetic_records(128), arithmetic_records(4, seed=1))
    config = tiny_config(max_steps=30, optimizer={"lr": 1e-2})
    train(config, run_dir(path, run_id), MemorySink(), dataset_dir=dataset, resume_from=None)
    run_isolated(_promote(settings, run_id))
    return Home(settings, run_id, stored)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running(app: FastAPI) -> Iterator[str]:
    """``app`` served by uvicorn in a thread on a free loopback port; yields its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=lambda: asyncio.run(server.serve()), name="uvicorn", daemon=True)
    thread.start()
    while not server.started:
        assert thread.is_alive(), "uvicorn stopped before it started"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join()
