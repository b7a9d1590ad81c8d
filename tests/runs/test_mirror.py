"""Run folders in the artifact store: what the worker uploads as a run reports files, how an
attempt on another machine (another data home, no shared filesystem) fetches what it resumes
from, and the API listing and streaming a run's files from the store (``runs/mirror.py``)."""

from __future__ import annotations

import asyncio
import hashlib
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.runs.conftest import fetch, submit, wait_for, wait_for_line
from tunix_rt.errors import Invalid, NotFound
from tunix_rt.runs import artifacts, store
from tunix_rt.runs.mirror import INDEX, RunMirror, mirror_of
from tunix_rt.runs.store import RunStatus
from tunix_rt.runs.worker import Worker, running
from tunix_rt.settings import Settings
from tunix_rt.storage import ObjectStore

RUN = uuid.UUID(int=7)
HANG_GUARD = 60.0
"""Seconds that only bound a hang, never a speed."""


@pytest.fixture
def mirror(tmp_path: Path) -> RunMirror:
    return RunMirror(ObjectStore(f"file://{tmp_path / 'store'}"), RUN)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "scratch" / str(RUN)
    (root / "ckpt-1").mkdir(parents=True)
    (root / "ckpt-1" / "w.bin").write_bytes(b"one")
    (root / "ckpt-2").mkdir()
    (root / "ckpt-2" / "w.bin").write_bytes(b"two")
    (root / "metrics.jsonl").write_text("{}\n")
    (tmp_path / "secret").write_text("do not upload")
    (root / "escape").symlink_to(tmp_path / "secret")
    return root


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_publish_uploads_what_an_event_names_and_indexes_it(mirror: RunMirror, folder: Path) -> None:
    assert mirror.index() == {}
    assert mirror.publish(folder, "ckpt-1") == 1
    assert mirror.publish(folder, "ckpt-1") == 0  # unchanged: not uploaded again
    assert mirror.publish(folder, "metrics.jsonl") == 1
    index = mirror.index()
    assert sorted(index) == ["ckpt-1/w.bin", "metrics.jsonl"]
    assert (index["ckpt-1/w.bin"]["size"], index["ckpt-1/w.bin"]["sha256"]) == (3, sha(b"one"))
    assert mirror.store.read_bytes("ckpt-1/w.bin") == b"one"
    for bad in ["../secret", "escape", "/etc/passwd"]:
        with pytest.raises(Invalid):
            mirror.publish(folder, bad)


def test_sync_uploads_what_changed_and_fetch_skips_superseded_checkpoints(
    mirror: RunMirror, folder: Path, tmp_path: Path
) -> None:
    mirror.publish(folder, "ckpt-1")
    assert mirror.sync(folder) == 2  # ckpt-2/w.bin and metrics.jsonl; the escaping link is not followed out
    (folder / "metrics.jsonl").write_text("{}\n{}\n")
    assert mirror.sync(folder) == 1
    assert sorted(mirror.index()) == ["ckpt-1/w.bin", "ckpt-2/w.bin", "metrics.jsonl"]
    assert not mirror.store.exists("escape")

    elsewhere = tmp_path / "other-machine" / str(RUN)
    assert mirror.fetch(elsewhere, skip=["ckpt-1"]) == 2
    assert sorted(p.relative_to(elsewhere).as_posix() for p in elsewhere.rglob("*") if p.is_file()) == [
        "ckpt-2/w.bin",
        "metrics.jsonl",
    ]
    assert (elsewhere / "metrics.jsonl").read_text() == "{}\n{}\n"
    assert mirror.fetch(elsewhere, skip=["ckpt-1"]) == 0  # already there, same bytes

    listed = mirror.listing(limit=2)
    assert [(entry.path, entry.size) for entry in listed] == [("ckpt-1/w.bin", 3), ("ckpt-2/w.bin", 3)]
    size, chunks = mirror.file("ckpt-2/w.bin")
    assert (size, b"".join(chunks)) == (3, b"two")
    for unserved in [INDEX, "ckpt-2", "nothing"]:
        with pytest.raises(NotFound):
            mirror.file(unserved)
    with pytest.raises(Invalid):
        mirror.file("../x")


