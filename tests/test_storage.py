"""The artifact store (``tunix_rt.storage``) on a real S3-compatible server on loopback and on a
local folder: round trips, keys that cannot escape their prefix, and uploads that are interrupted
(a process killed mid-upload, an upload failing midway) never leaving a partial object visible as
complete, with a retry completing."""

from __future__ import annotations

import functools
import hashlib
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tunix_rt.errors import Invalid, NotFound
from tunix_rt.settings import Settings
from tunix_rt.storage import ObjectStore, artifact_store, relative_key

PART = 5 * 2**20
"""The smallest part S3 accepts but the last: a 12 MiB file goes up as three parts with it."""


@pytest.fixture(params=["s3", "file"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> ObjectStore:
    if request.param == "s3":
        url, options = request.getfixturevalue("s3_store")
        return ObjectStore(url, **options)
    return ObjectStore(f"file://{tmp_path / 'store'}")


@pytest.fixture
def s3(s3_store: tuple[str, dict[str, Any]]) -> ObjectStore:
    url, options = s3_store
    return ObjectStore(url, **options)


@pytest.fixture
def big(tmp_path: Path) -> Path:
    path = tmp_path / "checkpoint.bin"
    path.write_bytes(os.urandom(12 * 2**20))
    return path


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_files_round_trip(store: ObjectStore, tmp_path: Path) -> None:
    local = tmp_path / "local"
    (local / "ckpt" / "inner").mkdir(parents=True)
    (local / "ckpt" / "a.bin").write_bytes(b"aa")
    (local / "ckpt" / "inner" / "b.bin").write_bytes(b"bbb")
    (local / "out.txt").write_text("out")

    store.put_file(local / "out.txt", "runs/1/out.txt")
    assert store.put_tree(local / "ckpt", "runs/1/ckpt") == ["runs/1/ckpt/a.bin", "runs/1/ckpt/inner/b.bin"]
    store.put_bytes(b"{}", "runs/1/index.json")
    assert store.exists("runs/1/out.txt")
    assert not store.exists("runs/1/missing")
    assert store.read_bytes("runs/1/index.json") == b"{}"
    assert store.size("runs/1/ckpt/inner/b.bin") == 3
    assert b"".join(store.chunks("runs/1/out.txt")) == b"out"
    assert store.files("runs/1") == {
        "runs/1/out.txt": 3,
        "runs/1/ckpt/a.bin": 2,
        "runs/1/ckpt/inner/b.bin": 3,
        "runs/1/index.json": 2,
    }

    copy = tmp_path / "copy"
    assert store.get_tree("runs/1/ckpt", copy / "ckpt") == 2
    assert (copy / "ckpt" / "inner" / "b.bin").read_bytes() == b"bbb"
    assert store.get_tree("runs/1/out.txt", copy / "out.txt") == 1
    assert (copy / "out.txt").read_text() == "out"
    assert sorted(p.name for p in copy.rglob("*")) == ["a.bin", "b.bin", "ckpt", "inner", "out.txt"]

    child = store.child("runs/1")
    assert child.read_bytes("ckpt/a.bin") == b"aa"
    assert child.url == f"{store.url}/runs/1"
    store.remove("runs/1/ckpt")
    assert set(store.files()) == {"runs/1/out.txt", "runs/1/index.json"}
    child.remove("")
    assert store.files() == {}
    store.remove("runs/1")  # nothing there: no error


def test_missing_objects_are_not_found(store: ObjectStore, tmp_path: Path) -> None:
    with pytest.raises(NotFound):
        store.read_bytes("nope")
    with pytest.raises(NotFound):
        store.size("nope")
    with pytest.raises(NotFound):
        store.get_file("nope", tmp_path / "nope")
    with pytest.raises(NotFound):
        b"".join(store.chunks("nope"))
    assert not (tmp_path / "nope").exists()
    assert list(tmp_path.glob(".downloading-*")) == []


@pytest.mark.parametrize("bad", ["", "/etc/passwd", "../x", "runs/../../x", "a\0b", "a\\b"])
def test_keys_never_leave_the_store(bad: str) -> None:
    with pytest.raises(Invalid):
        relative_key(bad)


def test_object_stores_upload_in_place_and_filesystems_through_a_rename(
    s3: ObjectStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert s3.atomic_puts
    local = ObjectStore(f"file://{tmp_path / 'store'}")
    assert not local.atomic_puts
    source = tmp_path / "a.bin"
    source.write_bytes(b"abc")

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise OSError("disk gone")

    monkeypatch.setattr(local.fs, "mv", refuse)
    with pytest.raises(OSError, match="disk gone"):
        local.put_file(source, "runs/1/a.bin")
    with pytest.raises(OSError, match="disk gone"):
        local.put_bytes(b"abc", "runs/1/b.bin")
    assert local.files() == {}  # neither the target nor a temporary is left
    monkeypatch.undo()
    local.put_file(source, "runs/1/a.bin")
    assert local.files() == {"runs/1/a.bin": 3}


KILLED_MIDWAY = """
import functools, os, signal, sys
from pathlib import Path
from tunix_rt.storage import ObjectStore

url, endpoint, source, key, part = sys.argv[1:]
store = ObjectStore(url, endpoint_url=endpoint)
real = store.fs._call_s3

async def call(method, *args, **kwargs):
    out = await real(method, *args, **kwargs)
    if method == "upload_part":  # one part is on the server: the machine dies now
        os.kill(os.getpid(), signal.SIGKILL)
    return out

store.fs._call_s3 = call
store.fs.put_file = functools.partial(store.fs.put_file, chunksize=int(part))
store.put_file(Path(source), key)
"""


def pending_uploads(store: ObjectStore) -> list[str]:
    bucket = store.root.split("/", 1)[0]
    answer = store.fs.call_s3("list_multipart_uploads", Bucket=bucket)
    return [upload["Key"] for upload in answer.get("Uploads", [])]


def test_an_upload_killed_midway_leaves_no_object_and_a_retry_completes(
    s3: ObjectStore, s3_store: tuple[str, dict[str, Any]], big: Path
) -> None:
    url, options = s3_store
    key = "runs/1/checkpoint.bin"
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_MIDWAY, url, options["endpoint_url"], str(big), key, str(PART)],
        env=os.environ,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    # the upload had begun (a multipart upload with a part holds bytes on the server), yet no
    # object exists under the key: nothing can read a third of the checkpoint as if whole
    assert pending_uploads(s3) == [f"{s3.root.split('/', 1)[1]}/{key}"]
    assert not s3.exists(key)
    assert s3.files() == {}

    s3.put_file(big, key)  # the retry of the next attempt
    assert s3.size(key) == big.stat().st_size
    assert digest(b"".join(s3.chunks(key))) == digest(big.read_bytes())


def test_an_upload_failing_midway_is_aborted_and_leaves_no_object(
    s3: ObjectStore, big: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = s3.fs._call_s3
    parts: list[int] = []

    async def failing(method: str, *args: Any, **kwargs: Any) -> Any:
        if method == "upload_part":
            parts.append(kwargs["PartNumber"])
            if len(parts) == 2:
                raise ConnectionResetError("connection lost mid-part")
        return await real(method, *args, **kwargs)

    monkeypatch.setattr(s3.fs, "_call_s3", failing)
    monkeypatch.setattr(s3.fs, "put_file", functools.partial(s3.fs.put_file, chunksize=PART))
    with pytest.raises(ConnectionResetError):
        s3.put_file(big, "runs/1/checkpoint.bin")
    assert parts[:2] == [1, 2]  # s3fs sends parts from concurrent tasks: a third may have left too
    assert not s3.exists("runs/1/checkpoint.bin")
    assert pending_uploads(s3) == []  # aborted: its parts are gone too

    monkeypatch.undo()
    s3.put_file(big, "runs/1/checkpoint.bin")
    assert digest(s3.read_bytes("runs/1/checkpoint.bin")) == digest(big.read_bytes())


def test_the_setting_names_the_store(tmp_path: Path) -> None:
    assert artifact_store(Settings(home=tmp_path, _env_file=None)) is None
    store = artifact_store(Settings(home=tmp_path, artifact_store=f"file://{tmp_path}/s/", _env_file=None))
    assert store is not None
    assert store.url == f"file://{tmp_path}/s"
    with_blobs = Settings(home=tmp_path, artifact_store="s3://b/p/", artifact_store_options={"a": 1}, _env_file=None)
    assert (with_blobs.resolved_blob_url, with_blobs.resolved_blob_options) == ("s3://b/p/blobs", {"a": 1})
    own = Settings(home=tmp_path, artifact_store="s3://b/p", blob_url="memory://x", _env_file=None)
    assert (own.resolved_blob_url, own.resolved_blob_options) == ("memory://x", {})


def test_objects_another_process_writes_are_seen_after_a_listing(
    s3: ObjectStore, s3_store: tuple[str, dict[str, Any]]
) -> None:
    """A long-lived server lists a prefix, then a worker elsewhere writes under it: the server
    must see the new object (a listing cached in this process would hide it for good)."""
    import s3fs

    s3.put_bytes(b"old", "runs/1/a.bin")
    assert s3.files("runs/1") == {"runs/1/a.bin": 3}
    url, options = s3_store
    elsewhere = s3fs.S3FileSystem(**options, skip_instance_cache=True)
    elsewhere.pipe_file(f"{url.removeprefix('s3://')}/runs/1/b.bin", b"new!")
    assert s3.exists("runs/1/b.bin")
    assert s3.size("runs/1/b.bin") == 4
    assert b"".join(s3.chunks("runs/1/b.bin")) == b"new!"
    assert s3.files("runs/1") == {"runs/1/a.bin": 3, "runs/1/b.bin": 4}
