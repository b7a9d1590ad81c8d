"""Dataset snapshots in the artifact store: a placed snapshot is uploaded, a machine without it
downloads it (manifest last, so a folder with a manifest is whole), a deleted one is removed
from the store too; and a build through the API lands in a real S3 bucket (loopback server)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest

from tunix_rt.datasets import snapshot
from tunix_rt.errors import NotFound
from tunix_rt.settings import Settings
from tunix_rt.storage import ObjectStore, artifact_store

KEY = "arith@v1"


def machine(tmp_path: Path, name: str) -> Settings:
    return Settings(home=tmp_path / name, artifact_store=f"file://{tmp_path / 'store'}", _env_file=None)


def test_a_snapshot_placed_on_one_machine_is_read_on_another(tmp_path: Path) -> None:
    builder, worker = machine(tmp_path, "builder"), machine(tmp_path, "worker")
    staged = snapshot.staging(builder)
    (staged / "train.jsonl").write_bytes(b'{"a": 1}\n')
    snapshot.write_manifest(staged, {"key": KEY})
    snapshot.place(staged, builder, KEY)
    store = artifact_store(builder)
    assert store is not None
    assert set(store.files("datasets")) == {f"datasets/{KEY}/train.jsonl", f"datasets/{KEY}/manifest.json"}

    local = snapshot.local(worker, KEY)
    assert local == worker.home / "datasets" / KEY
    assert (local / "train.jsonl").read_bytes() == b'{"a": 1}\n'
    assert orjson.loads((local / "manifest.json").read_bytes()) == {"key": KEY}
    assert [p.name for p in (worker.home / "datasets").iterdir()] == [KEY]  # no staging folder left
    (local / "train.jsonl").write_bytes(b"changed")  # a folder with its manifest is not fetched again
    assert (snapshot.local(worker, KEY) / "train.jsonl").read_bytes() == b"changed"

    with pytest.raises(NotFound):
        snapshot.local(worker, "other@v1")
    snapshot.discard(builder, KEY)
    assert store.files() == {}
    assert not (builder.home / "datasets" / KEY).exists()


def test_without_a_store_nothing_is_uploaded_or_fetched(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home", _env_file=None)
    assert snapshot.local(settings, KEY) == settings.home / "datasets" / KEY
    assert not (settings.home / "datasets").exists()


@pytest.fixture
def settings(settings: Settings, s3_store: tuple[str, dict[str, Any]]) -> Settings:
    url, options = s3_store
    return settings.model_copy(update={"artifact_store": url, "artifact_store_options": options})


async def test_a_build_through_the_api_lands_in_the_bucket(client: httpx.AsyncClient, settings: Settings) -> None:
    synth = await client.post("/api/traces/synth", json={"kind": "arithmetic", "count": 24, "seed": 3})
    assert synth.status_code == 200, synth.text
    built = await client.post("/api/datasets", json={"name": "arith", "split": {"eval_count": 4}})
    assert built.status_code == 201, built.text
    store = ObjectStore(str(settings.artifact_store), **settings.artifact_store_options)
    local = settings.home / "datasets" / KEY
    for name in ("manifest.json", "train.jsonl", "eval.jsonl"):
        assert store.read_bytes(f"datasets/{KEY}/{name}") == (local / name).read_bytes(), name
    assert (await client.delete(f"/api/datasets/{KEY}")).status_code == 204
    assert store.files() == {}