@pytest.fixture
def settings(database_url: str, tmp_path: Path, s3_store: tuple[str, dict[str, Any]], settings: Settings) -> Settings:
    """The runs tests' settings with the artifact store on the loopback S3 server; this data
    home is the API server's, which never sees a worker's folder."""
    url, options = s3_store
    return settings.model_copy(
        update={"home": tmp_path / "api", "artifact_store": url, "artifact_store_options": options}
    )


async def test_a_run_resumes_on_another_machine_from_the_stored_checkpoint(
    settings: Settings, sessions: async_sessionmaker[AsyncSession], client: httpx.AsyncClient, tmp_path: Path
) -> None:
    first = settings.model_copy(update={"home": tmp_path / "machine-a"})
    second = settings.model_copy(update={"home": tmp_path / "machine-b"})
    run_id = await submit(
        sessions,
        {"op": "checkpoint", "path": "ckpt-0", "step": 1},
        {"op": "checkpoint", "path": "ckpt-1", "step": 2},
        {"op": "wait_for", "path": "go", "seconds": 600},
        {"op": "artifact", "path": "out/a.txt", "text": "alpha"},
    )
    async with running(Worker(first, sessions)):
        # the line and the checkpoint's record are written in one transaction
        await wait_for_line(sessions, run_id, "checkpoint ckpt-1 at step 2")
    # the worker stopped: the child was ended and the run released to the queue, with its
    # checkpoints in the store (recorded only once uploaded) and the rest of its folder synced
    released = await fetch(sessions, run_id)
    assert (released.status, released.last_checkpoint) == (RunStatus.QUEUED, "ckpt-1")
    stored = mirror_of(settings, run_id)
    assert stored is not None
    assert {"ckpt-0", "ckpt-1", "run.json", "executions.log"} <= set(stored.index())

    target = artifacts.run_dir(second.home, run_id)
    target.mkdir(parents=True)
    (target / "go").touch()  # machine B's attempt goes on past the wait
    async with running(Worker(second, sessions)):
        done = await wait_for(sessions, run_id, RunStatus.SUCCEEDED, RunStatus.FAILED)
    assert (done.status, done.error) == (RunStatus.SUCCEEDED, None)
    assert not (target / "ckpt-0").exists()  # superseded: never downloaded
    assert (target / "ckpt-1").read_text() == "1"
    async with sessions() as session:
        lines = [line.line for line in await store.logs_after(session, run_id, 0, 10_000)]
    assert "resuming at step 2" in lines
    assert any(line.startswith("fetched ") and "artifact store" in line for line in lines), lines
    executions = (target / "executions.log").read_text().split()
    assert executions[0::3] == ["start", "start", "end"]  # machine A's line came down with the folder

    listing = (await client.get(f"/api/runs/{run_id}/artifacts")).json()
    listed = {item["path"]: item for item in listing["items"]}
    assert {"ckpt-0", "ckpt-1", "out/a.txt", "executions.log", "run.json"} <= set(listed)
    assert INDEX not in listed
    assert (listed["ckpt-1"]["kind"], listed["ckpt-1"]["step"]) == ("checkpoint", 2)
    assert (listed["out/a.txt"]["size"], listed["out/a.txt"]["sha256"]) == (5, sha(b"alpha"))
    assert not artifacts.run_dir(settings.home, run_id).exists()  # the API's home holds nothing

    download = await client.get(f"/api/runs/{run_id}/artifacts/out/a.txt")
    assert (download.status_code, download.content) == (200, b"alpha")
    assert download.headers["content-length"] == "5"
    assert download.headers["content-disposition"] == 'attachment; filename="a.txt"'
    log = await client.get(f"/api/runs/{run_id}/artifacts/executions.log")
    assert log.content == (target / "executions.log").read_bytes()
    for missing in ["out", INDEX, "nothing"]:
        assert (await client.get(f"/api/runs/{run_id}/artifacts/{missing}")).status_code == 404, missing
    escape = await client.get(f"/api/runs/{run_id}/artifacts/..%2f..%2fx")
    assert escape.status_code == 422

    assert (await client.delete(f"/api/runs/{run_id}")).status_code == 204
    assert stored.index() == {}
    assert stored.store.files() == {}


async def test_a_checkpoint_the_store_refuses_is_not_recorded(
    settings: Settings, sessions: async_sessionmaker[AsyncSession], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An upload that fails (the store down, a refused write) leaves the checkpoint unrecorded,
    with the reason in the run's log, so no attempt resumes from a checkpoint the store lacks;
    the attempt goes on, and its end uploads the folder once the store answers again."""
    real = ObjectStore.put_file
    refused: list[str] = []

    def flaky(self: ObjectStore, local: Path, relative: str) -> None:
        if relative == "ckpt-0" and not refused:
            refused.append(relative)
            raise OSError("connection reset by the store")
        real(self, local, relative)

    monkeypatch.setattr(ObjectStore, "put_file", flaky)
    worker_settings = settings.model_copy(update={"home": tmp_path / "machine-a"})
    run_id = await submit(
        sessions,
        {"op": "checkpoint", "path": "ckpt-0", "step": 1},
        {"op": "artifact", "path": "out/a.txt", "text": "alpha"},
    )
    async with running(Worker(worker_settings, sessions)):
        done = await wait_for(sessions, run_id, RunStatus.SUCCEEDED, RunStatus.FAILED)
    assert (done.status, done.error, done.last_checkpoint) == (RunStatus.SUCCEEDED, None, None)
    assert refused == ["ckpt-0"]
    async with sessions() as session:
        lines = [line.line for line in await store.logs_after(session, run_id, 0, 10_000)]
        recorded = [record.path for record in await store.artifact_records(session, run_id)]
    assert (
        "checkpoint 'ckpt-0' refused: not uploaded to the artifact store: OSError: connection reset by the store"
        in lines
    )
    assert recorded == ["out/a.txt"]
    stored = mirror_of(settings, run_id)
    assert stored is not None
    assert {"ckpt-0", "out/a.txt"} <= set(stored.index())  # the end of the attempt uploaded the rest


async def test_lines_after_a_checkpoint_are_written_while_it_uploads(
    settings: Settings, sessions: async_sessionmaker[AsyncSession], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A multi-gigabyte checkpoint's upload must not hold back the run's log: the lines the run
    writes after reporting it are stored while the upload is still going (here held until the
    test has seen them), and the checkpoint is recorded, and resumable, only once it is whole
    in the store. The attempt's end waits for it."""
    real = ObjectStore.put_file
    release = threading.Event()

    def held(self: ObjectStore, local: Path, relative: str) -> None:
        if relative.startswith("ckpt-0"):
            assert release.wait(HANG_GUARD), "the test never released the upload"
        real(self, local, relative)

    monkeypatch.setattr(ObjectStore, "put_file", held)
    run_id = await submit(
        sessions,
        {"op": "checkpoint", "path": "ckpt-0", "step": 1},
        {"op": "print", "text": "after the checkpoint"},
        {"op": "artifact", "path": "out/a.txt", "text": "alpha"},
    )
    async with running(Worker(settings.model_copy(update={"home": tmp_path / "machine-a"}), sessions)):
        deadline = time.monotonic() + HANG_GUARD
        while True:
            async with sessions() as session:
                lines = [line.line for line in await store.logs_after(session, run_id, 0, 10_000)]
                records = await store.artifact_records(session, run_id)
                run = await store.get(session, run_id)
            if "after the checkpoint" in lines:
                break
            assert time.monotonic() < deadline, f"the line after the checkpoint was held back: {lines}"
            await asyncio.sleep(0.05)
        assert (run.status, run.last_checkpoint, records) == (RunStatus.RUNNING, None, [])
        release.set()
        done = await wait_for(sessions, run_id, RunStatus.SUCCEEDED, RunStatus.FAILED)
    assert (done.status, done.error, done.last_checkpoint) == (RunStatus.SUCCEEDED, None, "ckpt-0")
    async with sessions() as session:
        lines = [line.line for line in await store.logs_after(session, run_id, 0, 10_000)]
        recorded = [(record.path, record.kind) for record in await store.artifact_records(session, run_id)]
    assert lines.index("checkpoint ckpt-0 at step 1") < lines.index("after the checkpoint")
    assert sorted(recorded) == [("ckpt-0", "checkpoint"), ("out/a.txt", "artifact")]
